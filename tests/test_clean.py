"""Cleaning before segmentation: junk removal, boilerplate marks, soft removal."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from newsclean._clean import (
    SLUG_PARTS,
    Marks,
    _is_slug,
    label_kinds,
    mark,
    remove_junk,
    remove_soft,
    word_kinds,
)
from newsclean._rules import rules

PARA = "<p>市政府周三宣布新的交通计划，预计明年春季开始实施，共有十二个区参与试点。</p>"
EN_PARA = (
    "<p>The city council approved a new transport plan on Wednesday, "
    "and work on the first line will begin next spring.</p>"
)


def body(html: str) -> LexborNode:
    root = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    assert root is not None
    return root


def marked(html: str) -> tuple[LexborNode, Marks]:
    root = body(html)
    remove_junk(root, rules())
    return root, mark(root, rules())


def node(root: LexborNode, selector: str) -> LexborNode:
    found = root.css_first(selector)
    assert found is not None, selector
    return found


def ids(nodes: tuple[LexborNode, ...]) -> set[int]:
    return {n.mem_id for n in nodes}


def cleaned(html: str) -> tuple[int, LexborNode]:
    root, marks = marked(html)
    return remove_soft(root, marks), root


# --- remove_junk ----------------------------------------------------------------------


def test_remove_junk_removes_scripts_styles_and_controls() -> None:
    root = body(
        "<script>track()</script><style>p { color: red }</style><noscript>Enable JS</noscript>"
        "<form><input name=q><select><option>One</option></select><textarea>Say</textarea>"
        "<button>Send</button></form>"
        + EN_PARA
        + "<iframe src=/ad></iframe><svg><text>Logo</text></svg>"
    )
    removed = remove_junk(root, rules())
    assert removed == 10
    for tag in ("script", "style", "noscript", "input", "select", "option", "textarea", "button"):
        assert root.css_first(tag) is None, tag
    text = root.text()
    assert "track()" not in text
    assert "Enable JS" not in text
    assert "Send" not in text
    assert "Logo" not in text
    assert "approved a new transport plan" in text


def test_remove_junk_nested_junk_is_freed_once() -> None:
    root = body("<noscript><iframe src=/x></iframe><script>a()</script></noscript>" + PARA)
    assert remove_junk(root, rules()) == 3
    assert root.css_first("noscript") is None
    assert "交通计划" in root.text()


def test_remove_junk_removes_a_form_of_labelled_fields() -> None:
    root = body(
        EN_PARA + "<form><h3>Get our free guide</h3><label>First name *</label><input name=f>"
        "<label>Email *</label><input type=email name=e><p>We never share your address.</p></form>"
    )
    remove_junk(root, rules())
    assert root.css_first("form") is None
    assert "First name" not in root.text()
    assert "approved a new transport plan" in root.text()


def test_remove_junk_keeps_a_page_wide_form() -> None:
    root = body(
        "<form id=page><input type=hidden name=state><label>Search</label><input name=q>"
        f"<div>{EN_PARA}{EN_PARA}</div></form>"
    )
    remove_junk(root, rules())
    assert root.css_first("form") is not None
    assert "approved a new transport plan" in root.text()


def test_remove_junk_keeps_a_long_form() -> None:
    lines = "市政府周三宣布新的交通计划，预计明年春季开始实施。<br>" * 200
    root = body(f"<form><label>Notes</label><input name=n><div>{lines}</div></form>")
    remove_junk(root, rules())
    assert "交通计划" in root.text()


def test_remove_junk_without_junk() -> None:
    root = body(PARA)
    assert remove_junk(root, rules()) == 0
    assert "交通计划" in root.text()


# --- mark -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<div class="share-bar">Share</div>',
        '<div class="related-news">Related</div>',
        '<div id="sidebar">Sidebar</div>',
        '<ul class="breadcrumb"><li>Home</li></ul>',
        '<div class="site-footer">Footer</div>',
        '<div class="comment-list">Comments</div>',
        "<nav>Home World Sport</nav>",
        "<footer>About us</footer>",
        "<aside>More</aside>",
        '<div role="navigation">Menu</div>',
        '<div role="contentinfo">Contact</div>',
        '<div class="ad">Ad</div>',
        '<div class="Newsletter-Signup">Sign up</div>',
    ],
)
def test_mark_soft_boilerplate(html: str) -> None:
    root, marks = marked(html + PARA)
    first = root.child
    assert first is not None
    assert ids(marks.soft) == {first.mem_id}
    assert not marks.hidden
    assert not marks.hints


@pytest.mark.parametrize(
    "html",
    [
        "<div hidden>Copy</div>",
        '<span hidden="hidden">Copy</span>',
        '<div aria-hidden="true">Copy</div>',
        '<div style="display: none">Copy</div>',
        '<div style="color:red;DISPLAY:NONE">Copy</div>',
        '<p style="visibility:hidden">Copy</p>',
        '<div class="sr-only">Copy</div>',
        '<div class="visually-hidden">Copy</div>',
        '<div class="hidden">Copy</div>',
    ],
)
def test_mark_hidden(html: str) -> None:
    root, marks = marked(html + PARA)
    first = root.child
    assert first is not None
    assert ids(marks.soft) == {first.mem_id}
    assert marks.hidden == {first.mem_id}


@pytest.mark.parametrize(
    "html",
    [
        '<div aria-hidden="false">Shown</div>',
        '<div style="display: block">Shown</div>',
        '<div class="overflow-hidden">Shown</div>',
        '<div class="md:hidden">Shown</div>',
        '<div class="hidden-xs">Shown</div>',
    ],
)
def test_mark_visible(html: str) -> None:
    _, marks = marked(html + PARA)
    assert not marks.soft
    assert not marks.hidden


@pytest.mark.parametrize(
    ("html", "selector"),
    [
        ("<figure><img src=a.jpg><figcaption>Trams</figcaption></figure>", "figcaption"),
        ('<div class="photo-caption">Trams</div>', "div"),
        ('<p class="img-desc">Trams</p>', "p"),
        ('<span class="image-credit">AFP</span>', "span"),
        ('<div class="tuzhu">电车</div>', "div"),
    ],
)
def test_mark_captions(html: str, selector: str) -> None:
    root, marks = marked(html + PARA)
    assert marks.captions == {node(root, selector).mem_id}
    assert not marks.soft


@pytest.mark.parametrize(
    ("html", "named"),
    [
        ("<article>" + PARA + "</article>", False),
        ("<main>" + PARA + "</main>", False),
        ('<div role="main">' + PARA + "</div>", False),
        ('<div itemprop="articleBody">' + PARA + "</div>", True),
        ('<div class="article-body">' + PARA + "</div>", True),
        ('<section class="Story-Content">' + PARA + "</section>", True),
        ('<div id="zhengwen">' + PARA + "</div>", True),
    ],
)
def test_mark_content_hints(html: str, named: bool) -> None:
    root, marks = marked(html)
    hint = root.child
    assert hint is not None
    assert marks.hints == {hint.mem_id}
    assert (hint.mem_id in marks.named_hints) is named
    # Every ancestor of a hint is guarded, the hint itself too; its children are not.
    assert {hint.mem_id, root.mem_id} <= marks.guarded
    assert node(root, "p").mem_id not in marks.guarded


def test_content_class_beats_boilerplate_class() -> None:
    root, marks = marked('<div class="article-body share-tools">' + PARA + "</div>")
    div = node(root, "div")
    assert div.mem_id in marks.hints
    assert div.mem_id in marks.named_hints
    assert not marks.soft


def test_boilerplate_class_beats_content_tag() -> None:
    root, marks = marked('<article class="comment">Nice story!</article>' + PARA)
    article = node(root, "article")
    assert ids(marks.soft) == {article.mem_id}
    assert article.mem_id not in marks.hints


def test_comment_body_stays_a_comment() -> None:
    root, marks = marked('<div class="comment-body">Great read.</div>' + PARA)
    assert ids(marks.soft) == {node(root, "div").mem_id}


def test_body_ad_wrapper_is_the_body() -> None:
    _, marks = marked('<div class="body-ad-wrapper">' + PARA + "</div>")
    assert not marks.soft


def test_hidden_beats_content_hint() -> None:
    root, marks = marked('<div class="article-body" hidden>' + PARA + "</div>")
    div = node(root, "div")
    assert div.mem_id in marks.hidden
    assert div.mem_id not in marks.hints


def test_slug_id_names_text_not_a_role() -> None:
    slug = "sharing-the-road-with-trams"
    assert _is_slug(slug)
    _, marks = marked(f'<section id="{slug}">' + PARA + "</section>")
    assert not marks.soft
    # A short id still counts.
    _, marks = marked('<section id="share-tools">' + PARA + "</section>")
    assert len(marks.soft) == 1


@pytest.mark.parametrize(
    ("ident", "slug"),
    [
        ("a-b-c-d", True),
        ("a_b_c_d", True),
        ("a-b-c", SLUG_PARTS <= 3),
        ("related-1-2-3", False),  # digits: a generated id
        ("share", False),
    ],
)
def test_is_slug(ident: str, slug: bool) -> None:
    assert _is_slug(ident) is slug


def test_mark_returns_each_node_once() -> None:
    # Matched by a soft tag, by a class and by a hidden attribute at once.
    root, marks = marked('<aside class="sidebar" style="display:none">More</aside>' + PARA)
    assert [n.mem_id for n in marks.soft] == [node(root, "aside").mem_id]


def test_unmarked_elements() -> None:
    _, marks = marked('<div class="wrapper"><div class="inner">' + PARA + "</div></div>")
    assert marks == Marks((), frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


# --- word_kinds / label_kinds ---------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "kinds"),
    [
        ("ad", {"weak"}),
        ("AD", {"weak"}),
        ("ads", {"weak"}),
        ("ad-free", set()),
        ("headline", set()),  # "ad" and "head" inside a longer word
        ("loader", set()),
        ("shadow", set()),
        ("subnav", set()),
        ("topic", set()),
        ("hidden", {"hidden"}),
        ("is-hidden", {"hidden"}),
        ("overflow-hidden", set()),
        ("md:hidden", set()),
        ("hidden-xs", set()),
        ("share", {"soft"}),
        ("sharebar", {"soft"}),
        ("ad-wrapper", {"weak"}),
        ("article-body", {"content"}),
        ("photo-caption", {"caption"}),
        ("article", {"positive"}),
        ("comment-body", {"soft", "positive"}),
        ("body-ad-wrapper", {"weak", "positive"}),
    ],
)
def test_word_kinds(word: str, kinds: set[str]) -> None:
    assert word_kinds(word) == kinds


@pytest.mark.parametrize(
    ("label", "soft"),
    [
        ("ad", True),
        ("promo", True),
        ("ad story", False),  # a positive token beside a weak one
        ("body-ad-wrapper", False),
        ("comment-body", True),  # a strong token is not undone
        ("sidebar main", True),
        ("headline", False),
        ("overflow-hidden", False),
    ],
)
def test_label_kinds_soft(label: str, soft: bool) -> None:
    assert ("soft" in label_kinds(label)) is soft


# --- remove_soft ----------------------------------------------------------------------


def test_remove_soft_removes_a_share_bar() -> None:
    removed, root = cleaned(
        '<div class="article-body">' + PARA * 3 + "</div>"
        '<div class="share-bar"><a href="/wb">分享到微博</a><a href="/wx">微信</a></div>'
    )
    assert removed == 1
    assert root.css_first(".share-bar") is None
    assert "分享到微博" not in root.text()
    assert "交通计划" in root.text()


def test_remove_soft_removes_hidden_copies() -> None:
    removed, root = cleaned(
        "<article>" + EN_PARA * 3 + "<div hidden>A tram at the depot.</div>"
        '<span style="display:none">Lightbox copy</span></article>'
    )
    assert removed == 2
    assert "A tram at the depot." not in root.text()
    assert "Lightbox copy" not in root.text()


def test_remove_soft_keeps_a_wrapper_holding_a_hint() -> None:
    removed, root = cleaned(
        '<div class="content-sidebar-wrap"><div class="article-body">'
        + PARA * 2
        + "</div></div>"
        + '<div class="sidebar">'
        + PARA
        + "</div>"
    )
    assert removed == 1
    assert root.css_first(".article-body") is not None
    assert root.css_first("div.sidebar") is None


def test_remove_soft_keeps_a_wrapper_holding_most_of_the_page() -> None:
    removed, root = cleaned(
        '<div class="related">' + PARA * 3 + '</div><p>短讯</p><div class="share">分享到微博</div>'
    )
    assert removed == 1
    assert root.css_first(".related") is not None
    assert root.css_first(".share") is None


def test_remove_soft_keeps_a_page_hidden_until_a_script_runs() -> None:
    removed, root = cleaned("<div hidden>" + PARA * 3 + "</div><p>请开启脚本</p>")
    assert removed == 0
    assert "交通计划" in root.text()


def test_remove_soft_share_is_taken_within_the_hinted_element() -> None:
    # Half of the article's text, though a small share of the page: kept.
    page = "<article>" + '<div class="related">' + PARA * 2 + "</div>" + PARA + "</article>"
    removed, root = cleaned(page + "<p>" + "x" * 2000 + "</p>")
    assert removed == 0
    assert root.css_first(".related") is not None
    # A small related box inside the article goes.
    page = "<article>" + '<div class="related">另一条新闻标题</div>' + PARA * 3 + "</article>"
    removed, root = cleaned(page)
    assert removed == 1
    assert root.css_first(".related") is None


def test_remove_soft_a_thread_beside_a_long_story_goes() -> None:
    story = "<article>" + EN_PARA * 25 + "</article>"
    thread = '<div class="comments">' + EN_PARA * 60 + "</div>"
    removed, root = cleaned(story + thread)
    assert removed == 1
    assert root.css_first(".comments") is None
    # Half of an element named as the body stays, a long story beside it or not.
    byline = (
        '<div class="article-body__byline"><div class="inline-byline">By Stella Kim</div>'
        "<span>Dec. 7</span></div>"
    )
    removed, root = cleaned(
        f'<div class="article-body">{byline}<div class="article-body__content">'
        + EN_PARA * 20
        + "</div></div>"
    )
    assert removed == 0
    assert "Stella Kim" in root.text()


def test_remove_soft_nested_soft_nodes() -> None:
    removed, root = cleaned(
        PARA * 3 + '<footer><div class="share">分享</div><nav>首页 国际 体育</nav></footer>'
    )
    assert removed == 3
    assert root.css_first("footer") is None
    assert "交通计划" in root.text()


def test_remove_soft_without_marks() -> None:
    removed, root = cleaned(PARA)
    assert removed == 0
    assert "交通计划" in root.text()
