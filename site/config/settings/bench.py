"""`make bench` (bench/run.py): production settings plus a bare view to compare with.

Everything production does (PostgreSQL, Redis, whitenoise, middleware, DEBUG off) is kept; the only
differences are the bare view's address (bench/urls.py) and that seed_demo may run, since the
benchmark's database is its own (tawasul_bench) and thrown away.
"""

from .production import *  # noqa: F403

TAWASUL_ENVIRONMENT = "bench"
ROOT_URLCONF = "bench.urls"

# Every vote in the benchmark comes from 127.0.0.1: the per-address limit would turn the vote target into a
# benchmark of 429 pages. The limiter still runs (same cost); each benchmark voter votes once.
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "vote": "30/h/user,10000000/h/ip"}  # noqa: F405
