"""Segmentation into text blocks: boundaries, link text, captions, images, subtree ends."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean._blocks import Block, Segmented, collapse, segment


def seg(html: str, captions: str | None = None) -> Segmented:
    root = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    assert root is not None
    caption_ids = {n.mem_id for n in root.css(captions)} if captions else set()
    return segment(root, caption_ids)


def texts(s: Segmented) -> list[str]:
    return [b.text for b in s.blocks]


def only(s: Segmented) -> Block:
    assert len(s.blocks) == 1, texts(s)
    return s.blocks[0]


# --- boundaries -----------------------------------------------------------------------


def test_block_elements_split() -> None:
    s = seg("<div>Intro line.<p>First paragraph.</p>Tail of the div.</div><p>Second.</p>")
    assert texts(s) == ["Intro line.", "First paragraph.", "Tail of the div.", "Second."]
    assert [b.tag for b in s.blocks] == ["div", "p", "div", "p"]
    # Text on both sides of the inner <p> belongs to the same owner, the <div>.
    assert s.blocks[0].owner == s.blocks[2].owner == s.tags.index("div")


def test_br_splits() -> None:
    s = seg("<p>第一行<br>第二行<br/><br>第三行</p>")
    assert texts(s) == ["第一行", "第二行", "第三行"]
    assert len({b.owner for b in s.blocks}) == 1


def test_inline_text_stays_together() -> None:
    s = seg(
        "<p>The <b>council</b> approved <i>the</i> plan on <span>Wednesday</span>, "
        "<em>officials</em> <strong>said</strong>.</p>"
    )
    assert only(s).text == "The council approved the plan on Wednesday, officials said."


@pytest.mark.parametrize(
    "tag", ["h2", "li", "blockquote", "section", "article", "figcaption", "dt", "dd", "pre"]
)
def test_more_block_tags(tag: str) -> None:
    s = seg(f"<div>before<{tag}>inside</{tag}>after</div>")
    assert texts(s) == ["before", "inside", "after"]


def test_whitespace_only_text_makes_no_block() -> None:
    s = seg("<div>\n   <p>  Text  </p>\n  \t</div>")
    assert texts(s) == ["Text"]


def test_whitespace_between_inline_elements_is_one_space() -> None:
    s = seg("<p><span>新华社</span>\n  <span>北京电</span></p><p><b>Mid</b>  <b>East</b></p>")
    assert texts(s) == ["新华社 北京电", "Mid East"]


def test_size_is_utf8_bytes() -> None:
    s = seg("<p>新闻</p><p>news</p>")
    assert [b.size for b in s.blocks] == [6, 4]


def test_empty_body() -> None:
    s = seg("")
    assert s.blocks == []
    assert s.tags == ["body"]
    assert s.parents == [-1]


# --- links ----------------------------------------------------------------------------


def test_link_chars_count_link_text() -> None:
    b = only(seg('<p>See <a href="/a">the full report</a> and <a href="/b">新闻</a>.</p>'))
    assert b.link_chars == len("the full report") + len("新闻".encode())
    assert b.size == len(b.text.encode())


def test_text_inside_a_link_counts_at_any_depth() -> None:
    b = only(seg('<li><a href="/a"><span>Nested</span> <b>link</b></a></li>'))
    assert b.link_chars == len("Nestedlink")


@pytest.mark.parametrize(
    "anchor",
    [
        '<a href="#top">Back to top</a>',
        '<a href="#section-2">Back to top</a>',
        '<a name="x">Back to top</a>',
        "<a>Back to top</a>",
    ],
)
def test_anchors_that_go_nowhere_are_text(anchor: str) -> None:
    assert only(seg(f"<p>{anchor}</p>")).link_chars == 0


@pytest.mark.parametrize(
    "href", ["/news/1", "https://example.com/x", "", "page.html#part", "javascript:void(0)"]
)
def test_anchors_with_href_are_links(href: str) -> None:
    b = only(seg(f'<p><a href="{href}">Other story</a></p>'))
    assert b.link_chars == len("Other story")


def test_link_chars_never_exceed_size() -> None:
    b = only(seg('<p><a href="/a">  padded  </a></p>'))
    assert b.link_chars <= b.size


def test_block_in_a_link_is_a_link() -> None:
    s = seg('<a href="/story"><div>A headline</div><p>Teaser text.</p></a>')
    assert [b.link_chars for b in s.blocks] == [len("A headline"), len("Teaser text.")]


# --- captions and images --------------------------------------------------------------


def test_caption_blocks_are_marked() -> None:
    s = seg(
        "<p>Before.</p><figure><img src=a.jpg><figcaption>A tram <b>waits</b>."
        "<p>Inner line</p></figcaption></figure><p>After.</p>",
        captions="figcaption",
    )
    assert [(b.text, b.caption) for b in s.blocks] == [
        ("Before.", False),
        ("A tram waits.", True),
        ("Inner line", True),
        ("After.", False),
    ]


def test_no_captions_given() -> None:
    s = seg("<figure><img src=a.jpg><figcaption>A tram.</figcaption></figure>")
    assert not only(s).caption


def test_images_before() -> None:
    s = seg(
        "<p>One.</p><figure><img src=a.jpg></figure><p>Two.</p>"
        "<div><img src=b.jpg><img src=c.jpg></div><p>Three.</p>"
    )
    assert [(b.text, b.images_before) for b in s.blocks] == [
        ("One.", 0),
        ("Two.", 1),
        ("Three.", 3),
    ]
    assert [s.tags[i] for i in s.images] == ["img", "img", "img"]
    assert [s.nodes[i].attributes["src"] for i in s.images] == ["a.jpg", "b.jpg", "c.jpg"]


def test_images_before_a_bare_image() -> None:
    s = seg("<p>One.</p><img src=a.jpg><p>Crowds gather. Photo: AFP</p>")
    assert [b.images_before for b in s.blocks] == [0, 1]


def test_inline_image_does_not_split_text() -> None:
    b = only(seg('<p>Before <img src="x.png"> after.</p>'))
    assert b.text == "Before after."


# --- the flat tree --------------------------------------------------------------------


def test_nodes_parents_and_index() -> None:
    s = seg("<div><p>A <b>b</b></p></div><p>C</p>")
    assert s.tags == ["body", "div", "p", "b", "p"]
    assert s.parents == [-1, 0, 1, 2, 0]
    for i, n in enumerate(s.nodes):
        assert s.index_of[n.mem_id] == i
        assert n.tag == s.tags[i]


def test_subtree_end() -> None:
    s = seg("<div><p>A <b>b</b></p><p>C</p></div><ul><li>D</li></ul>")
    assert s.tags == ["body", "div", "p", "b", "p", "ul", "li"]
    assert s.subtree_end() == [6, 4, 3, 3, 4, 6, 6]


def test_subtree_end_of_a_leaf_is_itself() -> None:
    s = seg("")
    assert s.subtree_end() == [0]


def test_blocks_of_a_subtree_are_contiguous() -> None:
    s = seg("<div><p>A</p><section><p>B</p><p>C</p></section></div><p>D</p>")
    end = s.subtree_end()
    section = s.tags.index("section")
    inside = [b.text for b in s.blocks if section <= b.owner <= end[section]]
    assert inside == ["B", "C"]


# --- collapse -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北京\n上海", "北京上海"),
        ("北京  \n   上海", "北京上海"),
        ("中文，\n继续", "中文，继续"),
        ("１２３\n４５６", "１２３４５６"),  # full-width forms
        ("hello\nworld", "hello world"),
        ("北京\nBeijing", "北京 Beijing"),
        ("Beijing\n北京", "Beijing 北京"),
        ("北京 上海", "北京 上海"),  # a space the page printed stays
        ("  a \t b  ", "a b"),
        ("a\u00a0\u00a0b", "a b"),
        ("", ""),
    ],
)
def test_collapse(text: str, expected: str) -> None:
    assert collapse(text) == expected


def test_cjk_line_breaks_inside_a_paragraph() -> None:
    s = seg("<p>市政府周三宣布\n新的交通计划，\nThe plan\nstarts soon.</p>")
    # A break between CJK and Latin text is a space.
    assert only(s).text == "市政府周三宣布新的交通计划， The plan starts soon."
