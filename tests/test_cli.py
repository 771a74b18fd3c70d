"""The ``newsclean extract`` command: output formats, stdin, exit statuses.

Most tests call ``newsclean.cli.main`` in-process, which is fast and lets
capsys see the output; one test starts a real interpreter to prove that
``python -m newsclean.cli`` is a working entry point.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newsclean
from newsclean.cli import main

# The record holds non-ASCII text; pin the child's stdout encoding so that the
# test does not depend on the locale of the machine running it.
CHILD_ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}

SEED_PAGE = Path(__file__).parent / "fixtures" / "pages" / "seed-semantic" / "source.html"

PLAIN_PAGE = (
    "<html><head><title>Harbour budget</title></head><body><article>"
    "<h1>Harbour budget</h1>"
    "<p>The harbour council met on Tuesday evening to discuss the budget for the old "
    "district, and members argued for three hours about the cost of dredging.</p>"
    "<p>平壤的港口也在讨论类似的计划。</p>"
    "</article></body></html>"
)


def _stdin_with(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Replace stdin with one whose ``.buffer`` yields ``data``, as a pipe would."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED_PAGE)]) == 0
    out, err = capsys.readouterr()
    record = json.loads(out)
    assert record["title"]
    assert record["paragraphs"]
    assert "body" not in record  # the text is in the record once, as paragraphs
    assert err == ""
    # The command prints exactly the library's record.
    assert record == newsclean.extract(SEED_PAGE.read_bytes()).to_dict()


def test_json_is_the_default_and_explicit_format_matches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["extract", str(SEED_PAGE)]) == 0
    default = capsys.readouterr().out
    assert main(["extract", str(SEED_PAGE), "--format", "json"]) == 0
    assert capsys.readouterr().out == default


def test_json_keeps_non_ascii(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(PLAIN_PAGE, encoding="utf-8")
    assert main(["extract", str(page)]) == 0
    assert "平壤" in capsys.readouterr().out


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    article = newsclean.extract(SEED_PAGE.read_bytes())
    assert main(["extract", str(SEED_PAGE), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert article.title is not None
    assert out == f"{article.title}\n\n{article.body}\n"


def test_json_output_reads_back_as_the_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED_PAGE)]) == 0
    article = newsclean.Article.from_json(capsys.readouterr().out)
    assert article == newsclean.extract(SEED_PAGE.read_bytes())


def test_url_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(PLAIN_PAGE, encoding="utf-8")
    url = "https://example.com/news/harbour"
    assert main(["extract", str(page), "--url", url]) == 0
    assert json.loads(capsys.readouterr().out)["url"] == url


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin_with(monkeypatch, SEED_PAGE.read_bytes())
    assert main(["extract", "-"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record == newsclean.extract(SEED_PAGE.read_bytes()).to_dict()


def test_stdin_reads_bytes_not_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # GBK bytes would be garbled by a text-mode stdin; the command must read
    # the raw buffer and leave decoding to the extractor.
    text = "港口委员会周二晚上开会讨论新的预算，议员们就疏浚费用争论了三个小时。"
    data = (
        "<html><head><meta charset='gbk'><title>港口</title></head><body><article>"
        f"<p>{text}</p></article></body></html>"
    ).encode("gbk")
    _stdin_with(monkeypatch, data)
    assert main(["extract", "-", "--format", "text"]) == 0
    assert text in capsys.readouterr().out


def test_empty_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin_with(monkeypatch, b"")
    assert main(["extract", "-"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("newsclean:")


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-page.html"
    assert main(["extract", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert str(missing) in err


def test_directory_is_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path)]) == 2
    assert str(tmp_path) in capsys.readouterr().err


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert main(["extract", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert str(empty) in err
    assert err.strip()


def test_page_without_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "frames.html"
    page.write_text("<html><frameset><frame src='a.html'></frameset></html>", encoding="utf-8")
    assert main(["extract", str(page)]) == 1
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param([], id="no-command"),
        pytest.param(["extract"], id="no-file"),
        pytest.param(["extract", "x.html", "--format", "xml"], id="bad-format"),
        pytest.param(["summarise", "x.html"], id="unknown-command"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean.cli", "extract", str(SEED_PAGE)],
        capture_output=True,
        timeout=60,
        check=False,
        env=CHILD_ENV,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    record = json.loads(proc.stdout.decode("utf-8"))
    assert record["title"]
    assert record["paragraphs"]


def test_module_entry_point_exit_status(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean.cli", "extract", str(empty)],
        capture_output=True,
        timeout=60,
        check=False,
        env=CHILD_ENV,
    )
    assert proc.returncode == 1
    assert proc.stdout == b""
