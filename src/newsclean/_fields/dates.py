"""Publish and modification dates from structured metadata.

Fallback order: JSON-LD ``datePublished``, then the common meta tags, then
the first ``<time datetime>``. Dates before 1990 or more than a day in the
future are rejected as typos or templates.
"""

from __future__ import annotations

import datetime as dt
import re

from selectolax.lexbor import LexborHTMLParser

from .meta import PageMeta

EARLIEST = dt.datetime(1990, 1, 1)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published_time",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


def parse_iso(value: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """An ISO-8601-like date or datetime, timezone-aware when an offset is given."""
    m = _ISO.search(value)
    if not m:
        return None
    y, mo, d, h, mi, s, tz = m.groups()
    try:
        tzinfo = _tz(tz)
        result = dt.datetime(
            int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), tzinfo=tzinfo
        )
    except ValueError:
        return None
    return result if plausible(result, now) else None


def _tz(value: str | None) -> dt.tzinfo | None:
    if not value:
        return None
    if value == "Z":
        return dt.timezone.utc
    sign = -1 if value[0] == "-" else 1
    digits = value[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def plausible(value: dt.datetime, now: dt.datetime | None = None) -> bool:
    """Not before 1990, not more than a day ahead of now."""
    naive = value.replace(tzinfo=None)
    limit = (now or dt.datetime.now()).replace(tzinfo=None) + dt.timedelta(days=1)
    return EARLIEST <= naive <= limit


def find_published(meta: PageMeta, tree: LexborHTMLParser) -> dt.datetime | None:
    """Publish date in the documented fallback order."""
    candidates = [meta.jsonld.get("datePublished"), meta.first(*_PUBLISHED_META)]
    time = tree.css_first("time[datetime]")
    if time is not None:
        candidates.append(time.attributes.get("datetime"))
    return _first_date(candidates)


def find_modified(meta: PageMeta) -> dt.datetime | None:
    """Modification date: JSON-LD ``dateModified``, then meta tags."""
    return _first_date([meta.jsonld.get("dateModified"), meta.first(*_MODIFIED_META)])


def _first_date(candidates: list[object]) -> dt.datetime | None:
    for value in candidates:
        if isinstance(value, str):
            parsed = parse_iso(value)
            if parsed:
                return parsed
    return None
