"""What a fetch plan asks its fetcher to do, and what it gets back.

A plan (see ``_plan``) is a generator: it yields one of the actions below,
the fetcher performs it (blocking or with ``await``) and sends the result
back in. The fetchers therefore hold no fetch logic of their own; they
differ only in how they wait.

    Send         one GET       -> Reply, or the FetchError it ended in
    Sleep        wait          -> None
    NeedRobots   an origin     -> its RobotsRules (fetched once, then cached)
    LoadCached   a URL         -> its CacheEntry or None
    StoreCached  a CacheEntry  -> None
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from .._errors import FetchError, TooLargeError
from .._models import Headers
from ._body import BodyReader
from ._cache import CacheEntry
from ._options import Timeouts
from ._policy import host_key, httpx_timeout, wants_body, wrap_error


@dataclass(frozen=True, slots=True)
class Reply:
    """One HTTP answer; ``content`` is None when the body was not read."""

    url: str
    status: int
    headers: Headers
    content: bytes | None


@dataclass(frozen=True, slots=True)
class Send:
    """One GET of ``url`` on behalf of a fetch of ``asked``."""

    asked: str
    url: str
    headers: tuple[tuple[str, str], ...]
    timeouts: Timeouts
    max_bytes: int
    #: Content types whose body is read; None reads any (robots.txt).
    accept: tuple[str, ...] | None
    #: Cut the body at max_bytes instead of failing (robots.txt).
    truncate: bool = False

    @property
    def host(self) -> str:
        return host_key(self.url)

    def start(self) -> Exchange:
        """Call when the request is about to go out: the total timeout starts here."""
        return Exchange(self)


@dataclass(frozen=True, slots=True)
class Sleep:
    seconds: float


@dataclass(frozen=True, slots=True)
class NeedRobots:
    origin: str


@dataclass(frozen=True, slots=True)
class LoadCached:
    url: str


@dataclass(frozen=True, slots=True)
class StoreCached:
    entry: CacheEntry


Action = Send | Sleep | NeedRobots | LoadCached | StoreCached
Outcome = Reply | FetchError


class Exchange:
    """The sync/async-neutral half of performing a ``Send``.

    The fetcher opens the response stream and pumps raw chunks; everything
    decided about the response (read the body or not, the size cap, the
    deadline, what an exception means) is decided here.
    """

    __slots__ = ("_deadline", "send")

    def __init__(self, send: Send) -> None:
        self.send = send
        total = send.timeouts.total
        self._deadline = None if total is None else time.monotonic() + total

    @property
    def timeout(self) -> httpx.Timeout:
        return httpx_timeout(self.send.timeouts)

    def body(self, response: httpx.Response) -> BodyReader | None:
        """A reader for the body, or None when the body is not wanted.

        Read the network while ``reader.open``. A response whose body was
        read before it got here (``httpx.MockTransport`` builds such) is
        taken as it is, under the same cap.
        """
        send, headers = self.send, response.headers
        if not wants_body(response.status_code, headers, send.accept):
            return None
        length = headers.get("content-length", "")
        identity = headers.get("content-encoding", "identity").strip().lower() == "identity"
        if not send.truncate and identity and length.isdigit() and int(length) > send.max_bytes:
            message = f"{send.url}: Content-Length {length} is larger than max_bytes"
            raise TooLargeError(f"{message}={send.max_bytes}", url=send.asked)
        read = response.is_stream_consumed
        reader = BodyReader(
            url=send.asked,
            where=send.url,
            content_encoding="" if read else headers.get("content-encoding", ""),
            max_bytes=send.max_bytes,
            deadline=self._deadline,
            truncate=send.truncate,
        )
        if read:
            reader.take_decoded(response.content)
        return reader

    def reply(self, response: httpx.Response, body: BodyReader | None) -> Reply:
        fields = Headers(response.headers.multi_items())
        content = body.finish() if body is not None else None
        return Reply(self.send.url, response.status_code, fields, content)

    def error(self, exc: Exception) -> FetchError:
        return wrap_error(exc, url=self.send.asked, where=self.send.url)
