"""Dates as feeds and sitemaps write them, read into aware UTC datetimes.

RSS uses RFC 822 (``Tue, 05 Mar 2024 08:00:00 GMT``); Atom, JSON Feed and
sitemaps use W3C/ISO 8601 (``2024-03-05``, ``2024-03-05T08:00:00Z``). A date
without a zone is taken as UTC: a few hours matter less than a dropped entry.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_W3C = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$",
    re.IGNORECASE,
)


def parse_date(text: str | None) -> dt.datetime | None:
    """The moment ``text`` names, or None when it is not a date we can read."""
    if not text:
        return None
    text = text.strip()
    found = _w3c(text) or _rfc822(text)
    if found is None:
        return None
    return found.replace(tzinfo=dt.timezone.utc) if found.tzinfo is None else found


def _w3c(text: str) -> dt.datetime | None:
    match = _W3C.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = dt.datetime(
            int(year), int(month or 1), int(day or 1),
            int(hour or 0), int(minute or 0), int(second or 0),
        )  # fmt: skip
    except ValueError:
        return None
    return moment.replace(tzinfo=_zone(zone)) if zone else moment


def _zone(text: str) -> dt.tzinfo:
    if text.upper() == "Z":
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return dt.timezone(sign * offset)


def _rfc822(text: str) -> dt.datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def parse_since(text: str) -> dt.datetime:
    """``--since`` as given on the command line; ValueError when unreadable."""
    moment = parse_date(text)
    if moment is None:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD or an ISO 8601 time)")
    return moment
