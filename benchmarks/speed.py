#!/usr/bin/env python3
"""Throughput, latency and memory of newsclean and trafilatura on raw page bytes.

Every page of the chosen corpora is read into memory as the bytes that were
served (gunzipped, not decoded), so each extractor does its own decoding and
that time is counted. Each tool then runs in a process of its own, so that
peak memory belongs to that tool alone:

1. one untimed warm-up pass over 20 pages spread across the corpora;
2. --passes timed passes over every page: ``perf_counter`` around the call
   ``extract(data, url=url)`` only; the resident set size (RSS) is read
   after each pass, so a leak shows as RSS growing from pass to pass;
3. one more pass under ``tracemalloc`` (untimed, it slows Python down) for
   the peak of Python-level allocations during a pass and what is still
   allocated after it.

The tools run one after the other, and a shared machine's speed drifts
between the two runs. A third, paired run therefore loads both tools in one
process and times them on the same page back to back (the order alternating
from page to page), so that drift touches both alike: its ratio of medians
is the figure to compare tools by.

Latency figures pool the per-page times of all timed passes; pages/s is the
number of calls divided by their summed time, i.e. one core. The report is
Markdown on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("newsclean", "trafilatura")
BASELINE = "trafilatura"
DEFAULT_CORPORA = ["wcxb-articles", "readability", "zh", "newspaper4k", "zh-news"]
WARMUP_PAGES = 20
MB = 1024 * 1024

Json = dict[str, Any]
Extract = Callable[..., object]


@dataclass(frozen=True, slots=True)
class Page:
    """One page as served: its corpus, id, URL and raw bytes."""

    corpus: str
    id: str
    url: str | None
    data: bytes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpora", nargs="+", default=DEFAULT_CORPORA, metavar="NAME")
    ap.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS)
    ap.add_argument("--limit", type=int, help="only the first N pages of each corpus")
    ap.add_argument("--passes", type=int, default=3, help="timed passes per tool (default: 3)")
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="folder holding corpus/ (default: ../shared)",
    )
    ap.add_argument(
        "--tool", choices=TOOLS, help="measure this one tool in this process and print JSON"
    )
    ap.add_argument(
        "--paired", action="store_true", help="time all tools page by page in this process"
    )
    ap.add_argument("--no-paired", action="store_true", help="skip the paired run")
    return ap.parse_args(argv)


# ---------------------------------------------------------------- measuring


def load_pages(shared: Path, corpora: Sequence[str], limit: int | None) -> list[Page]:
    pages = []
    for corpus in corpora:
        folder = shared / "corpus" / corpus
        with open(folder / "cases.jsonl", encoding="utf-8") as f:
            cases = [json.loads(line) for line in f if line.strip()]
        for case in cases[:limit]:
            data = gzip.decompress((folder / "pages" / f"{case['id']}.html.gz").read_bytes())
            pages.append(Page(corpus, str(case["id"]), case.get("url"), data))
    return pages


def load_extract(tool: str) -> Extract:
    if tool == "newsclean":
        import newsclean

        return newsclean.extract
    import trafilatura

    return trafilatura.extract


def rss_mb() -> float | None:
    """Current resident set size, where /proc tells it."""
    try:
        resident = Path("/proc/self/statm").read_text().split()[1]
    except (OSError, IndexError):
        return None
    return int(resident) * os.sysconf("SC_PAGE_SIZE") / MB


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak / 1024


def run_pass(extract: Extract, pages: Sequence[Page], raised: Counter[str]) -> list[float]:
    """Call the extractor on every page; the seconds each call took."""
    times = []
    for page in pages:
        start = time.perf_counter()
        try:
            extract(page.data, url=page.url)
        except Exception as exc:
            raised[type(exc).__name__] += 1
        times.append(time.perf_counter() - start)
    return times


def memory_row(stage: str, times: Sequence[float] | None = None) -> Json:
    rate = len(times) / sum(times) if times and sum(times) else None
    return {"stage": stage, "pages_per_s": rate, "rss_mb": rss_mb(), "peak_rss_mb": peak_rss_mb()}


def traced_pass(extract: Extract, pages: Sequence[Page]) -> Json:
    """Peak and retained Python allocations over one untimed pass."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    run_pass(extract, pages, Counter())
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"peak_mb": (peak - before) / MB, "retained_mb": (current - before) / MB}


def warmup_sample(pages: Sequence[Page]) -> list[Page]:
    step = max(1, len(pages) // WARMUP_PAGES)
    return list(pages[::step][:WARMUP_PAGES])


def measure(tool: str, pages: Sequence[Page], passes: int) -> Json:
    """Everything the report needs about one tool, measured in this process."""
    memory = [memory_row("pages loaded")]
    extract = load_extract(tool)
    warmup = warmup_sample(pages)
    run_pass(extract, warmup, Counter())
    memory.append(memory_row(f"warm-up ({len(warmup)} pages)"))
    raised: Counter[str] = Counter()
    times: list[float] = []
    for n in range(1, passes + 1):
        print(f"{tool}: pass {n}/{passes}", file=sys.stderr, flush=True)
        pass_times = run_pass(extract, pages, raised)
        memory.append(memory_row(f"pass {n}", pass_times))
        times += pass_times
    print(f"{tool}: tracemalloc pass", file=sys.stderr, flush=True)
    traced = traced_pass(extract, pages)
    labels = [p.corpus for p in pages] * passes
    per_corpus = {
        corpus: [t for t, c in zip(times, labels, strict=True) if c == corpus]
        for corpus in dict.fromkeys(labels)
    }
    return {
        "tool": tool,
        "version": importlib.metadata.version(tool),
        "latency": latency(times),
        "per_corpus_median_ms": {c: statistics.median(ts) * 1000 for c, ts in per_corpus.items()},
        "raised": dict(raised.most_common()),
        "memory": memory,
        "tracemalloc": traced,
    }


def measure_paired(tools: Sequence[str], pages: Sequence[Page], passes: int) -> Json:
    """Per-page times of every tool, each page run by all tools back to back."""
    extracts = {tool: load_extract(tool) for tool in tools}
    for extract in extracts.values():
        run_pass(extract, warmup_sample(pages), Counter())
    times: dict[str, list[float]] = {tool: [] for tool in tools}
    order = list(tools)
    for n in range(1, passes + 1):
        print(f"paired: pass {n}/{passes}", file=sys.stderr, flush=True)
        for page in pages:
            order.reverse()
            for tool in order:
                times[tool] += run_pass(extracts[tool], [page], Counter())
    return {"paired": {tool: latency(ts) for tool, ts in times.items()}}


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks, as run_extractor.py does."""
    k = (len(sorted_values) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def latency(times: Sequence[float]) -> Json:
    ms = sorted(t * 1000 for t in times)
    return {
        "calls": len(ms),
        "pages_per_s": len(ms) / sum(times) if sum(times) else None,
        "median_ms": percentile(ms, 0.50),
        "p95_ms": percentile(ms, 0.95),
        "p99_ms": percentile(ms, 0.99),
        "max_ms": ms[-1],
    }


# ---------------------------------------------------------------- driving


def worker_command(args: argparse.Namespace, tool: str) -> list[str]:
    """The command that measures ``tool`` ("paired": all the tools) in a fresh process."""
    mode = ["--paired", "--tools", *args.tools] if tool == "paired" else ["--tool", tool]
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        *mode,
        "--shared",
        str(args.shared),
        "--passes",
        str(args.passes),
        "--corpora",
        *args.corpora,
    ]
    return cmd + (["--limit", str(args.limit)] if args.limit else [])


def run_tool(args: argparse.Namespace, tool: str) -> Json:
    """Measure one tool in a fresh process; its JSON, or {"tool", "failure"}."""
    proc = subprocess.run(worker_command(args, tool), capture_output=True, text=True, check=False)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or [""])[-1]
        return {"tool": tool, "failure": f"exit {proc.returncode}: {last}"}
    return dict(json.loads(proc.stdout))


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def header(args: argparse.Namespace, pages: Sequence[Page]) -> list[str]:
    counts = Counter(p.corpus for p in pages)
    size = sum(len(p.data) for p in pages) / MB
    corpora = ", ".join(f"{c} {n}" for c, n in counts.items())
    argv = shlex.join(["python", os.path.relpath(__file__, Path.cwd()), *sys.argv[1:]])
    return [
        "## Speed",
        "",
        "```sh",
        argv,
        "```",
        "",
        f"- Machine: {cpu_name()}, {os.cpu_count()} logical CPUs, Python"
        f" {platform.python_version()} on {platform.system()}; one process per tool, one core.",
        f"- Pages: {len(pages)} ({corpora}), {size:.1f} MB of HTML held in memory as raw bytes;"
        " decoding is part of every timed call.",
        f"- Warm-up over {min(WARMUP_PAGES, len(pages))} pages, then {args.passes} timed"
        " passes; latency pools the per-page times of all passes, and `raised` counts"
        " exceptions over all of them.",
        "",
    ]


def latency_table(results: Sequence[Json]) -> list[str]:
    head = "tool | version | calls | pages/s | median ms | p95 ms | p99 ms | max ms | raised"
    lines = [f"| {head} |", "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        if "failure" in r:
            lines.append(f"| {r['tool']} | failed: {r['failure'].replace('|', '/')} |||||||")
            continue
        lat = r["latency"]
        raised = ", ".join(f"{name} {n}" for name, n in r["raised"].items()) or "0"
        cells = [
            r["tool"],
            r["version"],
            str(lat["calls"]),
            fmt(lat["pages_per_s"]),
            fmt(lat["median_ms"], 2),
            fmt(lat["p95_ms"], 2),
            fmt(lat["p99_ms"], 2),
            fmt(lat["max_ms"], 2),
            raised,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def ratio_lines(results: Sequence[Json]) -> list[str]:
    medians = {r["tool"]: r["latency"]["median_ms"] for r in results if "latency" in r}
    if not {"newsclean", BASELINE} <= medians.keys() or not medians["newsclean"]:
        return []
    ratio = medians[BASELINE] / medians["newsclean"]
    return [f"Median latency, {BASELINE} / newsclean, separate runs: {ratio:.1f}×.", ""]


def paired_lines(paired: Json | None) -> list[str]:
    if not paired or "paired" not in paired:
        return [f"Paired run: {paired['failure']}", ""] if paired else []
    runs = paired["paired"]
    lines = [
        "### Paired run (same page, back to back, one process)",
        "",
        "| tool | calls | median ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for tool, lat in runs.items():
        lines.append(
            f"| {tool} | {lat['calls']} | {fmt(lat['median_ms'], 2)} | {fmt(lat['p95_ms'], 2)}"
            f" | {fmt(lat['p99_ms'], 2)} |"
        )
    lines.append("")
    if {"newsclean", BASELINE} <= runs.keys():
        ratio = runs[BASELINE]["median_ms"] / runs["newsclean"]["median_ms"]
        lines += [f"Median latency, {BASELINE} / newsclean, paired: **{ratio:.1f}×**.", ""]
    return lines


def corpus_table(results: Sequence[Json]) -> list[str]:
    measured = [r for r in results if "per_corpus_median_ms" in r]
    if not measured:
        return []
    corpora = list(measured[0]["per_corpus_median_ms"])
    lines = [
        "| corpus | " + " | ".join(f"{r['tool']} median ms" for r in measured) + " |",
        "|---" + "|---:" * len(measured) + "|",
    ]
    for corpus in corpora:
        cells = [fmt(r["per_corpus_median_ms"][corpus], 2) for r in measured]
        lines.append(f"| {corpus} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def memory_table(results: Sequence[Json]) -> list[str]:
    lines = [
        "### Memory",
        "",
        "RSS is read after each stage; peak RSS is `ru_maxrss`, the high-water mark of the"
        " process so far (it includes the pages held in memory).",
        "",
        "| tool | stage | pages/s | RSS MB | peak RSS MB |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results:
        for row in r.get("memory", []):
            lines.append(
                f"| {r['tool']} | {row['stage']} | {fmt(row['pages_per_s'])}"
                f" | {fmt(row['rss_mb'])} | {fmt(row['peak_rss_mb'])} |"
            )
    lines.append("")
    for r in results:
        if "tracemalloc" in r:
            t = r["tracemalloc"]
            lines.append(
                f"- {r['tool']}: tracemalloc peak {t['peak_mb']:.1f} MB during one pass,"
                f" {t['retained_mb']:.2f} MB still allocated after it (Python objects"
                " only; memory the C parser allocates shows in RSS alone)."
            )
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.shared = args.shared.resolve()
    pages = load_pages(args.shared, args.corpora, args.limit)
    if args.tool or args.paired:
        stdout, sys.stdout = sys.stdout, sys.stderr  # keep stdout for the JSON alone
        if args.paired:
            report = measure_paired(args.tools, pages, args.passes)
        else:
            report = measure(args.tool, pages, args.passes)
        print(json.dumps(report), file=stdout)
        return 0
    results = [run_tool(args, tool) for tool in args.tools]
    paired = None if args.no_paired or len(args.tools) < 2 else run_tool(args, "paired")
    lines = header(args, pages) + latency_table(results) + ratio_lines(results)
    lines += paired_lines(paired) + corpus_table(results) + memory_table(results)
    print("\n".join(lines).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
