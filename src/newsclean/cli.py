"""The ``newsclean`` command line; the only module that prints.

Each subcommand lives in its own ``_cli_<name>`` module with ``add_parser``
and ``run``; this module only wires them up, and keeps what the shell does
to a program from ending in a traceback: a reader that stops early (``|
head``), an output file that cannot be written, a console that cannot show
every character.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import _cli_crawl, _cli_extract, _cli_fetch, _cli_warc
from ._version import __version__

EXIT_USAGE = 2
#: What a shell reports for a program ended by a closed pipe (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsclean", description="News pages to clean records.")
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _cli_extract.add_parser(sub)
    _cli_fetch.add_parser(sub)
    _cli_crawl.add_parser(sub)
    _cli_warc.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    _printable_streams()
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except BrokenPipeError:
        # The reader went away (``newsclean extract … | head -1``): stop quietly,
        # and keep the interpreter from failing to flush stdout on exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        # An output that cannot be written: a missing folder, no permission, a full disk.
        where = f": {exc.filename}" if exc.filename else ""
        print(f"newsclean: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_USAGE


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "extract":
        return _cli_extract.run(args)
    if args.command == "fetch":
        return _cli_fetch.run(args)
    if args.command == "crawl":
        return _cli_crawl.run(args)
    if args.command == "warc":
        return _cli_warc.run(args)
    raise AssertionError(f"unhandled command {args.command}")


def _printable_streams() -> None:
    """A console that cannot encode every character (a Latin-1 or ASCII locale) gets
    ``\\uXXXX`` escapes for the rest rather than a UnicodeEncodeError: in JSON
    output they are the same string."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding not in ("utf8", "utf8sig") and reconfigure is not None:
            reconfigure(errors="backslashreplace")


if __name__ == "__main__":
    sys.exit(main())
