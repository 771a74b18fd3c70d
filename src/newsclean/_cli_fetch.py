"""``newsclean fetch URL``: fetch one page, extract it, print its record.

The one-page counterpart of ``extract FILE`` for a page on the web: the same
output (indented JSON or text) and exit statuses (1 for a page without an
article or one that could not be fetched, 2 for a usage mistake), with the
fetcher's politeness on by default and its main options as flags.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._cli_crawl import ALL_PAGES_HELP
from ._cli_extract import print_record
from ._errors import FetchError, NewscleanError
from ._fetch import scrape

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2


def add_parser(sub: Any) -> None:
    """Register ``fetch`` on the command line's subparsers."""
    fe = sub.add_parser("fetch", help="fetch one URL and print its article record")
    fe.add_argument("url", metavar="URL", help="the page's http(s) URL")
    fe.add_argument("--format", choices=("json", "text"), default="json")
    fe.add_argument("--timeout", type=float, metavar="SECONDS", help="total time allowed")
    fe.add_argument("--user-agent", metavar="UA", help="the User-Agent header to send")
    fe.add_argument("--no-robots", action="store_true", help="do not read robots.txt")
    fe.add_argument("--cache", metavar="FILE.db", help="an HTTP cache file to reuse")
    fe.add_argument("--all-pages", action="store_true", help=ALL_PAGES_HELP)


def run(args: argparse.Namespace) -> int:
    """Run ``fetch``; return the exit status."""
    if not args.url.startswith(("http://", "https://")):
        _warn(f"{args.url}: not an http(s) URL (for a file, use: newsclean extract PATH)")
        return EXIT_USAGE
    options: dict[str, Any] = {"respect_robots": not args.no_robots}
    if args.timeout is not None:
        if args.timeout <= 0:
            _warn("--timeout must be more than 0")
            return EXIT_USAGE
        options["timeout"] = args.timeout
    if args.user_agent:
        options["user_agent"] = args.user_agent
    if args.cache:
        options["cache"] = args.cache
    try:
        article = scrape(args.url, strict=not args.all_pages, **options)
    except FetchError as exc:
        _warn(f"{args.url}: {type(exc).__name__}: {exc}")
        return EXIT_SKIPPED
    except NewscleanError as exc:
        _warn(f"{args.url}: {exc}")
        return EXIT_SKIPPED
    print_record(article, args.format)
    return EXIT_OK


def _warn(message: str) -> None:
    print(f"newsclean: {message}", file=sys.stderr)
