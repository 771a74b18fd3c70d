"""Title choice: h1 versus named titles, site decorations."""

from __future__ import annotations

import pytest

from newsclean._fields.meta import PageMeta
from newsclean._fields.title import find_title, strip_site


def _meta(og: str | None = None, doc: str | None = None, **metas: str) -> PageMeta:
    values = dict(metas)
    if og:
        values["og:title"] = og
    return PageMeta(metas=values, doc_title=doc)


def test_kicker_glued_to_h1_is_dropped() -> None:
    meta = _meta(og="Harbour fees rise for the third year")
    h1 = "Local NewsHarbour fees rise for the third year"
    parts = [["Local News", "Harbour fees rise for the third year"]]
    assert find_title(meta, [h1], None, None, h1_parts=parts) == (
        "Harbour fees rise for the third year"
    )


def test_subtitle_glued_to_h1_is_dropped() -> None:
    meta = _meta(og="Ferry timetable changes in May")
    h1 = "Ferry timetable changes in May What passengers need to know"
    parts = [["Ferry timetable changes in May", " ", "What passengers need to know"]]
    assert find_title(meta, [h1], None, None, h1_parts=parts) == "Ferry timetable changes in May"


def test_h1_in_one_element_is_kept_whole() -> None:
    meta = _meta(og="Best ferry routes for families")
    h1 = "The best ferry routes for families"
    assert find_title(meta, [h1], None, None, h1_parts=[[h1]]) == h1


def test_short_parts_kept_when_another_title_repeats_the_whole() -> None:
    meta = _meta(
        og="Office notes – part two – the end", doc="Office notes – part two – the end | Ann's Blog"
    )
    assert (
        find_title(meta, ["Ann's Blog"], "Ann's Blog", None) == "Office notes – part two – the end"
    )


def test_site_name_h1_with_other_punctuation_is_no_headline() -> None:
    meta = _meta(og="Foggy soup.", doc="Foggy soup. | Life, the master and me...")
    assert find_title(meta, ["Life, the master and me…"], "Life, the master and me...", None) == (
        "Foggy soup."
    )


def test_h1_before_a_separator_in_title_is_the_headline() -> None:
    meta = _meta(doc="Small sheep lore | Sheep comic – the webcomic")
    h1s = ["Sheep comic – the webcomic", "Small sheep lore"]
    assert find_title(meta, h1s, None, "sheepcomic") == "Small sheep lore"


def test_h1_before_a_separator_naming_the_host_is_the_site() -> None:
    meta = _meta(doc="Four Years Left » Blog Archive » Interning small integers")
    assert find_title(meta, ["Four Years Left"], None, "fouryears") != "Four Years Left"


def test_dc_title_comes_before_the_document_title() -> None:
    meta = _meta(doc="Data use as a challenge - How the panel sees it - Ypart")
    meta = PageMeta(metas={"dc.title": "Data use as a challenge"}, doc_title=meta.doc_title)
    assert find_title(meta, [], None, None) == "Data use as a challenge"


def test_jsonld_name_confirms_h1() -> None:
    meta = PageMeta(
        doc_title="Log cabin type 3 in the village. Cheap holiday homes. | Lakes",
        jsonld={"@type": "WebPage", "name": "Log cabin  3"},
    )
    assert find_title(meta, ["Log cabin 3"], None, None) == "Log cabin 3"


def test_strip_site_matches_names_by_words() -> None:
    assert strip_site("Headline here | DaF Blog –  Spring 08", "DaF Blog - Spring 08") == (
        "Headline here"
    )


def test_extract_drops_a_kicker_span_from_the_h1() -> None:
    import newsclean

    body = "<p>" + "The harbour board agreed on new fees for the coming season. " * 8 + "</p>"
    html = (
        '<html><head><meta property="og:title" content="Harbour fees rise for the third year">'
        "<title>Harbour fees rise for the third year | Coast Herald</title></head><body>"
        '<article><h1><span class="kicker">Local News</span>Harbour fees rise for the third year'
        f"</h1>{body}</article></body></html>"
    )
    assert newsclean.extract(html).title == "Harbour fees rise for the third year"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("春耕时节田间地头忙起来！-某某新闻网", "春耕时节田间地头忙起来！"),
        ("春耕时节田间地头忙起来-CCTV", "春耕时节田间地头忙起来"),
        ("春耕通知_某某县农业农村局官方网站", "春耕通知"),
        ("春耕通知 - 某某省人民政府门户网站", "春耕通知"),
        ("工作动态--关于做好春季农业生产工作的通知", "关于做好春季农业生产工作的通知"),
        ("关于做好春季农业生产工作的通知--工作动态--某某网", "关于做好春季农业生产工作的通知"),
        ("凝聚合力——写在全市会议召开之际", "凝聚合力——写在全市会议召开之际"),
        ("某地建成全域5G网 - 某某日报社", "某地建成全域5G网"),
        ("Blog Archive » Why harbour fees rise", "Why harbour fees rise"),
        ("Villa Rosa - Holiday home by the lake", "Villa Rosa - Holiday home by the lake"),
        ("COVID-19 cases rise in the north", "COVID-19 cases rise in the north"),
    ],
)
def test_strip_site_decorations(title: str, expected: str) -> None:
    assert strip_site(title, None) == expected


def test_seven_characters_with_a_number_are_a_plausible_headline() -> None:
    meta = _meta(doc="第10号新闻标题 某某县融媒体中心")
    assert find_title(meta, ["第10号新闻标题"], None, None) == "第10号新闻标题"


def test_heading_is_asked_for_only_when_no_h1_is_confirmed() -> None:
    def no_walk() -> list[str]:
        raise AssertionError("the headings were read")

    meta = _meta(og="Harbour fees rise for the third year")
    h1 = "Harbour fees rise for the third year"
    assert find_title(meta, [h1], None, None, headings=no_walk) == h1


def test_heading_that_is_most_of_a_wrapped_named_title_is_the_headline() -> None:
    meta = _meta(og="晨报快讯(市区新增三条公交线路 下月起试运行)")
    texts = ["晨报", "市区新增三条公交线路 下月起试运行"]
    assert find_title(meta, [], "晨报", None, headings=lambda: texts) == texts[1]


def test_heading_after_a_plausible_h1_is_not_read() -> None:
    meta = _meta(doc="7 Ways to Cut Harbour Fees this Year")
    h1 = "How harbours can cut their fees"
    texts = [h1, "Ways to Cut Harbour Fees this Year"]
    assert find_title(meta, [h1], None, None, headings=lambda: texts) == (
        "7 Ways to Cut Harbour Fees this Year"
    )
