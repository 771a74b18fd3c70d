"""The public surface of ``newsclean``: names, error tree, argument checks.

These tests pin what callers import and catch, so that a rename or a moved
exception shows up as a deliberate change here rather than as a break in
someone else's code.
"""

from __future__ import annotations

import importlib.metadata
from typing import Any

import pytest

import newsclean
from newsclean import (
    ConnectError,
    DecodeError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    MissingDependencyError,
    NewscleanError,
    NoArticleError,
    NotAnArticleError,
    NotHTMLError,
    ReadError,
    RobotsDisallowedError,
    TooLargeError,
    TooManyRedirectsError,
)

# The exact export list. Adding a name is a public API change: update this on
# purpose, together with the README.
EXPECTED_ALL = [
    "Article",
    "AsyncFetcher",
    "ConnectError",
    "CrawlSummary",
    "Dateline",
    "DecodeError",
    "FetchError",
    "FetchTimeoutError",
    "Fetcher",
    "HTTPStatusError",
    "Image",
    "MissingDependencyError",
    "NewscleanError",
    "NoArticleError",
    "NotAnArticleError",
    "NotHTMLError",
    "Page",
    "ReadError",
    "RobotsDisallowedError",
    "TooLargeError",
    "TooManyRedirectsError",
    "WarcResponse",
    "__version__",
    "article_schema",
    "crawl",
    "extract",
    "extract_many",
    "fetch",
    "read_warc",
    "scrape",
]

ARTICLE_HTML = (
    "<html><head><title>Harbour budget</title></head><body><article>"
    "<h1>Harbour budget</h1>"
    "<p>The harbour council met on Tuesday evening to discuss the budget for the old "
    "district, and members argued for three hours about the cost of dredging.</p>"
    "<p>A resident who has lived on the quay for forty years said the water had never "
    "been so shallow, and asked the council to act before the autumn storms.</p>"
    "</article></body></html>"
)


def test_all_is_pinned() -> None:
    assert newsclean.__all__ == EXPECTED_ALL


def test_all_is_sorted() -> None:
    # Sorted so that a diff of the list stays readable as it grows.
    assert newsclean.__all__ == sorted(newsclean.__all__)


@pytest.mark.parametrize("name", EXPECTED_ALL)
def test_every_exported_name_exists(name: str) -> None:
    assert hasattr(newsclean, name)


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, Any] = {}
    exec("from newsclean import *", namespace)
    exported = {name for name in namespace if name != "__builtins__"}
    assert exported == set(EXPECTED_ALL)


def test_version_matches_distribution_metadata() -> None:
    assert newsclean.__version__ == importlib.metadata.version("newsclean")


def _exported_exceptions() -> list[type[BaseException]]:
    objects = (getattr(newsclean, name) for name in newsclean.__all__)
    return [o for o in objects if isinstance(o, type) and issubclass(o, BaseException)]


def test_exported_exceptions_are_the_known_ones() -> None:
    assert set(_exported_exceptions()) == {
        NewscleanError,
        NoArticleError,
        NotAnArticleError,
        DecodeError,
        MissingDependencyError,
        FetchError,
        HTTPStatusError,
        FetchTimeoutError,
        ConnectError,
        TooLargeError,
        NotHTMLError,
        ReadError,
        RobotsDisallowedError,
        TooManyRedirectsError,
    }


@pytest.mark.parametrize(
    "exc",
    [
        HTTPStatusError,
        FetchTimeoutError,
        ConnectError,
        TooLargeError,
        NotHTMLError,
        RobotsDisallowedError,
        TooManyRedirectsError,
    ],
    ids=lambda e: e.__name__,
)
def test_fetch_errors_share_one_base(exc: type[BaseException]) -> None:
    # ``except FetchError`` catches every way a fetch can fail.
    assert issubclass(exc, FetchError)


@pytest.mark.parametrize("exc", _exported_exceptions(), ids=lambda e: e.__name__)
def test_every_error_derives_from_root(exc: type[BaseException]) -> None:
    # One ``except NewscleanError`` must catch everything newsclean raises about a page.
    assert issubclass(exc, NewscleanError)


def test_not_an_article_is_a_no_article_error() -> None:
    # Code that catches ``NoArticleError`` keeps catching list pages too.
    assert issubclass(NotAnArticleError, NoArticleError)


def test_root_error_is_an_exception() -> None:
    assert issubclass(NewscleanError, Exception)
    assert not issubclass(NewscleanError, (TypeError, ValueError))


def test_error_carries_url_and_message() -> None:
    exc = NoArticleError("empty document", url="https://example.com/a")
    assert exc.url == "https://example.com/a"
    assert str(exc) == "empty document"
    assert NewscleanError("x").url is None


@pytest.mark.parametrize(
    "bad", [None, 0, 3.5, [], ["<p>x</p>"], {}, {"html": "<p>x</p>"}, object()]
)
def test_wrong_argument_type_raises_type_error(bad: Any) -> None:
    # A wrong type is the caller's bug, not a property of the page, so it must
    # not be mistaken for NoArticleError by an ``except NewscleanError``.
    with pytest.raises(TypeError) as info:
        newsclean.extract(bad)
    assert not isinstance(info.value, NewscleanError)


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("", id="empty"),
        pytest.param(b"\x00\x01\x02\x03" * 500, id="binary"),
        pytest.param(
            "<html><frameset cols='50%,50%'><frame src='a.html'></frameset></html>",
            id="frameset",
        ),
        pytest.param(
            "<html><body><script>var a = 1;</script><style>p {}</style></body></html>",
            id="scripts-only",
        ),
    ],
)
def test_no_article_error_carries_url(page: str | bytes) -> None:
    url = "https://example.com/news/2024/06/19/story"
    with pytest.raises(NoArticleError) as info:
        newsclean.extract(page, url=url)
    assert info.value.url == url


def test_no_article_error_without_url() -> None:
    with pytest.raises(NoArticleError) as info:
        newsclean.extract("")
    assert info.value.url is None


def test_str_and_bytes_give_the_same_record() -> None:
    url = "https://example.com/news/harbour"
    from_str = newsclean.extract(ARTICLE_HTML, url=url)
    from_bytes = newsclean.extract(ARTICLE_HTML.encode("utf-8"), url=url)
    assert from_str == from_bytes
    assert from_str.url == url
    assert from_str.title == "Harbour budget"
    assert "cost of dredging" in from_str.body


def test_url_is_optional_and_keyword_or_positional() -> None:
    assert newsclean.extract(ARTICLE_HTML).url is None
    assert newsclean.extract(ARTICLE_HTML, "https://example.com/a").url == "https://example.com/a"


def test_url_is_the_resolved_canonical_link() -> None:
    page = (
        '<html><head><link rel="canonical" href="/news/harbour-budget"></head><body>'
        "<article><p>The harbour council met on Tuesday evening to discuss the budget for "
        "the old district, and members argued for three hours about dredging.</p>"
        "</article></body></html>"
    )
    article = newsclean.extract(page, url="https://example.com/amp/harbour-budget?utm=x")
    assert article.url == "https://example.com/news/harbour-budget"
    assert newsclean.extract(page).url is None
