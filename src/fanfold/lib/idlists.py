"""A database condition "this column is one of these ids" for lists of any length.

`column__in=[...]` spends a bound parameter per id, and SQLite refuses more than 32,766 of
them; here the whole list is one parameter (a PostgreSQL array, a JSON array on SQLite).
"""

import json
from collections.abc import Iterable

from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL

# Ids and counts are signed 64-bit integers; a larger number overflows database drivers
# (SQLite raises OverflowError), and Django range-checks `pk=` but not `id__in`.
LARGEST_NUMBER = 2**63 - 1


def one_of(column: str, ids: Iterable[int], using: str = "default") -> Q:
    values = [int(value) for value in ids]
    if connections[using].vendor == "postgresql":
        listed = RawSQL("SELECT unnest(%s::bigint[])", [values])
    else:
        listed = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])
    return Q(**{f"{column}__in": listed})
