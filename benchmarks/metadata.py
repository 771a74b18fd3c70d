#!/usr/bin/env python3
"""Title, publish date and author accuracy of newsclean and trafilatura.

Every page is read as the bytes that were served (gunzipped, not decoded).
newsclean gets those bytes: ``newsclean.extract(data, url=url)``.
trafilatura gets text decoded by ``decode_html`` of
``../shared/bench/run_extractor.py`` (imported from that file by path),
because its own decoding garbles GBK pages:
``trafilatura.bare_extraction(text, url=url, with_metadata=True)``.
readability's hand-written unit-test pages (``meta.synthetic``) are left out.

Scoring, per corpus and tool (each field over the cases that have a
reference for it; a missing prediction or a page that raised counts as
wrong):

- **title**: exact match after collapsing whitespace and stripping; case and
  punctuation count. **title, site part ignored**: also correct when the
  prediction equals the reference without one or more trailing parts after a
  separator (`` | ``, `` - ``, `` – ``, `` — ``, `` :: ``, `` · ``, `` » ``,
  ``_``): readability's and zh's references are the document title with the
  site name kept (``How to Build a Terrarium | eHow``), which newsclean
  removes by design. Both tools are scored the same way.
- **date**: the calendar day (``YYYY-MM-DD``) of the tool's publish date
  equals that of the reference. Only references with at least a year, a
  month and a day count (zh has partial dates such as ``2018``, ``1998-3``);
  one- or two-digit months and days are read, and the separator between
  month and day may be ``-`` or ``.``; an impossible date (``2022-29-11``,
  two trafilatura cases) is no reference. The tool's date is taken as it
  gives it, in the time zone the page states, not converted. **coverage**:
  the share of those cases where the tool gives any date.
- **author** ("overlap"): correct when at least one predicted author equals
  one reference name after collapsing whitespace and case folding.
  Predicted authors are newsclean's ``authors`` tuple as is, and
  trafilatura's ``author`` string split on ``;`` (its own separator).
  Reference names, from the raw ``author`` field:

  - zh: split on whitespace and ``、`` (``刘国栋 周炜 王燕平``,
    ``赵延东、风笑天``);
  - zh-news: ``meta.authors`` where present, else split on whitespace;
  - other corpora: split on newlines, ``;``, ``,``, ``&``, ``|``, ``/`` and
    the words ``and``/``und``/``et``/``y`` (``Danielle DeSiato, Donna
    Enzmann, and Natalie Nguyen``, ``Fiona Bornhöft und Mariam Hofbeck``,
    ``dsw / DPA``); a leading ``By``, ``Written by``, ``Posted by``,
    ``Von``, ``Par`` or ``Por`` is dropped from each part (readability
    keeps the raw byline, ``By Joshua Sokol``); a list-valued ``author``
    (four trafilatura cases) is taken item by item.

  In every corpus the whole reference string, and each part again with any
  ``(...)`` removed, are names too, so ``Maria & Katerina`` or
  ``Bradley M. Kuhn (http://ebb.org/bkuhn/)`` can match as a whole. Degree
  and job suffixes split off by commas (``Dylan Bailey, MS, RD``) become
  parts that no tool predicts, so they cost nothing.

The report is Markdown on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib.metadata
import importlib.util
import json
import os
import re
import shlex
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("newsclean", "trafilatura")
DEFAULT_CORPORA = ["zh", "zh-news", "wcxb-articles", "readability", "trafilatura"]

Json = dict[str, Any]

_SPACE = re.compile(r"\s+")
_REF_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})[-.](\d{1,2})(?!\d)")
_TOOL_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_ZH_SPLIT = re.compile(r"[\s、]+")
_SPLIT = re.compile(r"\s*(?:[\n;,&|/]|\s(?:and|und|et|y)\s)\s*", re.IGNORECASE)
_BY = re.compile(r"^(?:(?:written|posted)\s+)?(?:by|von|par|por)\b[:\s]*", re.IGNORECASE)
_PARENS = re.compile(r"\([^)]*\)?")
_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+|_")
_TITLE_TAIL = re.compile(r"\s*(?:\||-|–|—|::|·|»)\s*$")


@dataclass(frozen=True, slots=True)
class Case:
    """One page and its reference metadata."""

    corpus: str
    id: str
    url: str | None
    data: bytes
    title: str | None
    date: str | None
    authors: frozenset[str]
    raw_author: str | None


@dataclass(frozen=True, slots=True)
class Prediction:
    """What one tool says about one page."""

    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    error: str | None = None


@dataclass(slots=True)
class Tally:
    """Hits over cases with a reference, for one corpus and tool."""

    pages: int = 0
    errors: int = 0
    seconds: float = 0.0
    title: list[int] = field(default_factory=lambda: [0, 0])
    title_loose: list[int] = field(default_factory=lambda: [0, 0])
    date: list[int] = field(default_factory=lambda: [0, 0])
    dated: int = 0
    author: list[int] = field(default_factory=lambda: [0, 0])


@dataclass(frozen=True, slots=True)
class Miss:
    """One wrong field, for the examples list."""

    corpus: str
    id: str
    field: str
    reference: str
    predicted: str


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--corpora", nargs="+", default=DEFAULT_CORPORA, metavar="NAME")
    ap.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS)
    ap.add_argument("--limit", type=int, help="only the first N cases of each corpus")
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="folder holding corpus/ and bench/ (default: ../shared)",
    )
    ap.add_argument(
        "--examples",
        type=int,
        default=0,
        metavar="N",
        help="list up to N of newsclean's misses per corpus and field",
    )
    return ap.parse_args(argv)


# ---------------------------------------------------------------- references


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def name_key(text: str) -> str:
    return norm(text).casefold()


def title_without_site(reference: str) -> list[str]:
    """The reference title, then with its trailing separated parts removed one by one."""
    out = [reference]
    text = reference
    while True:
        text = _TITLE_TAIL.sub("", text)
        cuts = [m.start() for m in _TITLE_SEP.finditer(text)]
        if not cuts or cuts[-1] == 0:
            return out
        text = text[: cuts[-1]].strip()
        out.append(text)


def reference_day(value: Any) -> str | None:
    """``YYYY-MM-DD`` of a reference date with year, month and day; else None."""
    if not isinstance(value, str):
        return None
    m = _REF_DATE.match(value)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _names(parts: Iterable[str]) -> frozenset[str]:
    keys = {name_key(p) for p in parts}
    keys |= {name_key(_PARENS.sub("", p)) for p in parts}
    keys.discard("")
    return frozenset(keys)


def reference_authors(corpus: str, value: Any, meta: Json) -> frozenset[str]:
    """Normalised reference names of one case (see the module docstring)."""
    if not value:
        return frozenset()
    if corpus == "zh-news" and meta.get("authors"):
        return _names([str(a) for a in meta["authors"]])
    items = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    parts: list[str] = list(items)
    for item in items:
        if corpus in ("zh", "zh-news"):
            parts += _ZH_SPLIT.split(item)
        else:
            parts += [_BY.sub("", p.strip()) for p in _SPLIT.split(item)]
    return _names(parts)


def load_cases(shared: Path, corpus: str, limit: int | None) -> list[Case]:
    folder = shared / "corpus" / corpus
    with open(folder / "cases.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    rows = [r for r in rows if not (r.get("meta") or {}).get("synthetic")]
    cases = []
    for row in rows[:limit]:
        meta = row.get("meta") or {}
        author = row.get("author")
        cases.append(
            Case(
                corpus=corpus,
                id=str(row["id"]),
                url=row.get("url"),
                data=gzip.decompress((folder / "pages" / f"{row['id']}.html.gz").read_bytes()),
                title=norm(row["title"]) if row.get("title") else None,
                date=reference_day(row.get("date")),
                authors=reference_authors(corpus, author, meta),
                raw_author=None if author is None else str(author),
            )
        )
    return cases


# ---------------------------------------------------------------- tools


def load_decoder(shared: Path) -> Callable[[bytes], str]:
    """``decode_html`` from ``bench/run_extractor.py``, imported by path."""
    path = shared / "bench" / "run_extractor.py"
    spec = importlib.util.spec_from_file_location("run_extractor", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    decode: Callable[[bytes], str] = module.decode_html
    return decode


def tool_day(value: Any) -> str | None:
    """``YYYY-MM-DD`` of a date, datetime or ISO string a tool gave; else None."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str):
        m = _TOOL_DATE.match(value)
        return "-".join(m.groups()) if m else None
    return None


def run_newsclean(case: Case) -> Prediction:
    import newsclean

    try:
        article = newsclean.extract(case.data, url=case.url, strict=False)
    except newsclean.NoArticleError as exc:
        return Prediction(error=f"NoArticleError: {exc}")
    except Exception as exc:
        return Prediction(error=f"{type(exc).__name__}: {exc}")
    return Prediction(article.title, tool_day(article.published), tuple(article.authors))


def trafilatura_runner(decode: Callable[[bytes], str]) -> Callable[[Case], Prediction]:
    import trafilatura

    def run(case: Case) -> Prediction:
        try:
            doc = trafilatura.bare_extraction(decode(case.data), url=case.url, with_metadata=True)
        except Exception as exc:
            return Prediction(error=f"{type(exc).__name__}: {exc}")
        if doc is None:
            return Prediction()

        # A Document object (with __slots__) in trafilatura 2.x, a dict in 1.x.
        def get(key: str) -> Any:
            return doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)

        author = get("author") or ""
        authors = tuple(a.strip() for a in str(author).split(";") if a.strip())
        return Prediction(get("title"), tool_day(get("date")), authors)

    return run


# ---------------------------------------------------------------- scoring


def score(case: Case, pred: Prediction, tally: Tally, misses: list[Miss]) -> None:
    tally.pages += 1
    tally.errors += pred.error is not None
    if case.title is not None:
        got = norm(pred.title) if pred.title else None
        hit = got == case.title
        tally.title[0] += hit
        tally.title[1] += 1
        tally.title_loose[0] += got is not None and got in title_without_site(case.title)
        tally.title_loose[1] += 1
        if not hit:
            misses.append(Miss(case.corpus, case.id, "title", case.title, repr(got)))
    if case.date is not None:
        hit = pred.date == case.date
        tally.date[0] += hit
        tally.date[1] += 1
        tally.dated += pred.date is not None
        if not hit:
            misses.append(Miss(case.corpus, case.id, "date", case.date, repr(pred.date)))
    if case.authors:
        hit = any(name_key(a) in case.authors for a in pred.authors)
        tally.author[0] += hit
        tally.author[1] += 1
        if not hit:
            ref = (case.raw_author or "").replace("\n", " ")
            misses.append(Miss(case.corpus, case.id, "author", norm(ref), repr(pred.authors)))


def evaluate(
    cases: Sequence[Case], run: Callable[[Case], Prediction], label: str
) -> tuple[Tally, list[Miss]]:
    tally, misses = Tally(), list[Miss]()
    for n, case in enumerate(cases, 1):
        start = time.perf_counter()
        pred = run(case)
        tally.seconds += time.perf_counter() - start
        score(case, pred, tally, misses)
        if n % 100 == 0:
            print(f"{label}: {n}/{len(cases)}", file=sys.stderr, flush=True)
    return tally, misses


# ---------------------------------------------------------------- report


def cell(hits_total: Sequence[int]) -> str:
    hits, total = hits_total
    return "-" if not total else f"{100 * hits / total:.1f}% ({hits}/{total})"


def coverage(tally: Tally) -> str:
    total = tally.date[1]
    return "-" if not total else f"{100 * tally.dated / total:.1f}% ({tally.dated}/{total})"


def corpus_section(corpus: str, cases: Sequence[Case], tallies: dict[str, Tally]) -> list[str]:
    n_title = sum(c.title is not None for c in cases)
    n_date = sum(c.date is not None for c in cases)
    n_author = sum(bool(c.authors) for c in cases)
    lines = [
        f"### {corpus}",
        "",
        f"{len(cases)} pages; reference title {n_title}, full date {n_date}, author {n_author}.",
        "",
        "| tool | n | title acc | title, site part ignored | date acc | date coverage"
        " | author acc | raised |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for tool, t in tallies.items():
        lines.append(
            f"| {tool} | {t.pages} | {cell(t.title)} | {cell(t.title_loose)} | {cell(t.date)}"
            f" | {coverage(t)}"
            f" | {cell(t.author)} | {t.errors} |"
        )
    return [*lines, ""]


def examples_section(misses: Sequence[Miss], per_field: int) -> list[str]:
    if not per_field or not misses:
        return []
    lines = ["#### newsclean misses", ""]
    for name in ("title", "date", "author"):
        chosen = [m for m in misses if m.field == name][:per_field]
        for m in chosen:
            lines.append(f"- {name} `{m.id}`: reference {m.reference!r}, newsclean {m.predicted}")
    return [*lines, ""]


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def header(args: argparse.Namespace) -> list[str]:
    argv = shlex.join(["python", os.path.relpath(__file__, Path.cwd()), *sys.argv[1:]])
    versions = ", ".join(f"{tool} {version(tool)}" for tool in args.tools)
    return [
        "## Metadata: title, publish date, authors",
        "",
        "```sh",
        argv,
        "```",
        "",
        f"- Tools: {versions}. newsclean gets the raw page bytes; trafilatura gets text decoded"
        " by `decode_html` of `bench/run_extractor.py`, because its own decoding of bytes"
        " garbles GBK pages.",
        "- Each accuracy is over the cases with that reference (count in brackets); a missing"
        " prediction counts as wrong. Title: exact after whitespace normalisation. Date: same"
        " calendar day, over references with year, month and day; coverage is the share of"
        " those where the tool gives a date. Author: at least one predicted name equals a"
        " reference name (whitespace and case normalised). `raised`: pages where the tool"
        " raised (newsclean's NoArticleError included), scored as predicting nothing.",
        "- readability's synthetic unit-test pages are left out.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.shared = args.shared.resolve()
    runners: dict[str, Callable[[Case], Prediction]] = {}
    if "newsclean" in args.tools:
        runners["newsclean"] = run_newsclean
    if "trafilatura" in args.tools:
        runners["trafilatura"] = trafilatura_runner(load_decoder(args.shared))
    lines = header(args)
    for corpus in args.corpora:
        cases = load_cases(args.shared, corpus, args.limit)
        tallies: dict[str, Tally] = {}
        newsclean_misses: list[Miss] = []
        for tool, run in runners.items():
            tally, misses = evaluate(cases, run, f"{tool} {corpus}")
            tallies[tool] = tally
            if tool == "newsclean":
                newsclean_misses = misses
            print(f"{tool} {corpus}: done in {tally.seconds:.1f} s", file=sys.stderr, flush=True)
        lines += corpus_section(corpus, cases, tallies)
        lines += examples_section(newsclean_misses, args.examples)
    print("\n".join(lines).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
