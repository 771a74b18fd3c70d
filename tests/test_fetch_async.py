"""``AsyncFetcher`` against the same real server: the same rules through ``await``.

Each test drives its coroutine with ``asyncio.run`` (no pytest plugin).
"""

from __future__ import annotations

import asyncio
import gc
import importlib.abc
import sys
import time
import tracemalloc
from pathlib import Path

import httpx
import pytest

from fetch_server import CONNECTIONS, ZH_HTML, NewsServer, gzip_bomb, start_server
from newsclean import (
    AsyncFetcher,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    NotHTMLError,
    Page,
    RobotsDisallowedError,
    TooLargeError,
    TooManyRedirectsError,
)
from newsclean._fetch._pools import HostPools

FAST = {"backoff": 0.01, "timeout": 5.0}


def test_fetch_one_page(server: NewsServer) -> None:
    async def main() -> Page:
        async with AsyncFetcher(**FAST) as fetcher:  # type: ignore[arg-type]
            return await fetcher.fetch(server.url("/page/gbk-unlabelled"))

    page = asyncio.run(main())
    assert page.text == ZH_HTML
    assert page.encoding == "gb18030"


def test_redirects_retries_and_errors(server: NewsServer) -> None:
    async def main() -> None:
        async with AsyncFetcher(**FAST) as fetcher:  # type: ignore[arg-type]
            page = await fetcher.fetch(server.url("/chain/2"))
            assert page.redirects == (server.url("/chain/2"), server.url("/chain/1"))
            assert (await fetcher.fetch(server.url("/flaky/async503?fail=2"))).status == 200
            with pytest.raises(TooManyRedirectsError):
                await fetcher.fetch(server.url("/loop/a"))
            with pytest.raises(HTTPStatusError):
                await fetcher.fetch(server.url("/status/404?tag=async404"))
            with pytest.raises(NotHTMLError):
                await fetcher.fetch(server.url("/pdf/async"))
            with pytest.raises(RobotsDisallowedError):
                await fetcher.fetch(server.url("/private/async"))

    asyncio.run(main())
    assert server.stats.statuses["async503"] == [503, 503, 200]
    assert server.stats.hits["async404"] == 1


def test_500_forever_attempts(server: NewsServer) -> None:
    async def main() -> None:
        async with AsyncFetcher(retries=2, backoff=0.01) as fetcher:
            with pytest.raises(HTTPStatusError):
                await fetcher.fetch(server.url("/status/503?tag=async-forever"))

    asyncio.run(main())
    assert server.stats.hits["async-forever"] == 3


def test_timeout(server: NewsServer) -> None:
    async def main() -> None:
        async with AsyncFetcher(timeout=0.2, retries=0) as fetcher:
            with pytest.raises(FetchTimeoutError):
                await fetcher.fetch(server.url("/slow/as1?delay=1"))

    started = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - started < 0.9


def test_size_caps(server: NewsServer) -> None:
    gzip_bomb()
    gc.collect()

    async def main() -> None:
        async with AsyncFetcher() as fetcher:
            with pytest.raises(TooLargeError):
                await fetcher.fetch(server.url("/bomb/async"))
        async with AsyncFetcher(max_bytes=1_000_000) as fetcher:
            with pytest.raises(TooLargeError):
                await fetcher.fetch(server.url("/huge/ah?bytes=200000000"))

    tracemalloc.start()
    try:
        asyncio.run(main())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 150 * 1024 * 1024
    deadline = time.monotonic() + 5
    while "ah" not in server.stats.hung_up and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.stats.hung_up["ah"] < 50_000_000


@pytest.mark.parametrize("limit", [2, 3])
def test_per_host_concurrency(limit: int) -> None:
    own = start_server()
    urls = [own.url(f"/count/many?delay=0.15&n={i}") for i in range(10)]

    async def main() -> list[Page | FetchError]:
        async with AsyncFetcher(per_host_concurrency=limit, concurrency=8) as fetcher:
            return [result async for result in fetcher.fetch_many(urls)]

    try:
        results = asyncio.run(main())
    finally:
        own.stop()
    assert sorted(r.url for r in results) == sorted(urls)
    assert all(isinstance(r, Page) for r in results)
    assert own.stats.max_in_flight["many"] == limit
    assert own.stats.max_in_flight[CONNECTIONS] == limit


def test_per_host_concurrency_across_tasks(server: NewsServer) -> None:
    urls = [server.url(f"/count/async-gather?delay=0.1&n={i}") for i in range(8)]

    async def main() -> None:
        async with AsyncFetcher(per_host_concurrency=2) as fetcher:
            await asyncio.gather(*(fetcher.fetch(url) for url in urls))

    asyncio.run(main())
    assert server.stats.max_in_flight["async-gather"] == 2


def test_fetch_many_errors_are_values(server: NewsServer) -> None:
    urls = [
        server.url("/page/en"),
        server.url("/status/410?tag=async-batch"),
        "ftp://example.com/x",
        server.url("/private/async-batch"),
    ]

    async def main() -> list[Page | FetchError]:
        async with AsyncFetcher(**FAST) as fetcher:  # type: ignore[arg-type]
            return [result async for result in fetcher.fetch_many(urls)]

    results = {r.url: r for r in asyncio.run(main())}
    assert isinstance(results[urls[0]], Page)
    assert isinstance(results[urls[1]], HTTPStatusError)
    assert type(results[urls[2]]) is FetchError
    assert isinstance(results[urls[3]], RobotsDisallowedError)


def test_stopping_early_cancels_the_rest(server: NewsServer) -> None:
    urls = [server.url(f"/count/async-early?delay=0.1&n={i}") for i in range(40)]

    async def main() -> None:
        async with AsyncFetcher(concurrency=4, per_host_concurrency=4) as fetcher:
            batch = fetcher.fetch_many(urls)
            async for result in batch:
                assert isinstance(result, Page)
                break
            await batch.aclose()

    started = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - started < 1.5
    time.sleep(0.2)
    assert server.stats.hits["async-early"] < 10


def test_robots_fetched_once_under_concurrency() -> None:
    own = start_server()
    try:

        async def main() -> None:
            async with AsyncFetcher(per_host_concurrency=4) as fetcher:
                urls = [own.url(f"/count/x?delay=0&n={i}") for i in range(12)]
                await asyncio.gather(*(fetcher.fetch(url) for url in urls))

        asyncio.run(main())
        assert own.stats.hits["robots.txt"] == 1
    finally:
        own.stop()


def test_cache(server: NewsServer, tmp_path: Path) -> None:
    url = server.url("/etag/async-cache")

    async def main() -> tuple[Page, Page]:
        async with AsyncFetcher(cache=tmp_path / "c.db") as fetcher:
            return await fetcher.fetch(url), await fetcher.fetch(url)

    first, second = asyncio.run(main())
    assert server.stats.statuses["async-cache"] == [200, 304]
    assert second.from_cache and second.text == first.text


def test_callers_async_client(server: NewsServer) -> None:
    async def main() -> bool:
        async with httpx.AsyncClient(headers={"X-Probe": "async"}) as client:
            async with AsyncFetcher(client=client) as fetcher:
                await fetcher.fetch(server.url("/echo/async-probe"))
            return client.is_closed

    assert asyncio.run(main()) is False
    assert server.stats.seen_headers["async-probe"]["X-Probe"] == "async"


def test_sync_and_async_agree(server: NewsServer) -> None:
    from newsclean import Fetcher

    url = server.url("/chain/3")
    with Fetcher() as fetcher:
        sync_page = fetcher.fetch(url)

    async def main() -> Page:
        async with AsyncFetcher() as fetcher:
            return await fetcher.fetch(url)

    async_page = asyncio.run(main())
    for name in ("url", "final_url", "status", "content", "text", "encoding", "redirects"):
        assert getattr(sync_page, name) == getattr(async_page, name)


def test_one_pool_per_host_keeps_its_connections() -> None:
    """Each host's pool keeps per_host_concurrency connections alive and reuses them."""
    hosts = [start_server() for _ in range(3)]
    urls = [h.url(f"/count/pool?delay=0.02&n={i}") for i in range(20) for h in hosts]

    async def main() -> list[Page | FetchError]:
        async with AsyncFetcher(per_host_concurrency=2, concurrency=6) as fetcher:
            return [result async for result in fetcher.fetch_many(urls)]

    try:
        results = asyncio.run(main())
    finally:
        for host in hosts:
            host.stop()
    assert sorted(r.url for r in results) == sorted(urls)
    assert all(isinstance(r, Page) for r in results)
    for host in hosts:
        # The limit is reached exactly, and no connection was opened twice:
        # robots.txt and 20 pages went over the same two connections.
        assert host.stats.max_in_flight["pool"] == 2
        assert host.stats.hits[CONNECTIONS] == 2


def test_idle_host_pools_are_closed_oldest_first() -> None:
    hosts = [start_server() for _ in range(3)]

    async def main() -> int:
        pools = HostPools(per_host=2, idle_hosts=1)
        async with httpx.AsyncClient(transport=pools) as client:
            for host in hosts:
                assert (await client.get(host.url("/page/en"))).status_code == 200
            return pools.open_pools

    try:
        assert asyncio.run(main()) == 1
        deadline = time.monotonic() + 5
        while hosts[0].stats.in_flight[CONNECTIONS] and time.monotonic() < deadline:
            time.sleep(0.02)
        # The first host's pool was closed when the third host's request ended.
        assert hosts[0].stats.in_flight[CONNECTIONS] == 0
    finally:
        for host in hosts:
            host.stop()


def test_no_import_is_retried_while_fetching(server: NewsServer) -> None:
    """A missing optional module that a library imports lazily costs a path search each time."""
    looked_up: list[str] = []

    class Recorder(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: object, target: object = None) -> None:
            looked_up.append(name)

    urls = [server.url(f"/count/imports?delay=0&n={i}") for i in range(20)]

    async def main() -> None:
        async with AsyncFetcher(per_host_concurrency=4) as fetcher:
            await fetcher.fetch(server.url("/page/en"))
            sys.meta_path.insert(0, Recorder())
            try:
                results = [result async for result in fetcher.fetch_many(urls)]
            finally:
                sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, Recorder)]
            assert all(isinstance(r, Page) for r in results)

    asyncio.run(main())
    assert looked_up == []


def test_a_proxy_in_the_environment_gets_one_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpx honours environment proxies only with its own transport, so that one is kept."""
    from newsclean._fetch._options import FetchOptions
    from newsclean._fetch._pools import default_async_client

    async def transport_kind() -> bool:
        client = default_async_client(FetchOptions())
        try:
            return isinstance(client._transport, HostPools)
        finally:
            await client.aclose()

    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    assert asyncio.run(transport_kind()) is True
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    assert asyncio.run(transport_kind()) is False
