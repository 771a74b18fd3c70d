#!/usr/bin/env python3
"""Extraction quality and per-page latency of newsclean and trafilatura.

For every (corpus, tool) pair this runs the shared harness:

    run_extractor.py CORPUS --extractor benchmarks/adapters.py:FUNC --out PRED --raw --json
    score.py CORPUS PRED --json

and prints one Markdown table per corpus: F1 / precision / recall of the
main text (snippet scores on corpora that only have snippets), pages/s on
one core, p50/p95 latency, pages that raised, and empty outputs. The exact
commands come first so that they can be pasted elsewhere.

Predictions and run summaries are kept in --out (git-ignored). With
--cache-baseline, trafilatura's files from an earlier run are reused when
present; by default every tool is run again. --per-case CORPUS adds the
worst newsclean pages of that corpus, next to trafilatura's F1 on each.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
ADAPTERS = REPO / "benchmarks" / "adapters.py"
FUNCS = {"newsclean": "newsclean_body", "trafilatura": "trafilatura_body"}
BASELINE = "trafilatura"
DEFAULT_CORPORA = ["wcxb-articles", "readability", "zh", "zh-news", "trafilatura"]
WORST = 15

Json = dict[str, Any]


@dataclass
class Result:
    """One tool on one corpus: the runner's summary, the scores, the failures."""

    tool: str
    corpus: str
    timing: Json | None = None
    scores: Json | None = None
    errors: Counter[str] = field(default_factory=Counter)
    failure: str | None = None
    cached: bool = False


@dataclass
class Context:
    """Settings shared by every run, plus the commands run so far."""

    shared: Path
    out: Path
    raw: bool
    limit: int | None
    timeout: float
    cache_baseline: bool
    per_case: str | None
    commands: list[str] = field(default_factory=list)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", nargs="+", default=DEFAULT_CORPORA, metavar="NAME")
    ap.add_argument("--tools", nargs="+", default=list(FUNCS), choices=list(FUNCS))
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="folder holding bench/ and corpus/ (default: ../shared)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=REPO / "benchmarks" / "results",
        help="predictions and summaries (default: benchmarks/results/)",
    )
    ap.add_argument(
        "--raw",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="hand extractors the page bytes, so decoding is timed (default: on)",
    )
    ap.add_argument("--limit", type=int, help="only the first N pages of each corpus")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per page")
    ap.add_argument(
        "--cache-baseline",
        action="store_true",
        help=f"reuse {BASELINE}'s predictions from an earlier run if present",
    )
    ap.add_argument(
        "--per-case",
        metavar="CORPUS",
        help=f"also list the {WORST} worst newsclean pages of CORPUS",
    )
    return ap.parse_args(argv)


def shown(path: Path) -> str:
    """A path as written in the commands: relative to the repository root when nearby."""
    return os.path.relpath(path, REPO) if path.is_relative_to(REPO.parent) else str(path)


def command_line(cmd: list[str]) -> str:
    return shlex.join(["python" if part == sys.executable else part for part in cmd])


def run_json(ctx: Context, cmd: list[str]) -> tuple[Any, str]:
    """Run a harness command from the repository root; its JSON stdout and its stderr."""
    ctx.commands.append(command_line(cmd))
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        raise RuntimeError(f"exit {proc.returncode}: {tail}")
    return json.loads(proc.stdout), proc.stderr


def stem(ctx: Context, tool: str, corpus: str) -> Path:
    name = f"{tool}-{corpus}"
    if not ctx.raw:
        name += "-decoded"
    if ctx.limit:
        name += f"-limit{ctx.limit}"
    return ctx.out / name


def extract(ctx: Context, tool: str, corpus: str) -> tuple[Json, bool]:
    """Predictions of a tool on a corpus; the runner's summary and whether it was cached."""
    base = stem(ctx, tool, corpus)
    pred, summary = base.with_suffix(".jsonl"), base.with_suffix(".summary.json")
    if tool == BASELINE and ctx.cache_baseline and pred.exists() and summary.exists():
        ctx.commands.append(f"# reused {shown(pred)} (--cache-baseline)")
        return json.loads(summary.read_text(encoding="utf-8")), True
    cmd = [
        sys.executable,
        shown(ctx.shared / "bench" / "run_extractor.py"),
        shown(ctx.shared / "corpus" / corpus),
        "--extractor",
        f"{shown(ADAPTERS)}:{FUNCS[tool]}",
        "--out",
        shown(pred),
        "--timeout",
        f"{ctx.timeout:g}",
        "--json",
    ]
    if ctx.raw:
        cmd.append("--raw")
    if ctx.limit:
        cmd += ["--limit", str(ctx.limit)]
    timing, _ = run_json(ctx, cmd)
    summary.write_text(json.dumps(timing, indent=1) + "\n", encoding="utf-8")
    return timing, False


def truth_file(ctx: Context, corpus: str) -> Path:
    """The corpus to score against: the whole corpus, or its first --limit cases."""
    folder = ctx.shared / "corpus" / corpus
    if not ctx.limit:
        return folder
    lines = (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line.strip()][: ctx.limit]
    path = ctx.out / f"cases-{corpus}-limit{ctx.limit}.jsonl"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def score(ctx: Context, tool: str, corpus: str) -> Json:
    pred = stem(ctx, tool, corpus).with_suffix(".jsonl")
    cmd = [
        sys.executable,
        shown(ctx.shared / "bench" / "score.py"),
        shown(truth_file(ctx, corpus)),
        shown(pred),
        "--json",
    ]
    if corpus == ctx.per_case:
        cmd.append("--per-case")
    scores, _ = run_json(ctx, cmd)
    return dict(scores)


def page_errors(pred: Path) -> Counter[str]:
    """Error messages recorded in a predictions file, counted."""
    errors: Counter[str] = Counter()
    with open(pred, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("error"):
                errors[row["error"]] += 1
    return errors


def evaluate(ctx: Context, tool: str, corpus: str) -> Result:
    result = Result(tool, corpus)
    print(f"{tool} on {corpus} ...", file=sys.stderr, flush=True)
    try:
        result.timing, result.cached = extract(ctx, tool, corpus)
        result.scores = score(ctx, tool, corpus)
        result.errors = page_errors(stem(ctx, tool, corpus).with_suffix(".jsonl"))
    except (RuntimeError, OSError, ValueError) as exc:
        result.failure = str(exc)
    return result


# ---------------------------------------------------------------- tables


def fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def uses_snippets(scores: Json) -> bool:
    """Whether a corpus is scored by snippets (it has no reference bodies)."""
    return not scores.get("labeled") and bool(scores.get("snippets"))


def metric_cells(scores: Json) -> list[str]:
    source = scores["snippets"] if uses_snippets(scores) else scores
    return [fmt(source[key]) for key in ("f1", "precision", "recall")]


def timing_cells(timing: Json) -> list[str]:
    return [
        fmt(timing["pages_per_s"], 1),
        fmt(timing["p50_ms"], 1),
        fmt(timing["p95_ms"], 1),
        f"{timing['errors']} ({timing['timeouts']})",
        str(timing["empty"]),
    ]


def corpus_header(corpus: str, results: list[Result]) -> list[str]:
    scores = next((r.scores for r in results if r.scores), None)
    if scores is None:
        return [f"### {corpus}", ""]
    kind = "snippets" if uses_snippets(scores) else "main text"
    skipped = scores["skipped_synthetic"]
    note = f", {skipped} synthetic left out" if skipped else ""
    return [f"### {corpus}: {scores['cases']} pages scored on {kind}{note}", ""]


def corpus_table(corpus: str, results: list[Result]) -> list[str]:
    scores = next((r.scores for r in results if r.scores), None)
    prefix = "snippet " if scores and uses_snippets(scores) else ""
    lines = corpus_header(corpus, results)
    lines.append(
        f"| tool | {prefix}F1 | {prefix}P | {prefix}R | pages/s | p50 ms | p95 ms"
        " | errors (timeouts) | empty |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        name = r.tool + (" (cached)" if r.cached else "")
        if r.failure or r.scores is None or r.timing is None:
            failure = f"failed: {r.failure}".replace("|", "/")
            lines.append("| " + " | ".join([name, failure] + [""] * 7) + " |")
            continue
        cells = [name, *metric_cells(r.scores), *timing_cells(r.timing)]
        lines.append("| " + " | ".join(cells) + " |")
    lines += error_notes(results)
    return [*lines, ""]


def error_notes(results: list[Result]) -> list[str]:
    notes = []
    for r in results:
        for message, count in r.errors.most_common(3):
            notes.append(f"- {r.tool}: {count} × `{message}`")
    return ["", *notes] if notes else []


# ---------------------------------------------------------------- per case


def case_metrics(case: Json, snippets: bool) -> tuple[float, float, float]:
    """F1, precision, recall of one case: of its main text, or of its snippets."""
    if not snippets:
        return case["f1"], case["precision"], case["recall"]
    tp, fp, fn, _tn = case.get("snippets") or (0, 0, 0, 0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return f1, precision, recall


def detail_cells(case: Json, snippets: bool) -> list[str]:
    if not snippets:
        return [str(case["true_tokens"]), str(case["pred_tokens"])]
    tp, fp, fn, tn = case.get("snippets") or (0, 0, 0, 0)
    return [f"{tp}/{tp + fn}", f"{fp}/{fp + tn}"]


def row_errors(pred: Path) -> dict[str, str]:
    with open(pred, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return {str(row["id"]): row["error"] for row in rows if row.get("error")}


def per_case_table(ctx: Context, corpus: str, results: list[Result]) -> list[str]:
    by_tool = {r.tool: r.scores for r in results if r.scores and "per_case" in r.scores}
    ours = by_tool.get("newsclean")
    if ours is None:
        return [f"### {corpus}: worst pages", "", "(newsclean has no scores here)", ""]
    snippets = uses_snippets(ours)
    base = {c["id"]: c for c in (by_tool.get(BASELINE) or {}).get("per_case", [])}
    errors = row_errors(stem(ctx, "newsclean", corpus).with_suffix(".jsonl"))
    worst = sorted(ours["per_case"], key=lambda c: (case_metrics(c, snippets)[0], c["id"]))
    extra = ["with found", "without found"] if snippets else ["true tokens", "pred tokens"]
    head = ["id", "F1", "P", "R", *extra] + ([f"{BASELINE} F1"] if base else []) + ["error"]
    lines = [
        f"### {corpus}: the {WORST} worst newsclean pages"
        + (" (snippet scores)" if snippets else ""),
        "",
        "| " + " | ".join(head) + " |",
        "|---" * len(head) + "|",
    ]
    for case in worst[:WORST]:
        cells = [
            case["id"],
            *(fmt(v) for v in case_metrics(case, snippets)),
            *detail_cells(case, snippets),
        ]
        if base:
            other = base.get(case["id"])
            cells.append(fmt(case_metrics(other, snippets)[0]) if other else "-")
        cells.append(errors.get(case["id"], "").replace("|", "/"))
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


# ---------------------------------------------------------------- main


def preamble(ctx: Context) -> list[str]:
    mode = "raw bytes (decoding timed)" if ctx.raw else "pages decoded by the harness"
    lines = [
        "## Commands",
        "",
        f"Run from the repository root; `python` is {sys.executable}. Input: {mode}.",
        "",
        "```sh",
        *ctx.commands,
        "```",
        "",
    ]
    if ctx.limit:
        lines += [f"Only the first {ctx.limit} pages of each corpus.", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    corpora = list(dict.fromkeys([*args.corpora, *([args.per_case] if args.per_case else [])]))
    ctx = Context(
        shared=args.shared.resolve(),
        out=args.out.resolve(),
        raw=args.raw,
        limit=args.limit,
        timeout=args.timeout,
        cache_baseline=args.cache_baseline,
        per_case=args.per_case,
    )
    ctx.out.mkdir(parents=True, exist_ok=True)
    body: list[str] = ["## Quality", ""]
    for corpus in corpora:
        results = [evaluate(ctx, tool, corpus) for tool in args.tools]
        if corpus in args.corpora:
            body += corpus_table(corpus, results)
        if corpus == args.per_case:
            body += per_case_table(ctx, corpus, results)
    print("\n".join(preamble(ctx) + body).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
