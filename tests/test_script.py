"""Optional conversion between simplified and traditional script."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import _script

SEED = Path(__file__).parent / "fixtures" / "pages" / "seed-semantic" / "source.html"


def test_off_by_default_keeps_the_published_script() -> None:
    article = newsclean.extract(SEED.read_bytes())
    assert "俄罗斯" in article.body


def test_hant_converts_every_text_field() -> None:
    pytest.importorskip("opencc")
    article = newsclean.extract(SEED.read_bytes(), script="hant")
    assert "俄羅斯" in article.body and "俄罗斯" not in article.body
    assert article.title and "時隔" in article.title
    assert all("俄罗斯" not in (i.caption or "") for i in article.images)
    assert article.dateline is not None and article.dateline.place == "平壤"


def test_hans_converts_traditional_text() -> None:
    pytest.importorskip("opencc")
    page = (
        "<html><body><article>"
        "<p>這是一篇關於臺灣經濟發展的報導，記者們說明了許多細節。</p>"
        "</article></body></html>"
    )
    article = newsclean.extract(page, script="hans")
    assert article.body.startswith("这是一篇关于")


def test_unknown_script_is_a_caller_error() -> None:
    with pytest.raises(ValueError):
        newsclean.extract("<p>text</p>", script="latin")  # type: ignore[arg-type]


def test_missing_extra_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_opencc(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "opencc":
            raise ImportError("no opencc here")
        return real_import(name, *args, **kwargs)

    _script.converter.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_opencc)
    try:
        with pytest.raises(newsclean.MissingDependencyError, match="newsclean\\[script\\]"):
            newsclean.extract(SEED.read_bytes(), script="hans")
    finally:
        _script.converter.cache_clear()
