"""Fetch options: named once, checked once, then frozen.

Every entry point (``fetch``, ``scrape``, ``Fetcher``, ``AsyncFetcher``)
takes the same keyword options and turns them into one ``FetchOptions``
here, so a typo or a negative count fails at construction rather than in
the middle of a crawl.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict, cast

from .._version import __version__

DEFAULT_USER_AGENT = f"newsclean/{__version__} (+https://pypi.org/project/newsclean/)"
DEFAULT_ACCEPT = ("text/html", "application/xhtml+xml")

#: Request headers the fetcher owns: the user agent has its own option (robots.txt
#: is matched against it), and the body decoder only knows gzip and deflate.
_RESERVED_HEADERS = {"user-agent": "user_agent=", "accept-encoding": None}

TimeoutOption = float | tuple[float | None, float | None, float | None] | None


class FetchOptionsDict(TypedDict, total=False):
    """The keyword options every fetch entry point accepts (see docs/fetch.md)."""

    timeout: TimeoutOption
    retries: int
    backoff: float
    max_retry_after: float
    max_bytes: int
    max_redirects: int
    respect_robots: bool
    user_agent: str
    headers: Mapping[str, str]
    per_host_concurrency: int
    per_host_delay: float
    max_crawl_delay: float
    concurrency: int
    accept: str | Iterable[str]
    cache: str | os.PathLike[str] | None


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds allowed to connect, to wait for the next data, and for one request.

    ``total`` bounds a single request from sending it to its last body byte,
    so a server that trickles a byte at a time cannot hold a worker forever;
    retries and redirects each get a fresh budget. None means no limit.
    """

    connect: float | None = 10.0
    read: float | None = 30.0
    total: float | None = 60.0


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """The checked options of one fetcher."""

    timeout: Timeouts = Timeouts()
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    max_bytes: int = 10_000_000
    max_redirects: int = 10
    respect_robots: bool = True
    user_agent: str = DEFAULT_USER_AGENT
    headers: tuple[tuple[str, str], ...] = ()
    per_host_concurrency: int = 2
    per_host_delay: float = 0.0
    #: A robots.txt ``Crawl-delay`` is honoured up to this many seconds.
    max_crawl_delay: float = 10.0
    concurrency: int = 10
    accept: tuple[str, ...] = DEFAULT_ACCEPT
    cache: str | None = None

    @classmethod
    def build(cls, **options: object) -> FetchOptions:
        """Check and normalise keyword options; TypeError/ValueError name the culprit."""
        checked: dict[str, object] = {}
        for name, value in options.items():
            check = _CHECKS.get(name)
            if check is None:
                raise TypeError(f"unknown fetch option {name!r}")
            checked[name] = check(name, value)
        return dataclasses.replace(cls(), **cast("dict[str, Any]", checked))


def _count(minimum: int) -> Callable[[str, object], int]:
    def check(name: str, value: object) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        if value < minimum:
            raise ValueError(f"{name} must be at least {minimum}, not {value}")
        return value

    return check


def _seconds(name: str, value: object) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number of seconds >= 0, not {value}")
    return float(value)


def _limit(name: str, value: object) -> float | None:
    if value is None:
        return None
    seconds = _seconds(name, value)
    if seconds == 0:
        raise ValueError(f"{name} must be more than 0 seconds (None for no limit)")
    return seconds


def _timeout(name: str, value: object) -> Timeouts:
    """One number bounds everything; a (connect, read, total) tuple sets each part."""
    if isinstance(value, tuple):
        if len(value) != 3:
            raise ValueError(f"{name} needs (connect, read, total), got {len(value)} values")
        parts = [_limit(f"{name}[{i}]", part) for i, part in enumerate(value)]
        return Timeouts(*parts)
    seconds = _limit(name, value)
    return Timeouts(seconds, seconds, seconds)


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")
    return value


def _user_agent(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
    if "\r" in value or "\n" in value:
        raise ValueError(f"{name} must be one line")
    return value.strip()


def _headers(name: str, value: object) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping of header names to values")
    pairs: list[tuple[str, str]] = []
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise TypeError(f"{name} keys and values must be strings")
        if key.lower() in _RESERVED_HEADERS:
            hint = _RESERVED_HEADERS[key.lower()]
            raise ValueError(f"{key} is set by the fetcher" + (f"; use {hint}" if hint else ""))
        pairs.append((key, item))
    return tuple(pairs)


def _accept(name: str, value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Iterable):
        raise TypeError(f"{name} must be a content type or an iterable of them")
    types = tuple(str(item).strip().lower() for item in items)
    if not types or any(t.count("/") != 1 for t in types):
        raise ValueError(f"{name} needs content types like 'text/html', got {value!r}")
    return types


def _cache(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a file path or None")
    return str(os.fspath(value))


_CHECKS: dict[str, Callable[[str, object], object]] = {
    "timeout": _timeout,
    "retries": _count(0),
    "backoff": _seconds,
    "max_retry_after": _seconds,
    "max_bytes": _count(1),
    "max_redirects": _count(0),
    "respect_robots": _flag,
    "user_agent": _user_agent,
    "headers": _headers,
    "per_host_concurrency": _count(1),
    "per_host_delay": _seconds,
    "max_crawl_delay": _seconds,
    "concurrency": _count(1),
    "accept": _accept,
    "cache": _cache,
}
