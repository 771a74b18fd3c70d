"""The ``newsclean`` command line; the only module that prints.

Each subcommand lives in its own ``_cli_<name>`` module with ``add_parser``
and ``run``; this module only wires them up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import _cli_crawl, _cli_extract, _cli_warc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsclean", description="News pages to clean records.")
    sub = parser.add_subparsers(dest="command", required=True)
    _cli_extract.add_parser(sub)
    _cli_crawl.add_parser(sub)
    _cli_warc.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = _parser().parse_args(argv)
    if args.command == "extract":
        return _cli_extract.run(args)
    if args.command == "crawl":
        return _cli_crawl.run(args)
    if args.command == "warc":
        return _cli_warc.run(args)
    raise AssertionError(f"unhandled command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
