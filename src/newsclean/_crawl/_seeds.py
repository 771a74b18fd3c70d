"""Reading the seeds: feeds and sitemaps expanded, article seeds kept as pages.

Seeds are fetched with any content type accepted (a feed may be served as
anything) and sitemap indexes are followed level by level, a few levels
deep at most. A child sitemap whose ``lastmod`` is before ``since`` is not
fetched: nothing in it changed since then.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from .._errors import FetchError
from .._fetch import Fetcher
from .._models import Page
from ._discover import Entry, SeedError, read_listing
from ._summary import Tally
from ._urls import canonical_url, is_http

log = logging.getLogger(__name__)

#: Sitemap indexes followed below the seed (index -> index -> urlset).
MAX_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Discovered:
    """Article URLs from the listings, and the seeds that were articles themselves."""

    entries: tuple[Entry, ...]
    pages: tuple[Page, ...]


def discover(
    fetcher: Fetcher, seeds: Sequence[str], since: dt.datetime | None, tally: Tally
) -> Discovered:
    """Fetch the seeds and every child sitemap they lead to."""
    entries: list[Entry] = []
    pages: list[Page] = []
    level = list(dict.fromkeys(seeds))
    visited = {canonical_url(url) for url in level}
    for depth in range(MAX_DEPTH + 1):
        children: list[str] = []
        for page in _fetched(fetcher, level, tally):
            try:
                listing = read_listing(page.content, page.final_url)
            except SeedError as exc:
                log.warning("seed %s: %s", page.url, exc)
                tally.error(exc)
                continue
            if listing is None:
                named = _robots_sitemaps(fetcher, page) if depth == 0 else ()
                if named:
                    # A site's home page: its robots.txt says where its sitemaps are.
                    log.info(
                        "seed %s: a site root, %d sitemaps in robots.txt", page.url, len(named)
                    )
                    children.extend(_fresh(named, since, visited))
                    continue
                _not_listing(page, depth, pages)
                continue
            log.info("seed %s: %s, %d entries", page.url, listing.kind, len(listing.entries))
            entries.extend(listing.entries)
            children.extend(_fresh(listing.sitemaps, since, visited))
        level = children
        if not level:
            break
    return Discovered(tuple(entries), tuple(pages))


def _fetched(fetcher: Fetcher, urls: list[str], tally: Tally) -> list[Page]:
    pages: list[Page] = []
    for result in fetcher.fetch_many(urls):
        if isinstance(result, FetchError):
            log.warning("seed %s: %s", result.url, result)
            tally.error(result, "seed-")
        else:
            pages.append(result)
    return pages


def _robots_sitemaps(fetcher: Fetcher, page: Page) -> tuple[Entry, ...]:
    """The sitemaps a site root's robots.txt names; none for any other page."""
    if urlsplit(page.url).path not in ("", "/"):
        return ()
    return tuple(Entry(url) for url in fetcher.sitemaps(page.url) if is_http(url))


def _not_listing(page: Page, depth: int, pages: list[Page]) -> None:
    if depth == 0:
        pages.append(page)
    else:
        log.warning("sitemap %s is neither a feed nor a sitemap; ignored", page.url)


def _fresh(sitemaps: tuple[Entry, ...], since: dt.datetime | None, visited: set[str]) -> list[str]:
    urls: list[str] = []
    for child in sitemaps:
        key = canonical_url(child.url)
        if key in visited or (since and child.date and child.date < since):
            continue
        visited.add(key)
        urls.append(child.url)
    return urls
