"""newsclean: news web pages in, clean article records out.

>>> import newsclean
>>> article = newsclean.extract(raw_html, url="https://example.com/a")
>>> article.title, article.body, article.images
>>> article = newsclean.scrape("https://example.com/a")   # fetch, then extract
>>> for result in newsclean.extract_many(pages, jobs=2):  # Article or error, in order
"""

from __future__ import annotations

import logging

from ._batch import extract_many
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
    NotAnArticleError,
    NotHTMLError,
    ReadError,
    RobotsDisallowedError,
    TooLargeError,
    TooManyRedirectsError,
)
from ._fetch import AsyncFetcher, Fetcher, fetch, scrape
from ._models import Article, Dateline, Image, Page
from ._pipeline import extract
from ._schema import article_schema
from ._version import __version__
from ._warc import WarcResponse, read_warc

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

logging.getLogger(__name__).addHandler(logging.NullHandler())
