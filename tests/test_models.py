"""The record types: immutable values with a stable, JSON-ready shape.

Records are cached, compared, hashed and sent across processes, so they
must not change after creation; ``to_dict``/``to_json`` are what callers
store, so their shape is pinned here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import Article, Dateline, Image
from newsclean._models import record_body

FIXTURE_PAGE = Path(__file__).parent / "fixtures" / "pages" / "zh-mainland"

PUBLISHED = dt.datetime(2024, 6, 19, 10, 35, tzinfo=dt.timezone(dt.timedelta(hours=8)))
MODIFIED = dt.datetime(2024, 6, 19, 14, 2, tzinfo=dt.timezone(dt.timedelta(hours=8)))

DATELINE = Dateline(
    raw="(平壤19日讯)",
    place="平壤",
    month=6,
    day=19,
    date=dt.date(2024, 6, 19),
    agency="KCNA",
    reporters=("李明", "王芳"),
)

IMAGES = (
    Image(url="https://img.example.com/a.jpg", caption="普京与金正恩在机场握手。", credit="法新社"),
    Image(url="https://img.example.com/b.jpg"),
)

ARTICLE = Article(
    url="https://example.com/news/1",
    title="普京时隔24年访朝",
    body="(平壤19日讯)俄罗斯总统普京抵达平壤。\n第二段。",
    paragraphs=("(平壤19日讯)俄罗斯总统普京抵达平壤。", "第二段。"),
    dateline=DATELINE,
    agencies=("KCNA", "AFP"),
    published=PUBLISHED,
    modified=MODIFIED,
    authors=("李明",),
    editors=("王芳",),
    source="南岛日报",
    language="zh",
    site_name="南岛日报",
    description="普京抵达平壤。",
    images=IMAGES,
)

# The record's JSON schema: field names in order, with the value of a bare
# ``Article()``. Changing either is a change to what callers store.
ARTICLE_DEFAULTS: dict[str, Any] = {
    "url": None,
    "title": None,
    "body": "",
    "paragraphs": (),
    "dateline": None,
    "agencies": (),
    "published": None,
    "modified": None,
    "authors": (),
    "editors": (),
    "source": None,
    "language": None,
    "site_name": None,
    "description": None,
    "images": (),
}


# --------------------------------------------------------------------------- immutability


@pytest.mark.parametrize(
    ("record", "field"),
    [
        pytest.param(ARTICLE, "body", id="Article.body"),
        pytest.param(ARTICLE, "images", id="Article.images"),
        pytest.param(Article(), "title", id="Article()-title"),
        pytest.param(IMAGES[0], "caption", id="Image.caption"),
        pytest.param(DATELINE, "place", id="Dateline.place"),
    ],
)
def test_records_are_frozen(record: Any, field: str) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, field, "changed")


@pytest.mark.parametrize("record", [ARTICLE, IMAGES[0], DATELINE], ids=lambda r: type(r).__name__)
def test_records_cannot_be_deleted_from(record: Any) -> None:
    first = dataclasses.fields(record)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(record, first)


def test_sequence_fields_are_tuples() -> None:
    # Lists would make a "frozen" record mutable through its fields.
    for name, value in ARTICLE_DEFAULTS.items():
        if isinstance(value, tuple):
            assert isinstance(getattr(Article(), name), tuple), name
    assert isinstance(Dateline(raw="x").reporters, tuple)


def test_records_are_hashable_values() -> None:
    copy = dataclasses.replace(ARTICLE)
    assert copy == ARTICLE
    assert hash(copy) == hash(ARTICLE)
    assert len({ARTICLE, copy, Article()}) == 2


def test_records_pickle() -> None:
    # Records cross process boundaries in crawler pools.
    assert pickle.loads(pickle.dumps(ARTICLE)) == ARTICLE


# --------------------------------------------------------------------------- defaults


def test_article_defaults() -> None:
    article = Article()
    assert [f.name for f in dataclasses.fields(Article)] == list(ARTICLE_DEFAULTS)
    for name, expected in ARTICLE_DEFAULTS.items():
        assert getattr(article, name) == expected, name


def test_image_and_dateline_defaults() -> None:
    assert Image(url=None) == Image(url=None, caption=None, credit=None)
    line = Dateline(raw="(Reuters) -")
    assert (line.place, line.month, line.day, line.date, line.agency, line.reporters) == (
        None,
        None,
        None,
        None,
        None,
        (),
    )


def test_default_article_to_dict() -> None:
    # Every field but body, which is the paragraphs joined (the text is stored once).
    expected = {
        k: list(v) if isinstance(v, tuple) else v
        for k, v in ARTICLE_DEFAULTS.items()
        if k != "body"
    }
    assert Article().to_dict() == expected


# --------------------------------------------------------------------------- serialisation


def test_to_dict_is_json_serialisable() -> None:
    data = ARTICLE.to_dict()
    assert json.loads(json.dumps(data)) == data


def test_to_dict_dates_are_iso_strings() -> None:
    data = ARTICLE.to_dict()
    assert data["published"] == "2024-06-19T10:35:00+08:00"
    assert data["modified"] == "2024-06-19T14:02:00+08:00"
    assert dt.datetime.fromisoformat(data["published"]) == PUBLISHED


def test_to_dict_tuples_become_lists() -> None:
    data = ARTICLE.to_dict()
    assert data["paragraphs"] == list(ARTICLE.paragraphs)
    assert data["agencies"] == ["KCNA", "AFP"]
    assert data["authors"] == ["李明"]
    assert data["editors"] == ["王芳"]
    assert isinstance(data["images"], list)


def test_to_dict_nests_dateline_and_images_as_dicts() -> None:
    data = ARTICLE.to_dict()
    assert data["dateline"] == {
        "raw": "(平壤19日讯)",
        "place": "平壤",
        "month": 6,
        "day": 19,
        "date": "2024-06-19",
        "agency": "KCNA",
        "reporters": ["李明", "王芳"],
        "region": None,
    }
    assert data["images"] == [
        {
            "url": "https://img.example.com/a.jpg",
            "caption": "普京与金正恩在机场握手。",
            "credit": "法新社",
        },
        {"url": "https://img.example.com/b.jpg", "caption": None, "credit": None},
    ]


def test_to_dict_returns_a_fresh_copy() -> None:
    data = ARTICLE.to_dict()
    data["paragraphs"].append("injected")
    assert "injected" not in ARTICLE.to_dict()["paragraphs"]


def test_to_json_round_trips_to_dict() -> None:
    assert json.loads(ARTICLE.to_json()) == ARTICLE.to_dict()


def test_to_json_keeps_non_ascii() -> None:
    text = ARTICLE.to_json()
    assert "平壤" in text
    assert "\\u" not in text


def test_to_json_indent() -> None:
    compact = ARTICLE.to_json()
    pretty = ARTICLE.to_json(indent=2)
    assert "\n" not in compact
    assert '\n  "url": ' in pretty
    assert json.loads(pretty) == json.loads(compact)


def test_to_json_indent_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        ARTICLE.to_json(2)  # type: ignore[misc]


# --------------------------------------------------------------------------- the text once


def test_record_holds_the_text_once() -> None:
    data = ARTICLE.to_dict()
    assert "body" not in data
    assert data["paragraphs"] == list(ARTICLE.paragraphs)
    assert ARTICLE.to_json().count("第二段") == 1


def test_record_keys_keep_their_order() -> None:
    names = [f.name for f in dataclasses.fields(Article) if f.name != "body"]
    assert list(ARTICLE.to_dict()) == names


ROUND_TRIPS = [
    pytest.param(ARTICLE, id="full"),
    pytest.param(Article(), id="empty"),
    pytest.param(Article(title="Only a title", paragraphs=()), id="no-paragraphs"),
    pytest.param(Article(paragraphs=("",), body=""), id="one-empty-paragraph"),
    pytest.param(
        Article(paragraphs=("one\ntwo", "three"), body="one\ntwo\nthree"),
        id="newline-inside-a-paragraph",
    ),
    pytest.param(
        Article(paragraphs=("a", "", "b\r\n", "\n"), body="a\n\nb\r\n\n\n"),
        id="empty-and-line-end-paragraphs",
    ),
    pytest.param(Article(body="text with no paragraphs"), id="body-without-paragraphs"),
    pytest.param(Article(body="a b", paragraphs=("a", "b")), id="body-not-the-paragraphs-joined"),
    pytest.param(
        Article(
            paragraphs=("x",),
            body="x",
            published=dt.datetime(2024, 6, 19, 10, 35, 7, 123456),
            modified=dt.datetime(2024, 6, 19, 2, 35, tzinfo=dt.timezone.utc),
            dateline=Dateline(raw="CLEVELAND, Ohio –", place="Cleveland", region="Ohio"),
            images=(Image(url=None, caption="A caption"),),
        ),
        id="naive-and-utc-dates-region-caption-only-image",
    ),
]


@pytest.mark.parametrize("article", ROUND_TRIPS)
def test_round_trip_is_exact(article: Article) -> None:
    assert Article.from_dict(article.to_dict()) == article
    back = Article.from_json(article.to_json())
    assert back == article
    assert back.to_json() == article.to_json()
    for name in ("published", "modified"):
        # Equal datetimes may still differ in their offset; the record keeps it.
        before, after = getattr(article, name), getattr(back, name)
        assert (before and before.utcoffset()) == (after and after.utcoffset())


def test_body_key_only_when_it_is_not_the_paragraphs_joined() -> None:
    assert "body" not in Article(paragraphs=("one\ntwo",), body="one\ntwo").to_dict()
    assert Article(body="a b", paragraphs=("a", "b")).to_dict()["body"] == "a b"


def test_record_of_the_previous_shape_loads() -> None:
    # As written before the text was stored once: body beside paragraphs,
    # a dateline without region (older still), and a batch record's origin.
    line = json.dumps(
        {
            "url": "https://example.com/news/1",
            "title": "普京时隔24年访朝",
            "body": "(平壤19日讯)俄罗斯总统普京抵达平壤。\n第二段。",
            "paragraphs": ["(平壤19日讯)俄罗斯总统普京抵达平壤。", "第二段。"],
            "dateline": {
                "raw": "(平壤19日讯)",
                "place": "平壤",
                "month": 6,
                "day": 19,
                "date": "2024-06-19",
                "agency": "KCNA",
                "reporters": ["李明", "王芳"],
            },
            "agencies": ["KCNA", "AFP"],
            "published": "2024-06-19T10:35:00+08:00",
            "modified": "2024-06-19T14:02:00+08:00",
            "authors": ["李明"],
            "editors": ["王芳"],
            "source": "南岛日报",
            "language": "zh",
            "site_name": "南岛日报",
            "description": "普京抵达平壤。",
            "images": [
                {
                    "url": "https://img.example.com/a.jpg",
                    "caption": "普京与金正恩在机场握手。",
                    "credit": "法新社",
                },
                {"url": "https://img.example.com/b.jpg", "caption": None, "credit": None},
            ],
            "origin": {"path": "pages/a.html"},
        },
        ensure_ascii=False,
    )
    assert Article.from_json(line) == ARTICLE
    assert Article.from_json(line.encode("utf-8")) == ARTICLE


def test_old_record_with_a_body_that_differs_keeps_it() -> None:
    record = {"body": "a b", "paragraphs": ["a", "b"]}
    assert Article.from_dict(record) == Article(body="a b", paragraphs=("a", "b"))


def test_record_with_a_body_and_no_paragraphs_gets_one_per_line() -> None:
    assert Article.from_dict({"body": "one\ntwo"}).paragraphs == ("one", "two")
    assert Article.from_dict({"body": ""}) == Article()
    assert Article.from_dict({}) == Article()


@pytest.mark.parametrize(
    "record",
    [
        pytest.param([], id="not-an-object"),
        pytest.param({"paragraphs": "one"}, id="paragraphs-a-string"),
        pytest.param({"paragraphs": ["one", 2]}, id="paragraph-not-a-string"),
        pytest.param({"body": 3}, id="body-not-a-string"),
        pytest.param({"title": ["x"]}, id="title-a-list"),
        pytest.param({"published": "19 June 2024"}, id="date-not-iso"),
        pytest.param({"dateline": "(平壤19日讯)"}, id="dateline-not-an-object"),
        pytest.param({"dateline": {"raw": "x", "day": "19"}}, id="day-not-an-integer"),
        pytest.param({"images": ["https://img.example.com/a.jpg"]}, id="image-not-an-object"),
    ],
)
def test_records_of_the_wrong_shape_are_refused(record: Any) -> None:
    with pytest.raises(ValueError):
        Article.from_dict(record)


def test_record_body_reads_either_shape() -> None:
    assert record_body(ARTICLE.to_dict()) == ARTICLE.body
    assert record_body({**ARTICLE.to_dict(), "body": ARTICLE.body}) == ARTICLE.body
    assert record_body({"paragraphs": []}) == ""
    assert record_body({"url": "https://example.com/"}) is None
    assert record_body({"paragraphs": [1]}) is None


def test_extracted_page_json_holds_the_text_once() -> None:
    # Through the public door: a real page, extracted, written and read back.
    expected = json.loads((FIXTURE_PAGE / "expected.json").read_text(encoding="utf-8"))
    data = (FIXTURE_PAGE / "source.html").read_bytes()
    article = newsclean.extract(data, url=expected.get("url"))
    text = article.to_json()
    record = json.loads(text)
    assert "body" not in record
    assert record["paragraphs"] == list(article.paragraphs)
    # Outside its paragraphs, the record holds no copy of the text.
    rest = json.dumps({k: v for k, v in record.items() if k != "paragraphs"}, ensure_ascii=False)
    assert len(article.paragraphs) > 1
    assert all(json.dumps(p, ensure_ascii=False)[1:-1] not in rest for p in article.paragraphs)
    assert (
        "\\n".join(json.dumps(p, ensure_ascii=False)[1:-1] for p in article.paragraphs[:2])
        not in text
    )
    assert Article.from_json(text) == article
    assert Article.from_json(text).body == article.body == "\n".join(expected["body"])
