#!/usr/bin/env python3
"""Batch and WARC throughput: extract_many, ``newsclean warc`` and newsclean.dask.

1. Every corpus page (``../shared/corpus/*/pages/*.html.gz``) is gunzipped
   into memory, then ``extract_many((data, url) ...)`` runs over all of them
   with 1 worker (in-process) and with 2 worker processes; pages/s is over
   the wall clock of the whole call, pool start-up included.
2. The same pages are written as WARC files (gzip per record, as crawlers
   write them) in a temporary directory. ``newsclean warc FILES --out X``
   runs as a fresh process with ``--jobs 1`` and ``--jobs 2``; records/s is
   HTML records read over the wall clock, interpreter start-up included.
3. ``newsclean.dask.to_jsonl(articles_from_warc(FILES), ...)`` runs on a
   ``LocalCluster(n_workers=2, threads_per_worker=1, processes=True)``,
   twice (the first run also imports newsclean in the workers); cluster
   start-up is timed apart.

The report is Markdown on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus page: a URL (real or made up) and its bytes as served."""

    url: str
    data: bytes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--limit", type=int, help="only the first N pages (all by default)")
    ap.add_argument("--warc-files", type=int, default=8, help="WARC files to split pages into")
    ap.add_argument("--repeat", type=int, default=3, help="extract_many runs per worker count")
    ap.add_argument("--skip-dask", action="store_true")
    return ap.parse_args(argv)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def corpus_urls(corpus: Path) -> dict[str, str]:
    urls: dict[str, str] = {}
    with (corpus / "cases.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            if case.get("url"):
                urls[case["id"]] = case["url"]
    return urls


def load_pages(shared: Path, limit: int | None) -> list[Page]:
    pages: list[Page] = []
    for corpus in sorted(p for p in (shared / "corpus").iterdir() if p.is_dir()):
        urls = corpus_urls(corpus)
        for path in sorted((corpus / "pages").glob("*.html.gz")):
            page_id = path.name.removesuffix(".html.gz")
            url = urls.get(page_id, f"https://{corpus.name}.corpus.example/{page_id}")
            pages.append(Page(url, gzip.decompress(path.read_bytes())))
    return pages[:limit] if limit else pages


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def extract_many_once(pages: list[Page], jobs: int) -> dict[str, Any]:
    import newsclean

    before = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    seconds, results = timed(
        lambda: list(newsclean.extract_many(((p.data, p.url) for p in pages), jobs=jobs))
    )
    errors = sum(1 for r in results if isinstance(r, newsclean.NewscleanError))
    own = cpu_seconds(resource.RUSAGE_SELF) - before[0]
    workers = cpu_seconds(resource.RUSAGE_CHILDREN) - before[1]
    log(f"extract_many jobs={jobs}: {len(pages) / seconds:.1f} pages/s (load {load:.1f})")
    return {
        "jobs": jobs,
        "seconds": seconds,
        "pages": len(pages),
        "errors": errors,
        "parent_cpu": own,
        "worker_cpu": workers,
        "load": load,
    }


def bench_extract_many(pages: list[Page], repeat: int) -> list[dict[str, Any]]:
    """The fastest of ``repeat`` runs per worker count, the counts alternating."""
    runs = [extract_many_once(pages, jobs) for _ in range(repeat) for jobs in (1, 2)]
    return [min((r for r in runs if r["jobs"] == j), key=lambda r: r["seconds"]) for j in (1, 2)]


def write_warc(path: Path, pages: list[Page]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            record = writer.create_warc_record(
                page.url, "response", payload=io.BytesIO(page.data), http_headers=http
            )
            writer.write_record(record)


def build_warcs(directory: Path, pages: list[Page], count: int) -> list[Path]:
    files = [directory / f"corpus-{i:02d}.warc.gz" for i in range(count)]
    for i, path in enumerate(files):
        write_warc(path, pages[i::count])
    return files


def bench_cli(files: list[Path], jobs: int, out: Path) -> dict[str, Any]:
    argv = [sys.executable, "-m", "newsclean.cli", "warc", *map(str, files)]
    argv += ["--out", str(out), "--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    seconds, proc = timed(lambda: subprocess.run(argv, env=env, capture_output=True, check=False))
    written = len(out.read_text(encoding="utf-8").splitlines())
    log(f"newsclean warc --jobs {jobs}: {seconds:.1f} s, {written} records, rc {proc.returncode}")
    return {"jobs": jobs, "seconds": seconds, "written": written}


def bench_dask(files: list[Path], out: Path) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    import newsclean.dask

    def start() -> Any:
        return LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        )

    startup, cluster = timed(start)
    runs = []
    with cluster, Client(cluster):
        for n in range(2):
            bag = newsclean.dask.articles_from_warc(files)
            glob = str(out / f"{n}-*.jsonl")
            seconds, written = timed(lambda bag=bag, glob=glob: newsclean.dask.to_jsonl(bag, glob))
            lines = sum(len(Path(f).read_text(encoding="utf-8").splitlines()) for f in written)
            log(f"dask run {n + 1}: {seconds:.1f} s, {lines} records")
            runs.append({"seconds": seconds, "written": lines})
    return {"startup": startup, "runs": runs}


def count_html_records(files: list[Path]) -> int:
    import newsclean

    return sum(1 for f in files for _ in newsclean.read_warc(f))


def report(args: argparse.Namespace, pages: list[Page], results: dict[str, Any]) -> Iterator[str]:
    yield f"{len(pages)} corpus pages, {sum(len(p.data) for p in pages) / 1e6:.1f} MB as served; "
    yield f"Python {platform.python_version()}, {os.cpu_count()} CPUs.\n\n"
    yield "| extract_many | seconds | pages/s | errors | CPU s parent + workers | load avg |\n"
    yield "|---|---:|---:|---:|---:|---:|\n"
    single = results["extract_many"][0]["seconds"]
    for run in results["extract_many"]:
        rate = run["pages"] / run["seconds"]
        cpu = f"{run['parent_cpu']:.1f} + {run['worker_cpu']:.1f}"
        yield f"| jobs={run['jobs']} | {run['seconds']:.1f} | {rate:.1f} | {run['errors']} | "
        yield f"{cpu} | {run['load']:.1f} |\n"
    yield f"\nSpeed-up with 2 workers: {single / results['extract_many'][1]['seconds']:.2f}x\n\n"
    records = results["records"]
    yield f"{args.warc_files} WARC files, {records} HTML response records.\n\n"
    yield "| WARC run | seconds | records/s | records written |\n|---|---:|---:|---:|\n"
    for run in results["cli"]:
        rate = records / run["seconds"]
        yield f"| `newsclean warc --jobs {run['jobs']}` | {run['seconds']:.1f} | {rate:.1f} | "
        yield f"{run['written']} |\n"
    if "dask" in results:
        for n, run in enumerate(results["dask"]["runs"], 1):
            rate = records / run["seconds"]
            yield f"| Dask LocalCluster 2 workers, run {n} | {run['seconds']:.1f} | {rate:.1f} | "
            yield f"{run['written']} |\n"
        yield f"\nLocalCluster start-up: {results['dask']['startup']:.1f} s (not counted above).\n"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    pages = load_pages(args.shared, args.limit)
    log(f"{len(pages)} pages loaded")
    results: dict[str, Any] = {"extract_many": bench_extract_many(pages, args.repeat)}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = build_warcs(root, pages, args.warc_files)
        results["records"] = count_html_records(files)
        results["cli"] = [bench_cli(files, j, root / f"cli-{j}.jsonl") for j in (1, 2)]
        if not args.skip_dask:
            results["dask"] = bench_dask(files, root)
    sys.stdout.write("".join(report(args, pages, results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
