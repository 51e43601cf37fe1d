"""The NinjaAPI instance: version 1 under /api/v1/, its OpenAPI schema and docs beside it."""

from ninja import NinjaAPI

from fanfold.api.auth import TOKEN_OR_GUEST
from fanfold.api.endpoints import catalogue, feedback, imports, reader, works
from fanfold.api.errors import install_error_handlers

DESCRIPTION = """\
Fanfold's archive for programs: works, chapters, tags, series, people, kudos, comments and
bookmarks, and your own shelves, history and subscriptions. Guests read what guests see; send
`Authorization: Bearer <token>` (made on your Access tokens page) to read as yourself and to
write. Listings take AO3's works-filter parameters. Every error is JSON:
`{"status", "error", "message", "fields"}`.
"""

api = NinjaAPI(
    title="Fanfold API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TOKEN_OR_GUEST,
    openapi_url="/openapi.json",
    docs_url="/docs",
)
install_error_handlers(api)
for router in (works.router, catalogue.router, feedback.router, reader.router, imports.router):
    api.add_router("/v1/", router)
