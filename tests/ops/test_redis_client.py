"""The shared cache keeps one Redis client per connection pool instead of building one per call."""

import pytest

from ops.cache import ResilientRedisCache

REDIS = "redis://127.0.0.1:6379/12"


def test_every_call_reuses_the_same_client_and_still_reaches_redis():
    cache = ResilientRedisCache(REDIS, {"KEY_PREFIX": "tawasul-test-client"})
    try:
        cache.set("answer", 42)
    except Exception as error:  # pragma: no cover - the machine runs Redis (guide: real parts)
        pytest.fail(f"Redis at {REDIS} did not answer: {error}")
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client("answer") is cache._cache.get_client("other")
    assert cache.get("answer") == 42
    cache.delete("answer")
    assert cache.get("answer") is None
