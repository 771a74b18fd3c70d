"""``fetch``, ``scrape`` and ``Fetcher`` against a real HTTP server on 127.0.0.1.

The server (tests/fetch_server.py) runs in a thread of the test run;
it also counts what it sees, so limits are checked from the server's side.
Timeouts and backoffs are small to keep the suite fast.
"""

from __future__ import annotations

import gc
import json
import logging
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import newsclean
from fetch_server import (
    CONNECTIONS,
    EN_TITLE,
    PAGES,
    ZH_HANT_TITLE,
    ZH_HTML,
    ZH_TITLE,
    NewsServer,
    gzip_bomb,
    start_server,
)
from newsclean import (
    ConnectError,
    Fetcher,
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
LOGGER = "newsclean._fetch._plan"


def _wait_for(predicate: object, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(**FAST) as fetcher:  # type: ignore[arg-type]
        yield fetcher


# -- decoding ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding", "html"),
    [
        ("utf8", "utf-8", ZH_HTML),
        ("gb2312-meta", "gb18030", None),  # GBK bytes, <meta> says gb2312
        ("big5-meta", "big5hkscs", None),
        ("utf8-as-latin1", "utf-8", ZH_HTML),  # the bytes contradict the header
        ("gbk-unlabelled", "gb18030", ZH_HTML),  # no label at all: detected
        ("bom-utf8", "utf-8", ZH_HTML),  # the BOM beats the header's gbk
        ("bom-utf16", "utf-16-le", ZH_HTML),
    ],
)
def test_encodings(
    fetcher: Fetcher, server: NewsServer, name: str, encoding: str, html: str
) -> None:
    page = fetcher.fetch(server.url(f"/page/{name}"))
    assert page.encoding == encoding
    if html is not None:
        assert page.text == html
    title = ZH_HANT_TITLE if name.startswith("big5") else ZH_TITLE
    assert f"<h1>{title}</h1>" in page.text


def test_page_record(fetcher: Fetcher, server: NewsServer) -> None:
    url = server.url("/page/big5-meta")
    page = fetcher.fetch(url)
    assert isinstance(page, Page)
    assert page.url == page.final_url == url
    assert page.status == 200
    assert page.headers["Content-Type"] == "text/html"
    assert page.content == PAGES["big5-meta"][1]
    assert page.redirects == ()
    assert 0 < page.elapsed < 5
    assert page.fetched_at.tzinfo is not None
    assert page.from_cache is False


def test_request_headers(fetcher: Fetcher, server: NewsServer) -> None:
    fetcher.fetch(server.url("/echo/defaults"))
    seen = server.stats.seen_headers["defaults"]
    assert seen["User-Agent"] == newsclean._fetch._options.DEFAULT_USER_AGENT
    assert seen["Accept-Encoding"] == "gzip, deflate"
    assert seen["Accept"].startswith("text/html, application/xhtml+xml")


@pytest.mark.parametrize("path", ["/gzip/once", "/gzip/twice", "/deflate/zlib", "/deflate/raw"])
def test_compressed_bodies(fetcher: Fetcher, server: NewsServer, path: str) -> None:
    page = fetcher.fetch(server.url(path))
    assert page.content == ZH_HTML.encode()
    assert page.text == ZH_HTML


def test_unsupported_coding_is_a_fetch_error(fetcher: Fetcher, server: NewsServer) -> None:
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
        fetcher.fetch(server.url("/brotli/x"))


def test_scrape_extracts_with_the_final_url(server: NewsServer) -> None:
    article = newsclean.scrape(server.url("/chain/1"), **FAST)  # type: ignore[arg-type]
    assert article.url == server.url("/page/en")
    assert article.title == EN_TITLE
    assert "cost of dredging" in article.body


def test_scrape_uses_the_decoded_text(server: NewsServer) -> None:
    article = newsclean.scrape(server.url("/page/gbk-unlabelled"))
    assert article.title == ZH_TITLE
    assert "疏浚河道" in article.body


# -- redirects ---------------------------------------------------------------


def test_redirect_chain(fetcher: Fetcher, server: NewsServer) -> None:
    page = fetcher.fetch(server.url("/chain/3"))
    assert page.final_url == server.url("/page/en")
    assert page.redirects == tuple(server.url(f"/chain/{n}") for n in (3, 2, 1))
    assert page.url == server.url("/chain/3")


def test_redirect_limit(server: NewsServer) -> None:
    with Fetcher(max_redirects=2) as fetcher, pytest.raises(TooManyRedirectsError) as info:
        fetcher.fetch(server.url("/chain/3"))
    assert info.value.url == server.url("/chain/3")
    with Fetcher(max_redirects=3) as fetcher:
        assert fetcher.fetch(server.url("/chain/3")).status == 200


def test_redirect_loop(fetcher: Fetcher, server: NewsServer) -> None:
    before = server.stats.hits["loop"]
    with pytest.raises(TooManyRedirectsError):
        fetcher.fetch(server.url("/loop/a"))
    assert server.stats.hits["loop"] - before == fetcher.options.max_redirects + 1


# -- retries -----------------------------------------------------------------


def test_503_twice_then_200(
    fetcher: Fetcher, server: NewsServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    page = fetcher.fetch(server.url("/flaky/twice?fail=2&status=503"))
    assert page.status == 200
    assert server.stats.statuses["twice"] == [503, 503, 200]
    retries = [r for r in caplog.records if r.name == LOGGER and "retrying" in r.message]
    assert len(retries) == 2
    assert "HTTP 503" in retries[0].message


@pytest.mark.parametrize("status", [500, 502, 504])
def test_other_retried_statuses(fetcher: Fetcher, server: NewsServer, status: int) -> None:
    page = fetcher.fetch(server.url(f"/flaky/s{status}?fail=1&status={status}"))
    assert server.stats.statuses[f"s{status}"] == [status, 200]
    assert page.status == 200


def test_429_with_retry_after(fetcher: Fetcher, server: NewsServer) -> None:
    started = time.monotonic()
    page = fetcher.fetch(server.url("/ratelimited/r1?after=1"))
    assert page.status == 200
    assert server.stats.hits["r1"] == 2
    assert time.monotonic() - started >= 0.95


def test_retry_after_is_capped(server: NewsServer) -> None:
    started = time.monotonic()
    with Fetcher(max_retry_after=0.1) as fetcher:
        assert fetcher.fetch(server.url("/ratelimited/r2?after=3600")).status == 200
    assert time.monotonic() - started < 2


def test_500_forever(server: NewsServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    url = server.url("/status/500?tag=forever")
    with Fetcher(retries=3, backoff=0.01) as fetcher, pytest.raises(HTTPStatusError) as info:
        fetcher.fetch(url)
    assert info.value.status == 500
    assert info.value.url == url
    assert server.stats.hits["forever"] == 4  # retries + 1
    messages = [r.message for r in caplog.records if r.name == LOGGER]
    assert sum("retrying" in m for m in messages) == 3
    assert [m for m in messages if "giving up" in m] == [
        f"giving up on {url} after 4 attempts: HTTP 500"
    ]


@pytest.mark.parametrize("status", [400, 403, 404, 410, 501])
def test_other_errors_are_not_retried(fetcher: Fetcher, server: NewsServer, status: int) -> None:
    with pytest.raises(HTTPStatusError) as info:
        fetcher.fetch(server.url(f"/status/{status}?tag=once{status}"))
    assert info.value.status == status
    assert server.stats.hits[f"once{status}"] == 1


def test_connect_errors_are_retried(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    url = f"http://127.0.0.1:{_closed_port()}/a"
    with pytest.raises(ConnectError) as info:
        newsclean.fetch(url, respect_robots=False, retries=2, backoff=0.01)
    assert info.value.url == url
    assert sum("retrying" in r.message for r in caplog.records) == 2
    assert any("giving up" in r.message for r in caplog.records)


# -- timeouts ----------------------------------------------------------------


def test_slower_than_the_timeout(server: NewsServer) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError):
        newsclean.fetch(server.url("/slow/s1?delay=1.5"), timeout=0.2, retries=0)
    assert time.monotonic() - started < 1.2
    assert server.stats.hits["s1"] == 1


def test_timeouts_are_retried(server: NewsServer) -> None:
    with pytest.raises(FetchTimeoutError):
        newsclean.fetch(server.url("/slow/s2?delay=1"), timeout=0.2, retries=1, backoff=0.01)
    assert _wait_for(lambda: server.stats.hits["s2"] == 2, 1)


def test_total_timeout_catches_a_trickle(server: NewsServer) -> None:
    # Each piece arrives well within the read timeout; the whole never would.
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="not complete in time"):
        newsclean.fetch(
            server.url("/trickle/t1?every=0.1&chunks=60"), timeout=(2, 2, 0.5), retries=0
        )
    assert time.monotonic() - started < 2


# -- size caps -----------------------------------------------------------------


def test_endless_body_is_cut_off(server: NewsServer) -> None:
    started = time.monotonic()
    with pytest.raises(TooLargeError) as info:
        newsclean.fetch(server.url("/huge/h200?bytes=200000000"), max_bytes=1_000_000)
    assert time.monotonic() - started < 5
    assert info.value.url == server.url("/huge/h200?bytes=200000000")
    # The server notices the hang-up long before its 200 MB are out.
    assert _wait_for(lambda: "h200" in server.stats.hung_up)
    assert server.stats.hung_up["h200"] < 50_000_000


def test_announced_length_is_refused_before_reading(server: NewsServer) -> None:
    with pytest.raises(TooLargeError, match="Content-Length"):
        newsclean.fetch(server.url("/huge/hl?bytes=200000000&length=1"), max_bytes=1_000_000)


def test_gzip_bomb_is_not_inflated(server: NewsServer) -> None:
    gzip_bomb()  # built before measuring
    gc.collect()
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError):
            newsclean.fetch(server.url("/bomb/b1"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 150 * 1024 * 1024
    assert peak < 40 * 1024 * 1024  # about max_bytes (10 MB) in practice


def test_max_bytes_counts_decoded_bytes(server: NewsServer) -> None:
    size = len(ZH_HTML.encode())
    with pytest.raises(TooLargeError):
        newsclean.fetch(server.url("/gzip/once"), max_bytes=size - 1)
    assert newsclean.fetch(server.url("/gzip/once"), max_bytes=size).text == ZH_HTML


# -- content types -------------------------------------------------------------


def test_pdf_is_not_a_page(fetcher: Fetcher, server: NewsServer) -> None:
    with pytest.raises(NotHTMLError) as info:
        fetcher.fetch(server.url("/pdf/report"))
    assert info.value.content_type == "application/pdf"
    assert info.value.url == server.url("/pdf/report")


def test_accept_widens_what_counts(server: NewsServer) -> None:
    page = newsclean.fetch(server.url("/pdf/report"), accept=["application/pdf"])
    assert page.content.startswith(b"%PDF-1.4")


@pytest.mark.parametrize("name", ["xhtml", "no-type"])
def test_pages_without_text_html(fetcher: Fetcher, server: NewsServer, name: str) -> None:
    assert "<h1>" in fetcher.fetch(server.url(f"/page/{name}")).text


# -- robots.txt ----------------------------------------------------------------


def test_robots_disallowed_path(fetcher: Fetcher, server: NewsServer) -> None:
    url = server.url("/private/secret")
    with pytest.raises(RobotsDisallowedError) as info:
        fetcher.fetch(url)
    assert info.value.url == url
    assert fetcher.fetch(server.url("/private/open")).status == 200


def test_respect_robots_false(server: NewsServer) -> None:
    before = server.stats.hits["private/anyway"]
    page = newsclean.fetch(server.url("/private/anyway"), respect_robots=False)
    assert page.status == 200
    assert server.stats.hits["private/anyway"] == before + 1


def test_robots_checked_on_every_redirect_hop(fetcher: Fetcher, server: NewsServer) -> None:
    before = server.stats.hits["private/secret"]
    with pytest.raises(RobotsDisallowedError) as info:
        fetcher.fetch(server.url("/to-private/x"))
    assert info.value.url == server.url("/to-private/x")
    assert "/private/secret" in str(info.value)
    assert server.stats.hits["private/secret"] == before


def test_robots_for_the_configured_user_agent(server: NewsServer) -> None:
    with pytest.raises(RobotsDisallowedError):
        newsclean.fetch(server.url("/page/en"), user_agent="BlockedBot/2.0 (+https://x.test)")


def test_robots_fetched_once_per_host() -> None:
    own = start_server()
    try:
        with Fetcher() as fetcher:
            for _ in range(3):
                fetcher.fetch(own.url("/page/en"))
            list(fetcher.fetch_many([own.url(f"/count/r?delay=0&n={i}") for i in range(6)]))
        assert own.stats.hits["robots.txt"] == 1
    finally:
        own.stop()


@pytest.mark.parametrize(
    ("status", "allowed"), [(404, True), (403, True), (500, False), (503, False)]
)
def test_robots_status_rules(status: int, allowed: bool) -> None:
    own = start_server(robots=status)
    try:
        with Fetcher(retries=0) as fetcher:
            if allowed:
                assert fetcher.fetch(own.url("/page/en")).status == 200
            else:
                with pytest.raises(RobotsDisallowedError, match=str(status)):
                    fetcher.fetch(own.url("/page/en"))
    finally:
        own.stop()


def test_unreachable_host_is_a_connection_error() -> None:
    # Nothing is fetched from a host whose robots.txt cannot be had, and the
    # error says what happened: the host could not be reached.
    url = f"http://127.0.0.1:{_closed_port()}/a"
    with pytest.raises(ConnectError, match="unreachable"):
        newsclean.fetch(url, retries=0)


# -- concurrency ---------------------------------------------------------------


@pytest.mark.parametrize("limit", [2, 3])
def test_per_host_concurrency_in_fetch_many(limit: int) -> None:
    own = start_server()
    try:
        urls = [own.url(f"/count/many?delay=0.15&n={i}") for i in range(10)]
        with Fetcher(per_host_concurrency=limit, concurrency=8) as fetcher:
            results = list(fetcher.fetch_many(urls))
    finally:
        own.stop()
    assert all(isinstance(r, Page) for r in results)
    assert sorted(r.url for r in results if isinstance(r, Page)) == sorted(urls)
    # Requests in flight and open connections, as the server counts them.
    assert own.stats.max_in_flight["many"] == limit
    assert own.stats.max_in_flight[CONNECTIONS] == limit


def test_per_host_concurrency_across_threads(server: NewsServer) -> None:
    urls = [server.url(f"/count/threads?delay=0.1&n={i}") for i in range(8)]
    with Fetcher(per_host_concurrency=2) as fetcher:
        threads = [threading.Thread(target=fetcher.fetch, args=(url,)) for url in urls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert server.stats.hits["threads"] == 8
    assert server.stats.max_in_flight["threads"] == 2


def test_hosts_do_not_wait_for_each_other(server: NewsServer) -> None:
    other = start_server()
    try:
        first = [server.url(f"/count/hosta?delay=0.2&n={i}") for i in range(6)]
        second = [other.url(f"/count/hostb?delay=0.2&n={i}") for i in range(6)]
        started = time.monotonic()
        with Fetcher(per_host_concurrency=2, concurrency=4) as fetcher:
            results = list(fetcher.fetch_many(first + second))
        elapsed = time.monotonic() - started
    finally:
        other.stop()
    assert len(results) == 12
    assert server.stats.max_in_flight["hosta"] == 2
    assert other.stats.max_in_flight["hostb"] == 2
    # Three rounds of 0.2 s with both hosts busy; six if host b waited for a.
    assert elapsed < 1.1


def test_per_host_delay(server: NewsServer) -> None:
    urls = [server.url(f"/count/paced?delay=0&n={i}") for i in range(4)]
    started = time.monotonic()
    with Fetcher(per_host_delay=0.15, respect_robots=False) as fetcher:
        list(fetcher.fetch_many(urls))
    assert time.monotonic() - started >= 0.45


def test_fetch_many_yields_errors_as_values(fetcher: Fetcher, server: NewsServer) -> None:
    urls = [
        server.url("/page/en"),
        server.url("/status/404?tag=batch"),
        server.url("/private/batch"),
        server.url("/pdf/batch"),
        "ftp://example.com/file",
        "not a url",
        server.url("/page/utf8"),
    ]
    results = list(fetcher.fetch_many(urls))
    assert len(results) == len(urls)
    by_url = {r.url: r for r in results}
    assert set(by_url) == set(urls)
    assert isinstance(by_url[urls[0]], Page)
    assert isinstance(by_url[urls[1]], HTTPStatusError)
    assert isinstance(by_url[urls[2]], RobotsDisallowedError)
    assert isinstance(by_url[urls[3]], NotHTMLError)
    assert type(by_url[urls[4]]) is FetchError
    assert type(by_url[urls[5]]) is FetchError
    assert isinstance(by_url[urls[6]], Page)


def test_fetch_many_streams_and_can_stop_early(server: NewsServer) -> None:
    urls = [server.url(f"/count/early?delay=0.05&n={i}") for i in range(40)]
    with Fetcher(concurrency=2, per_host_concurrency=2) as fetcher:
        for result in fetcher.fetch_many(urls):
            assert isinstance(result, Page)
            break
    assert server.stats.hits["early"] < 10


# -- cache ---------------------------------------------------------------------


@pytest.mark.parametrize("route", ["etag", "lastmod"])
def test_cache_revalidates(server: NewsServer, tmp_path: Path, route: str) -> None:
    key = f"cached-{route}"
    url = server.url(f"/{route}/{key}")
    db = tmp_path / "pages.db"
    with Fetcher(cache=db) as fetcher:
        first = fetcher.fetch(url)
    with Fetcher(cache=str(db)) as fetcher:
        second = fetcher.fetch(url)
        third = fetcher.fetch(url)
    assert server.stats.statuses[key] == [200, 304, 304]
    assert not first.from_cache
    assert second.from_cache and third.from_cache
    assert second.status == 200
    assert second.text == first.text
    assert second.content == first.content


def test_no_cache_no_validators(server: NewsServer) -> None:
    with Fetcher() as fetcher:
        fetcher.fetch(server.url("/etag/uncached"))
        fetcher.fetch(server.url("/etag/uncached"))
    assert server.stats.statuses["uncached"] == [200, 200]


# -- the caller's client ---------------------------------------------------------


def test_callers_client_is_used_and_left_open(server: NewsServer) -> None:
    with httpx.Client(headers={"X-Probe": "yes"}) as client:
        with Fetcher(client=client) as fetcher:
            fetcher.fetch(server.url("/echo/probe1"))
            fetcher.fetch(server.url("/echo/probe2"))
        assert not client.is_closed
        assert client.cookies.get("session") == "abc"
    seen = server.stats.seen_headers
    assert seen["probe1"]["X-Probe"] == "yes"
    assert seen["probe1"]["User-Agent"].startswith("newsclean/")
    assert seen["probe2"]["Cookie"] == "session=abc"


def test_callers_transport(server: NewsServer) -> None:
    page = newsclean.fetch(server.url("/echo/transport"), transport=httpx.HTTPTransport(retries=0))
    assert "User-Agent" in json.loads(page.text)


def test_extra_headers(server: NewsServer) -> None:
    newsclean.fetch(server.url("/echo/extra"), headers={"X-Extra": "1", "Accept-Language": "zh"})
    assert server.stats.seen_headers["extra"]["X-Extra"] == "1"
    assert server.stats.seen_headers["extra"]["Accept-Language"] == "zh"


def test_closed_fetcher() -> None:
    fetcher = Fetcher()
    fetcher.close()
    fetcher.close()
    with pytest.raises(RuntimeError):
        fetcher.fetch("http://127.0.0.1/")


@pytest.mark.parametrize(("cap", "least"), [(10.0, 0.9), (0.3, 0.25)])
def test_crawl_delay_is_honoured_up_to_its_cap(cap: float, least: float) -> None:
    own = start_server(robots="User-agent: *\nCrawl-delay: 1\nAllow: /\n")
    try:
        with Fetcher(max_crawl_delay=cap, per_host_concurrency=2, retries=0) as fetcher:
            started = time.monotonic()
            results = list(fetcher.fetch_many([own.url(f"/page/en?n={i}") for i in range(3)]))
            took = time.monotonic() - started
        assert all(not isinstance(r, Exception) for r in results)
        # Three requests, spaced by the delay: at least two gaps.
        assert took >= 2 * least
        assert took < 2 * cap + 5
    finally:
        own.stop()
