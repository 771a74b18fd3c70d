"""Who may send what when: per-host pacing, batch ordering, per-key locks.

Shared by both fetchers. The state here is guarded by plain thread locks
held for a few dictionary operations, which is safe and cheap from an
event loop as well as from worker threads.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

from ._policy import host_key

T = TypeVar("T")

#: URLs of a batch read ahead of the running ones, so that a run of URLs of
#: one busy host does not leave the other hosts' slots idle.
LOOKAHEAD = 10_000


class HostSchedule:
    """Spaces the starts of requests to one host by at least ``delay`` seconds,
    or by the longer delay the host asked for (robots.txt ``Crawl-delay``)."""

    def __init__(self, delay: float) -> None:
        self._delay = delay
        self._asked: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def ask(self, host: str, delay: float) -> None:
        """Space ``host``'s requests by ``delay`` seconds when that is longer."""
        if delay > self._delay:
            with self._lock:
                self._asked[host] = delay

    def reserve(self, host: str) -> float:
        """Book the next start for ``host``; returns the seconds to wait for it."""
        delay = self._asked.get(host, self._delay) if self._asked else self._delay
        if delay <= 0:
            return 0.0
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + delay
        return start - now


class Keyed(Generic[T]):
    """One object per key (a semaphore per host, a lock per origin), made on first use."""

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._items: dict[str, T] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> T:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                item = self._items[key] = self._factory()
            return item


class Batch:
    """The URLs of one ``fetch_many`` call, released host by host.

    Workers that would only wait on a busy host's semaphore are not
    started: a URL is released when its host has a free slot, hosts take
    turns, and at most ``concurrency`` fetches run. URLs are read from the
    caller's iterable only as slots free up (and at most ``LOOKAHEAD``
    ahead), so a generator of URLs is consumed lazily. The per-host
    semaphores of the fetchers still enforce the limit (redirects and
    robots.txt requests can reach other hosts); this only keeps the
    workers useful.
    """

    def __init__(self, urls: Iterable[str], *, concurrency: int, per_host: int) -> None:
        self._source: Iterator[str] = iter(urls)
        self._exhausted = False
        self._queues: OrderedDict[str, deque[str]] = OrderedDict()
        self._queued = 0
        self._running: Counter[str] = Counter()
        self._concurrency = concurrency
        self._per_host = per_host

    def launchable(self) -> list[str]:
        """URLs to start now; call again after each ``finished``.

        An empty list with nothing running means the batch is done.
        """
        started: list[str] = []
        while self._running.total() < self._concurrency:
            url = self._next_ready()
            if url is not None:
                started.append(url)
            elif not self._pull():
                break
        return started

    def finished(self, url: str) -> None:
        host = host_key(url)
        self._running[host] -= 1
        if self._running[host] <= 0:
            del self._running[host]

    def _pull(self) -> bool:
        """Queue one more URL from the source; False when none can be had now."""
        if self._exhausted or self._queued >= LOOKAHEAD:
            return False
        url = next(self._source, None)
        if url is None:
            self._exhausted = True
            return False
        if not isinstance(url, str):
            raise TypeError(f"fetch_many() needs URL strings, got {type(url).__name__}")
        self._queues.setdefault(host_key(url), deque()).append(url)
        self._queued += 1
        return True

    def _next_ready(self) -> str | None:
        for host, queue in self._queues.items():
            if self._running[host] < self._per_host:
                url = queue.popleft()
                self._queued -= 1
                self._running[host] += 1
                if queue:
                    self._queues.move_to_end(host)
                else:
                    del self._queues[host]
                return url
        return None
