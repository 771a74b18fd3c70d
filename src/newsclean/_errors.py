"""The exceptions newsclean raises, in one hierarchy.

    NewscleanError
    ├── NoArticleError          the input holds no article text (empty, binary,
    │                           a frameset, a page of scripts, a login wall)
    ├── DecodeError             bytes that cannot be turned into text at all
    └── MissingDependencyError  an option needs an extra that is not installed
                                (also an ImportError)

Caller mistakes (a wrong argument type) are plain ``TypeError`` / ``ValueError``
and are not part of this tree: they signal a bug in the calling code, not a
property of the page.
"""

from __future__ import annotations


class NewscleanError(Exception):
    """Root of every error newsclean raises about a page."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class NoArticleError(NewscleanError):
    """Raised when a page has no main text that could be an article.

    A scraper meets empty responses, binary files served as HTML, framesets
    and login walls every day; they get this error rather than an empty
    record so that a caller can count them apart from real articles.
    """


class DecodeError(NewscleanError):
    """Raised when bytes cannot be decoded to text under any encoding."""


class MissingDependencyError(NewscleanError, ImportError):
    """Raised when an option needs an optional extra that is not installed."""
