"""``newsclean warc FILE.warc[.gz]...``: the articles of web archives as JSONL.

Records are read one at a time and extracted in worker processes, in file
order. A page without an article, or a WARC that is missing or damaged
part way, is reported on stderr and skipped; the run goes on. Pages that
are not articles (lists, error pages, walls) are counted apart and get no
record unless ``--all-pages``. Exit status 1 says something failed, 2 is a
usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from ._batch import Job, run_tagged
from ._cli_crawl import ALL_PAGES_HELP
from ._cli_extract import (
    EXIT_OK,
    EXIT_SKIPPED,
    EXIT_USAGE,
    output,
    summary_line,
    workers_for,
    write_records,
)
from ._errors import MissingDependencyError, ReadError
from ._warc import warcio_parts
from ._warc_jobs import warc_jobs


def add_parser(sub: Any) -> None:
    """Register ``warc`` on the command line's subparsers."""
    wa = sub.add_parser("warc", help="extract the HTML pages of WARC files")
    wa.add_argument("files", nargs="+", metavar="FILE", help=".warc or .warc.gz file")
    wa.add_argument("--out", metavar="FILE.jsonl", help="write JSON lines here (default stdout)")
    wa.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: CPUs)")
    wa.add_argument("--all-pages", action="store_true", help=ALL_PAGES_HELP)


class _Feed:
    """The (name, origin) tagged jobs of many WARCs, counting the files that failed."""

    def __init__(self, files: Iterable[str], *, strict: bool = True) -> None:
        self.files = files
        self.strict = strict
        self.failed = 0
        self.pages = 0

    def __iter__(self) -> Iterator[tuple[tuple[str, dict[str, Any]], Job]]:
        for name in self.files:
            try:
                for origin, job in warc_jobs(name, strict=self.strict):
                    self.pages += 1
                    yield (origin["url"] or name, origin), job
            except ReadError as exc:
                print(f"newsclean: {exc}", file=sys.stderr)
                self.failed += 1


def run(args: argparse.Namespace) -> int:
    """Run ``warc``; return the exit status."""
    if args.jobs is not None and args.jobs < 1:
        print("newsclean: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        warcio_parts()
    except MissingDependencyError as exc:
        print(f"newsclean: {exc}", file=sys.stderr)
        return EXIT_USAGE
    feed = _Feed(args.files, strict=not args.all_pages)
    results = run_tagged(feed, workers_for(args.jobs, sys.maxsize))
    with output(args.out) as sink:
        counts = write_records(sink, ((n, o, r) for (n, o), r in results))
    print(f"newsclean: {summary_line(feed.pages, counts, 'pages')}", file=sys.stderr)
    return EXIT_SKIPPED if counts.failed or feed.failed else EXIT_OK
