"""The ``newsclean`` command line; the only module that prints."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import _cli_crawl
from ._errors import NewscleanError
from ._pipeline import extract

EXIT_OK, EXIT_NO_ARTICLE, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsclean", description="News pages to clean records.")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract the article of one HTML file ('-' for stdin)")
    ex.add_argument("file", help="HTML file, or - to read stdin")
    ex.add_argument("--url", help="the page's URL (resolves links, fills Article.url)")
    ex.add_argument("--format", choices=("json", "text"), default="json")
    _cli_crawl.add_parser(sub)
    return parser


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = _parser().parse_args(argv)
    if args.command == "crawl":
        return _cli_crawl.run(args)
    try:
        data = _read(args.file)
    except OSError as exc:
        print(f"newsclean: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    try:
        article = extract(data, url=args.url)
    except NewscleanError as exc:
        print(f"newsclean: {args.file}: {exc}", file=sys.stderr)
        return EXIT_NO_ARTICLE
    if args.format == "json":
        print(article.to_json(indent=2))
    else:
        if article.title:
            print(article.title, end="\n\n")
        print(article.body)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
