"""Feedback pages that list works: bookmarks, shelves, reading history; and feedback's URLs."""
