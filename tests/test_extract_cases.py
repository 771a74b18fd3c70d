"""End-to-end cases for layouts the block filter and the region choice must read right.

Each page is small and written for the case; each asserts what must be kept
and what must be dropped.
"""

from __future__ import annotations

import pytest

import newsclean

_PROSE = (
    "The council met on Tuesday evening to discuss the new budget for the harbour district, "
    "and members argued for nearly three hours before a vote was called."
)


def _page(body: str, title: str = "A test page") -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"{body}<footer>Contact us · Privacy</footer></body></html>"
    )


def _sentences(n: int, stem: str = "Row") -> str:
    return " ".join(
        f"{stem} {i} tells a longer story about the season, with details." for i in range(n)
    )


def test_intro_paragraph_above_a_big_table_joins_the_article() -> None:
    rows = "".join(
        f"<tr><td>Title {i}</td><td>{2000 + i}</td><td>{_sentences(3, f'Film {i}')}</td></tr>"
        for i in range(12)
    )
    html = _page(
        "<div class='wrap'><h1>List of films</h1>"
        f"<p>This list names films in which a day repeats itself; {_PROSE}</p>"
        f"<div class='tablewrap'><table>{rows}</table></div>"
        "<ul class='more'>"
        + "".join(f"<li><a href='/list/{i}'>Another list of things {i}</a></li>" for i in range(30))
        + "</ul></div>"
    )
    body = newsclean.extract(html).body
    assert body.startswith("This list names films")
    assert "Film 11 2 tells a longer story" in body


def test_linked_title_cell_beside_prose_is_kept_but_a_row_of_links_is_not() -> None:
    rows = "".join(
        f"<tr><td><a href='/film/{i}'>Linked Film {i}</a></td>"
        f"<td>{_sentences(2, f'Film {i}')}</td></tr>"
        for i in range(8)
    )
    links = "".join(f"<td><a href='/x/{i}'>Other page {i}</a></td>" for i in range(4))
    html = _page(
        f"<article><h1>Films</h1><p>{_PROSE}</p><table>{rows}<tr>{links}</tr></table>"
        f"<p>{_PROSE} Afterwards the chair closed the meeting.</p></article>"
    )
    body = newsclean.extract(html).body
    assert "Linked Film 3" in body
    assert "Other page 2" not in body


def test_linked_heading_between_paragraphs_is_kept() -> None:
    items = "".join(
        f"<h3><a href='https://shop.example/{i}'>“Game {i}” ($20)</a></h3>"
        f"<p>{_sentences(2, f'Game {i}')}</p>"
        for i in range(5)
    )
    html = _page(f"<article><h1>Best games</h1><p>{_PROSE}</p>{items}</article>")
    # Undated, unsigned, priced cards: a page like this may be a shop list,
    # and is judged so; the body is read all the same.
    body = newsclean.extract(html, strict=False).body
    assert "“Game 2” ($20)" in body


def test_linked_entry_name_after_fact_rows_is_kept() -> None:
    """A list article closes each entry with fact rows; the next linked name stays."""
    entries = "".join(
        f"<h3><a href='https://courses.example/{i}'><strong>Design Course {i}</strong></a></h3>"
        f"<p>{_sentences(5, f'Course {i}')}</p>"
        f"<ul><li><strong>Certificate:</strong> No</li><li><strong>Price:</strong> Free</li></ul>"
        for i in range(4)
    )
    cards = "".join(
        f"<h3><a href='/post/{i}'>Another post {i}</a></h3><p>A short blurb about post {i}.</p>"
        for i in range(4)
    )
    html = _page(
        f"<article><h1>Best design courses</h1><p>{_PROSE}</p>{entries}"
        f"<div class='more'>{cards}</div></article>"
    )
    body = newsclean.extract(html, strict=False).body
    for i in range(4):
        assert f"Design Course {i}" in body
    assert "Another post" not in body


def test_post_of_links_in_its_named_body_beats_a_stray_sidebar_line() -> None:
    """Show notes are mostly links: the post's ``entry-content`` sums below zero.

    The best element left is a sidebar paragraph; the named body holds more
    text, so it is the article.
    """
    notes = "".join(
        f"<li><a href='https://example.org/link/{i}'>Show note link {i} on the episode</a></li>"
        for i in range(25)
    )
    html = _page(
        "<main><article class='post'><header class='entry-header'>"
        "<h1>Episode 70: the fifth episode</h1></header>"
        "<div class='entry-content'><p>The topic of this episode is the fifth episode.</p>"
        f"<ul>{notes}</ul><p>We will spoil everything, so listen after watching.</p></div>"
        "</article></main><div class='col-right'><div class='box'><p>Thanks to all our "
        "listeners for the kind words and the many letters, we read every one of them and "
        "answer when we can, usually on Sundays.</p></div></div>"
    )
    body = newsclean.extract(html, strict=False).body
    assert body.startswith("The topic of this episode")
    assert "listen after watching" in body
    assert "Thanks to all our listeners" not in body


def test_text_of_a_text_with_picture_element_is_not_a_caption() -> None:
    """TYPO3 names the text of its text-with-picture element ``csc-textpic-text``."""
    sections = "".join(
        f"<div id='c{i}' class='csc-default'><div class='csc-textpic csc-textpic-left'>"
        f"<div class='csc-textpic-imagewrap'><img src='/p{i}.jpg' alt=''></div>"
        f"<div class='csc-textpic-text'><h2>Part {i}</h2><p>{_sentences(4, f'Part {i}')}</p>"
        "</div></div></div>"
        for i in range(3)
    )
    html = _page(f"<div class='main'><h1>All about the banana</h1>{sections}</div>")
    article = newsclean.extract(html)
    assert "Part 2 3 tells a longer story" in article.body
    assert not any("Part 1 0" in (image.caption or "") for image in article.images)


def test_box_set_between_two_paragraphs_goes_alone() -> None:
    """A "Related" box between two paragraphs of one element: the last paragraph stays."""
    box = (
        "<div class='box'><div class='inner'><h3>Related</h3><ul>"
        + "".join(
            f"<li><a href='/news/other-story-{i}'>Other story number {i}</a></li>" for i in range(3)
        )
        + "</ul></div></div>"
    )
    further = "<h3>Further Reading</h3><ul>" + "".join(
        f"<li><a href='/news/more-{i}'>More reading number {i}</a></li>" for i in range(4)
    )
    html = _page(
        f"<article><h1>Drives grow again</h1><div class='text'><p>{_PROSE}</p>"
        f"<p>{_sentences(3, 'Platter')}</p>{box}"
        "<p>Conventional recording reaches its limit this year, the maker said on Friday, "
        "and its new platters hold four times as much. "
        "Nobody knows yet when the larger drives will ship.</p></div>"
        f"{further}</ul></article>"
    )
    body = newsclean.extract(html).body
    assert body.endswith("Nobody knows yet when the larger drives will ship.")
    assert "Other story number" not in body
    assert "More reading" not in body


def test_comment_thread_longer_than_the_story_is_not_kept() -> None:
    """A thread that holds most of the page stays soft when the story is beside it."""
    comments = "".join(
        f"<li><p class='who'>Reader {i}</p><p>{_sentences(4, f'Reply {i}')}</p></li>"
        for i in range(40)
    )
    html = _page(
        f"<div class='page'><article><h1>Mine deal under fire</h1>"
        f"<p>{_PROSE}</p><p>{_sentences(30, 'Story')}</p></article>"
        f"<div class='sect_commentlinks'><ul>{comments}</ul></div></div>"
    )
    body = newsclean.extract(html).body
    assert body.startswith("The council met on Tuesday")
    assert "Story 29 tells" in body
    assert "Reply 3" not in body


def test_ranked_list_written_as_numbered_lines_ends_the_article() -> None:
    """The list closing the story is lines of ``<br>``, numbered, not ``<li>``."""
    ranked = "<br>".join(f"{i:02d}. Singer Number{i}" for i in range(1, 21))
    html = _page(
        f"<article><h1>The top 20 singers</h1><p>{_PROSE}</p><p>{_sentences(3, 'Note')}</p>"
        f"<p>Here is the full list.</p><p>{ranked}</p><p>Posted in Music</p></article>"
    )
    body = newsclean.extract(html, strict=False).body
    assert "01. Singer Number1" in body
    assert body.endswith("20. Singer Number20")


def test_breadcrumb_printed_as_text_above_the_story_is_dropped() -> None:
    """A trail printed above the story goes; a menu path the story gives stays."""
    html = _page(
        "<article><div class='crumbs'>Home » Recipes » Sharing » Olive Bread</div>"
        f"<h1>Olive Bread</h1><p>{_PROSE}</p>"
        "<p>Go to Recipes > Sharing > Print this recipe</p>"
        f"<p>{_sentences(3, 'Dough')}</p></article>"
    )
    body = newsclean.extract(html).body
    assert "Home » Recipes" not in body
    assert "Go to Recipes > Sharing > Print this recipe" in body


def test_back_to_top_links_with_an_arrow_are_dropped() -> None:
    sections = "".join(
        f"<h2>Desk {i}</h2><p>{_sentences(3, f'Desk {i}')}</p>"
        "<p><a href='#top'>&lt; back to top</a></p>"
        for i in range(4)
    )
    html = _page(f"<article><h1>Best desks</h1><p>{_PROSE}</p>{sections}</article>")
    body = newsclean.extract(html).body
    assert "Desk 3 2 tells" in body
    assert "back to top" not in body


def test_chart_ticks_drawn_in_html_are_dropped() -> None:
    ticks = "".join(
        f"<div class='tick'>{t}</div>"
        for t in ("$900", "600", "300", "0", "’17", "’18", "’19", "’20")
    )
    html = _page(
        f"<article><h1>Debt</h1><p>{_PROSE}</p>"
        f"<div class='chart'><p>Interest payments</p>{ticks}</div>"
        f"<p>{_sentences(3, 'Debt')}</p><ol><li>1</li><li>2</li><li>3</li></ol></article>"
    )
    body = newsclean.extract(html).body
    assert "$900" not in body and "’19" not in body
    assert "Interest payments" in body and "Debt 2 tells" in body


@pytest.mark.parametrize("above", ["", "<div class='readtime'>Read in less than a minute</div>"])
def test_lead_in_an_element_of_its_own_above_the_story_joins_it(above: str) -> None:
    lead = (
        "The dream of many van owners is a life on the road, and this summer more of them tried it."
    )
    paragraphs = "".join(f"<p>{_sentences(4, f'Van {i}')}</p>" for i in range(8))
    html = _page(
        "<div class='maincol'><div class='headline'><h1>Vanlife</h1></div>"
        f"{above}<div class='lead'><p>{lead}</p></div>"
        f"<div class='article-text'>{paragraphs}</div></div>"
    )
    body = newsclean.extract(html).body
    assert body.startswith(lead)
    assert "Read in less" not in body


def test_copyright_notice_under_the_story_is_dropped() -> None:
    notice = (
        "Copyright 2023 Harbour Television Corp. All rights reserved. This material may not "
        "be published, broadcast, rewritten, or redistributed."
    )
    html = _page(
        f"<article><h1>Crash</h1><p>{_PROSE}</p>"
        f"<p>{_sentences(3, 'Crash')}</p><p>{notice}</p></article>"
    )
    body = newsclean.extract(html).body
    assert "may not be published" not in body
    assert "Crash 2 tells" in body


def test_blog_notices_of_120_characters_are_dropped() -> None:
    notices = (
        "Diese Website verwendet Akismet, um Spam zu reduzieren. "
        "Erfahre mehr darüber, wie deine Kommentardaten verarbeitet werden.",
        "Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen und per E-Mail "
        "Benachrichtigungen über neue Beiträge zu erhalten.",
    )
    html = _page(
        f"<article><h1>Taschen</h1><p>{_PROSE}</p><p>{_sentences(4, 'Tasche')}</p>"
        + "".join(f"<p>{n}</p>" for n in notices)
        + "</article>"
    )
    body = newsclean.extract(html).body
    assert "Akismet" not in body and "diesem Blog zu folgen" not in body
    assert "Tasche 3 tells" in body


def test_byline_box_filling_its_named_row_stays_beside_a_long_story() -> None:
    """A soft byline box that is the whole of the story's named byline row stays:
    the thread rule must not take it, or the record loses its authors."""
    story = "".join(f"<p>{_sentences(6, f'Vote {i}')}</p>" for i in range(8))
    html = (
        "<html><head><title>Vote fails</title></head><body><article class='story'>"
        "<div class='article-body'><h1>Vote fails</h1><div class='article-body__meta'>"
        "<div class='post-meta'>By Stella Kim and Jennifer Jett</div></div>"
        f"<div class='article-body__content'>{story}</div></div></article></body></html>"
    )
    article = newsclean.extract(html)
    assert article.authors == ("Stella Kim", "Jennifer Jett")
    assert "Vote 7 5 tells" in article.body


def test_table_that_ends_the_article_keeps_its_short_cells() -> None:
    table = "<table><tr><th>Certificate</th><th>Certification</th></tr>" + "".join(
        f"<tr><td>Short cell {i}</td><td>Other {i}</td></tr>" for i in range(6)
    )
    html = _page(
        f"<article><h1>Differences</h1><p>{_PROSE}</p><p>{_PROSE}</p>{table}</table></article>"
    )
    body = newsclean.extract(html).body
    assert "Short cell 5" in body
    assert "Certification" in body


def test_streamed_hidden_segments_are_read_as_content() -> None:
    # Each chunk is a small share of the page: none is kept for its size alone.
    chunks = "".join(
        f"<div hidden id='S:{i:x}'><p>{_sentences(3, f'Part {i}')}</p></div>" for i in range(12)
    )
    html = _page(
        "<main><h1>How index funds work</h1><div id='slot'>Loading paragraph...</div>"
        f"<div class='promo'><p>{_PROSE} {_PROSE}</p></div></main>"
        f"{chunks}"
        "<div hidden id='popup'><p>Subscribe to our premium service today and save.</p></div>"
    )
    body = newsclean.extract(html).body
    assert "Part 11 2 tells a longer story" in body
    assert "Subscribe to our premium" not in body


def test_line_of_only_source_and_editor_credits_is_not_body() -> None:
    html = _page(
        "<div class='article'><h1>本地新闻</h1>"
        "<p>市政府昨日召开会议，讨论明年的交通建设计划，与会代表就地铁延长线的走向展开了热烈讨论。</p>"
        "<p>会议决定在下个月公布详细方案，并向市民公开征求意见，征求意见期为三十天。</p>"
        "<p>来源：某某日报 编辑：王小明</p>"
        "<p>另据了解，新线路预计将在三年内建成通车，届时沿线居民的出行时间将大大缩短。</p></div>"
    )
    article = newsclean.extract(html)
    assert "来源" not in article.body
    assert "会议决定" in article.body


def test_mathml_markup_is_not_text() -> None:
    formula = "<math><mi>a</mi><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mi>c</mi></math>"
    html = _page(
        f"<article><h1>Equations</h1><p>{_PROSE} The curve {formula} opens up.</p></article>"
    )
    body = newsclean.extract(html).body
    assert "The curve opens up." in body
    assert "x 2" not in body and "a x" not in body


def test_table_rows_are_lines_and_may_repeat() -> None:
    intro = (
        "<p>The plan builds up slowly over two blocks of training, with one rest day a week "
        "and a long run at the weekend, so that the distance grows by a tenth at most.</p>"
    )
    table = "<table><tr><th>Day</th><th>Run</th></tr><tr><td>Mon</td><td>{}</td></tr></table>"
    html = (
        f"<html><body><article><h1>A plan</h1>{intro}<h2>Block one</h2>{table.format('5 km')}"
        f"<h2>Block two</h2>{table.format('6 km')}{intro.replace('slowly', 'gently')}"
        "</article></body></html>"
    )
    body = newsclean.extract(html).paragraphs
    assert body[2:7] == ("Day | Run", "Mon | 5 km", "Block two", "Day | Run", "Mon | 6 km")


def test_page_nested_in_a_noscript_by_an_unclosed_element_is_read() -> None:
    para = (
        "<p>The park counted nine mothers with sixteen cubs this year, the highest figure "
        "in fourteen years of monitoring with rangers and volunteers.</p>"
    )
    html = (
        '<html><body><noscript><div id="nojs"></noscript><div id="page"><h1>Bear census</h1>'
        f"{para * 8}</div><noscript></div></noscript></body></html>"
    )
    article = newsclean.extract(html)
    assert article.paragraphs[0].startswith("The park counted nine mothers")


def test_a_small_noscript_notice_is_not_body() -> None:
    para = (
        "<p>The park counted nine mothers with sixteen cubs this year, the highest figure "
        "in fourteen years of monitoring with rangers and volunteers.</p>"
    )
    html = f"<html><body><noscript>Please enable JavaScript.</noscript>{para * 3}</body></html>"
    assert "JavaScript" not in newsclean.extract(html).body


def test_labels_a_story_repeats_stay_and_copied_paragraphs_go() -> None:
    review = "".join(
        f"<h3>{name}</h3><p>Pros</p><ul><li>{name} has a bright screen and a long battery "
        f"life for its price.</li></ul><p>Cons</p><ul><li>The {name} speaker is thin and "
        "the case scratches easily in daily use.</li></ul>"
        for name in ("Alpha One", "Beta Two")
    )
    html = _page(
        f"<article><h1>Best phones</h1><p>{_PROSE}</p>{review}<p>{_PROSE}</p></article>",
        title="Best phones",
    )
    paragraphs = newsclean.extract(html).paragraphs
    assert paragraphs.count("Pros") == 2
    assert paragraphs.count("Cons") == 2
    assert paragraphs.count(_PROSE) == 1


def test_fact_rows_each_entry_repeats_stay() -> None:
    """A ranked list prints the same fact rows under each entry: they are the entries' own."""
    entries = "".join(
        f"<h2>{n}. {name}</h2><p>Team size: 11 - 50 employees</p><p>Founded: 2012</p>"
        f"<p>{name} {_PROSE}</p>"
        "<h3>Pros and Cons</h3><p>Pros</p><ul><li>Fast replies to every client</li></ul>"
        for n, name in enumerate(("Harbour Media", "Quay Digital", "Pier Studio"), 1)
    )
    html = _page(
        f"<article><h1>Best agencies</h1><p>{_PROSE}</p>{entries}</article>",
        title="Best agencies",
    )
    paragraphs = newsclean.extract(html).paragraphs
    assert paragraphs.count("Pros and Cons") == 3
    assert paragraphs.count("Team size: 11 - 50 employees") == 3
    assert paragraphs.count("Founded: 2012") == 3


def test_a_copied_run_and_a_carousel_s_numbers_go() -> None:
    """A run of repeats with a paragraph in it is a copy; bare numbers are a carousel's."""
    copy = f"<h3>Our verdict</h3><p>{_PROSE} Copied.</p>"
    dots = "<p>1</p><p>2</p><p>3</p>"
    html = _page(
        f"<article><h1>A test page</h1>{copy}{dots}<p>First new paragraph of the story, "
        f"with a full sentence.</p>{copy}{dots}<p>Second new paragraph, also a sentence.</p>"
        "</article>"
    )
    paragraphs = newsclean.extract(html).paragraphs
    assert paragraphs.count(f"{_PROSE} Copied.") == 1
    assert paragraphs.count("2") == 1


def test_a_video_player_s_labels_do_not_repeat_above_the_story() -> None:
    """A playlist prints the same labels and source row under each short title."""
    clips = "".join(
        f"<div class='clip'><p>Video Ad Feedback</p><h3>Clip {n}: the mayor speaks</h3>"
        f"<p>0{n}:29</p><p>Now playing</p><p>- Source: Courier</p></div>"
        for n in range(1, 5)
    )
    html = _page(
        f"<article><h1>A test page</h1><div class='playlist'>{clips}</div>"
        f"<p>{_PROSE}</p><p>{_PROSE} Then the vote was taken.</p></article>"
    )
    paragraphs = newsclean.extract(html).paragraphs
    assert paragraphs.count("Now playing") == 1
    assert paragraphs.count("- Source: Courier") < 4


def test_image_source_labels_are_not_body_text() -> None:
    html = _page(
        "<article><h1>A test page</h1>"
        f"<p>{_PROSE}</p><p>圖像來源，Getty Images</p><p>{_PROSE} Again.</p>"
        "<p>Image source, Reuters</p><p>The vote was held on Wednesday after midnight.</p>"
        "</article>"
    )
    article = newsclean.extract(html)
    assert "圖像來源，Getty Images" not in article.paragraphs
    assert "Image source, Reuters" not in article.paragraphs


def test_link_box_inside_the_story_goes_alone() -> None:
    first = "".join(f"<p>Part one, paragraph {n}. {_PROSE}</p>" for n in range(7))
    box = (
        "<h3>Related stories</h3><ul>"
        "<li><a href='/a'>Another story about the harbour fees</a></li>"
        "<li><a href='/b'>Council votes on the new ferry timetable</a></li></ul>"
    )
    rest = "".join(f"<p>Part two, paragraph {n}. {_PROSE}</p>" for n in range(3))
    html = _page(f"<article><h1>A test page</h1>{first}{box}{rest}</article>")
    article = newsclean.extract(html)
    assert article.paragraphs[-1].startswith("Part two, paragraph 2.")
    assert "Another story about the harbour fees" not in article.body
    assert "Related stories" not in article.paragraphs


def test_sections_of_one_report_join_however_many_links_their_lists_hold() -> None:
    intro = (
        f"<div class='sect1'><h2>What it is</h2><p>{_PROSE}</p><p>{_PROSE}</p><p>{_PROSE}</p></div>"
    )
    links = "".join(
        f"<li><p><a href='/pulls/{n}'>backend: support for feature {n}</a></p></li>"
        for n in range(30)
    )
    patches = (
        "<div class='sect1'><h2>Patches sent</h2><p>There has been some nice progress on the "
        "compiler side these past months; many patches were sent for review:</p>"
        f"<ul>{links}</ul></div>"
    )
    story = "".join(f"<p>Paragraph {n} of the report. {_PROSE}</p>" for n in range(6))
    main = f"<div class='sect1'><h2>Progress</h2>{story}</div>"
    html = _page(
        f"<article><h1>Report</h1><div class='content'>{intro}{patches}{main}</div></article>"
    )
    body = newsclean.extract(html).body
    assert "many patches were sent for review" in body
    assert "What it is" in body and "Paragraph 5 of the report" in body


def _linked_items(titles: list[str]) -> str:
    return "".join(
        f"<li><p><a href='https://git.example/{i}'>{t}</a></p></li>" for i, t in enumerate(titles)
    )


_PATCHES = [
    "compiler: Allow casts between integers and pointers",
    "compiler: Add support for the weak variable attribute",
    "compiler: Fix volatile loads and stores in loops",
]


def test_a_linked_list_that_the_story_introduces_is_kept() -> None:
    html = _page(
        f"<article><h1>Progress report</h1><p>{_PROSE}</p><p>{_sentences(4, 'Month')}</p>"
        f"<p>Many patches were sent for review:</p><ul>{_linked_items(_PATCHES)}</ul>"
        f"<p>{_sentences(3, 'Patch')}</p><p>{_sentences(4, 'Test')}</p></article>"
    )
    body = newsclean.extract(html).body
    assert "compiler: Fix volatile loads and stores in loops" in body


def test_a_linked_list_under_a_related_label_is_dropped() -> None:
    html = _page(
        f"<article><h1>Progress report</h1><p>{_PROSE}</p><p>{_sentences(4, 'Month')}</p>"
        f"<p>{_sentences(3, 'Patch')}</p><p>You may also like:</p>"
        f"<ul>{_linked_items(_PATCHES)}</ul></article>"
    )
    body = newsclean.extract(html).body
    assert "compiler:" not in body


def test_a_section_heading_with_a_subtitle_still_ends_the_story() -> None:
    teaser = "Other news: " + _sentences(2, "Teaser")
    html = _page(
        f"<article><h1>Court ruling</h1><p>{_PROSE}</p><p>{_sentences(4, 'Ruling')}</p>"
        f"<p>{_sentences(3, 'Appeal')}</p><h3>Related — 有關</h3>"
        f"<h4><a href='/x'>Read further in the pursuit of knowledge</a></h4><p>{teaser}</p>"
        "</article>"
    )
    body = newsclean.extract(html).body
    assert "Appeal 2" in body
    assert "Teaser" not in body and "pursuit" not in body


def test_an_inline_related_link_does_not_end_the_story() -> None:
    html = _page(
        f"<article><h1>Court ruling</h1><p>{_PROSE}</p><p>{_sentences(4, 'Ruling')}</p>"
        "<p><strong>Related: <a href='/y'>What the court said</a></strong></p>"
        f"<p>{_sentences(3, 'Appeal')}</p></article>"
    )
    assert "Appeal 2" in newsclean.extract(html).body


def test_more_about_a_topic_with_a_colon_opens_the_other_stories() -> None:
    others = "".join(
        f"<p>Mai {i} 2019, 14:34 | Medien, Politik</p><p>{_sentences(2, f'Other {i}')}</p>"
        for i in range(3)
    )
    html = _page(
        f"<article><h1>Sorgfalt</h1><p>{_PROSE}</p><p>{_sentences(6, 'Text')}</p>"
        f"<p>{_sentences(6, 'Part')}</p><p>{_sentences(6, 'More')}</p>"
        f"<p>Mehr über Medien, Politik, Wirtschaft:</p>{others}"
        "</article>"
    )
    body = newsclean.extract(html).body
    assert "More 5" in body
    assert "Other" not in body and "Mehr über" not in body


def test_more_about_alone_is_the_story_own_label() -> None:
    html = _page(
        f"<article><h1>Release notes</h1><p>{_PROSE}</p><p>{_sentences(4, 'Text')}</p>"
        f"<p>More about:</p><p>{_sentences(4, 'Detail')}</p></article>"
    )
    assert "Detail 3" in newsclean.extract(html).body


def test_ruby_reading_aids_are_not_text() -> None:
    # Furigana over the kanji of a news page for learners, in the headline and the text.
    para = (
        "<p><ruby>子<rt>こ</rt></ruby>どもを<ruby>守<rp>(</rp><rt>まも</rt><rp>)</rp></ruby>"
        "るための<ruby>法律<rt>ほうりつ</rt></ruby>が<ruby>国会<rt>こっかい</rt></ruby>で"
        "<ruby>成立<rt>せいりつ</rt></ruby>しました。{n}つ<ruby>目<rt>め</rt></ruby>の"
        "<ruby>段落<rt>だんらく</rt></ruby>です。</p>"
    )
    html = _page(
        "<article><h1><ruby>法律<rt>ほうりつ</rt></ruby>ができる</h1>"
        + "".join(para.format(n=n) for n in range(4))
        + "</article>",
        title="法律ができる - やさしいニュース",
    )
    article = newsclean.extract(html)
    assert article.title == "法律ができる"
    assert article.paragraphs[0] == "子どもを守るための法律が国会で成立しました。0つ目の段落です。"


def test_a_results_table_of_short_cells_is_the_article() -> None:
    """A meeting's results: headings and a table of places, names, times.

    Each cell is a few bytes, and costed as a label each, the table sank
    below the heading above it, which became the whole body.
    """
    rows = "".join(
        f"<tr><td>{i}.</td><td>Runner {i}, Alex</td><td>HC Harbour</td><td>12,{i:02d}</td>"
        "<td>sec.</td></tr>"
        for i in range(1, 40)
    )
    html = _page(
        "<article><div class='entry-content'>"
        "<h3>Harbour athletics club</h3><h3>County youth championships</h3>"
        f"<table>{rows}</table></div></article>"
        "<aside><p>Sponsored by the harbour bakery, fresh bread every morning.</p></aside>"
    )
    body = newsclean.extract(html, strict=False).body
    assert body.startswith("Harbour athletics club")
    assert "Runner 39, Alex" in body
    assert "bakery" not in body


def test_linked_items_of_a_plain_list_stay_and_a_menu_goes() -> None:
    """A packing list links some items to reviews; a list of links is a menu."""
    packing = (
        "<ul><li><a href='/best-tents'>Tent</a></li><li>Rainfly and a ground sheet</li>"
        "<li><a href='/best-stoves'>Camp stove</a></li><li>Water filter</li>"
        "<li>Head torch with spare batteries</li></ul>"
    )
    menu = (
        "<ul>"
        + "".join(f"<li><a href='/guide/{n}'>Another camping guide {n}</a></li>" for n in range(4))
        + "</ul>"
    )
    html = _page(
        f"<article><h1>A test page</h1><p>{_PROSE}</p><p>What we packed for the trip:</p>"
        f"{packing}<p>{_PROSE} We left at dawn.</p>{menu}</article>"
    )
    paragraphs = newsclean.extract(html).paragraphs
    assert "Tent" in paragraphs
    assert "Camp stove" in paragraphs
    assert not any("Another camping guide" in p for p in paragraphs)


def test_a_support_appeal_inside_the_story_box_goes() -> None:
    """The appeal and the staff list set inside the element that holds the story."""
    story = "".join(f"<p>{_PROSE} Part {n}.</p>" for n in range(5))
    html = _page(
        f"<article><h1>A test page</h1><div itemprop='articleBody'>{story}"
        "<div class='box'><h3>Support our journalism</h3><p>The Courier is independent and "
        "free to read. If you value local reporting, please consider a monthly "
        "contribution.</p><p>Our team: Mara Quill, reporter · Jonas Brandt, editor</p>"
        "</div></div></article>"
    )
    body = newsclean.extract(html).body
    assert "Part 4." in body
    assert "contribution" not in body
    assert "Our team" not in body


def test_teaser_blurbs_after_the_named_story_body_stay_out() -> None:
    """A wrapper holds the story's ``story-body`` and a row of teaser cards after it.

    The blurbs are prose too, and together they made the wrapper outweigh
    the element that names itself the body.
    """
    story = "".join(f"<p>{_PROSE} Paragraph {n} of the story.</p>" for n in range(6))
    cards = "".join(
        f"<div class='t'><h3><a href='/n/{n}'>Other story number {n} about the town</a></h3>"
        f"<p>A teaser blurb of another story, number {n}, in a couple of sentences that read "
        "like prose. It goes on a little.</p></div>"
        for n in range(12)
    )
    html = _page(
        f"<div class='wrap'><h1>A test page</h1><p class='standfirst'>{_PROSE} A standfirst.</p>"
        f"<div class='story-body'>{story}</div>{cards}</div>"
    )
    # Without a date, an author or an address, twelve cards read as a list page.
    body = newsclean.extract(html, strict=False).body
    assert "A standfirst." in body
    assert "Paragraph 5 of the story." in body
    assert "teaser blurb" not in body


def test_a_closing_list_of_paragraph_items_stays() -> None:
    """Generated HTML sets each list item's text in a paragraph (``<li><p>kpp</p></li>``)."""
    sponsors = "".join(f"<li><p>sponsor{n}</p></li>" for n in range(6))
    html = _page(
        f"<article><h1>A test page</h1><p>{_PROSE}</p><p>{_PROSE} It was agreed.</p>"
        f"<p>Thanks to my sponsors:</p><ul>{sponsors}</ul></article>"
    )
    paragraphs = newsclean.extract(html).paragraphs
    assert "Thanks to my sponsors:" in paragraphs
    assert "sponsor5" in paragraphs


def test_a_metered_story_s_subscription_prompts_are_not_body() -> None:
    """A story cut by a meter ends with the site's prompt to subscribe."""
    html = _page(
        f"<article><h1>A test page</h1><p>{_PROSE}</p><p>{_PROSE} It was agreed.</p>"
        "<p>Unlock this article, plus in-depth analysis and newsletters.</p>"
        "<p>To read the rest of this story subscribe to Courier+.</p></article>"
    )
    body = newsclean.extract(html).body
    assert "It was agreed." in body
    assert "Unlock" not in body
    assert "subscribe" not in body
