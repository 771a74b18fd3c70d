"""Machine-written dates: meta tags, attributes, JSON-LD values."""

from __future__ import annotations

import datetime as dt
import re

from ..._stamps import epoch_of, iso_in_text, iso_parts
from .checks import make_date, plausible
from .text import date_from_text

_COMPACT = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})(?:[T ]?(\d{2})(\d{2})(\d{2})?)?")


def parse_iso(value: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """The first ISO-8601-like date or datetime in ``value``, aware when an offset is given."""
    parts = iso_in_text(value)
    if parts is None or parts.month is None or parts.day is None:
        return None
    return make_date(parts.year, parts.month, parts.day, parts.clock, parts.zone, now)


def parse_value(
    value: str, language: str | None = None, now: dt.datetime | None = None
) -> dt.datetime | None:
    """A machine-written date as found in meta tags and attributes.

    ISO 8601 first, then a bare ``YYYYMMDD[hhmm[ss]]``, then a Unix time in
    seconds or milliseconds (aware, UTC), then anything ``date_from_text``
    reads (``2024/06/19 08:15``, ``Wed, 19 Jun 2024 08:15:00 +0800``).
    """
    value = value.strip()
    if not value:
        return None
    parts = iso_parts(value)
    if parts is not None and parts.month is not None and parts.day is not None:
        return make_date(parts.year, parts.month, parts.day, parts.clock, parts.zone, now)
    m = _COMPACT.fullmatch(value)
    if m:
        y, mo, d, h, mi, s = m.groups()
        clock = (int(h), int(mi), int(s or 0)) if h else None
        return make_date(int(y), int(mo), int(d), clock, None, now)
    stamp = epoch_of(value)
    if stamp is not None:
        return stamp if plausible(stamp, now) else None
    return date_from_text(value, language, now=now)
