"""The title of whole pages: the headline as the page shows it.

Each page is small and written for the case, after layouts news and
government sites use; each asserts ``extract(...).title``. The title is
the headline printed on the page, without the site's name, a section or
other decoration of the document title.
"""

from __future__ import annotations

import newsclean

_BODY_ZH = (
    "<p>"
    + "市农业农村局近日召开会议，部署春季农业生产各项工作，要求各地抓好田间管理。" * 6
    + "</p>"
)
_BODY_EN = (
    "<p>"
    + "The harbour board agreed on new fees for the coming season after a long debate. " * 6
    + "</p>"
)


def _page(head: str, body: str, *, lang: str = "zh-CN") -> str:
    return (
        f'<html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
        '<div class="top"><a href="/">首页</a> <a href="/news/">新闻</a></div>'
        f"{body}"
        '<div class="footer">版权所有 联系我们</div></body></html>'
    )


def _title(html: str, url: str | None = None) -> str | None:
    return newsclean.extract(html.encode("utf-8"), url=url).title


# -- a host that is an IP address names no site ------------------------------


def test_headline_holding_the_number_of_an_ip_host_is_kept() -> None:
    html = _page(
        "<title>2024年第0批项目公示名单发布_新闻中心</title>",
        f'<div class="article"><h1>2024年第0批项目公示名单发布</h1>{_BODY_ZH}</div>',
    )
    assert _title(html, "http://10.0.0.7/news/2024/0412.html") == "2024年第0批项目公示名单发布"


def test_headline_on_an_ipv6_host_is_kept() -> None:
    html = _page(
        "<title>Budget for 2020 approved | City News</title>",
        f"<article><h1>Budget for 2020 approved</h1>{_BODY_EN}</article>",
        lang="en",
    )
    assert _title(html, "http://[2001:db8::20]/news/budget") == "Budget for 2020 approved"


# -- a headline's length: each Han character counts ---------------------------


def test_seven_character_headline_with_digits_is_a_headline() -> None:
    html = _page(
        "<title>第10号新闻标题 某某县融媒体中心</title>",
        f'<div class="content"><h1>第10号新闻标题</h1>{_BODY_ZH}</div>',
    )
    assert _title(html) == "第10号新闻标题"


# -- decorations of the document title ----------------------------------------


def test_site_name_after_an_unspaced_hyphen_goes() -> None:
    html = _page(
        "<title>春耕时节田间地头忙起来！-某某新闻网</title>",
        f'<div class="main"><div class="text">{_BODY_ZH}</div></div>',
    )
    assert _title(html) == "春耕时节田间地头忙起来！"


def test_long_official_site_name_after_an_underscore_goes() -> None:
    html = _page(
        "<title>关于做好春季农业生产工作的通知_某某县农业农村局官方网站</title>",
        f'<div class="main">{_BODY_ZH}</div>',
    )
    assert _title(html) == "关于做好春季农业生产工作的通知"


def test_government_portal_name_after_a_spaced_hyphen_goes() -> None:
    html = _page(
        '<meta property="og:title" '
        'content="关于做好春季农业生产工作的通知 - 某某省人民政府门户网站">',
        f'<div class="main">{_BODY_ZH}</div>',
    )
    assert _title(html) == "关于做好春季农业生产工作的通知"


def test_section_before_a_double_hyphen_goes() -> None:
    html = _page(
        "<title>工作动态--关于做好春季农业生产工作的通知</title>",
        f'<div class="main">{_BODY_ZH}</div>',
    )
    assert _title(html) == "关于做好春季农业生产工作的通知"


def test_dash_inside_a_chinese_headline_stays() -> None:
    html = _page(
        "<title>凝聚发展合力——写在全市工作会议召开之际_某某市人民政府网</title>",
        f'<div class="main">{_BODY_ZH}</div>',
    )
    assert _title(html) == "凝聚发展合力——写在全市工作会议召开之际"


def test_short_headline_before_a_single_hyphen_stays() -> None:
    html = _page(
        "<title>Villa Rosa - Holiday home by the lake</title>",
        f'<div class="main">{_BODY_EN}</div>',
        lang="en",
    )
    assert _title(html) == "Villa Rosa - Holiday home by the lake"


def test_breadcrumb_section_before_the_headline_goes() -> None:
    html = _page(
        "<title>Blog Archive » Why the harbour fees rise again</title>",
        f'<div class="post">{_BODY_EN}</div>',
        lang="en",
    )
    assert _title(html) == "Why the harbour fees rise again"


# -- a headline outside any <h1> ----------------------------------------------


def test_headline_in_a_title_class_table_cell() -> None:
    html = _page(
        '<meta property="og:title" content="晨报快讯(市区新增三条公交线路 下月起试运行)">'
        '<meta property="og:site_name" content="晨报"><title>晨报 DAILY NEWS</title>',
        '<table><tr><td class="news_title">市区新增三条公交线路 下月起试运行</td></tr>'
        f'<tr><td class="news_date">2024-04-12</td></tr><tr><td>{_BODY_ZH}</td></tr></table>',
    )
    assert _title(html) == "市区新增三条公交线路 下月起试运行"


def test_headline_in_a_div_title_under_a_logo_h1() -> None:
    html = _page(
        "<title>巴山新闻网 市区新增三条公交线路 下月起试运行</title>",
        '<h1 class="logo"><a href="/"><img src="/logo.png" alt=""></a></h1>'
        '<div class="detail"><div class="title">市区新增三条公交线路 下月起试运行</div>'
        f'<div class="info">来源：本网 2024-04-12</div>{_BODY_ZH}</div>',
    )
    assert _title(html) == "市区新增三条公交线路 下月起试运行"


def test_headline_in_an_h2() -> None:
    html = _page(
        "<title>【视频】市区新增三条公交线路 下月起试运行 巴山</title>",
        f'<div class="content"><h2>【视频】市区新增三条公交线路 下月起试运行</h2>{_BODY_ZH}</div>',
    )
    assert _title(html) == "【视频】市区新增三条公交线路 下月起试运行"


def test_headline_in_an_h5() -> None:
    html = _page(
        "<title>Harbour fees rise for the third year (12/2024)</title>",
        f'<div class="entry"><h5>Harbour fees rise for the third year</h5>{_BODY_EN}</div>',
        lang="en",
    )
    assert _title(html) == "Harbour fees rise for the third year"


def test_headline_in_a_span_title() -> None:
    html = _page(
        '<meta property="og:title" content="Coast Herald: Harbour fees rise for the third year">',
        '<div class="story"><span class="Title">Harbour fees rise for the third year</span>'
        f"{_BODY_EN}</div>",
        lang="en",
    )
    assert _title(html) == "Harbour fees rise for the third year"


def test_site_title_element_is_not_the_headline() -> None:
    html = _page(
        "<title>Foggy soup | The long and winding road of a cook</title>",
        '<header><p class="site-title">The long and winding road of a cook</p></header>'
        f'<div class="post"><div class="post-body">{_BODY_EN}</div></div>',
        lang="en",
    )
    assert _title(html) != "The long and winding road of a cook"


def test_sub_heading_under_the_h1_is_not_the_headline() -> None:
    html = _page(
        "<title>7 Ways to Cut Harbour Fees | Coast Herald</title>",
        "<article><h1>How harbours can cut their fees this year</h1>"
        f"{_BODY_EN}<h2>Ways to Cut Harbour Fees</h2>{_BODY_EN}</article>",
        lang="en",
    )
    assert _title(html) != "Ways to Cut Harbour Fees"


def test_kicker_above_the_headline_is_not_the_headline() -> None:
    html = _page(
        '<meta property="og:title" content="Harbour report: why the fees rise again">',
        '<div class="story"><div class="kicker-title">Harbour report:</div>'
        f'<div class="headline">why the fees rise again</div>{_BODY_EN}</div>',
        lang="en",
    )
    assert _title(html) == "Harbour report: why the fees rise again"


# -- a heading's permalink mark is not part of the headline -------------------


def test_permalink_mark_after_the_headline_is_dropped() -> None:
    html = _page(
        "<title>Harbour fees rise again — Harbour Board notes</title>",
        "<p class='site'>Harbour Board notes</p>"
        "<h1>Harbour fees rise again<a class='headerlink' href='#top'>¶</a></h1>" + _BODY_EN,
        lang="en",
    )
    assert _title(html) == "Harbour fees rise again"
