"""An OPDS 1.2 catalogue at /opds, so e-reader apps can browse, search and download works."""
