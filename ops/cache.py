"""The shared cache (Redis), and what each use of it does while Redis does not answer.

Production keeps rate limits, "moderators notified this hour" keys and cached pages in Redis so that
every gunicorn worker and every app server sees the same (settings.production, CACHES). Django's own
`RedisCache` raises on every call while Redis is down or stalled, and allauth's limiter, the page cache
and the notices call it inside sign-in, commenting and voting: an outage of a cache would turn the
portal's participation into 500s. `ResilientRedisCache` is Django's `RedisCache` with a fallback:

- A call that fails with a Redis error (refused, reset, timed out, out of memory…) is answered from a
  cache in this process's memory instead, and the shared cache is considered down for RETRY_SECONDS
  (OPTIONS, default 5): later calls go straight to memory, so a stalled Redis costs a worker one
  socket timeout every few seconds, not one per call. Then one call tries Redis again.
- The outage is logged once per process (ERROR), and its end (INFO). When Redis answers again,
  `recovered` is sent: pages.cache makes everything cached before the outage stale, because changes
  made meanwhile could not invalidate it.

What that means per use (the policy, also in deploy/README.md, "When Redis is down"):

- **Rate limits** (allauth's limiter: sign-in, sign-up, password reset, comments, votes, reports, page
  passwords): they keep counting, in each process's memory. A government portal must neither stop
  citizens from signing in and taking part because a cache failed (failing closed would turn a cache
  outage into a site outage), nor drop the brute-force protection of every account (failing open
  without a count). Limits are then per gunicorn worker: at most workers × servers times looser,
  still bounded, for the length of the outage, which is logged. One vote per person and pre-moderation
  are database rules and do not depend on the cache.
- **Notification intervals** (one moderators' notice per consultation per hour): counted per process;
  moderators may get one notice per worker in that hour instead of one: none is lost.
- **Cached pages, remembered routes and counts** (pages.cache): bypassed (`is_available()` is False):
  pages are rendered for every request, so nobody is served a copy that another server could not
  invalidate. Slower, never wrong.
- Anything else (Wagtail's image renditions, PDF flags) uses the memory fallback like the limits.
"""

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Sent (sender: the backend) by the first call that reaches Redis again after an outage.
recovered = Signal()

DEFAULT_RETRY_SECONDS = 5.0
FALLBACK_MAX_ENTRIES = 10_000


class _Health:
    """Per process and per Redis location: every thread's backend object shares it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0  # time.monotonic() before which calls skip Redis
        self.down_since = None  # wall-clock time of the outage's first failure; None while Redis answers


_health = {}
_health_lock = threading.Lock()


def _health_for(location):
    with _health_lock:
        return _health.setdefault(location, _Health())


class _ReusingClient(RedisCacheClient):
    """Django's Redis client makes a new `redis.Redis` object on every call (cheap sockets from the pool, but
    the object itself costs about as much as a bare view): keep one per connection pool. Django's caches are
    per thread, and so is this object."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that answers from process memory while Redis fails (module docstring)."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        # Ours, not redis-py's: taken out before Django hands OPTIONS to the Redis client.
        self.retry_seconds = float(options.pop("RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        params = {**params, "OPTIONS": options}
        super().__init__(server, params)
        self._class = _ReusingClient
        location = server if isinstance(server, str) else ",".join(server)
        self._health_state = _health_for(f"{location}|{params.get('KEY_PREFIX', '')}")
        self._fallback = LocMemCache(
            f"tawasul-fallback|{location}|{params.get('KEY_PREFIX', '')}",
            {
                "TIMEOUT": params.get("TIMEOUT", DEFAULT_TIMEOUT),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "KEY_FUNCTION": params.get("KEY_FUNCTION"),
                "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES},
            },
        )

    @property
    def available(self):
        """False while Redis is considered down: callers that must not use process memory skip the cache."""
        return time.monotonic() >= self._health_state.down_until

    def _call(self, name, *args, **kwargs):
        if not self.available:
            return getattr(self._fallback, name)(*args, **kwargs)
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            self._went_down(error)
            return getattr(self._fallback, name)(*args, **kwargs)
        if self._health_state.down_since is not None:
            self._came_back()
        return result

    def _went_down(self, error):
        health = self._health_state
        with health.lock:
            first = health.down_since is None
            if first:
                health.down_since = time.time()
            health.down_until = time.monotonic() + self.retry_seconds
        if first:
            logger.error(
                "The shared cache (Redis) does not answer (%s: %s). Until it does, rate limits count in "
                "each process's memory and cached pages are bypassed (ops/cache.py).",
                error.__class__.__name__,
                error,
            )

    def _came_back(self):
        health = self._health_state
        with health.lock:
            since, health.down_since = health.down_since, None
        if since is None:
            return  # another thread saw it first
        self._fallback.clear()  # this outage's counters and values must not come back in the next one
        logger.warning("The shared cache (Redis) answers again after %.0f s.", time.time() - since)
        try:
            recovered.send(sender=self.__class__, backend=self)
        except Exception:
            logger.exception("A handler of the shared cache's recovery failed")

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        return self._call("clear")


def is_available(alias="default"):
    """Whether the shared cache answers (always True for caches without a fallback: locmem in
    development and tests, where there is nothing to be inconsistent with)."""
    return getattr(caches[alias], "available", True)
