"""``AsyncFetcher`` against the same real server: the same rules through ``await``.

Each test drives its coroutine with ``asyncio.run`` (no pytest plugin).
"""

from __future__ import annotations

import asyncio
import gc
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
