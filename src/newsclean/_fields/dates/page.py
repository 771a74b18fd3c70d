"""The page's publish and modification dates, in the fallback order of the package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..meta import PageMeta
from .rules import date_rules
from .tree import (
    Walks,
    from_after_headline,
    from_date_lines,
    from_headline_block,
    from_label,
    from_labelled_text,
    from_own_card,
    from_raw_jsonld,
    from_short_years,
    from_time_nodes,
    from_yearless,
)
from .url import date_from_url, year_from_url
from .values import parse_value
from .zones import in_site_zone


def _jsonld_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _first_value(
    values: Iterable[str], language: str | None, now: dt.datetime | None
) -> dt.datetime | None:
    for value in values:
        found = parse_value(value, language, now)
        if found is not None:
            return found
    return None


def _page_language(meta: PageMeta) -> str | None:
    return meta.lang or meta.first("http-equiv:content-language", "content-language", "og:locale")


def find_published(
    meta: PageMeta,
    tree: LexborHTMLParser | LexborNode | None,
    *,
    url: str | None = None,
    language: str | None = None,
    now: dt.datetime | None = None,
) -> dt.datetime | None:
    """Publish date in the fallback order of the package docstring.

    ``tree`` should be the document before boilerplate removal (the date
    line is often in a header that cleaning drops). ``language`` is the
    page's own tag (``en-US``, ``de``); without it the page's ``lang``,
    content-language or ``og:locale`` is used.
    """
    language = language or _page_language(meta)
    # The tree is not changed here: each selector walks it once.
    walks: Walks = {}
    stated = _stated_dates(meta, tree, language, now, walks)
    found = _in_page_zone(stated[0], meta, url, language, now) if stated else None
    if found is not None and tree is not None and len(stated) > 1:
        found = _printed_choice(found, stated, tree, meta, url, language, now, walks)
    if found is None and tree is not None:
        found = from_time_nodes(tree, language, now, cards=False, walks=walks)
        found = found or from_date_lines(tree, language, now, cards=False, walks=walks)
        found = found or from_headline_block(tree, language, now, walks)
        # A page built around a video states its date only for the video.
        found = found or from_raw_jsonld(tree, language, now, "uploadDate", walks)
    found = found or date_from_url(url, now=now, language=language)
    if found is None and tree is not None:
        found = from_label(tree, language, now)
        # A year-less date line beside the headline beats a full date further down.
        found = found or from_yearless(tree, year_from_url(url, now=now), language, now, walks)
        found = found or from_after_headline(tree, language, now, walks=walks)
        # Other stories' cards and comments: a site may call its own lead card a teaser.
        found = found or from_time_nodes(tree, language, now, cards=True, walks=walks)
        found = found or from_date_lines(tree, language, now, cards=True, walks=walks)
        found = found or from_own_card(tree, meta.page_url(url), language, now)
        found = found or from_short_years(tree, language, now, walks)
    return found


def _stated_dates(
    meta: PageMeta,
    tree: LexborHTMLParser | LexborNode | None,
    language: str | None,
    now: dt.datetime | None,
    walks: Walks | None = None,
) -> list[dt.datetime]:
    """The publish dates the page states for machines, strongest first (steps 1 and 2).

    Only the strongest source is parsed unless its value is needed to check
    it against the others: callers look past the first only when the page
    may contradict itself.
    """
    r = date_rules()
    values = _jsonld_values(meta.jsonld.get("datePublished"))
    values += [v for name in r.published_meta if (v := meta.metas.get(name))]
    values += _jsonld_values(meta.jsonld.get("dateCreated"))
    found = [d for v in dict.fromkeys(values) if (d := parse_value(v, language, now)) is not None]
    if not meta.jsonld and tree is not None:
        raw = from_raw_jsonld(tree, language, now, walks=walks)
        if raw is not None:
            found.insert(0, raw)
    return found


def _in_page_zone(
    found: dt.datetime,
    meta: PageMeta,
    url: str | None,
    language: str | None,
    now: dt.datetime | None,
) -> dt.datetime:
    """A UTC stamp moved to the page's own offset, URL day or country zone."""
    if found.utcoffset() == dt.timedelta(0):
        found = _local_twin(found, meta, date_rules().published_meta, language, now)
        found = _url_day(found, url, now)
        found = in_site_zone(found, language, url)
    return found


def _printed_choice(
    found: dt.datetime,
    stated: list[dt.datetime],
    tree: LexborHTMLParser | LexborNode,
    meta: PageMeta,
    url: str | None,
    language: str | None,
    now: dt.datetime | None,
    walks: Walks | None = None,
) -> dt.datetime:
    """When the stated dates fall on different days, the one the page also prints.

    A page that states an old ``datePublished`` in JSON-LD and a newer
    ``article:published_time`` (or the other way round) prints one of them
    under its headline: that one is the date readers see. Without such a
    printed date the strongest source stands.
    """
    local = [_in_page_zone(d, meta, url, language, now) for d in stated]
    if len({d.date() for d in local}) < 2:
        return found
    printed = _printed_days(tree, language, now, walks)
    if found.date() in printed:
        return found
    return next((d for d in local if d.date() in printed), found)


def _printed_days(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    walks: Walks | None = None,
) -> set[dt.date]:
    """The days printed where a page shows its date (steps 3, 4 and 6)."""
    found = (
        from_time_nodes(root, language, now, printed_updates=False, walks=walks),
        from_date_lines(root, language, now, printed_updates=False, walks=walks),
        from_headline_block(root, language, now, walks),
        from_labelled_text(root, language, now, printed_updates=False, walks=walks),
    )
    return {d.date() for d in found if d is not None}


def _local_twin(
    found: dt.datetime,
    meta: PageMeta,
    names: Iterable[str],
    language: str | None,
    now: dt.datetime | None,
) -> dt.datetime:
    """The same moment with the page's own offset, when another tag gives it.

    A UTC timestamp can fall on another calendar day than the one the page
    prints (``2023-08-23T23:31Z`` is 24 August in Taipei).
    """
    values = [*_jsonld_values(meta.jsonld.get("datePublished"))]
    values += [v for name in names if (v := meta.metas.get(name))]
    for value in values:
        other = parse_value(value, language, now)
        if (
            other is not None
            and other.utcoffset() not in (None, dt.timedelta(0))
            and abs(other - found) <= dt.timedelta(days=1)
        ):
            return other
    return found


def _url_day(found: dt.datetime, url: str | None, now: dt.datetime | None) -> dt.datetime:
    """The URL's day instead of a UTC stamp that falls on the day before or after it.

    ``/2025/12/18/`` with ``2025-12-19T02:41Z``: the URL was written with the
    day of the page's own time zone, the stamp with UTC's.
    """
    if found.utcoffset() != dt.timedelta(0):
        return found
    day = date_from_url(url, now=now)
    if day is not None and abs((day.date() - found.date()).days) == 1:
        return day
    return found


def find_modified(meta: PageMeta, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """Modification date: JSON-LD ``dateModified``, then the ``modified_meta`` tags."""
    r = date_rules()
    language = _page_language(meta)
    found = _first_value(_jsonld_values(meta.jsonld.get("dateModified")), language, now)
    return found or _first_value(
        (v for name in r.modified_meta if (v := meta.metas.get(name))), language, now
    )
