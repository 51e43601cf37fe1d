"""Import pages: upload, and the review that reuses the posting form."""
