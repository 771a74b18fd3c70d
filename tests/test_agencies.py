"""Wire-agency credits: the alias table, the case and word rules, order and repeats.

An agency named in the body, a caption or a photo credit is a credit; a
newspaper or broadcaster is not, and neither is an alias that is only part of
another word ('Apple', '中央社会'). These tests pin both sides, in simplified
and traditional Chinese and in English.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean._fields.agencies import (
    canonical,
    compile_table,
    credited,
    find_agencies,
    is_cjk,
)
from newsclean._rules import load_json

REQUIRED = (
    "Xinhua",
    "China News Service",
    "CNA",
    "AFP",
    "Reuters",
    "AP",
    "KCNA",
    "Yonhap",
    "Sputnik",
    "TASS",
    "RIA Novosti",
    "Kyodo",
    "Jiji",
    "Bernama",
    "Bloomberg",
    "EFE",
    "dpa",
    "ANSA",
    "UPI",
    "Antara",
    "VNA",
)


def one(text: str) -> tuple[str, ...]:
    """The agencies a single body paragraph credits."""
    return find_agencies([text])


# --- the seed case ---------------------------------------------------------


def test_seed_article_credits_body_agencies_then_caption_agencies() -> None:
    paragraphs = [
        "韩联社报导,朝鲜最高领导人金正恩在机场迎接到访的俄罗斯总统普京。",
        "俄罗斯卫星通讯社驻朝记者报导,平壤街头挂满了两国国旗和普京的肖像。",
        "法新社指,这是普京24年来首次访问朝鲜。",
    ]
    captions = ["普京与金正恩在机场握手。(图取自朝中社/法新社)", "(图取自俄罗斯卫星通讯社/法新社)"]
    result = find_agencies(paragraphs, captions, dateline_agency=None)
    assert set(result) >= {"KCNA", "AFP", "Yonhap", "Sputnik"}
    assert result == ("Yonhap", "Sputnik", "AFP", "KCNA")


# --- the table -------------------------------------------------------------


def test_table_names_every_required_agency() -> None:
    names = load_json("agencies.json")["agencies"]
    assert set(REQUIRED) <= set(names)


@pytest.mark.parametrize("name", sorted(load_json("agencies.json")["agencies"]))
def test_every_canonical_name_is_its_own_alias(name: str) -> None:
    """The dateline parser and callers may hand back a canonical name."""
    assert canonical(name) == name


def test_aliases_are_in_the_script_their_key_says() -> None:
    for name, aliases in load_json("agencies.json")["agencies"].items():
        assert all(is_cjk(a) for a in aliases.get("zh", ())), name
        assert not any(is_cjk(a) for a in aliases.get("en", ())), name
        assert not any(is_cjk(a) for a in aliases.get("exact", ())), name


def test_an_alias_claimed_by_two_agencies_is_refused() -> None:
    data: dict[str, Any] = {"agencies": {"AFP": {"zh": ["法新社"]}, "AP": {"zh": ["法新社"]}}}
    with pytest.raises(ValueError, match="法新社"):
        compile_table(data)


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("法新社", "AFP"),
        ("Agence France-Presse", "AFP"),
        ("AFP", "AFP"),
        ("朝中社", "KCNA"),
        ("朝鲜中央通讯社", "KCNA"),
        ("朝鮮中央通訊社", "KCNA"),
        ("韩联社", "Yonhap"),
        ("韓聯社", "Yonhap"),
        ("Yonhap News Agency", "Yonhap"),
        ("俄罗斯卫星通讯社", "Sputnik"),
        ("俄羅斯衛星通訊社", "Sputnik"),
        ("卫星社", "Sputnik"),
        ("衛星社", "Sputnik"),
        ("中央社", "CNA"),
        ("中央通讯社", "CNA"),
        ("中央通訊社", "CNA"),
        ("Central News Agency", "CNA"),
        ("Focus Taiwan", "CNA"),
        ("中新社", "China News Service"),
        ("中新网", "China News Service"),
        ("中新網", "China News Service"),
        ("中国新闻社", "China News Service"),
        ("Chinanews", "China News Service"),
        ("美联社", "AP"),
        ("美聯社", "AP"),
        ("Associated Press", "AP"),
        ("新华社", "Xinhua"),
        ("新華社", "Xinhua"),
        ("新华网", "Xinhua"),
        ("路透", "Reuters"),
        ("路透社", "Reuters"),
        ("塔斯社", "TASS"),
        ("俄塔社", "TASS"),
        ("俄新社", "RIA Novosti"),
        ("俄新網", "RIA Novosti"),
        ("共同社", "Kyodo"),
        ("时事社", "Jiji"),
        ("時事社", "Jiji"),
        ("时事通信社", "Jiji"),
        ("马新社", "Bernama"),
        ("馬新社", "Bernama"),
        ("马来西亚国家新闻社", "Bernama"),
        ("彭博", "Bloomberg"),
        ("彭博社", "Bloomberg"),
        ("埃菲社", "EFE"),
        ("德新社", "dpa"),
        ("德国新闻社", "dpa"),
        ("Deutsche Presse-Agentur", "dpa"),
        ("安莎社", "ANSA"),
        ("合众国际社", "UPI"),
        ("United Press International", "UPI"),
        ("安塔拉通讯社", "Antara"),
        ("安塔拉", "Antara"),
        ("越通社", "VNA"),
        ("越南通讯社", "VNA"),
        ("Vietnam News Agency", "VNA"),
    ],
)
def test_alias_maps_to_its_canonical_name(alias: str, name: str) -> None:
    assert canonical(alias) == name


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("REUTERS", "Reuters"),
        ("AGENCE FRANCE-PRESSE", "AFP"),
        ("  新华社 ", "Xinhua"),
        ("ＡＦＰ", "AFP"),
        ("afp", None),
        ("Afp", None),
        ("reuters", None),
        ("DPA", None),
        ("BBC", None),
        ("纽约时报", None),
        ("Sputnik V", None),
        ("AFP reported", None),
        ("", None),
    ],
)
def test_canonical_follows_the_case_rules_and_wants_the_whole_alias(
    alias: str, name: str | None
) -> None:
    assert canonical(alias) == name


# --- attributions in the body ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Simplified Chinese.
        ("据韩联社报导,朝鲜周三试射导弹。", ("Yonhap",)),
        ("据韩联社报道,双方会谈持续两小时。", ("Yonhap",)),
        ("法新社报道,抗议者在市中心集会。", ("AFP",)),
        ("据路透社,该公司将裁员一千人。", ("Reuters",)),
        ("消息人士引述法新社说,谈判已经破裂。", ("AFP",)),
        ("朝中社称,试射取得成功。", ("KCNA",)),
        ("新华社北京5月1日电 记者王芳报道", ("Xinhua",)),
        ("中新网5月1日电 据中新社消息", ("China News Service",)),
        ("据时事通信社报道,日本内阁支持率下降。", ("Jiji",)),
        ("马来西亚国家新闻社报道,大选将于年底举行。", ("Bernama",)),
        ("越通社报道,河内举行了庆祝活动。", ("VNA",)),
        ("据德新社报道,柏林机场罢工。", ("dpa",)),
        ("合众国际社报道,参议院通过法案。", ("UPI",)),
        ("印尼安塔拉通讯社报道,火山再次喷发。", ("Antara",)),
        ("俄塔社报道,克里姆林宫拒绝置评。", ("TASS",)),
        ("据俄新社报道,莫斯科下雪。", ("RIA Novosti",)),
        ("共同社报道,东京股市大跌。", ("Kyodo",)),
        ("西班牙埃菲社报道,马德里高温。", ("EFE",)),
        ("意大利安莎社报道,罗马交通瘫痪。", ("ANSA",)),
        # Traditional Chinese.
        ("據朝中社報道,金正恩視察了工廠。", ("KCNA",)),
        ("韓聯社報導,首爾股市上漲。", ("Yonhap",)),
        ("彭博報導,該公司考慮出售部門。", ("Bloomberg",)),
        ("(中央社記者台北5日電)行政院今天召開院會。", ("CNA",)),
        ("(中央社)颱風逼近東部海域。", ("CNA",)),
        ("路透報導,油價上漲。", ("Reuters",)),
        ("時事社報導,日本央行維持利率不變。", ("Jiji",)),
        ("俄羅斯衛星通訊社報導,雙方簽署協議。", ("Sputnik",)),
        ("據美聯社報導,颶風登陸佛州。", ("AP",)),
        # English.
        ("The talks collapsed, according to Reuters.", ("Reuters",)),
        ("Reuters reported that the plant had closed.", ("Reuters",)),
        ("A senior official told Reuters the deal was off.", ("Reuters",)),
        ("WASHINGTON (AP) — The Senate passed the bill.", ("AP",)),
        ("The Associated Press reported the shooting.", ("AP",)),
        ("AFP reported heavy gunfire overnight.", ("AFP",)),
        ("The ministry said in a statement to AFP that talks would resume.", ("AFP",)),
        ("The AP's count shows a narrow lead.", ("AP",)),
        ("PYONGYANG (KCNA) -- The leader inspected a factory.", ("KCNA",)),
        ("Kyodo News and Jiji Press both carried the story.", ("Kyodo", "Jiji")),
        ("TOKYO (AFP-JIJI) Prices rose.", ("AFP", "Jiji")),
        ("Moscow (ITAR-TASS) -- Officials met.", ("TASS",)),
        ("BERLIN (dpa-AFX) Shares fell.", ("dpa",)),
        ("KUALA LUMPUR (Bernama) -- Rain is expected.", ("Bernama",)),
        ("JAKARTA (ANTARA) - The volcano erupted.", ("Antara",)),
        ("An official told 'Sputnik' the plan was ready.", ("Sputnik",)),
    ],
)
def test_attribution_in_the_body_is_a_credit(text: str, expected: tuple[str, ...]) -> None:
    assert one(text) == expected


def test_a_bare_mention_counts_as_a_credit() -> None:
    """Agencies are rarely named except to credit them, so every mention counts."""
    assert one("AFP and Reuters could not independently verify the footage.") == (
        "AFP",
        "Reuters",
    )


def test_an_agency_poll_credits_the_agency() -> None:
    """A Reuters/Ipsos poll's figures are Reuters' figures."""
    assert one("A Reuters/Ipsos poll found 40% approval.") == ("Reuters",)
    assert one("An AP-NORC poll found 40% approval.") == ("AP",)


# --- photo credits -----------------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("金正恩在阅兵式上。(图取自朝中社/法新社)", ("KCNA", "AFP")),
        ("图/法新社", ("AFP",)),
        ("（圖／美聯社）", ("AP",)),
        ("（圖／ＡＰ）", ("AP",)),
        ("Photo: AFP", ("AFP",)),
        ("AFP via Getty Images", ("AFP",)),
        ("REUTERS/Jane Doe", ("Reuters",)),
        ("(AP Photo/John Smith)", ("AP",)),
        ("Xinhua/Li Ming", ("Xinhua",)),
        ("图片来源:新华社 记者 李明 摄", ("Xinhua",)),
        ("(EPA-EFE/Juan Perez)", ("EFE",)),
        ("Picture alliance/dpa", ("dpa",)),
        ("AFP PHOTO / KCNA VIA KNS", ("AFP", "KCNA")),
    ],
)
def test_photo_credit_in_a_caption_is_a_credit(caption: str, expected: tuple[str, ...]) -> None:
    assert find_agencies([], captions=[caption]) == expected
    assert find_agencies([], credits=[caption]) == expected


# --- not credits -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Short forms inside words, or in the wrong case.
        "Apple shares rose after the earnings call.",
        "The capital was quiet on Sunday.",
        "Add a CNAME record for the subdomain.",
        "Papers, maps and caps were on sale.",
        "the ap style guide and a cna license",
        "Download the app from the store.",
        "The AP1000 reactor design was approved.",
        "The DPA fined the company for a data breach.",
        "Efe Aydın scored twice for the visitors.",
        "afp.com and reuters.com were down.",
        # A hyphenated modifier is a description, not a credit.
        "He wrote a Reuters-style headline for the blog.",
        # Words in other languages that spell an agency.
        "Ada banyak perbedaan antara kedua tim.",
        "Seorang lelaki bernama Ahmad ditahan.",
        # Newspapers, broadcasters and websites are not agencies.
        "《纽约时报》报道,白宫拒绝置评。",
        "BBC reported that the bridge had collapsed.",
        "据《联合早报》报道,新加坡将调整政策。",
        "《聯合報》報導,立法院今天開議。",
        "CNN and the New York Times carried the story.",
        # An alias that is the start of another word.
        "中央社会工作部负责人出席会议。",
        "新华社区的居民参加了活动。",
        "共同社会责任是企业的义务。",
        "网路透过光纤连接到用户。",
        "彭博士是这方面的专家。",
        # Phrases that contain an alias but name something else.
        "The Sputnik V vaccine was approved in 2020.",
        "It was a Sputnik moment for the industry.",
        "Michael Bloomberg donated to the campaign.",
        "UPI payments hit a record in March.",
    ],
)
def test_not_a_credit(text: str) -> None:
    assert one(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A longer alias is one credit, not its parts or an overlap.
        ("美联社报道", ("AP",)),
        ("韩联社报道", ("Yonhap",)),
        ("据路透社报道", ("Reuters",)),
        ("中新网报道", ("China News Service",)),
        ("新华网报道", ("Xinhua",)),
        ("据朝鲜中央通讯社报道", ("KCNA",)),
        ("据北韓中央通訊社報導", ("KCNA",)),
        ("the Korean Central News Agency said", ("KCNA",)),
        ("据俄罗斯卫星通讯社报道", ("Sputnik",)),
        # A phrase that is not a credit does not hide a later one.
        ("Michael Bloomberg told Bloomberg News he would run.", ("Bloomberg",)),
        ("a Sputnik moment, Sputnik said", ("Sputnik",)),
    ],
)
def test_overlapping_aliases_give_one_credit(text: str, expected: tuple[str, ...]) -> None:
    assert one(text) == expected


# --- order and repeats -------------------------------------------------------


def test_each_agency_once_in_first_seen_order() -> None:
    paragraphs = [
        "路透社报道,谈判破裂。法新社也报道了此事。",
        "据路透社,双方将再次会面。Reuters said the talks would resume.",
        "AFP and AP reported the same.",
    ]
    assert find_agencies(paragraphs) == ("Reuters", "AFP", "AP")


def test_dateline_agency_comes_first_and_is_not_repeated() -> None:
    paragraphs = ["据法新社报道,会谈持续。", "新华社记者看到,现场秩序井然。"]
    assert find_agencies(paragraphs, dateline_agency="Xinhua") == ("Xinhua", "AFP")
    assert find_agencies(paragraphs, dateline_agency="新华社") == ("Xinhua", "AFP")


def test_dateline_agency_unknown_to_the_table_is_kept() -> None:
    """The dateline parser has already judged it an agency."""
    assert find_agencies(["Officials met."], dateline_agency="PTI") == ("PTI",)
    assert find_agencies(["Officials met."], dateline_agency="  ") == ()


def test_body_comes_before_captions_before_credits() -> None:
    result = find_agencies(
        ["Reuters reported the fire."],
        captions=["(图取自朝中社)"],
        credits=["AFP"],
    )
    assert result == ("Reuters", "KCNA", "AFP")


def test_no_alias_spans_two_texts() -> None:
    assert find_agencies(["据法新", "社报道"]) == ()
    assert find_agencies(["Associated", "Press"]) == ()


def test_an_article_without_credits_has_no_agencies() -> None:
    assert find_agencies([]) == ()
    assert find_agencies(["市政府今天召开会议,讨论明年的预算。"]) == ()


# --- properties --------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "法新",
        "社",
        "会",
        "路透",
        "过",
        "美联社",
        "中央社",
        "朝鲜",
        "中央通讯社",
        "AFP",
        "AP",
        "A",
        "P",
        "ap",
        "Reuters",
        "-style",
        "-JIJI",
        "Sputnik",
        " V",
        " ",
        "/",
        "(",
        ")",
        "。",
    ]
)
TEXTS = st.lists(st.lists(PIECES, max_size=12).map("".join), max_size=6)


@given(TEXTS)
def test_result_is_the_first_seen_order_of_each_texts_credits(texts: list[str]) -> None:
    """Scanning all texts at once equals scanning each alone, repeats dropped."""
    expected = tuple(dict.fromkeys(name for text in texts for name in credited(text)))
    result = find_agencies(texts)
    assert result == expected
    assert len(set(result)) == len(result)
    assert all(canonical(name) == name for name in result)
