#!/usr/bin/env python3
"""Datelines and agency credits of newsclean on ``../shared/corpus/datelines``.

Each case points to a page of another development corpus and labels by hand
the story's dateline (raw, place, month, day, agency) or the fact that it has
none, and the news agencies the article credits. Every page is read as the
bytes that were served and run through ``newsclean.extract(data, url=url)``.

Scoring:

- **dateline exact**: over all cases. A case with a dateline is right when
  newsclean finds one whose place, month, day and agency equal the labels
  (place compared after collapsing whitespace, case kept); a case without one
  (plain openings and look-alikes) is right when newsclean finds none.
- **found / invented**: datelines found where one is labelled; datelines
  found where none is (``invented on look-alikes`` counts the cases whose
  note calls the line a look-alike).
- **raw exact**: the printed dateline equals the label's ``raw``.
- **agencies**: precision and recall over all (page, agency) pairs; pages
  with the exact set.

The report is Markdown on stdout; ``--misses`` lists every wrong case.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import newsclean

Json = dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    case: Json
    found: Json | None
    agencies: tuple[str, ...]
    error: str | None


def run_case(case: Json, corpus_root: Path) -> Outcome:
    page = corpus_root / case["corpus"] / "pages" / f"{case['id']}.html.gz"
    data = gzip.decompress(page.read_bytes())
    try:
        article = newsclean.extract(data, url=case.get("url"), strict=False)
    except newsclean.NewscleanError as exc:
        return Outcome(case, None, (), f"{type(exc).__name__}: {exc}")
    d = article.dateline
    found = None
    if d is not None:
        found = {"raw": d.raw, "place": d.place, "month": d.month, "day": d.day, "agency": d.agency}
    return Outcome(case, found, tuple(sorted(article.agencies)), None)


def _norm(value: str | None) -> str | None:
    return " ".join(value.split()) if value else value


def dateline_right(o: Outcome) -> bool:
    want = o.case["expect"]
    if "raw" not in want:
        return o.found is None
    if o.found is None:
        return False
    return (
        _norm(o.found["place"]) == _norm(want["place"])
        and o.found["month"] == want["month"]
        and o.found["day"] == want["day"]
        and o.found["agency"] == want["agency"]
    )


def look_alike(case: Json) -> bool:
    return "raw" not in case["expect"] and "look-alike" in (case.get("note") or "").lower()


def report(outcomes: Sequence[Outcome], misses: bool) -> str:
    n = len(outcomes)
    labelled = [o for o in outcomes if "raw" in o.case["expect"]]
    none = [o for o in outcomes if "raw" not in o.case["expect"]]
    likes = [o for o in none if look_alike(o.case)]
    right = sum(dateline_right(o) for o in outcomes)
    tp = fp = fn = 0
    exact_sets = 0
    for o in outcomes:
        want = set(o.case["expect"]["agencies"])
        got = set(o.agencies)
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        exact_sets += want == got
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    found = sum(o.found is not None for o in labelled)
    labelled_right = sum(dateline_right(o) for o in labelled)
    raw_right = sum(
        o.found is not None and o.found["raw"] == o.case["expect"]["raw"] for o in labelled
    )
    lines = [
        "| measure | value |",
        "|---|---:|",
        f"| dateline exact (all {n} cases) | {right / n:.3f} ({right}/{n}) |",
        f"| datelines found where labelled | {found}/{len(labelled)} |",
        f"| labelled datelines right | {labelled_right}/{len(labelled)} |",
        f"| raw exact | {raw_right}/{len(labelled)} |",
        f"| invented where none | {sum(o.found is not None for o in none)}/{len(none)} |",
        f"| invented on look-alikes | {sum(o.found is not None for o in likes)}/{len(likes)} |",
        f"| agencies precision | {precision:.3f} ({tp}/{tp + fp}) |",
        f"| agencies recall | {recall:.3f} ({tp}/{tp + fn}) |",
        f"| pages with the exact agency set | {exact_sets}/{n} |",
        f"| pages that raised | {sum(o.error is not None for o in outcomes)} |",
    ]
    if misses:
        lines += ["", "### Misses", ""]
        for o in outcomes:
            want = o.case["expect"]
            agencies_ok = set(want["agencies"]) == set(o.agencies)
            if dateline_right(o) and agencies_ok:
                continue
            lines.append(f"- `{o.case['corpus']}/{o.case['id']}`: {o.case['line'][:90]!r}")
            if not dateline_right(o):
                label = {k: want.get(k) for k in ("raw", "place", "month", "day", "agency")}
                lines.append(f"  - dateline want {label if 'raw' in want else None}")
                lines.append(f"  - dateline got  {o.found}")
            if not agencies_ok:
                lines.append(f"  - agencies want {want['agencies']} got {list(o.agencies)}")
            if o.error:
                lines.append(f"  - raised {o.error}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--misses", action="store_true", help="list every wrong case")
    args = parser.parse_args(argv)
    root = Path(args.shared) / "corpus"
    cases_file = root / "datelines" / "cases.jsonl"
    if not cases_file.exists():
        print(f"no datelines corpus at {cases_file}", file=sys.stderr)
        return 1
    cases = [json.loads(line) for line in cases_file.read_text(encoding="utf-8").splitlines()]
    outcomes = [run_case(c, root) for c in cases if c.get("expect")]
    print(f"`python benchmarks/datelines.py {shlex.join(argv or sys.argv[1:])}`".replace(" `", "`"))
    print()
    print(report(outcomes, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
