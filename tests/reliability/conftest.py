"""Fixtures for tests that run the archive as real processes."""

import pytest


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """Where a migrated SQLite data directory is made once and copied by each test."""
    return tmp_path_factory.mktemp("migrated") / "data"
