"""The machine-readable archive: a REST API under /api/v1/, personal access tokens and archivist imports."""
