"""``--since``: the earliest publication date a crawl keeps, as a user writes it.

Dates in feeds and sitemaps are read by the one reader of machine-written
dates, ``_stamps.parse_stamp``; a ``--since`` value goes through the same
reader, so any form a feed may use is accepted on the command line too.
"""

from __future__ import annotations

import datetime as dt

from .._stamps import parse_stamp


def parse_since(text: str) -> dt.datetime:
    """``--since`` as given on the command line; ValueError when unreadable."""
    moment = parse_stamp(text)
    if moment is None:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD or an ISO 8601 time)")
    return moment
