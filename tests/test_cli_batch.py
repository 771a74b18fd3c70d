"""``newsclean extract`` over many pages: directories, globs, .html.gz, stdin, JSONL out."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean.cli import main
from test_batch import page
from test_cli import CHILD_ENV, SEED_PAGE


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A directory of pages: plain, gzipped, nested, one empty, one not HTML."""
    (tmp_path / "a.html").write_text(page(1), encoding="utf-8")
    (tmp_path / "b.htm").write_text(page(2), encoding="utf-8")
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(page(3).encode("utf-8")))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.html").write_text(page(4), encoding="utf-8")
    (tmp_path / "sub" / "empty.html").write_bytes(b"")
    (tmp_path / "notes.txt").write_text(page(9), encoding="utf-8")
    return tmp_path


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_directory_to_jsonl_file(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tree / "out.jsonl"
    assert main(["extract", str(tree), "--out", str(out), "--jobs", "2"]) == 1
    records = lines(out.read_text(encoding="utf-8"))
    assert [r["title"] for r in records] == [f"Harbour report {n}" for n in (1, 2, 3, 4)]
    assert [Path(r["origin"]["path"]).name for r in records] == [
        "a.html",
        "b.htm",
        "c.html.gz",
        "d.html",
    ]
    out_text, err = capsys.readouterr()
    assert out_text == ""
    assert "empty.html" in err
    assert "4 records written, 1 of 5 inputs skipped" in err


def test_record_is_the_article_plus_origin(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(SEED_PAGE), "--out", str(out)]) == 0
    [record] = lines(out.read_text(encoding="utf-8"))
    assert record.pop("origin") == {"path": str(SEED_PAGE)}
    assert record == newsclean.extract(SEED_PAGE.read_bytes()).to_dict()
    assert "body" not in record


def test_batch_lines_read_back_as_the_articles(tree: Path) -> None:
    out = tree / "out.jsonl"
    main(["extract", str(tree), "--out", str(out), "--jobs", "1"])
    articles = [newsclean.Article.from_json(line) for line in out.read_text("utf-8").splitlines()]
    assert articles == [newsclean.extract(page(n).encode("utf-8")) for n in (1, 2, 3, 4)]
    assert all(a.body and a.body == "\n".join(a.paragraphs) for a in articles)


def test_many_files_and_a_glob_to_stdout(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["extract", str(tree / "b.htm"), str(tree / "sub" / "*.html"), str(tree / "a.html")]
    assert main([*argv, "--jobs", "1"]) == 1
    out, err = capsys.readouterr()
    assert [r["title"] for r in lines(out)] == [f"Harbour report {n}" for n in (2, 4, 1)]
    assert "empty.html" in err


def test_recursive_glob(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tree / "**" / "*.html*")]) == 1
    titles = [r["title"] for r in lines(capsys.readouterr().out)]
    assert titles == [f"Harbour report {n}" for n in (1, 3, 4)]


def test_missing_file_is_skipped_not_fatal(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tree / "gone.html"
    assert main(["extract", str(missing), str(tree / "a.html")]) == 1
    out, err = capsys.readouterr()
    assert [r["title"] for r in lines(out)] == ["Harbour report 1"]
    assert f"cannot read {missing}" in err


def test_all_good_exits_zero(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tree / "a.html"), str(tree / "c.html.gz")]) == 0
    out, err = capsys.readouterr()
    assert len(lines(out)) == 2
    # One summary line, no progress bar: stderr is not a terminal here.
    assert err == "newsclean: 2 records written (2 inputs)\n"


def test_stdin_among_files(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(page(7).encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["extract", str(tree / "a.html"), "-"]) == 0
    records = lines(capsys.readouterr().out)
    assert [(r["title"], r["origin"]["path"]) for r in records] == [
        ("Harbour report 1", str(tree / "a.html")),
        ("Harbour report 7", "-"),
    ]


def test_single_gz_file_prints_the_pretty_record(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One file without --out keeps the one-record output, and is gunzipped too.
    assert main(["extract", str(tree / "c.html.gz")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n")
    record = json.loads(out)
    assert "origin" not in record
    assert record["title"] == "Harbour report 3"


def test_single_bad_gz_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.html.gz"
    bad.write_bytes(b"not gzip")
    assert main(["extract", str(bad)]) == 2
    assert f"cannot read {bad}" in capsys.readouterr().err


def test_empty_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "x.jsonl")]) == 2
    assert "no HTML files" in capsys.readouterr().err


@pytest.mark.parametrize("extra", [["--url", "https://example.com/a"], ["--format", "text"]])
def test_single_page_options_refused_in_batch(
    tree: Path, extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tree), *extra]) == 2
    assert "single file" in capsys.readouterr().err


def test_bad_jobs(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tree), "--jobs", "0"]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_entry_point_batch(tree: Path) -> None:
    out = tree / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean.cli", "extract", str(tree), "--out", str(out)],
        capture_output=True,
        timeout=60,
        check=False,
        env=CHILD_ENV,
    )
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert len(lines(out.read_text(encoding="utf-8"))) == 4
