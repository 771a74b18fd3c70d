"""Publish and modification dates: sources, formats, time zones, sanity limits."""

from __future__ import annotations

import datetime as dt

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean._fields.dates import (
    date_after_label,
    date_from_text,
    date_from_url,
    day_first,
    find_modified,
    find_published,
    in_site_zone,
    parse_iso,
    parse_value,
    plausible,
    short_year_date,
)
from newsclean._fields.meta import PageMeta, read_meta
from newsclean._rules import load_json

NOW = dt.datetime(2024, 7, 1, 12, 0, tzinfo=dt.timezone.utc)
CST = dt.timezone(dt.timedelta(hours=8))


def page(
    head: str = "", body: str = "", lang: str | None = None
) -> tuple[PageMeta, LexborHTMLParser]:
    attr = f' lang="{lang}"' if lang else ""
    tree = LexborHTMLParser(f"<html{attr}><head>{head}</head><body>{body}</body></html>")
    return read_meta(tree), tree


def published(head: str = "", body: str = "", **kwargs: str | None) -> dt.datetime | None:
    lang = kwargs.pop("lang", None)
    meta, tree = page(head, body, lang)
    return find_published(meta, tree, now=NOW, **kwargs)


# --- visible text ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2024年6月19日 08:15", None, dt.datetime(2024, 6, 19, 8, 15)),
        ("2024年06月19日", None, dt.datetime(2024, 6, 19)),
        ("2024年6月19日08时15分", None, dt.datetime(2024, 6, 19, 8, 15)),
        ("2024年6月19日 下午2:02", None, dt.datetime(2024, 6, 19, 14, 2)),
        ("2024-06-19 08:15", None, dt.datetime(2024, 6, 19, 8, 15)),
        ("2024-06-19 08:15:30", None, dt.datetime(2024, 6, 19, 8, 15, 30)),
        ("2024/06/19", None, dt.datetime(2024, 6, 19)),
        ("2024.06.19", None, dt.datetime(2024, 6, 19)),
        ("19 June 2024", None, dt.datetime(2024, 6, 19)),
        ("June 19, 2024", "en", dt.datetime(2024, 6, 19)),
        ("Jun. 19, 2024 8:15 PM", "en-US", dt.datetime(2024, 6, 19, 20, 15)),
        ("Jun 19, 2024, 12:05 a.m.", None, dt.datetime(2024, 6, 19, 0, 5)),
        ("19.06.2024", "de", dt.datetime(2024, 6, 19)),
        ("19. Juni 2024, 08:15 Uhr", "de", dt.datetime(2024, 6, 19, 8, 15)),
        ("le 19 juin 2024 à 8h15", "fr", dt.datetime(2024, 6, 19, 8, 15)),
        ("19 de junio de 2024", "es", dt.datetime(2024, 6, 19)),
        ("06/19/2024", "en-US", dt.datetime(2024, 6, 19)),
        ("19/06/2024", "en-GB", dt.datetime(2024, 6, 19)),
        ("发布时间：2024-06-19 08:15　来源：新华网", "zh-CN", dt.datetime(2024, 6, 19, 8, 15)),
    ],
)
def test_date_from_text_formats(text: str, language: str | None, expected: dt.datetime) -> None:
    assert date_from_text(text, language, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-19T08:15:00+08:00", dt.datetime(2024, 6, 19, 8, 15, tzinfo=CST)),
        ("2024-06-19 08:15 +0800", dt.datetime(2024, 6, 19, 8, 15, tzinfo=CST)),
        ("2024-06-19T00:15:00Z", dt.datetime(2024, 6, 19, 0, 15, tzinfo=dt.timezone.utc)),
        ("March 5, 2024 8:12 AM GMT", dt.datetime(2024, 3, 5, 8, 12, tzinfo=dt.timezone.utc)),
        ("Wed, 19 Jun 2024 08:15:00 +0800", dt.datetime(2024, 6, 19, 8, 15, tzinfo=CST)),
        ("2024-06-19 08:15 UTC+8", dt.datetime(2024, 6, 19, 8, 15, tzinfo=CST)),
    ],
)
def test_offsets_make_aware_datetimes(text: str, expected: dt.datetime) -> None:
    found = date_from_text(text, now=NOW)
    assert found == expected
    assert found is not None and found.utcoffset() == expected.utcoffset()


def test_no_offset_gives_naive_datetime() -> None:
    found = date_from_text("2024-06-19 08:15", now=NOW)
    assert found is not None and found.tzinfo is None


def test_a_time_range_is_not_an_offset() -> None:
    assert date_from_text("2024-06-19 19:00-20:00", now=NOW) == dt.datetime(2024, 6, 19, 19, 0)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en-US", dt.datetime(2024, 3, 4)),
        ("en_US", dt.datetime(2024, 3, 4)),
        ("en-GB", dt.datetime(2024, 4, 3)),
        ("de", dt.datetime(2024, 4, 3)),
        ("fr-FR", dt.datetime(2024, 4, 3)),
        ("es", dt.datetime(2024, 4, 3)),
        ("zh-Hant-HK", dt.datetime(2024, 4, 3)),
        ("en", None),
        (None, None),
    ],
)
def test_day_month_order_follows_language(language: str | None, expected: dt.datetime) -> None:
    assert date_from_text("03/04/2024", language, now=NOW) == expected


def test_unambiguous_numeric_dates_need_no_language() -> None:
    assert date_from_text("19/06/2024", now=NOW) == dt.datetime(2024, 6, 19)
    assert date_from_text("06/19/2024", now=NOW) == dt.datetime(2024, 6, 19)
    # Dots are a day-first convention.
    assert date_from_text("05.06.2024", now=NOW) == dt.datetime(2024, 6, 5)
    assert date_from_text("05.06.2024", "en-US", now=NOW) == dt.datetime(2024, 5, 6)


def test_day_first_table() -> None:
    assert day_first("en-US") is False
    assert day_first("en-GB") is True
    assert day_first("en") is None
    assert day_first(None) is None


@pytest.mark.parametrize(
    "text",
    ["6月19日 08:15", "Updated 2 hours ago", "4 min read", "June 2024", "2024", "2024-13-45", ""],
)
def test_text_without_a_full_date_gives_nothing(text: str) -> None:
    assert date_from_text(text, "en", now=NOW) is None


def test_earliest_date_in_text_wins() -> None:
    text = "2024-06-18 09:00 发布　2024-06-19 10:00 更新"
    assert date_from_text(text, now=NOW) == dt.datetime(2024, 6, 18, 9, 0)


def test_month_names_mean_one_month_in_every_language() -> None:
    months: dict[str, int] = {}
    for groups in load_json("dates.json")["months"].values():
        assert len(groups) == 12
        for number, names in enumerate(groups, start=1):
            for name in names:
                assert months.setdefault(name, number) == number, name


# --- limits -----------------------------------------------------------------


def test_rejects_1989_and_the_future() -> None:
    assert date_from_text("1989-06-19", now=NOW) is None
    assert date_from_text("2024-07-03", now=NOW) is None
    assert date_from_text("2024-07-02 06:00", now=NOW) == dt.datetime(2024, 7, 2, 6, 0)
    assert parse_iso("1989-12-31T23:00:00Z", NOW) is None
    assert plausible(dt.datetime(1990, 1, 1), NOW)
    assert not plausible(dt.datetime(2024, 7, 2, 12, 1, tzinfo=dt.timezone.utc), NOW)


def test_implausible_source_falls_through_to_the_next() -> None:
    head = (
        '<meta property="article:published_time" content="1989-06-19T00:00:00Z">'
        '<meta name="pubdate" content="2030-01-01">'
        '<meta name="publishdate" content="2024-06-19 08:15:00">'
    )
    assert published(head) == dt.datetime(2024, 6, 19, 8, 15)


def test_default_now_is_today() -> None:
    meta, tree = page('<meta name="date" content="2099-01-01">', "<p>x</p>")
    assert find_published(meta, tree) is None
    meta, tree = page('<meta name="date" content="2020-01-01">', "<p>x</p>")
    assert find_published(meta, tree) == dt.datetime(2020, 1, 1)


# --- machine-written values -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-19", dt.datetime(2024, 6, 19)),
        ("2024-06-19T08:15:00.000+0800", dt.datetime(2024, 6, 19, 8, 15, tzinfo=CST)),
        ("20240619", dt.datetime(2024, 6, 19)),
        ("1718764500", dt.datetime(2024, 6, 19, 2, 35, tzinfo=dt.timezone.utc)),
        ("1718764500000", dt.datetime(2024, 6, 19, 2, 35, tzinfo=dt.timezone.utc)),
        ("2024/06/19 08:15", dt.datetime(2024, 6, 19, 8, 15)),
        ("2024-06-19 08:15 PM", dt.datetime(2024, 6, 19, 20, 15)),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_value(value: str, expected: dt.datetime | None) -> None:
    assert parse_value(value, now=NOW) == expected


# --- URL ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/world/2024/06/19/putin-visit", dt.datetime(2024, 6, 19)),
        ("https://x.example/world/2024/06/19", dt.datetime(2024, 6, 19)),
        ("https://x.example/20240619/a.html", dt.datetime(2024, 6, 19)),
        ("https://x.example/world/bike-lanes-2024-06-19/", dt.datetime(2024, 6, 19)),
        ("https://x.example/2024-06-19/story", dt.datetime(2024, 6, 19)),
        ("https://x.example/guoji/2024/0619/187354.html", dt.datetime(2024, 6, 19)),
        ("https://x.example/2024-06/19/c_1130.htm", dt.datetime(2024, 6, 19)),
        ("https://x.example/gov/t20240619_5501234.htm", dt.datetime(2024, 6, 19)),
    ],
)
def test_date_from_url(url: str, expected: dt.datetime) -> None:
    assert date_from_url(url, now=NOW) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://x.example/2024/06/",
        "https://x.example/2024/06/story.html",
        "https://x.example/2024/06/1.html",
        "https://x.example/2024/06/123456.html",
        "https://x.example/post/5512087",
        "https://x.example/1989/06/04/a",
        "https://x.example/2024/13/45/a",
        "https://x.example/a?date=2024-06-19",
        None,
    ],
)
def test_url_never_invents_a_day(url: str | None) -> None:
    assert date_from_url(url, now=NOW) is None


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("https://x.example/news/meldungen/29-10-2021", None, dt.datetime(2021, 10, 29)),
        ("https://x.example/news/meldungen/05-10-2021", "de", dt.datetime(2021, 10, 5)),
        ("https://x.example/news/notes-05-10-2021", "en-US", dt.datetime(2021, 5, 10)),
        ("https://x.example/news/bericht_05.10.2021.html", None, dt.datetime(2021, 10, 5)),
        # The order is not known: no date.
        ("https://x.example/news/05-10-2021", None, None),
        ("https://x.example/news/05-10-2021", "en", None),
    ],
)
def test_url_with_the_year_last_follows_the_page_order(
    url: str, language: str | None, expected: dt.datetime | None
) -> None:
    assert date_from_url(url, now=NOW, language=language) == expected


# --- the page ---------------------------------------------------------------

JSONLD = (
    '<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
    '{"@type":"WebSite","name":"S"},'
    '{"@type":"NewsArticle","datePublished":"2024-06-19T10:35:00+08:00",'
    '"dateModified":"2024-06-19T14:02:00+08:00"}]}</script>'
)


def test_jsonld_wins_over_meta_and_time() -> None:
    head = JSONLD + '<meta property="article:published_time" content="2024-06-18T09:00:00Z">'
    body = '<h1>T</h1><time datetime="2024-06-17T08:00:00Z">17 June</time>'
    assert published(head, body, url="https://x.example/2024/06/16/a") == dt.datetime(
        2024, 6, 19, 10, 35, tzinfo=CST
    )


def test_meta_order_and_keys() -> None:
    head = (
        '<meta name="date" content="2024-06-10">'
        '<meta itemprop="datePublished" content="2024-06-12T08:00:00+08:00">'
    )
    assert published(head) == dt.datetime(2024, 6, 12, 8, 0, tzinfo=CST)
    assert published('<meta name="publishdate" content="2025-03-05 16:42:10">') is None
    assert published('<meta name="publishdate" content="2024-03-05 16:42:10">') == dt.datetime(
        2024, 3, 5, 16, 42, 10
    )
    weibo = '<meta property="weibo: article:create_at" content="2024-06-19 08:15:00">'
    assert published(weibo) == dt.datetime(2024, 6, 19, 8, 15)
    assert published('<meta name="parsely-pub-date" content="2024-06-19T08:15:00Z">') is not None
    assert published('<meta name="sailthru.date" content="2024-06-19 08:15:00">') is not None


def test_time_element_prefers_the_published_one() -> None:
    body = (
        '<h1>T</h1><time datetime="2024-06-01">related</time>'
        '<time class="entry-date published" datetime="2024-06-19T08:00:00Z">x</time>'
    )
    assert published(body=body) == dt.datetime(2024, 6, 19, 8, 0, tzinfo=dt.timezone.utc)
    body = (
        '<time datetime="2024-06-01">a</time><time itemprop="datePublished" datetime="2024-06-19">'
    )
    assert published(body=body) == dt.datetime(2024, 6, 19)


def test_time_element_plain_first_and_never_an_update() -> None:
    body = (
        '<time class="updated" datetime="2024-06-20">u</time>'
        '<time datetime="2024-06-19T10:35:00+08:00">2024年6月19日</time>'
        '<time datetime="2024-06-18">x</time>'
    )
    assert published(body=body) == dt.datetime(2024, 6, 19, 10, 35, tzinfo=CST)


def test_time_element_after_the_headline_wins_over_the_masthead() -> None:
    body = (
        '<header><time datetime="2024-06-30">Sunday 30 June 2024</time></header>'
        '<h1>T</h1><time datetime="2024-06-19T08:00:00Z">19 June</time>'
    )
    assert published(body=body) == dt.datetime(2024, 6, 19, 8, 0, tzinfo=dt.timezone.utc)
    assert published(body='<time datetime="2024-06-30">today</time><p>x</p>') == dt.datetime(
        2024, 6, 30
    )


def test_date_line_text_after_the_headline() -> None:
    body = (
        '<div class="top-date">2024年6月30日 星期日</div>'
        "<h1>标题</h1>"
        '<div class="article-info"><span class="time">2024-06-19 16:42:10</span>'
        '<span class="source">来源：新华网</span></div>'
        '<ul><li><span class="date">2024-06-01</span></li></ul>'
    )
    assert published(body=body) == dt.datetime(2024, 6, 19, 16, 42, 10)


def test_date_line_text_uses_the_page_language() -> None:
    body = '<h1>T</h1><p class="byline-date">Published 03/04/2024</p>'
    assert published(body=body, lang="en-US") == dt.datetime(2024, 3, 4)
    assert published(body=body, lang="en-GB") == dt.datetime(2024, 4, 3)
    assert published(body=body, lang="en-GB", language="en-US") == dt.datetime(2024, 3, 4)
    assert published(body=body) is None


def test_date_line_skips_update_lines_and_containers() -> None:
    body = (
        '<h1>T</h1><span class="updated-time">2024-06-20 09:00</span>'
        f'<div class="timeline">{"x" * 500} 2024-06-01</div>'
        '<span class="pubtime">2024年06月19日 08:15</span>'
    )
    assert published(body=body) == dt.datetime(2024, 6, 19, 8, 15)


def test_url_is_the_last_resort() -> None:
    body = "<h1>T</h1><p>No date here.</p>"
    assert published(body=body, url="https://x.example/2024/06/19/a") == dt.datetime(2024, 6, 19)
    assert published(body=body, url="https://x.example/2024/06/a") is None


def test_without_a_tree() -> None:
    meta, _ = page()
    assert find_published(meta, None, url="https://x.example/2024/0619/1.html", now=NOW) == (
        dt.datetime(2024, 6, 19)
    )


def test_find_modified() -> None:
    meta, _ = page(JSONLD)
    assert find_modified(meta, now=NOW) == dt.datetime(2024, 6, 19, 14, 2, tzinfo=CST)
    meta, _ = page('<meta property="og:updated_time" content="2024-06-20T01:00:00Z">')
    assert find_modified(meta, now=NOW) == dt.datetime(2024, 6, 20, 1, 0, tzinfo=dt.timezone.utc)
    meta, _ = page('<meta property="article:published_time" content="2024-06-20">')
    assert find_modified(meta, now=NOW) is None


def test_utc_stamp_yields_to_the_same_moment_with_the_page_offset() -> None:
    # 23:31 UTC on the 23rd is 07:31 on the 24th in Taipei, the day the page prints.
    meta, tree = page(
        head='<meta property="article:published_time" content="2023-08-23T23:31:00Z">'
        '<meta name="pubdate" content="2023-08-24T07:31:00+08:00">'
    )
    found = find_published(meta, tree)
    assert found is not None and found.date() == dt.date(2023, 8, 24)


def test_utc_stamp_yields_to_the_day_in_the_url() -> None:
    # Written at 02:41 UTC on the 19th, in the evening of the 18th where the site is.
    head = '<meta property="article:published_time" content="2024-06-19T02:41:00+00:00">'
    found = published(head, url="https://x.example/2024/06/18/a-post/")
    assert found == dt.datetime(2024, 6, 18)
    # A URL day two days off is another story; an offset stamp keeps its own day.
    found = published(head, url="https://x.example/2024/06/17/a-post/")
    assert found == dt.datetime(2024, 6, 19, 2, 41, tzinfo=dt.timezone.utc)
    head = '<meta property="article:published_time" content="2024-06-19T02:41:00+08:00">'
    found = published(head, url="https://x.example/2024/06/18/a-post/")
    assert found == dt.datetime(2024, 6, 19, 2, 41, tzinfo=CST)


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "SocialMediaPosting", "datePublished": "2024-06-19T08:15:00+08:00"}',
        '<![CDATA[ {"@type": "Article", "datePublished": "2024-06-19T08:15:00+08:00"} ]]>',
        "{&quot;@type&quot;: &quot;NewsArticle&quot;, "
        "&quot;datePublished&quot;: &quot;2024-06-19T08:15:00+08:00&quot;}",
    ],
)
def test_jsonld_read_meta_could_not_use(script: str) -> None:
    head = f'<script type="application/ld+json">{script}</script>'
    head += '<meta property="article:published_time" content="2024-06-21T08:15:00+08:00">'
    assert published(head) == dt.datetime(2024, 6, 19, 8, 15, tzinfo=CST)


def test_w_published_date_meta() -> None:
    head = '<meta name="w-published-date" content="2024-05-27T06:03:43.274Z">'
    assert published(head) == dt.datetime(2024, 5, 27, 6, 3, 43, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tips for you. Posted on Nov 21, 2018 Updated at Dec 10, 2019", dt.datetime(2018, 11, 21)),
        ("Published: Dec 18, 2023", dt.datetime(2023, 12, 18)),
        ("作者:someone 阅读(1660) 发表于:2005-07-31 12:30", dt.datetime(2005, 7, 31, 12, 30)),
        ("来源：本站 时间：2005-08-22", dt.datetime(2005, 8, 22)),
        ("Datum: 03.11.2021 Autor: X", dt.datetime(2021, 11, 3)),
        ("Letzte Änderung: 31.10.2023 Erschienen am: 01.11.2023", dt.datetime(2023, 11, 1)),
        ("Veröffentlicht am 16.08.2019", dt.datetime(2019, 8, 16)),
        ("Un documentaire de X Mise en ligne 23 mai 2019", dt.datetime(2019, 5, 23)),
        ("Mis en ligne le 04/11/2021 à 10h05", dt.datetime(2021, 11, 4, 10, 5)),
        ("Autor: Bo2man am 29.12.2010, 13:36 Uhr", dt.datetime(2010, 12, 29, 13, 36)),
        # Not labels: prose, a bare "am" before a date without a time, an update.
        ("Das Forum findet am 02.04.2022 in Frankfurt statt.", None),
        ("更新时间：2005-08-22", None),
        ("Posted in News, 2005-08-22", None),
    ],
)
def test_date_after_label(text: str, expected: dt.datetime | None) -> None:
    assert date_after_label(text, "de", now=NOW) == expected


def test_labelled_date_in_the_page_is_a_last_resort() -> None:
    body = (
        "<h1>T</h1><p>Some text about 01.02.2020 and more.</p>"
        "<div class=x>Author: Mia | Posted on March 3, 2024</div>"
    )
    assert published(body=body) == dt.datetime(2024, 3, 3)
    # Any earlier source wins.
    assert published(body=body, url="https://x.example/2024/06/19/a") == dt.datetime(2024, 6, 19)


def test_date_right_after_the_headline_is_the_very_last_resort() -> None:
    body = (
        "<p>Menu 01.01.2019</p><h1>Unser Tipp im November: Das Hermelin</h1>"
        "<p>01. November 2021 | Naturschutz</p><p>Text.</p>"
    )
    assert published(body=body, lang="de") == dt.datetime(2021, 11, 1)
    far = "<h1>Unser Tipp im November: Das Hermelin</h1><p>" + "Text. " * 80 + "01.11.2021</p>"
    assert published(body=far, lang="de") is None


def test_rdfa_date_property_with_content() -> None:
    body = (
        '<h1>T</h1><span class="post-created">12.03.24</span>'
        '<span property="schema:dateCreated" content="2024-03-12T09:30:00+01:00" hidden></span>'
    )
    found = published(body=body)
    assert found is not None and (found.year, found.month, found.day) == (2024, 3, 12)


def test_dates_in_other_stories_cards_come_last() -> None:
    body = (
        '<div class="meta"><span class="headline-date">2. März 2024</span></div><h1>T</h1>'
        '<div class="teaser-list"><div class="teaser-info">'
        '<span class="headline-date">16.05.2024</span></div></div>'
    )
    assert published(body=body, lang="de") == dt.datetime(2024, 3, 2)
    only_card = '<h1>T</h1><figure class="teaser"><span class="date">02.02.2024</span></figure>'
    assert published(body=only_card, lang="de") == dt.datetime(2024, 2, 2)


@pytest.mark.parametrize(
    ("language", "url", "expected_day"),
    [
        ("es-AR", None, 3),  # 00:25 UTC is 21:25 the day before in Buenos Aires
        (None, "https://www.example.com.ar/nota", 3),
        ("zh_TW", None, 4),  # 08:25 in Taipei, same day
        ("en", "https://news.example.com/a", 4),  # no country: left in UTC
        ("en-US", None, 4),  # several zones: left in UTC
    ],
)
def test_utc_stamp_shown_in_the_site_zone(
    language: str | None, url: str | None, expected_day: int
) -> None:
    found = in_site_zone(dt.datetime(2022, 5, 4, 0, 25, tzinfo=dt.timezone.utc), language, url)
    assert found == dt.datetime(2022, 5, 4, 0, 25, tzinfo=dt.timezone.utc)
    assert found.day == expected_day


def test_published_utc_meta_is_read_in_the_page_zone() -> None:
    head = '<meta property="article:published_time" content="2022-05-04T00:25:56Z">'
    found = published(head=head, lang="es-AR")
    assert found is not None and found.date() == dt.date(2022, 5, 3)
    assert found.utcoffset() == dt.timedelta(hours=-3)


def test_date_printed_in_the_headline_block() -> None:
    body = (
        '<nav>Home</nav><div class="head"><h1>Fans return to the halls'
        "<small>02.02.2022 • Regional league</small></h1></div><p>Text.</p>"
    )
    assert published(body=body, lang="de") == dt.datetime(2022, 2, 2)
    too_big = f"<div><h1>Title</h1><p>{'Long text. ' * 60} 02.02.2022</p></div>"
    assert published(body=too_big, lang="de") is None


def test_stated_dates_that_disagree_yield_to_the_printed_one() -> None:
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"datePublished":"2023-11-03T10:25:00+01:00"}</script>'
        '<meta property="article:published_time" content="2023-11-06T14:25:00+01:00">'
    )
    body = '<h1>Ein Titel</h1><p class="meta">Von Ada | <span class="date">06.11.2023</span></p>'
    found = published(head, body, lang="de")
    assert found == dt.datetime(2023, 11, 6, 14, 25, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    # Nothing printed, or a printed day that no tag states: the strongest source stands.
    assert published(head, "<h1>Ein Titel</h1>", lang="de") is not None
    assert published(head, "<h1>Ein Titel</h1>", lang="de").day == 3  # type: ignore[union-attr]
    other = '<h1>Ein Titel</h1><span class="date">01.11.2023</span>'
    assert published(head, other, lang="de").day == 3  # type: ignore[union-attr]


def test_a_printed_update_does_not_choose_among_stated_dates() -> None:
    head = (
        '<meta property="article:published_time" content="2017-12-15T08:50:02-05:00">'
        '<meta name="sailthru.date" content="2018-07-24">'
    )
    body = (
        '<h1>The best films of the year</h1><div class="byline">'
        '<span class="byline__item">Updated <time class="byline__item" '
        'datetime="2018-07-24T18:15:58+00:00">Jul 24, 2018, 2:15pm EDT</time></span></div>'
    )
    found = published(head, body, lang="en-US")
    assert found is not None and found.date() == dt.date(2017, 12, 15)


def test_date_after_the_headline_ignores_scripts() -> None:
    body = (
        '<script>var page = {"title": "Warum sich das Warten lohnt", "n": 1};</script>'
        "<p>Menu</p><h1>Warum sich das Warten lohnt</h1>"
        '<div class="author"><p><strong>04.02.2022 | 15:33 Uhr | Mia Muster</strong></p></div>'
    )
    assert published(body=body, lang="de") == dt.datetime(2022, 2, 4, 15, 33)


def test_dates_in_comments_come_last() -> None:
    body = (
        '<div class="post-header"><div class="date-header">Freitag, 5. Juni 2015</div>'
        "<h1>Ein Beitrag</h1></div><p>Text.</p>"
        '<div class="comment-block"><div class="comment-header">'
        '<span class="datetime">6. Juni 2015 um 10:23</span></div></div>'
    )
    assert published(body=body, lang="de") == dt.datetime(2015, 6, 5)


def test_video_upload_date_before_the_url() -> None:
    head = (
        '<script type="application/ld+json">{"@context":"https://schema.org",'
        '"@type":"VideoObject","name":"Clip","uploadDate":"2020-04-04T20:57:00.000+02:00"}'
        "</script>"
    )
    found = published(head, "<h1>Ein Videobeitrag</h1>", url="https://x.example/2020/04/01/a")
    assert found is not None and found.date() == dt.date(2020, 4, 4)
    # A date the page states for the article wins.
    article = head + '<meta property="article:published_time" content="2020-04-03T10:00:00+02:00">'
    found = published(article, "<h1>Ein Videobeitrag</h1>")
    assert found is not None and found.date() == dt.date(2020, 4, 3)


def test_other_stories_cards_yield_to_a_labelled_date() -> None:
    body = (
        '<h1>Reisehinweise</h1><p class="x">Stand: 12.11.2021</p><p>Text.</p>'
        '<ul class="teaser-list"><li><span class="teaser-pubdate">04.11.2021</span>'
        "<h4>Eine andere Meldung</h4></li></ul>"
    )
    assert published(body=body, lang="de") == dt.datetime(2021, 11, 12)
    # With nothing else, the card's date is still taken.
    only_card = (
        '<h1>Reisehinweise</h1><div class="teaser"><span class="date">04.11.2021</span></div>'
    )
    assert published(body=only_card, lang="de") == dt.datetime(2021, 11, 4)


def test_a_headline_for_screen_readers_only_is_skipped() -> None:
    body = (
        '<h1 class="is-aural">Welcome to the site</h1>'
        f"<nav>{'Home Travel Countries ' * 20}</nav>"
        '<h1 class="heading">Italy: travel advice</h1><span class="meta">As of 12.11.2021</span>'
        "<p>Text.</p>"
    )
    assert published(body=body, lang="de") == dt.datetime(2021, 11, 12)


def test_date_line_right_above_the_headline_in_its_wrapper() -> None:
    body = (
        '<figure><img src="a.jpg"><figcaption><small>31.01.2022 Second league</small>'
        "<h1>New coach for the club</h1><p>He takes over in the summer.</p></figcaption>"
        "</figure><p>Text.</p>"
    )
    assert published(body=body, lang="de") == dt.datetime(2022, 1, 31)
    long_line = (
        f"<div><p>{'Words. ' * 20}31.01.2022</p><h1>New coach for the club</h1><p>Lead.</p></div>"
    )
    assert published(body=long_line, lang="de") is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("23.09.22 - Saarland", "de", dt.datetime(2022, 9, 23)),
        ("Von: Mia | 31.10.23", None, dt.datetime(2023, 10, 31)),
        ("1.2.99", "de", dt.datetime(1999, 2, 1)),
        ("Version 1.2.3", "de", None),
        ("31.10.23", "en-US", None),
        ("12.30.23", "de", None),
    ],
)
def test_short_year_date(text: str, language: str | None, expected: dt.datetime | None) -> None:
    assert short_year_date(text, language, now=NOW) == expected


def test_two_digit_years_are_the_last_resort() -> None:
    body = '<h1>Vintage-Flair mit viel Grün</h1><div class="uploaded-date">23.09.22</div>'
    assert published(body=body, lang="de") == dt.datetime(2022, 9, 23)
    after = "<h1>Frei erfunden: eine Meldung</h1><div>Von: Mia <span>31.10.23</span></div>"
    assert published(body=after, lang="de") == dt.datetime(2023, 10, 31)
    # A four-digit date anywhere that is read earlier wins.
    both = body + "<p>Veröffentlicht am 20.09.2022</p>"
    assert published(body=both, lang="de") == dt.datetime(2022, 9, 20)


def test_date_on_the_card_that_links_to_the_page_itself() -> None:
    body = (
        f"<h1>Rechte achten</h1><p>{'Text. ' * 60}</p><div class=list>"
        '<a href="/andere-meldung"><div class=card><div class=by>09.11.2021</div>'
        "<h2>Andere Meldung</h2></div></a>"
        '<a href="/rechte-achten"><div class=card><div class=by>10.11.2021</div>'
        "<h2>Rechte achten</h2></div></a></div>"
    )
    found = published(body=body, lang="de", url="https://www.example.org/rechte-achten")
    assert found == dt.datetime(2021, 11, 10)
    assert published(body=body, lang="de", url="https://www.example.org/") is None
