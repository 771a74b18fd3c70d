"""Authors, editors, source credits and site name: what is a name and what is not."""

from __future__ import annotations

import json
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean._fields.meta import PageMeta, read_meta, read_page_nodes
from newsclean._fields.people import (
    MAX_AUTHORS,
    find_authors,
    find_editors,
    find_site_name,
    find_source,
    merge_names,
    names_in,
    valid_name,
)


def page(head: str = "", body: str = "") -> tuple[PageMeta, LexborHTMLParser]:
    tree = LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>")
    return read_meta(tree), tree


def jsonld(obj: dict[str, Any]) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", **obj}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- metadata ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Mei Lin", ("Mei Lin",)),
        ({"@type": "Person", "name": "Mei Lin"}, ("Mei Lin",)),
        ([{"@type": "Person", "name": "Mei Lin"}, "John Smith"], ("Mei Lin", "John Smith")),
        (
            [{"@type": "Person", "name": "Mei Lin"}, {"@type": "Person", "name": "Mei Lin"}],
            ("Mei Lin",),
        ),
        ({"@type": "Organization", "name": "The Harbour Times"}, ()),
        ({"@type": "Person", "url": "https://x.example/mei"}, ()),
        # A template that writes the author's link into the string.
        ({"@type": "Person", "name": '<a href="/author/mei">Mei Lin</a>'}, ("Mei Lin",)),
        ("Mei Lin &amp; John Smith", ("Mei Lin", "John Smith")),
    ],
)
def test_jsonld_author(author: Any, expected: tuple[str, ...]) -> None:
    meta, _ = page(jsonld({"author": author}))
    assert find_authors(meta) == expected


def test_jsonld_wins_over_meta_and_byline() -> None:
    head = jsonld({"author": {"name": "Mei Lin"}}) + '<meta name="author" content="Someone Else">'
    meta, tree = page(head, '<span class="byline">By Third Person</span>')
    assert find_authors(meta, tree) == ("Mei Lin",)


def test_meta_author_but_not_a_profile_url() -> None:
    meta, _ = page('<meta property="article:author" content="https://facebook.com/meilin">')
    assert find_authors(meta) == ()
    head = (
        '<meta property="article:author" content="https://facebook.com/meilin">'
        '<meta name="author" content="张伟">'
    )
    meta, _ = page(head)
    assert find_authors(meta) == ("张伟",)


def test_meta_author_that_is_the_site_is_not_an_author() -> None:
    head = '<meta property="og:site_name" content="The Harbour Times">'
    meta, _ = page(head + '<meta name="author" content="The Harbour Times">')
    assert find_authors(meta) == ()
    meta, _ = page(head + '<meta name="author" content="Harbour Times">')
    assert find_authors(meta) == ()


# --- byline elements --------------------------------------------------------


def test_rel_author_inside_a_byline() -> None:
    body = (
        '<h1>T</h1><div class="article__byline"><span class="byline">By '
        '<a href="/authors/mei-lin/" rel="author">Mei Lin</a></span>'
        '<time datetime="2025-03-05T08:12:00Z">March 5, 2025 8:12 AM GMT</time></div>'
        "<article><p>Text.</p></article>"
        '<aside><div class="card"><span class="card__author">Other Writer</span></div></aside>'
    )
    meta, tree = page(body=body)
    assert find_authors(meta, tree) == ("Mei Lin",)


def test_two_rel_authors_side_by_side() -> None:
    body = (
        '<div class="meta"><a rel="author" href="/a">Mei Lin</a> and '
        '<a rel="author" href="/b">John Smith</a></div>'
    )
    meta, tree = page(body=body)
    assert find_authors(meta, tree) == ("Mei Lin", "John Smith")


def test_itemprop_author_with_name_in_meta() -> None:
    body = '<div itemprop="author" itemscope><meta itemprop="name" content="Mei Lin"></div>'
    meta, tree = page(body=body)
    assert find_authors(meta, tree) == ("Mei Lin",)


def test_author_class_with_label() -> None:
    body = '<div class="info"><span class="author">作者：张伟</span></div>'
    meta, tree = page(body=body)
    assert find_authors(meta, tree) == ("张伟",)


def test_author_bio_is_not_a_byline() -> None:
    body = '<div class="author-bio">Mei Lin covers transport and cities for the paper.</div>'
    meta, tree = page(body=body)
    assert find_authors(meta, tree) == ()


# --- printed bylines --------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["记者 张伟", "正文。"], ("张伟",)),
        (["記者王小明", "正文。"], ("王小明",)),
        (["文/李明", "正文。"], ("李明",)),
        (["文／李明", "正文。"], ("李明",)),
        (["撰文：陈大文", "正文。"], ("陈大文",)),
        (["作者：张伟 李明", "正文。"], ("张伟", "李明")),
        (["本报记者 张伟 王 芳", "正文。"], ("张伟", "王芳")),
        (["By Mei Lin and John Smith", "Text."], ("Mei Lin", "John Smith")),
        (
            ["By Mei Lin, John Smith and Ana de la Cruz", "Text."],
            ("Mei Lin", "John Smith", "Ana de la Cruz"),
        ),
        (["（記者王小明／台北報導）行政院今天表示……"], ("王小明",)),
        (["新华社上海3月5日电（记者张伟、李明）2025国际论坛5日开幕。"], ("张伟", "李明")),
        (["（中央社記者王大明台北19日電）行政院今天表示……"], ("王大明",)),
        (["本报讯（记者 张伟 通讯员 李明）今天上午……"], ("张伟",)),
        (["正文。", "更多正文。", "再多。", "结尾。（记者 张伟）"], ("张伟",)),
        (
            ["Text.", "More.", "Yet more.", "(Reporting by Mei Lin; Editing by John Smith)"],
            ("Mei Lin",),
        ),
    ],
)
def test_printed_byline_forms(paragraphs: list[str], expected: tuple[str, ...]) -> None:
    assert find_authors(PageMeta(), None, paragraphs) == expected


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["记者在现场看到，展区集中展示了自动化码头远程操控、集装箱智能理货等技术应用。"],
        ["3月5日，嘉宾参观展示平台。（新华社记者 李明 摄）"],
        [
            "他说：“记者张伟的报道不实。”后来又说了很多很多很多很多很多很多很多很多很多很多很多很多话。"
        ],
        ["Bystanders said the lanes were busy."],
        ["By Sunday, officials said 300 people had died."],
        ["By Sunday officials had counted the votes"],
        ["会议指出，要加强合作。" * 12 + "（记者张伟）随后代表们参观了展区并与企业负责人交流。"],
        ["By the time the lanes opened, traffic had moved on."],
        ["(Additional reporting by Mei Lin)"],
    ],
)
def test_text_that_is_not_a_byline(paragraphs: list[str]) -> None:
    assert find_authors(PageMeta(), None, paragraphs) == ()


def test_authors_are_deduped_and_capped() -> None:
    surnames = ("Lee", "Lin", "Smith", "Cruz", "Brown", "Chen", "Wang", "Garcia", "Khan", "Novak")
    names = [f"Ann {surname}" for surname in surnames]
    meta, _ = page(jsonld({"author": [*names, names[0]]}))
    found = find_authors(meta)
    assert len(found) == MAX_AUTHORS
    assert found == tuple(names[:MAX_AUTHORS])


def test_find_authors_keeps_the_old_call() -> None:
    meta, _ = page('<meta name="author" content="By Mei Lin">')
    assert find_authors(meta) == ("Mei Lin",)


# --- what is not a name -----------------------------------------------------


LABELS = ("来源", "By", "作者", "記者", "佚名", "Staff", "Admin")
OUTLETS = ("南方日报", "中央社", "新华社", "Reuters", "AFP", "The Associated Press", "联合早报")
MORE_OUTLETS = ("Bloomberg News", "某某晚報", "Harbour Daily News")
STAFF_CODES = ("(kk)", "（kk）", "ABC123", "KK", "wy")
WEB = ("mei.lin@example.com", "https://x.example/authors/mei", "www.example.com")
ROLES = (
    "國際部記者",
    "国际部记者",
    "Staff Writer",
    "Senior Correspondent",
    "特约评论员",
    "新闻中心",
)


@pytest.mark.parametrize("text", [*LABELS, *OUTLETS, *MORE_OUTLETS, *STAFF_CODES, *WEB, *ROLES])
def test_never_a_name(text: str) -> None:
    assert names_in(text, "The Harbour Times") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Mei Lin, Reuters", ["Mei Lin"]),
        ("新华社记者张伟", ["张伟"]),
        ("By MEI LIN", ["MEI LIN"]),
        ("Von Hans Müller", ["Hans Müller"]),
        ("Jean-Luc O'Brien", ["Jean-Luc O'Brien"]),
        ("阿卜杜拉·阿齐兹", ["阿卜杜拉·阿齐兹"]),
        ("记者张伟 北京报道", ["张伟"]),
        ("记者 张伟 李明 报道", ["张伟", "李明"]),
        ("Mei Lin | March 5, 2025 | 4 min read", ["Mei Lin"]),
    ],
)
def test_names_in(text: str, expected: list[str]) -> None:
    assert names_in(text) == expected


def test_valid_name_site() -> None:
    assert valid_name("Mei Lin")
    assert not valid_name("The Harbour Times", "the harbour times")
    assert not valid_name("南岛日报", "南岛日报")


# --- editors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("责任编辑：王芳", ("王芳",)),
        ("責任編輯：陳大文", ("陳大文",)),
        ("编辑：张三", ("张三",)),
        ("【责任编辑：王芳】", ("王芳",)),
        ("[ 责编：李四 ]", ("李四",)),
        ("（编辑：张三 审核：李四）", ("张三",)),
        ("编辑：张三、李四", ("张三", "李四")),
        ("(Reporting by Mei Lin; Editing by John Smith and Ann Lee)", ("John Smith", "Ann Lee")),
        ("他说编辑：不是这样", ()),
        ("编辑部今天发表声明。", ()),
    ],
)
def test_find_editors(paragraph: str, expected: tuple[str, ...]) -> None:
    assert find_editors(["正文。", paragraph]) == expected


# --- source -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("来源：新华网", "新华网"),
        ("來源：中央社", "中央社"),
        ("稿源：人民日报", "人民日报"),
        ("2024-06-19 08:15　来源：人民网－人民日报　作者：张伟", "人民网－人民日报"),
        ("【来源：澎湃新闻】", "澎湃新闻"),
        ("凡本网注明“来源：云帆网”的作品，未经授权不得转载。", None),
        ("来源：https://www.example.com/a", None),
    ],
)
def test_find_source_in_paragraphs(paragraph: str, expected: str | None) -> None:
    assert find_source([paragraph], PageMeta()) == expected


def test_find_source_in_the_page_then_meta() -> None:
    body = (
        '<div class="info"><span class="time">2025-03-05 16:42:10</span>'
        '<span class="source">来源：<a href="http://www.news.cn/">新华网</a></span></div>'
    )
    meta, tree = page('<meta name="source" content="中新网">', body)
    assert find_source([], meta, tree=tree) == "新华网"
    assert find_source([], meta) == "中新网"
    assert find_source(["来源：央视新闻"], meta, tree=tree) == "央视新闻"


# --- site name ----------------------------------------------------------------


def test_find_site_name() -> None:
    meta, _ = page('<meta property="og:site_name" content="The Harbour Times">')
    assert find_site_name(meta) == "The Harbour Times"
    meta, _ = page(jsonld({"publisher": {"@type": "Organization", "name": "南岛日报"}}))
    assert find_site_name(meta) == "南岛日报"
    meta, _ = page('<meta name="application-name" content="云帆网">')
    assert find_site_name(meta) == "云帆网"
    assert find_site_name(PageMeta()) is None


# --- JSON-LD author references ---------------------------------------------


def test_jsonld_author_given_as_a_graph_reference() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Article", "headline": "H", "author": {"@id": "https://x.example/#p1"}},
            {"@type": "Person", "@id": "https://x.example/#p1", "name": "Mei Lin"},
            {"@type": "Person", "@id": "https://x.example/#p2", "name": "John Smith"},
        ],
    }
    meta, _ = page(f'<script type="application/ld+json">{json.dumps(graph)}</script>')
    assert find_authors(meta) == ("Mei Lin",)


def test_jsonld_author_reference_on_a_webpage_node() -> None:
    graph = {
        "@graph": [
            {"@type": "WebPage", "author": [{"@id": "#a"}, {"@id": "#missing"}]},
            {"@type": "Person", "@id": "#a", "name": "Mei Lin"},
        ],
    }
    meta, _ = page(f'<script type="application/ld+json">{json.dumps(graph)}</script>')
    assert find_authors(meta) == ("Mei Lin",)


# --- byline clean-up ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Author Daniel Lane", ["Daniel Lane"]),
        ("Autor: Anna Berg", ["Anna Berg"]),
        ("Erstellt von Anna Berg", ["Anna Berg"]),
        ("Veröffentlicht von Anna Berg", ["Anna Berg"]),
        ("Posted by Tom Reed", ["Tom Reed"]),
    ],
)
def test_lead_labels_are_not_part_of_the_name(text: str, expected: list[str]) -> None:
    assert names_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mei Lin on March 5, 2024", ["Mei Lin"]),
        ("VON ANNA BERG am 21. April 2020", ["ANNA BERG"]),
        ("Tom Reed Updated: 05/03/2024 10:15", ["Tom Reed"]),
        ("Anna Berg Stand: 12.03.2020", ["Anna Berg"]),
        ("Tom Reed22 Dec 2016", ["Tom Reed"]),
        ("Tom Reed Do 12 Mar 2020", ["Tom Reed"]),
        ("Posted on September 21, 2020 by Adi Lane", ["Adi Lane"]),
        # one word before a number is a heading or a handle, not a name
        ("Top 10 Tips", []),
        ("Reed2000", []),
        # a count is not a date
        ("Tom Reed Like 319", []),
    ],
)
def test_date_glued_to_a_byline_is_cut_off(text: str, expected: list[str]) -> None:
    assert names_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mei Lin Senior Reporter", ["Mei Lin"]),
        ("Anna Berg Chefredakteurin", ["Anna Berg"]),
        ("Tom Reed Follow", ["Tom Reed"]),
        ("Senior Reporter", []),
        ("Reed Senior", []),
    ],
)
def test_title_after_a_name_is_cut_off(text: str, expected: list[str]) -> None:
    assert names_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Joe S.", ["Joe S."]),
        ("Perry Lane Jr.", ["Perry Lane Jr."]),
        ("By Ana Costa.", ["Ana Costa"]),
        ('"Mei Lin"', ["Mei Lin"]),
        ("“Mei Lin”", ["Mei Lin"]),
        ("Mei Lin @meilin_writes", ["Mei Lin"]),
    ],
)
def test_name_punctuation(text: str, expected: list[str]) -> None:
    assert names_in(text) == expected


@pytest.mark.parametrize("text", ["Full Bio", "Sign In", "Name", "No Author", "Read More"])
def test_link_labels_are_not_names(text: str) -> None:
    assert not valid_name(text)


def test_merge_drops_a_name_read_with_more_words_around_it() -> None:
    assert merge_names(["Mei Lin Games Editor", "Mei Lin", "Tom Reed"]) == ("Mei Lin", "Tom Reed")
    assert merge_names(["Mei Lin", "Mei Linares"]) == ("Mei Lin", "Mei Linares")


def test_comment_headers_are_not_bylines() -> None:
    body = (
        "<article><h1>Headline</h1>"
        '<div class="comment-author vcard">Ann Reader says: 5 May 2024</div>'
        '<p class="comment-author">Bob Other</p></article>'
    )
    meta, tree = page("", body)
    assert find_authors(meta, tree) == ()


def test_author_marks_away_from_the_headline_are_read_last() -> None:
    deep = "<div><div><div><div><div><h1>Headline</h1></div></div></div></div></div>"
    body = (
        f'<main>{deep}<p>Text.</p></main><footer><a rel="author" href="/u/ml">Mei Lin</a>'
        '<span itemprop="author">Tom Reed</span></footer>'
    )
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    meta, _, marks, _ = read_page_nodes(tree)
    assert [m.tag for m in marks] == ["a", "span"]
    assert find_authors(meta, tree) == ()
    assert find_authors(meta, tree, (), marks) == ("Mei Lin", "Tom Reed")
    # the headline's own byline still wins
    area_byline = deep.replace("</h1>", '</h1><span class="byline">By Ann Cole</span>')
    tree = LexborHTMLParser(f"<html><body>{body.replace(deep, area_byline)}</body></html>")
    meta, _, marks, _ = read_page_nodes(tree)
    assert find_authors(meta, tree, (), marks) == ("Ann Cole",)


# --- personal sites -----------------------------------------------------------


def test_author_of_a_site_named_in_the_possessive() -> None:
    head = '<meta property="og:site_name" content="Mei Lin’s Notebook">'
    meta, _ = page(head + '<meta name="author" content="Mei Lin">')
    assert find_authors(meta) == ("Mei Lin",)


def test_site_named_after_its_author_person() -> None:
    site = '<meta property="og:site_name" content="Mei Lin">'
    person = jsonld({"author": {"@type": "Person", "name": "Mei Lin"}})
    meta, tree = page(site + person, "<h1>Headline</h1><p>Text.</p>")
    assert find_authors(meta, tree) == ("Mei Lin",)
    # a byline on the page comes first
    meta, tree = page(site + person, '<h1>Headline</h1><p class="byline">By Tom Reed</p>')
    assert find_authors(meta, tree) == ("Tom Reed",)
    # a one-word brand or an organisation is still the outlet
    for author in (
        {"@type": "Person", "name": "Harbour"},
        {"@type": "Organization", "name": "Mei Lin"},
    ):
        brand = '<meta property="og:site_name" content="' + author["name"] + '">'
        meta, tree = page(brand + jsonld({"author": author}), "<h1>Headline</h1>")
        assert find_authors(meta, tree) == ()


# --- names in lower case --------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="author" content="mei lin">',
        jsonld({"author": {"@type": "Person", "name": "mei lin"}}),
    ],
)
def test_lower_case_name_in_an_author_field(head: str) -> None:
    meta, tree = page(head, "<h1>Headline</h1><p>Text.</p>")
    assert find_authors(meta, tree) == ("mei lin",)


def test_lower_case_user_name_in_a_rel_author_link() -> None:
    body = '<h1>Headline</h1><p>Text.</p><footer><a rel="author" href="/u/">meilin</a></footer>'
    tree = LexborHTMLParser(f"<html><body>{body}</body></html>")
    meta, _, marks, _ = read_page_nodes(tree)
    assert find_authors(meta, tree, (), marks) == ("meilin",)


def test_lower_case_name_only_when_no_capitalised_one() -> None:
    head = '<meta name="author" content="meilin">'
    meta, tree = page(head, '<h1>Headline</h1><p class="byline">von Mei Lin</p>')
    assert find_authors(meta, tree) == ("Mei Lin",)


@pytest.mark.parametrize(
    "value",
    ["https://facebook.com/meilin", "mei-lin", "mei.lin", "news desk", "publisher", "a"],
)
def test_lower_case_but_no_name(value: str) -> None:
    meta, tree = page(f'<meta name="author" content="{value}">', "<h1>Headline</h1>")
    assert find_authors(meta, tree) == ()


def test_lower_case_name_not_from_a_byline_line() -> None:
    meta, tree = page(body='<h1>Headline</h1><p class="byline">by the river</p>')
    assert find_authors(meta, tree) == ()
    assert not valid_name("mei lin")
    assert valid_name("mei lin", lower_case=True)


@pytest.mark.parametrize(
    ("site", "author"),
    [
        ("Mei Lin", "Mei Lin"),
        ("Mei Lin Photography", "Mei Lin"),
        ("Mei Lin - Travel Notes", "Mei Lin"),
        ("mei lin", "mei lin"),
    ],
)
def test_site_named_after_its_author_meta(site: str, author: str) -> None:
    head = f'<meta property="og:site_name" content="{site}"><meta name="author" content="{author}">'
    meta, tree = page(head, "<h1>Headline</h1><p>Text.</p>")
    assert find_authors(meta, tree) == (author,)
    # without the tree (bylines not searched) the name is still the outlet
    assert find_authors(meta) == ()


@pytest.mark.parametrize(
    "name", ["Harbour", "The Harbour Review", "Harbour Times", "https://harbour.example"]
)
def test_outlet_named_as_its_own_author(name: str) -> None:
    head = f'<meta property="og:site_name" content="{name}"><meta name="author" content="{name}">'
    meta, tree = page(head, "<h1>Headline</h1>")
    assert find_authors(meta, tree) == ()


def test_site_owner_only_when_no_byline() -> None:
    head = '<meta property="og:site_name" content="Mei Lin"><meta name="author" content="Mei Lin">'
    meta, tree = page(head, '<h1>Headline</h1><p class="byline">By Tom Reed</p>')
    assert find_authors(meta, tree) == ("Tom Reed",)


# --- more author meta tags --------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="cxenseparse:author" content="Mei Lin">',
        '<meta name="shareaholic:article_author_name" content="Mei Lin">',
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Mei Lin">',
        '<meta name="twitter:label1" content="Est. reading time">'
        '<meta name="twitter:data1" content="3 minutes">'
        '<meta name="twitter:label2" content="Verfasst von">'
        '<meta name="twitter:data2" content="Mei Lin">',
    ],
)
def test_author_meta_tags(head: str) -> None:
    meta, _ = page(head)
    assert find_authors(meta) == ("Mei Lin",)


def test_twitter_data_without_an_author_label() -> None:
    head = (
        '<meta name="twitter:label1" content="Est. reading time">'
        '<meta name="twitter:data1" content="Mei Lin">'
    )
    meta, _ = page(head)
    assert find_authors(meta) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By MeiLinTravelNotes", ["Mei Lin Travel Notes"]),
        ("Elizabeth McCravy", ["Elizabeth McCravy"]),
        ("DeSiato", ["DeSiato"]),
        ("AMournfulHowl", ["AMournfulHowl"]),
    ],
)
def test_words_run_together(text: str, expected: list[str]) -> None:
    assert names_in(text) == expected


@pytest.mark.parametrize(
    "text", ["View all posts by Mei Lin", "Alle Beiträge von Mei Lin", "More posts by Mei Lin"]
)
def test_author_archive_link_label(text: str) -> None:
    assert names_in(text) == ["Mei Lin"]
