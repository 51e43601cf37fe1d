"""The API's OpenAPI document as committed in docs/openapi.json: generated, then compared in CI."""

import json
from pathlib import Path

from django.conf import settings

from fanfold.api.api import api

SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "openapi.json"


def openapi_text() -> str:
    """Stable text: sorted keys and a final newline, so a diff shows only real changes."""
    return json.dumps(api.get_openapi_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
