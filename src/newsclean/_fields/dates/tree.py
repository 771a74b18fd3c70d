"""Dates read from the page's tree: steps 3, 4 and 6 to 9, the headline's block, raw JSON-LD."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .rules import date_rules
from .text import (
    MAX_LABEL_TEXT,
    Yearless,
    date_after_label,
    date_from_text,
    first_candidate,
    in_year,
    short_year_date,
    yearless_parts,
)
from .values import parse_value

#: How many date-like elements are read at most, on each side of the headline.
MAX_DATE_NODES = 20
_PAGE_WRAPPERS = frozenset({"body", "html", "main", "article"})
#: Ancestors of the first ``<h1>`` searched for a printed date.
HEADLINE_BLOCK_LEVELS = 2
#: Longest line above a headline read as its date line (kicker, date, section).
MAX_ABOVE_TEXT = 80
#: Date-like elements with more text than this are containers, not date lines.
MAX_DATE_TEXT = 400

_DATE_NODES = (
    'time, .info, .source, [class*="date" i], [class*="time" i], [class*="publish" i], '
    '[id*="date" i], [id*="time" i], [id*="publish" i]'
)
_TIME_NODES = (
    'time[datetime], [itemprop="datePublished" i]:not(meta), '
    '[property="schema:datePublished" i][content]:not(meta), '
    '[property="schema:dateCreated" i][content]:not(meta)'
)
_UPDATE_WORDS = re.compile(r"updat|modif|revis|edit", re.IGNORECASE)
#: Printed words that say the date after them is an update (``Updated``,
#: ``Aktualisiert am``, ``Mis à jour le``, ``更新``).
_UPDATE_LABEL = re.compile(
    r"(?:updated?|aktualisiert|geändert|mis\s+à\s+jour|actualizado|atualizado|aggiornato"
    r"|bijgewerkt|更新|修改)\W*(?:\s+(?:on|am|le|el|em|il|op))?\s*[:：]?\s*$",
    re.IGNORECASE,
)
#: Ancestors of a dated element whose class/id are read for the ``elsewhere_words``
#: of ``rules/dates.json`` (other stories' cards, comments, embeds, captions).
ELSEWHERE_DEPTH = 2
#: Ancestors of a dated element whose tag is read for the ``elsewhere_tags``
#: (``aside``, ``figcaption``, ``blockquote``): such a box may wrap its date deeply.
#: Set by hand; no date of the zh, zh-news, wcxb-articles, readability or
#: trafilatura corpora changed for the worse with it.
ELSEWHERE_TAG_DEPTH = 8
_PUBLISH_WORDS = re.compile(r"publish|pubdate|date|posted", re.IGNORECASE)

#: A ``datePublished`` in JSON-LD that ``read_meta`` could not use (wrapped in
#: ``<![CDATA[``, HTML-escaped, or of a type it does not take as an article).
_RAW_JSONLD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{6,60})"')
#: A publish date in script data (``"publishedDate":"2016-11-04T20:37:27Z"``).
_SCRIPT_PUBLISHED = re.compile(
    r'"(?:date_?)?[Pp]ublish(?:ed)?_?(?:[Dd]ate|[Tt]ime|[Aa]t)?"\s*:\s*"([^"]{6,40})"'
)
#: Classes of elements shown only to screen readers.
_HIDDEN_CLASS = re.compile(r"sr-only|visually-?hidden|screen-?reader|aural", re.IGNORECASE)
#: Elements whose content is no visible text.
_NO_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "-comment"})
_JSONLD_SCRIPTS = 'script[type="application/ld+json" i]'
_H1 = "h1"
#: Selector matches kept by query: each selector call walks the whole tree.
Walks = dict[str, list[LexborNode]]
#: Characters of page text after the headline searched for an unlabelled date.
MAX_AFTER_HEADLINE = 300


def _attr_text(node: LexborNode) -> str:
    attrs = node.attributes
    return " ".join(v for k in ("class", "id", "itemprop") if (v := attrs.get(k)))


def _walk(root: LexborHTMLParser | LexborNode, query: str, walks: Walks | None) -> list[LexborNode]:
    """``root.css(query)``; ``walks`` keeps it for the next call on the same, unchanged tree."""
    if walks is None:
        return root.css(query)
    matches = walks.get(query)
    if matches is None:
        matches = walks[query] = root.css(query)
    return matches


def _around_headline(
    root: LexborHTMLParser | LexborNode,
    selector: str,
    cards: bool | None = None,
    walks: Walks | None = None,
) -> Iterator[LexborNode]:
    """Matches of ``selector``, those after the first ``<h1>`` first, at most 20 on each side.

    Those inside another story's card or a comment are held back to the end;
    ``cards=False`` leaves them out, ``cards=True`` gives only them. Callers
    stop at the first date, so the ancestors of later matches are never read.

    One selector call: ``h1`` is matched with the rest to find where the
    headline stands in document order (a masthead prints today's date above it).
    ``walks`` keeps the matches of each selector for the next call on the
    same, unchanged tree.
    """
    before: list[LexborNode] = []
    after: list[LexborNode] = []
    seen_h1 = False
    for node in _walk(root, f"{_H1}, {selector}", walks):
        if node.tag == "h1":
            seen_h1 = True
            continue
        side = after if seen_h1 else before
        if len(side) < MAX_DATE_NODES:
            side.append(node)
        elif seen_h1:
            break
    # Dates in cards of other stories (teasers, related lists) come last: a
    # site may also call its own lead card a teaser.
    held: list[LexborNode] = []
    for node in after + before:
        if _elsewhere(node):
            held.append(node)
        elif not cards:
            yield node
    if cards is not False:
        yield from held


def _elsewhere(node: LexborNode) -> bool:
    """Whether a dated element belongs to something other than the article's own date line.

    Another story's card (teaser, related list), a comment, an embedded
    social post, a photo caption, an aside or the page footer: each prints
    dates of its own, and the headline's date beats them.
    """
    r = date_rules()
    cur: LexborNode | None = node
    for depth in range(ELSEWHERE_TAG_DEPTH + 1):
        if cur is None:
            return False
        if depth <= ELSEWHERE_DEPTH and r.elsewhere_words.search(_attr_text(cur)):
            return True
        tag = cur.tag
        if tag in _PAGE_WRAPPERS:
            return False
        if tag in r.elsewhere_tags or (tag == "footer" and not _in_article(cur)):
            return True
        cur = cur.parent
    return False


def _in_article(node: LexborNode) -> bool:
    """Whether ``node`` sits inside an ``<article>``: its footer is the story's own byline row."""
    cur = node.parent
    while cur is not None:
        if cur.tag == "article":
            return True
        cur = cur.parent
    return False


def _updated_at(text: str, at: int) -> bool:
    """Whether the date at ``at`` in ``text`` follows an update label."""
    return _UPDATE_LABEL.search(text[max(0, at - 40) : at]) is not None


def _after_update_label(node: LexborNode) -> bool:
    """Whether the text just before ``node`` in its parent says "Updated"."""
    parent = node.parent
    if parent is None:
        return False
    own = node.text()
    whole = parent.text()
    if len(whole) > MAX_DATE_TEXT:
        return False
    at = whole.find(own) if own else -1
    return at > 0 and _updated_at(whole, at)


def from_time_nodes(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    *,
    printed_updates: bool = True,
    cards: bool | None = None,
    walks: Walks | None = None,
) -> dt.datetime | None:
    """``printed_updates=False`` also skips a date printed after "Updated"."""
    plain: dt.datetime | None = None
    for node in _around_headline(root, _TIME_NODES, cards, walks):
        attrs = node.attributes
        labels = _attr_text(node)
        if _UPDATE_WORDS.search(labels) or (not printed_updates and _after_update_label(node)):
            continue
        value = attrs.get("datetime") or attrs.get("content") or node.text()
        found = parse_value(value or "", language, now)
        if found is None:
            continue
        if "pubdate" in attrs or _PUBLISH_WORDS.search(labels):
            return found
        plain = plain or found
    return plain


def from_date_lines(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    *,
    printed_updates: bool = True,
    cards: bool | None = None,
    walks: Walks | None = None,
) -> dt.datetime | None:
    """``printed_updates=False`` also skips a line whose first date follows "Updated"."""
    for node in _around_headline(root, _DATE_NODES, cards, walks):
        if _UPDATE_WORDS.search(_attr_text(node)):
            continue
        text = " ".join(visible_text(node, MAX_DATE_TEXT + 1).split())
        if len(text) > MAX_DATE_TEXT:
            continue
        first = first_candidate(text, language, now) if text else None
        if first is None:
            stated = _script_published(node, language, now)
            if stated is not None:
                return stated
            continue
        if printed_updates or not (_updated_at(text, first[0]) or _after_update_label(node)):
            return first[2]
    return None


def _script_published(
    node: LexborNode, language: str | None, now: dt.datetime | None
) -> dt.datetime | None:
    """A publish date that a script inside a date line states as data for the page to show.

    A date line filled in by script holds no printed date, only the data
    (``{"publishedDate": "2016-11-04T20:37:27Z"}``); only a key that names
    the publish date is read, never a script's other stamps.
    """
    for script in node.css("script"):
        raw = script.text()
        if "ublish" not in raw:
            continue
        for m in _SCRIPT_PUBLISHED.finditer(raw):
            found = parse_value(m.group(1), language, now)
            if found is not None:
                return found
    return None


def _h1s(root: LexborHTMLParser | LexborNode, walks: Walks | None) -> list[LexborNode]:
    """The ``<h1>`` elements in document order, taken from a kept walk that matched them."""
    for query, matches in (walks or {}).items():
        if query.startswith(f"{_H1}, "):
            return [n for n in matches if n.tag == "h1"]
    return _walk(root, _H1, walks)


def _headline(root: LexborHTMLParser | LexborNode, walks: Walks | None = None) -> LexborNode | None:
    """The first ``<h1>`` that is shown: a site's h1 for screen readers only is no headline."""
    nodes = _h1s(root, walks)
    shown = (n for n in nodes if not _HIDDEN_CLASS.search(n.attributes.get("class") or ""))
    return next(shown, nodes[0] if nodes else None)


def from_headline_block(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    walks: Walks | None = None,
) -> dt.datetime | None:
    """A date printed inside the headline's own block (``<h1>Title<small>02.02.2022``).

    The h1 and, while its text stays short, its parent and grandparent: the
    kicker, date and byline rows around a headline share its wrapper. A
    wrapper that holds paragraphs is the article, whose dates are events;
    when the h1's own parent (not the page's body or main) is such a
    wrapper, the short line right above the h1 is still read
    (``<figcaption><small>31.01.2022 Sport</small><h1>``).
    """
    h1 = node = _headline(root, walks)
    for level in range(HEADLINE_BLOCK_LEVELS + 1):
        if node is None:
            return None
        text = " ".join(visible_text(node, MAX_DATE_TEXT + 1).split())
        if level and node.tag in _PAGE_WRAPPERS:
            return None
        if (level and node.css_first("p") is not None) or len(text) > MAX_DATE_TEXT:
            return _above(h1, language, now) if level == 1 and h1 is not None else None
        found = date_from_text(text, language, now=now)
        if found is not None:
            return found
        node = node.parent
    return None


def _above(h1: LexborNode, language: str | None, now: dt.datetime | None) -> dt.datetime | None:
    """A date in the short line printed right above the headline."""
    prev = h1.prev
    while prev is not None and prev.tag in ("-text", "-comment"):
        prev = prev.prev
    if prev is None or prev.tag in _NO_TEXT:
        return None
    text = " ".join(prev.text(separator=" ").split())
    return date_from_text(text, language, now=now) if len(text) <= MAX_ABOVE_TEXT else None


def _path_key(url: str) -> str:
    try:
        return urlsplit(url).path.rstrip("/")
    except ValueError:
        return ""


def from_own_card(
    root: LexborHTMLParser | LexborNode,
    url: str | None,
    language: str | None,
    now: dt.datetime | None,
) -> dt.datetime | None:
    """The date on a list card that links to the page itself (a site's "latest news" list)."""
    own = _path_key(url) if url else ""
    if not own:
        return None
    # The page path's last segment: a link to the page must resolve to it.
    tail = own.rsplit("/", 1)[-1]
    # A page links to the same place many times (picture, headline, "more").
    own_href: dict[str, bool] = {}
    for link in root.css("a[href]"):
        # One attribute looked up, not all of them copied into a dict.
        href = link.attrs.get("href") or ""
        if href.startswith("#"):
            continue
        same = own_href.get(href)
        if same is None and tail not in href and _plain_href(href):
            same = own_href[href] = False
        if same is None:
            same = own_href[href] = _path_key(urljoin(url or "", href)) == own
        if not same:
            continue
        text = " ".join(link.text(separator=" ").split())
        if len(text) <= MAX_DATE_TEXT and (found := date_from_text(text, language, now=now)):
            return found
    return None


def _plain_href(href: str) -> bool:
    """Whether the last segment of the path ``href`` resolves to is written in ``href``.

    True for an absolute ``http(s)://`` address with a host (its path is its
    own) and for a non-empty relative path without dots, query, parameters,
    scheme or ``//`` (the last segment comes from it), with no tab or line
    break that URL parsing would remove. A link whose text lacks the page path's
    last segment then cannot lead to the page, and is not resolved.
    """
    if not href or href[0] <= " " or href[-1] <= " ":
        return False  # empty, or with ends that URL parsing strips
    if "\t" in href or "\r" in href or "\n" in href:
        return False
    for scheme in ("http://", "https://"):
        if href.startswith(scheme):
            # With a host (an empty one leaves the page's own path).
            return href[len(scheme) : len(scheme) + 1] not in ("", "/", "?", "#")
    return not href.startswith("//") and not any(ch in href for ch in ".:?;")


def from_short_years(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    walks: Walks | None = None,
) -> dt.datetime | None:
    """A ``31.10.23`` date in a date line, else right after the headline: the last resort."""
    for node in _around_headline(root, _DATE_NODES, cards=False, walks=walks):
        text = " ".join(visible_text(node, MAX_DATE_TEXT + 1).split())
        if len(text) <= MAX_DATE_TEXT and (found := short_year_date(text, language, now=now)):
            return found
    h1 = _headline(root, walks)
    if h1 is None:
        return None
    return short_year_date(_text_after(h1, MAX_AFTER_HEADLINE), language, now=now)


def from_raw_jsonld(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    key: str = "datePublished",
    walks: Walks | None = None,
) -> dt.datetime | None:
    """The first ``key`` (``datePublished``) written in any JSON-LD script, read as text."""
    pattern = _RAW_JSONLD_PUBLISHED if key == "datePublished" else _raw_jsonld_key(key)
    for node in _walk(root, _JSONLD_SCRIPTS, walks):
        raw = node.text()
        if not raw or key not in raw:
            continue
        if "&quot;" in raw:
            raw = html.unescape(raw)
        for m in pattern.finditer(raw):
            found = parse_value(m.group(1).replace("\\/", "/"), language, now)
            if found is not None:
                return found
    return None


@functools.lru_cache(maxsize=4)
def _raw_jsonld_key(key: str) -> re.Pattern[str]:
    return re.compile(rf'"{re.escape(key)}"\s*:\s*"([^"]{{6,60}})"')


def from_labelled_text(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    *,
    printed_updates: bool = True,
    walks: Walks | None = None,
) -> dt.datetime | None:
    """``printed_updates=False`` skips a date after the headline that follows "Updated"."""
    found = from_label(root, language, now)
    return found or from_after_headline(root, language, now, printed_updates, walks)


def from_label(
    root: LexborHTMLParser | LexborNode, language: str | None, now: dt.datetime | None
) -> dt.datetime | None:
    """A date right after a publish label in the page's visible text."""
    body = root.body if isinstance(root, LexborHTMLParser) else root
    if body is None:
        return None
    # The whole text first (cheap): a label found there is read again in the
    # text shown to readers, without what scripts hold.
    text = " ".join(body.text(separator=" ")[: MAX_LABEL_TEXT * 2].split())
    found = date_after_label(text, language, now=now)
    if found is not None:
        text = " ".join(visible_text(body, MAX_LABEL_TEXT * 2)[: MAX_LABEL_TEXT * 2].split())
        found = date_after_label(text, language, now=now)
    return found


def from_after_headline(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    printed_updates: bool = True,
    walks: Walks | None = None,
) -> dt.datetime | None:
    """The first date within the first characters of visible text after the ``<h1>``."""
    h1 = _headline(root, walks)
    if h1 is None or len(h1.text(strip=True)) <= 10:
        return None
    after = _text_after(h1, MAX_AFTER_HEADLINE)
    first = first_candidate(after, language, now)
    if first is not None and (printed_updates or not _updated_at(after, first[0])):
        return first[2]
    return None


def visible_text(node: LexborNode, limit: int, separator: str = " ") -> str:
    """About the first ``limit`` characters of the text inside ``node``, as readers see it.

    ``node.text()`` also returns what scripts, styles and templates hold: a
    script's crawl stamp (``"time":"2019-12-29 22:31:02"``) is no printed
    date. Their subtrees are skipped, and the walk stops once ``limit``
    characters are read.
    """
    parts: list[str] = []
    size = 0
    stop = node.mem_id
    cur = node.child
    while cur is not None and size < limit:
        tag = cur.tag
        if tag == "-text":
            piece = cur.text()
            parts.append(piece)
            size += len(piece)
        elif tag not in _NO_TEXT and cur.child is not None:
            cur = cur.child
            continue
        while cur is not None and cur.next is None:
            cur = cur.parent
            if cur is not None and cur.mem_id == stop:
                cur = None
        cur = cur.next if cur is not None else None
    return separator.join(parts)


def _following(node: LexborNode) -> LexborNode | None:
    """The node after ``node`` and all it holds, in document order."""
    cur: LexborNode | None = node
    while cur is not None and cur.next is None:
        cur = cur.parent
    return cur.next if cur is not None else None


def _text_after(node: LexborNode, limit: int) -> str:
    """About ``limit`` characters of the text that follows ``node``, scripts and styles left out."""
    parts: list[str] = []
    size = 0
    cur = _following(node)
    while cur is not None and size < limit:
        if cur.tag == "-text":
            piece = cur.text()
            parts.append(piece)
            size += len(piece)
            cur = _following(cur)
        elif cur.tag in _NO_TEXT or cur.child is None:
            cur = _following(cur)
        else:
            cur = cur.child
    return " ".join(" ".join(parts).split())[:limit]


def from_yearless(
    root: LexborHTMLParser | LexborNode,
    url_year: int | None,
    language: str | None,
    now: dt.datetime | None,
    walks: Walks | None = None,
) -> dt.datetime | None:
    """A month and day printed without a year in a date line or right after the headline.

    Sites print ``10-08 12:00`` or ``10月8日`` beside the headline and the
    year nowhere near it. The year is another date's on the same page: the
    URL's, else the first full date in the page's text. Without one nothing
    is read: a year is never guessed.
    """
    parts = _yearless_line(root, language, now, walks)
    if parts is None:
        return None
    year = url_year if url_year is not None else _page_year(root, language, now)
    return in_year(parts, year, now=now) if year is not None else None


def _yearless_line(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    walks: Walks | None,
) -> Yearless | None:
    for node in _around_headline(root, _DATE_NODES, cards=False, walks=walks):
        text = " ".join(visible_text(node, MAX_DATE_TEXT + 1).split())
        if len(text) <= MAX_DATE_TEXT and (parts := yearless_parts(text)):
            return parts
    h1 = _headline(root, walks)
    if h1 is None:
        return None
    # Only before the first full date there: that one is the page's own line.
    after = _text_after(h1, MAX_AFTER_HEADLINE)
    first = first_candidate(after, language, now)
    return yearless_parts(after, first[0] if first is not None else None)


def _page_year(
    root: LexborHTMLParser | LexborNode, language: str | None, now: dt.datetime | None
) -> int | None:
    """The year of the first full date in the page's visible text."""
    body = root.body if isinstance(root, LexborHTMLParser) else root
    if body is None:
        return None
    found = date_from_text(visible_text(body, MAX_LABEL_TEXT), language, now=now)
    return found.year if found is not None else None
