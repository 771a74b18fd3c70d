"""Publish and modification dates.

Fallback order for the publish date, strongest evidence first:

1. JSON-LD ``datePublished`` of the article object (``@graph`` members are
   already flattened by ``read_meta``): the page states it for machines.
   When ``read_meta`` found no article object (JSON-LD wrapped in
   ``<![CDATA[``, HTML-escaped, or of another type such as
   ``SocialMediaPosting``), the first ``datePublished`` written in any
   JSON-LD script, read as text.
2. Meta tags, in the order of ``published_meta`` in ``rules/dates.json``
   (``article:published_time``, ``og:published_time``, ``datePublished``
   itemprop, ``pubdate``, ``publishdate``, ``dc.date``, ``sailthru.date``,
   ``parsely-pub-date``, ``weibo: article:create_at``...), then JSON-LD
   ``dateCreated``.
3. ``<time datetime>`` (or a non-meta element with ``itemprop=datePublished``):
   one that says it is the publish date (``itemprop``, ``pubdate``, a class
   with "publish"/"date") wins over a plain first one; one that says it is
   an update is never taken.
4. Visible text of the few elements whose class or id looks like a date
   line (``[class*=date]``, ``[class*=time]``, ``[class*=publish]``,
   ``time``, ``.info``, ``.source``), read by ``date_from_text``.

Then a date printed inside the headline's own block, then the
``uploadDate`` of a JSON-LD ``VideoObject`` (a page built around a video).

In 3 and 4 the first twenty matches after the first ``<h1>`` are tried
before the twenty before it, because a masthead often prints today's date
above the headline; each is one selector call.
5. The URL (``/2024/06/19/``, ``/2024/0619/``, ``/2024-06/19/``,
   ``-2024-06-19``, ``/20240619/``, and ``/19-06-2024`` in the page's day
   and month order). A URL that gives only a year and a month gives
   nothing: a day is never invented.
6. A date right after a publish label in the page text (``Posted on``,
   ``Published:``, ``Veröffentlicht am``, ``Erschienen am:``, ``Datum:``,
   ``发表于:``, ``时间：``; ``am`` alone only before a date with a time), then
   a date within the first characters of visible text after the ``<h1>``
   (scripts and styles are not read).
7. The dated elements of 3 and 4 that sit in another story's card (teaser,
   related list) or in a comment: a site may call its own lead card a teaser.
8. The date on a list card that links to the page itself (a "latest news"
   list beside the article shows the article's own card).
9. A day-first dotted date with a two-digit year (``31.10.23``) in a date
   line or right after the headline; such dates elsewhere in the text are
   too often versions, scores or other numbers to be read earlier.

When the dates of 1 and 2 fall on different days (an old JSON-LD
``datePublished`` beside a newer ``article:published_time``), the one the
page also prints (3, 4, the headline's block, 6) is taken; a printed date
that follows "Updated"/"Aktualisiert" does not choose. Without such a
printed day the strongest source stands.

A UTC stamp that falls on the day before or after the day in the URL gives
the URL's day: the URL was written in the page's own time zone.

A date is timezone-aware when its source gives an offset (``Z``,
``+08:00``, ``+0800``, ``GMT+8``) and naive otherwise. Dates before 1990
or more than a day after ``now`` are typos, templates or ids, and are
skipped so that the next source is tried.

Numeric dates whose order is not obvious (``06/07/2024``) are read in the
order the page's language uses: month first for US English, day first for
the other languages with a known order. Bare ``en`` does not say which, so
without a region only the unambiguous readings are taken. Dotted dates
(``19.06.2024``) are day first unless the language is month first.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .._rules import load_json
from .meta import PageMeta

UTC = dt.timezone.utc
#: Nothing on the web that calls itself news was published before this.
EARLIEST = dt.datetime(1990, 1, 1, tzinfo=UTC)
#: Clocks drift and time zones differ: allow this much into the future.
FUTURE_SLACK = dt.timedelta(days=1)
#: Offsets beyond this are not time zones (a time range such as 19:00-20:00).
MAX_OFFSET = dt.timedelta(hours=14)
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
#: Class/id words of the cards that list other stories, and of readers' comments:
#: their dates are not the page's.
_ELSEWHERE_WORDS = re.compile(r"teaser|related|recommend|sidebar|widget|comment", re.IGNORECASE)
#: Ancestors of a dated element whose class/id are read for ``_ELSEWHERE_WORDS``.
ELSEWHERE_DEPTH = 2
_PUBLISH_WORDS = re.compile(r"publish|pubdate|date|posted", re.IGNORECASE)

#: A ``datePublished`` in JSON-LD that ``read_meta`` could not use (wrapped in
#: ``<![CDATA[``, HTML-escaped, or of a type it does not take as an article).
_RAW_JSONLD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{6,60})"')
#: Classes of elements shown only to screen readers.
_HIDDEN_CLASS = re.compile(r"sr-only|visually-?hidden|screen-?reader|aural", re.IGNORECASE)
#: Elements whose content is no visible text.
_NO_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "-comment"})
_JSONLD_SCRIPTS = 'script[type="application/ld+json" i]'
_H1 = "h1"
#: Selector matches kept by query: each selector call walks the whole tree.
_Walks = dict[str, list[LexborNode]]
#: Characters of page text searched for a labelled date, the last resort.
MAX_LABEL_TEXT = 20_000
#: Characters of page text after the headline searched for an unlabelled date.
MAX_AFTER_HEADLINE = 300
#: Words that say the date after them is the publish date (``Published:``,
#: ``Posted on``, ``Veröffentlicht am``, ``Erschienen am:``, ``Mis en ligne le``,
#: ``Datum:``), whole words in any case; ``am`` alone counts only before a
#: date with a time.
_LATIN_LABELS = (
    "published",
    "posted",
    "veröffentlicht",
    "erschienen",
    "erstellt",
    "datum",
    "publié",
    "publicado",
    "pubblicato",
    "gepubliceerd",
    r"mise?\s+en\s+ligne",
    "am",
)
#: What may follow a Latin label before its date (``Posted on``, ``Erschienen am``).
_LABEL_PARTICLES = r"(?:\s+(?:on|am|le|el|il|op))?"
#: Chinese labels (``发表于:``, ``时间：``), found inside words too; the words for
#: "time" and "date" are labels unless an update label ends with them.
_CHINESE_LABELS = (
    "发表于",
    "發表於",
    "发布于",
    "發佈於",
    "发布时间",
    "發佈時間",
    "发表时间",
    "發表時間",
)
_CHINESE_TIME_WORDS = ("时间", "時間", "日期")
_CHINESE_UPDATE_WORDS = ("更新", "修改")
#: The plain letters a label pattern opens with (not one a quantifier follows).
_OPENING = re.compile(r"[^\W\d_]+(?![?*+{])")


def _by_first(labels: Iterable[str]) -> dict[str, list[str]]:
    """The labels' remainders after their first character, in order, keyed by it."""
    rests: dict[str, list[str]] = {}
    for label in labels:
        rests.setdefault(label[0], []).append(label[1:])
    return rests


def _label_pattern() -> re.Pattern[str]:
    """``_PUBLISH_LABEL``, built so that the regex engine rules out positions fast.

    A case-blind alternation that opens with a look-behind is tried at every
    character (~0.45 ms on 20,000 characters of page text; this ~0.22 ms).
    Here each branch opens with a literal character, so the engine skips to
    the next character that can open a label: a Latin label's first letter
    is written in both cases, the rest is case-blind. The word-start check follows the label's
    letters, so that a position whose next letters differ fails before it;
    labels that share a first character share a branch.
    """
    latin = []
    for first, rests in _by_first(_LATIN_LABELS).items():
        words = []
        for rest in rests:
            letters = _OPENING.match(first + rest)
            size = letters.end() if letters else 1
            words.append(rf"{rest[: size - 1]}(?<![^\W\d_].{{{size}}}){rest[size - 1 :]}")
        tail = rf"(?:{'|'.join(words)})(?![^\W\d_]){_LABEL_PARTICLES}"
        latin += [f"{case}(?i:{tail})" for case in (first.upper(), first)]
    chinese = [
        f"{first}(?:{'|'.join(rests)})" for first, rests in _by_first(_CHINESE_LABELS).items()
    ]
    chinese += [
        word + "".join(f"(?<!{update}{word})" for update in _CHINESE_UPDATE_WORDS)
        for word in _CHINESE_TIME_WORDS
    ]
    return re.compile(rf"(?:{'|'.join(latin + chinese)})\s*[:：]?\s*")


_PUBLISH_LABEL = _label_pattern()
#: The bare ``am`` label (no other label starts with these letters).
_WEAK_LABEL = re.compile(r"am(?![^\W\d_])", re.IGNORECASE)
_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?(?!\d))?)?",
    re.IGNORECASE,
)
_SHORT_YEAR = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2})(?![\d.])")
_COMPACT = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})(?:[T ]?(\d{2})(\d{2})(\d{2})?)?")
_EPOCH = re.compile(r"\d{10}|\d{13}")
_URL_DATES = tuple(
    re.compile(p)
    for p in (
        r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=/|$)",
        r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})(?P<d>\d{2})(?=/|$)",
        r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})/(?P<d>\d{2})(?=/|$)",
        r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)",
        r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)",
    )
)

#: ``/29-10-2021``, ``_29.10.2021``: day and month in the page's order.
_URL_YEAR_LAST = re.compile(
    r"(?<!\d)(?<!\d[-._])(?P<a>\d{1,2})(?P<sep>[-._])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d])"
)


@dataclass(frozen=True, slots=True)
class _DateRules:
    """``rules/dates.json`` with its patterns compiled."""

    published_meta: tuple[str, ...]
    modified_meta: tuple[str, ...]
    months: dict[str, int]
    month_first: frozenset[str]
    ambiguous: frozenset[str]
    am: frozenset[str]
    #: (kind, pattern) pairs; kinds: "ymd", "dmy", "mdy", "numeric".
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so that ``mayo`` is not read as ``may``."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _month_table(by_language: dict[str, list[list[str]]]) -> dict[str, int]:
    table: dict[str, int] = {}
    for groups in by_language.values():
        for number, names in enumerate(groups, start=1):
            for name in names:
                table.setdefault(name.casefold(), number)
    return table


def _compile(months: Iterable[str], am: Iterable[str], pm: Iterable[str]) -> list[re.Pattern[str]]:
    mer = _alternation([*am, *pm])
    tz = (
        r"(?P<tz>Z(?![^\W\d_])|[+-]\d{2}(?::?\d{2})?(?!\d)"
        r"|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)"
    )
    clock = (
        rf"(?:(?P<mb>{mer})\s*)?(?P<h>\d{{1,2}})(?:[:：]|\s*[时時点點]\s*|h)(?P<mi>\d{{2}})"
        r"(?:(?:[:：]|\s*分\s*)(?P<s>\d{2})(?:[.,]\d+)?)?(?:\s*[分秒])?(?!\d)"
        rf"(?:\s*(?P<ma>{mer})(?![^\W\d_]))?(?:\s*{tz})?"
    )
    sep = r"(?:T|\s*[,，|·]?\s*(?:(?:at|um|à|a\s+las|alle|às|om|kl\.?|-|–)\s+)?)"
    time = rf"(?:{sep}{clock})?"
    names = _alternation(months)
    mon = rf"(?P<mon>{names})\.?(?![^\W\d_])"
    # A pattern that opens with a digit rather than a look-behind lets the
    # regex engine skip to the next digit: "not after a digit" is checked
    # once the first digit is read (``\d(?<!\d\d)`` for ``(?<!\d)\d``).
    dates = (
        r"(?P<y>\d(?<!\d\d)\d{3})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]?",
        r"(?P<y>\d(?<!\d\d)\d{3})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)",
        rf"(?P<d>\d(?<!\d\d)\d?)(?:st|nd|rd|th|\.|º)?[\s-]*(?:de\s+)?{mon}[\s,-]*(?:de\s+)?"
        r"(?P<y>\d{4})(?!\d)",
        rf"(?<![^\W\d_]){mon}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d),?\s*(?P<y>\d{{4}})(?!\d)",
        r"(?P<a>\d(?<![\d./-]\d)\d?)(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)",
    )
    return [re.compile(d + time, re.IGNORECASE) for d in dates]


@functools.lru_cache(maxsize=1)
def _rules() -> _DateRules:
    """Built on first use, not at import."""
    raw: dict[str, Any] = load_json("dates.json")
    months = _month_table(raw["months"])
    am = [w.casefold() for w in raw["meridiem"]["am"]]
    pm = [w.casefold() for w in raw["meridiem"]["pm"]]
    kinds = ("ymd", "ymd", "dmy", "mdy", "numeric")
    return _DateRules(
        published_meta=tuple(raw["published_meta"]),
        modified_meta=tuple(raw["modified_meta"]),
        months=months,
        month_first=frozenset(raw["month_first"]),
        ambiguous=frozenset(raw["ambiguous"]),
        am=frozenset(am),
        patterns=tuple(zip(kinds, _compile(months, am, pm), strict=True)),
    )


# --- checks and small parsers ---------------------------------------------


def _aware_now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def plausible(value: dt.datetime, now: dt.datetime | None = None) -> bool:
    """Not before 1990, not more than a day after ``now`` (naive values read as UTC)."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return EARLIEST <= aware <= _aware_now(now) + FUTURE_SLACK


def _tz(value: str | None) -> dt.tzinfo | None:
    """``Z``, ``+08:00``, ``+0800``, ``+08``, ``GMT``, ``UTC+8``; None when absent or absurd."""
    if not value:
        return None
    text = value.strip().upper()
    if text in ("Z", "UTC", "GMT"):
        return UTC
    m = re.search(r"([+-])\s*(\d{1,2})(?::?(\d{2}))?$", text)
    if not m:
        return None
    offset = dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    if offset > MAX_OFFSET:
        return None
    return dt.timezone(-offset if m.group(1) == "-" else offset)


def _make(
    y: int,
    mo: int,
    d: int,
    clock: tuple[int, int, int] | None,
    tz: str | None,
    now: dt.datetime | None,
) -> dt.datetime | None:
    """A checked datetime; an impossible clock keeps the date at midnight."""
    try:
        day = dt.datetime(y, mo, d)
    except ValueError:
        return None
    result = day
    if clock is not None:
        try:
            result = day.replace(hour=clock[0], minute=clock[1], second=clock[2])
        except ValueError:
            result = day
        else:
            result = result.replace(tzinfo=_tz(tz))
    return result if plausible(result, now) else None


def parse_iso(value: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """The first ISO-8601-like date or datetime in ``value``, aware when an offset is given."""
    m = _ISO.search(value)
    if not m:
        return None
    y, mo, d, h, mi, s, tz = m.groups()
    clock = (int(h), int(mi), int(s or 0)) if h else None
    return _make(int(y), int(mo), int(d), clock, tz, now)


def parse_value(
    value: str, language: str | None = None, now: dt.datetime | None = None
) -> dt.datetime | None:
    """A machine-written date as found in meta tags and attributes.

    ISO 8601 first, then a bare ``YYYYMMDD[hhmm[ss]]``, then a Unix time in
    seconds or milliseconds (aware, UTC), then anything ``date_from_text``
    reads (``2024/06/19 08:15``, ``Wed, 19 Jun 2024 08:15:00 +0800``).
    """
    value = value.strip()
    if not value:
        return None
    if _ISO.fullmatch(value):
        return parse_iso(value, now)
    m = _COMPACT.fullmatch(value)
    if m:
        y, mo, d, h, mi, s = m.groups()
        clock = (int(h), int(mi), int(s or 0)) if h else None
        return _make(int(y), int(mo), int(d), clock, None, now)
    if _EPOCH.fullmatch(value):
        seconds = int(value) / (1000 if len(value) == 13 else 1)
        try:
            stamp = dt.datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return stamp if plausible(stamp, now) else None
    return date_from_text(value, language, now=now)


# --- dates in running text ------------------------------------------------


def _norm_tag(language: str | None) -> str:
    """``en_US`` / ``EN-us`` -> ``en-us``; script subtags dropped (``zh-hant-tw`` -> ``zh-tw``)."""
    if not language:
        return ""
    parts = [p for p in language.strip().replace("_", "-").lower().split("-") if p]
    if not parts:
        return ""
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return f"{parts[0]}-{region}" if region else parts[0]


def day_first(language: str | None) -> bool | None:
    """True for day-first, False for month-first, None when the language does not say."""
    tag = _norm_tag(language)
    if not tag:
        return None
    r = _rules()
    if tag in r.month_first:
        return False
    if tag in r.ambiguous:
        return None
    return True


def _numeric_order(a: int, b: int, sep: str, language: str | None) -> tuple[int, int] | None:
    """(month, day) of ``a sep b sep year``, or None when it cannot be told."""
    if a > 12 >= b:
        return b, a
    if b > 12 >= a:
        return a, b
    if a == b:
        return a, b
    order = day_first(language)
    if order is None and sep == ".":
        order = True
    if order is None:
        return None
    return (b, a) if order else (a, b)


def _clock(m: re.Match[str], am: frozenset[str]) -> tuple[int, int, int] | None:
    if m.group("h") is None:
        return None
    hour = int(m.group("h"))
    mer = (m.group("mb") or m.group("ma") or "").casefold()
    if mer:
        if mer in am:
            hour = 0 if hour == 12 else hour
        elif hour < 12:
            hour += 12
    return hour, int(m.group("mi")), int(m.group("s") or 0)


def _from_match(
    kind: str, m: re.Match[str], language: str | None, now: dt.datetime | None
) -> dt.datetime | None:
    r = _rules()
    groups = m.groupdict()
    if kind == "numeric":
        md = _numeric_order(int(groups["a"]), int(groups["b"]), groups["sep"], language)
        if md is None:
            return None
        month, day = md
    elif kind in ("dmy", "mdy"):
        month = r.months[groups["mon"].casefold()]
        day = int(groups["d"])
    else:
        month, day = int(groups["m"]), int(groups["d"])
    return _make(int(groups["y"]), month, day, _clock(m, r.am), groups["tz"], now)


#: The last letter of a run of letters followed by a number: where a
#: month-first date's month name ends (month names are letters only and end
#: their run of letters).
_MONTH_END = re.compile(r"[^\W\d_]\.?\s*\d")
_LETTER = re.compile(r"[^\W\d_]")


def _month_first_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for the month-first pattern, tried only where it can start.

    Its alternation of case-blind month names defeats the regex engine's
    first-character skip, so scanning every position is slow. A month name
    is a whole run of letters followed by a number: ``_MONTH_END`` finds the
    end of such runs fast, and the pattern is tried at each run's start.
    Matches come as ``finditer`` gives them.
    """
    end = 0
    for hit in _MONTH_END.finditer(text):
        start = hit.start()
        while start and _LETTER.match(text, start - 1):
            start -= 1
        if start < end:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            end = m.end()


def _text_candidates(
    text: str, language: str | None, now: dt.datetime | None
) -> Iterator[tuple[int, int, dt.datetime]]:
    for kind, pattern in _rules().patterns:
        matches = _month_first_matches(pattern, text) if kind == "mdy" else pattern.finditer(text)
        for m in matches:
            found = _from_match(kind, m, language, now)
            if found is not None:
                yield m.start(), -len(m.group(0)), found
                break


def _first_candidate(
    text: str, language: str | None, now: dt.datetime | None
) -> tuple[int, int, dt.datetime] | None:
    """(start, -length, date) of the first date in ``text``."""
    return min(_text_candidates(text, language, now), default=None, key=lambda c: c[:2])


def date_from_text(
    text: str, language: str | None = None, *, now: dt.datetime | None = None
) -> dt.datetime | None:
    """The first plausible date printed in ``text``, with its time when one follows.

    Reads ``2024年6月19日 08:15``, ``2024-06-19 08:15``, ``2024/06/19``,
    ``2024.06.19``, ``19 June 2024``, ``June 19, 2024``,
    ``Jun. 19, 2024 8:15 PM``, ``19. Juni 2024``, ``19.06.2024``,
    ``06/19/2024``. A date without a year (``6月19日``) gives nothing: the
    year is never guessed. ``language`` is a BCP-47 tag that decides the
    order of ambiguous numeric dates (see the module docstring).
    """
    best = _first_candidate(text, language, now)
    return best[2] if best else None


# --- URL ------------------------------------------------------------------


def date_from_url(
    url: str | None, *, now: dt.datetime | None = None, language: str | None = None
) -> dt.datetime | None:
    """A date written in the URL path, as a naive midnight; year and month alone give nothing.

    A year last (``/29-10-2021``) is read in the order of ``language``, as
    printed numeric dates are; when neither that nor the numbers tell, it gives nothing.
    """
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            found = _make(int(m["y"]), int(m["m"]), int(m["d"]), None, None, now)
            if found is not None:
                return found
    for m in _URL_YEAR_LAST.finditer(path):
        md = _numeric_order(int(m["a"]), int(m["b"]), m["sep"], language)
        found = _make(int(m["y"]), md[0], md[1], None, None, now) if md else None
        if found is not None:
            return found
    return None


# --- the page -------------------------------------------------------------


def _jsonld_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _first_value(
    values: Iterable[str], language: str | None, now: dt.datetime | None
) -> dt.datetime | None:
    for value in values:
        found = parse_value(value, language, now)
        if found is not None:
            return found
    return None


def _page_language(meta: PageMeta) -> str | None:
    return meta.lang or meta.first("http-equiv:content-language", "content-language", "og:locale")


def _attr_text(node: LexborNode) -> str:
    attrs = node.attributes
    return " ".join(v for k in ("class", "id", "itemprop") if (v := attrs.get(k)))


def _walk(
    root: LexborHTMLParser | LexborNode, query: str, walks: _Walks | None
) -> list[LexborNode]:
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
    walks: _Walks | None = None,
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
    """Whether a dated element sits in another story's card (teaser, related list) or a comment."""
    cur: LexborNode | None = node
    for _ in range(ELSEWHERE_DEPTH + 1):
        if cur is None:
            return False
        if _ELSEWHERE_WORDS.search(_attr_text(cur)):
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


def _from_time_nodes(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    *,
    printed_updates: bool = True,
    cards: bool | None = None,
    walks: _Walks | None = None,
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


def _from_date_lines(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    *,
    printed_updates: bool = True,
    cards: bool | None = None,
    walks: _Walks | None = None,
) -> dt.datetime | None:
    """``printed_updates=False`` also skips a line whose first date follows "Updated"."""
    for node in _around_headline(root, _DATE_NODES, cards, walks):
        if _UPDATE_WORDS.search(_attr_text(node)):
            continue
        text = " ".join(node.text(separator=" ").split())
        if not text or len(text) > MAX_DATE_TEXT:
            continue
        first = _first_candidate(text, language, now)
        if first is None:
            continue
        if printed_updates or not (_updated_at(text, first[0]) or _after_update_label(node)):
            return first[2]
    return None


def _h1s(root: LexborHTMLParser | LexborNode, walks: _Walks | None) -> list[LexborNode]:
    """The ``<h1>`` elements in document order, taken from a kept walk that matched them."""
    for query, matches in (walks or {}).items():
        if query.startswith(f"{_H1}, "):
            return [n for n in matches if n.tag == "h1"]
    return _walk(root, _H1, walks)


def _headline(
    root: LexborHTMLParser | LexborNode, walks: _Walks | None = None
) -> LexborNode | None:
    """The first ``<h1>`` that is shown: a site's h1 for screen readers only is no headline."""
    nodes = _h1s(root, walks)
    shown = (n for n in nodes if not _HIDDEN_CLASS.search(n.attributes.get("class") or ""))
    return next(shown, nodes[0] if nodes else None)


def _from_headline_block(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    walks: _Walks | None = None,
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
        text = " ".join(node.text(separator=" ").split())
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


def _from_own_card(
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


def short_year_date(
    text: str, language: str | None = None, *, now: dt.datetime | None = None
) -> dt.datetime | None:
    """The first ``31.10.23`` (day, month, two-digit year; dotted) in ``text``.

    The century is the one that puts the date closest before ``now``. Month
    first locales (en-US) do not write dotted dates, so they give nothing.
    """
    if day_first(language) is False:
        return None
    today = _aware_now(now)
    for m in _SHORT_YEAR.finditer(text):
        year = 2000 + int(m["y"])
        if year > today.year:
            year -= 100
        found = _make(year, int(m["m"]), int(m["d"]), None, None, now)
        if found is not None:
            return found
    return None


def _from_short_years(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    walks: _Walks | None = None,
) -> dt.datetime | None:
    """A ``31.10.23`` date in a date line, else right after the headline: the last resort."""
    for node in _around_headline(root, _DATE_NODES, cards=False, walks=walks):
        text = " ".join(node.text(separator=" ").split())
        if len(text) <= MAX_DATE_TEXT and (found := short_year_date(text, language, now=now)):
            return found
    h1 = _headline(root, walks)
    if h1 is None:
        return None
    return short_year_date(_text_after(h1, MAX_AFTER_HEADLINE), language, now=now)


def _from_raw_jsonld(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    key: str = "datePublished",
    walks: _Walks | None = None,
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


def _date_at(text: str, language: str | None, now: dt.datetime | None) -> dt.datetime | None:
    """A date that ``text`` starts with, else None."""
    best = _first_candidate(text, language, now)
    return best[2] if best is not None and best[0] == 0 else None


def date_after_label(
    text: str, language: str | None = None, *, now: dt.datetime | None = None
) -> dt.datetime | None:
    """The first date right after a publish label in ``text``.

    ``Posted on Nov 21, 2018``, ``Datum: 03.11.2021``, ``发表于:2005-07-31 12:30``;
    only the first ``MAX_LABEL_TEXT`` characters are searched.
    """
    for m in _PUBLISH_LABEL.finditer(text, 0, MAX_LABEL_TEXT):
        found = _date_at(text[m.end() : m.end() + 60], language, now)
        # A bare "am" opens prose dates too ("findet am 02.04.2022 statt"):
        # only a byline's date with its time ("am 29.12.2010, 13:36 Uhr") counts.
        if found is not None and not (_WEAK_LABEL.match(m[0]) and found.time() == dt.time()):
            return found
    return None


def _from_labelled_text(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    *,
    printed_updates: bool = True,
    walks: _Walks | None = None,
) -> dt.datetime | None:
    """``printed_updates=False`` skips a date after the headline that follows "Updated"."""
    body = root.body if isinstance(root, LexborHTMLParser) else root
    if body is None:
        return None
    text = " ".join(body.text(separator=" ")[: MAX_LABEL_TEXT * 2].split())
    found = date_after_label(text, language, now=now)
    if found is None:
        h1 = _headline(root, walks)
        if h1 is not None and len(h1.text(strip=True)) > 10:
            after = _text_after(h1, MAX_AFTER_HEADLINE)
            first = _first_candidate(after, language, now)
            if first is not None and (printed_updates or not _updated_at(after, first[0])):
                found = first[2]
    return found


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


def find_published(
    meta: PageMeta,
    tree: LexborHTMLParser | LexborNode | None,
    *,
    url: str | None = None,
    language: str | None = None,
    now: dt.datetime | None = None,
) -> dt.datetime | None:
    """Publish date in the fallback order of the module docstring.

    ``tree`` should be the document before boilerplate removal (the date
    line is often in a header that cleaning drops). ``language`` is the
    page's own tag (``en-US``, ``de``); without it the page's ``lang``,
    content-language or ``og:locale`` is used.
    """
    language = language or _page_language(meta)
    # The tree is not changed here: each selector walks it once.
    walks: _Walks = {}
    stated = _stated_dates(meta, tree, language, now, walks)
    found = _in_page_zone(stated[0], meta, url, language, now) if stated else None
    if found is not None and tree is not None and len(stated) > 1:
        found = _printed_choice(found, stated, tree, meta, url, language, now, walks)
    if found is None and tree is not None:
        found = _from_time_nodes(tree, language, now, cards=False, walks=walks)
        found = found or _from_date_lines(tree, language, now, cards=False, walks=walks)
        found = found or _from_headline_block(tree, language, now, walks)
        # A page built around a video states its date only for the video.
        found = found or _from_raw_jsonld(tree, language, now, "uploadDate", walks)
    found = found or date_from_url(url, now=now, language=language)
    if found is None and tree is not None:
        found = _from_labelled_text(tree, language, now, walks=walks)
        # Other stories' cards and comments: a site may call its own lead card a teaser.
        found = found or _from_time_nodes(tree, language, now, cards=True, walks=walks)
        found = found or _from_date_lines(tree, language, now, cards=True, walks=walks)
        found = found or _from_own_card(tree, meta.page_url(url), language, now)
        found = found or _from_short_years(tree, language, now, walks)
    return found


def _stated_dates(
    meta: PageMeta,
    tree: LexborHTMLParser | LexborNode | None,
    language: str | None,
    now: dt.datetime | None,
    walks: _Walks | None = None,
) -> list[dt.datetime]:
    """The publish dates the page states for machines, strongest first (steps 1 and 2).

    Only the strongest source is parsed unless its value is needed to check
    it against the others: callers look past the first only when the page
    may contradict itself.
    """
    r = _rules()
    values = _jsonld_values(meta.jsonld.get("datePublished"))
    values += [v for name in r.published_meta if (v := meta.metas.get(name))]
    values += _jsonld_values(meta.jsonld.get("dateCreated"))
    found = [d for v in dict.fromkeys(values) if (d := parse_value(v, language, now)) is not None]
    if not meta.jsonld and tree is not None:
        raw = _from_raw_jsonld(tree, language, now, walks=walks)
        if raw is not None:
            found.insert(0, raw)
    return found


def _in_page_zone(
    found: dt.datetime,
    meta: PageMeta,
    url: str | None,
    language: str | None,
    now: dt.datetime | None,
) -> dt.datetime:
    """A UTC stamp moved to the page's own offset, URL day or country zone."""
    if found.utcoffset() == dt.timedelta(0):
        found = _local_twin(found, meta, _rules().published_meta, language, now)
        found = _url_day(found, url, now)
        found = in_site_zone(found, language, url)
    return found


def _printed_choice(
    found: dt.datetime,
    stated: list[dt.datetime],
    tree: LexborHTMLParser | LexborNode,
    meta: PageMeta,
    url: str | None,
    language: str | None,
    now: dt.datetime | None,
    walks: _Walks | None = None,
) -> dt.datetime:
    """When the stated dates fall on different days, the one the page also prints.

    A page that states an old ``datePublished`` in JSON-LD and a newer
    ``article:published_time`` (or the other way round) prints one of them
    under its headline: that one is the date readers see. Without such a
    printed date the strongest source stands.
    """
    local = [_in_page_zone(d, meta, url, language, now) for d in stated]
    if len({d.date() for d in local}) < 2:
        return found
    printed = _printed_days(tree, language, now, walks)
    if found.date() in printed:
        return found
    return next((d for d in local if d.date() in printed), found)


def _printed_days(
    root: LexborHTMLParser | LexborNode,
    language: str | None,
    now: dt.datetime | None,
    walks: _Walks | None = None,
) -> set[dt.date]:
    """The days printed where a page shows its date (steps 3, 4 and 6)."""
    found = (
        _from_time_nodes(root, language, now, printed_updates=False, walks=walks),
        _from_date_lines(root, language, now, printed_updates=False, walks=walks),
        _from_headline_block(root, language, now, walks),
        _from_labelled_text(root, language, now, printed_updates=False, walks=walks),
    )
    return {d.date() for d in found if d is not None}


def _local_twin(
    found: dt.datetime,
    meta: PageMeta,
    names: Iterable[str],
    language: str | None,
    now: dt.datetime | None,
) -> dt.datetime:
    """The same moment with the page's own offset, when another tag gives it.

    A UTC timestamp can fall on another calendar day than the one the page
    prints (``2023-08-23T23:31Z`` is 24 August in Taipei).
    """
    values = [*_jsonld_values(meta.jsonld.get("datePublished"))]
    values += [v for name in names if (v := meta.metas.get(name))]
    for value in values:
        other = parse_value(value, language, now)
        if (
            other is not None
            and other.utcoffset() not in (None, dt.timedelta(0))
            and abs(other - found) <= dt.timedelta(days=1)
        ):
            return other
    return found


def _url_day(found: dt.datetime, url: str | None, now: dt.datetime | None) -> dt.datetime:
    """The URL's day instead of a UTC stamp that falls on the day before or after it.

    ``/2025/12/18/`` with ``2025-12-19T02:41Z``: the URL was written with the
    day of the page's own time zone, the stamp with UTC's.
    """
    if found.utcoffset() != dt.timedelta(0):
        return found
    day = date_from_url(url, now=now)
    if day is not None and abs((day.date() - found.date()).days) == 1:
        return day
    return found


def _country(language: str | None, url: str | None) -> str | None:
    """The country a page speaks for: its language tag's region, else its host's ccTLD."""
    if language:
        parts = language.replace("_", "-").split("-")
        if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha():
            return parts[1].upper()
    host = urlsplit(url).hostname if url else None
    tld = host.rsplit(".", 1)[-1] if host and "." in host else ""
    return tld.upper() if len(tld) == 2 and tld.isalpha() else None


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> dt.tzinfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def in_site_zone(found: dt.datetime, language: str | None, url: str | None) -> dt.datetime:
    """A UTC stamp shown in the time zone of the page's country, the same moment.

    ``2022-05-04T00:25Z`` on an Argentine site is 3 May at 21:25 there, the
    day the page prints. Countries with several zones are left in UTC.
    """
    if found.utcoffset() != dt.timedelta(0):
        return found
    country = _country(language, url)
    name = _site_zones().get(country) if country else None
    zone = _zone(name) if name else None
    return found.astimezone(zone) if zone is not None else found


@functools.lru_cache(maxsize=1)
def _site_zones() -> dict[str, str]:
    zones: dict[str, str] = load_json("timezones.json")["zones"]
    return zones


def find_modified(meta: PageMeta, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """Modification date: JSON-LD ``dateModified``, then the ``modified_meta`` tags."""
    r = _rules()
    language = _page_language(meta)
    found = _first_value(_jsonld_values(meta.jsonld.get("dateModified")), language, now)
    return found or _first_value(
        (v for name in r.modified_meta if (v := meta.metas.get(name))), language, now
    )
