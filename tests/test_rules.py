"""Boilerplate rules: comparison keys, the token trie, the compiled rules and the data contract."""

from __future__ import annotations

import re

import pytest

from newsclean._rules import _has_cjk, _lowered, key, load_json, rules, trie_pattern, uncaptured

# --- key ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "phrase"),
    [
        ("MOST  READ:", "Most read"),
        ("Most read", "most read"),
        ("  Read more »", "Read more"),
        ("【相关新闻】", "相关新闻"),
        ("热门新闻：", "热门新闻"),
        ("相关 新闻", "相关新闻"),
        ("— Related stories —", "Related stories"),
        ("» Read more ›", "read more"),
        ("(阅读全文)", "阅读全文"),
    ],
)
def test_key_matches_printed_variants(printed: str, phrase: str) -> None:
    assert key(printed) == key(phrase)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Most read", "mostread"),
        ("\tSTRASSE\n", "strasse"),  # case-folded, not only lower-cased
        ("Straße", "strasse"),
        ("相关 新闻", "相关新闻"),
        ("", ""),
        ("  ::  ", ""),
    ],
)
def test_key_values(text: str, expected: str) -> None:
    assert key(text) == expected


@pytest.mark.parametrize("text", ["Most read", "MOST READ:", "【 相关 新闻 】", " Read more ", "x"])
def test_key_of_collapsed_text_is_the_same(text: str) -> None:
    assert key(text, collapsed=True) == key(text)


def test_key_keeps_inner_punctuation() -> None:
    assert key("Read: more") == "read:more"
    assert key("Read more") != key("Read: more")


# --- trie_pattern ---------------------------------------------------------------------

TOKENS = ["ad", "ads", "advert", "header", "head", "a.b", "c+", "nav"]


@pytest.mark.parametrize("token", TOKENS)
def test_trie_matches_every_token(token: str) -> None:
    assert re.fullmatch(trie_pattern(TOKENS), token)


@pytest.mark.parametrize("other", ["a", "adv", "adverts", "hea", "axb", "c", "cc", "navs", ""])
def test_trie_matches_nothing_else(other: str) -> None:
    assert re.fullmatch(trie_pattern(TOKENS), other) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("advertisement", "advert"),
        ("adsense", "ads"),
        ("admin", "ad"),
        ("headers", "header"),
        ("heading", "head"),
    ],
)
def test_trie_takes_the_longest_token(text: str, found: str) -> None:
    m = re.match(trie_pattern(TOKENS), text)
    assert m is not None
    assert m.group() == found


def test_trie_escapes_metacharacters() -> None:
    pattern = trie_pattern(["a.b", "c+"])
    assert re.fullmatch(pattern, "a.b")
    assert not re.fullmatch(pattern, "axb")
    assert re.fullmatch(pattern, "c+")
    assert not re.fullmatch(pattern, "cc")


def test_trie_order_and_duplicates_do_not_matter() -> None:
    assert trie_pattern(["b", "a", "ab", "a"]) == trie_pattern(["a", "ab", "b"])


def test_trie_of_cjk_tokens() -> None:
    pattern = trie_pattern(["扫码", "扫一扫", "分享到"])
    assert [m.group() for m in re.finditer(pattern, "请扫一扫或扫码，分享到朋友圈")] == [
        "扫一扫",
        "扫码",
        "分享到",
    ]


def test_trie_of_no_tokens_matches_nothing() -> None:
    assert re.search(trie_pattern([]), "any text at all") is None


# --- compiled rules -------------------------------------------------------------------


def test_rules_are_built_once() -> None:
    assert rules() is rules()


def test_selectors_are_not_empty() -> None:
    r = rules()
    assert r.remove_selector
    assert r.mark_selector
    for tag in ("script", "style"):
        assert tag in r.remove_selector.split(", ")


@pytest.mark.parametrize("phrase", ["热门新闻", "相关新闻", "Most read", "Related stories"])
def test_section_headings(phrase: str) -> None:
    assert key(phrase) in rules().section_headings


@pytest.mark.parametrize("phrase", ["阅读全文", "Read more", "READ MORE »", "展开全文"])
def test_read_more(phrase: str) -> None:
    assert key(phrase) in rules().read_more


@pytest.mark.parametrize("phrase", ["广告", "Advertisement", "Back to top"])
def test_labels(phrase: str) -> None:
    assert key(phrase) in rules().labels


@pytest.mark.parametrize("phrase", ["市政府周三宣布新的交通计划", "Council approves plan"])
def test_ordinary_text_is_no_phrase(phrase: str) -> None:
    r = rules()
    k = key(phrase)
    assert k not in r.section_headings
    assert k not in r.read_more
    assert k not in r.labels


def test_phrase_sets_hold_keys() -> None:
    r = rules()
    for phrases in (r.section_headings, r.read_more, r.labels):
        assert phrases
        assert all(p == key(p) for p in phrases)


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("article-body", "content"),
        ("articlebody", "content"),  # itemprop="articleBody", lower-cased
        ("caption", "caption"),
        ("share", "soft"),
        ("advert", "weak"),
        ("ad", "word"),
        ("hidden", "hidden"),
        ("story", "positive"),
    ],
)
def test_label_kinds(token: str, kind: str) -> None:
    r = rules()
    assert r.label_kinds[token] == kind
    assert re.fullmatch(r.label, token)


def test_label_kinds_are_lower_case() -> None:
    assert all(token == token.lower() for token in rules().label_kinds)


def test_credit_patterns_capture_the_credit() -> None:
    for pattern in rules().credits:
        assert pattern.groups >= 1


# --- data contract --------------------------------------------------------------------


def _latin_line_patterns() -> list[str]:
    phrases = load_json("phrases.json")
    return [
        p
        for name in ("drop_line_prefix", "drop_line_patterns")
        for p in phrases[name]
        if not _has_cjk(p)
    ]


@pytest.mark.parametrize("pattern", _latin_line_patterns())
def test_latin_line_pattern_is_case_insensitive(pattern: str) -> None:
    assert pattern.startswith("(?i)")


@pytest.mark.parametrize("pattern", _latin_line_patterns())
def test_latin_line_pattern_is_lower_case(pattern: str) -> None:
    # They run without the flag on the lower-cased line: an upper-case letter never matches.
    # (Escapes such as \S, \W and \d are not letters to match.)
    literal = re.sub(r"\\.", "", pattern[len("(?i)") :])
    assert literal == literal.lower()


def test_latin_keywords_are_lower_case() -> None:
    keywords = load_json("phrases.json")["drop_line_keywords"]
    assert keywords
    assert all(k == k.lower() for k in keywords)


def test_cjk_patterns_are_found() -> None:
    phrases = load_json("phrases.json")
    assert any(_has_cjk(p) for p in phrases["drop_line_prefix"])
    assert any(_has_cjk(p) for p in phrases["drop_line_patterns"])


@pytest.mark.parametrize(
    ("pattern", "cjk"),
    [("责任编辑", True), ("관련기사", True), ("[:：︰]", False), ("(?i)share", False)],
)
def test_has_cjk(pattern: str, cjk: bool) -> None:
    assert _has_cjk(pattern) is cjk


def test_lowered_refuses_a_pattern_without_flag() -> None:
    with pytest.raises(ValueError, match=r"\(\?i\)"):
        _lowered(["share this"])


def test_lowered_drops_the_flag() -> None:
    pattern = _lowered(["(?i)share this", "(?i)follow us"])
    assert pattern.match("follow us on social media")
    assert not pattern.match("Follow us")  # the caller lower-cases first
    assert _lowered([]).search("anything") is None


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(a|b)c", r"(?:a|b)c"),
        (r"(?i:x)(?=y)(?!z)", r"(?i:x)(?=y)(?!z)"),
        (r"\(c\)(d)", r"\(c\)(?:d)"),
        (r"[(\[]?\s*(e)", r"[(\[]?\s*(?:e)"),
        (r"[]()](f)[^](](g)", r"[]()](?:f)[^](](?:g)"),
    ],
)
def test_uncaptured(pattern: str, expected: str) -> None:
    assert uncaptured(pattern) == expected


def test_line_patterns_capture_nothing() -> None:
    r = rules()
    for pattern in (r.drop_prefix, r.drop_pattern, r.drop_prefix_cjk, r.drop_pattern_cjk):
        assert pattern.groups == 0


def test_uncaptured_matches_the_same_lines() -> None:
    for name in ("drop_line_prefix", "drop_line_patterns"):
        for pattern in load_json("phrases.json")[name]:
            plain, grouped = re.compile(uncaptured(pattern)), re.compile(pattern)
            for line in ("责任编辑：王五", "Share this article", "© 2024 Foo", "Photo by X"):
                assert bool(plain.match(line)) is bool(grouped.match(line))


def test_every_disclosure_pattern_holds_a_disclosure_word() -> None:
    """The cheap word test in front of the disclosure regex must never hide a match."""
    phrases = load_json("phrases.json")
    words = phrases["disclosure_words"]
    for pattern in phrases["disclosures"]:
        branches = re.sub(r"\(\?i\)|\\b|[?()]", " ", pattern)
        assert any(w in branches for w in words), pattern
