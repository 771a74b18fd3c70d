"""``newsclean.crawl`` and ``newsclean crawl`` against a real site on 127.0.0.1.

The site (tests/crawl_site.py) has every kind of seed, articles repeated
under other URLs, and failing URLs; it counts requests, so the tests can
check what was fetched and what was not.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsclean
from crawl_site import ALL_STORIES, OLD_SLUGS, PART1_STORIES, Site, bulk_stories, start_site
from newsclean import cli

SEEDS = ["/feed.rss", "/feed.atom", "/feed.json", "/sitemap-index.xml", "/news/a12"]
FAST = {"backoff": 0.01, "retries": 1}
SRC = str(Path(newsclean.__file__).resolve().parents[1])


@pytest.fixture
def site() -> Iterator[Site]:
    server = start_site(extra=60)
    yield server
    server.stop()


def seeds(site: Site) -> list[str]:
    return [site.url(path) for path in SEEDS]


def records(out: Path) -> list[dict[str, Any]]:
    data = out.read_bytes()
    assert not data or data.endswith(b"\n"), "torn last line"
    return [json.loads(line) for line in data.splitlines()]


def titles(out: Path) -> Counter[str]:
    return Counter(r["title"] for r in records(out))


def test_every_seed_kind_each_article_once(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    summary = newsclean.crawl(seeds(site), out=out, **FAST)
    assert titles(out) == Counter(s.title for s in ALL_STORIES)
    assert {r["url"] for r in records(out)} == {site.url(f"/news/{s.slug}") for s in ALL_STORIES}
    assert summary.written == len(ALL_STORIES) == 15
    # /amp/a1 and /m/a2 by their canonical link, /copy/a3 by its content
    assert summary.duplicates == 3
    assert summary.errors == {"http-404": 1, "http-500": 1}
    assert summary.discovered == 20  # a1 is listed three times, once with a fragment
    assert site.hits["/news/a1"] == 1 and site.hits["/news/broken"] == 2
    assert (tmp_path / "articles.jsonl.state.db").exists()


def test_a_rerun_fetches_nothing_new(site: Site, tmp_path: Path) -> None:
    out, state = tmp_path / "a.jsonl", tmp_path / "crawl.db"
    newsclean.crawl(seeds(site), out=out, state=state, **FAST)
    before = site.article_hits()
    again = newsclean.crawl(seeds(site), out=out, state=state, **FAST)
    assert site.article_hits() == before
    assert (again.fetched, again.written, again.known) == (0, 0, again.discovered)
    assert len(records(out)) == len(ALL_STORIES)
    retried = newsclean.crawl(seeds(site), out=out, state=state, retry_failed=True, **FAST)
    assert retried.fetched == 0 and retried.errors == {"http-404": 1, "http-500": 1}


def test_since_skips_old_entries_before_fetching(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    summary = newsclean.crawl(seeds(site), out=out, since="2026-01-01", **FAST)
    written = {r["title"] for r in records(out)}
    assert written == {s.title for s in ALL_STORIES if s.slug not in OLD_SLUGS}
    assert site.hits["/news/old-1"] == 0  # dated in the feed: never fetched
    assert site.hits["/sitemaps/2000.xml"] == 0  # child sitemap last changed before
    assert site.hits["/news/undated-old"] == 1  # no date in the feed: fetched, then dropped
    assert summary.skipped == 2
    # the page's date is kept: a later run does not fetch it again
    newsclean.crawl(seeds(site), out=out, since="2026-01-01", **FAST)
    assert site.hits["/news/undated-old"] == 1


def test_max_pages_takes_the_newest(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    summary = newsclean.crawl([site.url("/feed.atom")], out=out, max_pages=2, **FAST)
    assert summary.fetched == 2 and summary.skipped == 1
    assert [r["url"].rsplit("/", 1)[1] for r in records(out)] in (["a1", "a3"], ["a3", "a1"])
    rest = newsclean.crawl([site.url("/feed.atom")], out=out, max_pages=2, **FAST)
    assert rest.fetched == 1 and {r["url"][-2:] for r in records(out)} == {"a1", "a3", "a4"}


def test_billion_laughs_feed_is_refused(site: Site, tmp_path: Path) -> None:
    summary = newsclean.crawl([site.url("/laughs.rss")], out=tmp_path / "a.jsonl", **FAST)
    assert summary.errors == {"seed": 1} and summary.written == 0


def test_cli_prints_one_summary_line(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.jsonl"
    argv = ["crawl", site.url("/feed.atom"), site.url("/news/gone"), "--out", str(out)]
    assert cli.main([*argv, "--concurrency", "4", "--per-host", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = [ln for ln in captured.err.splitlines() if ln.startswith("newsclean crawl:")]
    assert lines == [
        "newsclean crawl: 3 discovered (0 already known, 0 skipped), 3 fetched, 3 written,"
        " 0 duplicates, not articles: 0; errors: seed-http-404 1"
    ]


def test_cli_fatal_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["crawl", "http://127.0.0.1:9/feed", "--out", str(tmp_path)]) == 1
    assert "cannot open" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        cli.main(["crawl", "http://x/", "--out", "a.jsonl", "--since", "last week"])
    assert exit_.value.code == 2


def test_api_checks_its_arguments(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="per_host="):
        newsclean.crawl("http://x/", out=tmp_path / "a", per_host_concurrency=3)
    with pytest.raises(ValueError, match="max_pages"):
        newsclean.crawl("http://x/", out=tmp_path / "a", max_pages=-1)
    with pytest.raises(ValueError, match="not a date"):
        newsclean.crawl("http://x/", out=tmp_path / "a", since="soon")


def crawl_process(
    site: Site, out: Path, state: Path, jobs: str | None = None
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "newsclean.cli", "crawl", site.url("/bulk-sitemap.xml"),
        *seeds(site), "--out", str(out), "--state", str(state), "--concurrency", "4",
        *(["--jobs", jobs] if jobs else []),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_lines(out: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"the crawl did not write {count} lines in time")


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux; none where /proc does not list them)."""
    try:
        return [int(n) for n in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def gone(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("jobs", [None, "1", "2"])
def test_sigkill_mid_crawl_then_restart_writes_each_article_once(
    site: Site, tmp_path: Path, jobs: str | None
) -> None:
    out, state = tmp_path / "a.jsonl", tmp_path / "crawl.db"
    site.delay = 0.05
    process = crawl_process(site, out, state, jobs)
    wait_for_lines(out, 20, process)
    workers = children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # Extracting workers do not outlive the crawl (nor hold its output's lock).
    assert gone(workers, 5), "workers left running"
    killed_at = len(records(out))
    everything = len(ALL_STORIES) + len(bulk_stories(60))
    assert 20 <= killed_at < everything, "the kill should land mid-crawl"
    with out.open("ab") as f:  # and as if the kill had cut a write short
        f.write(b'{"url": "http://127.0.0.1/torn", "title": "Sto')
    site.delay = 0.0
    process = crawl_process(site, out, state, jobs)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()
    counts = titles(out)
    assert counts == Counter(s.title for s in [*ALL_STORIES, *bulk_stories(60)])
    assert max(counts.values()) == 1
    assert b"written" in err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_saves_and_reports_then_restart_completes(
    site: Site, tmp_path: Path, jobs: str
) -> None:
    out, state = tmp_path / "a.jsonl", tmp_path / "crawl.db"
    site.delay = 0.05
    process = crawl_process(site, out, state, jobs)
    wait_for_lines(out, 10, process)
    workers = children(process.pid)
    # A terminal's Ctrl-C reaches the whole process group; here, the crawl.
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"newsclean crawl: interrupted: " in err
    assert gone(workers, 5)
    site.delay = 0.0
    process = crawl_process(site, out, state, jobs)
    process.communicate(timeout=60)
    assert max(titles(out).values()) == 1
    assert len(titles(out)) == len(ALL_STORIES) + 60


def test_plain_text_sitemap_and_a_sloppy_feed_are_read(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    summary = newsclean.crawl([site.url("/sitemap.txt"), site.url("/sloppy.rss")], out=out, **FAST)
    assert summary.errors.get("seed", 0) == 0
    urls = {r["url"] for r in records(out)}
    assert {site.url(f"/news/{s.slug}") for s in PART1_STORIES} <= urls
    assert site.url("/news/a1") in urls  # from the feed


def test_a_site_root_is_read_through_the_sitemaps_its_robots_txt_names(
    site: Site, tmp_path: Path
) -> None:
    out = tmp_path / "a.jsonl"
    summary = newsclean.crawl([site.url("/")], out=out, **FAST)
    urls = {r["url"] for r in records(out)}
    assert urls == {site.url(f"/news/{s.slug}") for s in PART1_STORIES}
    assert summary.errors == {}


def test_pages_that_are_not_articles_get_no_record_and_are_not_fetched_again(
    site: Site, tmp_path: Path
) -> None:
    out = tmp_path / "a.jsonl"
    seeds = [site.url("/news/a1"), site.url("/section/local")]
    summary = newsclean.crawl(seeds, out=out, concurrency=2, per_host=1)
    assert (summary.written, summary.not_articles) == (1, 1)
    assert [json.loads(line)["url"] for line in out.read_text().splitlines()] == [
        site.url("/news/a1")
    ]
    again = newsclean.crawl(seeds, out=out, concurrency=2, per_host=1)
    assert (again.written, again.not_articles, again.known) == (0, 0, 2)
    assert site.hits["/section/local"] == 1


def test_jobs_extract_in_workers_with_the_same_outcome(site: Site, tmp_path: Path) -> None:
    results = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.jsonl"
        all_seeds = [site.url("/bulk-sitemap.xml"), *seeds(site), site.url("/section/local")]
        summary = newsclean.crawl(all_seeds, out=out, jobs=jobs, **FAST)
        results[jobs] = summary, titles(out)
    (one, one_titles), (two, two_titles) = results[1], results[2]
    assert one == two
    assert one_titles == two_titles == Counter(s.title for s in [*ALL_STORIES, *bulk_stories(60)])
    assert (two.written, two.duplicates, two.not_articles) == (75, 3, 1)
    assert two.errors == {"http-404": 1, "http-500": 1}


def test_jobs_must_be_a_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="jobs"):
        newsclean.crawl("http://x/", out=tmp_path / "a", jobs=0)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["crawl", "http://x/", "--out", "a.jsonl", "--jobs", "0"])
    assert exit_.value.code == 2
