"""Encoding rules: BOM, HTTP label, UTF-8, in-page label, detection, fallback."""

from __future__ import annotations

import codecs
import json
import os
import time
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._decode import Decoded, decode_html

# 镕, 堃 and 喆 are outside GB2312 but inside GBK: a gb2312 label must not lose them.
SIMPLIFIED = (
    "新华社北京3月5日电 第十四届全国人民代表大会第一次会议今天在人民大会堂开幕。"
    "国务院总理作政府工作报告，回顾过去五年的工作，提出今年经济社会发展的主要预期目标。"
    "代表们认真听取报告，认为报告实事求是、客观全面。朱镕基、王堃和陈喆出席了会议。"
)
TRADITIONAL = (
    "中央社記者台北5日電 行政院今天召開院會，通過明年度中央政府總預算案，總額新台幣兩兆七千億元。"
    "發言人表示，預算編列著重國防、社會福利與經濟發展，並將持續推動能源轉型及數位建設，照顧弱勢族群。"
    "立法院各黨團對預算案看法分歧，在野黨認為部分特別預算缺乏監督，要求行政院提出完整說明。"
    "經濟部長在記者會上指出，今年出口表現優於預期，半導體與資通訊產品需求強勁，"
    "但全球景氣仍有不確定性，政府將密切觀察國際情勢，適時調整政策方向。"
    "學者分析，薪資成長趕不上物價，民眾對經濟的感受與統計數字之間仍有落差，"
    "建議政府在長期照顧、住宅與育兒等方面投入更多資源，以減輕年輕家庭的負擔。"
)
# 嘅 and 㗎 exist only in the Hong Kong supplement, not in plain Big5.
CANTONESE = "佢哋話呢個政策好有問題嘅，市民都唔係好接受㗎。"
JAPANESE = (
    "東京都は５日、新型コロナウイルスの感染者が新たに確認されたと発表した。"
    "政府は経済対策を検討しており、来週にも閣議決定する見通しだ。"
)
WESTERN = "He said \u201cthe vote is final\u201d \u2014 and the caf\u00e9 closed at noon."


def page(body: str, head: str = "") -> str:
    """A minimal news page around ``body``."""
    return (
        f"<!DOCTYPE html><html><head>{head}<title>News</title></head>"
        f'<body><div class="nav"><a href="/">Home</a></div>'
        f'<article><p>{body}</p></article><footer><a href="/about">About</a></footer>'
        "</body></html>"
    )


def meta(label: str) -> str:
    return f'<meta charset="{label}">'


# --- BOM -----------------------------------------------------------------


def test_utf8_bom_wins_over_label_and_is_stripped() -> None:
    data = codecs.BOM_UTF8 + page(SIMPLIFIED, meta("gbk")).encode("utf-8")
    result = decode_html(data, http_charset="gbk")
    assert result == Decoded(page(SIMPLIFIED, meta("gbk")), "utf-8", "bom")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_utf16_bom(bom: bytes, codec: str) -> None:
    html = page(SIMPLIFIED)
    result = decode_html(bom + html.encode(codec))
    assert (result.text, result.encoding, result.source) == (html, codec, "bom")


# --- HTTP label ------------------------------------------------------------


def test_http_charset_used_when_right() -> None:
    data = page(SIMPLIFIED).encode("gbk")
    result = decode_html(data, http_charset="GBK")
    assert (result.text, result.encoding, result.source) == (page(SIMPLIFIED), "gb18030", "http")


def test_http_charset_quoted_and_padded() -> None:
    result = decode_html(page(TRADITIONAL).encode("big5"), http_charset=' "big5" ')
    assert (result.encoding, result.source) == ("big5hkscs", "http")


def test_http_latin1_on_utf8_bytes_is_utf8() -> None:
    html = page("Caf\u00e9 \u2014 \u201cquoted\u201d")
    result = decode_html(html.encode("utf-8"), http_charset="iso-8859-1")
    assert (result.text, result.encoding, result.source) == (html, "utf-8", "utf-8")


def test_http_utf8_on_gbk_bytes_defers_to_meta() -> None:
    html = page(SIMPLIFIED, meta("gb2312"))
    result = decode_html(html.encode("gbk"), http_charset="utf-8")
    assert (result.text, result.encoding, result.source) == (html, "gb18030", "meta")


def test_http_latin1_on_cp1252_bytes_is_cp1252() -> None:
    html = page(WESTERN)
    result = decode_html(html.encode("cp1252"), http_charset="ISO-8859-1")
    assert (result.text, result.encoding, result.source) == (html, "cp1252", "http")


def test_unknown_http_label_falls_through() -> None:
    html = page(SIMPLIFIED, meta("gb2312"))
    result = decode_html(html.encode("gbk"), http_charset="x-no-such-charset")
    assert (result.encoding, result.source) == ("gb18030", "meta")


def test_http_label_on_ascii_page_is_kept() -> None:
    result = decode_html(page("plain").encode("ascii"), http_charset="windows-1252")
    assert (result.encoding, result.source) == ("cp1252", "http")


# --- UTF-8 -----------------------------------------------------------------


def test_utf8() -> None:
    html = page(SIMPLIFIED + CANTONESE)
    assert decode_html(html.encode("utf-8")) == Decoded(html, "utf-8", "utf-8")


def test_utf8_beats_stale_gb2312_meta() -> None:
    html = page(SIMPLIFIED, meta("gb2312"))
    assert decode_html(html.encode("utf-8")) == Decoded(html, "utf-8", "utf-8")


def test_utf8_cut_at_a_byte_limit_is_still_utf8() -> None:
    data = page(SIMPLIFIED * 5, meta("gbk")).encode("utf-8")
    data = data[: data.index("会议".encode()) + 4]
    result = decode_html(data)
    assert (result.encoding, result.source) == ("utf-8", "utf-8")
    assert result.text.endswith("会\ufffd")


def test_utf8_with_a_summary_cut_mid_character_is_still_utf8() -> None:
    summary = "人民大会堂".encode()[:-1]
    data = page(SIMPLIFIED * 5, meta("gb2312")).encode("utf-8").replace(b"<p>", b"<p>" + summary)
    result = decode_html(data)
    assert (result.encoding, result.source) == ("utf-8", "utf-8")
    assert SIMPLIFIED in result.text


# --- in-page labels --------------------------------------------------------


def test_gbk_bytes_with_gb2312_label_keep_gbk_only_characters() -> None:
    html = page(SIMPLIFIED, meta("gb2312"))
    result = decode_html(html.encode("gbk"))
    assert (result.text, result.encoding, result.source) == (html, "gb18030", "meta")
    assert all(char in result.text for char in "镕堃喆")


def test_big5_label_reads_hkscs_characters() -> None:
    html = page(TRADITIONAL + CANTONESE, meta("big5"))
    result = decode_html(html.encode("big5hkscs"))
    assert (result.text, result.encoding, result.source) == (html, "big5hkscs", "meta")


def test_http_equiv_content_type_label() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=GB2312" />'
    result = decode_html(page(SIMPLIFIED, head).encode("gbk"))
    assert (result.encoding, result.source) == ("gb18030", "meta")


def test_xml_declaration_label() -> None:
    html = '<?xml version="1.0" encoding="big5"?>' + page(TRADITIONAL)
    result = decode_html(html.encode("big5"))
    assert (result.text, result.encoding, result.source) == (html, "big5hkscs", "meta")


def test_meta_label_beats_xml_declaration() -> None:
    html = '<?xml version="1.0" encoding="big5"?>' + page(SIMPLIFIED, meta("gbk"))
    assert decode_html(html.encode("gbk")).encoding == "gb18030"


def test_commented_out_meta_is_ignored() -> None:
    head = "<!-- " + meta("big5") + " -->" + meta("gbk")
    assert decode_html(page(SIMPLIFIED, head).encode("gbk")).encoding == "gb18030"


def test_unknown_meta_label_moves_on_to_the_next() -> None:
    head = meta("klingon") + meta("gb2312")
    assert decode_html(page(SIMPLIFIED, head).encode("gbk")).source == "meta"


def test_iso_8859_1_label_reads_cp1252_curly_quotes() -> None:
    html = page(WESTERN, meta("iso-8859-1"))
    data = html.encode("cp1252")
    assert b"\x93" in data and b"\x94" in data
    assert decode_html(data) == Decoded(html, "cp1252", "meta")


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("gb_2312-80", "gb18030"),
        ("x-gbk", "gb18030"),
        ("csgb2312", "gb18030"),
        ("x-x-big5", "big5hkscs"),
        ("big5-hkscs", "big5hkscs"),
        ("us-ascii", "cp1252"),
        ("latin1", "cp1252"),
        ("shift_jis", "cp932"),
        ("ks_c_5601-1987", "cp949"),
        ("tis-620", "cp874"),
        ("iso-8859-9", "cp1254"),
    ],
)
def test_labels_map_to_browser_supersets(label: str, codec: str) -> None:
    data = page("\u00e9", meta(label)).encode("ascii", "xmlcharrefreplace") + b"\xa4"
    result = decode_html(data)
    assert (result.encoding, result.source) == (codec, "meta")


@pytest.mark.parametrize("label", ["utf-16", "utf-16le", "UTF-16BE", "utf-32"])
def test_utf16_labels_without_bom_are_ignored(label: str) -> None:
    result = decode_html(page(SIMPLIFIED, meta(label)).encode("gbk"))
    assert result.encoding == "gb18030"
    assert result.source == "detected"


def test_pure_ascii_without_label_is_utf8() -> None:
    assert decode_html(b"<p>hello</p>") == Decoded("<p>hello</p>", "utf-8", "utf-8")


def test_label_table_names_real_codecs() -> None:
    path = resources.files("newsclean") / "rules" / "encodings.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    targets = set(raw["labels"]) | set(raw["detected"].values())
    for codec in targets:
        assert codecs.lookup(codec).name == codec
        bytes(range(256)).decode(codec, "replace")
    labels = [label for names in raw["labels"].values() for label in names]
    assert len(labels) == len(set(labels))
    assert all(label == label.lower().strip() for label in labels)


# --- detection ---------------------------------------------------------------


def test_gbk_without_any_label() -> None:
    html = page(SIMPLIFIED * 3)
    result = decode_html(html.encode("gbk"))
    assert (result.text, result.encoding, result.source) == (html, "gb18030", "detected")


def test_short_gbk_without_label_despite_markup() -> None:
    nav = '<li><a href="/news/2024/03/05/index.html" class="nav-item">link</a></li>' * 300
    html = page(SIMPLIFIED[:40] + nav)
    assert decode_html(html.encode("gbk")).encoding == "gb18030"


def test_big5_without_any_label() -> None:
    html = page(TRADITIONAL)
    assert html.encode("big5").decode("gb18030")  # the bytes are valid GBK as well
    result = decode_html(html.encode("big5"))
    assert (result.text, result.encoding, result.source) == (html, "big5hkscs", "detected")


def test_shift_jis_without_any_label() -> None:
    html = page(JAPANESE * 2)
    result = decode_html(html.encode("shift_jis"))
    assert (result.text, result.encoding) == (html, "cp932")


def test_gbk_without_label_survives_corrupt_bytes() -> None:
    paragraphs = "".join(f"<p>{SIMPLIFIED}</p>" for _ in range(200))
    data = page(paragraphs).encode("gbk")
    middle = data.index(b"<p>", len(data) // 2)
    data = data[:middle] + b"\xff\x81" + data[middle:]
    result = decode_html(data)
    assert (result.encoding, result.source) == ("gb18030", "detected")
    assert result.text.count(SIMPLIFIED) == 200


# --- fallback and robustness -----------------------------------------------------


def test_invalid_gbk_bytes_become_replacement_characters() -> None:
    before, after = SIMPLIFIED[:30], SIMPLIFIED[30:]
    html = page(before + "\x00" + after + "\x01", meta("gbk"))
    # 0xFF is never valid; a lead byte cut off by a tag cannot take "<" as its tail.
    data = html.encode("gbk").replace(b"\x00", b"\xff\xff").replace(b"\x01", b"\xd6")
    result = decode_html(data)
    assert (result.encoding, result.source) == ("gb18030", "meta")
    assert result.text == html.replace("\x00", "\ufffd\ufffd").replace("\x01", "\ufffd")


def test_empty_bytes() -> None:
    assert decode_html(b"") == Decoded("", "utf-8", "utf-8")


def test_random_bytes_do_not_raise() -> None:
    result = decode_html(os.urandom(100_000))
    assert isinstance(result.text, str)
    assert codecs.lookup(result.encoding)


def test_rejects_text_input() -> None:
    with pytest.raises(TypeError):
        decode_html("<p>already text</p>")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=4096),
    http_charset=st.one_of(st.none(), st.sampled_from(["gbk", "utf-8", "big5", "x"]), st.text()),
)
def test_never_raises(data: bytes, http_charset: str | None) -> None:
    result = decode_html(data, http_charset=http_charset)
    assert isinstance(result.text, str)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="gbk"), min_size=1))
def test_gbk_text_under_its_label_round_trips(text: str) -> None:
    html = page(text, meta("gbk"))
    result = decode_html(html.encode("gbk"))
    assert result.text == html or result.encoding == "utf-8"


# --- bounded time -------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: os.urandom(20_000_000), id="random"),
        pytest.param(lambda: (page(SIMPLIFIED) * 40_000).encode("gbk"), id="gbk-no-label"),
        pytest.param(lambda: page(TRADITIONAL * 70_000).encode("big5"), id="big5-one-run"),
        pytest.param(lambda: (page(SIMPLIFIED) * 40_000).encode("utf-8"), id="utf8"),
        pytest.param(lambda: b"<meta" * 4_000_000, id="open-tags"),
    ],
)
def test_large_page_decodes_in_bounded_time(make: object) -> None:
    assert callable(make)
    data = make()
    assert len(data) >= 15_000_000
    start = time.perf_counter()
    decode_html(data)
    assert time.perf_counter() - start < 5.0
