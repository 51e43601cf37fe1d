"""The API's endpoints, one router per domain noun."""

from fanfold.api.schemas import ErrorOut

# Every status an endpoint may refuse with, documented so clients (and schemathesis) expect them.
REFUSALS = {status: ErrorOut for status in (400, 401, 403, 404, 405, 409, 413, 422, 429)}
