"""Read-your-writes across app servers, and reads that survive a replica going away."""

from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from fanfold.replicas import routing

PIN_COOKIE = "fanfold_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ReplicaReads:
    """Pins writers to the primary for a while, and retries a read that failed on a replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = request.method not in SAFE_METHODS
        routing.forget_replica_used()
        with routing.replica_reads(not writes and PIN_COOKIE not in request.COOKIES):
            response = self.get_response(request)
        if writes and routing.replica_aliases():
            # What this reader just wrote may not have reached a replica yet.
            response.set_cookie(
                PIN_COOKIE, "1", max_age=settings.REPLICA_PIN_SECONDS, httponly=True, samesite="Lax"
            )
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        replica = routing.replica_used()
        if replica is None or request.method not in SAFE_METHODS:
            return None
        if not isinstance(exception, DatabaseError):
            return None
        routing.mark_down(replica)
        routing.forget_replica_used()
        with routing.primary_only():
            return self.get_response(request)
