#!/usr/bin/env python3
"""Time ``extract`` of two revisions of newsclean page by page, in one process.

    python benchmarks/ab.py OLD_REV NEW_REV [--passes N]

A shared machine's speed drifts by more than a good change gains, so two
runs one after the other cannot tell a 5% change from noise. This script
exports ``src/newsclean`` of both revisions (``git archive``), imports them
side by side under other package names, and times each page with one and
then the other, alternating which goes first, over every page of the
default speed corpora (raw bytes in, as ``speed.py`` does). Drift then
touches both alike. It prints both medians and means and the median of the
per-page ratios NEW/OLD; ``--check`` also compares the two records of every
page, so that a speed change can be shown to leave the output as it was.

Only the package is exported: the data files it reads (``rules/``) come
with it. The working tree is named ``WORKTREE``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import inspect
import io
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
CORPORA = ("wcxb-articles", "readability", "zh", "newspaper4k", "zh-news")
WORKTREE = "WORKTREE"
WARMUP_PAGES = 30


def export(rev: str, into: Path, name: str) -> None:
    """Write ``src/newsclean`` of ``rev`` (or of the working tree) as package ``name``."""
    target = into / name
    if rev == WORKTREE:
        shutil.copytree(
            REPO / "src" / "newsclean", target, ignore=shutil.ignore_patterns("__pycache__")
        )
        return
    data = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "src/newsclean"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # Python before the extraction filters
            tar.extractall(into)  # our own repository's archive
    (into / "src" / "newsclean").rename(target)


def load_pages() -> list[tuple[bytes, str | None]]:
    import json

    pages = []
    for corpus in CORPORA:
        for line in (CORPUS / corpus / "cases.jsonl").read_text().splitlines():
            case = json.loads(line)
            path = CORPUS / corpus / "pages" / f"{case['id']}.html.gz"
            pages.append((gzip.decompress(path.read_bytes()), case.get("url")))
    return pages


def timed(
    extract: Callable[..., Any], data: bytes, url: str | None, strict: bool = False
) -> tuple[float, Any]:
    # Both sides build the whole record: a page refused as not an article
    # would otherwise skip the normaliser on one side only. ``strict`` times
    # extract() as called by default, the not-an-article decision included.
    kwargs = (
        {} if strict or "strict" not in inspect.signature(extract).parameters else {"strict": False}
    )
    start = time.perf_counter()
    try:
        article = extract(data, url=url, **kwargs)
        result: Any = article.to_dict()
    except Exception as exc:
        # A page that raises is timed like any other; its record is the error.
        return time.perf_counter() - start, repr(exc)
    seconds = time.perf_counter() - start
    # Records written before the text was stored once carry body; compare the
    # articles, not the record shapes, so that revisions on both sides agree.
    result.setdefault("body", article.body)
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", help=f"a git revision, or {WORKTREE}")
    parser.add_argument("new", help=f"a git revision, or {WORKTREE}")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="also compare the records")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="call extract() with its defaults: time the not-an-article decision too",
    )
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    tmp = Path(tempfile.mkdtemp(prefix="newsclean-ab-"))
    try:
        export(args.old, tmp, "newsclean_old")
        export(args.new, tmp, "newsclean_new")
        sys.path.insert(0, str(tmp))
        old = importlib.import_module("newsclean_old").extract
        new = importlib.import_module("newsclean_new").extract
        pages = load_pages()
        for data, url in pages[:WARMUP_PAGES]:
            timed(old, data, url, args.strict)
            timed(new, data, url, args.strict)
        t_old: list[float] = []
        t_new: list[float] = []
        differ = 0
        for n in range(args.passes):
            for i, (data, url) in enumerate(pages):
                order = [(old, t_old), (new, t_new)]
                if (i + n) % 2:
                    order.reverse()
                results = []
                for extract, times in order:
                    seconds, result = timed(extract, data, url, args.strict)
                    times.append(seconds)
                    results.append(result)
                differ += n == 0 and args.check and results[0] != results[1]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ratio = statistics.median(b / a for a, b in zip(t_old, t_new, strict=True))
    for label, rev, times in (("old", args.old, t_old), ("new", args.new, t_new)):
        median, mean = statistics.median(times) * 1000, statistics.mean(times) * 1000
        print(f"{label} {rev}: median {median:.3f} ms, mean {mean:.3f} ms")
    print(f"{len(pages)} pages x {args.passes} passes; median per-page ratio new/old {ratio:.3f}")
    if args.check:
        print(f"records that differ: {differ} of {len(pages)}")


if __name__ == "__main__":
    main()
