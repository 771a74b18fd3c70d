"""Seeds recognised by their content: feeds and sitemaps become article URLs.

A seed is fetched first and looked at: RSS 2.0 (and 1.0), Atom, JSON Feed,
a sitemap index, a urlset (Google News sitemaps included), gzipped or not.
Anything else is taken to be an article page. File names and content types
are not trusted: servers label feeds ``text/html`` and sitemaps
``application/octet-stream`` often enough.

XML from the web is parsed defensively: a document with a DOCTYPE is
refused outright (entity expansion bombs live there, and no feed or sitemap
needs one), inflated size is capped, and so is the number of entries.
"""

from __future__ import annotations

import datetime as dt
import html.entities
import json
import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from .._errors import NewscleanError
from .._stamps import parse_stamp
from ._urls import is_http

#: Largest inflated seed document: the sitemap protocol's own limit.
MAX_BYTES = 50 * 1024 * 1024
#: Most URLs taken from one document (a sitemap may list 50,000).
MAX_ENTRIES = 100_000
_HEAD = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_JSONFEED = "https://jsonfeed.org/version/"
_LEADING = (b"\xef", b" ", b"\t", b"\r", b"\n")
#: ``&`` and what follows: a reference (named or numeric) or nothing that is one.
_AMPERSAND = re.compile(rb"&(?:(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});)?")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_URL_LINE = re.compile(rb"https?://\S+")
#: Lines of a plain-text sitemap checked to be URLs before it is read as one.
_TEXT_CHECK = 20


class SeedError(NewscleanError):
    """A seed looked like a feed or sitemap but could not be read safely."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One URL a listing offers, with the date it gives (None if none)."""

    url: str
    date: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """What a feed or sitemap yielded: article URLs and child sitemaps to read."""

    kind: str
    entries: tuple[Entry, ...] = ()
    sitemaps: tuple[Entry, ...] = ()


def read_listing(content: bytes, base_url: str) -> Listing | None:
    """The listing in ``content``, or None when it is not a feed or sitemap.

    Raises ``SeedError`` for a listing that is too big, malformed, or
    carries a DTD.
    """
    data = inflate(content) if content[:2] == _GZIP_MAGIC else content
    # What comes before the document proper: a byte order mark, blank lines.
    data = data.lstrip(b"\xef\xbb\xbf \t\r\n") if data[:1] in _LEADING else data
    if data[:1] in (b"{", b"["):
        return _json_feed(data, base_url)
    kind = _xml_kind(data)
    if kind is None:
        return _text_sitemap(data, base_url)
    root = _parse_xml(data)
    return _READERS[kind](root, base_url)


def _text_sitemap(data: bytes, base_url: str) -> Listing | None:
    """A sitemap in plain text: one absolute http(s) URL a line, nothing else.

    The sitemap protocol allows it; a page or any other text is not one,
    so every non-empty line of the first ones read must be a URL.
    """
    lines = [line.strip() for line in data[:_HEAD].splitlines() if line.strip()]
    if not lines or not all(_URL_LINE.fullmatch(line) for line in lines[:_TEXT_CHECK]):
        return None
    urls = (line.strip() for line in data.splitlines())
    found = (_entry(base_url, u.decode("utf-8", "replace"), None) for u in urls if u)
    return Listing("text", entries=_collect(found))


def inflate(data: bytes, limit: int = MAX_BYTES) -> bytes:
    """gunzip ``data`` (all members), refusing to grow past ``limit`` bytes."""
    out: list[bytes] = []
    size = 0
    while data[:2] == _GZIP_MAGIC:
        unpacker = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            piece = unpacker.decompress(data, limit + 1 - size)
        except zlib.error as exc:
            raise SeedError(f"corrupt gzip: {exc}") from None
        size += len(piece)
        if size > limit or unpacker.unconsumed_tail:
            raise SeedError(f"listing inflates past {limit} bytes")
        out.append(piece)
        data = unpacker.unused_data
    return b"".join(out)


def _xml_kind(data: bytes) -> str | None:
    head = _COMMENT.sub(b"", data[:_HEAD])
    first = _FIRST_TAG.search(head)
    if first is None:
        return None
    kind = first.group(1).decode("ascii", "replace").rsplit(":", 1)[-1].lower()
    if kind not in _READERS:
        return None
    if b"<!DOCTYPE" in head[: first.start()] or b"<!ENTITY" in head[: first.start()]:
        raise SeedError("listing with a DTD refused")
    return kind


def _parse_xml(data: bytes) -> ET.Element:
    """The document's tree; one that does not parse is repaired once and parsed again.

    Feeds in the wild carry a bare ``&`` in a URL or a title, or an HTML
    entity (``&nbsp;``, ``&eacute;``) that XML does not define: one stray
    character must not lose every entry. The repair escapes the first and
    writes the second as the character it names.
    """
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        repaired = _repair_xml(data)
        if repaired == data:
            raise SeedError(f"malformed XML: {exc}") from None
        try:
            return ET.fromstring(repaired)
        except ET.ParseError as again:
            raise SeedError(f"malformed XML: {again}") from None


def _repair_xml(data: bytes) -> bytes:
    return _AMPERSAND.sub(_entity, data)


def _entity(m: re.Match[bytes]) -> bytes:
    name = m.group(1)
    if name is None:
        return b"&amp;"  # a bare ampersand
    text = name.decode("ascii")
    if text in _XML_ENTITIES or text.startswith("#"):
        return m.group(0)
    code = html.entities.name2codepoint.get(text)
    return f"&#{code};".encode() if code is not None else b"&amp;" + name + b";"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(elem: ET.Element, name: str) -> Iterator[ET.Element]:
    return (child for child in elem if _local(child.tag) == name)


def _text(elem: ET.Element, *names: str) -> str | None:
    """Text of the first child named by ``names``, in the order of preference."""
    for name in names:
        for child in _children(elem, name):
            if child.text and child.text.strip():
                return child.text.strip()
    return None


def _entry(base_url: str, link: str | None, date: str | None) -> Entry | None:
    if not link:
        return None
    url = urljoin(base_url, link.strip())
    return Entry(url, parse_stamp(date)) if is_http(url) else None


def _collect(found: Iterator[Entry | None]) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for entry in found:
        if entry is not None:
            entries.append(entry)
            if len(entries) >= MAX_ENTRIES:
                break
    return tuple(entries)


def _items(root: ET.Element, name: str) -> Iterator[ET.Element]:
    return (elem for elem in root.iter() if _local(elem.tag) == name)


def _rss(root: ET.Element, base_url: str) -> Listing:
    def link(item: ET.Element) -> str | None:
        found = _text(item, "link")
        guid = next(_children(item, "guid"), None)
        if found is None and guid is not None and guid.get("isPermaLink", "true") == "true":
            found = guid.text
        return found

    entries = _collect(
        _entry(base_url, link(item), _text(item, "pubdate", "date", "published", "updated"))
        for item in _items(root, "item")
    )
    return Listing("rss", entries)


def _atom_link(entry: ET.Element) -> str | None:
    for link in _children(entry, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _atom(root: ET.Element, base_url: str) -> Listing:
    entries = _collect(
        _entry(base_url, _atom_link(item), _text(item, "published", "updated"))
        for item in _items(root, "entry")
    )
    return Listing("atom", entries)


def _news_date(url: ET.Element) -> str | None:
    for news in _children(url, "news"):
        return _text(news, "publication_date")
    return None


def _urlset(root: ET.Element, base_url: str) -> Listing:
    entries = _collect(
        _entry(base_url, _text(item, "loc"), _news_date(item) or _text(item, "lastmod"))
        for item in _children(root, "url")
    )
    return Listing("urlset", entries)


def _sitemapindex(root: ET.Element, base_url: str) -> Listing:
    children = _collect(
        _entry(base_url, _text(item, "loc"), _text(item, "lastmod"))
        for item in _children(root, "sitemap")
    )
    return Listing("sitemapindex", sitemaps=children)


_READERS: dict[str, Callable[[ET.Element, str], Listing]] = {
    "rss": _rss,
    "rdf": _rss,
    "feed": _atom,
    "urlset": _urlset,
    "sitemapindex": _sitemapindex,
}


def _json_feed(data: bytes, base_url: str) -> Listing | None:
    try:
        doc: Any = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(_JSONFEED):
        return None
    items = doc.get("items")
    if not isinstance(items, list):
        raise SeedError("JSON Feed without an items list")
    entries = _collect(_json_item(item, base_url) for item in items)
    return Listing("jsonfeed", entries)


def _json_item(item: object, base_url: str) -> Entry | None:
    if not isinstance(item, dict):
        return None
    link, date = item.get("url"), item.get("date_published") or item.get("date_modified")
    if not isinstance(link, str):
        return None
    return _entry(base_url, link, date if isinstance(date, str) else None)
