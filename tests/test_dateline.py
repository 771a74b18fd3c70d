"""Datelines: the credit line that opens a story, parsed and cut from its paragraph.

Each row is a first paragraph as a site prints it, with what the dateline
must parse to and how the remaining text must begin. Negatives are openings
that mention a date, an agency or a place without being a dateline: those
must come back untouched, since cutting them would lose article text.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from newsclean import Dateline
from newsclean._fields.dateline import canonical_agency, find_dateline, resolve_date

# (paragraph, raw, place, month, day, agency, reporters, remaining text starts with)
Row = tuple[str, str, str | None, int | None, int | None, str | None, tuple[str, ...], str]

MALAYSIA_SINGAPORE_HK: list[Row] = [
    ("(平壤19日讯)朝鲜今天试射导弹。", "(平壤19日讯)", "平壤", None, 19, None, (), "朝鲜今天"),
    ("（新山7日讯）柔佛州政府宣布……", "（新山7日讯）", "新山", None, 7, None, (), "柔佛州"),
    ("（怡保 23日讯）霹雳州大雨。", "（怡保 23日讯）", "怡保", None, 23, None, (), "霹雳州"),
    ("( 槟城 2日 讯 ) 槟州首长说", "( 槟城 2日 讯 )", "槟城", None, 2, None, (), "槟州首长"),
    ("（诗巫３日讯）砂州水位上涨。", "（诗巫３日讯）", "诗巫", None, 3, None, (), "砂州水位"),
    ("（早报讯）新加坡交通部长表示", "（早报讯）", None, None, None, None, (), "新加坡交通"),
    ("【明報專訊】特區政府昨日公布", "【明報專訊】", None, None, None, None, (), "特區政府"),
    ("（联合早报讯）本地一家银行", "（联合早报讯）", None, None, None, None, (), "本地一家"),
    (
        "（星洲日报/吉隆坡19日讯）首相今日",
        "（星洲日报/吉隆坡19日讯）",
        "吉隆坡",
        None,
        19,
        None,
        (),
        "首相今日",
    ),
    (
        "（星洲日報／亞庇28日訊）沙巴州",
        "（星洲日報／亞庇28日訊）",
        "亞庇",
        None,
        28,
        None,
        (),
        "沙巴州",
    ),
]

MAINLAND: list[Row] = [
    (
        "新华社上海3月5日电（记者张伟）上海今天发布",
        "新华社上海3月5日电（记者张伟）",
        "上海",
        3,
        5,
        "Xinhua",
        ("张伟",),
        "上海今天",
    ),
    (
        "【新华社广州3月5日电】广东省召开",
        "【新华社广州3月5日电】",
        "广州",
        3,
        5,
        "Xinhua",
        (),
        "广东省",
    ),
    ("新華社香港3月4日電 香港特區", "新華社香港3月4日電", "香港", 3, 4, "Xinhua", (), "香港特區"),
    (
        "本报南京3月4日电（记者陈静）江苏省",
        "本报南京3月4日电（记者陈静）",
        "南京",
        3,
        4,
        None,
        ("陈静",),
        "江苏省",
    ),
    (
        "本报讯（记者赵一鸣）昨天上午",
        "本报讯（记者赵一鸣）",
        None,
        None,
        None,
        None,
        ("赵一鸣",),
        "昨天",
    ),
    (
        "本報訊（記者黃小玲）市府今天",
        "本報訊（記者黃小玲）",
        None,
        None,
        None,
        None,
        ("黃小玲",),
        "市府今天",
    ),
    (
        "中新网3月5日电 据外媒报道",
        "中新网3月5日电",
        None,
        3,
        5,
        "China News Service",
        (),
        "据外媒",
    ),
    (
        "中新网成都3月5日电 (记者 何小川)四川省",
        "中新网成都3月5日电 (记者 何小川)",
        "成都",
        3,
        5,
        "China News Service",
        ("何小川",),
        "四川省",
    ),
    (
        "新华社北京11月17日电 国务院总理",
        "新华社北京11月17日电",
        "北京",
        11,
        17,
        "Xinhua",
        (),
        "国务院",
    ),
    (
        "新华社兰州10月2日电（记者 马骏 刘晓燕）甘肃",
        "新华社兰州10月2日电（记者 马骏 刘晓燕）",
        "兰州",
        10,
        2,
        "Xinhua",
        ("马骏", "刘晓燕"),
        "甘肃",
    ),
    (
        "新华社拉萨8月30日电（记者白玛、周强）西藏",
        "新华社拉萨8月30日电（记者白玛、周强）",
        "拉萨",
        8,
        30,
        "Xinhua",
        ("白玛", "周强"),
        "西藏",
    ),
    (
        "中新社北京12月1日电（记者 孙自法 通讯员 李佳）中国",
        "中新社北京12月1日电（记者 孙自法 通讯员 李佳）",
        "北京",
        12,
        1,
        "China News Service",
        ("孙自法", "李佳"),
        "中国",
    ),
    (
        "〔中新社哈尔滨1月9日电〕黑龙江",
        "〔中新社哈尔滨1月9日电〕",
        "哈尔滨",
        1,
        9,
        "China News Service",
        (),
        "黑龙江",
    ),
    (
        "新华网西宁6月3日电——青海",
        "新华网西宁6月3日电",
        "西宁",
        6,
        3,
        "Xinhua",
        (),
        "青海",
    ),
    ("人民网昆明7月8日电 云南", "人民网昆明7月8日电", "昆明", 7, 8, None, (), "云南"),
    ("（新华社电）据外电报道", "（新华社电）", None, None, None, "Xinhua", (), "据外电"),
    (
        "新华社北京2023年12月30日电 文",
        "新华社北京2023年12月30日电",
        "北京",
        12,
        30,
        "Xinhua",
        (),
        "文",
    ),
]

TAIWAN: list[Row] = [
    (
        "（中央社記者陳怡君台中5日電）台中市",
        "（中央社記者陳怡君台中5日電）",
        "台中",
        None,
        5,
        "CNA",
        ("陳怡君",),
        "台中市",
    ),
    (
        "（中央社記者林志豪首爾12日專電）南韓",
        "（中央社記者林志豪首爾12日專電）",
        "首爾",
        None,
        12,
        "CNA",
        ("林志豪",),
        "南韓",
    ),
    (
        "（中央社台北5日綜合外電報導）美國",
        "（中央社台北5日綜合外電報導）",
        "台北",
        None,
        5,
        "CNA",
        (),
        "美國",
    ),
    (
        "（中央社記者張明花蓮18日電）花蓮縣",
        "（中央社記者張明花蓮18日電）",
        "花蓮",
        None,
        18,
        "CNA",
        ("張明",),
        "花蓮縣",
    ),
    (
        "（中央社記者歐陽美玲華盛頓2日專電）美國",
        "（中央社記者歐陽美玲華盛頓2日專電）",
        "華盛頓",
        None,
        2,
        "CNA",
        ("歐陽美玲",),
        "美國",
    ),
    (
        "（中央社記者吳佩玲、蔡文彬高雄9日電）高雄",
        "（中央社記者吳佩玲、蔡文彬高雄9日電）",
        "高雄",
        None,
        9,
        "CNA",
        ("吳佩玲", "蔡文彬"),
        "高雄",
    ),
    (
        "（中央社記者郭建宏斗六4日電）雲林",
        "（中央社記者郭建宏斗六4日電）",
        "斗六",
        None,
        4,
        "CNA",
        ("郭建宏",),
        "雲林",
    ),
    (
        "（中央社記者許雅婷 布魯塞爾6日專電）歐盟",
        "（中央社記者許雅婷 布魯塞爾6日專電）",
        "布魯塞爾",
        None,
        6,
        "CNA",
        ("許雅婷",),
        "歐盟",
    ),
]

FOREIGN_WIRES_ZH: list[Row] = [
    ("（法新社巴黎4日电）法国总统", "（法新社巴黎4日电）", "巴黎", None, 4, "AFP", (), "法国"),
    (
        "（路透社伦敦15日电）英国央行",
        "（路透社伦敦15日电）",
        "伦敦",
        None,
        15,
        "Reuters",
        (),
        "英国",
    ),
    ("（路透首爾23日電）南韓", "（路透首爾23日電）", "首爾", None, 23, "Reuters", (), "南韓"),
    ("（美联社华盛顿3日电）美国", "（美联社华盛顿3日电）", "华盛顿", None, 3, "AP", (), "美国"),
    ("（韩联社釜山11日电）韩国", "（韩联社釜山11日电）", "釜山", None, 11, "Yonhap", (), "韩国"),
    ("（共同社大阪7日电）日本", "（共同社大阪7日电）", "大阪", None, 7, "Kyodo", (), "日本"),
    ("（朝中社平壤5日电）朝鲜", "（朝中社平壤5日电）", "平壤", None, 5, "KCNA", (), "朝鲜"),
    ("（俄新社喀山5日电）俄罗斯", "（俄新社喀山5日电）", "喀山", None, 5, "RIA Novosti", (), "俄"),
    (
        "（塔斯社莫斯科21日电）俄罗斯",
        "（塔斯社莫斯科21日电）",
        "莫斯科",
        None,
        21,
        "TASS",
        (),
        "俄",
    ),
    ("（時事社東京8日電）日本政府", "（時事社東京8日電）", "東京", None, 8, "Jiji", (), "日本"),
    (
        "（馬新社吉隆坡2日電）大馬",
        "（馬新社吉隆坡2日電）",
        "吉隆坡",
        None,
        2,
        "Bernama",
        (),
        "大馬",
    ),
    ("【德新社柏林9日电】德国", "【德新社柏林9日电】", "柏林", None, 9, "dpa", (), "德国"),
]

ENGLISH: list[Row] = [
    (
        "BEIJING, March 5 (Reuters) - China's parliament",
        "BEIJING, March 5 (Reuters)",
        "Beijing",
        3,
        5,
        "Reuters",
        (),
        "China's",
    ),
    (
        "TOKYO, Japan (AP) — Japan's prime minister",
        "TOKYO, Japan (AP)",
        "Tokyo",
        None,
        None,
        "AP",
        (),
        "Japan's",
    ),
    (
        "BUSAN, March 5 (Yonhap) -- South Korea's",
        "BUSAN, March 5 (Yonhap)",
        "Busan",
        3,
        5,
        "Yonhap",
        (),
        "South",
    ),
    (
        "ST. PETERSBURG, March 4. /TASS/. The forum",
        "ST. PETERSBURG, March 4. /TASS/",
        "St. Petersburg",
        3,
        4,
        "TASS",
        (),
        "The forum",
    ),
    (
        "VLADIVOSTOK, Sept 2 /TASS/. Talks",
        "VLADIVOSTOK, Sept 2 /TASS/",
        "Vladivostok",
        9,
        2,
        "TASS",
        (),
        "Talks",
    ),
    ("(Bloomberg) -- Stocks fell", "(Bloomberg)", None, None, None, "Bloomberg", (), "Stocks"),
    ("Hanoi (AFP) - Vietnam said", "Hanoi (AFP)", "Hanoi", None, None, "AFP", (), "Vietnam"),
    (
        "WASHINGTON (Reuters) - The U.S. Senate",
        "WASHINGTON (Reuters)",
        "Washington",
        None,
        None,
        "Reuters",
        (),
        "The U.S.",
    ),
    (
        "LONDON, Jan 5 (Reuters) - Britain's",
        "LONDON, Jan 5 (Reuters)",
        "London",
        1,
        5,
        "Reuters",
        (),
        "Britain",
    ),
    (
        "NEW DELHI, Sept. 14 (Reuters) - India",
        "NEW DELHI, Sept. 14 (Reuters)",
        "New Delhi",
        9,
        14,
        "Reuters",
        (),
        "India",
    ),
    (
        "JAKARTA, Feb. 28 (Antara) - Indonesia",
        "JAKARTA, Feb. 28 (Antara)",
        "Jakarta",
        2,
        28,
        "Antara",
        (),
        "Indonesia",
    ),
    (
        "Dar es Salaam (AFP) - Tanzania",
        "Dar es Salaam (AFP)",
        "Dar es Salaam",
        None,
        None,
        "AFP",
        (),
        "Tanzania",
    ),
    (
        "KYIV, Ukraine, Oct. 3 (AP) — Drones",
        "KYIV, Ukraine, Oct. 3 (AP)",
        "Kyiv",
        10,
        3,
        "AP",
        (),
        "Drones",
    ),
    (
        "Lanzhou, July 21 (Xinhua) -- A new",
        "Lanzhou, July 21 (Xinhua)",
        "Lanzhou",
        7,
        21,
        "Xinhua",
        (),
        "A new",
    ),
    ("PARIS — The mayor", "PARIS", "Paris", None, None, None, (), "The mayor"),
    ("NEW YORK -- Shares", "NEW YORK", "New York", None, None, None, (), "Shares"),
    (
        "SAN ANTONIO, Dec. 1 — Police",
        "SAN ANTONIO, Dec. 1",
        "San Antonio",
        12,
        1,
        None,
        (),
        "Police",
    ),
    ("  MANILA (Kyodo) - The", "MANILA (Kyodo)", "Manila", None, None, "Kyodo", (), "The"),
]

NEGATIVES: list[str] = [
    "据报道，当地5日发生6.1级地震。",
    "(图取自朝中社/法新社)金正恩视察工厂。",
    "（图／美联社）川普在集会上发言。",
    "Photo: AFP",
    "However, March 5 was the last day of trading.",
    "(This story has been corrected to fix the spelling of a name)",
    "2024年6月19日，国务院常务会议召开。",
    "BEIJING is the capital of China.",
    "BREAKING — Markets tumble",
    "（记者张伟）近日，本市",
    "(AP Photo/Jae C. Hong) Firefighters",
    "新华社电视台今天报道",
    "新华社北京3月32日电 不是日期",
    "Officials said (AP) — the talks",
    "Reuters reported on Tuesday that",
    "【编者按】本文作者",
    "NEW YORK--The city",
    "3月5日，北京天气晴。",
]


def _id(row: Row) -> str:
    return row[1]


@pytest.mark.parametrize(
    "row",
    [*MALAYSIA_SINGAPORE_HK, *MAINLAND, *TAIWAN, *FOREIGN_WIRES_ZH, *ENGLISH],
    ids=_id,
)
def test_dateline(row: Row) -> None:
    paragraph, raw, place, month, day, agency, reporters, rest = row
    found, remaining = find_dateline(paragraph)
    assert found is not None
    # ``raw`` is printed with the mark that closes it: the table gives the
    # dateline without it; the text before the remaining story has it.
    text = paragraph.strip()
    printed = text[: len(text) - len(remaining)].rstrip()
    assert found.raw == printed
    assert found.raw.startswith(raw)
    assert (found.place, found.month, found.day) == (place, month, day)
    assert (found.agency, found.reporters) == (agency, reporters)
    assert remaining.startswith(rest)


@pytest.mark.parametrize("paragraph", NEGATIVES)
def test_not_a_dateline(paragraph: str) -> None:
    assert find_dateline(paragraph) == (None, paragraph)


def test_table_size() -> None:
    positives = MALAYSIA_SINGAPORE_HK + MAINLAND + TAIWAN + FOREIGN_WIRES_ZH + ENGLISH
    assert len(positives) >= 45
    assert len(NEGATIVES) >= 10


def test_date_completed_from_published() -> None:
    found, _ = find_dateline("（新山30日讯）文", published=dt.date(2024, 3, 2))
    assert found == Dateline(raw="（新山30日讯）", place="新山", day=30, date=dt.date(2024, 1, 30))


def test_published_datetime_accepted() -> None:
    published = dt.datetime(2024, 1, 5, 23, 0, tzinfo=dt.timezone.utc)
    found, _ = find_dateline("BUSAN, Dec. 30 (Yonhap) -- x", published=published)
    assert found is not None
    assert found.date == dt.date(2023, 12, 30)


def test_explicit_year_needs_no_published() -> None:
    found, _ = find_dateline("SEOUL, March 5, 2021 (Yonhap) -- x")
    assert found is not None
    assert found.date == dt.date(2021, 3, 5)


def test_no_published_keeps_month_and_day() -> None:
    found, _ = find_dateline("新华社北京3月5日电 x")
    assert found is not None
    assert (found.month, found.day, found.date) == (3, 5, None)


def test_agency_lookup_decides_first() -> None:
    def lookup(name: str) -> str | None:
        return "Xinhua News Agency" if name == "新華社" else None

    found, _ = find_dateline("新華社香港3月4日電 x", agency_lookup=lookup)
    assert found is not None
    assert found.agency == "Xinhua News Agency"
    other, _ = find_dateline("（法新社巴黎4日电）x", agency_lookup=lookup)
    assert other is not None
    assert other.agency == "AFP"


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("新华社", "Xinhua"),
        ("中新網", "China News Service"),
        ("美聯社", "AP"),
        ("韓聯社", "Yonhap"),
        ("朝鲜中央通讯社", "KCNA"),
        ("俄罗斯卫星通讯社", "Sputnik"),
        ("卫星社", "Sputnik"),
        ("彭博", "Bloomberg"),
        ("越通社", "VNA"),
        ("埃菲社", "EFE"),
        ("安莎社", "ANSA"),
        ("合众国际社", "UPI"),
        ("DPA", "dpa"),
        ("reuters", "Reuters"),
        ("早报", None),
        (None, None),
    ],
)
def test_canonical_agency(name: str | None, canonical: str | None) -> None:
    assert canonical_agency(name) == canonical


def test_language_hint_does_not_exclude() -> None:
    assert find_dateline("（法新社巴黎4日电）x", language="en")[0] is not None
    assert find_dateline("PARIS (AFP) - x", language="zh-CN")[0] is not None


def test_long_paragraph_is_quick() -> None:
    long_inputs = [
        "（" + "新" * 100_000,
        "新华社" + "北" * 100_000,
        "BEIJING, " * 12_000,
        "A" * 100_000 + " —",
        "Hanoi " * 17_000 + "(AFP) -",
        "平壤" + "1" * 100_000 + "日讯",
    ]
    started = time.perf_counter()
    for text in long_inputs:
        assert len(text) >= 100_000
        assert find_dateline(text) == (None, text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("year", "month", "day", "published", "expected"),
    [
        (None, None, 30, dt.date(2024, 3, 2), dt.date(2024, 1, 30)),
        (None, None, 19, dt.date(2024, 6, 19), dt.date(2024, 6, 19)),
        (None, None, 31, dt.date(2024, 5, 1), dt.date(2024, 3, 31)),
        (None, 12, 30, dt.date(2024, 1, 5), dt.date(2023, 12, 30)),
        (None, 3, 5, dt.date(2024, 3, 5), dt.date(2024, 3, 5)),
        (None, None, 20, dt.date(2024, 1, 10), dt.date(2023, 12, 20)),
        (None, 2, 29, dt.date(2025, 6, 1), dt.date(2024, 2, 29)),
        (2021, 7, 4, dt.date(2024, 1, 1), dt.date(2021, 7, 4)),
        (2021, 7, 4, None, dt.date(2021, 7, 4)),
        (None, 3, 5, None, None),
        (None, None, 5, None, None),
        (None, 2, 30, dt.date(2024, 3, 1), None),
        (None, None, None, dt.date(2024, 3, 1), None),
        (None, 13, 1, dt.date(2024, 3, 1), None),
    ],
)
def test_resolve_date(
    year: int | None,
    month: int | None,
    day: int | None,
    published: dt.date | None,
    expected: dt.date | None,
) -> None:
    assert resolve_date(month, day, published, year=year) == expected
