"""The fetch rules that do not depend on how I/O is done.

Which outcomes are retried and after how long, what a redirect points to,
whether a response is a page, how httpx's exceptions map onto newsclean's,
and how a ``Page`` is assembled. Both fetchers, sync and async, consult
these functions; nothing here opens a socket or sleeps.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Mapping
from urllib.parse import urljoin, urlsplit

import httpx

from .._decode import decode_html
from .._errors import (
    ConnectError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    NotHTMLError,
    TooManyRedirectsError,
)
from .._models import Headers, Page
from .._stamps import parse_stamp
from ._options import FetchOptions, Timeouts

#: Statuses worth asking again: rate limiting and server-side trouble.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: What a request can end in that the fetchers turn into an outcome value.
TRANSPORT_ERRORS: tuple[type[Exception], ...] = (
    FetchError,
    httpx.HTTPError,
    httpx.InvalidURL,
    httpx.StreamError,
)


def url_problem(url: str) -> str | None:
    """Why a URL cannot be fetched, or None; a bad URL is a value in a batch, not a crash."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"invalid URL {url!r}: {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"unsupported URL {url!r}: only http and https are fetched"
    if not parts.hostname:
        return f"invalid URL {url!r}: no host"
    return None


def host_key(url: str) -> str:
    """The host a request counts against for per-host limits (host and port)."""
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:
        return ""


def origin(url: str) -> str:
    """scheme://host[:port]: the scope of one robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def media_type(headers: Mapping[str, str]) -> str:
    """The Content-Type without parameters, lower-cased ("" when absent)."""
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def http_charset(headers: Mapping[str, str]) -> str | None:
    """The charset parameter of the Content-Type header, if any."""
    for param in headers.get("content-type", "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \t\"'"):
            return value.strip(" \t\"'")
    return None


def accepts(content_type: str, accept: tuple[str, ...] | None) -> bool:
    """Whether a media type is one the caller treats as a page.

    A response without a Content-Type is let through: many small sites
    omit it for HTML, and extraction rejects what is not a page anyway.
    """
    if accept is None or not content_type:
        return True
    major = content_type.split("/", 1)[0]
    return any(t in (content_type, f"{major}/*", "*/*") for t in accept)


def wants_body(status: int, headers: Mapping[str, str], accept: tuple[str, ...] | None) -> bool:
    """Read the body only of a 2xx answer of an accepted type; nothing else is used."""
    return 200 <= status < 300 and accepts(media_type(headers), accept)


def redirect_target(url: str, status: int, headers: Mapping[str, str]) -> str | None:
    """The absolute URL a redirect points to, or None if this is not a redirect."""
    location = headers.get("location", "").strip()
    if status not in REDIRECT_STATUSES or not location:
        return None
    return urljoin(url, location).split("#", 1)[0]


def retry_reason(status: int | None, error: FetchError | None) -> str | None:
    """Why an outcome is worth another try, or None when it is final.

    Other 4xx answers are final: asking again gets the same answer.
    """
    if isinstance(error, (ConnectError, FetchTimeoutError)):
        return str(error)
    if status in RETRY_STATUSES:
        return f"HTTP {status}"
    return None


def retry_delay(
    attempt: int,
    retry_after: str | None,
    options: FetchOptions,
    *,
    rng: Callable[[], float] = random.random,
    now: dt.datetime | None = None,
) -> float:
    """Seconds to wait before retry number ``attempt + 1``.

    A server's Retry-After is obeyed up to ``max_retry_after``; otherwise
    the wait doubles each time from ``backoff``, with +-50 % jitter so that
    many workers that failed together do not come back together.
    """
    asked = parse_retry_after(retry_after, now=now) if retry_after else None
    if asked is not None:
        return min(asked, options.max_retry_after)
    return float(options.backoff * 2**attempt * (0.5 + rng()))


def parse_retry_after(value: str, *, now: dt.datetime | None = None) -> float | None:
    """Seconds from a Retry-After value (delta-seconds or an HTTP date), or None."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    when = parse_stamp(value)
    if when is None:
        return None
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


def httpx_timeout(timeouts: Timeouts) -> httpx.Timeout:
    """httpx's per-read timeouts; ``total`` also caps the wait for any one read."""
    read = timeouts.read
    if timeouts.total is not None:
        read = timeouts.total if read is None else min(read, timeouts.total)
    return httpx.Timeout(connect=timeouts.connect, read=read, write=read, pool=timeouts.connect)


def check_client(client: object, transport: object, expected: type) -> None:
    """Refuse a client of the wrong kind, or a client and a transport together.

    A sync client handed to the async fetcher (or the reverse) would only
    fail at the first request, far from the mistake.
    """
    if client is not None and transport is not None:
        raise ValueError("give either client= or transport=, not both")
    if client is not None and not isinstance(client, expected):
        kind = f"{expected.__module__.split('.')[0]}.{expected.__name__}"
        raise TypeError(f"client= must be an {kind}, not {type(client).__name__}")


def pool_limits(options: FetchOptions) -> httpx.Limits:
    """No pool cap of our own: the global semaphore already bounds open requests."""
    return httpx.Limits(
        max_connections=None, max_keepalive_connections=max(20, options.concurrency)
    )


def wrap_error(exc: Exception, *, url: str, where: str) -> FetchError:
    """newsclean's error for an exception raised while fetching ``where``."""
    if isinstance(exc, FetchError):
        return exc
    detail = f"{where}: {type(exc).__name__}: {exc}".rstrip(": ")
    if isinstance(exc, httpx.TimeoutException):
        return FetchTimeoutError(detail, url=url)
    if isinstance(exc, (httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError)):
        return ConnectError(detail, url=url)
    if isinstance(exc, httpx.TooManyRedirects):
        return TooManyRedirectsError(detail, url=url)
    return FetchError(detail, url=url)


def status_error(url: str, where: str, status: int) -> HTTPStatusError:
    return HTTPStatusError(f"{where}: HTTP {status}", url=url, status=status)


def not_html_error(url: str, where: str, content_type: str) -> NotHTMLError:
    shown = content_type or "no content type"
    return NotHTMLError(f"{where}: {shown} is not a page", url=url, content_type=content_type)


def build_page(
    url: str,
    reply_url: str,
    status: int,
    headers: Headers,
    content: bytes,
    *,
    redirects: tuple[str, ...],
    started: float,
    from_cache: bool = False,
) -> Page:
    """The Page record, its text decoded by the same rules as ``extract()``."""
    decoded = decode_html(content, http_charset=http_charset(headers))
    return Page(
        url=url,
        final_url=reply_url,
        status=status,
        headers=headers,
        content=content,
        text=decoded.text,
        encoding=decoded.encoding,
        redirects=redirects,
        elapsed=time.monotonic() - started,
        fetched_at=dt.datetime.now(dt.timezone.utc),
        from_cache=from_cache,
    )
