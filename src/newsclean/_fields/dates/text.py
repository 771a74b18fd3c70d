"""Dates printed in running text: numeric order, month names, clocks, labels."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .checks import aware_now, make_date
from .rules import PUBLISH_LABEL, WEAK_LABEL, date_rules


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
    r = date_rules()
    if tag in r.month_first:
        return False
    if tag in r.ambiguous:
        return None
    return True


def numeric_order(a: int, b: int, sep: str, language: str | None) -> tuple[int, int] | None:
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
    r = date_rules()
    groups = m.groupdict()
    if kind == "numeric":
        md = numeric_order(int(groups["a"]), int(groups["b"]), groups["sep"], language)
        if md is None:
            return None
        month, day = md
    elif kind in ("dmy", "mdy"):
        month = r.months[groups["mon"].casefold()]
        day = int(groups["d"])
    else:
        month, day = int(groups["m"]), int(groups["d"])
    return make_date(int(groups["y"]), month, day, _clock(m, r.am), groups["tz"], now)


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


#: Characters before a date searched for a citation label (``引用日期``, ``Retrieved on``):
#: the longest label with its particle and punctuation (set by hand on the
#: reference lists of the trafilatura corpus's encyclopedia pages).
CITATION_REACH = 16


def _cited(text: str, at: int, label: re.Pattern[str]) -> bool:
    """Whether the date at ``at`` is the day a cited source was read, not a publish date."""
    return at > 0 and label.search(text, max(0, at - CITATION_REACH), at) is not None


def _text_candidates(
    text: str, language: str | None, now: dt.datetime | None
) -> Iterator[tuple[int, int, dt.datetime]]:
    r = date_rules()
    for kind, pattern in r.patterns:
        matches = _month_first_matches(pattern, text) if kind == "mdy" else pattern.finditer(text)
        for m in matches:
            if _cited(text, m.start(), r.citation_label):
                continue
            found = _from_match(kind, m, language, now)
            if found is not None:
                yield m.start(), -len(m.group(0)), found
                break


def first_candidate(
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
    order of ambiguous numeric dates (see the package docstring).
    """
    best = first_candidate(text, language, now)
    return best[2] if best else None


_SHORT_YEAR = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{2})(?![\d.])")


def short_year_date(
    text: str, language: str | None = None, *, now: dt.datetime | None = None
) -> dt.datetime | None:
    """The first ``31.10.23`` (day, month, two-digit year; dotted) in ``text``.

    The century is the one that puts the date closest before ``now``. Month
    first locales (en-US) do not write dotted dates, so they give nothing.
    """
    if day_first(language) is False:
        return None
    today = aware_now(now)
    for m in _SHORT_YEAR.finditer(text):
        year = 2000 + int(m["y"])
        if year > today.year:
            year -= 100
        found = make_date(year, int(m["m"]), int(m["d"]), None, None, now)
        if found is not None:
            return found
    return None


#: Characters of page text searched for a labelled date, the last resort.
MAX_LABEL_TEXT = 20_000


def _date_at(text: str, language: str | None, now: dt.datetime | None) -> dt.datetime | None:
    """A date that ``text`` starts with, else None."""
    best = first_candidate(text, language, now)
    return best[2] if best is not None and best[0] == 0 else None


def date_after_label(
    text: str, language: str | None = None, *, now: dt.datetime | None = None
) -> dt.datetime | None:
    """The first date right after a publish label in ``text``.

    ``Posted on Nov 21, 2018``, ``Datum: 03.11.2021``, ``发表于:2005-07-31 12:30``;
    only the first ``MAX_LABEL_TEXT`` characters are searched.
    """
    cited = date_rules().citation_label
    for m in PUBLISH_LABEL.finditer(text, 0, MAX_LABEL_TEXT):
        # "日期" also ends a citation's access label (引用日期).
        if _cited(text, m.end(), cited):
            continue
        found = _date_at(text[m.end() : m.end() + 60], language, now)
        # A bare "am" opens prose dates too ("findet am 02.04.2022 statt"):
        # only a byline's date with its time ("am 29.12.2010, 13:36 Uhr") counts.
        if found is not None and not (WEAK_LABEL.match(m[0]) and found.time() == dt.time()):
            return found
    return None


#: A printed month and day without a year: ``10月8日`` (a time may follow), or
#: ``10-08 12:00`` (the dashed form only with its time: alone it is too often a
#: score or a range).
_YEARLESS = (
    re.compile(
        r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"
        r"(?:\s*(?P<h>\d{1,2})[:：](?P<mi>\d{2})(?!\d))?"
    ),
    re.compile(r"(?<![\d./-])(?P<m>\d{2})-(?P<d>\d{2})\s+(?P<h>\d{1,2}):(?P<mi>\d{2})(?![\d-])"),
)


#: A month, a day and maybe a clock, printed without a year.
Yearless = tuple[int, int, tuple[int, int, int] | None]


def yearless_parts(text: str, end: int | None = None) -> Yearless | None:
    """The first month and day printed without a year in ``text[:end]``, with its clock if any."""
    best: tuple[int, Yearless] | None = None
    stop = len(text) if end is None else end
    for pattern in _YEARLESS:
        m = pattern.search(text, 0, stop)
        if m is not None and (best is None or m.start() < best[0]):
            clock = (int(m["h"]), int(m["mi"]), 0) if m["h"] else None
            best = (m.start(), (int(m["m"]), int(m["d"]), clock))
    return best[1] if best else None


def in_year(parts: Yearless, year: int, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """A year-less date put in ``year``, another date's on the same page.

    A day that would then lie ahead of ``now`` is last year's: a page read
    in January may complete a December date with the new year.
    """
    month, day, clock = parts
    found = make_date(year, month, day, clock, None, now)
    if found is None and year == aware_now(now).year:
        found = make_date(year - 1, month, day, clock, None, now)
    return found
