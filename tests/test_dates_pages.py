"""Publish dates of whole pages, through ``extract()``: where the date line stands decides."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import newsclean

_PARAGRAPHS = (
    "<p>市政府今天上午召开新闻发布会，介绍了今年城市绿道建设的最新进展和下一步安排。</p>"
    "<p>据介绍，全市今年计划新建绿道三百公里，目前已完成一百八十公里，沿线配套建设了驿站和停车点。</p>"
    "<p>有关负责人表示，下半年将重点推进老城区的慢行系统改造，方便市民出行和休闲健身。</p>"
    "<p>不少市民在采访中表示，绿道建成后周末带孩子骑行的地方多了，希望能连成一张完整的网络。</p>"
)
_ENGLISH = (
    "<p>The city council voted on Tuesday to extend the riverside cycle path by four miles.</p>"
    "<p>Work is expected to start in the spring and to take about eighteen months to finish.</p>"
    "<p>Residents who spoke at the meeting welcomed the plan but asked for better lighting.</p>"
    "<p>The council said the cost would be shared with the regional transport authority.</p>"
)


def _page(body: str, head: str = "", lang: str = "zh-CN") -> bytes:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>绿道建设</title>{head}</head><body>{body}</body></html>"
    ).encode()


def _day(html: bytes, url: str | None = None) -> dt.date | None:
    found = newsclean.extract(html, url=url).published
    return found.date() if found else None


# --- scripts and styles are no printed text ---------------------------------


def test_a_stamp_inside_a_script_is_not_the_printed_date() -> None:
    html = _page(
        '<script>var page = {"time":"2019-12-29 22:31:02","channel":"city"};</script>'
        '<div class="header"><a href="/">首页</a></div>'
        "<h1>全市今年新建绿道三百公里</h1>"
        '<div class="info">来源：本报 <span>2019-06-03 09:15</span></div>' + _PARAGRAPHS
    )
    assert _day(html) == dt.date(2019, 6, 3)


def test_a_script_inside_the_date_line_is_not_read_as_its_text() -> None:
    html = _page(
        "<h1>全市今年新建绿道三百公里</h1>"
        '<div class="date"><script>stamp("2018-01-01 00:00:01")</script>2019年6月3日 09:15</div>'
        + _PARAGRAPHS
    )
    assert _day(html) == dt.date(2019, 6, 3)


def test_a_page_whose_only_dates_are_in_scripts_has_no_printed_date() -> None:
    html = _page(
        '<script>window.meta = {"time":"2019-12-29 22:31:02"};</script>'
        "<h1>全市今年新建绿道三百公里</h1>" + _PARAGRAPHS
    )
    assert newsclean.extract(html).published is None


def test_publish_data_a_script_fills_the_date_line_with_is_read() -> None:
    html = _page(
        "<h1>The riverside cycle path grows by four miles</h1>"
        '<div class="post-dates"><script type="application/json">'
        '{"publishedDate":"2021-03-04T10:00:00Z","updatedDate":"2021-03-05T08:00:00Z"}'
        "</script><post-dates></post-dates></div>" + _ENGLISH,
        lang="en-GB",
    )
    assert _day(html) == dt.date(2021, 3, 4)


# --- the headline's date beats the page's other dates -------------------------


@pytest.mark.parametrize(
    "other",
    [
        # another story's card in an aside
        '<aside><div class="item"><span class="time">2021-01-05 08:00</span>'
        '<a href="/b">另一条新闻</a></div></aside>',
        # an embedded social post
        '<blockquote class="twitter-tweet"><p>看看这条消息</p>'
        '<a href="https://example.com/s/1"><span class="date">2021-01-05</span></a></blockquote>',
        '<blockquote class="instagram-media"><div><p>照片分享</p>'
        '<time datetime="2021-01-05T08:00:00+08:00">1月5日</time></div></blockquote>',
        # a photo caption
        '<figure><img src="/p.jpg"><figcaption>资料图片 <span class="date">2021-01-05</span>'
        "</figcaption></figure>",
    ],
)
def test_a_date_beside_the_headline_beats_a_box_before_it(other: str) -> None:
    html = _page(
        f'<div class="wrap">{other}<div class="main"><h1>全市今年新建绿道三百公里</h1>'
        f'<div class="bar"><span class="src">来源：本报</span> '
        f"<span>发布 2022-05-06 10:00</span></div>{_PARAGRAPHS}</div></div>"
    )
    # The date row has no date-like class: only the boxes' dates are date-like.
    assert _day(html) == dt.date(2022, 5, 6)


def test_a_current_time_widget_in_the_page_footer_is_not_the_date() -> None:
    html = _page(
        '<div class="main"><h1>全市今年新建绿道三百公里</h1>'
        f'<p class="meta">发布 2022-05-06 10:00</p>{_PARAGRAPHS}</div>'
        '<footer><div class="clock"><span class="time">2024-06-30 12:00</span></div></footer>'
    )
    assert _day(html) == dt.date(2022, 5, 6)


def test_an_article_footer_keeps_its_date() -> None:
    html = _page(
        f"<article><h1>全市今年新建绿道三百公里</h1>{_PARAGRAPHS}"
        '<footer><span class="posted-on"><time datetime="2022-05-06">2022-05-06</time>'
        "</span></footer></article>"
    )
    assert _day(html) == dt.date(2022, 5, 6)


def test_a_citation_date_is_not_the_publish_date() -> None:
    html = _page(
        f"<h1>全市今年新建绿道三百公里</h1>{_PARAGRAPHS}"
        '<ul class="refs"><li><span class="date">引用日期2020-02-14</span></li></ul>'
        '<div class="side-info">编辑于 2014-05-19</div>'
    )
    assert _day(html) == dt.date(2014, 5, 19)


def test_retrieved_on_is_not_a_publish_date() -> None:
    html = _page(
        f"<h1>The riverside cycle path grows by four miles</h1>{_ENGLISH}"
        '<ol class="references"><li>Council minutes. <span class="date">Retrieved 3 March 2020'
        "</span></li></ol>",
        lang="en-GB",
    )
    assert newsclean.extract(html).published is None


# --- a printed date without a year ------------------------------------------------


def test_a_yearless_date_line_takes_the_year_of_the_url() -> None:
    html = _page(
        '<h1>全市今年新建绿道三百公里</h1><div class="time">10-08 12:00</div>' + _PARAGRAPHS
    )
    found = newsclean.extract(html, url="https://news.example.cn/2019/city/5521.html").published
    assert found == dt.datetime(2019, 10, 8, 12, 0)


def test_a_yearless_date_line_takes_the_year_of_a_full_date_on_the_page() -> None:
    html = _page(
        '<h1>全市今年新建绿道三百公里</h1><div class="time">10月8日 12:00</div>'
        + _PARAGRAPHS
        + '<div class="list"><a href="/x">往期回顾</a> 2018年9月30日</div>'
    )
    assert _day(html, "https://news.example.cn/city/5521.html") == dt.date(2018, 10, 8)


def test_a_yearless_date_line_without_any_year_gives_no_date() -> None:
    html = _page(
        '<h1>全市今年新建绿道三百公里</h1><div class="time">10-08 12:00</div>' + _PARAGRAPHS
    )
    assert _day(html, "https://news.example.cn/city/5521.html") is None


def test_a_score_with_a_kickoff_time_is_no_yearless_date() -> None:
    html = _page(
        '<h1>全市今年新建绿道三百公里</h1><div class="time">比分 3-1 12:00</div>' + _PARAGRAPHS
    )
    assert _day(html, "https://news.example.cn/2019/city/5521.html") is None


# --- metadata keys and the share picture ---------------------------------------


@pytest.mark.parametrize(
    "name", ["firstpublishedtime", "og:pubdate", "originalpublicationdate", "article:post_date"]
)
def test_more_publish_meta_keys_are_read(name: str) -> None:
    head = f'<meta name="{name}" content="2020-07-08T09:10:00+08:00">'
    html = _page(f"<h1>全市今年新建绿道三百公里</h1>{_PARAGRAPHS}", head)
    assert newsclean.extract(html).published == dt.datetime(
        2020, 7, 8, 9, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )


def test_the_share_picture_path_is_the_last_resort() -> None:
    head = '<meta property="og:image" content="https://img.example.cn/up/2021/04/05/a1.jpg">'
    html = _page(f"<h1>全市今年新建绿道三百公里</h1>{_PARAGRAPHS}", head)
    assert _day(html) == dt.date(2021, 4, 5)


def test_a_printed_date_beats_the_share_picture_path() -> None:
    head = '<meta property="og:image" content="https://img.example.cn/up/2021/04/05/a1.jpg">'
    html = _page(f"<h1>全市今年新建绿道三百公里</h1><p>2021年4月9日</p>{_PARAGRAPHS}", head)
    assert _day(html) == dt.date(2021, 4, 9)


# --- pages rendered by scripts ----------------------------------------------------


def test_a_script_rendered_page_is_built_from_its_jsonld_body() -> None:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "全市今年新建绿道三百公里",
        "datePublished": "2023-02-03T08:00:00+08:00",
        "articleBody": (
            "市政府今天召开新闻发布会，介绍绿道建设进展。\n全市今年计划新建绿道三百公里。"
        ),
    }
    head = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    html = _page('<div id="app"></div><script src="/app.js"></script>', head)
    article = newsclean.extract(html)
    assert article.published is not None and article.published.date() == dt.date(2023, 2, 3)
    assert article.paragraphs == (
        "市政府今天召开新闻发布会，介绍绿道建设进展。",
        "全市今年计划新建绿道三百公里。",
    )


def test_an_empty_page_without_a_jsonld_body_is_still_refused() -> None:
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"datePublished":"2023-02-03"}</script>'
    )
    with pytest.raises(newsclean.NoArticleError):
        newsclean.extract(_page('<div id="app"></div>', head))
