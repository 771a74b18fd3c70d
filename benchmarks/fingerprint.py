#!/usr/bin/env python3
"""Cost of the crawl's duplicate fingerprint beside the extraction it follows.

The bodies are those ``extract(data, url=..., strict=False)`` gives for the
pages of ``--corpora`` (``../shared/corpus/NAME/pages/*.html.gz``). Timed,
each the fastest of ``--repeat`` passes over all bodies (``perf_counter``
around the pass): ``extract`` itself, ``reference_fingerprint`` (the
definition: NFKC, casefold, a regular expression over the text, SHA-256;
what ``fingerprint`` computed before it was made cheap) and ``fingerprint``.
Every body's two fingerprints are checked to be equal. Markdown on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import newsclean
from newsclean._crawl._dedupe import fingerprint, reference_fingerprint

REPO = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", nargs="+", default=["wcxb-articles"], help="corpus names")
    ap.add_argument("--repeat", type=int, default=5, help="passes; the fastest counts (5)")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="holds corpus/")
    return ap.parse_args(argv)


def extract_all(pages: list[tuple[bytes, str]]) -> list[str]:
    """The bodies of the pages that have one (strict=False: listings too, as a crawl may)."""
    bodies = []
    for data, url in pages:
        with contextlib.suppress(newsclean.NewscleanError):
            bodies.append(newsclean.extract(data, url=url, strict=False).body)
    return bodies


def fingerprints(function: Callable[[str], str]) -> Callable[[list[str]], list[str]]:
    return lambda bodies: [function(body) for body in bodies]


def fastest(run: Callable[[T], object], data: T, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run(data)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    print(f"`python benchmarks/fingerprint.py {shlex.join(argv)}`".replace(" `", "`"), "\n")
    print("| corpus | bodies | MB of text | extract s | reference s | fingerprint s |", end=" ")
    print("reference / extract | fingerprint / extract |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for corpus in args.corpora:
        pages = [
            (gzip.decompress(f.read_bytes()), f"https://example.com/{corpus}/{f.stem}")
            for f in sorted((args.shared / "corpus" / corpus / "pages").glob("*.html.gz"))
        ]

        bodies = extract_all(pages)
        mismatched = [n for n, b in enumerate(bodies) if fingerprint(b) != reference_fingerprint(b)]
        assert not mismatched, f"{corpus}: fingerprints differ for bodies {mismatched}"
        extract_s = fastest(extract_all, pages, args.repeat)
        reference_s = fastest(fingerprints(reference_fingerprint), bodies, args.repeat)
        fingerprint_s = fastest(fingerprints(fingerprint), bodies, args.repeat)
        megabytes = sum(len(b.encode()) for b in bodies) / 1e6
        print(
            f"| {corpus} | {len(bodies)} | {megabytes:.1f} | {extract_s:.2f} | {reference_s:.3f} "
            f"| {fingerprint_s:.3f} | {reference_s / extract_s:.1%} "
            f"| {fingerprint_s / extract_s:.1%} |"
        )


if __name__ == "__main__":
    main()
