"""Extraction for the crawl, in this process or in worker processes.

Extraction (and the fingerprint and JSON line that follow from it) is
CPU-bound pure Python: in the crawling process it sets the pace whatever
the network allows. With ``jobs`` above one it runs in a process pool, and
only its result, small and ready to write, comes back; the crawl keeps
deduplicating, writing and the state in its own process, one page at a
time, so the order of effects that makes a killed run safe is unchanged.

Pages go to the pool through a bounded window (a few per worker), so
memory stays flat however long the crawl, and results come back in the
order the pages were fetched, each as soon as it and those before it are
ready.

The workers are forked before the article fetcher starts its threads (a
fork copies only the thread that calls it), ignore Ctrl-C (the crawl
stops them itself, after committing), close their copy of the output (its
``flock`` must go with the crawl that holds it) and exit when the crawl's
process is gone, even killed with SIGKILL: nothing else would wake a worker
waiting for work that will never come.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Generic, TypeVar

from .._errors import NewscleanError
from .._pipeline import extract
from ._dedupe import fingerprint
from ._writer import json_line

Tag = TypeVar("Tag")

#: Pages in the pool per worker: enough to keep every worker busy while the
#: crawl handles a result, few enough that memory does not grow with the
#: crawl (the same window as ``extract_many``'s, which was measured there).
_WINDOW_PER_WORKER = 4
#: How often (seconds) an idle worker checks that the crawl is still alive.
_PARENT_CHECK_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class PageJob:
    """What a worker needs of a fetched page: its text, final URL and ``strict``."""

    text: str
    url: str
    strict: bool


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article as the crawl uses it: its keys, its date and its record's line.

    The line is ``Article.to_dict()`` as JSON, made in the worker: the crawl
    writes it as it is, and never needs the article itself.
    """

    url: str | None
    published: dt.datetime | dt.date | None
    fingerprint: str
    line: bytes


Result = Extracted | NewscleanError


def extract_page(job: PageJob) -> Result:
    """Extract one page; a page-level failure (``NotAnArticleError`` too) is returned."""
    try:
        article = extract(job.text, url=job.url, strict=job.strict)
    except NewscleanError as exc:
        return exc
    return Extracted(article.url, article.published, fingerprint(article.body),
                     json_line(article.to_dict()))  # fmt: skip


class Extractor(Generic[Tag]):
    """``put`` pages, get results back in order, each with the tag it came with.

    One worker runs in this process, without a pool: ``put`` returns the
    page's result at once.
    """

    def __init__(self, workers: int, close_fd: int | None = None) -> None:
        if workers < 1:
            raise ValueError(f"jobs must be at least 1, not {workers}")
        self._limit = workers * _WINDOW_PER_WORKER
        self._window: deque[tuple[Tag, Future[Result]]] = deque()
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            self._pool = _start_pool(workers, close_fd)

    def __enter__(self) -> Extractor[Tag]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers; pages not yet extracted are dropped (they were never done)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._window.clear()

    def put(self, tag: Tag, job: PageJob) -> list[tuple[Tag, Result]]:
        """Queue ``job``; the results that are ready (waiting for the oldest when full)."""
        if self._pool is None:
            return [(tag, extract_page(job))]
        self._window.append((tag, self._pool.submit(extract_page, job)))
        ready = []
        while self._window and (len(self._window) > self._limit or self._window[0][1].done()):
            oldest, future = self._window.popleft()
            ready.append((oldest, future.result()))
        return ready

    def drain(self) -> Iterator[tuple[Tag, Result]]:
        """The results still to come, in order."""
        while self._window:
            tag, future = self._window.popleft()
            yield tag, future.result()


def _start_pool(workers: int, close_fd: int | None) -> ProcessPoolExecutor:
    """A pool whose workers all exist on return (forked now, where fork is available)."""
    methods = multiprocessing.get_all_start_methods()
    forked = "fork" in methods
    context = multiprocessing.get_context("fork" if forked else None)
    parent = os.getpid()
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_init,
        initargs=(parent, close_fd if forked else None),
    )  # fmt: skip
    # With fork, the first task starts every worker, here and now, while
    # this process runs no other thread of newsclean's.
    pool.submit(int).result()
    return pool


def _worker_init(parent: int, close_fd: int | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if close_fd is not None:
        os.close(close_fd)
    watcher = threading.Thread(target=_exit_with, args=(parent,), daemon=True)
    watcher.start()


def _exit_with(parent: int) -> None:
    """End this worker once ``parent`` is gone (its children are handed to another)."""
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(1)
