"""Work and chapter pages: reading (with kudos, comments, bookmarks, series, downloads) and posting."""
