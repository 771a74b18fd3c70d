"""Text normalisation: each fixer, the plan order, and paragraph clean-up."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._text import (
    PLAN,
    collapse_spaces,
    drop_zero_width,
    fix_mojibake,
    nfc,
    normalize_paragraphs,
    normalize_text,
)

# --- the fixers -----------------------------------------------------------------------


def test_nfc_composes() -> None:
    decomposed = "Cafe\u0301 de\u0301ja\u0300"
    assert nfc(decomposed) == "Café déjà"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_nfc_leaves_composed_text_alone() -> None:
    text = "Café 新闻"
    assert nfc(text) is text


def test_nfc_keeps_compatibility_characters() -> None:
    # NFC, not NFKC: full-width forms and ligatures are as published.
    assert nfc("ＡＢＣ１２３，") == "ＡＢＣ１２３，"
    assert nfc("ﬁ") == "ﬁ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新\u200b闻", "新闻"),
        ("zero\u200cwidth\u200djoin", "zerowidthjoin"),
        ("\ufeff开头", "开头"),
        ("word\u2060joiner", "wordjoiner"),
        ("soft\u00adhyphen", "softhyphen"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_drop_zero_width(text: str, expected: str) -> None:
    assert drop_zero_width(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "\u3000\u3000市政府周三宣布新的交通计划。",
            "市政府周三宣布新的交通计划。",
        ),  # full-width indent
        ("a\u00a0b", "a b"),  # non-breaking space
        ("a\u202fb\u2009c", "a b c"),  # narrow and thin spaces
        ("  many   spaces\there \n and lines  ", "many spaces here and lines"),
        ("北京\u3000上海", "北京 上海"),
        ("", ""),
        (" \u00a0\u3000 ", ""),
    ],
)
def test_collapse_spaces(text: str, expected: str) -> None:
    assert collapse_spaces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("weâ€™ve", "we’ve"),
        ("CafÃ© opens", "Café opens"),
        ("â€œQuoteâ€\x9d", "“Quote”"),
        ("Â£5", "£5"),
        ("ä¸­æ–‡", "中文"),
        ("VoilÃ\u00a0", "Voilà"),  # à is C3 A0: its second byte reads as a no-break space
    ],
)
def test_fix_mojibake(text: str, expected: str) -> None:
    assert fix_mojibake(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii",
        "naïve café, Größe, señor",
        "Ã alone",
        "«café»",
        "市政府周三宣布新的交通计划。",
        "“你好”，他说。",
    ],
)
def test_fix_mojibake_leaves_sound_text_alone(text: str) -> None:
    assert fix_mojibake(text) == text


def test_fix_mojibake_before_a_no_break_space() -> None:
    # Each mangled character takes the continuations its lead announces, no more.
    assert fix_mojibake("CafÃ©\u00a0!") == "Café\u00a0!"


@pytest.mark.parametrize(
    "text",
    [
        "Maß\u00adnahmen gegen die Hitze",  # German: ß before a soft hyphen
        "Maß“nahmen",  # ß before a German closing quote
        "Straße „bitte“ und Grüße",
        "l'arrêté\u00a0» du préfet, « dit-il\u00a0: oui\u00a0»",  # French spacing
        "El niño está aquí ¿verdad? ¡Sí! Señoría",
        "Zażółć gęślą jaźń, Łódź i Kraków",
        "Tiếng Việt có dấu: người, được, những",
        "İstanbul’da güzel şeyler, ağaç, çiçek",
        "市政府周三宣布新的交通计划。“你好”，他说。",
        "Ørsted — Ålesund — Ærø",
        "naïve café, Größe, señor",
    ],
)
def test_fix_mojibake_never_corrupts_correct_text(text: str) -> None:
    assert fix_mojibake(text) == text
    assert normalize_text(text) == " ".join(text.replace("\u00ad", "").split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ã©tÃ©", "été"),
        ("donâ€™t", "don’t"),
        ("MÃ¼nchen", "München"),
        ("ðŸ˜€ smile", "😀 smile"),
    ],
)
def test_fix_mojibake_repairs_real_mojibake(text: str, expected: str) -> None:
    assert fix_mojibake(text) == expected


# --- the plan -------------------------------------------------------------------------


def test_plan_order() -> None:
    assert [name for name, _ in PLAN] == ["mojibake", "nfc", "zero_width", "spaces"]
    assert [fixer for _, fixer in PLAN] == [fix_mojibake, nfc, drop_zero_width, collapse_spaces]


def test_mojibake_is_repaired_before_spaces_collapse() -> None:
    # The second byte of a mangled "à" is a no-break space: collapsing first would lose it.
    assert normalize_text("DÃ©jÃ\u00a0 vu") == "Déjà vu"
    assert collapse_spaces(fix_mojibake("DÃ©jÃ\u00a0 vu")) == "Déjà vu"
    assert fix_mojibake(collapse_spaces("DÃ©jÃ\u00a0 vu")) != "Déjà vu"


def test_zero_width_dropped_after_spaces_are_known() -> None:
    # A zero-width space is not a space to str.split(): it goes, it does not become " ".
    assert normalize_text("新\u200b闻") == "新闻"
    assert normalize_text("word \u200b word") == "word word"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u3000\u3000市政府周三宣布新的\u200b交通计划。", "市政府周三宣布新的交通计划。"),
        ("  Cafe\u0301\u00a0opens  ", "Café opens"),
        ("“你好”，他说：“走吧！”（完）", "“你好”，他说：“走吧！”（完）"),
        ("「新華社」報道：『會議』於周三舉行。", "「新華社」報道：『會議』於周三舉行。"),
        ("中文，English, 混排。", "中文，English, 混排。"),
        ("", ""),
    ],
)
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    "text",
    ["plain words", "word \u200b word", "DÃ©jÃ\u00a0 vu", "e\u0301te\u0301", "新\u200b 闻", ""],
)
def test_normalize_text_collapsed_is_the_same_on_collapsed_text(text: str) -> None:
    assert normalize_text(text, collapsed=True) == normalize_text(text)


def test_normalize_text_is_idempotent() -> None:
    text = "\u3000\u3000CafÃ© \u00a0市政府\u200b宣布。"
    once = normalize_text(text)
    assert normalize_text(once) == once


# --- paragraphs -----------------------------------------------------------------------


def test_normalize_paragraphs_drops_empty_and_repeated() -> None:
    paragraphs = [
        "\u3000\u3000市政府周三宣布新的交通计划。",
        "   ",
        "\u200b",
        "市政府周三宣布新的交通计划。",  # equal once normalised
        "The plan starts\u00a0next spring.",
        "The plan starts next spring.",
        "",
    ]
    assert normalize_paragraphs(paragraphs) == (
        "市政府周三宣布新的交通计划。",
        "The plan starts next spring.",
    )


def test_normalize_paragraphs_keeps_order_and_case() -> None:
    assert normalize_paragraphs(["B", "a", "A", "b"]) == ("B", "a", "A", "b")


def test_normalize_paragraphs_takes_any_iterable() -> None:
    assert normalize_paragraphs(p for p in ["x", "y"]) == ("x", "y")
    assert normalize_paragraphs([]) == ()


def test_normalize_paragraphs_keeps_repeatable_lines() -> None:
    lines = ["Day | Run", "Mon | 5 km", "Day | Run", "Mon | 6 km", "Mon | 5 km"]
    assert normalize_paragraphs(lines, {2}) == (
        "Day | Run",
        "Mon | 5 km",
        "Day | Run",
        "Mon | 6 km",
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_text_takes_the_short_way_to_the_plans_result(text: str) -> None:
    # ASCII text skips the plan: only the space fixer could change it.
    expected = text
    for _name, fixer in PLAN:
        expected = fixer(expected)
    assert normalize_text(text) == expected
    collapsed = " ".join(text.split())
    assert normalize_text(collapsed, collapsed=True) == normalize_text(collapsed)


def test_correct_german_and_french_survive_extract_and_mojibake_is_repaired() -> None:
    import newsclean

    paragraphs = [
        "Die Maß\u00adnahmen gegen die Hitze gelten ab Montag, sagte die Stadt am Freitag.",
        "Le préfet a signé l'arrêté\u00a0» mardi, « pour protéger les habitants\u00a0».",
        "Die Bürger in MÃ¼nchen sagen, weâ€™ve waited long enough for this decision.",
    ]
    html = (
        "<html><head><meta charset='utf-8'><title>Hitze</title></head><body><article>"
        "<h1>Hitze</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
    )
    body = newsclean.extract(html.encode("utf-8")).body
    assert "Maßnahmen" in body
    assert "l'arrêté »" in body
    assert "München" in body and "we’ve" in body
    assert not any("\u07c0" <= ch <= "\u07ff" or "\u4e00" <= ch <= "\u9fff" for ch in body)
