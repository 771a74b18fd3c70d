"""``newsclean.crawl()``: the crawl as one call."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._dates import parse_since
from ._run import Crawl, CrawlOptions, Progress, default_state
from ._state import CrawlState
from ._summary import CrawlSummary
from ._writer import JsonlWriter

_OWN_OPTIONS = {"concurrency": "concurrency=", "per_host_concurrency": "per_host=", "accept": None}


class CrawlInterrupted(KeyboardInterrupt):
    """Ctrl-C during a crawl, with the summary of the work saved so far.

    A ``KeyboardInterrupt`` still (not a ``NewscleanError``): it is the
    user stopping the run, not a page failing.
    """

    def __init__(self, summary: CrawlSummary) -> None:
        super().__init__("crawl interrupted")
        self.summary = summary


def crawl(
    seeds: str | Iterable[str],
    *,
    out: str | Path,
    state: str | Path | None = None,
    concurrency: int = 10,
    per_host: int = 2,
    since: str | dt.date | dt.datetime | None = None,
    max_pages: int | None = None,
    retry_failed: bool = False,
    strict: bool = True,
    jobs: int | None = None,
    progress: Progress | None = None,
    **fetch_options: Any,
) -> CrawlSummary:
    """Crawl feeds, sitemaps and article URLs into a duplicate-free JSONL file.

    Run it again with the same ``out`` and ``state`` to add only what is
    new; a run stopped at any point (even SIGKILL) loses and repeats
    nothing. ``progress(done, total)`` is called after each article URL.
    Other keyword options go to the fetchers (see docs/fetch.md). Ctrl-C
    raises a ``KeyboardInterrupt`` whose ``summary`` attribute says what
    was done (and saved) by then. Pages that are not articles (lists, error
    pages, walls) are counted in ``not_articles`` and get no record, unless
    ``strict=False``. ``jobs`` is the number of processes extracting
    (default: one per CPU), so that a fast network is not held to the pace
    of one core; ``jobs=1`` extracts in this process, without a pool.
    """
    options = CrawlOptions(
        concurrency, per_host, _since(since), _max_pages(max_pages), retry_failed, strict,
        _jobs(jobs),
    )  # fmt: skip
    _check_fetch_options(fetch_options)
    seed_list = [seeds] if isinstance(seeds, str) else list(seeds)
    with JsonlWriter(out) as writer, CrawlState(state or default_state(out)) as saved:
        job = Crawl(writer, saved, options)
        try:
            job.run(seed_list, fetch_options, progress)
        except KeyboardInterrupt:
            raise CrawlInterrupted(job.tally.summary()) from None
        return job.tally.summary()


def _since(value: str | dt.date | dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        return parse_since(value)
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _max_pages(value: int | None) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError(f"max_pages must be a count (0 or more), not {value!r}")
    return value


def _jobs(value: int | None) -> int:
    if value is None:
        return os.cpu_count() or 1
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"jobs must be a count of processes (1 or more), not {value!r}")
    return value


def _check_fetch_options(options: dict[str, Any]) -> None:
    for name, instead in _OWN_OPTIONS.items():
        if name in options:
            hint = f"; use {instead}" if instead else ""
            raise TypeError(f"crawl() sets {name} itself{hint}")
