"""A date written in the URL path."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from .checks import make_date
from .text import numeric_order

_URL_DATES = tuple(
    re.compile(p)
    for p in (
        r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$)",
        r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})(?=/|$)",
        r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})/(?P<d>\d{2})(?=/|$)",
        r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)",
        r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)",
    )
)

#: ``/29-10-2021``, ``_29.10.2021``: day and month in the page's order.
_URL_YEAR_LAST = re.compile(
    r"(?<!\d)(?<!\d[-._])(?P<a>\d{1,2})(?P<sep>[-._])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d])"
)


def date_from_url(
    url: str | None, *, now: dt.datetime | None = None, language: str | None = None
) -> dt.datetime | None:
    """A date written in the URL path, as a naive midnight; year and month alone give nothing.

    A year last (``/29-10-2021``) is read in the order of ``language``, as
    printed numeric dates are; when neither that nor the numbers tell, it gives nothing.
    """
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            found = make_date(int(m["y"]), int(m["m"]), int(m["d"]), None, None, now)
            if found is not None:
                return found
    for m in _URL_YEAR_LAST.finditer(path):
        md = numeric_order(int(m["a"]), int(m["b"]), m["sep"], language)
        found = make_date(int(m["y"]), md[0], md[1], None, None, now) if md else None
        if found is not None:
            return found
    return None


#: A year standing as a whole segment of the URL path (``/2019/``, ``/2019-10/``).
_URL_YEAR = re.compile(r"/(?P<y>(?:19|20)\d{2})(?=[/_-]|$)")


def year_from_url(url: str | None, *, now: dt.datetime | None = None) -> int | None:
    """The year of the URL's date, else a year written as a path segment."""
    found = date_from_url(url, now=now)
    if found is not None:
        return found.year
    try:
        path = urlsplit(url).path if url else ""
    except ValueError:
        return None
    for m in _URL_YEAR.finditer(path):
        if make_date(int(m["y"]), 1, 1, None, None, now) is not None:
            return int(m["y"])
    return None
