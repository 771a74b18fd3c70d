"""Main-content location: block values, subtree sums, the container and its siblings."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean._blocks import Block, Segmented, segment
from newsclean._score import (
    BLOCK_COST,
    HINT_BONUS,
    LINK_WEIGHT,
    SIBLING_PARAGRAPH,
    SIBLING_SHARE,
    Region,
    block_value,
    choose,
    eff_len,
    subtree_sums,
)

PARA = (
    "<p>The city council approved a new transport plan on Wednesday, officials said, "
    "and work will begin next spring.</p>"
)
ZH_PARA = "<p>市政府周三宣布新的交通计划，预计明年春季开始实施，共有十二个区参与试点。</p>"
LINKS = (
    "<ul>"
    + "".join(f'<li><a href="/story/{i}">Other story number {i} today</a></li>' for i in range(8))
    + "</ul>"
)


def block(text: str, link_chars: int = 0, caption: bool = False) -> Block:
    return Block(0, "p", text, link_chars, caption, 0, eff_len(text))


def analyse(html: str, hint: str | None = None) -> tuple[Segmented, Region, list[float]]:
    root = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    assert root is not None
    seg = segment(root, set())
    hints = {seg.index_of[n.mem_id] for n in root.css(hint)} if hint else set()
    region = choose(seg, hints, seg.subtree_end())
    own = [0.0] * len(seg.parents)
    for b in seg.blocks:
        own[b.owner] += block_value(b)
    return seg, region, subtree_sums(seg.parents, own)


def index(seg: Segmented, ident: str) -> int:
    for i, n in enumerate(seg.nodes):
        if n.attributes.get("id") == ident:
            return i
    raise AssertionError(ident)


def region_text(seg: Segmented, region: Region) -> list[str]:
    return [b.text for b in seg.blocks if region.holds(b.owner)]


# --- block_value ----------------------------------------------------------------------


def test_eff_len_is_utf8_bytes() -> None:
    assert eff_len("news") == 4
    assert eff_len("新闻") == 6
    assert eff_len("") == 0


def test_plain_block_value() -> None:
    text = "The council approved the plan on Wednesday."
    assert block_value(block(text)) == len(text) - BLOCK_COST


def test_links_cost() -> None:
    text = "Read the council's report on the new transport plan."
    linked = 20
    expected = (len(text) - linked) - LINK_WEIGHT * linked - BLOCK_COST
    assert block_value(block(text, link_chars=linked)) == expected
    assert block_value(block(text, link_chars=linked)) < block_value(block(text))


def test_a_link_list_item_is_negative() -> None:
    text = "Other story today"
    assert block_value(block(text, link_chars=len(text))) < 0


def test_captions_are_neutral() -> None:
    assert block_value(block("A tram waits at the depot. Photo: AFP", caption=True)) == 0.0
    assert block_value(block("Other story", link_chars=11, caption=True)) == 0.0


def test_cjk_weighs_its_bytes() -> None:
    zh, en = "市政府宣布新计划", "City plan"
    assert block_value(block(zh)) == 3 * len(zh) - BLOCK_COST
    assert block_value(block(zh)) > block_value(block(en))


def test_block_value_is_a_float() -> None:
    assert isinstance(block_value(block("Short.")), float)


# --- subtree_sums ---------------------------------------------------------------------


def test_subtree_sums() -> None:
    # 0 ─┬─ 1 ─┬─ 2
    #    │     └─ 3
    #    └─ 4
    parents = [-1, 0, 1, 1, 0]
    own = [1.0, 10.0, 100.0, -5.0, 1000.0]
    assert subtree_sums(parents, own) == [1106.0, 105.0, 100.0, -5.0, 1000.0]
    assert own == [1.0, 10.0, 100.0, -5.0, 1000.0]  # not changed in place


def test_subtree_sums_single_node() -> None:
    assert subtree_sums([-1], [3.0]) == [3.0]


# --- choose ---------------------------------------------------------------------------


def test_article_beats_a_link_heavy_sidebar() -> None:
    seg, region, _ = analyse(f'<div id="side">{LINKS}</div><div id="main">{PARA * 4}</div>')
    assert region.container == index(seg, "main")
    assert region.spans == ((region.container, len(seg.parents) - 1),)
    assert all("Other story" not in t for t in region_text(seg, region))


def test_article_is_the_tightest_element() -> None:
    seg, region, _ = analyse(
        f'<div id="page"><nav>{LINKS}</nav><div id="story">{ZH_PARA * 3}</div>{LINKS}</div>'
    )
    assert region.container == index(seg, "story")


CARD = "<p>The harbour board met on Tuesday to plan the winter ferry timetable for the islands.</p>"


def test_the_story_among_article_cards_is_the_article() -> None:
    cards = "".join(f"<article id=card{i}>{CARD}</article>" for i in range(3))
    seg, region, _ = analyse(
        f'<div id="column"><article id="story">{PARA * 5}</article><section>{cards}</section></div>'
    )
    assert region.container == index(seg, "story")
    assert all("harbour board" not in t for t in region_text(seg, region))


def test_article_cards_of_equal_weight_keep_the_container() -> None:
    cards = "".join(f"<article>{PARA * 2}</article>" for _ in range(3))
    seg, region, _ = analyse(f'<div id="list">{cards}</div>')
    assert seg.tags[region.container] != "article"
    assert len(region_text(seg, region)) == 6


def test_small_articles_beside_more_text_keep_the_container() -> None:
    # Comments as <article> elements under a story that is not one.
    comments = "".join(f"<article>{CARD}</article><article>{PARA}</article>" for _ in range(2))
    seg, region, _ = analyse(f'<div id="main">{PARA * 6}{comments}</div>')
    assert seg.tags[region.container] != "article"


def test_a_hint_gets_the_bonus() -> None:
    html = f'<div id="a">{PARA * 4}</div><nav>{LINKS}</nav><div id="b">{PARA * 3}</div>'
    seg, region, sums = analyse(html)
    a, b = index(seg, "a"), index(seg, "b")
    assert region.container == a
    assert sums[b] * HINT_BONUS > sums[a]
    seg, region, _ = analyse(html, hint="#b")
    assert region.container == b


def test_a_negative_hint_gets_no_bonus() -> None:
    seg, region, _ = analyse(f'<article id="h">{LINKS}</article><div id="main">{PARA}</div>', "#h")
    assert region.container == index(seg, "main")


def test_a_weak_best_yields_to_the_named_body_with_more_text() -> None:
    # The post is two short lines and a long list of links: it sums below zero.
    html = (
        f'<div id="post"><p>Notes on the episode.</p>{LINKS * 3}<p>Listen after watching.</p></div>'
        f'<div id="side">{PARA}</div>'
    )
    root = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    assert root is not None
    seg = segment(root, set())
    post, side, end = index(seg, "post"), index(seg, "side"), seg.subtree_end()
    assert choose(seg, set(), end).container == side
    region = choose(seg, {post}, end, named={post})
    assert region.spans == ((post, end[post]),)
    # The not-an-article decision still reads the shape where the scores pointed.
    assert region.shape_span == (side, end[side])
    assert choose(seg, set(), end).shape_span == (side, end[side])


def test_no_text_at_all() -> None:
    _, region, _ = analyse("")
    assert region == Region(0, ((0, 0),))
    assert region.first == region.last == 0


# --- siblings -------------------------------------------------------------------------


def test_worthy_siblings_join_and_a_link_list_between_them_does_not() -> None:
    # The link lists drag the parent's sum down; joining sibling by sibling steps over them.
    seg, region, sums = analyse(
        f'<div id="wrap"><div id="a">{PARA * 6}</div>{LINKS * 2}<div id="b">{PARA * 2}</div></div>'
    )
    a, b, wrap = index(seg, "a"), index(seg, "b"), index(seg, "wrap")
    end = seg.subtree_end()
    assert region.container == a
    assert sums[wrap] < sums[a]
    assert sums[b] >= SIBLING_SHARE * sums[a]
    assert region.spans == ((a, end[a]), (b, end[b]))
    assert (region.first, region.last) == (a, end[b])
    lists = [i for i, t in enumerate(seg.tags) if t == "ul"]
    assert lists
    assert not any(region.holds(i) for i in lists)
    assert not any("Other story" in t for t in region_text(seg, region))


def test_a_small_sibling_does_not_join() -> None:
    seg, region, sums = analyse(
        f'<div>{LINKS * 2}<div id="a">{PARA * 6}</div><div id="b">Short note, here.</div></div>'
    )
    a = index(seg, "a")
    assert sums[index(seg, "b")] < SIBLING_SHARE * sums[a]
    assert region.spans == ((a, seg.subtree_end()[a]),)


INTRO = (
    "The council published the full list of new stations below, "
    "with the planned opening date for each of them."
)


def _intro_page(intro: str) -> str:
    table = "<table><tr><td>" + PARA * 10 + "</td></tr></table>"
    return f'<nav>{LINKS}</nav>{intro}<div id="table">{table}</div>'


def test_a_paragraph_intro_above_a_big_table_joins() -> None:
    seg, region, sums = analyse(_intro_page(f"<p>{INTRO}</p>"))
    table = index(seg, "table")
    intro = seg.tags.index("p")
    assert intro < table
    assert region.container == table
    assert SIBLING_PARAGRAPH <= sums[intro] < SIBLING_SHARE * sums[table]
    assert region.holds(intro)
    assert region.spans[0] == (intro, intro)
    assert region_text(seg, region)[0] == INTRO


def test_a_short_paragraph_intro_does_not_join() -> None:
    seg, region, sums = analyse(_intro_page("<p>Stations, below.</p>"))
    intro = seg.tags.index("p")
    assert sums[intro] < SIBLING_PARAGRAPH
    assert not region.holds(intro)


def test_another_element_joins_by_the_paragraph_rule_only_as_a_lead_sentence() -> None:
    # Right before the container and a sentence: a lead in an element of its own.
    seg, region, sums = analyse(_intro_page(f'<div id="intro">{INTRO}</div>'))
    intro = index(seg, "intro")
    assert SIBLING_PARAGRAPH <= sums[intro] < SIBLING_SHARE * sums[index(seg, "table")]
    assert region.holds(intro)
    # No sentence: a row of labels or dates stays out.
    row = (
        "Stations and their opening dates, as published by the council today, "
        "with the lines they serve"
    )
    seg, region, sums = analyse(_intro_page(f'<div id="intro">{row}</div>'))
    intro = index(seg, "intro")
    assert sums[intro] >= SIBLING_PARAGRAPH
    assert not region.holds(intro)


@pytest.mark.parametrize("wrapped", [False, True])
def test_the_container_alone_when_it_has_no_parent_or_no_value(wrapped: bool) -> None:
    # All negative: the best element is worth nothing, no sibling joins.
    html = f"<div>{LINKS}</div><div>{LINKS}</div>"
    _, region, sums = analyse(f"<div>{html}</div>" if wrapped else html)
    assert sums[region.container] <= 0
    assert len(region.spans) == 1


def test_region_holds() -> None:
    region = Region(3, ((1, 1), (3, 7), (10, 12)))
    assert (region.first, region.last) == (1, 12)
    assert [i for i in range(14) if region.holds(i)] == [1, 3, 4, 5, 6, 7, 10, 11, 12]
