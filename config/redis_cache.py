"""Django's Redis cache, reusing one client object per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every command, and
building one fills its table of ~160 response callbacks: on the service page that was about a
third of a millisecond of CPU per cache call, more than the round trip itself (bench
figures in docs/benchmarks-browse.md). A ``redis.Redis`` is safe to share between threads (each
command borrows a connection from the pool), so one per pool is kept instead. Nothing else
changes: same pools, same options, same behaviour on errors and after a fork (redis-py's pool
notices the new process and reconnects).
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    """``RedisCacheClient`` whose ``get_client`` returns one shared client per pool."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # not in the stubs
        client = self._clients.get(id(pool))
        if client is None:
            # Pools live as long as this object (Django keeps them in a list), so their id is
            # stable; two threads racing here build two clients and keep either: both work.
            build = self._client  # type: ignore[attr-defined]  # redis.Redis, not in the stubs
            client = self._clients.setdefault(id(pool), build(connection_pool=pool))
        return client


class ReusedClientRedisCache(RedisCache):
    """Django's ``RedisCache`` with ``ReusedClientRedisCacheClient`` underneath."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
