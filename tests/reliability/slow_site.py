"""Settings for a served archive with one extra page, /slow, that takes as long as it is asked."""

from fanfold.settings import *  # noqa: F403

ROOT_URLCONF = "tests.reliability.slow_urls"
