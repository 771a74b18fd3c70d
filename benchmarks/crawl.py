#!/usr/bin/env python3
"""Crawl throughput and memory: ``newsclean crawl`` against a local news site.

A server process serves ``--articles`` article URLs over ``--hosts`` ports of
127.0.0.1 (each port a host of its own). Article bodies are the corpus pages
(``../shared/corpus/*/pages/*.html.gz``, sent with ``Content-Encoding: gzip``),
or generated pages when the corpus is absent. Each host has an RSS feed
listing its newest half and a gzipped sitemap listing all its articles, so
the crawl meets every URL twice and must merge them. The server counts
requests in flight per host and remembers the maximum, so the per-host limit
is checked from the server's side.

The crawl runs as the real command (``python -m newsclean.cli crawl``) in a
child process, twice for each ``--jobs`` value: a first run from an empty
state, then a re-run that should fetch no article. The ``--jobs`` values
take turns, ``--rounds`` times, so that a shared machine's drift touches
them alike; the ratio of each value's median rate to the first value's is
the figure to compare them by. Reported: wall time, article URLs per
second, records written, duplicates and errors as the summary line gives
them, the child's peak RSS (the crawling process's own; workers are not
counted), and the highest number of requests any host had in flight.
Markdown on stdout.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _localserver import CountingHandler, CountingServer, serve_until_stdin_closes, server_process
from _localserver import host_stats as local_host_stats

REPO = Path(__file__).resolve().parent.parent
Json = dict[str, Any]


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000, help="article URLs (default: 2000)")
    ap.add_argument("--hosts", type=int, default=4, help="server ports = hosts (default: 4)")
    ap.add_argument("--per-host", type=int, default=2, help="crawl --per-host (default: 2)")
    ap.add_argument("--concurrency", type=int, default=16, help="crawl --concurrency (16)")
    ap.add_argument("--latency", type=float, default=0.0, help="server delay per page, seconds")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="crawl --jobs (1 2)")
    ap.add_argument("--rounds", type=int, default=2, help="runs of each --jobs value (2)")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="holds corpus/")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


# ------------------------------------------------------------------ server


def generated_page(n: int) -> bytes:
    words = ["harbour", "council", "river", "budget", "school", "bridge", "market", "museum"]
    paras = "".join(
        f"<p>Article {n} paragraph {k}: the {words[(n + k) % len(words)]} committee met for "
        f"{k + 2} hours and argued about the {words[(n * k) % len(words)]} plan again.</p>"
        for k in range(6)
    )
    html = f"<html><head><title>Article {n}</title></head><body><article>{paras}</article></body>"
    return gzip.compress(html.encode())


def bodies(shared: Path, count: int) -> tuple[list[bytes], str]:
    corpus = sorted((shared / "corpus").glob("*/pages/*.html.gz"))
    if corpus:
        return [f.read_bytes() for f in corpus], f"{len(corpus)} corpus pages"
    return [generated_page(n) for n in range(count)], "generated pages"


class Site(CountingServer):
    def __init__(self, host: int, args: argparse.Namespace, pages: list[bytes]) -> None:
        super().__init__(Handler)
        self.host, self.args, self.pages = host, args, pages
        self.listings: dict[str, tuple[str, bytes]] = {}

    def mine(self) -> list[int]:
        return list(range(self.host, self.args.articles, self.args.hosts))

    def build(self) -> None:
        base = f"http://127.0.0.1:{self.server_address[1]}"
        ids = self.mine()
        items = "".join(
            f"<item><link>{base}/a/{i}?utm_source=rss</link>"
            f"<pubDate>{26 - i % 20:02d} Nov 2026 08:00:00 GMT</pubDate></item>"
            for i in ids[: len(ids) // 2]
        )
        rss = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
        urls = "".join(f"<url><loc>{base}/a/{i}</loc></url>" for i in ids)
        urlset = f'<?xml version="1.0"?><urlset xmlns="x">{urls}</urlset>'
        self.listings["/feed.xml"] = ("application/rss+xml", rss.encode())
        self.listings["/sitemap.xml.gz"] = ("application/x-gzip", gzip.compress(urlset.encode()))
        self.listings["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /private/\n")


class Handler(CountingHandler):
    server: Site

    def answer(self, path: str) -> None:
        site = self.server
        if path in site.listings:
            return self.reply(site.listings[path][1], site.listings[path][0])
        time.sleep(site.args.latency)
        body = site.pages[int(path.rsplit("/", 1)[1]) % len(site.pages)]
        self.reply(body, "text/html", {"Content-Encoding": "gzip"})


def serve(args: argparse.Namespace) -> None:
    """Serve on --hosts ports until stdin closes; print the ports first."""
    pages, source = bodies(args.shared, args.articles)
    sites = [Site(host, args, pages) for host in range(args.hosts)]
    for site in sites:
        site.build()
    serve_until_stdin_closes(sites, {"source": source})


# ------------------------------------------------------------------ driver


def host_stats(ports: list[int]) -> Json:
    stats = local_host_stats(ports)
    return {
        "max_in_flight": max(s["max_in_flight"] for s in stats),
        "requests": sum(s["requests"] for s in stats),
    }


def run_crawl(ports: list[int], workdir: Path, args: argparse.Namespace, jobs: int) -> Json:
    seeds = [
        f"http://127.0.0.1:{p}/{name}" for p in ports for name in ("feed.xml", "sitemap.xml.gz")
    ]
    command = [
        sys.executable, "-m", "newsclean.cli", "crawl", *seeds, "--out",
        str(workdir / "articles.jsonl"), "--concurrency", str(args.concurrency),
        "--per-host", str(args.per_host), "--jobs", str(jobs),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    summary = [ln for ln in err.splitlines() if ln.startswith("newsclean crawl:")]
    return {
        "seconds": seconds, "status": child.returncode, "peak_rss_mb": usage.ru_maxrss / 1024,
        "summary": summary[-1].removeprefix("newsclean crawl: ") if summary else err[-500:],
        **host_stats(ports),
    }  # fmt: skip


def markdown(runs: list[Json], info: Json, args: argparse.Namespace, argv: list[str]) -> str:
    lines = [
        f"`python benchmarks/crawl.py {shlex.join(argv)}`".replace(" `", "`"),
        "",
        f"{args.articles} article URLs over {args.hosts} hosts ({info['source']}), "
        f"--concurrency {args.concurrency} --per-host {args.per_host}, "
        f"server latency {args.latency * 1000:.0f} ms, {os.cpu_count()} CPUs.",
        "",
        "| jobs | round | run | seconds | article URLs/s | max in flight per host | requests "
        "| peak RSS MB |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        rate = f"{args.articles / r['seconds']:.1f}" if r["run"] == "first" else "(nothing new)"
        lines.append(
            f"| {r['jobs']} | {r['round']} | {r['run']} | {r['seconds']:.1f} | {rate} "
            f"| {r['max_in_flight']} (limit {args.per_host}) | {r['requests']} "
            f"| {r['peak_rss_mb']:.1f} |"
        )
    medians = {
        jobs: statistics.median(
            args.articles / r["seconds"] for r in runs if r["jobs"] == jobs and r["run"] == "first"
        )
        for jobs in args.jobs
    }
    base = args.jobs[0]
    lines.append("")
    lines += [
        f"- --jobs {jobs}: median {rate:.1f} article URLs/s, "
        f"{rate / medians[base]:.2f}x --jobs {base}"
        for jobs, rate in medians.items()
    ]
    summaries = sorted({(r["run"], r["summary"]) for r in runs})
    lines += [f"- {run}: `{summary}`" for run, summary in summaries]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.serve:
        return serve(args)
    server_cmd = [sys.executable, __file__, "--serve", *argv]
    runs = []
    with server_process(server_cmd) as info:
        for round_ in range(1, args.rounds + 1):
            for jobs in args.jobs:
                with tempfile.TemporaryDirectory() as tmp:
                    for run in ("first", "re-run"):
                        result = run_crawl(info["ports"], Path(tmp), args, jobs)
                        runs.append({**result, "jobs": jobs, "round": round_, "run": run})
                        print(f"jobs {jobs} round {round_} {run}: {result['seconds']:.1f} s",
                              file=sys.stderr)  # fmt: skip
    print(markdown(runs, info, args, argv))


if __name__ == "__main__":
    main()
