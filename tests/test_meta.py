"""Page metadata: meta tags, language, canonical link, title, JSON-LD, page URL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsclean
from newsclean._fields.meta import MAX_JSONLD_CHARS, PageMeta, read_meta, read_page_nodes

GIVEN = "https://news.example.com/city/2024/plan.html?utm_source=feed"


def meta(head: str = "", html_attrs: str = "", body: str = "<p>Text.</p>") -> PageMeta:
    return read_meta(
        LexborHTMLParser(f"<html {html_attrs}><head>{head}</head><body>{body}</body></html>")
    )


def ld(obj: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


# --- meta tags ------------------------------------------------------------------------


def test_og_twitter_and_named_meta_tags() -> None:
    m = meta(
        '<meta property="og:title" content="Council approves plan">'
        '<meta name="twitter:title" content="Plan approved">'
        '<meta name="description" content="The council voted on Wednesday.">'
        '<meta itemprop="datePublished" content="2024-03-05T10:00:00+08:00">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00+08:00">'
    )
    assert m.metas == {
        "og:title": "Council approves plan",
        "twitter:title": "Plan approved",
        "description": "The council voted on Wednesday.",
        "datepublished": "2024-03-05T10:00:00+08:00",
        "article:published_time": "2024-03-05T10:00:00+08:00",
    }


def test_meta_names_are_lower_cased_and_the_first_wins() -> None:
    m = meta(
        '<meta property=" OG:Title " content="First">'
        '<meta property="og:title" content="Second">'
        '<meta name="og:title" content="Third">'
    )
    assert m.metas == {"og:title": "First"}


def test_meta_values_have_whitespace_collapsed() -> None:
    m = meta('<meta name="description" content="  The council\n   voted\ton Wednesday. ">')
    assert m.metas["description"] == "The council voted on Wednesday."


@pytest.mark.parametrize(
    "tag",
    [
        '<meta name="author">',
        '<meta name="author" content="">',
        '<meta content="Mei Lin">',
        '<meta charset="utf-8">',
    ],
)
def test_meta_tags_without_name_or_content_are_skipped(tag: str) -> None:
    assert meta(tag).metas == {}


def test_empty_meta_does_not_hide_a_later_one() -> None:
    m = meta('<meta name="author" content=""><meta name="author" content="Mei Lin">')
    assert m.metas == {"author": "Mei Lin"}


def test_http_equiv() -> None:
    m = meta('<meta http-equiv="Content-Language" content="zh-CN">')
    assert m.metas == {"http-equiv:content-language": "zh-CN"}
    assert m.first("http-equiv:content-language") == "zh-CN"


def test_first() -> None:
    m = PageMeta(metas={"og:title": "OG", "twitter:title": "TW", "description": ""})
    assert m.first("og:title", "twitter:title") == "OG"
    assert m.first("missing", "twitter:title", "og:title") == "TW"
    assert m.first("description") is None
    assert m.first("missing") is None
    assert m.first() is None


# --- lang, title, canonical -----------------------------------------------------------


@pytest.mark.parametrize(
    ("attrs", "lang"),
    [
        ('lang="zh-CN"', "zh-CN"),
        ('xml:lang="en-GB"', "en-GB"),
        ('lang="" xml:lang="fr"', "fr"),
        ('lang=""', None),
        ("", None),
    ],
)
def test_lang(attrs: str, lang: str | None) -> None:
    assert meta(html_attrs=attrs).lang == lang


def test_doc_title_whitespace_collapsed() -> None:
    assert meta("<title>  交通计划公布 |\n  新闻网 </title>").doc_title == "交通计划公布 | 新闻网"
    assert meta().doc_title is None


def test_title_in_body_is_not_the_document_title() -> None:
    m = meta(body="<svg><title>Icon</title></svg><p>Text.</p>")
    assert m.doc_title is None


def test_canonical() -> None:
    m = meta('<link rel="canonical" href="https://news.example.com/plan.html">')
    assert m.canonical == "https://news.example.com/plan.html"
    assert meta('<link rel="canonical">').canonical is None
    assert meta('<link rel="alternate" href="/amp.html">').canonical is None


# --- page_url -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("canonical", "given", "url"),
    [
        ("https://news.example.com/plan.html", GIVEN, "https://news.example.com/plan.html"),
        ("https://news.example.com/plan.html", None, "https://news.example.com/plan.html"),
        ("  http://news.example.com/plan.html ", GIVEN, "http://news.example.com/plan.html"),
        ("/news/plan.html", GIVEN, "https://news.example.com/news/plan.html"),
        ("plan-final.html", GIVEN, "https://news.example.com/city/2024/plan-final.html"),
        ("//cdn.example.com/plan.html", GIVEN, "https://cdn.example.com/plan.html"),
        ("/news/plan.html", None, None),
        ("javascript:void(0)", GIVEN, GIVEN),
        ("data:text/html,x", GIVEN, GIVEN),
        ("#top", GIVEN, GIVEN),
        ("", GIVEN, GIVEN),
        ("   ", GIVEN, GIVEN),
        (None, GIVEN, GIVEN),
        (None, None, None),
    ],
)
def test_page_url(canonical: str | None, given: str | None, url: str | None) -> None:
    assert PageMeta(canonical=canonical).page_url(given) == url


def test_page_url_scheme_is_case_insensitive() -> None:
    assert PageMeta(canonical="JavaScript:void(0)").page_url(GIVEN) == GIVEN


def test_extract_uses_the_canonical_url() -> None:
    body = "".join(
        f"<p>The city council approved a new transport plan on Wednesday, and work on "
        f"line {i} will begin next spring, officials said.</p>"
        for i in range(5)
    )
    html = (
        '<html><head><title>Plan</title><link rel="canonical" href="/news/plan.html">'
        f"</head><body><article>{body}</article></body></html>"
    )
    assert newsclean.extract(html, url=GIVEN).url == "https://news.example.com/news/plan.html"
    assert newsclean.extract(html).url is None


# --- JSON-LD --------------------------------------------------------------------------


def test_jsonld_article() -> None:
    obj = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "交通计划"}
    assert meta(ld(obj)).jsonld == obj


@pytest.mark.parametrize(
    "kind", ["Article", "NewsArticle", "newsarticle", "BlogPosting", "ReportageNewsArticle"]
)
def test_jsonld_article_types(kind: str) -> None:
    assert meta(ld({"@type": kind, "headline": "H"})).jsonld["headline"] == "H"


def test_jsonld_type_list() -> None:
    obj = {"@type": ["Thing", "NewsArticle"], "headline": "H"}
    assert meta(ld(obj)).jsonld == obj


def test_jsonld_first_article_of_a_list() -> None:
    data = [
        {"@type": "Organization", "name": "Harbour Times"},
        {"@type": "NewsArticle", "headline": "First"},
        {"@type": "NewsArticle", "headline": "Second"},
    ]
    assert meta(ld(data)).jsonld["headline"] == "First"


def test_jsonld_graph() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Harbour Times"},
            {"@type": "NewsArticle", "headline": "In the graph"},
        ],
    }
    assert meta(ld(data)).jsonld["headline"] == "In the graph"


def test_jsonld_later_script_when_the_first_has_no_article() -> None:
    head = (
        '<script type="application/ld+json">{not json</script>'
        + ld({"@type": "BreadcrumbList", "itemListElement": []})
        + ld({"@type": "NewsArticle", "headline": "Third script"})
    )
    assert meta(head).jsonld["headline"] == "Third script"


def test_jsonld_with_a_raw_line_break_in_a_string() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A\nB"}</script>'
    )
    assert meta(head).jsonld["headline"] == "A\nB"


def test_jsonld_in_the_body() -> None:
    m = meta(body=ld({"@type": "NewsArticle", "headline": "Body script"}) + "<p>Text.</p>")
    assert m.jsonld["headline"] == "Body script"


@pytest.mark.parametrize(
    "head",
    [
        "",
        '<script type="application/ld+json"></script>',
        '<script type="application/ld+json">{"@type": "NewsArticle",</script>',
        '<script type="application/ld+json">"just a string"</script>',
        '<script type="application/json">{"@type": "NewsArticle"}</script>',
        ld({"@type": "Organization", "name": "Harbour Times"}),
        ld({"@type": 42}),
        ld({"headline": "No type"}),
    ],
)
def test_jsonld_none(head: str) -> None:
    assert meta(head).jsonld == {}


def test_jsonld_too_deep_is_not_searched() -> None:
    data: Any = {"@type": "NewsArticle", "headline": "Deep"}
    for _ in range(6):
        data = [data]
    assert meta(ld(data)).jsonld == {}


def test_jsonld_too_large_is_skipped() -> None:
    big = {"@type": "NewsArticle", "headline": "Big", "articleBody": "x" * MAX_JSONLD_CHARS}
    small = {"@type": "NewsArticle", "headline": "Small"}
    assert meta(ld(big) + ld(small)).jsonld["headline"] == "Small"


def test_page_meta_defaults() -> None:
    m = PageMeta()
    assert (m.metas, m.lang, m.canonical, m.doc_title, m.jsonld) == ({}, None, None, None, {})


def test_jsonld_article_wins_over_an_earlier_webpage() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "WebPage", "name": "Site"}</script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",'
        ' "datePublished": "2024-03-12"}</script>'
    )
    meta = read_meta(LexborHTMLParser(f"<html><head>{head}</head><body></body></html>"))
    assert meta.jsonld.get("headline") == "H"


def test_jsonld_webpage_when_no_article() -> None:
    head = '<script type="application/ld+json">{"@type": "WebPage", "name": "Site"}</script>'
    meta = read_meta(LexborHTMLParser(f"<html><head>{head}</head><body></body></html>"))
    assert meta.jsonld.get("name") == "Site"


def test_read_page_nodes_finds_the_headings_in_one_walk() -> None:
    head = '<meta property="og:title" content="Plan">' + ld({"@type": "NewsArticle"})
    body = '<h1>Plan</h1><p>Text.</p><meta itemprop="author" content="Li"><h1>Other</h1>'
    tree = LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>")
    page, h1s, _, _ = read_page_nodes(tree)
    assert page == read_meta(tree)
    assert page.metas == {"og:title": "Plan", "author": "Li"}
    assert page.jsonld == {"@type": "NewsArticle"}
    assert [n.text() for n in h1s] == ["Plan", "Other"]
