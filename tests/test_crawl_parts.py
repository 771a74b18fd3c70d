"""The crawl's parts on their own: URL keys, dates, listings, the JSONL writer."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import unicodedata
from pathlib import Path

import pytest

from crawl_site import (
    BILLION_LAUGHS,
    PART1_STORIES,
    Story,
    atom,
    json_feed,
    news_sitemap,
    rss,
    sitemap_index,
    urlset,
)
from newsclean._crawl._dedupe import _folded, article_key, fingerprint, reference_fingerprint
from newsclean._crawl._discover import SeedError, inflate, read_listing
from newsclean._crawl._urls import canonical_url
from newsclean._crawl._writer import JsonlWriter, OutputError
from newsclean._stamps import parse_stamp as parse_date

BASE = "http://127.0.0.1:8000"
UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("HTTP://Example.COM/a/B?x=1#frag", "http://example.com/a/B?x=1"),
        ("https://example.com:443", "https://example.com/"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("http://e.com/a?utm_source=x&b=2&a=1&fbclid=z&gclid=q", "http://e.com/a?a=1&b=2"),
        ("http://e.com/a?UTM_Medium=x&mc_cid=1", "http://e.com/a"),
        ("http://e.com/a?id=7&ref=home", "http://e.com/a?id=7&ref=home"),
        (
            "http://e.com/a?at_medium=rss&at_campaign=x&xtor=RSS-1&ns_source=f&CMP=twt"
            "&smid=tw-share&smtyp=cur&icid=5&id=9",
            "http://e.com/a?id=9",
        ),
    ],
)
def test_canonical_url(url: str, key: str) -> None:
    assert canonical_url(url) == key


def test_dates_of_feeds_and_sitemaps() -> None:
    assert parse_date("Tue, 05 Mar 2024 08:00:00 GMT") == dt.datetime(2024, 3, 5, 8, tzinfo=UTC)
    assert parse_date("2024-03-05") == dt.datetime(2024, 3, 5, tzinfo=UTC)
    assert parse_date("2024-03-05T08:00:00Z") == dt.datetime(2024, 3, 5, 8, tzinfo=UTC)
    plus_one = parse_date("2024-03-05T09:00:00+01:00")
    assert plus_one == dt.datetime(2024, 3, 5, 8, tzinfo=UTC)
    assert parse_date("2024-03") == dt.datetime(2024, 3, 1, tzinfo=UTC)
    assert parse_date("yesterday") is None
    assert parse_date("2024-13-45") is None


def test_rss_links_dates_and_tracking_links() -> None:
    listing = read_listing(rss(BASE), BASE + "/feed")
    assert listing is not None and listing.kind == "rss"
    urls = [e.url for e in listing.entries]
    assert urls[0] == f"{BASE}/news/a1#comments"
    assert urls[1] == f"{BASE}/news/a2?utm_source=rss&utm_medium=feed"
    assert listing.entries[0].date == dt.datetime(2026, 11, 20, 8, tzinfo=UTC)


def test_atom_resolves_relative_links_and_skips_self() -> None:
    listing = read_listing(atom(BASE), BASE + "/feed.atom")
    assert listing is not None and listing.kind == "atom"
    assert [e.url for e in listing.entries] == [
        f"{BASE}/news/a3", f"{BASE}/news/a4", f"{BASE}/amp/a1",
    ]  # fmt: skip
    assert listing.entries[0].date == dt.datetime(2026, 11, 18, 8, tzinfo=UTC)


def test_json_feed_items_with_and_without_dates() -> None:
    listing = read_listing(json_feed(BASE), BASE + "/feed.json")
    assert listing is not None and listing.kind == "jsonfeed"
    assert len(listing.entries) == 5
    assert listing.entries[-1].date is None


def test_gzipped_urlset_and_sitemap_index() -> None:
    listing = read_listing(gzip.compress(urlset(BASE, PART1_STORIES)), BASE + "/s.bin")
    assert listing is not None and listing.kind == "urlset"
    assert [e.url for e in listing.entries] == [f"{BASE}/news/{s.slug}" for s in PART1_STORIES]
    index = read_listing(sitemap_index(BASE), BASE + "/index")
    assert index is not None and not index.entries
    assert index.sitemaps[0].url == f"{BASE}/sitemaps/part1.xml.gz"
    assert index.sitemaps[-1].date == dt.datetime(2000, 1, 2, tzinfo=UTC)


def test_google_news_sitemap_prefers_publication_date() -> None:
    listing = read_listing(news_sitemap(BASE), BASE + "/news")
    assert listing is not None
    assert listing.entries[0].date == dt.datetime(2026, 11, 11, 7, tzinfo=UTC)


def test_pages_and_other_json_are_not_listings() -> None:
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body><p>x</p></body></html>"
    assert read_listing(page, BASE) is None
    assert read_listing(b'{"version": "1", "items": []}', BASE) is None
    assert read_listing(b"<?xml version='1.0'?><svg/>", BASE) is None


def test_dtd_refused_before_parsing() -> None:
    with pytest.raises(SeedError, match="DTD"):
        read_listing(BILLION_LAUGHS, BASE)


def test_gzip_bomb_capped() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * 3_000_000)
    with pytest.raises(SeedError, match="inflates past"):
        inflate(bomb, limit=1_000_000)
    with pytest.raises(SeedError, match="corrupt"):
        read_listing(b"\x1f\x8bnot gzip at all", BASE)


def test_malformed_xml_is_a_seed_error() -> None:
    with pytest.raises(SeedError, match="malformed"):
        read_listing(b"<rss><channel><item></channel>", BASE)


def test_fingerprint_ignores_spacing_case_and_punctuation() -> None:
    assert fingerprint("Hello,  World!\nSecond line.") == fingerprint("hello world second line")
    assert fingerprint("one story") != fingerprint("another story")


# Each pair: the same words as a page may serve them twice; then text that differs.
SAME_TEXT = [
    ("Hello,  World!\nSecond line.", "hello world second line"),
    ("ＦＵＬＬ　ｗｉｄｔｈ １２３", "full width 123"),  # NFKC: width
    ("Straße — «quoted» ‘text’…", "STRASSE quoted text"),  # casefold, Unicode punctuation
    ("ＣＡＦÉ İstanbul ½", "cafe\u0301 i\u0307stanbul 1⁄2"),  # composed or not
    ("snake_case under_score", "snakecase underscore"),
    ("中文，新闻！ 第二段。", "中文新闻第二段"),
    ("ΣΊΣΥΦΟΣ", "σίσυφοσ"),  # final sigma folds like any other
    ("", " \n\t — "),
]
DIFFERENT = [("one story", "another story"), ("café", "cafe"), ("1", "一"), ("a", "ä")]


@pytest.mark.parametrize(("a", "b"), SAME_TEXT)
def test_fingerprint_equates_what_it_always_did(a: str, b: str) -> None:
    assert fingerprint(a) == fingerprint(b) == reference_fingerprint(a) == reference_fingerprint(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_fingerprint_tells_different_words_apart(a: str, b: str) -> None:
    assert fingerprint(a) != fingerprint(b)
    assert (fingerprint(a), fingerprint(b)) == (reference_fingerprint(a), reference_fingerprint(b))


def test_fingerprint_equals_the_reference_for_every_code_point() -> None:
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    # Each character's replacement is a fixed point (it holds no character
    # that would be replaced again), so the order of replacements is free.
    # (A character that folds to itself is replaced by itself or by nothing.)
    for char in (c for c in chars if c.casefold() != c):
        folded = _folded(char).decode("utf-8")
        assert all(_folded(c).decode("utf-8") == c for c in folded), char
    # Every assigned character, 1,000 at a time in long Latin text (the
    # per-character way), then all at once (too many for their length: the
    # regular expression).
    assigned = [c for c in chars[128:] if unicodedata.category(c) not in ("Cn", "Co")]
    latin = "Plain words, and more of them. " * 2200
    for start in range(0, len(assigned), 1000):
        text = latin + " ".join(assigned[start : start + 1000])
        assert fingerprint(text) == reference_fingerprint(text), start
    text = "".join(chars)
    assert fingerprint(text) == reference_fingerprint(text)


def test_article_key_ignores_a_canonical_link_to_the_home_page() -> None:
    assert article_key(f"{BASE}/", f"{BASE}/news/a1") == f"{BASE}/news/a1"
    assert article_key(f"{BASE}/news/a1", f"{BASE}/amp/a1") == f"{BASE}/news/a1"
    assert article_key(None, f"{BASE}/news/a1?utm_source=x") == f"{BASE}/news/a1"


def test_writer_cuts_a_torn_last_line(tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    out.write_bytes(b'{"n": 1}\n{"n": 2}\n{"n": 3, "bo')
    with JsonlWriter(out) as writer:
        assert writer.repaired == len(b'{"n": 3, "bo')
        writer.write({"n": 3, "text": "line\nbreak 中文"})
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b""
    assert [json.loads(line)["n"] for line in lines[:-1]] == [1, 2, 3]


def test_writer_torn_only_line_and_records_from(tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    out.write_bytes(b'{"n": 1')
    with JsonlWriter(out) as writer:
        assert writer.size == 0
        writer.write({"n": 1})
        writer.write({"n": 2})
        assert [r["n"] for r in writer.records_from(len(b'{"n": 1}\n'))] == [2]


def test_writer_refuses_an_output_in_use(tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    with JsonlWriter(out), pytest.raises(OutputError, match="in use"):
        JsonlWriter(out)
    with pytest.raises(OutputError, match="cannot open"):
        JsonlWriter(tmp_path)
    assert os.path.exists(out)


def test_story_pages_differ() -> None:
    assert Story("a1", "2026-01-01").title != Story("a2", "2026-01-01").title


def _rss_items(*items: str, head: bytes = b"") -> bytes:
    body = "".join(f"<item><title>{t}</title><link>{link}</link></item>" for t, link in items)
    return (
        head
        + (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>'
            f"{body}</channel></rss>"
        ).encode()
    )


def test_a_stray_ampersand_or_html_entity_loses_no_feed() -> None:
    data = _rss_items(
        ("Fish & chips&nbsp;tonight", f"{BASE}/news/a1?x=1&y=2"),
        ("Caf&eacute; &amp; more &#8211; ok", f"{BASE}/news/a2"),
    )
    listing = read_listing(data, BASE + "/feed")
    assert listing is not None
    assert [e.url for e in listing.entries] == [f"{BASE}/news/a1?x=1&y=2", f"{BASE}/news/a2"]


def test_whitespace_or_a_bom_before_the_xml_declaration() -> None:
    for head in (b"\n\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"):
        listing = read_listing(_rss_items(("A", f"{BASE}/news/a1"), head=head), BASE + "/feed")
        assert listing is not None and [e.url for e in listing.entries] == [f"{BASE}/news/a1"]


def test_plain_text_sitemap() -> None:
    data = f"{BASE}/news/a1\n\n{BASE}/news/a2\r\n  {BASE}/news/a3  \n".encode()
    listing = read_listing(data, BASE + "/sitemap.txt")
    assert listing is not None and listing.kind == "text"
    assert [e.url for e in listing.entries] == [f"{BASE}/news/a{n}" for n in (1, 2, 3)]
    assert read_listing(b"hello\nworld\n", BASE) is None
    assert read_listing(f"see {BASE}/news/a1 for more\n".encode(), BASE) is None


def test_xml_that_no_repair_mends_is_still_refused() -> None:
    with pytest.raises(SeedError, match="malformed XML"):
        read_listing(b'<?xml version="1.0"?><rss><channel><item><link>x</channel>', BASE)
