"""Every record newsclean emits satisfies the JSON Schema shipped with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import newsclean

jsonschema = pytest.importorskip("jsonschema")

PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*/source.html"))


def _validate(record: dict[str, object]) -> None:
    validator = jsonschema.Draft202012Validator(
        newsclean.article_schema(), format_checker=jsonschema.FormatChecker()
    )
    errors = sorted(validator.iter_errors(record), key=str)
    assert not errors, "\n".join(str(e.message) for e in errors)


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(newsclean.article_schema())


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.parent.name)
def test_fixture_records_match_schema(page: Path) -> None:
    _validate(newsclean.extract(page.read_bytes()).to_dict())


def test_full_record_matches_schema() -> None:
    record = newsclean.Article(
        url="https://example.com/a",
        title="标题",
        body="正文",
        paragraphs=("正文",),
        dateline=newsclean.Dateline(
            raw="(平壤19日讯)", place="平壤", day=19, date=dt.date(2024, 6, 19)
        ),
        agencies=("KCNA", "AFP"),
        published=dt.datetime(2024, 6, 19, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=8))),
        authors=("张伟",),
        images=(newsclean.Image("https://example.com/a.jpg", "说明", "法新社"),),
        language="zh-Hans",
    )
    _validate(record.to_dict())


def test_empty_record_matches_schema() -> None:
    _validate(newsclean.Article().to_dict())


@pytest.mark.parametrize("page", PAGES[:1], ids=lambda p: p.parent.name)
def test_records_of_both_shapes_match_schema(page: Path) -> None:
    # New records hold the text once; records of earlier versions, with body
    # beside paragraphs, are still valid ones.
    record = newsclean.extract(page.read_bytes()).to_dict()
    assert "body" not in record
    _validate(record)
    _validate({**record, "body": "\n".join(record["paragraphs"])})
