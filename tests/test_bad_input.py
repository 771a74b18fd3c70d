"""Hostile and broken input: ``extract`` answers with a record or ``NoArticleError``.

A crawler feeds the extractor whatever a server sent: empty bodies, binary
files labelled text/html, megabytes of markup, pathological nesting, broken
encodings. None of that may crash the caller with an unexpected exception or
hang a worker, so every case here checks that the outcome is an ``Article``
or a ``NoArticleError`` and nothing else, within a wall-clock bound.

The bound (``HANG_GUARD_S``) is a guard against runaway algorithms, not a
benchmark: it is far above the expected time so that a loaded CI machine
does not make the tests flaky.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import Article, NoArticleError

HANG_GUARD_S = 10.0
URL = "https://example.com/news/2024/06/19/harbour"

_SENTENCES = (
    "The harbour council met on evening {n} to discuss the budget for the old district.",
    "Members argued for {n} minutes about the cost of dredging the channel near the pier.",
    "A resident who has lived on the quay for {n} years said the water was never so shallow.",
    "The mayor promised a report on the {n} bids before the next session of the council.",
)
ARTICLE_TEXT = " ".join(s.format(n=k + 3) for k, s in enumerate(_SENTENCES))

Outcome = Article | NoArticleError


def paragraph(i: int) -> str:
    """A distinct paragraph: identical ones would be folded into one as repeats."""
    return "<p>" + " ".join(s.format(n=i * 7 + k) for k, s in enumerate(_SENTENCES)) + "</p>\n"


def page(body: str, head: str = "") -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Harbour budget</title>"
        f"{head}</head><body>{body}</body></html>"
    )


def check_outcome(result: Outcome, url: str | None) -> None:
    """The invariants of either outcome."""
    if isinstance(result, NoArticleError):
        assert result.url == url
        return
    assert isinstance(result, Article)
    # A record always has text: a page without any gets NoArticleError instead.
    assert result.body.strip()
    assert result.body == "\n".join(result.paragraphs)


def run(data: str | bytes, url: str | None = URL) -> Outcome:
    """Extract within the hang guard; any exception but NoArticleError fails the test."""
    start = time.perf_counter()
    try:
        result: Outcome = newsclean.extract(data, url=url)
    except NoArticleError as exc:
        result = exc
    elapsed = time.perf_counter() - start
    assert elapsed < HANG_GUARD_S, f"extract took {elapsed:.1f} s"
    check_outcome(result, url)
    return result


def expect_article(data: str | bytes) -> Article:
    result = run(data)
    assert isinstance(result, Article), f"expected an Article, got {result!r}"
    return result


def expect_no_article(data: str | bytes) -> None:
    result = run(data)
    assert isinstance(result, NoArticleError), f"expected NoArticleError, got {result!r}"


# --------------------------------------------------------------------------- empty


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("", id="empty-str"),
        pytest.param("   \n\t ", id="whitespace"),
        pytest.param(b"", id="empty-bytes"),
        pytest.param(b" \r\n\t\x0c", id="whitespace-bytes"),
        pytest.param("<html><head></head><body></body></html>", id="empty-skeleton"),
    ],
)
def test_empty_input(data: str | bytes) -> None:
    expect_no_article(data)


# --------------------------------------------------------------------------- binary


def test_random_bytes() -> None:
    data = random.Random(20240619).randbytes(200_000)
    run(data)


def test_pdf_served_as_html() -> None:
    data = (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Length 4096 /Filter /FlateDecode >>\nstream\n"
        + random.Random(17).randbytes(60_000)
        + b"\nendstream\nendobj\n%%EOF\n"
    )
    expect_no_article(data)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            page(f"<article><p>{ARTICLE_TEXT[:80]}\x00{ARTICLE_TEXT[80:]}</p></article>"), id="str"
        ),
        pytest.param(
            page(f"<article><p>{ARTICLE_TEXT[:80]}\x00{ARTICLE_TEXT[80:]}</p></article>").encode(),
            id="bytes",
        ),
    ],
)
def test_nul_byte_inside_page(data: str | bytes) -> None:
    article = expect_article(data)
    assert "\x00" not in article.body
    assert "next session of the council" in article.body


# --------------------------------------------------------------------------- size


def test_twenty_megabyte_page() -> None:
    parts: list[str] = []
    size = 0
    while size < 20_000_000:
        parts.append(paragraph(len(parts)))
        size += len(parts[-1])
    html = page(
        "<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        "<article><h1>Harbour budget</h1>" + "".join(parts) + "</article>"
        "<footer>Contact us</footer>"
    )
    article = expect_article(html.encode("utf-8"))
    assert len(article.paragraphs) == len(parts)


def test_one_megabyte_single_line_paragraph() -> None:
    words = " ".join(f"harbour{i % 97}" for i in range(110_000))
    assert len(words) > 1_000_000
    article = expect_article(page(f"<article><h1>Harbour budget</h1><p>{words}</p></article>"))
    assert len(article.body) > 1_000_000


# --------------------------------------------------------------------------- nesting


def test_ten_thousand_nested_divs_text_at_bottom() -> None:
    html = page("<div>" * 10_000 + f"<p>{ARTICLE_TEXT}</p>" + "</div>" * 10_000)
    article = expect_article(html)
    assert "cost of dredging" in article.body


def test_ten_thousand_nested_divs_each_with_text() -> None:
    body = "".join(f"<div>Line {i} of the harbour story. " for i in range(10_000))
    run(page(body + "</div>" * 10_000))


def test_ten_thousand_unclosed_nested_divs() -> None:
    run(page("<div>" * 10_000 + ARTICLE_TEXT))


def test_deeply_nested_inline_tags() -> None:
    html = page("<p>" + "<b><i><span>" * 5_000 + ARTICLE_TEXT + "</span></i></b>" * 5_000 + "</p>")
    article = expect_article(html)
    assert "cost of dredging" in article.body


def test_deeply_nested_unclosed_inline_tags() -> None:
    run(page("<p>" + "<b><i><span>" * 5_000 + ARTICLE_TEXT))


# --------------------------------------------------------------------------- broken markup


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<html><body><p>text <b>bold <i>it", id="unclosed-tags"),
        pytest.param(
            f"<html><body><article><p>{ARTICLE_TEXT}<p>{ARTICLE_TEXT[::-1]}", id="unclosed-article"
        ),
        pytest.param(
            f"<p>{ARTICLE_TEXT}</b></i></div></article></body></html></html>", id="stray-end-tags"
        ),
        pytest.param(f"<html><body><p class='a {ARTICLE_TEXT}", id="unterminated-attribute"),
        pytest.param(f"<html><body><!-- {ARTICLE_TEXT}", id="unterminated-comment"),
        pytest.param(f"<<<>>><p>{ARTICLE_TEXT}</p><//p><p <p>>", id="angle-bracket-soup"),
        pytest.param(f"<table><p>{ARTICLE_TEXT}<tr><td><table><td>", id="misnested-table"),
    ],
)
def test_broken_markup(html: str) -> None:
    run(html)


def test_unclosed_tags_keep_their_text() -> None:
    article = expect_article("<html><body><p>text <b>bold <i>it")
    assert "bold" in article.body


# --------------------------------------------------------------------------- not articles


def test_frameset_page() -> None:
    expect_no_article(
        "<!DOCTYPE html PUBLIC '-//W3C//DTD HTML 4.01 Frameset//EN'><html><head>"
        "<title>Harbour Gazette</title></head>"
        "<frameset cols='20%,80%'><frame src='menu.html' name='menu'>"
        "<frame src='front.html' name='main'>"
        "<noframes>Your browser does not support frames.</noframes></frameset></html>"
    )


def test_scripts_and_styles_only() -> None:
    expect_no_article(
        "<html><head><style>body { margin: 0 } .lead { font-size: 2em }</style>"
        "<script>window.dataLayer = window.dataLayer || [];</script></head><body>"
        "<script>document.write('<p>' + 'The harbour council met on Tuesday.' + '</p>');</script>"
        "<style>p::after { content: 'The harbour council met on Tuesday evening.' }</style>"
        '<script type=\'application/json\'>{"text": "The council argued for hours."}</script>'
        "<noscript><img src='/pixel.gif'></noscript></body></html>"
    )


def test_login_wall() -> None:
    # Either outcome is acceptable here; the page must simply not crash anything.
    run(
        page(
            "<main><h1>Please log in</h1>"
            "<form method='post' action='/login'>"
            "<label>E-mail <input type='email' name='email'></label>"
            "<label>Password <input type='password' name='password'></label>"
            "<button type='submit'>Log in</button></form>"
            "<a href='/forgot'>Forgot your password?</a></main>"
        )
    )


# --------------------------------------------------------------------------- encodings


def test_invalid_bytes_in_gbk_page() -> None:
    before = "港口委员会周二晚上开会讨论新的预算，议员们就疏浚费用争论了三个小时。"
    after = "委员会最后决定推迟表决，等待更详细的工程报告，并请市民提出意见。"
    data = (
        b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
        + "<title>港口预算</title></head><body><div id='content'><p>".encode("gbk")
        + before.encode("gbk")
        # Lead bytes without a valid trail byte, and bytes GBK never uses.
        + b"\x81\x20\xff\xfe\x80\xa1"
        + after.encode("gbk")
        + "</p><p>".encode("gbk")
        + (before + after).encode("gbk")
        + b"</p></div></body></html>"
    )
    article = expect_article(data)
    assert before in article.body
    assert after in article.body


# --------------------------------------------------------------------------- JSON-LD


def _with_json_ld(payload: str) -> str:
    return page(
        f"<article><h1>Harbour budget</h1><p>{ARTICLE_TEXT}</p></article>",
        head=f'<script type="application/ld+json">{payload}</script>',
    )


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(
            '{"@type": "NewsArticle", "headline": "Harbour", "datePublished": ', id="truncated"
        ),
        pytest.param("{'@type': 'NewsArticle', headline: Harbour,}", id="not-json"),
        pytest.param("[" * 10_000 + "]" * 10_000, id="deep-array"),
        pytest.param("[" * 10_000, id="deep-array-unclosed"),
        pytest.param('{"a":' * 10_000 + "1" + "}" * 10_000, id="deep-object"),
        pytest.param(
            '{"@type": "NewsArticle", "author": '
            + "[" * 10_000
            + '{"name": "X"}'
            + "]" * 10_000
            + "}",
            id="deep-author",
        ),
        pytest.param(
            '{"@type": "NewsArticle", "headline": 42, "datePublished": ["2024-13-45"],'
            ' "author": {"name": null}, "image": [null, 1, {"url": {}}]}',
            id="wrong-types",
        ),
        pytest.param('"just a string"', id="bare-string"),
        pytest.param("", id="empty"),
    ],
)
def test_malformed_json_ld(payload: str) -> None:
    article = expect_article(_with_json_ld(payload))
    assert "cost of dredging" in article.body


# --------------------------------------------------------------------------- property-based

_HTMLISH_TOKENS = (
    "<html>",
    "</html>",
    "<head>",
    "</head>",
    "<body>",
    "</body>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<span>",
    "</span>",
    "<b>",
    "<i>",
    "<a href='/x'>",
    "</a>",
    "<br>",
    "<h1>",
    "</h1>",
    "<article>",
    "</article>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "<ul>",
    "<li>",
    "<figure>",
    "<figcaption>",
    "</figcaption>",
    "<img src='/a.jpg' alt='photo'>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<frameset>",
    "<frame src='a'>",
    "<noscript>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<meta charset='gb2312'>",
    "<meta property='og:title' content='",
    '<script type="application/ld+json">',
    '{"@type": "NewsArticle", "headline": "',
    "[",
    "{",
    '"',
    "'",
    "&nbsp;",
    "&#0;",
    "&#x4e2d;",
    "&amp",
    "\x00",
    "\ufffd",
    "\n",
    " ",
    "(Reuters) - ",
    "新华社北京6月19日电",
    "（记者 李明）",
    "责任编辑：王芳",
    "图为港口。（新华社记者 摄）",
    ARTICLE_TEXT,
    "The council met. ",
    "港口委员会开会。",
)
_htmlish = st.lists(
    st.one_of(st.sampled_from(_HTMLISH_TOKENS), st.text(max_size=12)), max_size=120
).map("".join)
_encode: st.SearchStrategy[Callable[[str], str | bytes]] = st.sampled_from(
    [lambda s: s, lambda s: s.encode("utf-8"), lambda s: s.encode("gb18030")]
)

_PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_PROPERTY_SETTINGS
@given(st.binary(max_size=5000))
def test_any_bytes(data: bytes) -> None:
    run(data)


@_PROPERTY_SETTINGS
@given(st.text(max_size=3000))
def test_any_text(text: str) -> None:
    run(text)


@_PROPERTY_SETTINGS
@given(_htmlish, _encode)
def test_htmlish_soup(text: str, encode: Callable[[str], str | bytes]) -> None:
    run(encode(text))


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_ARTICLE_KEYS = ("author", "publisher", "datePublished", "headline", "@id", "@graph", "name")


@_PROPERTY_SETTINGS
@given(st.dictionaries(st.sampled_from(_ARTICLE_KEYS), _json, max_size=5))
def test_any_json_ld_article_object(fields: dict[str, object]) -> None:
    # Whatever a page's JSON-LD holds where the readers look, the article still comes out.
    payload = json.dumps({"@type": "NewsArticle", **fields})
    article = expect_article(_with_json_ld(payload))
    assert "cost of dredging" in article.body
