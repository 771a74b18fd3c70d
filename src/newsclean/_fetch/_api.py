"""``fetch()`` and ``scrape()``: one page, with a fetcher made for the call."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from .._models import Article, Page
from .._pipeline import extract
from ._sync import Fetcher

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._options import FetchOptionsDict


def fetch(
    url: str,
    *,
    client: httpx.Client | None = None,
    transport: httpx.BaseTransport | None = None,
    **options: Unpack[FetchOptionsDict],
) -> Page:
    """Fetch one page (robots.txt, retries, redirects, size cap, decoding).

    Each call starts afresh (new connections, robots.txt read again); use a
    ``Fetcher`` for more than a few pages. Raises a ``FetchError`` subclass.
    """
    with Fetcher(client=client, transport=transport, **options) as fetcher:
        return fetcher.fetch(url)


def scrape(
    url: str,
    *,
    client: httpx.Client | None = None,
    transport: httpx.BaseTransport | None = None,
    strict: bool = True,
    **options: Unpack[FetchOptionsDict],
) -> Article:
    """Fetch a page and extract its article, resolved against the final URL.

    The text the fetcher decoded (with the HTTP charset, which ``extract``
    on bytes would not know) is what gets extracted. Raises ``FetchError``
    subclasses and ``NoArticleError`` (``NotAnArticleError`` for a page
    that is not one story, unless ``strict=False``).
    """
    page = fetch(url, client=client, transport=transport, **options)
    return extract(page.text, url=page.final_url, strict=strict)
