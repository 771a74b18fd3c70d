#!/usr/bin/env python3
"""Fetching throughput and memory: AsyncFetcher against a local server.

A server process serves the corpus pages (``../shared/corpus/*/pages/*.html.gz``,
sent as they are with ``Content-Encoding: gzip``, so the fetcher inflates
them; or the pages of ``tests/fixtures/pages`` when the corpus is absent) on
``--hosts`` ports of 127.0.0.1, each port a host of its own. It counts the
requests in flight per host and remembers the maximum, so the per-host
limit is checked from the server's side.

For each mode a fresh client process runs ``AsyncFetcher.fetch_many`` over
``--pages`` URLs spread round-robin over the hosts:

- ``fetch``: fetch only (robots.txt, decompression, decoding into ``Page``);
- ``scrape``: fetch, then ``newsclean.extract(page.text, url=page.final_url)``
  on each page as it arrives, in the same event loop, as ``scrape()`` does.

Reported per mode: pages/s over the whole run (wall clock), the median and
p95 of ``Page.elapsed``, errors, the client's peak RSS (``ru_maxrss``), and
the highest number of concurrent requests any host saw. The report is
Markdown on stdout; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shlex
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _localserver import (
    CountingHandler,
    CountingServer,
    host_stats,
    serve_until_stdin_closes,
    server_process,
)

REPO = Path(__file__).resolve().parent.parent
MODES = ("fetch", "scrape")
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
Json = dict[str, Any]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=2000, help="URLs to fetch (default: 2000)")
    ap.add_argument("--hosts", type=int, default=8, help="server ports = hosts (default: 8)")
    ap.add_argument("--per-host", type=int, default=2, help="per_host_concurrency (default: 2)")
    ap.add_argument("--concurrency", type=int, default=16, help="concurrency (default: 16)")
    ap.add_argument("--latency", type=float, default=0.0, help="server delay per page, seconds")
    ap.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    ap.add_argument(
        "--shared", type=Path, default=REPO.parent / "shared", help="folder holding corpus/"
    )
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--client", choices=MODES, help=argparse.SUPPRESS)
    ap.add_argument("--ports", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


# ------------------------------------------------------------------ server


def page_files(shared: Path) -> tuple[list[Path], bool]:
    """The pages to serve, and whether they are gzip files."""
    corpus = sorted((shared / "corpus").glob("*/pages/*.html.gz"))
    if corpus:
        return corpus, True
    return sorted((REPO / "tests" / "fixtures" / "pages").glob("*/source.html")), False


class Counting(CountingServer):
    def __init__(self, bodies: list[bytes], gzipped: bool, latency: float) -> None:
        super().__init__(Handler)
        self.bodies, self.gzipped, self.latency = bodies, gzipped, latency


class Handler(CountingHandler):
    server: Counting

    def answer(self, path: str) -> None:
        if path == "/robots.txt":
            return self.reply(ROBOTS, "text/plain")
        time.sleep(self.server.latency)
        body = self.server.bodies[int(path.rsplit("/", 1)[1]) % len(self.server.bodies)]
        coding = {"Content-Encoding": "gzip"} if self.server.gzipped else {}
        self.reply(body, "text/html", coding)


def serve(args: argparse.Namespace) -> None:
    """Serve on --hosts ports until stdin closes; print the ports first."""
    files, gzipped = page_files(args.shared)
    bodies = [f.read_bytes() for f in files]
    servers = [Counting(bodies, gzipped, args.latency) for _ in range(args.hosts)]
    serve_until_stdin_closes(servers, {"pages": len(bodies), "gzipped": gzipped})


# ------------------------------------------------------------------ client


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def crawl(mode: str, urls: list[str], args: argparse.Namespace) -> Json:
    import newsclean

    errors: Counter[str] = Counter()
    elapsed: list[float] = []
    size = 0
    async with newsclean.AsyncFetcher(
        per_host_concurrency=args.per_host, concurrency=args.concurrency
    ) as fetcher:
        started = time.perf_counter()
        async for result in fetcher.fetch_many(urls):
            if isinstance(result, newsclean.FetchError):
                errors[type(result).__name__] += 1
                continue
            elapsed.append(result.elapsed)
            size += len(result.content)
            if mode == "scrape":
                try:
                    newsclean.extract(result.text, url=result.final_url)
                except newsclean.NoArticleError:
                    errors["NoArticleError"] += 1
        seconds = time.perf_counter() - started
    ms = sorted(e * 1000 for e in elapsed)
    return {
        "mode": mode,
        "urls": len(urls),
        "pages": len(elapsed),
        "seconds": seconds,
        "pages_per_s": len(urls) / seconds,
        "median_ms": statistics.median(ms) if ms else None,
        "p95_ms": ms[int(0.95 * (len(ms) - 1))] if ms else None,
        "decoded_mb": size / 1024 / 1024,
        "errors": dict(errors),
        "peak_rss_mb": peak_rss_mb(),
    }


def client(args: argparse.Namespace) -> None:
    import newsclean  # noqa: F401  (imported before the baseline is read)

    ports = [int(p) for p in args.ports.split(",")]
    urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/p/{i}?n={i}" for i in range(args.pages)]
    baseline = peak_rss_mb()
    report = asyncio.run(crawl(args.client, urls, args))
    report["baseline_rss_mb"] = baseline
    print(json.dumps(report))


# ------------------------------------------------------------------ driver


def run_mode(mode: str, ports: list[int], args: argparse.Namespace) -> Json:
    command = [
        sys.executable, __file__, "--client", mode, "--ports", ",".join(map(str, ports)),
        "--pages", str(args.pages), "--per-host", str(args.per_host),
        "--concurrency", str(args.concurrency),
    ]  # fmt: skip
    print(f"{mode}: {args.pages} pages", file=sys.stderr, flush=True)
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    report: Json = json.loads(done.stdout)
    stats = host_stats(ports)
    report["max_in_flight"] = max(s["max_in_flight"] for s in stats)
    report["requests"] = sum(s["requests"] for s in stats)
    return report


def markdown(reports: list[Json], info: Json, args: argparse.Namespace, argv: list[str]) -> str:
    import newsclean

    source = "corpus pages, gzip" if info["gzipped"] else "tests/fixtures pages"
    lines = [
        f"`python benchmarks/fetch.py {shlex.join(argv)}`".replace(" `", "`"),
        "",
        f"newsclean {newsclean.__version__}, {args.pages} URLs over {args.hosts} hosts "
        f"({info['pages']} distinct {source}), per_host_concurrency={args.per_host}, "
        f"concurrency={args.concurrency}, server latency {args.latency * 1000:.0f} ms.",
        "",
        "| mode | pages/s | median ms | p95 ms | errors | max in flight per host"
        " | requests | peak RSS MB (after import) |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in reports:
        errors = ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "none"
        lines.append(
            f"| {r['mode']} | {r['pages_per_s']:.1f} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} "
            f"| {errors} | {r['max_in_flight']} (limit {args.per_host}) | {r['requests']} "
            f"| {r['peak_rss_mb']:.1f} ({r['baseline_rss_mb']:.1f}) |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.serve:
        return serve(args)
    if args.client:
        return client(args)
    server_cmd = [
        sys.executable, __file__, "--serve", "--hosts", str(args.hosts),
        "--latency", str(args.latency), "--shared", str(args.shared),
    ]  # fmt: skip
    with server_process(server_cmd) as info:
        reports = [run_mode(mode, info["ports"], args) for mode in args.modes]
    print(markdown(reports, info, args, argv))


if __name__ == "__main__":
    main()
