"""The pages that compose several apps: the work page, filtered listings, profiles, dashboards."""
