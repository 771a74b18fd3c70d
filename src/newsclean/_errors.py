"""The exceptions newsclean raises, in one hierarchy.

    NewscleanError
    ├── NoArticleError          the input holds no article text (empty, binary,
    │   │                       a frameset, a page of scripts)
    │   └── NotAnArticleError   the page is not one story: a list of links, an
    │                           error page, a login or subscription wall (``.kind``)
    ├── DecodeError             reserved: never raised (undecodable bytes are
    │                           NoArticleError, "binary or undecodable document")
    ├── ReadError               a batch input file could not be read (``.path``)
    ├── MissingDependencyError  an option needs an extra that is not installed
    │                           (also an ImportError)
    └── FetchError              a page could not be fetched (``fetch``, ``scrape``,
        │                       ``Fetcher``); ``.url`` is the URL as asked
        ├── HTTPStatusError     the server answered with an error status (``.status``)
        ├── FetchTimeoutError   connecting or reading took longer than ``timeout``
        ├── ConnectError        the connection could not be made or broke off
        ├── TooLargeError       the decoded body passed ``max_bytes``
        ├── NotHTMLError        the response is not a page (``.content_type``)
        ├── RobotsDisallowedError  robots.txt forbids the URL for our user agent
        └── TooManyRedirectsError  more than ``max_redirects`` redirects (a loop)

Caller mistakes (a wrong argument type, an unknown option) are plain
``TypeError`` / ``ValueError`` and are not part of this tree: they signal a
bug in the calling code, not a property of the page.
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


class NotAnArticleError(NoArticleError):
    """Raised for a page that has text but is not one story.

    ``kind`` says what it is instead: ``"listing"`` (home, section, tag,
    search and shop pages: mostly links to other pages), ``"error"`` (a
    "page not found" with no story) or ``"wall"`` (a login or subscription
    prompt over a teaser). A crawl meets these as often as stories; catching
    ``NoArticleError`` catches them too, and ``extract(..., strict=False)``
    returns their best-effort record instead.
    """

    def __init__(self, message: str, *, url: str | None = None, kind: str) -> None:
        super().__init__(message, url=url)
        self.kind = kind

    def __reduce__(self) -> tuple[object, ...]:
        # ``kind`` is keyword-only: keep it across a process pool.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class DecodeError(NewscleanError):
    """Reserved for bytes that cannot be decoded to text under any encoding.

    ``extract()`` does not raise it: bytes are always decoded (a byte no
    encoding explains becomes U+FFFD), and input that is mostly such bytes
    raises ``NoArticleError`` ("binary or undecodable document"). The class
    stays importable so that code catching it keeps working.
    """


class ReadError(NewscleanError):
    """A path given to ``extract_many`` could not be read (missing, a directory, bad gzip).

    It is handed back as a value in the file's place rather than raised, so
    one unreadable file in a batch of thousands costs one record, not the run.
    """

    def __init__(self, message: str, *, path: str, url: str | None = None) -> None:
        super().__init__(message, url=url)
        self.path = path

    def __reduce__(self) -> tuple[object, ...]:
        # ``path`` is keyword-only, so the default pickling (``cls(*args)``)
        # cannot rebuild it on the far side of a process pool.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class MissingDependencyError(NewscleanError, ImportError):
    """Raised when an option needs an optional extra that is not installed."""


class FetchError(NewscleanError):
    """Raised when a page cannot be fetched; the base of every fetch failure.

    ``url`` is always the URL that was asked for, even when the failure came
    at a later redirect hop (the message names the hop), so that a batch
    caller can tell which of its URLs failed. Failures that have no subclass
    of their own (a corrupt gzip body, an unsupported URL scheme) are raised
    as this class.
    """

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message, url=url)
        self.url: str = url

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only attributes are not in ``args``; keep them when the
        # error crosses a process boundary inside a batch result.
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(
    cls: type[NewscleanError], args: tuple[object, ...], state: dict[str, object]
) -> NewscleanError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class HTTPStatusError(FetchError):
    """Raised when the final answer is an error status (after any retries)."""

    def __init__(self, message: str, *, url: str, status: int) -> None:
        super().__init__(message, url=url)
        self.status = status


class FetchTimeoutError(FetchError):
    """Raised when connecting, waiting for data or the whole request took too long."""


class ConnectError(FetchError):
    """Raised when the connection could not be made, or broke off mid-response."""


class TooLargeError(FetchError):
    """Raised as soon as the decoded body passes ``max_bytes``.

    The check counts decompressed bytes while they arrive, so neither a
    wrong ``Content-Length`` nor a gzip bomb makes the fetcher hold more
    than about ``max_bytes`` in memory.
    """


class NotHTMLError(FetchError):
    """Raised when the response's content type is not one of ``accept``.

    The body of such a response is not downloaded.
    """

    def __init__(self, message: str, *, url: str, content_type: str) -> None:
        super().__init__(message, url=url)
        self.content_type = content_type


class RobotsDisallowedError(FetchError):
    """Raised when robots.txt forbids a URL (or a redirect hop) for our user agent."""


class TooManyRedirectsError(FetchError):
    """Raised when a redirect chain is longer than ``max_redirects``, as loops are."""
