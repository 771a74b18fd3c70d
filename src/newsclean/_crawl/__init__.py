"""Crawling feeds and sitemaps into a growing, duplicate-free JSONL file.

_urls      canonical URLs (the crawl's keys), tracking parameters as data
_dates     feed and sitemap dates
_discover  recognising and reading feeds and sitemaps, safely
_seeds     fetching the seeds and the sitemaps they lead to
_select    which URLs to fetch (new, recent, newest first)
_dedupe    the two keys that make two pages one article
_extract   extraction in worker processes, results in order
_state     the SQLite state between runs
_writer    the JSONL output: whole lines, torn line repaired
_run       the crawl loop and its order of effects
_summary   counters and the summary
_api       crawl()
"""

from __future__ import annotations

from ._api import CrawlInterrupted, crawl
from ._summary import CrawlSummary

__all__ = ["CrawlInterrupted", "CrawlSummary", "crawl"]
