"""The one reader of machine-written dates, and every reader that goes through it.

Feeds, sitemaps, ``--since``, ``WARC-Date``, ``Retry-After`` and page
metadata accept the same forms: what one of them reads, all of them read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import newsclean
from crawl_site import start_site
from newsclean._crawl._dates import parse_since
from newsclean._crawl._discover import read_listing
from newsclean._fetch._policy import parse_retry_after
from newsclean._fields.dates import parse_value
from newsclean._stamps import iso_parts, parse_stamp
from newsclean._warc import parse_warc_date

UTC = dt.timezone.utc
EIGHT = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2024", dt.datetime(2024, 1, 1, tzinfo=UTC)),
        ("2024-03", dt.datetime(2024, 3, 1, tzinfo=UTC)),
        ("2024-03-05", dt.datetime(2024, 3, 5, tzinfo=UTC)),
        ("2024-3-5", dt.datetime(2024, 3, 5, tzinfo=UTC)),
        ("2024-03-05T08:00", dt.datetime(2024, 3, 5, 8, tzinfo=UTC)),
        ("2024-03-05 08:00:30", dt.datetime(2024, 3, 5, 8, 0, 30, tzinfo=UTC)),
        ("2024-03-05t08:00:00z", dt.datetime(2024, 3, 5, 8, tzinfo=UTC)),
        ("2024-03-05T08:00:00.123456Z", dt.datetime(2024, 3, 5, 8, 0, 0, 123456, tzinfo=UTC)),
        ("2024-03-05T16:00:00+08:00", dt.datetime(2024, 3, 5, 16, tzinfo=EIGHT)),
        ("2024-03-05T16:00:00+0800", dt.datetime(2024, 3, 5, 16, tzinfo=EIGHT)),
        ("2024-03-05T16:00:00+08", dt.datetime(2024, 3, 5, 16, tzinfo=EIGHT)),
        ("  2024-03-05  ", dt.datetime(2024, 3, 5, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 08:00:00 GMT", dt.datetime(2024, 3, 5, 8, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 16:00:00 +0800", dt.datetime(2024, 3, 5, 16, tzinfo=EIGHT)),
        ("05 Mar 2024 08:00:00 -0000", dt.datetime(2024, 3, 5, 8, tzinfo=UTC)),
        ("1709625600", dt.datetime(2024, 3, 5, 8, tzinfo=UTC)),
        ("1709625600000", dt.datetime(2024, 3, 5, 8, tzinfo=UTC)),
    ],
)
def test_forms_programs_write(text: str, moment: dt.datetime) -> None:
    assert parse_stamp(text) == moment


@pytest.mark.parametrize(
    "text", ["", "   ", "yesterday", "2024-13-45", "2024-02-30", "24-03-05", "2024-03-05X", None]
)
def test_what_is_not_a_date(text: str | None) -> None:
    assert parse_stamp(text) is None


def test_a_naive_date_takes_the_assumed_zone() -> None:
    assert parse_stamp("2024-03-05T16:00", assume=EIGHT) == dt.datetime(
        2024, 3, 5, 16, tzinfo=EIGHT
    )


def test_iso_parts_say_where_the_value_stops() -> None:
    parts = iso_parts("2024-03")
    assert parts is not None and (parts.year, parts.month, parts.day) == (2024, 3, None)
    assert iso_parts("2024-03-05T08:00Z") is not None
    assert iso_parts("on 2024-03-05") is None


# Every reader accepts the same forms.


def test_since_accepts_what_feeds_write() -> None:
    assert parse_since("Tue, 05 Mar 2024 08:00:00 GMT") == dt.datetime(2024, 3, 5, 8, tzinfo=UTC)
    assert parse_since("2024") == dt.datetime(2024, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="not a date"):
        parse_since("last week")


def test_warc_date_accepts_what_feeds_write() -> None:
    assert parse_warc_date("2024-03-05T08:00:00Z") == dt.datetime(2024, 3, 5, 8, tzinfo=UTC)
    assert parse_warc_date("2024-03-05T08:00:00.5Z") == dt.datetime(
        2024, 3, 5, 8, 0, 0, 500000, tzinfo=UTC
    )
    assert parse_warc_date("Tue, 05 Mar 2024 08:00:00 GMT") == dt.datetime(
        2024, 3, 5, 8, tzinfo=UTC
    )
    assert parse_warc_date("garbage") is None
    assert parse_warc_date(None) is None


def test_retry_after_reads_an_http_date_or_seconds() -> None:
    now = dt.datetime(2024, 3, 5, 8, tzinfo=UTC)
    assert parse_retry_after("Tue, 05 Mar 2024 08:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("2024-03-05T08:01:00Z", now=now) == 60.0
    assert parse_retry_after("120", now=now) == 120.0
    assert parse_retry_after("soon", now=now) is None


def test_sitemap_lastmod_in_any_form() -> None:
    xml = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://a.example/news/1</loc><lastmod>2024-3-5</lastmod></url>"
        b"<url><loc>https://a.example/news/2</loc><lastmod>1709625600</lastmod></url>"
        b"<url><loc>https://a.example/news/3</loc>"
        b"<lastmod>Tue, 05 Mar 2024 08:00:00 GMT</lastmod></url>"
        b"</urlset>"
    )
    listing = read_listing(xml, "https://a.example/sitemap.xml")
    dates = [entry.date for entry in listing.entries]
    assert dates == [
        dt.datetime(2024, 3, 5, tzinfo=UTC),
        dt.datetime(2024, 3, 5, 8, tzinfo=UTC),
        dt.datetime(2024, 3, 5, 8, tzinfo=UTC),
    ]


def test_page_metadata_reads_the_same_iso_forms() -> None:
    now = dt.datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_value("2024-3-5", now=now) == dt.datetime(2024, 3, 5)
    assert parse_value("2024-03-05T16:00:00+08", now=now) == dt.datetime(
        2024, 3, 5, 16, tzinfo=EIGHT
    )
    assert parse_value("1709625600", now=now) == dt.datetime(2024, 3, 5, 8, tzinfo=UTC)


def test_a_crawl_skips_entries_whose_date_any_form_puts_before_since(tmp_path: Path) -> None:
    site = start_site()
    try:
        xml = (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{site.url('/news/a1')}</loc><lastmod>2026-11-20T08:00+08</lastmod></url>"
            f"<url><loc>{site.url('/news/a2')}</loc><lastmod>1709625600</lastmod></url>"
            f"<url><loc>{site.url('/news/a3')}</loc>"
            "<lastmod>Tue, 05 Mar 2024 08:00:00 GMT</lastmod></url></urlset>"
        ).encode()
        site.routes["/dated.xml"] = (200, "application/xml", xml)
        out = tmp_path / "out.jsonl"
        summary = newsclean.crawl([site.url("/dated.xml")], out=out, since="2026-11-01", jobs=1)
        assert (summary.written, summary.skipped) == (1, 2)
        assert site.hits["/news/a2"] == site.hits["/news/a3"] == 0
    finally:
        site.stop()
