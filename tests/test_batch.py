"""``extract_many``: every item kind, input order, errors as values, real worker processes."""

from __future__ import annotations

import gzip
import itertools
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsclean
from newsclean import Article, NewscleanError, ReadError

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
SEED_PAGE = FIXTURES / "seed-semantic" / "source.html"


def page(n: int) -> str:
    """A small article page whose title carries ``n``, to check ordering."""
    return (
        f"<html><head><title>Harbour report {n}</title></head><body><article>"
        f"<h1>Harbour report {n}</h1>"
        f"<p>The harbour council met for the {n}th time on Tuesday evening to discuss the "
        "budget for the old district, and members argued for hours about dredging.</p>"
        "<p>A resident who has lived on the quay for forty years said the water had never "
        "been so shallow, and asked the council to act before the autumn storms.</p>"
        "</article></body></html>"
    )


def titles(results: list[Article | NewscleanError]) -> list[str | None]:
    return [r.title if isinstance(r, Article) else type(r).__name__ for r in results]


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_item_kind_in_input_order(tmp_path: Path, jobs: int) -> None:
    plain = tmp_path / "three.html"
    plain.write_text(page(3), encoding="utf-8")
    packed = tmp_path / "four.html.gz"
    packed.write_bytes(gzip.compress(page(4).encode("utf-8")))
    items: list[newsclean._batch.Item] = [
        page(0),
        page(1).encode("utf-8"),
        bytearray(page(2).encode("utf-8")),
        plain,
        packed,
        (page(5), "https://example.com/news/5"),
        (tmp_path / "missing.html", "https://example.com/news/6"),
        "",
    ]
    results = list(newsclean.extract_many(items, jobs=jobs))
    assert titles(results) == [
        *(f"Harbour report {n}" for n in range(6)),
        "ReadError",
        "NoArticleError",
    ]
    assert isinstance(results[5], Article)
    assert results[5].url == "https://example.com/news/5"


def test_results_equal_extract() -> None:
    data = SEED_PAGE.read_bytes()
    [result] = newsclean.extract_many([(data, "https://example.com/a")], jobs=2)
    assert result == newsclean.extract(data, url="https://example.com/a")


def test_str_is_html_never_a_path(tmp_path: Path) -> None:
    # A str naming an existing file is still read as HTML text, not opened.
    target = tmp_path / "page.html"
    target.write_text(page(1), encoding="utf-8")
    [result] = newsclean.extract_many([str(target)], jobs=1)
    assert isinstance(result, Article)
    assert result.title is None
    assert result.body == str(target)


@pytest.mark.parametrize("jobs", [1, 2])
def test_unreadable_paths_are_read_errors(tmp_path: Path, jobs: int) -> None:
    bad_gzip = tmp_path / "bad.html.gz"
    bad_gzip.write_bytes(b"this is not gzip data at all")
    missing = tmp_path / "missing.html"
    results = list(newsclean.extract_many([missing, tmp_path, bad_gzip], jobs=jobs))
    assert [type(r) for r in results] == [ReadError] * 3
    assert [r.path for r in results if isinstance(r, ReadError)] == [
        str(missing),
        str(tmp_path),
        str(bad_gzip),
    ]
    assert str(missing) in str(results[0])


def test_read_error_survives_pickling() -> None:
    error = ReadError("cannot read x: gone", path="x", url="https://example.com/x")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.path, copy.url) == (ReadError, str(error), "x", error.url)
    assert isinstance(copy, NewscleanError)


def test_input_is_read_lazily() -> None:
    # An endless generator: only a bounded window may be taken from it.
    taken = 0

    def pages() -> Iterator[str]:
        nonlocal taken
        for n in itertools.count():
            taken += 1
            yield page(n)

    results = newsclean.extract_many(pages(), jobs=2)
    first = list(itertools.islice(results, 5))
    results.close()
    assert titles(first) == [f"Harbour report {n}" for n in range(5)]
    in_flight = 2 * newsclean._batch._WINDOW_PER_WORKER * newsclean._batch._CHUNK
    assert taken <= 5 + in_flight + newsclean._batch._CHUNK


def test_many_pages_keep_their_order() -> None:
    results = list(newsclean.extract_many((page(n) for n in range(40)), jobs=2))
    assert titles(results) == [f"Harbour report {n}" for n in range(40)]


def test_empty_input() -> None:
    assert list(newsclean.extract_many([], jobs=2)) == []


@pytest.mark.parametrize("bad", [3, None, ["<p>x</p>"], ("<p>x</p>", 5), ("a", "b", "c")])
def test_unknown_item_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        list(newsclean.extract_many([bad], jobs=1))  # type: ignore[list-item]


def test_jobs_below_one_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        newsclean.extract_many([page(1)], jobs=0)
