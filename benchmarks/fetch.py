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
  on each page as it arrives, in the same event loop, as ``scrape()`` does;
- ``onepool``: ``fetch`` with ``client=httpx.AsyncClient()``, i.e. one
  connection pool for all hosts with httpx's default keep-alive of 20,
  to compare with the fetcher's own pool per host;
- ``plain``: the yardstick, a plain ``httpx.AsyncClient()`` (its default
  pool) with an ``asyncio.Semaphore(concurrency)`` around each GET, httpx
  inflating the body: no robots.txt, no per-host limit, no retries, no
  ``Page``. What newsclean's politeness and bookkeeping cost is the gap
  between ``fetch`` and ``plain``, reported as a ratio per round.

``--faults F`` makes the server misbehave on a fraction F of the page URLs,
once per URL and per mode: in turn a 503, a ``--stall`` seconds pause
before the answer, and a connection reset before any answer. Each client
counts the results it gets per URL; the report says whether every URL got
exactly one. ``--repeat N`` runs the modes N times, interleaved, since a
shared machine's figures move between runs.

Reported per run: pages/s over the whole run (wall clock), the median and
p95 of the per-page time, errors, whether each URL had exactly one result,
the client's peak RSS (``ru_maxrss``), and the highest number of concurrent
requests any host saw. The report is Markdown on stdout; progress goes to
stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import shlex
import socket
import statistics
import struct
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
MODES = ("fetch", "scrape", "onepool", "plain")
FAULTS = ("503", "stall", "reset")
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
    ap.add_argument("--repeat", type=int, default=1, help="rounds of all modes (default: 1)")
    ap.add_argument(
        "--faults", type=float, default=0.0, help="fraction of URLs that fail once (default: 0)"
    )
    ap.add_argument("--stall", type=float, default=3.0, help="seconds of a stall fault")
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


def fault_of(index: int, fraction: float) -> str | None:
    """The fault page ``index`` meets first, if any: one URL in 1/fraction, kinds in turn."""
    if fraction <= 0:
        return None
    every = max(1, round(1 / fraction))
    if index % every != every // 2:
        return None
    return FAULTS[(index // every) % len(FAULTS)]


class Counting(CountingServer):
    def __init__(self, bodies: list[bytes], gzipped: bool, args: argparse.Namespace) -> None:
        super().__init__(Handler)
        self.bodies, self.gzipped = bodies, gzipped
        self.latency, self.faults, self.stall = args.latency, args.faults, args.stall
        self.faulted: set[str] = set()
        self.faults_served = 0

    def first_fault(self, path: str) -> str | None:
        """The fault to serve for ``path`` now: only on its first request of a mode."""
        kind = fault_of(int(path.rsplit("/", 1)[1]), self.faults)
        with self.lock:
            if kind is None or path in self.faulted:
                return None
            self.faulted.add(path)
            self.faults_served += 1
        return kind

    def take_stats(self) -> dict[str, int]:
        """The counts, and a fresh start for the faults: the next mode meets them too."""
        stats = super().take_stats()
        with self.lock:
            stats["faults"], self.faults_served = self.faults_served, 0
            self.faulted.clear()
        return stats


class Handler(CountingHandler):
    server: Counting

    def answer(self, path: str) -> None:
        if path == "/robots.txt":
            return self.reply(ROBOTS, "text/plain")
        fault = self.server.first_fault(path)
        if fault == "503":
            return self.fail_503()
        if fault == "reset":
            return self.reset()
        time.sleep(self.server.stall if fault == "stall" else self.server.latency)
        body = self.server.bodies[int(path.rsplit("/", 1)[1]) % len(self.server.bodies)]
        coding = {"Content-Encoding": "gzip"} if self.server.gzipped else {}
        self.reply(body, "text/html", coding)

    def fail_503(self) -> None:
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def reset(self) -> None:
        """Close the connection with a TCP reset, before any byte of an answer."""
        linger = struct.pack("ii", 1, 0)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        self.connection.close()
        self.close_connection = True


def serve(args: argparse.Namespace) -> None:
    """Serve on --hosts ports until stdin closes; print the ports first."""
    files, gzipped = page_files(args.shared)
    bodies = [f.read_bytes() for f in files]
    servers = [Counting(bodies, gzipped, args) for _ in range(args.hosts)]
    serve_until_stdin_closes(servers, {"pages": len(bodies), "gzipped": gzipped})


# ------------------------------------------------------------------ client


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Tally:
    """What one client run saw: per-page times, errors, results per URL."""

    def __init__(self) -> None:
        self.errors: Counter[str] = Counter()
        self.elapsed: list[float] = []
        self.size = 0
        self.results: Counter[str] = Counter()
        #: CPU seconds (user + system) of this process: on a shared machine
        #: they move less than the wall clock.
        self.cpu_start = time.process_time()

    def report(self, mode: str, urls: list[str], seconds: float) -> Json:
        ms = sorted(e * 1000 for e in self.elapsed)
        asked = Counter(urls)
        missing = sum(1 for url in asked if url not in self.results)
        extra = sum(max(0, n - asked[url]) for url, n in self.results.items())
        return {
            "mode": mode,
            "urls": len(urls),
            "pages": len(self.elapsed),
            "seconds": seconds,
            "pages_per_s": len(urls) / seconds,
            "cpu_ms_per_page": (time.process_time() - self.cpu_start) * 1000 / len(urls),
            "median_ms": statistics.median(ms) if ms else None,
            "p95_ms": ms[int(0.95 * (len(ms) - 1))] if ms else None,
            "decoded_mb": self.size / 1024 / 1024,
            "errors": dict(self.errors),
            "missing": missing,
            "extra": extra,
            "peak_rss_mb": peak_rss_mb(),
        }


async def crawl(mode: str, urls: list[str], args: argparse.Namespace) -> Json:
    import httpx

    import newsclean

    tally = Tally()
    client = httpx.AsyncClient() if mode == "onepool" else None
    async with newsclean.AsyncFetcher(
        client=client, per_host_concurrency=args.per_host, concurrency=args.concurrency
    ) as fetcher:
        started = time.perf_counter()
        async for result in fetcher.fetch_many(urls):
            tally.results[result.url] += 1
            if isinstance(result, newsclean.FetchError):
                tally.errors[type(result).__name__] += 1
                continue
            tally.elapsed.append(result.elapsed)
            tally.size += len(result.content)
            if mode == "scrape":
                try:
                    newsclean.extract(result.text, url=result.final_url)
                except newsclean.NoArticleError:
                    tally.errors["NoArticleError"] += 1
        seconds = time.perf_counter() - started
    if client is not None:
        await client.aclose()
    return tally.report(mode, urls, seconds)


async def plain(urls: list[str], args: argparse.Namespace) -> Json:
    """The yardstick: httpx's default client and one semaphore, nothing else."""
    import httpx

    tally = Tally()
    slots = asyncio.Semaphore(args.concurrency)

    async def get(client: httpx.AsyncClient, url: str) -> None:
        async with slots:
            started = time.monotonic()
            try:
                response = await client.get(url)
            except httpx.HTTPError as exc:
                tally.errors[type(exc).__name__] += 1
            else:
                if response.status_code != 200:
                    tally.errors[f"HTTP {response.status_code}"] += 1
                else:
                    tally.elapsed.append(time.monotonic() - started)
                    tally.size += len(response.content)
            tally.results[url] += 1

    async with httpx.AsyncClient() as client:
        started = time.perf_counter()
        await asyncio.gather(*(get(client, url) for url in urls))
        seconds = time.perf_counter() - started
    return tally.report("plain", urls, seconds)


def client(args: argparse.Namespace) -> None:
    # Both clients' libraries are imported before the baseline is read.
    import httpx  # noqa: F401

    import newsclean  # noqa: F401

    ports = [int(p) for p in args.ports.split(",")]
    urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/p/{i}?n={i}" for i in range(args.pages)]
    baseline = peak_rss_mb()
    if args.client == "plain":
        report = asyncio.run(plain(urls, args))
    else:
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
    report["faults"] = sum(s["faults"] for s in stats)
    print(f"{mode}: {report['pages_per_s']:.1f} pages/s", file=sys.stderr, flush=True)
    return report


def ratios(reports: list[Json]) -> list[float]:
    """fetch / plain pages per second, per round in which both ran."""
    rounds: dict[int, dict[str, float]] = {}
    for r in reports:
        rounds.setdefault(r["round"], {})[r["mode"]] = r["pages_per_s"]
    return [m["fetch"] / m["plain"] for m in rounds.values() if "fetch" in m and "plain" in m]


def markdown(reports: list[Json], info: Json, args: argparse.Namespace, argv: list[str]) -> str:
    import newsclean

    source = "corpus pages, gzip" if info["gzipped"] else "tests/fixtures pages"
    lines = [
        f"`python benchmarks/fetch.py {shlex.join(argv)}`".replace(" `", "`"),
        "",
        f"newsclean {newsclean.__version__}, {args.pages} URLs over {args.hosts} hosts "
        f"({info['pages']} distinct {source}), per_host_concurrency={args.per_host}, "
        f"concurrency={args.concurrency}, server latency {args.latency * 1000:.0f} ms, "
        f"faults on {args.faults:.0%} of the URLs (stall {args.stall:g} s).",
        "",
        "| round | mode | pages/s | CPU ms/page | median ms | p95 ms | errors | one result per URL"
        " | max in flight per host | requests | faults served | peak RSS MB (after import) |",
        "|---:|---|---:|---:|---:|---:|---|---|---:|---:|---:|---:|",
    ]
    for r in reports:
        errors = ", ".join(f"{k} {v}" for k, v in r["errors"].items()) or "none"
        exact = "yes" if not r["missing"] and not r["extra"] else (
            f"no: {r['missing']} missing, {r['extra']} extra"
        )  # fmt: skip
        limit = f" (limit {args.per_host})" if r["mode"] != "plain" else ""
        lines.append(
            f"| {r['round']} | {r['mode']} | {r['pages_per_s']:.1f} | {r['cpu_ms_per_page']:.2f} "
            f"| {r['median_ms']:.1f} "
            f"| {r['p95_ms']:.1f} | {errors} | {exact} | {r['max_in_flight']}{limit} "
            f"| {r['requests']} | {r['faults']} "
            f"| {r['peak_rss_mb']:.1f} ({r['baseline_rss_mb']:.1f}) |"
        )
    found = ratios(reports)
    if found:
        each = ", ".join(f"{x:.2f}" for x in found)
        lines += ["", f"fetch / plain: {each} (median {statistics.median(found):.2f})"]
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
        "--faults", str(args.faults), "--stall", str(args.stall),
    ]  # fmt: skip
    reports = []
    with server_process(server_cmd) as info:
        for round_ in range(1, args.repeat + 1):
            for mode in args.modes:
                reports.append({"round": round_, **run_mode(mode, info["ports"], args)})
    print(markdown(reports, info, args, argv))


if __name__ == "__main__":
    main()
