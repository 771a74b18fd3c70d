"""Quality floors on the evaluation corpora in ``../shared/corpus``.

Every page is extracted from its raw bytes, as served, and scored with the
scorer in ``../shared/bench/score.py`` (4-token shingle F1 on the main text;
``with``/``without`` snippets on the ``trafilatura`` corpus). A drop below
a floor means a change made extraction worse on real pages.

The module skips when the corpora or the scorer are not next to the
repository, so the rest of the suite runs anywhere.
"""

from __future__ import annotations

import functools
import gzip
import html
import importlib.util
import json
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import newsclean
from newsclean._decode import decode_html

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS_DIR = SHARED / "corpus"
SCORER_PATH = SHARED / "bench" / "score.py"

if not CORPUS_DIR.is_dir():
    pytest.skip(f"evaluation corpora not found at {CORPUS_DIR}", allow_module_level=True)
if not SCORER_PATH.is_file():
    pytest.skip(f"scorer not found at {SCORER_PATH}", allow_module_level=True)

# Minimum corpus F1 (main text) per corpus. Raised as the extractor improves;
# each must stay at or below the figure published in docs/benchmarks.md, so a
# floor is something the extractor has already shown, never a target.
FLOORS: dict[str, float] = {
    "wcxb-articles": 0.945,
    "readability": 0.945,
    "zh": 0.93,
    "zh-news": 0.965,
}

# Minimum snippet F1 on the ``trafilatura`` corpus (same rule as FLOORS).
SNIPPET_CORPUS = "trafilatura"
SNIPPET_FLOOR = 0.92

# How many of the worst pages a failure message names, to start debugging from.
WORST_SHOWN = 8


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsclean_corpus_score", SCORER_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


score = _load_scorer()


def _cases(corpus: str) -> list[dict[str, Any]]:
    """The corpus's cases, without hand-written unit-test pages (not real pages)."""
    path = CORPUS_DIR / corpus / "cases.jsonl"
    if not path.is_file():
        pytest.skip(f"corpus {corpus!r} not found at {path.parent}")
    with path.open(encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh if line.strip()]
    return [c for c in cases if not (c.get("meta") or {}).get("synthetic")]


@functools.cache
def _predictions(corpus: str) -> dict[str, str]:
    """Body text per case id; a page without an article predicts the empty text."""
    out: dict[str, str] = {}
    for case in _cases(corpus):
        data = gzip.decompress(
            (CORPUS_DIR / corpus / "pages" / f"{case['id']}.html.gz").read_bytes()
        )
        try:
            # The main text is scored apart from the not-an-article decision.
            out[str(case["id"])] = newsclean.extract(data, url=case["url"], strict=False).body
        except newsclean.NoArticleError:
            out[str(case["id"])] = ""
    return out


def _worst(per_case: list[dict[str, Any]]) -> str:
    rows = sorted(per_case, key=lambda c: (c["f1"], c["id"]))[:WORST_SHOWN]
    return "\n".join(
        f"  {c['id']}: F1 {c['f1']:.3f} P {c['precision']:.3f} R {c['recall']:.3f}"
        f" ({c['pred_tokens']} of {c['true_tokens']} tokens)"
        for c in rows
    )


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_main_text_f1(corpus: str) -> None:
    preds = _predictions(corpus)
    per_case = []
    for case in _cases(corpus):
        result = score.match_case(case.get("body") or "", preds[str(case["id"])])
        result["id"] = str(case["id"])
        per_case.append(result)
    summary = score.aggregate(per_case)
    floor = FLOORS[corpus]
    assert summary["f1"] >= floor, (
        f"{corpus}: F1 {summary['f1']:.4f} < floor {floor:.2f}"
        f" (P {summary['precision']:.4f}, R {summary['recall']:.4f},"
        f" {len(per_case)} pages, {sum(1 for p in preds.values() if not p)} empty)\n"
        f"worst pages:\n{_worst(per_case)}"
    )


def test_snippets() -> None:
    preds = _predictions(SNIPPET_CORPUS)
    counts = []
    missed: list[str] = []
    for case in _cases(SNIPPET_CORPUS):
        found = score.snippet_counts(case, preds[str(case["id"])])
        if found is None:
            continue
        counts.append(found)
        _tp, fp, fn, _tn = found
        if fp or fn:
            missed.append(f"  {case['id']}: {fn} 'with' missing, {fp} 'without' present")
    assert counts, "no case carries with/without snippets"
    result = score.snippet_scores(counts)
    assert result["f1"] >= SNIPPET_FLOOR, (
        f"{SNIPPET_CORPUS}: snippet F1 {result['f1']:.4f} < floor {SNIPPET_FLOOR:.2f}"
        f" (P {result['precision']:.4f}, R {result['recall']:.4f},"
        f" TP {result['tp']} FP {result['fp']} FN {result['fn']} TN {result['tn']})\n"
        + "\n".join(missed[:WORST_SHOWN])
    )


def test_scorer_agrees_with_its_definition() -> None:
    # Guards the reuse of the scorer: if its functions change meaning, the
    # floors above would silently measure something else.
    assert score.tokenize("新华社北京电 Hello, world 42") == [
        "新",
        "华",
        "社",
        "北",
        "京",
        "电",
        "Hello",
        "world",
        "42",
    ]
    same = score.match_case("one two three four five", "one two three four five")
    assert same["f1"] == 1.0
    half = score.match_case("a b c d e f g", "a b c d")
    assert half["precision"] == 1.0
    assert 0.0 < half["recall"] < 1.0
    assert score.snippet_counts({"with": ["a  b"], "without": ["z"]}, "x a\nb y") == (1, 0, 0, 1)


def _foreign(ch: str) -> bool:
    """Outside what text repair may produce: Latin letters, punctuation, currency,
    letterlike signs and emoji. An NKo letter or a Han character in a French
    body that its page never held is text the repair corrupted."""
    code = ord(ch)
    return not (code < 0x250 or 0x2000 <= code <= 0x214F or 0x1F000 <= code <= 0x1FAFF)


@pytest.mark.parametrize("corpus", [*sorted(FLOORS), SNIPPET_CORPUS])
def test_no_body_holds_a_character_its_page_did_not(corpus: str) -> None:
    preds = _predictions(corpus)
    corrupted = []
    for case in _cases(corpus):
        body = preds[str(case["id"])]
        if not body or body.isascii():
            continue
        data = gzip.decompress(
            (CORPUS_DIR / corpus / "pages" / f"{case['id']}.html.gz").read_bytes()
        )
        page = unicodedata.normalize("NFC", html.unescape(decode_html(data).text))
        new = {ch for ch in set(body) - set(page) if _foreign(ch)}
        if new:
            corrupted.append(f"  {case['id']}: {''.join(sorted(new))[:20]!r}")
    assert not corrupted, "characters no page held:\n" + "\n".join(corrupted[:WORST_SHOWN])
