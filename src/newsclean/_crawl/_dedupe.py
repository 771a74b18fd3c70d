"""The two keys that make two pages one article: canonical URL and content.

The canonical URL catches an AMP or mobile mirror and a feed's tracking
link (they name the article's own URL in ``<link rel=canonical>``, which
``extract`` puts in ``Article.url``). The fingerprint catches what has no
such link: the same text served under two URLs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from ._urls import canonical_url

_NOT_WORD = re.compile(r"[\W_]+")


def fingerprint(body: str) -> str:
    """A hash of the body's words: case, spacing, punctuation and width ignored."""
    words = _NOT_WORD.sub("", unicodedata.normalize("NFKC", body).casefold())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]


def article_key(article_url: str | None, final_url: str) -> str:
    """The canonical URL a record is known by.

    A canonical link to the site's home page, from a page that is not the
    home page, is a template mistake (every article would be one), so the
    page's own URL is used then.
    """
    if not article_url:
        return canonical_url(final_url)
    if _is_root(article_url) and not _is_root(final_url):
        return canonical_url(final_url)
    return canonical_url(article_url)


def _is_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query
