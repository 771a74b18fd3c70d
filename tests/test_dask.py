"""``newsclean.dask`` on a real ``dask.distributed.LocalCluster`` with two worker processes."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("warcio")
pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import newsclean  # noqa: E402
import newsclean.dask  # noqa: E402
from newsclean.cli import main  # noqa: E402
from warc_pages import Response, article, build_warc  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def warcs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three WARCs: the shared fixture one, one of two more pages, and one missing."""
    root = tmp_path_factory.mktemp("warcs")
    more = [Response(f"https://more.example/{n}", article(n).encode()) for n in (10, 11)]
    return [
        build_warc(root / "a.warc.gz"),
        build_warc(root / "b.warc", more),
        root / "missing.warc.gz",
    ]


def test_records_match_the_command(client: Any, warcs: list[Path], tmp_path: Path) -> None:
    bag = newsclean.dask.articles_from_warc(warcs)
    assert bag.npartitions == 3
    records = bag.compute()
    assert [r["origin"]["url"] for r in records] == [
        "https://news.example/0",
        "https://news.example/gbk",
        "https://news.example/1",
        "https://news.example/2",
        "https://more.example/10",
        "https://more.example/11",
    ]
    # The records were made in two other processes, and are what `newsclean warc` writes.
    worker_pids = set(client.run(os.getpid).values())
    assert len(worker_pids) == 2 and os.getpid() not in worker_pids
    out = tmp_path / "cli.jsonl"
    assert main(["warc", *map(str, warcs[:2]), "--out", str(out), "--jobs", "1"]) == 1
    assert records == [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_to_jsonl(client: Any, warcs: list[Path], tmp_path: Path) -> None:
    bag = newsclean.dask.articles_from_warc(warcs[:2])
    files = newsclean.dask.to_jsonl(bag, str(tmp_path / "articles-*.jsonl"))
    assert [Path(f).name for f in files] == ["articles-0.jsonl", "articles-1.jsonl"]
    joined = "".join(Path(f).read_text(encoding="utf-8") for f in files)
    titles = [json.loads(line)["title"] for line in joined.splitlines()]
    first_warc = ["Quay story 0", "Harbour talks", "Quay story 1", "Quay story 2"]
    assert titles == [*first_warc, "Quay story 10", "Quay story 11"]


def test_records_hold_the_text_once(client: Any, warcs: list[Path]) -> None:
    records = newsclean.dask.articles_from_warc(warcs[:1]).compute()
    assert records
    for record in records:
        assert "body" not in record
        article = newsclean.Article.from_dict(record)
        assert article.body and article.body == "\n".join(record["paragraphs"])
        assert article.to_dict() == {k: v for k, v in record.items() if k != "origin"}


def test_to_parquet(client: Any, warcs: list[Path], tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    bag = newsclean.dask.articles_from_warc(warcs)
    files = newsclean.dask.to_parquet(bag, tmp_path / "articles")
    assert len(files) == 3  # the missing WARC gives an empty part, not a failure
    table = parquet.read_table(tmp_path / "articles")
    rows = sorted(table.to_pylist(), key=lambda r: r["origin"]["url"])
    assert len(rows) == 6
    assert rows[0]["origin"]["url"] == "https://more.example/10"
    assert rows[0]["paragraphs"] and rows[0]["images"] == []
    assert rows[0]["origin"]["date"] == "2024-06-19T08:30:00+00:00"


def test_parquet_columns_follow_the_record() -> None:
    # The JSON record's keys: every field but body, which the paragraphs hold.
    names = [name for name, _ in newsclean.dask.PARQUET_COLUMNS]
    fields = [f.name for f in dataclasses.fields(newsclean.Article) if f.name != "body"]
    assert names == [*fields, "origin"]


def test_no_paths() -> None:
    assert newsclean.dask.articles_from_warc([]).compute(scheduler="sync") == []


def test_parquet_columns_cover_every_record_field() -> None:
    # A field added to the record must get its column, or Parquet drops it.
    from newsclean import Article, Dateline, Image
    from newsclean.dask import PARQUET_COLUMNS

    columns = dict(PARQUET_COLUMNS)
    record = Article(body="", dateline=Dateline(raw="x")).to_dict()
    assert set(record) <= set(columns)
    dateline = {name for name, _ in columns["dateline"][1]}
    assert dateline == set(Dateline(raw="x").__dataclass_fields__)
    image = {name for name, _ in columns["images"][1][1]}
    assert image == set(Image(url=None).__dataclass_fields__)
