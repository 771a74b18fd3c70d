"""The fetcher's I/O-free parts: options, retry rules, robots matching, bounded
decompression, batch ordering, records and errors. Mock transports stand in
for the network where a response is needed; the behaviour against a real
server is in test_fetch_http.py and test_fetch_async.py.
"""

from __future__ import annotations

import datetime as dt
import pickle
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import newsclean
from newsclean import (
    ConnectError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    NewscleanError,
    NotHTMLError,
    TooLargeError,
)
from newsclean._fetch import FetchOptions, Timeouts
from newsclean._fetch._body import PIECE, BodyReader, _Zlib
from newsclean._fetch._cache import CacheEntry
from newsclean._fetch._options import DEFAULT_USER_AGENT
from newsclean._fetch._policy import (
    accepts,
    http_charset,
    parse_retry_after,
    redirect_target,
    retry_delay,
    retry_reason,
    url_problem,
)
from newsclean._fetch._robots import for_status, parse_robots
from newsclean._fetch._schedule import Batch, HostSchedule
from newsclean._models import Headers, Page

PAGE = b"<html><body><article><p>A page.</p></article></body></html>"

# -- options -----------------------------------------------------------------


def test_defaults() -> None:
    options = FetchOptions.build()
    assert options.timeout == Timeouts(10.0, 30.0, 60.0)
    assert options.max_bytes == 10_000_000
    assert options.respect_robots is True
    assert options.per_host_concurrency == 2
    assert options.accept == ("text/html", "application/xhtml+xml")
    assert options.cache is None
    assert DEFAULT_USER_AGENT.startswith(f"newsclean/{newsclean.__version__} ")


def test_timeout_forms() -> None:
    assert FetchOptions.build(timeout=5).timeout == Timeouts(5.0, 5.0, 5.0)
    assert FetchOptions.build(timeout=(1, 2, None)).timeout == Timeouts(1.0, 2.0, None)
    assert FetchOptions.build(timeout=None).timeout == Timeouts(None, None, None)


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"retries": -1}, ValueError),
        ({"retries": 1.5}, TypeError),
        ({"retries": True}, TypeError),
        ({"max_bytes": 0}, ValueError),
        ({"backoff": -0.1}, ValueError),
        ({"backoff": float("nan")}, ValueError),
        ({"timeout": 0}, ValueError),
        ({"timeout": (1, 2)}, ValueError),
        ({"per_host_concurrency": 0}, ValueError),
        ({"respect_robots": "yes"}, TypeError),
        ({"user_agent": ""}, ValueError),
        ({"user_agent": "a\r\nX-Evil: 1"}, ValueError),
        ({"headers": {"User-Agent": "x"}}, ValueError),
        ({"headers": {"Accept-Encoding": "br"}}, ValueError),
        ({"headers": [("a", "b")]}, TypeError),
        ({"accept": "html"}, ValueError),
        ({"accept": []}, ValueError),
        ({"cache": 3}, TypeError),
        ({"retry": 3}, TypeError),
    ],
)
def test_bad_options_fail_at_construction(options: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        FetchOptions.build(**options)
    with pytest.raises(error):
        newsclean.Fetcher(**options)


def test_accept_normalised() -> None:
    assert FetchOptions.build(accept="Text/HTML").accept == ("text/html",)


def test_client_and_transport_are_exclusive() -> None:
    with httpx.Client() as client, pytest.raises(ValueError):
        newsclean.Fetcher(client=client, transport=httpx.HTTPTransport())


def test_client_kind_is_checked() -> None:
    with pytest.raises(TypeError):
        newsclean.Fetcher(client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        newsclean.AsyncFetcher(client=httpx.Client())  # type: ignore[arg-type]


def test_empty_batch() -> None:
    with newsclean.Fetcher() as fetcher:
        assert list(fetcher.fetch_many([])) == []


# -- policy ------------------------------------------------------------------


def test_retry_reasons() -> None:
    assert retry_reason(503, None) == "HTTP 503"
    assert retry_reason(429, None) == "HTTP 429"
    for status in (200, 301, 400, 401, 403, 404, 410, 501):
        assert retry_reason(status, None) is None
    assert retry_reason(None, ConnectError("refused", url="u")) == "refused"
    assert retry_reason(None, FetchTimeoutError("slow", url="u")) == "slow"
    assert retry_reason(None, TooLargeError("big", url="u")) is None
    assert retry_reason(None, FetchError("bad gzip", url="u")) is None


def test_backoff_grows_with_jitter() -> None:
    options = FetchOptions.build(backoff=1.0)
    for attempt in range(4):
        low = retry_delay(attempt, None, options, rng=lambda: 0.0)
        high = retry_delay(attempt, None, options, rng=lambda: 0.999999)
        assert low == pytest.approx(0.5 * 2**attempt)
        assert high == pytest.approx(1.5 * 2**attempt, rel=1e-5)


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    options = FetchOptions.build(backoff=1.0, max_retry_after=10)
    assert retry_delay(0, "3", options) == 3.0
    assert retry_delay(0, "3600", options) == 10.0
    # Unparseable: back to backoff.
    assert 0.5 <= retry_delay(0, "soon", options) <= 1.5


def test_retry_after_http_date() -> None:
    now = dt.datetime(2024, 6, 4, 8, 0, 0, tzinfo=dt.timezone.utc)
    assert parse_retry_after("Tue, 04 Jun 2024 08:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Tue, 04 Jun 2024 07:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("tomorrow") is None


def test_redirect_target() -> None:
    headers = {"location": "../b?x=1#frag"}
    assert redirect_target("http://h/a/c", 302, headers) == "http://h/b?x=1"
    assert redirect_target("http://h/a", 200, headers) is None
    assert redirect_target("http://h/a", 304, {}) is None
    assert redirect_target("http://h/a", 301, {}) is None


def test_content_types() -> None:
    accept = ("text/html", "application/xhtml+xml")
    assert accepts("text/html", accept)
    assert not accepts("application/pdf", accept)
    assert accepts("", accept)
    assert accepts("text/plain", ("text/*",))
    assert accepts("image/png", None)
    assert http_charset({"content-type": 'text/html; Charset="GB2312"'}) == "GB2312"
    assert http_charset({"content-type": "text/html"}) is None


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a", "mailto:a@b.c", "example.com/a", "http://", "http://[::1"]
)
def test_url_problems(url: str) -> None:
    assert url_problem(url) is not None


def test_good_url() -> None:
    assert url_problem("https://example.com/news?id=1") is None


# -- robots ------------------------------------------------------------------

ROBOTS = b"""
User-agent: blockedbot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*?print=
Disallow: /*.pdf$
"""


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/", True),
        ("/news/1", True),
        ("/private/a", False),
        ("/private/open/1", True),  # the longer Allow wins
        ("/story?print=1", False),  # * matches any run
        ("/report.pdf", False),
        ("/report.pdf?x=1", True),  # $ anchors the end
    ],
)
def test_robots_rules(path: str, allowed: bool) -> None:
    rules = parse_robots(ROBOTS)
    assert rules.allows("https://example.com" + path, DEFAULT_USER_AGENT) is allowed
    assert rules.allows("https://example.com" + path, "blockedbot/2.0") is False


def test_robots_status_verdicts() -> None:
    assert for_status(404).allows("http://h/a", "x")
    assert for_status(403).allows("http://h/a", "x")
    assert not for_status(500).allows("http://h/a", "x")
    assert not for_status(503).allows("http://h/a", "x")


def test_empty_robots_allows_all() -> None:
    assert parse_robots(b"").allows("http://h/anything", "x")


# -- body --------------------------------------------------------------------


def _bomb(inflated: int) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1 << 20)
    return b"".join(packer.compress(zeros) for _ in range(inflated >> 20)) + packer.flush()


def test_decompression_pieces_are_bounded() -> None:
    # One 64 KiB network chunk of a bomb inflates to ~64 MB; it must come
    # out in small pieces, never at once.
    chunk = _bomb(100 << 20)[: 64 * 1024]
    pieces = _Zlib("gzip").decode(chunk)
    sizes = [len(next(pieces)) for _ in range(50)]
    assert max(sizes) <= PIECE


def test_body_reader_stops_at_max_bytes() -> None:
    reader = BodyReader(
        url="u", where="u", content_encoding="gzip", max_bytes=1_000_000, deadline=None
    )
    with pytest.raises(TooLargeError):
        reader.feed(_bomb(8 << 20))
    assert len(reader._body) <= 1_000_000


def test_body_reader_truncates_when_asked() -> None:
    reader = BodyReader(
        url="u", where="u", content_encoding="", max_bytes=10, deadline=None, truncate=True
    )
    assert reader.feed(b"0123456789abc") is False
    assert reader.finish() == b"0123456789"


@pytest.mark.parametrize("wbits", [15, -15, 31])
def test_deflate_variants_and_gzip(wbits: int) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    data = packer.compress(PAGE * 100) + packer.flush()
    coding = "gzip" if wbits > 15 else "deflate"
    reader = BodyReader(url="u", where="u", content_encoding=coding, max_bytes=10**6, deadline=None)
    for start in range(0, len(data), 7):
        reader.feed(data[start : start + 7])
    assert reader.finish() == PAGE * 100


def test_concatenated_gzip_members() -> None:
    import gzip

    data = gzip.compress(b"first ") + gzip.compress(b"second")
    reader = BodyReader(url="u", where="u", content_encoding="gzip", max_bytes=100, deadline=None)
    reader.feed(data)
    assert reader.finish() == b"first second"


def test_corrupt_and_unknown_codings() -> None:
    reader = BodyReader(url="u", where="u", content_encoding="gzip", max_bytes=100, deadline=None)
    with pytest.raises(FetchError, match="corrupt"):
        reader.feed(b"\x1f\x8bnot really gzip at all")
    with pytest.raises(FetchError, match="unsupported Content-Encoding"):
        BodyReader(url="u", where="u", content_encoding="br", max_bytes=100, deadline=None)


# -- scheduling ----------------------------------------------------------------


def test_batch_gives_every_host_a_turn() -> None:
    urls = [f"http://a/{i}" for i in range(6)] + [f"http://b/{i}" for i in range(6)]
    batch = Batch(urls, concurrency=4, per_host=2)
    first = batch.launchable()
    # Host b is listed last but does not wait for host a's queue.
    assert sorted(u.split("/")[2] for u in first) == ["a", "a", "b", "b"]
    assert batch.launchable() == []  # both hosts are at their limit
    launched, running = list(first), list(first)
    while running:
        batch.finished(running.pop(0))
        started = batch.launchable()
        assert len(started) <= 1
        running += started
        launched += started
    assert sorted(launched) == sorted(urls)


def test_batch_reads_urls_lazily() -> None:
    pulled: list[int] = []

    def urls() -> Iterator[str]:
        for i in range(1000):
            pulled.append(i)
            yield f"http://h{i}/"

    batch = Batch(urls(), concurrency=3, per_host=1)
    assert len(batch.launchable()) == 3
    assert len(pulled) == 3


def test_batch_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        Batch([b"http://a/"], concurrency=1, per_host=1).launchable()  # type: ignore[list-item]


def test_host_schedule_spaces_requests() -> None:
    schedule = HostSchedule(0.5)
    waits = [schedule.reserve("h") for _ in range(3)]
    assert waits[0] == 0
    assert waits[1] == pytest.approx(0.5, abs=0.05)
    assert waits[2] == pytest.approx(1.0, abs=0.05)
    assert schedule.reserve("other") == 0
    assert HostSchedule(0).reserve("h") == 0


# -- records and errors --------------------------------------------------------


def test_headers_are_case_insensitive_and_immutable() -> None:
    headers = Headers([("Content-Type", "text/html"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")])
    assert headers["content-type"] == headers["CONTENT-TYPE"] == "text/html"
    assert "Set-Cookie" in headers
    assert headers.get_list("set-cookie") == ("a=1", "b=2")
    assert headers["set-cookie"] == "a=1, b=2"
    assert pickle.loads(pickle.dumps(headers)) == headers
    assert hash(headers) == hash(Headers(headers.fields))
    with pytest.raises(TypeError):
        headers["x"] = "y"  # type: ignore[index]


def test_page_is_frozen_and_picklable() -> None:
    page = Page(
        url="http://h/a",
        final_url="http://h/b",
        status=200,
        headers=Headers([("content-type", "text/html")]),
        content=PAGE,
        text=PAGE.decode(),
        encoding="utf-8",
        redirects=("http://h/a",),
        elapsed=0.1,
        fetched_at=dt.datetime.now(dt.timezone.utc),
    )
    assert pickle.loads(pickle.dumps(page)) == page
    with pytest.raises(AttributeError):
        page.status = 404  # type: ignore[misc]
    assert "content=" not in repr(page)


@pytest.mark.parametrize(
    "error",
    [
        FetchError("x", url="http://h/a"),
        HTTPStatusError("x", url="http://h/a", status=503),
        NotHTMLError("x", url="http://h/a", content_type="application/pdf"),
        TooLargeError("x", url="http://h/a"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_fetch_errors_carry_url_and_pickle(error: FetchError) -> None:
    assert isinstance(error, NewscleanError)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert copy.url == "http://h/a"
    assert str(copy) == "x"
    assert vars(copy) == vars(error)


def test_cache_entry_needs_validators() -> None:
    plain = Headers([("content-type", "text/html")])
    assert CacheEntry.of("u", 200, plain, PAGE) is None
    tagged = Headers([("etag", '"1"')])
    assert CacheEntry.of("u", 200, tagged, PAGE) is not None
    stored = Headers([("etag", '"1"'), ("cache-control", "no-store")])
    assert CacheEntry.of("u", 200, stored, PAGE) is None
    entry = CacheEntry.of("u", 200, Headers([("etag", '"1"'), ("x", "old")]), PAGE)
    assert entry is not None
    fresh = entry.refreshed(Headers([("etag", '"2"'), ("content-length", "0")]))
    assert fresh.headers["etag"] == '"2"'
    assert fresh.headers["x"] == "old"
    assert "content-length" not in fresh.headers


# -- mock transports: exceptions are wrapped -------------------------------------


def _failing(exc: Exception, calls: list[str]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        raise exc

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (httpx.ConnectError("refused"), ConnectError),
        (httpx.ReadError("reset"), ConnectError),
        (httpx.RemoteProtocolError("peer closed"), ConnectError),
        (httpx.ConnectTimeout("slow"), FetchTimeoutError),
        (httpx.ReadTimeout("slow"), FetchTimeoutError),
        (httpx.PoolTimeout("busy"), FetchTimeoutError),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else v.__name__,
)
def test_transport_errors_are_wrapped_and_retried(
    exc: Exception, expected: type[FetchError]
) -> None:
    calls: list[str] = []
    url = "http://news.example/a"
    with (
        newsclean.Fetcher(
            transport=_failing(exc, calls), respect_robots=False, retries=2, backoff=0.001
        ) as fetcher,
        pytest.raises(expected) as info,
    ):
        fetcher.fetch(url)
    assert info.value.url == url
    assert not isinstance(info.value, httpx.HTTPError)
    assert calls == [url] * 3


def test_other_httpx_errors_become_fetch_errors() -> None:
    calls: list[str] = []
    transport = _failing(httpx.DecodingError("bad"), calls)
    with pytest.raises(FetchError) as info:
        newsclean.fetch("http://news.example/a", transport=transport, respect_robots=False)
    assert type(info.value) is FetchError
    assert len(calls) == 1


def test_mock_transport_page() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=PAGE, headers={"content-type": "text/html"})

    page = newsclean.fetch("http://news.example/a", transport=httpx.MockTransport(handler))
    assert page.text == PAGE.decode()
    assert page.encoding == "utf-8"


def test_bad_urls_are_fetch_errors() -> None:
    for url in ("ftp://example.com/a", "not a url"):
        with pytest.raises(FetchError) as info:
            newsclean.fetch(url)
        assert info.value.url == url
    with pytest.raises(TypeError):
        newsclean.fetch(b"http://example.com/")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        # ``Disallow: /*?`` blocks URLs with a query, not the whole site.
        (b"User-agent: *\nDisallow: /*?\n", "/news/a", True),
        (b"User-agent: *\nDisallow: /*?\n", "/news/a?x=1", False),
        # ``/search?`` is a prefix with a literal ``?``: ``/searchresults`` is allowed.
        (b"User-agent: *\nDisallow: /search?\n", "/searchresults", True),
        # The longest match wins, counted on the rule as written.
        (b"User-agent: *\nDisallow: /*?q=\nAllow: /news/a\n", "/news/a?q=1", True),
        # Two groups for the same agent are merged.
        (
            b"User-agent: newsclean\nDisallow: /a\n\nUser-agent: newsclean\nDisallow: /b\n",
            "/b",
            False,
        ),
        # A blank line after User-agent does not drop the group's rules.
        (b"User-agent: newsclean\n\nDisallow: /a\n", "/a", False),
        # A byte order mark does not hide the file.
        (b"\xef\xbb\xbfUser-agent: *\nDisallow: /\n", "/a", False),
        # The agent's own group replaces ``*``.
        (b"User-agent: *\nDisallow: /\n\nUser-agent: newsclean\nAllow: /\n", "/a", True),
        # Allow wins a tie.
        (b"User-agent: *\nDisallow: /a\nAllow: /a\n", "/a", True),
    ],
)
def test_robots_as_rfc_9309_reads_it(robots: bytes, path: str, allowed: bool) -> None:
    rules = parse_robots(robots)
    assert rules.allows("https://example.com" + path, DEFAULT_USER_AGENT) is allowed


def test_robots_crawl_delay_and_sitemaps() -> None:
    rules = parse_robots(
        b"User-agent: *\nCrawl-delay: 4\nDisallow: /private/\n"
        b"Sitemap: https://example.com/sitemap.xml\nSitemap: https://example.com/news.xml\n"
    )
    assert rules.crawl_delay(DEFAULT_USER_AGENT) == 4.0
    assert rules.sitemaps == ("https://example.com/sitemap.xml", "https://example.com/news.xml")
    assert parse_robots(b"User-agent: *\nDisallow:\n").crawl_delay(DEFAULT_USER_AGENT) is None
