"""For mutation runs only: each pytest session starts from a copy of one migrated database.

mutmut runs every mutant in a pytest session of its own, and building the test database by
migrating takes about 7 s on this machine, more than most mutants' tests. With this plugin
(`-p tests.mutation_database --reuse-db`, which `scripts/mutate.py` passes), the first session
saves its freshly migrated database to the file FANFOLD_MUTATION_DATABASE names; every later
session copies that file and keeps the copy (`--reuse-db`), so Django only checks that every
migration is applied (0.4 s). The normal suite never loads this plugin.
"""

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

TEMPLATE = Path(os.environ.get("FANFOLD_MUTATION_DATABASE", "var/mutation/template.sqlite3"))


def pytest_configure(config):
    # Registered now, after pytest-django, so these fixtures replace its own of the same name.
    config.pluginmanager.register(MigratedOnce(), "fanfold-migrated-once")


class MigratedOnce:
    @pytest.fixture(scope="session")
    @classmethod
    def django_db_modify_db_settings(cls, django_db_modify_db_settings_parallel_suffix):
        from django.conf import settings

        if not TEMPLATE.exists():
            yield  # this session migrates in memory, and saves the result below
            return
        copy = TEMPLATE.with_name(f"session-{os.getpid()}.sqlite3")
        shutil.copyfile(TEMPLATE, copy)
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(copy)
        yield
        for name in (copy.name, f"{copy.name}-wal", f"{copy.name}-shm"):
            copy.with_name(name).unlink(missing_ok=True)

    @pytest.fixture(scope="session", autouse=True)
    @classmethod
    def save_the_migrated_database(cls, django_db_setup, django_db_blocker):
        if TEMPLATE.exists():
            return
        from django.db import connection

        # Saved before any test runs: no test's rows, and no transactional test's flush.
        partial = TEMPLATE.with_name(f"{TEMPLATE.name}.{os.getpid()}")
        with django_db_blocker.unblock():
            connection.ensure_connection()
            target = sqlite3.connect(partial)
            connection.connection.backup(target)
            target.close()
        os.replace(partial, TEMPLATE)
