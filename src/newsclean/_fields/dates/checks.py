"""Sanity limits and checked datetimes: what every date source goes through."""

from __future__ import annotations

import datetime as dt
import re

UTC = dt.timezone.utc
#: Nothing on the web that calls itself news was published before this.
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=UTC)
#: Clocks drift and time zones differ: allow this much into the future.
FUTURE_SLACK = dt.timedelta(days=1)
#: Offsets beyond this are not time zones (a time range such as 19:00-20:00).
MAX_OFFSET = dt.timedelta(hours=14)


def aware_now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def plausible(value: dt.datetime, now: dt.datetime | None = None) -> bool:
    """Not before 1990, not more than a day after ``now`` (naive values read as UTC)."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return EARLIEST <= aware <= aware_now(now) + FUTURE_SLACK


def _tz(value: str | None) -> dt.tzinfo | None:
    """``Z``, ``+08:00``, ``+0800``, ``+08``, ``GMT``, ``UTC+8``; None when absent or absurd."""
    if not value:
        return None
    text = value.strip().upper()
    if text in ("Z", "UTC", "GMT"):
        return UTC
    m = re.search(r"([+-])\s*(\d{1,2})(?::?(\d{2}))?$", text)
    if not m:
        return None
    offset = dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    if offset > MAX_OFFSET:
        return None
    return dt.timezone(-offset if m.group(1) == "-" else offset)


def make_date(
    y: int,
    mo: int,
    d: int,
    clock: tuple[int, int, int] | None,
    tz: str | None,
    now: dt.datetime | None,
) -> dt.datetime | None:
    """A checked datetime; an impossible clock keeps the date at midnight."""
    try:
        day = dt.datetime(y, mo, d)
    except ValueError:
        return None
    result = day
    if clock is not None:
        try:
            result = day.replace(hour=clock[0], minute=clock[1], second=clock[2])
        except ValueError:
            result = day
        else:
            result = result.replace(tzinfo=_tz(tz))
    return result if plausible(result, now) else None
