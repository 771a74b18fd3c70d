"""newsclean: news web pages in, clean article records out.

>>> import newsclean
>>> article = newsclean.extract(raw_html, url="https://example.com/a")
>>> article.title, article.body, article.images
>>> article = newsclean.scrape("https://example.com/a")   # fetch, then extract
"""

from __future__ import annotations

import logging

from ._crawl import CrawlSummary, crawl
from ._errors import (
    ConnectError,
    DecodeError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    MissingDependencyError,
    NewscleanError,
    NoArticleError,
    NotHTMLError,
    RobotsDisallowedError,
    TooLargeError,
    TooManyRedirectsError,
)
from ._fetch import AsyncFetcher, Fetcher, fetch, scrape
from ._models import Article, Dateline, Image, Page
from ._pipeline import extract
from ._schema import article_schema
from ._version import __version__

__all__ = [
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
    "NotHTMLError",
    "Page",
    "RobotsDisallowedError",
    "TooLargeError",
    "TooManyRedirectsError",
    "__version__",
    "article_schema",
    "crawl",
    "extract",
    "fetch",
    "scrape",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
