"""One small connection pool per host, behind the async fetcher's one client.

httpcore's pool walks every connection it holds each time a request starts
and each time a response is closed, and for every idle keep-alive
connection it also asks the socket whether the server has hung up (a poll
and an anyio attribute lookup, ~20 us under cProfile on the 2-core
development machine). Its cost per request therefore grows with the
connections it keeps, and a single pool sized for a whole crawl
(``concurrency`` keep-alive connections) spent most of the fetching
process's time there. A smaller single pool is no cure: with fewer
keep-alive connections than requests in flight, connections are closed and
reopened all the time.

The fetcher never has more than ``per_host_concurrency`` requests in
flight to one host, so a pool per host that keeps that many connections
alive never opens a connection it could have reused, and never walks more
than that many. The pools share one TLS context (making one reads the CA
bundle: ~30 ms each on the development machine). Pools of hosts with
nothing in flight are kept for reuse, the least recently used closed first
beyond ``IDLE_HOST_POOLS``, so a crawl over thousands of hosts does not
keep thousands of idle sockets.
See docs/fetch.md, "Connection pools".
"""

from __future__ import annotations

import urllib.request
from collections import OrderedDict
from collections.abc import AsyncIterator

import httpx

from ._options import FetchOptions
from ._policy import pool_limits

#: Pools of hosts with no request in flight kept open for reuse; pools of
#: hosts with requests in flight are never closed and not counted here. A
#: bound on idle sockets (64 at the default per_host_concurrency of 2), not a
#: measured optimum: the 20-host runs of benchmarks/fetch.py on the 2-core
#: development machine never reach it, so it costs them nothing.
IDLE_HOST_POOLS = 32

_PoolKey = tuple[bytes, bytes, int | None]


def default_async_client(options: FetchOptions) -> httpx.AsyncClient:
    """The client an ``AsyncFetcher`` makes for itself: one pool per host.

    httpx reads proxy settings from the environment only for its own
    transport, so when a proxy is configured there every request goes
    through the proxy's one pool instead, sized as ``pool_limits`` says.
    """
    proxied = {k for k in urllib.request.getproxies() if k != "no"}
    if proxied:
        return httpx.AsyncClient(limits=pool_limits(options))
    return httpx.AsyncClient(transport=HostPools(per_host=options.per_host_concurrency))


class _HostPool:
    __slots__ = ("in_flight", "key", "transport")

    def __init__(self, key: _PoolKey, transport: httpx.AsyncHTTPTransport) -> None:
        self.key = key
        self.transport = transport
        self.in_flight = 0


class HostPools(httpx.AsyncBaseTransport):
    """An httpx transport that sends each request through its host's own pool.

    ``per_host`` must be at least the number of requests the caller lets
    run at once against one host (scheme, host and port): that many
    connections are kept alive in each pool, and a pool is not capped, so
    nothing ever waits inside httpcore for a connection.
    """

    def __init__(self, *, per_host: int, idle_hosts: int = IDLE_HOST_POOLS) -> None:
        self._ssl = httpx.create_ssl_context()
        self._limits = httpx.Limits(max_connections=None, max_keepalive_connections=per_host)
        self._idle_hosts = idle_hosts
        self._pools: dict[_PoolKey, _HostPool] = {}
        #: The pools with nothing in flight, least recently used first.
        self._idle: OrderedDict[_PoolKey, _HostPool] = OrderedDict()

    @property
    def open_pools(self) -> int:
        """Pools currently open (for tests and diagnostics)."""
        return len(self._pools)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        key = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pools.get(key)
        if pool is None:
            transport = httpx.AsyncHTTPTransport(verify=self._ssl, limits=self._limits)
            pool = self._pools[key] = _HostPool(key, transport)
        self._idle.pop(key, None)
        pool.in_flight += 1
        try:
            response = await pool.transport.handle_async_request(request)
        except BaseException:
            await self._release(pool)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _Released(response.stream, self, pool)
        return response

    async def _release(self, pool: _HostPool) -> None:
        """One request of ``pool`` is over; close the oldest idle pools beyond the limit."""
        pool.in_flight -= 1
        if pool.in_flight > 0 or self._pools.get(pool.key) is not pool:
            return
        self._idle[pool.key] = pool
        while len(self._idle) > self._idle_hosts:
            _, oldest = self._idle.popitem(last=False)
            del self._pools[oldest.key]
            await oldest.transport.aclose()

    async def aclose(self) -> None:
        pools = list(self._pools.values())
        self._pools.clear()
        self._idle.clear()
        for pool in pools:
            await pool.transport.aclose()


class _Released(httpx.AsyncByteStream):
    """A response body that tells its ``HostPools`` when it is closed."""

    def __init__(self, stream: httpx.AsyncByteStream, owner: HostPools, pool: _HostPool) -> None:
        self._stream = stream
        self._owner = owner
        self._pool: _HostPool | None = pool

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            pool, self._pool = self._pool, None
            if pool is not None:
                await self._owner._release(pool)
