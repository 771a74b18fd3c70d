"""Page language: declared tags normalised, the text's script as a check and a fallback."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean._fields.language import (
    SAMPLE_CHARS,
    SIMPLIFIED_ONLY,
    TRADITIONAL_ONLY,
    detect_language,
    normalize_tag,
)
from newsclean._fields.meta import read_meta

SIMPLIFIED = (
    "俄罗斯总统普京在周三凌晨飞抵平壤，开始对朝鲜进行国事访问。朝鲜最高领导人金正恩到机场迎接，"
    "两人握手拥抱，微笑交流，然后一起走过红地毯，检阅朝鲜三军仪仗队。"
)
TRADITIONAL = (
    "俄羅斯總統普京在週三凌晨飛抵平壤，開始對朝鮮進行國事訪問。朝鮮最高領導人金正恩到機場迎接，"
    "兩人握手擁抱，微笑交流，然後一起走過紅地毯，檢閱朝鮮三軍儀仗隊。"
)
JAPANESE = (
    "ロシアのプーチン大統領は水曜日未明に平壌に到着し、北朝鮮への国賓訪問を開始した。"
    "金正恩総書記が空港で出迎え、二人は握手を交わした。"
)
KOREAN = (
    "블라디미르 푸틴 러시아 대통령이 수요일 새벽 평양에 도착해 북한 국빈 방문을 시작했다. "
    "김정은 위원장이 공항에서 직접 맞이했다."
)
ENGLISH = (
    "Beijing will build 300 km of protected bike lanes over the next three years, city transport "
    "officials said on Wednesday, as the capital tries to win back commuters who gave up cycling."
)
GERMAN = (
    "Die Stadt will in den nächsten drei Jahren 300 Kilometer geschützte Radwege bauen, teilten "
    "Verkehrsbeamte am Mittwoch mit. Pendler sollen so zurück aufs Fahrrad gelockt werden."
)
RUSSIAN = (
    "Президент России Владимир Путин прибыл в Пхеньян в среду утром. Это первый визит за годы."
)
UKRAINIAN = "Президент Росії Володимир Путін прибув до Пхеньяну в середу вранці. Це перший візит."


def from_page(html: str, text: str) -> str | None:
    meta = read_meta(LexborHTMLParser(html))
    return detect_language(
        meta.lang,
        meta.first("http-equiv:content-language", "content-language"),
        meta.first("og:locale"),
        text,
    )


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh-CN", "zh-Hans"),
        ("zh_CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-Hant-HK", "zh-Hant"),
        ("ZH-tw", "zh-Hant"),
        ("zh", "zh"),
        ("cn", "zh"),
        ("en-US", "en"),
        ("en_GB", "en"),
        ("de-DE", "de"),
        ("pt-BR", "pt"),
        ("ja-JP", "ja"),
        ("jp", "ja"),
        ("iw", "he"),
        ("zh-CN, en", "zh-Hans"),
        ("x-default", None),
        ("{{lang}}", None),
        ("*", None),
        ("und", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_tag(tag: str | None, expected: str | None) -> None:
    assert normalize_tag(tag) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("zh-CN", SIMPLIFIED, "zh-Hans"),
        ("zh-CN", TRADITIONAL, "zh-Hant"),
        ("zh-Hans", TRADITIONAL, "zh-Hant"),
        ("zh-TW", SIMPLIFIED, "zh-Hans"),
        ("zh-TW", TRADITIONAL, "zh-Hant"),
        ("zh", TRADITIONAL, "zh-Hant"),
        ("en", SIMPLIFIED, "zh-Hans"),
        ("en-US", TRADITIONAL, "zh-Hant"),
        (None, SIMPLIFIED, "zh-Hans"),
        (None, TRADITIONAL, "zh-Hant"),
    ],
)
def test_text_decides_the_chinese_script(lang: str | None, text: str, expected: str) -> None:
    assert detect_language(lang, None, None, text) == expected


def test_declared_script_stands_when_text_is_too_short_or_mixed() -> None:
    assert detect_language("zh-TW", None, None, "中文") == "zh-Hant"
    assert detect_language("zh-CN", None, None, "") == "zh-Hans"
    mixed = SIMPLIFIED + TRADITIONAL
    assert detect_language("zh-TW", None, None, mixed) == "zh-Hant"
    assert detect_language(None, None, None, mixed) == "zh"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (None, JAPANESE, "ja"),
        ("zh-CN", JAPANESE, "ja"),
        ("en", JAPANESE, "ja"),
        ("ja", JAPANESE, "ja"),
        (None, KOREAN, "ko"),
        ("en", KOREAN, "ko"),
        ("ko-KR", KOREAN, "ko"),
    ],
)
def test_japanese_and_korean(lang: str | None, text: str, expected: str) -> None:
    assert detect_language(lang, None, None, text) == expected


def test_a_few_kana_in_chinese_text_are_not_japanese() -> None:
    text = SIMPLIFIED + "（小林製薬の紅麹）" + SIMPLIFIED
    assert detect_language(None, None, None, text) == "zh-Hans"


def test_latin_and_cyrillic_without_a_declaration() -> None:
    assert detect_language(None, None, None, ENGLISH) == "en"
    assert detect_language(None, None, None, GERMAN) is None
    assert detect_language(None, None, None, RUSSIAN) == "ru"
    assert detect_language(None, None, None, UKRAINIAN) is None
    assert detect_language(None, None, None, "Hello") is None
    assert detect_language(None, None, None, "") is None


def test_declared_latin_language_is_kept() -> None:
    assert detect_language("de-DE", None, None, GERMAN) == "de"
    assert detect_language("en-GB", None, None, ENGLISH) == "en"
    assert detect_language("fr", None, None, ENGLISH) == "fr"


def test_chinese_declaration_on_a_page_without_chinese_text() -> None:
    assert detect_language("zh-CN", None, None, ENGLISH) == "en"
    assert detect_language("zh-CN", None, None, GERMAN) is None


def test_fallback_order_of_declarations() -> None:
    assert detect_language(None, "zh-tw", "zh_CN", "") == "zh-Hant"
    assert detect_language(None, None, "zh_CN", "") == "zh-Hans"
    assert detect_language("x-default", None, "en_GB", "") == "en"


def test_from_a_parsed_page() -> None:
    html = (
        '<html lang="zh-CN"><head><meta property="og:locale" content="zh_CN"></head>'
        f"<body><p>{TRADITIONAL}</p></body></html>"
    )
    assert from_page(html, TRADITIONAL) == "zh-Hant"
    html = '<html><head><meta http-equiv="Content-Language" content="en-US"></head></html>'
    assert from_page(html, ENGLISH) == "en"


def test_only_the_sample_is_read() -> None:
    text = ENGLISH * (SAMPLE_CHARS // len(ENGLISH) + 1) + TRADITIONAL * 50
    assert detect_language(None, None, None, text) == "en"


def test_character_sets_are_disjoint_and_han() -> None:
    assert not TRADITIONAL_ONLY & SIMPLIFIED_ONLY
    assert all("\u4e00" <= ch <= "\u9fff" for ch in TRADITIONAL_ONLY | SIMPLIFIED_ONLY)
    # Characters both scripts write are no evidence either way.
    assert not set("台系于云斗划里面只干") & (TRADITIONAL_ONLY | SIMPLIFIED_ONLY)
