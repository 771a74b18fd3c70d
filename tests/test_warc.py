"""``read_warc`` and ``newsclean warc`` on WARC files built here with warcio."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("warcio")

import newsclean
from newsclean import ReadError
from newsclean.cli import main
from test_cli import CHILD_ENV
from warc_pages import GBK_PAGE, WARC_DATE, article, build_warc

HTML_URLS = [
    "https://news.example/0",
    "https://news.example/gbk",
    "https://news.example/empty",
    "https://news.example/1",
    "https://news.example/2",
]


@pytest.fixture(params=["pages.warc.gz", "pages.warc"])
def warc(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return build_warc(tmp_path / request.param)


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_read_warc_yields_html_responses_only(warc: Path) -> None:
    responses = list(newsclean.read_warc(warc))
    assert [r.url for r in responses] == HTML_URLS
    url, headers, content = responses[0]
    assert url == "https://news.example/0"
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert content == article(0).encode()


def test_read_warc_fields(warc: Path) -> None:
    by_url = {r.url: r for r in newsclean.read_warc(warc)}
    gbk = by_url["https://news.example/gbk"]
    assert gbk.charset == "GBK"
    assert gbk.content == GBK_PAGE.encode("gbk")
    assert gbk.date == dt.datetime(2024, 6, 19, 8, 30, tzinfo=dt.timezone.utc)
    assert gbk.record_id is not None and gbk.record_id.startswith("<urn:uuid:")
    # Content-Encoding: gzip is removed.
    assert by_url["https://news.example/1"].content == article(1).encode()


def test_read_warc_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        list(newsclean.read_warc(tmp_path / "none.warc.gz"))
    assert info.value.path == str(tmp_path / "none.warc.gz")


def test_read_warc_not_a_warc(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc"
    junk.write_bytes(article(0).encode())
    with pytest.raises(ReadError):
        list(newsclean.read_warc(junk))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_warc_command(warc: Path, jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = warc.with_name("out.jsonl")
    assert main(["warc", str(warc), "--out", str(out), "--jobs", jobs]) == 1
    records = lines(out.read_text(encoding="utf-8"))
    assert [r["origin"]["url"] for r in records] == [u for u in HTML_URLS if "empty" not in u]
    assert [r["title"] for r in records] == [
        "Quay story 0",
        "Harbour talks",
        "Quay story 1",
        "Quay story 2",
    ]
    first = records[0]
    assert first["url"] == "https://news.example/0"
    assert first["origin"]["warc"] == str(warc)
    assert first["origin"]["date"] == "2024-06-19T08:30:00+00:00"
    assert WARC_DATE.startswith(first["origin"]["date"][:19])
    # The GBK page is decoded with the charset of its HTTP header.
    assert "平壤" in newsclean.Article.from_dict(records[1]).body
    err = capsys.readouterr().err
    assert "https://news.example/empty" in err


def test_warc_record_is_the_article_plus_origin(warc: Path, capsys: Any) -> None:
    assert main(["warc", str(warc), "--jobs", "1"]) == 1
    record = lines(capsys.readouterr().out)[0]
    record.pop("origin")
    assert record == newsclean.extract(article(0), url="https://news.example/0").to_dict()


def test_warc_command_skips_a_bad_file(tmp_path: Path, capsys: Any) -> None:
    good = build_warc(tmp_path / "good.warc.gz")
    missing = tmp_path / "missing.warc.gz"
    assert main(["warc", str(missing), str(good), "--jobs", "2"]) == 1
    out, err = capsys.readouterr()
    assert len(lines(out)) == 4
    assert f"cannot read {missing}" in err
    assert err.endswith("newsclean: 4 records written, 1 of 5 pages skipped\n")


def test_warc_entry_point(warc: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsclean.cli", "warc", str(warc)],
        capture_output=True,
        timeout=60,
        check=False,
        env=CHILD_ENV,
    )
    assert proc.returncode == 1
    assert len(lines(proc.stdout.decode("utf-8"))) == 4


def test_without_warcio(
    warc: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A None entry in sys.modules makes the import fail as if warcio were absent.
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    with pytest.raises(newsclean.MissingDependencyError, match=r"\[warc\]"):
        list(newsclean.read_warc(warc))
    assert main(["warc", str(warc)]) == 2
    assert "[warc]" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_many_takes_warc_responses(warc: Path, jobs: int) -> None:
    results = list(newsclean.extract_many(newsclean.read_warc(warc), jobs=jobs))
    assert [type(r).__name__ for r in results] == [
        "Article",
        "Article",
        "NoArticleError",
        "Article",
        "Article",
    ]
    gbk = results[1]
    assert isinstance(gbk, newsclean.Article)
    assert gbk.url == "https://news.example/gbk"
    assert "平壤" in gbk.body  # the HTTP charset reached the decoder
    assert "平壤" not in newsclean.extract(GBK_PAGE.encode("gbk")).body
