"""Datelines through the public door: each form on a page, through ``extract()``.

The parser's own table (``test_dateline.py``) says what each line parses to;
these pages say that the line reaches the parser at all. A short wire lede
sits right under the headline, where byline and date rows also sit, and
must stay the story's first paragraph: its dateline parsed off, its text
kept. Every page is written for the case, modelled on the layouts wire copy
is printed in: an ``<article>`` with a headline, a byline row, a date row,
the lede and two more paragraphs.
"""

from __future__ import annotations

import pytest

import newsclean

_MORE_EN = (
    "Officials said the talks would continue through the week, with a joint statement "
    "expected once both delegations had reported back to their capitals.",
    "Analysts said the meeting was closely watched in the region, where earlier rounds of "
    "talks had stalled over questions of sequencing and verification.",
)
_MORE_ZH = (
    "有关部门表示，会谈将持续到本周末，双方代表团向各自政府汇报后，预计将发表联合声明。",
    "分析人士指出，这次会晤受到地区各方密切关注，此前几轮谈判都因顺序和核查问题陷入僵局。",
)


def _page(lede: str, *, lang: str, rows: tuple[str, ...] = ()) -> str:
    more = _MORE_ZH if lang.startswith("zh") else _MORE_EN
    meta = "".join(f"<div>{r}</div>" for r in rows) or (
        "<div class='byline'>By Staff Writer</div><time>2024-06-19 10:30</time>"
    )
    paras = "".join(f"<p>{p}</p>" for p in (lede, *more))
    return (
        f"<html lang='{lang}'><head><title>Headline of the story - Example News</title>"
        "<meta property='article:published_time' content='2024-06-19T10:30:00+08:00'></head>"
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Headline of the story</h1>{meta}{paras}</article>"
        "<footer>Contact us · Privacy</footer></body></html>"
    )


# (lede, lang, raw, place, region, month, day, agency, first words of the body)
Form = tuple[str, str, str, str | None, str | None, int | None, int | None, str | None, str]

FORMS: list[Form] = [
    (
        "PYONGYANG, June 19 (Reuters) - Russian President Vladimir Putin arrived in North "
        "Korea early on Wednesday for a state visit.",
        "en",
        "PYONGYANG, June 19 (Reuters) -",
        "Pyongyang",
        None,
        6,
        19,
        "Reuters",
        "Russian President",
    ),
    (
        "SEOUL, June 19 (Yonhap) -- North Korea's leader welcomed the visitor at the airport.",
        "en",
        "SEOUL, June 19 (Yonhap) --",
        "Seoul",
        None,
        6,
        19,
        "Yonhap",
        "North Korea's",
    ),
    (
        "MOSCOW, June 18. /TASS/. The Kremlin said the visit would last two days.",
        "en",
        "MOSCOW, June 18. /TASS/.",
        "Moscow",
        None,
        6,
        18,
        "TASS",
        "The Kremlin",
    ),
    (
        "KUALA LUMPUR, June 19 (Bernama) -- The cabinet approved the new budget today.",
        "en",
        "KUALA LUMPUR, June 19 (Bernama) --",
        "Kuala Lumpur",
        None,
        6,
        19,
        "Bernama",
        "The cabinet",
    ),
    (
        "TOKYO (AP) — Japan's central bank kept its key rate unchanged on Wednesday.",
        "en",
        "TOKYO (AP) —",
        "Tokyo",
        None,
        None,
        None,
        "AP",
        "Japan's",
    ),
    (
        "WEST PALM BEACH — The family of a young player thanked the hospital staff.",
        "en",
        "WEST PALM BEACH —",
        "West Palm Beach",
        None,
        None,
        None,
        None,
        "The family",
    ),
    (
        "CLEVELAND, Ohio – A bridge over the river will close for repairs next month.",
        "en",
        "CLEVELAND, Ohio –",
        "Cleveland",
        "Ohio",
        None,
        None,
        None,
        "A bridge",
    ),
    (
        "DUBAI, United Arab Emirates — Shipping companies rerouted their vessels on Monday.",
        "en",
        "DUBAI, United Arab Emirates —",
        "Dubai",
        "United Arab Emirates",
        None,
        None,
        None,
        "Shipping",
    ),
    (
        "NEW DELHI: The government on Monday announced a new scheme for farmers.",
        "en",
        "NEW DELHI:",
        "New Delhi",
        None,
        None,
        None,
        None,
        "The government",
    ),
    (
        "Atlanta (CNN) — A judge on Tuesday set a date for the hearing.",
        "en",
        "Atlanta (CNN) —",
        "Atlanta",
        None,
        None,
        None,
        "CNN",
        "A judge",
    ),
    (
        "New York CNN — Shares rose in early trading after the report.",
        "en",
        "New York CNN —",
        "New York",
        None,
        None,
        None,
        "CNN",
        "Shares",
    ),
    (
        "PARIS (AFP) - France's prime minister resigned on Monday.",
        "en",
        "PARIS (AFP) -",
        "Paris",
        None,
        None,
        None,
        "AFP",
        "France's",
    ),
    (
        "Berlin (dpa) - Die Regierung hat am Montag einen neuen Haushalt beschlossen.",
        "de",
        "Berlin (dpa) -",
        "Berlin",
        None,
        None,
        None,
        "dpa",
        "Die Regierung",
    ),
    (
        "Frankfurt/Main (dpa) - Die Messe öffnet am Dienstag ihre Tore für Besucher.",
        "de",
        "Frankfurt/Main (dpa) -",
        "Frankfurt",
        "Main",
        None,
        None,
        "dpa",
        "Die Messe",
    ),
    (
        "Berlin/Frankfurt (dpa) - Die Börsen schlossen am Montag mit deutlichen Gewinnen.",
        "de",
        "Berlin/Frankfurt (dpa) -",
        "Berlin/Frankfurt",
        None,
        None,
        None,
        "dpa",
        "Die Börsen",
    ),
    (
        "Wien, 14. Dezember 2021 – Der Verband stellte am Dienstag seine Bilanz vor.",
        "de",
        "Wien, 14. Dezember 2021 –",
        "Wien",
        None,
        12,
        14,
        None,
        "Der Verband",
    ),
    (
        "Darmstadt - Januar 2021. Mit Hilfe schneller Protonen lassen sich Kerne spalten.",
        "de",
        "Darmstadt - Januar 2021.",
        "Darmstadt",
        None,
        1,
        None,
        None,
        "Mit Hilfe",
    ),
    (
        "Madrid (EFE).- El Gobierno aprobó este martes el nuevo presupuesto.",
        "es",
        "Madrid (EFE).-",
        "Madrid",
        None,
        None,
        None,
        "EFE",
        "El Gobierno",
    ),
    (
        "دمشق، سوريا (CNN) -- أكدت جهات معارضة أن الفصائل سيطرت على المدينة.",
        "ar",
        "دمشق، سوريا (CNN) --",
        "دمشق",
        "سوريا",
        None,
        None,
        "CNN",
        "أكدت",
    ),
    (
        "(平壤19日讯)朝鲜今天试射了一枚导弹，韩国军方随即发表声明。",
        "zh",
        "(平壤19日讯)",
        "平壤",
        None,
        None,
        19,
        None,
        "朝鲜",
    ),
    (
        "新华社北京3月5日电（记者张伟）全国人大会议今天上午在北京开幕。",
        "zh",
        "新华社北京3月5日电（记者张伟）",
        "北京",
        None,
        3,
        5,
        "Xinhua",
        "全国人大",
    ),
    (
        "中新网北京6月19日电 国家统计局今天发布了最新的经济数据。",
        "zh",
        "中新网北京6月19日电",
        "北京",
        None,
        6,
        19,
        "China News Service",
        "国家统计局",
    ),
    (
        "据中新网9月9日报道，当地气象部门发布了暴雨预警。",
        "zh",
        "据中新网9月9日报道，",
        None,
        None,
        9,
        9,
        "China News Service",
        "当地",
    ),
    (
        "据财联社9月26日消息，多家银行下调了存款利率。",
        "zh",
        "据财联社9月26日消息，",
        None,
        None,
        9,
        26,
        "Cailian Press",
        "多家银行",
    ),
    (
        "【环球时报综合报道】美国国务院当地时间周二发表声明。",
        "zh",
        "【环球时报综合报道】",
        None,
        None,
        None,
        None,
        "Global Times",
        "美国国务院",
    ),
    (
        "【环球网报道 记者 李四】美国国务院当地时间周二发表声明，宣布新的制裁措施。",
        "zh",
        "【环球网报道 记者 李四】",
        None,
        None,
        None,
        None,
        "Global Times",
        "美国国务院",
    ),
    (
        "央视网消息：今天，全国多地迎来降雨。",
        "zh",
        "央视网消息：",
        None,
        None,
        None,
        None,
        "CCTV",
        "今天",
    ),
    (
        "本报讯 市政府今天召开新闻发布会，通报了最新情况。",
        "zh",
        "本报讯",
        None,
        None,
        None,
        None,
        None,
        "市政府",
    ),
    (
        "（中央社記者陳怡君台中5日電）台中市政府今天宣布新的交通措施。",
        "zh-Hant",
        "（中央社記者陳怡君台中5日電）",
        "台中",
        None,
        None,
        5,
        "CNA",
        "台中市政府",
    ),
    (
        "〔記者王小明、李大華／金門報導〕金門縣政府今天公布觀光人數統計。",
        "zh-Hant",
        "〔記者王小明、李大華／金門報導〕",
        "金門",
        None,
        None,
        None,
        None,
        "金門縣政府",
    ),
    (
        "記者王小明／台南報導 台南市今天舉行燈會開幕典禮，吸引大批民眾。",
        "zh-Hant",
        "記者王小明／台南報導",
        "台南",
        None,
        None,
        None,
        None,
        "台南市",
    ),
]


@pytest.mark.parametrize("form", FORMS, ids=[f[2] for f in FORMS])
def test_dateline_form_on_a_page(form: Form) -> None:
    lede, lang, raw, place, region, month, day, agency, first = form
    article = newsclean.extract(_page(lede, lang=lang), url="https://news.example.com/a/1")
    d = article.dateline
    assert d is not None, article.paragraphs[:2]
    assert (d.raw, d.place, d.region, d.month, d.day, d.agency) == (
        raw,
        place,
        region,
        month,
        day,
        agency,
    )
    # The lede is kept, without its dateline.
    assert article.paragraphs[0].startswith(first)
    assert len(article.paragraphs) == 3
    if agency is not None:
        assert agency in article.agencies


LOOK_ALIKES = [
    ("DEAR ABBY: My husband and I have been married for ten years and argue about money.", "en"),
    ("UPDATE: This story has been updated with comments from the city council.", "en"),
    ("Editor's note: This story was first published in the spring edition.", "en"),
    ("SUMMARY: The council approved the budget after a long debate on Tuesday.", "en"),
    ("By Aaron Humes: The minister said the new rules would take effect in May.", "en"),
    ("A HIGH-powered delegation arrived in the capital on Tuesday for talks.", "en"),
    ("Biz & IT — A flaw in the popular game makes it easy to crash servers.", "en"),
    ("11月23日，北京市政府召开新闻发布会，通报最新情况。", "zh"),
    ("據了解，台北市政府將在下月公布新的交通措施。", "zh-Hant"),
    ("彭博報導，多家銀行正在考慮下調存款利率。", "zh-Hant"),
]


@pytest.mark.parametrize("line", LOOK_ALIKES, ids=[x[0][:20] for x in LOOK_ALIKES])
def test_look_alike_is_no_dateline(line: tuple[str, str]) -> None:
    text, lang = line
    article = newsclean.extract(_page(text, lang=lang), url="https://news.example.com/a/1")
    assert article.dateline is None
    # A byline stays out of the body; every other line is the story's first.
    assert article.paragraphs[0] == text or text.startswith("By ")


@pytest.mark.parametrize(
    "lede",
    [
        "The striker will stay at the club until the end of the 2022/23 season.",
        # Curly quotes or an accent make a Latin line non-ASCII; it is prose all the same.
        "Eloise Parry, 21, was taken to hospital on 12 April after taking “slimming tablets”.",
        "Der Stürmer bleibt bis zum Ende der Saison am 30. Juni beim Verein in München.",
    ],
)
def test_short_sentence_holding_a_date_is_not_a_meta_row(lede: str) -> None:
    rows = ("posted on April 21, 2015, at 11:29 a.m.",)
    for page in (_page(lede, lang="en"), _page(lede, lang="en", rows=rows)):
        article = newsclean.extract(page, url="https://news.example.com/a/1")
        assert article.paragraphs[0] == lede


def test_dateline_in_the_byline_row_above_the_body() -> None:
    rows = ("2018-02-28 14:31中央社 台北28日電", "記者 陳怡君")
    lede = "行政院今天召開院會，通過多項法案，並要求各部會加速推動相關措施。"
    html = _page(lede, lang="zh-Hant", rows=rows)
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    d = article.dateline
    assert d is not None
    assert (d.place, d.day, d.agency) == ("台北", 28, "CNA")
    assert article.paragraphs[0] == lede


def test_junk_lines_before_the_lede_go_and_do_not_hide_the_dateline() -> None:
    junk = (
        "<p>https://news.example.com/a/1</p><p>Breaking News</p>"
        "<p>Image 1 of 12</p><p>Jane Doe | Bloomberg | Getty Images</p>"
    )
    lede = "SEOUL, June 19 (Yonhap) -- North Korea's leader welcomed the visitor at the airport."
    html = _page(lede, lang="en").replace("<p>SEOUL", f"{junk}<p>SEOUL", 1)
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.dateline is not None
    assert article.dateline.agency == "Yonhap"
    assert article.paragraphs[0].startswith("North Korea's leader")
    for line in ("https://", "Breaking News", "Image 1 of 12", "Getty Images"):
        assert line not in article.body


def test_agency_only_in_alt_text_is_not_credited() -> None:
    lede = "WASHINGTON (CNN) — The court heard arguments on Tuesday in a closely watched case."
    image = (
        "<img src='/img/court.jpg' width='800' height='450' "
        "alt='Justices pose for their photo at the court. Photo by Jane Doe/AFP via Getty Images'>"
    )
    html = _page(lede, lang="en").replace("<p>WASHINGTON", f"{image}<p>WASHINGTON", 1)
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.agencies == ("CNN",)


def test_credit_printed_apart_from_its_caption_credits_the_agency() -> None:
    figure = (
        "<figure><img src='/img/train.jpg' width='800' height='500'><figcaption>"
        "<p>Ein Zug fährt in den Bahnhof ein.</p><span class='source'>(Foto: Jane Doe/dpa)</span>"
        "</figcaption></figure>"
    )
    lede = (
        "Die Bahn will im kommenden Jahr mehr Züge auf der Strecke zwischen den Städten einsetzen."
    )
    html = _page(lede, lang="de").replace("<p>Die Bahn", f"{figure}<p>Die Bahn", 1)
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.images[0].credit == "Foto: Jane Doe/dpa"
    assert article.agencies == ("dpa",)
    assert article.dateline is None


def test_every_figure_keeps_its_credit_when_its_picture_is_loaded_by_a_script() -> None:
    figures = "".join(
        f"<figure><div class='lazy' data-src='/img/{n}.jpg'></div><figcaption>"
        f"<span class='caption'>Scene number {n} from the capital on Thursday</span> "
        f"<span class='copyright'>Credit: {who}</span></figcaption></figure>"
        for n, who in ((1, "JANE DOE/ AFP"), (2, "STR/Reuters"))
    )
    lede = "HARARE (AP) — Soldiers took control of the state broadcaster on Wednesday."
    html = _page(lede, lang="en").replace("</p>", f"</p>{figures}", 1)
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    credits = [i.credit for i in article.images]
    assert credits == ["Credit: JANE DOE/ AFP", "Credit: STR/Reuters"]
    assert set(article.agencies) == {"AP", "AFP", "Reuters"}


@pytest.mark.parametrize(
    "text",
    [
        "Gefüllte Paprika - Für Experimentierfreudige ist dieses Rezept genau das Richtige.",
        "Kein Wunder – die Preise sind im vergangenen Jahr kräftig gestiegen, sagen Händler.",
        "ISBN: 978-3-16-148410-0 ist die Nummer des Buches, das wir heute vorstellen wollen.",
        "EEG - Das Gesetz regelt die Förderung von Strom aus erneuerbaren Quellen im Land.",
        "Mittwoch, 01. November 2023 - Die Stadt stellte am Mittwoch ihre Pläne vor.",
        "Art.-Nr.: 1000017279 ist die Nummer des Artikels, den Sie im Warenkorb haben.",
    ],
)
def test_kicker_in_title_case_is_no_dateline(text: str) -> None:
    article = newsclean.extract(_page(text, lang="de"), url="https://news.example.com/a/1")
    assert article.dateline is None
    assert article.paragraphs[0] == text


def test_paper_credit_after_an_editors_note_is_read() -> None:
    note = "".join(
        f"<p>编者按：这是第{n}段编者按语，介绍了事件的背景和本报记者连续多日的调查经过，请读者留意。</p>"
        for n in range(1, 6)
    )
    lede = "本报讯 经过有关部门的调查，现已初步查明事故原因，相关责任人已被依法控制。"
    html = _page(lede, lang="zh").replace(f"<p>{lede}", f"{note}<p>{lede}", 1)
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.dateline is not None
    assert article.dateline.raw == "本报讯"
    assert any(p.startswith("经过有关部门的调查") for p in article.paragraphs)


def test_wire_credit_below_a_video_playlist_is_read() -> None:
    playlist = "".join(f"<p>Clip number {n} of the day</p><p>0{n}:2{n}</p>" for n in range(1, 9))
    lede = "(CNN) -- The storm passed overnight, and roads across the region reopened by dawn."
    html = _page(lede, lang="en").replace("<p>(CNN)", f"{playlist}<p>(CNN)", 1)
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.dateline is not None
    assert (article.dateline.raw, article.dateline.agency) == ("(CNN) --", "CNN")


def test_copyright_class_inside_a_caption_is_its_photo_credit() -> None:
    figure = (
        "<figure><img src='/img/slide.jpg' width='800' height='500'><figcaption>"
        "<span class='photo__title'>Rescue teams search the site of the landslide</span>"
        "<div class='photo__copyright'>Foto: REUTERS, NTB</div></figcaption></figure>"
    )
    lede = "Rescue teams searched through the night for people missing after the landslide hit."
    html = _page(lede, lang="en").replace("<p>Rescue", f"{figure}<p>Rescue", 1)
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert set(article.agencies) == {"Reuters", "NTB"}
    assert "Foto: REUTERS" not in article.body


def test_lead_picture_above_the_headline_credits_its_agency() -> None:
    lede = "Some customers of the ride service will soon be driven by cars without a driver."
    html = _page(lede, lang="en").replace(
        "<article><h1>",
        "<article><img src='/img/lead.jpg' width='1200' height='700'>"
        "<div class='caption'>© Photo: REUTERS / Jane Doe</div><h1>",
        1,
    )
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.agencies == ("Reuters",)
    assert article.images[0].url == "https://news.example.com/img/lead.jpg"
    assert article.images[0].caption is None


def test_dateline_printed_as_its_own_line_below_a_video_list() -> None:
    playlist = "".join(f"<p>Clip number {n} of the day</p><p>0{n}:2{n}</p>" for n in range(1, 12))
    html = _page("placeholder", lang="en").replace(
        "<p>placeholder</p>",
        f"{playlist}<p>New York CNN —</p>"
        "<p>Shares rose in early trading on Monday after the report on jobs came out.</p>",
        1,
    )
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("New York", "CNN")
    assert "New York CNN —" not in article.paragraphs


def test_outlet_naming_itself_in_the_dateline_slot_is_credited() -> None:
    lede = (
        "Coast Herald – Police investigators are trying to unravel how a hunter was found "
        "dead near the river crossing on Monday morning."
    )
    html = _page(lede, lang="en").replace(
        "<head>", "<head><meta property='og:site_name' content='Coast Herald'>", 1
    )
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.dateline is not None
    assert (article.dateline.raw, article.dateline.agency) == ("Coast Herald –", "Coast Herald")
    assert article.paragraphs[0].startswith("Police investigators")


def test_site_name_before_a_colon_is_a_headline_not_a_credit() -> None:
    lede = "Coast Herald: How the harbour changed in ten years of rising fees and falling trade"
    html = _page(lede, lang="en").replace(
        "<head>", "<head><meta property='og:site_name' content='Coast Herald'>", 1
    )
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.dateline is None


@pytest.mark.parametrize(
    "lede",
    [
        "PYONGYANG, June 19 (Reuters) - Russian President Vladimir Putin arrived in North "
        "Korea early on Wednesday for a state visit.",
        "SEOUL, June 19 (Yonhap) -- The leaders met at the airport.",
        "MOSCOW, June 18. /TASS/. The visit will last two days.",
        "KUALA LUMPUR, June 19 (Bernama) -- The cabinet met.",
        "記者王小明／南市報導",
    ],
)
def test_short_lede_right_under_the_headline_is_kept(lede: str) -> None:
    more = "".join(f"<p>{p}</p>" for p in _MORE_EN)
    html = (
        "<html><head><title>Headline - Example News</title></head><body>"
        f"<article><h1>Headline</h1><p>{lede}</p>{more}</article></body></html>"
    )
    article = newsclean.extract(html, url="https://news.example.com/a/1")
    assert article.dateline is not None
    assert article.dateline.raw in lede
    rest = lede[len(article.dateline.raw) :].strip()
    assert (article.paragraphs[0] == rest) if rest else (article.paragraphs[0] == _MORE_EN[0])


def test_script_conversion_keeps_the_region() -> None:
    pytest.importorskip("opencc")
    lede = "CLEVELAND, Ohio – A bridge over the river will close for repairs next month."
    article = newsclean.extract(_page(lede, lang="en"), script="hans")
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.region) == ("Cleveland", "Ohio")
