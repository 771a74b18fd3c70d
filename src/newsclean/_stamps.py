"""Machine-written dates: the one reader of dates that programs write.

Feeds and sitemaps (``<pubDate>``, ``<updated>``, ``<lastmod>``), HTTP
headers (``Retry-After``), WARC headers (``WARC-Date``), ``--since`` and the
values of a page's metadata (``datePublished``, ``article:published_time``)
are written by software, in two grammars: W3C/ISO 8601 (``2024``,
``2024-03``, ``2024-03-05``, ``2024-03-05T08:00:00.5+01:00``) and RFC 822
as e-mail and HTTP write it (``Tue, 05 Mar 2024 08:00:00 GMT``); a few
write a Unix time (``1709625600``, or in milliseconds). Every reader of
such a value goes through here, so that a form one of them accepts, all
of them accept.

``parse_stamp`` is the reader for transport dates: a date without a zone
is taken as UTC (``assume``), since a few hours matter less than a dropped
entry. The page-metadata reader (``_fields/dates/values.py``) takes the
parts from ``iso_parts`` and applies its own checks (a plausible year, a
clock that exists), because a page's metadata is wrong more often than a
server's header.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

UTC = dt.timezone.utc

#: W3C/ISO 8601, from a year alone down to fractions of a second with a zone.
#: One- or two-digit months, days and hours are accepted (``2024-3-5 8:00``,
#: which hand-written templates print).
#: The time of day after a date: hours, minutes, seconds, their fraction, a zone.
_CLOCK = (
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?(?!\d))?)?"
)
_ISO = re.compile(rf"(\d{{4}})(?:-(\d{{1,2}})(?:-(\d{{1,2}}){_CLOCK})?)?", re.IGNORECASE)
#: The same inside a longer value: a full date at least, not in a longer number.
_ISO_IN_TEXT = re.compile(rf"(?<!\d)(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?!\d){_CLOCK}", re.IGNORECASE)
#: A Unix time in seconds (10 digits: 2001 to 2286) or milliseconds (13).
_EPOCH = re.compile(r"\d{10}|\d{13}")


@dataclass(frozen=True, slots=True)
class IsoParts:
    """The fields of an ISO 8601 value as written; ``None`` where it stops early."""

    year: int
    month: int | None
    day: int | None
    clock: tuple[int, int, int] | None
    zone: str | None
    #: The fraction of the second, in microseconds (WARC 1.1 writes them).
    microsecond: int = 0


def iso_parts(text: str) -> IsoParts | None:
    """The parts of a whole ISO 8601 value (``text`` already stripped), or None."""
    m = _ISO.fullmatch(text)
    return _parts(m) if m else None


def iso_in_text(text: str) -> IsoParts | None:
    """The parts of the first full ISO 8601 date (and time) inside ``text``, or None."""
    m = _ISO_IN_TEXT.search(text)
    return _parts(m) if m else None


def _parts(m: re.Match[str]) -> IsoParts:
    y, mo, d, h, mi, s, fraction, zone = m.groups()
    clock = (int(h), int(mi), int(s or 0)) if h else None
    micro = int(fraction[:6].ljust(6, "0")) if fraction else 0
    return IsoParts(int(y), int(mo) if mo else None, int(d) if d else None, clock, zone, micro)


def zone_of(text: str) -> dt.tzinfo:
    """``Z``, ``+08``, ``+0800`` or ``+08:00`` as a fixed-offset zone."""
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return dt.timezone(sign * offset)


def parse_stamp(text: str | None, *, assume: dt.tzinfo = UTC) -> dt.datetime | None:
    """The moment a machine-written date names, aware (``assume`` when it has no zone).

    ISO 8601 first (a year alone is its first moment), then a Unix time,
    then RFC 822. None for anything else, and for a date that does not
    exist (``2024-02-30``).
    """
    if not text:
        return None
    text = text.strip()
    found = _iso(text) or epoch_of(text) or _rfc822(text)
    if found is None:
        return None
    return found.replace(tzinfo=assume) if found.tzinfo is None else found


def _iso(text: str) -> dt.datetime | None:
    parts = iso_parts(text)
    if parts is None:
        return None
    hour, minute, second = parts.clock or (0, 0, 0)
    try:
        moment = dt.datetime(
            parts.year, parts.month or 1, parts.day or 1, hour, minute, second, parts.microsecond
        )
    except ValueError:
        return None
    return moment.replace(tzinfo=zone_of(parts.zone)) if parts.zone else moment


def epoch_of(text: str) -> dt.datetime | None:
    """A whole value of 10 or 13 digits as a Unix time (seconds, milliseconds), aware UTC."""
    if not _EPOCH.fullmatch(text):
        return None
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    try:
        return dt.datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _rfc822(text: str) -> dt.datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
