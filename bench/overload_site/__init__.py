"""Settings for bench/overload.py's served archive."""
