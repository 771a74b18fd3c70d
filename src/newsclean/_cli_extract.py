"""``newsclean extract PATH...``: one page as a pretty record, or many as JSONL.

One file (or ``-``) and no ``--out`` prints that page's record as indented
JSON (or text), exactly as the command always has, with exit status 1 for a
page without an article and 2 for a file that cannot be read. Anything
else (several paths, a directory, a glob, ``--out``) is a batch: every page
found is extracted in worker processes and written as one JSON line, in the
order the paths were given (directories and globs sorted by name); a page
that fails is reported on stderr and skipped, and the run goes on. Pages
that are not articles (lists, error pages, walls) get no record and are
counted apart ("not articles: N"); they do not make the exit status 1, as
they are what a crawl dump holds, not failures. ``--all-pages`` writes
their records too.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ._batch import Item, Result, extract_many, read_page, record
from ._cli_crawl import ALL_PAGES_HELP
from ._cli_progress import progress_bar
from ._errors import NewscleanError, NotAnArticleError, ReadError
from ._models import Article
from ._pipeline import extract

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
STDIN = "-"

# File names a directory walk picks up; given by name, any file is read.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
_GLOB_MAGIC = re.compile(r"[*?[]")


def add_parser(sub: Any) -> None:
    """Register ``extract`` on the command line's subparsers."""
    ex = sub.add_parser("extract", help="extract articles from HTML files, directories or stdin")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob, or - (stdin)")
    ex.add_argument("--url", help="the page's URL (one page only; fills Article.url)")
    ex.add_argument("--format", choices=("json", "text"), default="json", help="one page only")
    ex.add_argument("--out", metavar="FILE.jsonl", help="write JSON lines here (default stdout)")
    ex.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: CPUs)")
    ex.add_argument("--all-pages", action="store_true", help=ALL_PAGES_HELP)


def run(args: argparse.Namespace) -> int:
    """Run ``extract``; return the exit status."""
    if _is_single(args):
        return _run_single(args.paths[0], args.url, args.format, strict=not args.all_pages)
    if args.url is not None or args.format != "json":
        _warn("--url and --format text need a single file and no --out")
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        _warn("--jobs must be at least 1")
        return EXIT_USAGE
    return _run_batch(args.paths, args.out, args.jobs, strict=not args.all_pages)


def _is_single(args: argparse.Namespace) -> bool:
    if len(args.paths) != 1 or args.out is not None:
        return False
    name: str = args.paths[0]
    return name == STDIN or not (os.path.isdir(name) or _is_glob(name))


def _is_glob(name: str) -> bool:
    return bool(_GLOB_MAGIC.search(name)) and not os.path.exists(name)


def _warn(message: str) -> None:
    print(f"newsclean: {message}", file=sys.stderr)


def _run_single(name: str, url: str | None, form: str, *, strict: bool) -> int:
    if name.startswith(("http://", "https://")) and not os.path.exists(name):
        _warn(f"{name} is a URL, not a file: fetch it with: newsclean fetch {name}")
        return EXIT_USAGE
    try:
        data = sys.stdin.buffer.read() if name == STDIN else read_page(name)
    except ReadError as exc:
        _warn(str(exc))
        return EXIT_USAGE
    try:
        article = extract(data, url=url, strict=strict)
    except NewscleanError as exc:
        _warn(f"{name}: {exc}")
        return EXIT_SKIPPED
    print_record(article, form)
    return EXIT_OK


def print_record(article: Article, form: str) -> None:
    """One page's record on stdout: indented JSON, or the title and the body as text."""
    if form == "json":
        print(article.to_json(indent=2))
        return
    if article.title:
        print(article.title, end="\n\n")
    print(article.body)


def expand(name: str) -> list[str]:
    """The page files one PATH argument stands for (``-`` stays ``-``)."""
    if name == STDIN or os.path.isfile(name):
        return [name]
    if os.path.isdir(name):
        return [str(p) for p in sorted(Path(name).rglob("*")) if _is_page_file(p)]
    if _is_glob(name):
        found = sorted(glob.glob(name, recursive=True))
        return [page for match in found for page in expand(match)]
    return [name]  # missing: reported as unreadable, in its place


def _is_page_file(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES) and path.is_file()


def _items(names: Iterable[str]) -> Iterator[Item]:
    for name in names:
        yield sys.stdin.buffer.read() if name == STDIN else Path(name)


def record_line(article: Article, origin: dict[str, Any]) -> str:
    """One JSONL line: the article's record plus where it came from, under ``origin``."""
    return json.dumps(record(article, origin), ensure_ascii=False)


@contextmanager
def output(path: str | None) -> Iterator[IO[str]]:
    """The JSONL sink: ``path`` (UTF-8, ``\\n`` line ends) or stdout."""
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        yield handle


def report(name: str, error: NewscleanError) -> None:
    """Say on stderr why one input was skipped."""
    _warn(str(error) if isinstance(error, ReadError) else f"{name}: {error}")


def workers_for(jobs: int | None, count: int) -> int:
    """Worker processes for ``count`` pages: never more than there are pages."""
    return max(1, min(jobs or os.cpu_count() or 1, count))


def _run_batch(paths: list[str], out: str | None, jobs: int | None, *, strict: bool) -> int:
    names = [page for name in paths for page in expand(name)]
    if not names:
        _warn(f"no HTML files in {' '.join(paths)}")
        return EXIT_USAGE
    results = extract_many(_items(names), jobs=workers_for(jobs, len(names)), strict=strict)
    with output(out) as sink:
        counts = write_records(
            sink,
            ((n, {"path": n}, r) for n, r in zip(names, results, strict=True)),
            total=len(names),
        )
    _warn(summary_line(len(names), counts, "inputs"))
    return EXIT_SKIPPED if counts.failed else EXIT_OK


@dataclass(frozen=True, slots=True)
class Counts:
    """What a batch did with its inputs: records written, not articles, failures."""

    written: int = 0
    not_articles: int = 0
    failed: int = 0


def summary_line(seen: int, counts: Counts, what: str) -> str:
    """The line a batch ends with: records written of how many inputs, and why the rest not."""
    line = f"{counts.written} records written"
    if counts.failed:
        line += f", {counts.failed} of {seen} {what} skipped"
    else:
        line += f" ({seen} {what})"
    return line + (f", not articles: {counts.not_articles}" if counts.not_articles else "")


def write_records(
    sink: IO[str], results: Iterable[tuple[str, dict[str, Any], Result]], *, total: int = 0
) -> Counts:
    """Write each article as a line, report each page without one by name; count them.

    On a terminal a progress bar counts the inputs (``total`` 0: not known ahead).
    """
    written = not_articles = failed = 0
    bar = progress_bar()
    try:
        for done, (name, origin, result) in enumerate(results, 1):
            if isinstance(result, Article):
                sink.write(record_line(result, origin) + "\n")
                written += 1
            else:
                report(name, result)
                if isinstance(result, NotAnArticleError):
                    not_articles += 1
                else:
                    failed += 1
            if bar is not None:
                bar(done, total)
    finally:
        if bar is not None:
            bar(-1, 0)
    return Counts(written, not_articles, failed)
