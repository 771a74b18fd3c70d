"""The command line as a shell meets it: no traceback, whatever happens around it.

Each test runs the real ``newsclean`` entry point in a child interpreter,
with real pipes, a real missing folder, a console that is not UTF-8, and a
real HTTP server on 127.0.0.1 for ``newsclean fetch``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import newsclean
from fetch_server import NewsServer
from newsclean.cli import main

SEED_PAGE = Path(__file__).parent / "fixtures" / "pages" / "seed-semantic" / "source.html"


def _run(
    *args: str, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsclean.cli", *args],
        capture_output=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
        **kw,  # type: ignore[arg-type]
    )


def test_version() -> None:
    done = _run("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"newsclean {newsclean.__version__}"


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path) -> None:
    # Enough records to fill the pipe long after the reader has gone.
    for n in range(60):
        (tmp_path / f"page{n:02}.html").write_bytes(SEED_PAGE.read_bytes())
    pipe = subprocess.Popen(
        [sys.executable, "-m", "newsclean.cli", "extract", str(tmp_path), "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert pipe.stdout is not None and pipe.stderr is not None
    pipe.stdout.readline()  # like ``| head -1``
    pipe.stdout.close()
    err = pipe.stderr.read().decode()
    pipe.wait(timeout=60)
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err


def test_output_into_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    done = _run("extract", str(SEED_PAGE), "--out", str(tmp_path / "missing" / "out.jsonl"))
    err = done.stderr.decode()
    assert done.returncode == 2
    assert "Traceback" not in err
    assert err.count("\n") == 1 and "missing" in err


def test_a_console_that_is_not_utf8_gets_text_it_can_print() -> None:
    done = _run("extract", str(SEED_PAGE), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    record = json.loads(done.stdout.decode("ascii"))  # escapes read back as the same text
    assert record["title"]
    assert not record["title"].isascii()


def test_extract_given_a_url_points_to_fetch() -> None:
    done = _run("extract", "https://news.example.com/a/1")
    err = done.stderr.decode()
    assert done.returncode == 2
    assert "newsclean fetch https://news.example.com/a/1" in err


def test_fetch_prints_the_record_of_a_page(server: NewsServer) -> None:
    done = _run("fetch", server.url("/page/en"), "--timeout", "20", "--user-agent", "test-agent")
    assert done.returncode == 0, done.stderr.decode()
    record = json.loads(done.stdout.decode("utf-8"))
    assert record["url"] == server.url("/page/en")
    assert record["paragraphs"]
    assert server.stats.seen_headers["en"]["User-Agent"] == "test-agent"


def test_fetch_of_a_page_robots_forbid_is_a_one_line_error(server: NewsServer) -> None:
    done = _run("fetch", server.url("/private/secret"), "--format", "text")
    err = done.stderr.decode()
    assert done.returncode == 1
    assert "RobotsDisallowedError" in err and "Traceback" not in err
    done = _run("fetch", server.url("/private/secret"), "--no-robots", "--format", "text")
    assert done.returncode == 0, done.stderr.decode()


def test_fetch_refuses_what_is_not_a_url(capsys: object) -> None:
    assert main(["fetch", "page.html"]) == 2


def test_batch_extract_draws_progress_on_a_terminal(tmp_path: Path) -> None:
    import pty

    for n in range(3):
        (tmp_path / f"page{n}.html").write_bytes(SEED_PAGE.read_bytes())
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "newsclean.cli", "extract", str(tmp_path), "--jobs", "1"],
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=60,
            check=False,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 3
    text = shown.decode("utf-8", "replace")
    assert "3" in text and "page" in text  # the bar (or the counter) ran
    assert "3 records written (3 inputs)" in text
