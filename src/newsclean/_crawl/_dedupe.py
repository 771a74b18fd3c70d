"""The two keys that make two pages one article: canonical URL and content.

The canonical URL catches an AMP or mobile mirror and a feed's tracking
link (they name the article's own URL in ``<link rel=canonical>``, which
``extract`` puts in ``Article.url``). The fingerprint catches what has no
such link: the same text served under two URLs.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from ._urls import canonical_url

_NOT_WORD = re.compile(r"[\W_]+")
_UPPER, _LOWER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz"
_ASCII_FOLD = bytes.maketrans(_UPPER, _LOWER)
#: ASCII bytes that are not word characters: spaces, punctuation, ``_``, controls.
_ASCII_DROP = bytes(b for b in range(128) if not chr(b).isalnum())
_ASCII = bytes(range(128))
#: Distinct non-ASCII characters remembered: a language's text uses a few
#: hundred (a Chinese page a few thousand); the 400 bodies of the
#: wcxb-articles corpus use 212 in all.
_FOLDED_CACHE = 8192
#: The per-character way pays ~1 µs per distinct non-ASCII character, the
#: regular expression ~10-30 ns per character of text. Text whose UTF-8 is
#: more than one byte in this many non-ASCII (Chinese, Russian) goes straight
#: to the expression: wcxb-articles bodies have at most 5 % such bytes, the
#: zh corpus's pages over 60 %.
_BYTES_PER_NON_ASCII = 4
#: And so does text with more than one distinct character in this many (zh
#: pages: one in 4 to 10; wcxb-articles bodies: one in 600 or fewer).
_CHARS_PER_DISTINCT = 64


def fingerprint(body: str) -> str:
    """A hash of the body's words: case, spacing, punctuation and width ignored.

    The value is that of ``reference_fingerprint`` (states written by older
    versions hold it), computed without a regular expression over the
    whole text, which cost several times the rest: after NFKC (which is
    not per character, so it runs on the whole text), case folding and
    dropping non-word characters are per character, so ASCII is done in
    one ``bytes.translate`` and each distinct non-ASCII character once,
    replaced by its folded word characters in the UTF-8 bytes (UTF-8 is
    self-synchronising: a character's bytes never match inside another's).
    Replacements are fixed points (tests/test_crawl_parts.py checks every
    code point), so their order does not matter. Text with many distinct
    characters for its length (Chinese, Japanese) takes the expression.
    """
    text = unicodedata.normalize("NFKC", body)
    words = text.encode("utf-8").translate(_ASCII_FOLD, _ASCII_DROP)
    if words.isascii():
        return hashlib.sha256(words).hexdigest()[:32]
    rest = words.translate(None, _ASCII)
    few = len(rest) * _BYTES_PER_NON_ASCII <= len(words)
    chars = set(rest.decode("utf-8")) if few else None
    if chars is None or len(chars) * _CHARS_PER_DISTINCT > len(text):
        words = _NOT_WORD.sub("", text.casefold()).encode("utf-8")
    else:
        for char in chars:
            own, folded = char.encode("utf-8"), _folded(char)
            if folded != own:
                words = words.replace(own, folded)
    return hashlib.sha256(words).hexdigest()[:32]


@functools.lru_cache(maxsize=_FOLDED_CACHE)
def _folded(char: str) -> bytes:
    """One character case-folded, without its non-word characters, as UTF-8."""
    return _NOT_WORD.sub("", char.casefold()).encode("utf-8")


def reference_fingerprint(body: str) -> str:
    """``fingerprint`` as the definition reads: slow, kept to check the fast one against."""
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
