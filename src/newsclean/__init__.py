"""newsclean: news web pages in, clean article records out.

>>> import newsclean
>>> article = newsclean.extract(raw_html, url="https://example.com/a")
>>> article.title, article.body, article.images
"""

from __future__ import annotations

import logging

from ._errors import DecodeError, MissingDependencyError, NewscleanError, NoArticleError
from ._models import Article, Dateline, Image
from ._pipeline import extract
from ._schema import article_schema

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Dateline",
    "DecodeError",
    "Image",
    "MissingDependencyError",
    "NewscleanError",
    "NoArticleError",
    "__version__",
    "article_schema",
    "extract",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
