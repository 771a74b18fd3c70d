"""Fetching news pages: one policy, a blocking and an asyncio front end.

_options   the keyword options, checked once (FetchOptions)
_policy    I/O-free rules: retries, backoff, Retry-After, redirects,
           content types, error mapping, building the Page
_robots    robots.txt verdicts
_body      bounded decompression and the max_bytes cap
_cache     the optional SQLite cache of validators and bodies
_schedule  per-host pacing, batch ordering
_actions   what a plan asks a fetcher to do, and the shared half of a request
_plan      the fetch as generators of actions (FetchCore)
_sync      Fetcher: runs plans with blocking calls and threads
_async     AsyncFetcher: runs the same plans with await and tasks
_api       fetch() and scrape()
"""

from __future__ import annotations

from ._api import fetch, scrape
from ._async import AsyncFetcher
from ._options import FetchOptions, Timeouts
from ._sync import Fetcher

__all__ = ["AsyncFetcher", "FetchOptions", "Fetcher", "Timeouts", "fetch", "scrape"]
