"""Settings for bench/api.py: the archive's own, with rate limits lifted so wrk measures serving."""

from fanfold.settings import *  # noqa: F403 - the real settings, changed only below
from fanfold.settings import RATE_LIMITS

RATE_LIMITS = {scope: (10**9, window) for scope, (_, window) in RATE_LIMITS.items()}
