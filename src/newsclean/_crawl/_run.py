"""The crawl: seeds -> listings -> new URLs -> fetch -> extract -> dedupe -> write.

Extraction may run in worker processes (``jobs``, see ``_extract``); all
the rest, the state and the output included, happens here, one page at a
time, in the order the results come back.

Order of effects for each article, which is what makes a killed run safe
to start again: the record's line is written (and handed to the kernel)
first; only then is the state told. The state is committed in batches,
after an fsync of the output, together with the output length it accounts
for. On start, lines past that length (written by a run killed before its
commit) are read back into the state, and a torn last line is cut. So every
article ends up in the output exactly once, whenever the kill came.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._errors import FetchError, NewscleanError, NotAnArticleError
from .._fetch import Fetcher
from .._models import Page, record_body
from ._dedupe import article_key, fingerprint
from ._discover import MAX_BYTES, Entry
from ._extract import Extractor, PageJob, Result, extract_page
from ._seeds import discover
from ._select import FETCH, KNOWN, Candidate, decide, merge, newest_first
from ._state import DONE, FAILED, SKIPPED, CrawlState
from ._summary import Tally
from ._urls import canonical_url
from ._writer import JsonlWriter

log = logging.getLogger(__name__)

#: Commit the state at least this often (seconds) and every this many records.
COMMIT_SECONDS, COMMIT_RECORDS = 0.5, 100
Progress = Callable[[int, int], None]
#: A page while it is extracted: its key, the URL asked for and the final URL.
_Tag = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """The crawl's own settings; fetch options travel separately."""

    concurrency: int = 10
    per_host: int = 2
    since: dt.datetime | None = None
    max_pages: int | None = None
    retry_failed: bool = False
    #: ``extract``'s ``strict``: pages that are not articles get no record.
    strict: bool = True
    #: Processes extracting; 1 extracts in the crawling process, without a pool.
    jobs: int = 1


class Crawl:
    """One run over one output and one state."""

    def __init__(self, writer: JsonlWriter, state: CrawlState, options: CrawlOptions) -> None:
        self.writer, self.state, self.options = writer, state, options
        self.tally = Tally()
        self._output = str(writer.path.resolve())
        self._pending = 0
        self._last_commit = time.monotonic()

    def run(
        self, seeds: list[str], fetch_options: dict[str, Any], progress: Progress | None
    ) -> None:
        """Crawl ``seeds``; the state is committed however this ends."""
        try:
            self.reconcile()
            self.tally.add("seeds", len(seeds))
            seed_options = {**fetch_options, "accept": ("*/*",), "max_bytes": MAX_BYTES}
            with Fetcher(**self._limits(), **seed_options) as fetcher:
                found = discover(fetcher, self._new_seeds(seeds), self.options.since, self.tally)
            queue = self._select(found.pages, found.entries)
            # The workers start before the fetcher's threads do (see _extract).
            workers = max(1, min(self.options.jobs, len(queue)))
            with (
                Extractor[_Tag](workers, self.writer.fd) as extractor,
                Fetcher(**self._limits(), **fetch_options) as fetcher,
            ):
                self._fetch_all(fetcher, extractor, queue, progress)
        finally:
            self.commit()

    def _limits(self) -> dict[str, Any]:
        return {
            "concurrency": self.options.concurrency,
            "per_host_concurrency": self.options.per_host,
        }

    def _new_seeds(self, seeds: list[str]) -> list[str]:
        """Seeds minus the article URLs a past run already wrote (feeds are never done)."""
        fresh = []
        for url in seeds:
            seen = self.state.seen(canonical_url(url))
            if seen is not None and seen.status == DONE:
                self.tally.add("discovered")
                self.tally.add("known")
            else:
                fresh.append(url)
        return fresh

    def reconcile(self) -> None:
        """Take into the state the lines a killed run wrote after its last commit."""
        offset = self.state.offset(self._output)
        if offset > self.writer.size:
            log.warning("%s is shorter than the state says; reading it all", self._output)
            offset = 0
        for record in self.writer.records_from(offset):
            url, body = record.get("url"), record_body(record)
            if isinstance(url, str) and isinstance(body, str):
                key = canonical_url(url)
                self.state.add_written(key, fingerprint(body))
                self.state.mark(key, DONE)
        self.commit()

    def _select(self, pages: tuple[Page, ...], entries: Iterable[Entry]) -> list[Candidate]:
        """The candidates to fetch; article seeds, already fetched, are handled here."""
        candidates = merge([*(Entry(page.url) for page in pages), *entries])
        prefetched = {canonical_url(page.url): page for page in pages}
        self.tally.add("discovered", len(candidates))
        queue: list[Candidate] = []
        for candidate in candidates:
            verdict = decide(
                candidate.date, self.state.seen(candidate.key), self.options.since,
                self.options.retry_failed,
            )  # fmt: skip
            if verdict == FETCH:
                queue.append(candidate)
            elif verdict == KNOWN:
                self.tally.add("known")
            else:
                self._skip(candidate.key, "before since", candidate.date)
        queue = self._cap(newest_first(queue))
        for page in [prefetched[c.key] for c in queue if c.key in prefetched]:
            tag = (canonical_url(page.url), page.url, page.final_url)
            self._page(tag, extract_page(self._job(page)))
        return [c for c in queue if c.key not in prefetched]

    def _cap(self, queue: list[Candidate]) -> list[Candidate]:
        limit = self.options.max_pages
        if limit is None or len(queue) <= limit:
            return queue
        self.tally.add("skipped", len(queue) - limit)
        return queue[:limit]

    def _fetch_all(
        self,
        fetcher: Fetcher,
        extractor: Extractor[_Tag],
        queue: list[Candidate],
        progress: Progress | None,
    ) -> None:
        keys = {c.url: c.key for c in queue}
        done = 0

        def handled() -> None:
            nonlocal done
            done += 1
            self._maybe_commit()
            if progress is not None:
                progress(done, len(queue))

        for result in fetcher.fetch_many(c.url for c in queue):
            if isinstance(result, FetchError):
                self._failed(keys[result.url], result)
                handled()
                continue
            tag = (keys[result.url], result.url, result.final_url)
            for ready in extractor.put(tag, self._job(result)):
                self._page(*ready)
                handled()
        for ready in extractor.drain():
            self._page(*ready)
            handled()

    def _job(self, page: Page) -> PageJob:
        return PageJob(page.text, page.final_url, self.options.strict)

    def _page(self, tag: _Tag, result: Result) -> None:
        """Dedupe, write and mark one fetched page, given what its extraction gave."""
        key, url, final_url = tag
        self.tally.add("fetched")
        if isinstance(result, NotAnArticleError):
            # Done, with the reason: a later run does not fetch it again.
            self.tally.add("not_articles")
            self.state.mark(key, DONE, f"not an article: {result.kind}")
            self._pending += 1
            return
        if isinstance(result, NewscleanError):
            self._failed(key, result)
            return
        published = _aware(result.published)
        since = self.options.since
        if since is not None and published is not None and published < since:
            self._skip(key, "published before since", published)
            return
        own = article_key(result.url, final_url)
        duplicate = self.state.duplicate_of(own, result.fingerprint)
        if duplicate is None:
            self.writer.write_line(result.line)
            self.state.add_written(own, result.fingerprint)
            self.tally.add("written")
        else:
            log.info("%s repeats %s", url, duplicate)
            self.tally.add("duplicates")
        self._pending += 1
        for done_url in {key, canonical_url(final_url), own}:
            reason = None if duplicate in (None, done_url) else f"duplicate of {duplicate}"
            self.state.mark(done_url, DONE, reason, published)

    def _failed(self, key: str, exc: NewscleanError) -> None:
        kind = self.tally.error(exc)
        log.info("%s failed: %s", key, exc)
        self.state.mark(key, FAILED, f"{kind}: {exc}")

    def _skip(self, key: str, reason: str, date: dt.datetime | None) -> None:
        self.tally.add("skipped")
        self.state.mark(key, SKIPPED, reason, date)

    def _maybe_commit(self) -> None:
        late = time.monotonic() - self._last_commit >= COMMIT_SECONDS
        if late or self._pending >= COMMIT_RECORDS:
            self.commit()

    def commit(self) -> None:
        """fsync the output, then commit the state with the length it covers."""
        self.writer.sync()
        self.state.set_offset(self._output, self.writer.size)
        self.state.commit()
        self._pending = 0
        self._last_commit = time.monotonic()


def _aware(moment: dt.datetime | dt.date | None) -> dt.datetime | None:
    if moment is None:
        return None
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime(moment.year, moment.month, moment.day)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def default_state(out: str | Path) -> Path:
    """Where the state goes when none is named: beside the output."""
    out = Path(out)
    return out.with_name(out.name + ".state.db")
