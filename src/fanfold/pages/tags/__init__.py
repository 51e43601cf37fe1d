"""Tag pages: a tag's works listing and counts, and the wrangling pages."""
