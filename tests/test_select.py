"""Body filter: captions, section cuts, teasers, noise, spared links, tail, repeats, headline."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsclean._blocks import Block, Segmented, segment
from newsclean._clean import mark, remove_junk
from newsclean._rules import key, rules
from newsclean._select import (
    _META_ROW,
    DISCLOSURE_MAX,
    DROP_LINE_MAX,
    META_ROW,
    SUBSTANTIAL,
    TAIL_SHORT,
    _is_meta_row,
    cut_sections,
    dedupe,
    drop_noise,
    drop_teasers,
    headline_index,
    is_drop_line,
    join_rows,
    spared_links,
    split_captions,
    strip_credit,
    trim_tail,
)

# Each is a "real" paragraph: at least SUBSTANTIAL bytes, with punctuation.
ZH = "市政府周三宣布新的交通计划，预计明年春季开始实施，共有十二个区参与试点，首批线路年底通车。"
ZH2 = "交通部门表示，新线路开通后，市中心到机场的行程将缩短二十分钟左右，票价暂时保持不变。"
EN = (
    "The city council approved a new transport plan on Wednesday, officials said, "
    "and work on the first two lines will begin next spring."
)
EN2 = (
    "The mayor said the first trams would run before the end of next year, "
    "if the regional budget is passed in time by the assembly."
)


def blk(
    text: str,
    tag: str = "p",
    *,
    links: int = 0,
    owner: int = 0,
    caption: bool = False,
    images: int = 0,
) -> Block:
    return Block(owner, tag, text, links, caption, images, len(text.encode()), key(text))


def linked(text: str, tag: str = "p", owner: int = 0) -> Block:
    return blk(text, tag, links=len(text.encode()), owner=owner)


def prep(html: str) -> Segmented:
    root = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    assert root is not None
    remove_junk(root, rules())
    seg = segment(root, mark(root, rules()).captions)
    for b in seg.blocks:
        b.key = key(b.text)
    return seg


def texts(blocks: list[Block] | tuple[Block, ...]) -> list[str]:
    return [b.text for b in blocks]


# --- strip_credit ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "text", "credit"),
    [
        (
            "金正恩视察一家工厂。(图取自朝中社/法新社)",
            "金正恩视察一家工厂。",
            "图取自朝中社/法新社",
        ),
        ("市民在车站排队等候（图／新华社）", "市民在车站排队等候", "图／新华社"),
        ("救援人员在现场搜索（新华社记者李明摄）", "救援人员在现场搜索", "新华社记者李明摄"),
        ("市民在街头排队购买口罩 图/法新社", "市民在街头排队购买口罩", "图/法新社"),
        ("Crowds gather in the square. Photo: AFP", "Crowds gather in the square.", "Photo: AFP"),
        (
            "Crowds gather in the square. (Photo by Jane Doe)",
            "Crowds gather in the square.",
            "Photo by Jane Doe",
        ),
        (
            "Firefighters work at the scene. REUTERS/Jane Doe",
            "Firefighters work at the scene.",
            "REUTERS/Jane Doe",
        ),
        (
            "A man walks past a mural in the old town. AFP via Getty Images",
            "A man walks past a mural in the old town.",
            "AFP via Getty Images",
        ),
    ],
)
def test_strip_credit(caption: str, text: str, credit: str) -> None:
    assert strip_credit(caption, rules()) == (text, credit)


@pytest.mark.parametrize(
    "caption",
    [
        "Firefighters work at the scene.",
        "会议现场",
        "The photo was taken by a passer-by on Monday night, police said.",
        "",
    ],
)
def test_strip_credit_without_credit(caption: str) -> None:
    assert strip_credit(caption, rules()) == (caption, None)


def test_strip_credit_only_looks_at_the_tail() -> None:
    # A credit-like phrase early in a long caption is not the credit.
    caption = "Photo: the old depot. " + "The trams will be repaired there. " * 6
    assert strip_credit(caption, rules()) == (caption, None)


def test_strip_credit_name_slash_agency_keeps_the_sentence() -> None:
    caption = "Protesters march through the city centre on Sunday. John Smith/AFP"
    assert strip_credit(caption, rules()) == (
        "Protesters march through the city centre on Sunday.",
        "John Smith/AFP",
    )


# --- split_captions -------------------------------------------------------------------


def test_caption_blocks_leave_the_body() -> None:
    seg = prep(
        f"<p>{ZH}</p><figure><img src=a.jpg><figcaption>工人在隧道内施工（图取自新华社）"
        f"</figcaption></figure><p>{ZH2}</p>"
    )
    body, captions = split_captions(seg.blocks, 0, set(), rules())
    assert texts(body) == [ZH, ZH2]
    assert texts(captions) == ["工人在隧道内施工（图取自新华社）"]


def test_caption_printed_twice_leaves_the_body() -> None:
    seg = prep(
        f"<p>{ZH}</p><figure><img src=a.jpg><figcaption>工人在隧道内施工（图取自新华社）"
        f"</figcaption></figure><p>工人在隧道内施工</p><p>{ZH2}</p>"
    )
    body, captions = split_captions(seg.blocks, 0, set(), rules())
    assert texts(body) == [ZH, ZH2]
    assert texts(captions) == ["工人在隧道内施工（图取自新华社）", "工人在隧道内施工"]


def test_caption_printed_before_its_caption_block_leaves_the_body() -> None:
    seg = prep(
        f"<p>{EN}</p><p>Workers lay new track.</p>"
        f"<figure><img src=a.jpg><figcaption>Workers lay new track.</figcaption></figure>"
        f"<p>{EN2}</p>"
    )
    body, captions = split_captions(seg.blocks, 0, set(), rules())
    assert texts(body) == [EN, EN2]
    assert texts(captions) == ["Workers lay new track."]


def test_alt_text_repeated_as_a_line_is_a_caption() -> None:
    alt = "市民在车站排队等候新线路开通"
    seg = prep(f'<p>{ZH}</p><div><img src=a.jpg alt="{alt}"></div><p>{alt}</p><p>{ZH2}</p>')
    body, captions = split_captions(seg.blocks, 0, {key(alt)}, rules())
    assert texts(body) == [ZH, ZH2]
    assert texts(captions) == [alt]


def test_alt_text_anywhere_is_a_caption() -> None:
    title = "A new tram waits at the depot"
    seg = prep(f"<p>{EN}</p><p>{title}</p><p>{EN2}</p>")
    body, captions = split_captions(seg.blocks, 0, {key(title)}, rules())
    assert texts(body) == [EN, EN2]
    assert texts(captions) == [title]


def test_short_alt_text_is_not_matched_away_from_an_image() -> None:
    seg = prep(f"<p>{EN}</p><p>Map</p><p>{EN2}</p>")
    body, _ = split_captions(seg.blocks, 0, {key("Map")}, rules())
    assert texts(body) == [EN, "Map", EN2]


def test_credited_line_after_an_image_is_a_caption() -> None:
    line = "Crowds gather in the square. Photo: AFP"
    seg = prep(f"<p>{EN}</p><div><img src=a.jpg></div><p>{line}</p><p>{EN2}</p>")
    body, captions = split_captions(seg.blocks, 0, set(), rules())
    assert texts(body) == [EN, EN2]
    assert texts(captions) == [line]


def test_credited_line_without_an_image_stays() -> None:
    line = "Crowds gather in the square. Photo: AFP"
    seg = prep(f"<p>{EN}</p><p>{line}</p><p>{EN2}</p>")
    body, captions = split_captions(seg.blocks, 0, set(), rules())
    assert texts(body) == [EN, line, EN2]
    assert captions == []


def test_line_after_an_image_without_credit_stays() -> None:
    seg = prep(f"<p>{EN}</p><div><img src=a.jpg></div><p>{EN2}</p>")
    body, captions = split_captions(seg.blocks, 0, set(), rules())
    assert texts(body) == [EN, EN2]
    assert captions == []


# --- cut_sections ---------------------------------------------------------------------


def cut(html: str) -> tuple[list[str], list[tuple[int, int]], Segmented]:
    seg = prep(html)
    blocks, spans = cut_sections(list(seg.blocks), seg, seg.subtree_end(), rules())
    return texts(blocks), spans, seg


@pytest.mark.parametrize(
    "heading",
    [
        "热门新闻",
        "相关新闻",
        "Related stories",
        "MOST READ:",
        "About the author",
        "Ready for more?",
    ],
)
def test_section_heading_after_the_article_ends_it(heading: str) -> None:
    kept, spans, seg = cut(
        f"<div><p>{ZH}</p><p>{ZH2}</p><p>{EN}</p><h3>{heading}</h3>"
        "<ul><li>另一条新闻标题甲</li><li>Another story</li></ul>"
        f"<p>{EN2}</p></div>"
    )
    assert kept == [ZH, ZH2, EN]
    heading_owner = seg.tags.index("h3")
    assert spans == [(heading_owner, len(seg.parents))]


def test_a_heading_repeated_through_the_story_does_not_end_it() -> None:
    widget = "<div><h3>Most read</h3><ul><li>Another story</li></ul></div>"
    kept, _, _ = cut(
        f"<div><p>{ZH}</p><p>{ZH2}</p><p>{EN}</p>{widget}<p>{EN2}</p>{widget}<p>{ZH}。</p></div>"
    )
    # The first widget is only itself; the last one ends the story.
    assert kept == [ZH, ZH2, EN, EN2]


def test_side_section_early_only_drops_itself() -> None:
    kept, spans, seg = cut(
        f"<div><p>{ZH}</p><div class='box'><h3>相关新闻</h3>"
        "<ul><li>另一条新闻标题甲</li><li>另一条新闻标题乙</li></ul></div>"
        f"<p>{ZH2}</p><p>{EN}</p><p>{EN2}</p></div>"
    )
    assert kept == [ZH, ZH2, EN, EN2]
    end = seg.subtree_end()
    box = seg.tags.index("div", 2)
    assert spans == [(seg.tags.index("h3"), end[box])]


def test_unwrapped_heading_early_drops_only_the_heading() -> None:
    kept, spans, seg = cut(
        f"<div><h2>Most read</h2><p>Another story</p><p>{EN}</p><p>{EN2}</p><p>{ZH}</p></div>"
    )
    assert kept == ["Another story", EN, EN2, ZH]
    h2 = seg.tags.index("h2")
    assert spans == [(h2, h2)]


def test_long_block_with_a_heading_phrase_is_no_heading() -> None:
    line = "Most read: " + EN
    kept, spans, _ = cut(f"<div><p>{ZH}</p><p>{ZH2}</p><p>{line}</p><p>{EN2}</p></div>")
    assert kept == [ZH, ZH2, line, EN2]
    assert spans == []


def test_no_section_heading() -> None:
    kept, spans, _ = cut(f"<p>{ZH}</p><p>{ZH2}</p>")
    assert kept == [ZH, ZH2]
    assert spans == []


# --- drop_teasers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "teaser", "more"),
    [
        ("财经", "央行宣布下调存款准备金率，市场人士认为……", "阅读全文"),
        ("Economy", "Markets rallied after the central bank cut rates...", "Read more"),
        ("Economy", "Markets rallied after the central bank cut rates …", "READ MORE »"),
    ],
)
def test_drop_teasers(label: str, teaser: str, more: str) -> None:
    blocks = [blk(ZH), blk(label), blk(teaser), linked(more), blk(ZH2)]
    assert texts(drop_teasers(blocks, rules())) == [ZH, ZH2]


def test_drop_teasers_takes_a_linked_headline_too() -> None:
    blocks = [
        blk(EN),
        linked("Council votes on the new budget, and other news"),
        blk("Markets rallied after the central bank cut rates..."),
        linked("Read more"),
    ]
    assert texts(drop_teasers(blocks, rules())) == [EN]


def test_drop_teasers_stops_at_a_full_sentence() -> None:
    blocks = [blk(EN), blk(EN2), linked("Continue reading")]
    assert texts(drop_teasers(blocks, rules())) == [EN, EN2]


def test_drop_teasers_without_a_read_more_link() -> None:
    blocks = [blk("财经"), blk("央行宣布下调存款准备金率，市场人士认为……"), blk(ZH)]
    assert drop_teasers(blocks, rules()) == blocks


# --- drop_noise -----------------------------------------------------------------------


def noise(blocks: list[Block], title: str = "") -> tuple[list[str], list[str]]:
    credits: list[str] = []
    kept = drop_noise(blocks, key(title) if title else "", rules(), credits)
    return texts(kept), credits


def test_drop_noise_link_dense_blocks() -> None:
    dense = blk("链接一 链接二 链接三", links=24)
    light = blk("他在报告中提到了 相关链接 一次。", links=12)
    kept, credits = noise([blk(ZH), dense, light])
    assert kept == [ZH, light.text]
    assert credits == []


@pytest.mark.parametrize(
    "line",
    [
        "责任编辑：李华",
        "（编辑：王小明）",
        "版权所有 未经授权不得转载",
        "分享到：",
        "Copyright 2024 The Harbour Times",
        "Share this article",
    ],
)
def test_drop_noise_editor_copyright_share_lines_become_credits(line: str) -> None:
    kept, credits = noise([blk(ZH), blk(line), blk(ZH2)])
    assert kept == [ZH, ZH2]
    assert credits == [line]


@pytest.mark.parametrize(
    ("label", "headline"),
    [
        ("Read more: ", "Harbour ferry fares to rise in June"),
        ("RELATED: ", "Five new tram stops open downtown"),
        ("Czytaj też: ", "Nowy most otwarty po trzech latach"),
        ("Le puede interesar: ", "El puerto amplía su horario"),
        ("Lesen Sie auch » ", "Neue Radwege am Hafen"),
    ],
)
def test_drop_noise_one_line_teasers(label: str, headline: str) -> None:
    teaser = blk(label + headline, links=len(headline.encode()))
    kept, credits = noise([blk(EN), teaser, blk(EN2)])
    assert kept == [EN, EN2]
    assert credits == []


def test_drop_noise_teaser_label_without_a_link_stays() -> None:
    line = "Related: the council also cut bus fares."
    kept, _ = noise([blk(EN), blk(line), blk(EN2)])
    assert kept == [EN, line, EN2]


def test_drop_noise_teaser_label_inside_a_sentence_stays() -> None:
    line = "More people rode the tram: 40,000 a day, the operator said."
    kept, _ = noise([blk(EN), blk(line, links=10), blk(EN2)])
    assert kept == [EN, line, EN2]


def test_drop_noise_long_blocks_are_not_tested_as_lines() -> None:
    long_line = "Share prices " + EN
    assert len(long_line) > DROP_LINE_MAX
    kept, _ = noise([blk(ZH), blk(long_line)])
    assert kept == [ZH, long_line]


@pytest.mark.parametrize(
    "line",
    [
        "Products are chosen independently by our editors. Purchases made through our links "
        "may earn us a commission.",
        "We independently evaluate all of our recommendations. If you click on links we "
        "provide, we may receive compensation.",
        "As an Amazon Associate, I earn from qualifying purchases.",
    ],
)
def test_drop_noise_affiliate_disclosures(line: str) -> None:
    kept, _ = noise([blk(line), blk(EN), blk(EN2)])
    assert kept == [EN, EN2]


def test_drop_noise_long_blocks_are_not_tested_for_disclosures() -> None:
    long_block = (EN + " ") * 3 + "Affiliates earn a commission on every sale, the report found."
    assert len(long_block) > DISCLOSURE_MAX
    kept, _ = noise([blk(EN), blk(long_block)])
    assert kept == [EN, long_block]


@pytest.mark.parametrize(
    "label",
    [
        "广告",
        "Advertisement",
        "ADVERTISEMENT",
        "Back to top",
        "Table of Contents",
        "On this page",
        "Jump to Review",
    ],
)
def test_drop_noise_labels(label: str) -> None:
    kept, credits = noise([blk(ZH), blk(label), blk(ZH2)])
    assert kept == [ZH, ZH2]
    assert credits == []


def test_drop_noise_meta_rows_before_the_first_paragraph() -> None:
    rows = ["2024-03-05 10:20", "By Jane Doe", "5 min read"]
    later = "March 5 was a busy day for the council."
    kept, credits = noise([*(blk(r) for r in rows), blk(EN), blk(later)])
    assert kept == [EN, later]
    assert credits == rows


def test_drop_noise_meta_rows_after_a_standfirst() -> None:
    rows = ["By Jane Doe", "Jun 8, 2023 • 11 Minute Read"]
    kept, credits = noise([blk(EN), *(blk(r) for r in rows), blk(EN2), blk(ZH)])
    assert kept == [EN, EN2, ZH]
    assert credits == rows


def test_drop_noise_date_rows_after_two_paragraphs_stay() -> None:
    kept, _ = noise([blk(EN), blk(EN2), blk("June 5, 2024"), blk(ZH)])
    assert kept == [EN, EN2, "June 5, 2024", ZH]


def test_drop_noise_a_schedule_of_dated_rows_stays() -> None:
    rows = [f"September {d} 12pm-1pm Room 217" for d in (3, 10, 17, 24)] + [
        f"October {d} 12pm-1pm Room 217" for d in (1, 8)
    ]
    kept, _ = noise([blk("Schedule", "h2"), *(blk(r) for r in rows), blk(EN)])
    assert kept == ["Schedule", *rows, EN]


def test_drop_noise_a_short_paragraph_does_not_start_the_article() -> None:
    kept, credits = noise([blk("短讯。"), blk("2024年3月5日 星期二"), blk(ZH)])
    assert kept == ["短讯。", ZH]
    assert credits == ["2024年3月5日 星期二"]


def test_drop_noise_headline() -> None:
    title = "Council approves transport plan"
    kept, _ = noise([blk("Site name", "h1"), blk(title, "h2"), blk(EN), blk(title.upper())], title)
    assert kept == [EN]


def test_drop_noise_h1_after_the_start_stays() -> None:
    kept, _ = noise([blk(EN), blk("A second part", "h1"), blk(EN2)])
    assert kept == [EN, "A second part", EN2]


def test_drop_noise_subheadings_stay() -> None:
    kept, _ = noise([blk(EN), blk("What happens next", "h2"), blk(EN2)])
    assert kept == [EN, "What happens next", EN2]


def test_drop_noise_spared_owner_stays() -> None:
    cell = linked("Harbour Lights", "td", owner=7)
    credits: list[str] = []
    assert drop_noise([cell, blk(EN)], "", rules(), credits, frozenset({7})) == [cell, blk(EN)]
    assert drop_noise([cell, blk(EN)], "", rules(), credits) == [blk(EN)]


# --- spared_links ---------------------------------------------------------------------

REVIEW = (
    "A quiet drama about two sisters who reopen their late father's bakery in a small harbour town."
)


def test_linked_cell_beside_prose_is_spared() -> None:
    seg = prep(f"<table><tr><td><a href=/f1>Harbour Lights</a></td><td>{REVIEW}</td></tr></table>")
    cell = seg.blocks[0]
    assert cell.text == "Harbour Lights"
    assert spared_links(seg.blocks, seg, rules()) == {cell.owner}
    kept = drop_noise(seg.blocks, "", rules(), [], spared_links(seg.blocks, seg, rules()))
    assert texts(kept) == ["Harbour Lights", REVIEW]


def test_row_of_links_alone_is_not_spared() -> None:
    seg = prep(
        "<table><tr><td><a href=/a>Other Film</a></td><td><a href=/b>Another Film</a></td></tr>"
        f"<tr><td><a href=/c>Third Film</a></td><td>Short note</td></tr></table><p>{REVIEW}</p>"
    )
    assert spared_links(seg.blocks, seg, rules()) == frozenset()


def test_numbered_linked_heading_before_its_review_is_spared() -> None:
    review = f"{REVIEW} {REVIEW}"
    seg = prep(
        f"<p>{review}</p><h2><a href=/h>2. Harbour Hotel</a></h2><p>Best for families</p>"
        f"<p>{review}</p><h2><a href=/x>Other Hotel</a></h2><p>Best for couples</p>"
    )
    numbered = next(b for b in seg.blocks if b.text == "2. Harbour Hotel")
    plain = next(b for b in seg.blocks if b.text == "Other Hotel")
    assert numbered.owner in spared_links(seg.blocks, seg, rules())
    assert plain.owner not in spared_links(seg.blocks, seg, rules())


def test_linked_heading_between_prose_is_spared() -> None:
    seg = prep(f'<p>{EN} {EN2}</p><h3><a href="/k">“The Kettle” ($30)</a></h3><p>{EN2} {EN}</p>')
    heading = seg.blocks[1]
    assert heading.tag == "h3"
    assert spared_links(seg.blocks, seg, rules()) == {heading.owner}


def test_linked_heading_over_a_long_review_is_spared() -> None:
    seg = prep(
        "<ul><li>Price: Free</li><li>Level: Beginner</li></ul>"
        f'<h3><a href="/c">Harbour Course</a></h3><p>{REVIEW} {REVIEW} {REVIEW} {REVIEW}</p>'
        "<ul><li>Price: $20</li></ul>"
        f'<h3><a href="/d">Another Course</a></h3><p>{EN}</p>'
    )
    long_one = next(b for b in seg.blocks if b.text == "Harbour Course")
    assert spared_links(seg.blocks, seg, rules()) == {long_one.owner}


@pytest.mark.parametrize(
    "html",
    [
        # A teaser card: a short teaser after the heading.
        f'<p>{EN} {EN2}</p><h3><a href="/k">Another story</a></h3><p>Short teaser.</p>',
        # First block: nothing before it.
        f'<h3><a href="/k">Another story</a></h3><p>{EN} {EN2}</p>',
        # Before it a link list, not prose.
        f'<p><a href="/x">{EN}</a></p><h3><a href="/k">Another story</a></h3><p>{EN} {EN2}</p>',
    ],
)
def test_linked_heading_not_between_prose_is_not_spared(html: str) -> None:
    seg = prep(html)
    assert spared_links(seg.blocks, seg, rules()) == frozenset()


# --- is_drop_line ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "责任编辑：王小明",
        "【责任编辑：张三】",
        "（编辑：李华）",
        "编辑/陈晨",
        "責任編輯：陳大文",
        "原标题：市政府发布交通新规",
        "来源：新华社",
        "记者：王明",
        "文/王明",
        "图/法新社",
        "版权所有 © 2024 新闻网",
        "未经授权不得转载",
        "扫一扫，分享到朋友圈",
        "分享到：",
        "下载新闻客户端，阅读更多",
        "关注我们的公众号",
        "喜欢这篇文章吗？",
        "Copyright 2024 The Harbour Times",
        "© 2024 The Harbour Times. All rights reserved.",
        "Share this article",
        "SHARE ON FACEBOOK",
        "Follow us on Twitter",
        "Sign up for our newsletter",
        "Click here to subscribe",
        "Related stories",
        "Tags: economy, trade",
        "Advertisement",
        "Photo: AFP",
        "5 min read",
        "Updated: 12 March 2024",
        "Download the app for iOS",
        "Join our weekly newsletter",
        "Leave a comment",
        "This article was originally published on Monday.",
        "Did you find the article helpful?",
        "Sign in to your Harbour Times account",
        "Written by Jane Doe",
        "Instagram: @harbourtimes",
        "【打印本页】【关闭窗口】",
        "[Print] [Email] [Close]",
        "Medically reviewed by: Dr. Sam Lee, MD",
        "Loading the text-to-speech player...",
        "Thank you for your feedback!",
        "Previous PostWinter ferry timetable: what changes in December",
        "Get the week's harbour news delivered straight to your inbox!",
    ],
)
def test_is_drop_line(line: str) -> None:
    assert is_drop_line(line, rules())


@pytest.mark.parametrize(
    "line",
    [
        "他把照片分享给了家人。",
        "本报编辑部今天收到了大量读者来信，编辑们逐一回复。",
        "该报主编周一辞职。",
        "记者王明在现场看到，救援工作仍在进行。",
        "来源：据新华社报道，市政府周三宣布新的交通计划，预计明年春季开始实施。",
        "市政府周三宣布新的交通计划。",
        "The minister said she would share the report with parliament.",
        "The council will share the costs with the province.",
        "Shareholders voted to approve the merger on Tuesday.",
        "Subscribers will receive the report on Friday.",
        "The tags were removed from the evidence bags.",
        "Editors met on Monday to discuss the changes.",
        "The city council approved a new transport plan.",
        "Share prices fell 3% on Monday after the report.",
        "她说愿意把这些经验分享到更多地区。",
    ],
)
def test_is_not_drop_line(line: str) -> None:
    assert not is_drop_line(line, rules())


@pytest.mark.parametrize(
    "line",
    [
        "[编辑：李华]",
        "■ 记者：王明",
        "（来源：新华社）",
        "【原标题：市政府发布新规】",
        "© 2024 新闻网",
    ],
)
def test_is_drop_line_with_an_opener(line: str) -> None:
    assert is_drop_line(line, rules())


# --- trim_tail ------------------------------------------------------------------------


def test_trim_tail_drops_short_lines_after_the_last_paragraph() -> None:
    blocks = [blk(ZH), blk(EN), blk("By Jane Doe"), blk("2024-03-05"), blk("economy")]
    assert texts(trim_tail(blocks, [])) == [ZH, EN]


def test_trim_tail_keeps_a_closing_sentence_and_long_lines() -> None:
    closing = "The vote is on Friday."
    long_line = "x" * TAIL_SHORT
    blocks = [blk(EN), blk("tags"), blk(closing), blk(long_line)]
    assert texts(trim_tail(blocks, [])) == [EN, closing, long_line]


def test_trim_tail_keeps_a_closing_list() -> None:
    blocks = [
        blk(EN),
        blk("Topics in the guide"),
        blk("Rental steps", "li"),
        blk("Losses", "li"),
        blk("Filed under Money"),
    ]
    credits: list[str] = []
    kept = texts(trim_tail(blocks, credits))
    assert kept == [EN, "Topics in the guide", "Rental steps", "Losses"]
    assert credits == ["Filed under Money"]


def test_trim_tail_keeps_short_lines_before_the_last_paragraph() -> None:
    blocks = [blk(EN), blk("What happens next", "h2"), blk(EN2)]
    assert trim_tail(blocks, []) == blocks


def test_trim_tail_without_a_real_paragraph() -> None:
    blocks = [blk("Short one"), blk("Short two")]
    assert all(b.size < SUBSTANTIAL for b in blocks)
    assert trim_tail(blocks, []) == blocks


def test_trim_tail_keeps_dropped_lines_as_credits() -> None:
    credits: list[str] = []
    trim_tail([blk(EN), blk("By Jane Doe")], credits)
    assert credits == ["By Jane Doe"]


# --- join_rows ------------------------------------------------------------------------


def test_join_rows_makes_one_line_per_row() -> None:
    seg = prep(
        "<table><tr><th>Rank</th><th>Company</th><th>Change</th></tr>"
        "<tr><td>1</td><td>North Mutual</td><td>+4.1%</td></tr>"
        "<tr><td>2</td><td>Harbour Group</td><td>+4.1%</td></tr></table>"
    )
    rows = join_rows(seg.blocks, seg)
    assert texts(rows) == [
        "Rank | Company | Change",
        "1 | North Mutual | +4.1%",
        "2 | Harbour Group | +4.1%",
    ]
    assert {b.tag for b in rows} == {"tr"}


def test_join_rows_leaves_a_layout_cell_of_lines_alone() -> None:
    seg = prep(f"<table><tr><td>Menu</td><td>{EN}<br>{EN2}</td></tr></table>")
    assert texts(join_rows(seg.blocks, seg)) == ["Menu", EN, EN2]


def test_join_rows_leaves_paragraphs_around_the_table_alone() -> None:
    seg = prep(f"<p>{EN}</p><table><tr><td>a1</td><td>b1</td></tr></table><p>{EN2}</p>")
    assert texts(join_rows(seg.blocks, seg)) == [EN, "a1 | b1", EN2]


# --- dedupe ---------------------------------------------------------------------------


def test_dedupe_keeps_repeated_table_rows() -> None:
    seg = prep(
        "<table><tr><th>Day</th><th>Run</th></tr><tr><td>Mon</td><td>5 km</td></tr></table>"
        "<table><tr><th>Day</th><th>Run</th></tr><tr><td>Mon</td><td>6 km</td></tr></table>"
    )
    rows, repeated = dedupe(join_rows(seg.blocks, seg))
    assert texts(rows) == ["Day | Run", "Mon | 5 km", "Day | Run", "Mon | 6 km"]
    assert repeated == {0, 1, 2, 3}  # rows may repeat: the text normaliser keeps them


def test_dedupe() -> None:
    blocks = [blk(EN), blk(EN2), blk(EN.upper()), blk(EN)]
    assert texts(dedupe(blocks)[0]) == [EN, EN2]


def test_dedupe_drops_blocks_without_a_key() -> None:
    assert texts(dedupe([blk("::"), blk(ZH), blk("——")])[0]) == [ZH]


# --- headline_index -------------------------------------------------------------------


def test_headline_index() -> None:
    seg = prep(
        "<header><h1>Harbour Times</h1></header><div><h2>Council approves plan</h2></div>"
        '<figure><img src=a.jpg></figure><div id="c"><p>Body text.</p></div>'
    )
    container = next(i for i, n in enumerate(seg.nodes) if n.attributes.get("id") == "c")
    h1, h2 = seg.tags.index("h1"), seg.tags.index("h2")
    # A block equal to the title, nearest the container, wins over an earlier <h1>.
    assert headline_index(seg, container, key("Council approves plan")) == h2
    # Without a title, the last <h1> before the container.
    assert headline_index(seg, container, "") == h1
    assert headline_index(seg, container, key("Something else entirely")) == h1


def test_headline_index_without_a_headline() -> None:
    seg = prep('<p>Other text</p><div id="c"><h1>Inside</h1><p>Body text.</p></div>')
    container = seg.tags.index("div")
    assert headline_index(seg, container, key("Inside")) == container


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("abcdejmnoprstuvyABJMNOPRSUY0123456789 :-/.")), max_size=40
    )
)
def test_ascii_meta_rows_read_as_with_the_case_blind_pattern(text: str) -> None:
    # The ASCII shortcut lower-cases the row and drops the pattern's (?i).
    block = blk(text)
    assert _is_meta_row(block) == (block.size < META_ROW and bool(_META_ROW.search(text)))
