"""Series pages: the series' works listing and downloads."""
