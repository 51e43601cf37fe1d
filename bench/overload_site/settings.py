"""The archive's settings with per-person rate limits lifted: the load test comes from one
address and a few accounts, and measures the server, not the limits (which answer 429 fast)."""

from fanfold.settings import *  # noqa: F403

RATE_LIMITS = {scope: (10**9, window) for scope, (_, window) in RATE_LIMITS.items()}  # noqa: F405
