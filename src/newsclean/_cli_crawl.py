"""``newsclean crawl``: the subcommand's arguments, progress and summary."""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from typing import Any

from ._cli_progress import progress_bar
from ._crawl import CrawlInterrupted, CrawlSummary, crawl
from ._crawl._dates import parse_since
from ._errors import NewscleanError

#: ``--all-pages``, the same on every subcommand that extracts.
ALL_PAGES_HELP = "also write records of pages that are not articles (lists, error pages, walls)"

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def add_parser(sub: Any) -> None:
    """Register ``crawl`` on the ``newsclean`` subcommands."""
    p = sub.add_parser("crawl", help="crawl feeds, sitemaps and article URLs into JSONL")
    p.add_argument("seeds", nargs="+", metavar="SEED", help="feed, sitemap or article URL")
    p.add_argument("--out", required=True, help="JSONL file the records are appended to")
    p.add_argument("--state", help="SQLite state file (default: OUT.state.db)")
    p.add_argument("--concurrency", type=_count, default=10, help="requests in flight (10)")
    p.add_argument("--per-host", type=_count, default=2, help="requests in flight per host (2)")
    p.add_argument("--since", type=_since, help="skip articles published before this date")
    p.add_argument("--max-pages", type=_count, help="fetch at most this many articles")
    p.add_argument("--retry-failed", action="store_true", help="fetch URLs that failed before")
    p.add_argument("--no-robots", action="store_true", help="do not obey robots.txt")
    p.add_argument("--all-pages", action="store_true", help=ALL_PAGES_HELP)
    p.add_argument("--jobs", type=_count, metavar="N", help="extracting processes (default: CPUs)")
    p.add_argument("-v", "--verbose", action="store_true", help="log each URL's outcome")


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _since(text: str) -> Any:
    try:
        return parse_since(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    """Run the crawl; 0 unless something fatal (output, state) went wrong."""
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="newsclean: %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    bar = progress_bar()
    try:
        summary = crawl(
            args.seeds, out=args.out, state=args.state, concurrency=args.concurrency,
            per_host=args.per_host, since=args.since, max_pages=args.max_pages,
            retry_failed=args.retry_failed, strict=not args.all_pages, jobs=args.jobs,
            progress=bar, respect_robots=not args.no_robots,
        )  # fmt: skip
    except CrawlInterrupted as stop:
        _report(stop.summary, "interrupted: ")
        return EXIT_INTERRUPTED
    except (NewscleanError, sqlite3.Error, OSError) as exc:
        print(f"newsclean crawl: {exc}", file=sys.stderr)
        return EXIT_FATAL
    finally:
        if bar is not None:
            bar(-1, 0)
    _report(summary)
    return EXIT_OK


def _report(summary: CrawlSummary, prefix: str = "") -> None:
    print(f"newsclean crawl: {prefix}{summary.line()}", file=sys.stderr)
