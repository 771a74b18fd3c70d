"""UTC stamps shown in the time zone of the page's country."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from urllib.parse import urlsplit

from ..._rules import load_json


def _country(language: str | None, url: str | None) -> str | None:
    """The country a page speaks for: its language tag's region, else its host's ccTLD."""
    if language:
        parts = language.replace("_", "-").split("-")
        if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha():
            return parts[1].upper()
    host = urlsplit(url).hostname if url else None
    tld = host.rsplit(".", 1)[-1] if host and "." in host else ""
    return tld.upper() if len(tld) == 2 and tld.isalpha() else None


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> dt.tzinfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def in_site_zone(found: dt.datetime, language: str | None, url: str | None) -> dt.datetime:
    """A UTC stamp shown in the time zone of the page's country, the same moment.

    ``2022-05-04T00:25Z`` on an Argentine site is 3 May at 21:25 there, the
    day the page prints. Countries with several zones are left in UTC.
    """
    if found.utcoffset() != dt.timedelta(0):
        return found
    country = _country(language, url)
    name = _site_zones().get(country) if country else None
    zone = _zone(name) if name else None
    return found.astimezone(zone) if zone is not None else found


@functools.lru_cache(maxsize=1)
def _site_zones() -> dict[str, str]:
    zones: dict[str, str] = load_json("timezones.json")["zones"]
    return zones
