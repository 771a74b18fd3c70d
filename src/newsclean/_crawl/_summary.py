"""Counting a crawl: the running tally and the summary it ends in."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .._errors import HTTPStatusError, NewscleanError

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def error_kind(exc: NewscleanError) -> str:
    """A short stable name for the error: ``http-404``, ``no-article``, ``connect``."""
    if isinstance(exc, HTTPStatusError):
        return f"http-{exc.status}"
    name = type(exc).__name__.removesuffix("Error") or "error"
    return _CAMEL.sub("-", name).lower()


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """What one run did.

    ``discovered``: distinct article URLs the seeds gave; ``known``: of
    those, already done or failed in the state; ``skipped``: too old for
    ``since`` (or past ``max_pages``); ``fetched``: article pages
    downloaded; ``written``: records appended; ``duplicates``: pages that
    repeated a written record; ``not_articles``: pages that are not one
    story (lists, error pages, walls), with no record; ``errors``: failures
    by kind, seeds included.
    """

    seeds: int = 0
    discovered: int = 0
    known: int = 0
    skipped: int = 0
    fetched: int = 0
    written: int = 0
    duplicates: int = 0
    not_articles: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        """The one-line report the command prints at the end."""
        errors = ", ".join(f"{kind} {n}" for kind, n in sorted(self.errors.items())) or "none"
        return (
            f"{self.discovered} discovered ({self.known} already known, {self.skipped} skipped),"
            f" {self.fetched} fetched, {self.written} written, {self.duplicates} duplicates,"
            f" not articles: {self.not_articles}; errors: {errors}"
        )


@dataclass(slots=True)
class Tally:
    """The counters while the crawl runs."""

    counts: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] += n

    def error(self, exc: NewscleanError, where: str = "") -> str:
        kind = where + error_kind(exc)
        self.errors[kind] += 1
        return kind

    def summary(self) -> CrawlSummary:
        c = self.counts
        return CrawlSummary(
            seeds=c["seeds"], discovered=c["discovered"], known=c["known"],
            skipped=c["skipped"], fetched=c["fetched"], written=c["written"],
            duplicates=c["duplicates"], not_articles=c["not_articles"],
            errors=dict(self.errors),
        )  # fmt: skip
