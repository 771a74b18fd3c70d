#!/usr/bin/env python3
"""JSON record size per page: what a crawl or batch run writes for each article.

Every page of the chosen corpora (``../shared/corpus/NAME/pages/*.html.gz``,
with the URL from ``cases.jsonl``) is extracted with ``newsclean.extract``
and its record measured as ``Article.to_json()`` in UTF-8 bytes, which is
the line ``newsclean crawl`` writes (less its newline). Pages without an
article are counted and left out.

``--save FILE`` writes the records as JSON lines, so that a later revision
can be checked against them: ``--check FILE`` reads each saved line back
with ``Article.from_dict`` and requires it to equal the fresh extraction of
the same page (extraction unchanged, and the older record shape still
loads).

The report is Markdown on stdout.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPORA = ("wcxb-articles", "zh-news")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA))
    ap.add_argument("--save", type=Path, metavar="FILE.jsonl", help="write the records here")
    ap.add_argument("--check", type=Path, metavar="FILE.jsonl", help="compare with saved records")
    return ap.parse_args(argv)


def load_pages(shared: Path, corpora: list[str]) -> list[tuple[str, bytes, str | None]]:
    """(corpus/id, page bytes, URL) for every case of ``corpora``, in file order."""
    pages = []
    for corpus in corpora:
        folder = shared / "corpus" / corpus
        for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            data = gzip.decompress((folder / "pages" / f"{case['id']}.html.gz").read_bytes())
            pages.append((f"{corpus}/{case['id']}", data, case.get("url")))
    return pages


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import newsclean

    saved: dict[str, dict[str, Any]] = {}
    if args.check:
        for line in args.check.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            saved[row.pop("page")] = row
    sizes: list[int] = []
    html_bytes = 0
    skipped = differ = 0
    lines: list[str] = []
    for page_id, data, url in load_pages(args.shared, args.corpora):
        try:
            article = newsclean.extract(data, url=url)
        except newsclean.NewscleanError:
            skipped += 1
            continue
        text = article.to_json()
        sizes.append(len(text.encode("utf-8")))
        html_bytes += len(data)
        if args.save:
            lines.append(json.dumps({"page": page_id, **article.to_dict()}, ensure_ascii=False))
        if args.check and newsclean.Article.from_dict(saved[page_id]) != article:
            differ += 1
            print(f"differs: {page_id}", file=sys.stderr)
    if args.save:
        args.save.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    total = sum(sizes)
    print(f"corpora: {', '.join(args.corpora)}; {len(sizes)} records, {skipped} pages without one")
    print()
    print("| JSON record | bytes |")
    print("|---|---:|")
    print(f"| total | {total:,} |")
    print(f"| mean per page | {total / len(sizes):,.0f} |")
    print(f"| median per page | {statistics.median(sizes):,.0f} |")
    print(f"| per KB of HTML | {total / (html_bytes / 1024):,.0f} |")
    if args.check:
        print()
        print(f"checked against {args.check}: {differ} of {len(sizes)} records differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
