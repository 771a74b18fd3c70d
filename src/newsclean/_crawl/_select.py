"""Which discovered URLs to fetch: new ones, recent enough, newest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ._discover import Entry
from ._state import DONE, FAILED, Seen
from ._urls import canonical_url

FETCH, KNOWN, TOO_OLD = "fetch", "known", "too-old"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A URL to consider once: its crawl key and the newest date any listing gave."""

    key: str
    url: str
    date: dt.datetime | None


def merge(entries: Iterable[Entry]) -> list[Candidate]:
    """One candidate per canonical URL, in first-seen order, keeping the newest date."""
    found: dict[str, Candidate] = {}
    for entry in entries:
        key = canonical_url(entry.url)
        old = found.get(key)
        if old is None:
            found[key] = Candidate(key, entry.url, entry.date)
        elif entry.date and (old.date is None or entry.date > old.date):
            found[key] = Candidate(key, old.url, entry.date)
    return list(found.values())


def decide(
    date: dt.datetime | None, seen: Seen | None, since: dt.datetime | None, retry_failed: bool
) -> str:
    """FETCH, KNOWN (done, or failed before) or TOO_OLD (before ``since``)."""
    if seen is not None and (seen.status == DONE or (seen.status == FAILED and not retry_failed)):
        return KNOWN
    known_date = date or (seen.published if seen else None)
    if since is not None and known_date is not None and known_date < since:
        return TOO_OLD
    return FETCH


def newest_first(candidates: list[Candidate]) -> list[Candidate]:
    """Dated candidates newest first, then the undated in listing order.

    So that ``max_pages`` takes the latest news when it cuts the list.
    """
    oldest = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return sorted(candidates, key=lambda c: (c.date is None, -(c.date or oldest).timestamp()))
