"""Dateline: the place/date/agency credit that opens a news story.

A dateline is only looked for at the very start of the first paragraph, so a
sentence that merely mentions a place or a date is never taken for one. The
forms understood are:

* Chinese in brackets, full- or half-width (``（）() 【】 [] 〔〕``):
  ``（平壤19日讯）``, ``（星洲日报/吉隆坡19日讯）``, ``（早报讯）``,
  ``【明報專訊】``, ``【新华社广州3月5日电】``, ``（法新社巴黎4日电）``,
  ``（中央社記者陳怡君台中5日電）``, ``（中央社台北5日綜合外電報導）``;
* Chinese without brackets, which must open with an agency, ``本报`` or a
  ``…网`` site name: ``新华社上海3月5日电（记者张伟）``, ``本报讯（记者陈静）``,
  ``中新网成都3月5日电``;
* English wire forms: ``BEIJING, March 5 (Reuters) -``, ``TOKYO, Japan (AP) —``,
  ``(Bloomberg) --``, ``ST. PETERSBURG, March 4. /TASS/.``, and a bare
  ``PARIS —`` when the place is in capitals and an em dash follows.

Decisions:

* ``place`` is kept as printed (``"BEIJING"``, ``"TOKYO, Japan"``): casing
  carries no meaning worth guessing, and title-casing mangles names such as
  ``"McALLEN"`` or ``"N'DJAMENA"``. Callers can normalise for display.
* ``raw`` is the dateline as printed, brackets and a following reporter
  bracket included, the separator after it excluded. For the TASS form the
  ``/TASS/`` marker belongs to ``raw`` (it names the agency, like
  ``(Reuters)``) and only the final ``.`` is the separator.
* A paragraph that opens with a full date (``2024年6月19日，…``) is a sentence,
  not a dateline: it names no place, agency or credit, and is left alone.
* ``本报`` (“this paper”) and a paper's own credit (``早报讯``) give no agency,
  since the story is the publisher's own; ``raw`` still records the credit.
* ``agency`` is a canonical name: ``agency_lookup`` is asked first, so a
  shared agency table can decide names; the small table in
  ``rules/datelines.json`` answers when it has no opinion.
* ``language`` only orders the attempts: the Chinese and English forms cannot
  be mistaken for one another, so none is excluded on a possibly wrong hint.
* Every repetition in the patterns is bounded and matching is anchored at the
  paragraph's start, so even a very long paragraph is rejected quickly.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from .._models import Dateline
from .._rules import load_json

AgencyLookup = Callable[[str], str | None]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Spacing allowed between the parts of a dateline.
_SP = "[ \t\u3000\xa0]"
_S = f"{_SP}{{0,3}}"
_DIGIT = "[0-9０-９]"
_OPEN = "（(【[〔［"
_CLOSE = "）)】]〕］"
_NAME_DOT = "·‧•"
#: Credits from the publisher itself: they name no agency.
_OWN_PAPER = ("本报", "本報")
#: Endings of a Chinese dateline: a report (报导) or a dispatch/news (电/讯).
_CN_END = (
    "(?:综合|綜合)?(?:外电|外電)?(?:报导|報導|报道|報道)"
    "|(?:综合|綜合)?(?:专|專|特|快|外)?(?:电|電|讯|訊)"
)
#: Credit-only endings (``早报讯``, ``明報專訊``): a paper's own news, no date.
_CREDIT_ONLY_END = frozenset({"讯", "訊", "专讯", "專訊", "特讯", "特訊"})
_ROLE_WORDS = (
    "本报记者",
    "本報記者",
    "实习记者",
    "實習記者",
    "特约记者",
    "特約記者",
    "记者",
    "記者",
    "通讯员",
    "通訊員",
    "实习生",
    "實習生",
    "报道",
    "報道",
    "报导",
    "報導",
)
_EN_MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_EN_WORD = r"[^\W\d_][\w.'’\-]{0,30}"
_EN_PLACE = rf"{_EN_WORD}(?:(?:,[ \t]{{0,3}}|[ \t]{{1,3}}){_EN_WORD}){{0,5}}"
_EN_DATE = (
    rf",[ \t]{{0,3}}(?P<mon>(?i:{'|'.join(sorted(_EN_MONTHS, key=len, reverse=True))}))\.?"
    r"[ \t]{1,3}(?P<day>\d{1,2})(?:,[ \t]{0,3}(?P<year>\d{4}))?"
)
#: A bare ``PLACE —`` dateline: capitals, 2-30 characters.
_EN_CAPS_LENGTH = (2, 30)
#: Names in a Chinese byline are this long; a longer run also holds the place.
_CN_NAME_LENGTH = (2, 4)
_CN_NAME_FALLBACK = 3


class _Hit(NamedTuple):
    """What one form recognised, before names and dates are resolved."""

    raw_start: int
    raw_end: int
    rest_start: int
    place: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    agency: str | None = None
    reporters: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Tables:
    """The data behind the patterns, read from ``rules/datelines.json``."""

    agencies: dict[str, str]
    cn_aliases: tuple[str, ...]
    en_aliases: tuple[str, ...]
    places: tuple[str, ...]
    en_not_places: frozenset[str]
    en_particles: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Patterns:
    """Compiled once, on first use."""

    cn_bracket: re.Pattern[str]
    cn_body: re.Pattern[str]
    cn_open: re.Pattern[str]
    cn_reporters: re.Pattern[str]
    en_wire: re.Pattern[str]
    en_slash: re.Pattern[str]
    en_caps: re.Pattern[str]
    separator: re.Pattern[str]
    name_split: re.Pattern[str]
    roles: re.Pattern[str]


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so ``路透社`` wins over ``路透`` and ``AFP`` over ``AP``."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    data: dict[str, Any] = load_json("datelines.json")
    agencies: dict[str, str] = {}
    for canonical, aliases in data["agencies"].items():
        for alias in (canonical, *aliases):
            agencies[alias.casefold()] = canonical
    aliases = [a for names in data["agencies"].values() for a in names]
    return _Tables(
        agencies=agencies,
        cn_aliases=tuple(a for a in aliases if _has_cjk(a)),
        en_aliases=tuple(a for a in aliases if not _has_cjk(a)),
        places=tuple(sorted(set(data["places"]), key=lambda p: (-len(p), p))),
        en_not_places=frozenset(data["english_not_places"]),
        en_particles=frozenset(data["english_place_particles"]),
    )


@functools.lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    t = _tables()
    opening = _alternation([*t.cn_aliases, *_OWN_PAPER])
    site = f"[{_CJK}]{{1,8}}(?:网|網)"
    place = f"[{_CJK}{_NAME_DOT}][{_CJK}{_NAME_DOT}、 \u3000]{{0,15}}?"
    tail = (
        rf"(?P<kw>记者|記者)?{_S}"
        rf"(?P<place>{place})??{_S}"
        rf"(?:(?P<year>{_DIGIT}{{4}}){_S}年{_S})?"
        rf"(?:(?P<month>{_DIGIT}{{1,2}}){_S}月{_S})?"
        rf"(?:(?P<day>{_DIGIT}{{1,2}}){_S}日{_S})?"
        rf"(?P<end>{_CN_END})"
    )
    en_agency = f"(?i:{_alternation(t.en_aliases)})"
    return _Patterns(
        cn_bracket=re.compile(
            rf"[{re.escape(_OPEN)}](?P<body>[^{re.escape(_OPEN + _CLOSE)}\n]{{1,40}})"
            rf"[{re.escape(_CLOSE)}]"
        ),
        cn_body=re.compile(
            rf"{_S}(?:(?P<paper>[{_CJK}]{{2,8}}){_S}[/／]{_S})?"
            rf"(?P<agency>{opening}|{site})?{_S}{tail}{_S}"
        ),
        cn_open=re.compile(rf"(?P<agency>{opening}|{site}){_S}{tail}"),
        cn_reporters=re.compile(
            rf"{_S}[（(]{_S}(?P<names>(?:{_alternation(_ROLE_WORDS)})[^（）()\n]{{1,40}}?){_S}[）)]"
        ),
        en_wire=re.compile(
            rf"(?:(?P<place>{_EN_PLACE})(?:{_EN_DATE})?[ \t]{{0,3}})?"
            rf"\((?P<agency>{en_agency})\)"
        ),
        en_slash=re.compile(
            rf"(?P<place>{_EN_PLACE})(?:{_EN_DATE})\.?[ \t]{{0,3}}/(?P<agency>{en_agency})/"
            r"(?P<sep>\.?)"
        ),
        en_caps=re.compile(
            rf"(?P<place>{_EN_PLACE})(?:{_EN_DATE})?(?=[ \t]{{0,3}}—|[ \t]{{1,3}}(?:--|–)[ \t])"
        ),
        separator=re.compile(r"[\s\u3000]{0,20}(?:[-—–]{1,2}|[:：])?[\s\u3000]{0,20}"),
        name_split=re.compile(r"[\s\u3000、，,;；/／]+"),
        roles=re.compile(_alternation(_ROLE_WORDS)),
    )


def resolve_date(
    month: int | None,
    day: int | None,
    published: dt.date | None,
    *,
    year: int | None = None,
) -> dt.date | None:
    """The calendar date a dateline means.

    Datelines print the day (and often the month) but rarely the year: the
    story is filed shortly before it is published, so the date is the latest
    matching one on or before ``published``. A day alone skips months that
    lack it (``30日`` in early March is 30 January). An explicit year is
    taken as printed. Without a year and without ``published`` there is no
    honest answer, so the result is None.
    """
    if day is None or not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
        return None
    if year is not None:
        return _date(year, month, day) if month is not None else None
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        published = published.date()
    if month is not None:
        # 29 February may need up to eight years to come round again.
        for back in range(9):
            found = _date(published.year - back, month, day)
            if found is not None and found <= published:
                return found
        return None
    y, m = published.year, published.month
    for _ in range(13):
        found = _date(y, m, day)
        if found is not None and found <= published:
            return found
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return None


def _date(year: int, month: int | None, day: int) -> dt.date | None:
    try:
        return dt.date(year, month or 0, day)
    except ValueError:
        return None


def find_dateline(
    first_paragraph: str,
    *,
    published: dt.date | None = None,
    language: str | None = None,
    agency_lookup: AgencyLookup | None = None,
) -> tuple[Dateline | None, str]:
    """The dateline opening ``first_paragraph`` and the paragraph without it.

    When no dateline opens the paragraph, the paragraph comes back unchanged,
    so callers can always use the second value as the paragraph's text.
    """
    start = len(first_paragraph) - len(first_paragraph.lstrip())
    hit: _Hit | None = None
    for parse in _parsers(language):
        hit = parse(first_paragraph, start)
        if hit is not None:
            break
    if hit is None:
        return None, first_paragraph
    dateline = Dateline(
        raw=first_paragraph[hit.raw_start : hit.raw_end],
        place=hit.place,
        month=hit.month,
        day=hit.day,
        date=resolve_date(hit.month, hit.day, published, year=hit.year),
        agency=canonical_agency(hit.agency, agency_lookup),
        reporters=hit.reporters,
    )
    sep = _patterns().separator.match(first_paragraph, hit.rest_start)
    rest_start = sep.end() if sep else hit.rest_start
    return dateline, first_paragraph[rest_start:]


def canonical_agency(name: str | None, agency_lookup: AgencyLookup | None = None) -> str | None:
    """The canonical name of a printed agency credit, or None for other credits.

    ``agency_lookup`` (a shared agency table) decides first; the built-in
    table answers for the names that datelines print when it has no opinion.
    """
    if not name:
        return None
    if agency_lookup is not None:
        found = agency_lookup(name)
        if found:
            return found
    return _tables().agencies.get(name.casefold())


_Parser = Callable[[str, int], _Hit | None]


def _parsers(language: str | None) -> tuple[_Parser, ...]:
    chinese: tuple[_Parser, ...] = (_parse_cn_bracket, _parse_cn_open)
    english: tuple[_Parser, ...] = (_parse_en_slash, _parse_en_wire, _parse_en_caps)
    if language and language.lower().startswith("en"):
        return english + chinese
    return chinese + english


def _parse_cn_bracket(text: str, start: int) -> _Hit | None:
    """``（平壤19日讯）``, ``【新华社广州3月5日电】``, ``（中央社記者陳怡君台中5日電）``."""
    p = _patterns()
    m = p.cn_bracket.match(text, start)
    if m is None:
        return None
    body = p.cn_body.fullmatch(m["body"])
    if body is None:
        return None
    return _cn_hit(text, start, m.end(), body, paper=body["paper"], bracketed=True)


def _parse_cn_open(text: str, start: int) -> _Hit | None:
    """``新华社北京11月17日电``, ``本报讯（记者陈静）``: must open with an agency or paper."""
    m = _patterns().cn_open.match(text, start)
    if m is None:
        return None
    if m["day"] is None and (
        m["place"] or m["kw"] or (m.end() < len(text) and _has_cjk(text[m.end()]))
    ):
        # ``新华社电视台…`` is a sentence: an undated credit is the agency alone,
        # set apart from the text.
        return None
    return _cn_hit(text, start, m.end(), m, paper=None, bracketed=False)


def _cn_hit(
    text: str,
    start: int,
    end: int,
    m: re.Match[str],
    *,
    paper: str | None,
    bracketed: bool,
) -> _Hit | None:
    """Check the parts of a Chinese dateline and add a reporter bracket after it."""
    year, month, day = _int(m["year"]), _int(m["month"]), _int(m["day"])
    if not _valid_date(year, month, day):
        return None
    agency: str | None = m["agency"]
    place = _clean_place(m["place"])
    reporters: tuple[str, ...] = ()
    if m["kw"]:
        if place is None:
            return None
        reporters, place = _split_byline(place)
    elif place is not None and any(ch in "、 \u3000" for ch in place):
        # Only a byline runs several names into the place.
        return None
    if day is None and agency is None and paper is None:
        # ``早报讯`` / ``明報專訊``: what stands before 讯 is the paper's own
        # credit, not a place, and names no agency.
        if not bracketed or place is None or m["end"] not in _CREDIT_ONLY_END:
            return None
        place = None
    elif agency is None:
        agency = paper
    if agency in _OWN_PAPER:
        agency = None
    more = _patterns().cn_reporters.match(text, end)
    if more is not None:
        reporters = reporters + _names(more["names"])
        end = more.end()
    return _Hit(start, end, end, place, year, month, day, agency, reporters)


def _clean_place(place: str | None) -> str | None:
    place = place.strip(" \u3000") if place else None
    return place or None


def _split_byline(text: str) -> tuple[tuple[str, ...], str | None]:
    """Split ``陳怡君台中`` into the reporter(s) and the place.

    The name runs straight into the place, so known places decide where it
    ends; an unknown place leaves the common three-character name.
    """
    *names, last = [n for n in re.split("[、 \t\u3000\xa0]+", text) if n]
    if names and not _has_place_suffix(last):
        # ``陳怡君 台中``: spacing already separates them.
        return (*names,), last
    lo, hi = _CN_NAME_LENGTH
    for place in _tables().places:
        if last.endswith(place) and lo <= len(last) - len(place) <= hi:
            return (*names, last[: -len(place)]), place
    if len(last) <= _CN_NAME_FALLBACK:
        return (*names, last), None
    return (*names, last[:_CN_NAME_FALLBACK]), last[_CN_NAME_FALLBACK:]


def _has_place_suffix(text: str) -> bool:
    lo, hi = _CN_NAME_LENGTH
    return any(text.endswith(p) and lo <= len(text) - len(p) <= hi for p in _tables().places)


def _names(text: str) -> tuple[str, ...]:
    """Reporter names from ``记者 张伟 李明`` / ``记者张伟、李明`` / ``记者张伟 通讯员李明``."""
    p = _patterns()
    return tuple(n for n in p.name_split.split(p.roles.sub(" ", text)) if n)


def _parse_en_wire(text: str, start: int) -> _Hit | None:
    """``BEIJING, March 5 (Reuters) -``, ``TOKYO, Japan (AP) —``, ``(Bloomberg) --``."""
    if "(" not in text:
        return None  # no agency in brackets: spare the backtracking over place words
    m = _patterns().en_wire.match(text, start)
    if m is None:
        return None
    return _en_hit(m, start, m.end(), m.end())


def _parse_en_slash(text: str, start: int) -> _Hit | None:
    """``ST. PETERSBURG, March 4. /TASS/.``: the trailing ``.`` is the separator."""
    if "/" not in text:
        return None  # no agency between slashes
    m = _patterns().en_slash.match(text, start)
    if m is None:
        return None
    return _en_hit(m, start, m.end("agency") + 1, m.end())


def _parse_en_caps(text: str, start: int) -> _Hit | None:
    """``PARIS —``: no agency, so only a place in capitals followed by a dash counts."""
    if "—" not in text and "–" not in text and "--" not in text:
        return None  # none of the dashes the pattern needs after the place
    m = _patterns().en_caps.match(text, start)
    if m is None:
        return None
    place = m["place"]
    lo, hi = _EN_CAPS_LENGTH
    if not (lo <= len(place) <= hi and place.isupper()):
        return None
    if place.strip(" ,") in _tables().en_not_places:
        return None
    return _en_hit(m, start, m.end(), m.end())


def _en_hit(m: re.Match[str], start: int, raw_end: int, rest_start: int) -> _Hit | None:
    place: str | None = m["place"]
    if place is not None and not _looks_like_place(place):
        return None
    month = _EN_MONTHS[m["mon"].lower()] if m["mon"] else None
    year, day = _int(m["year"]), _int(m["day"])
    if not _valid_date(year, month, day):
        return None
    agency = m.groupdict().get("agency")
    return _Hit(start, raw_end, rest_start, place, year, month, day, agency)


def _looks_like_place(place: str) -> bool:
    """Every word capitalised, bar particles: ``However, the`` is no place."""
    particles = _tables().en_particles
    words = [w for w in re.split(r"[ \t,]+", place) if w]
    return bool(words) and all(w[0].isupper() or w in particles for w in words)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _valid_date(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and not 1 <= day <= 31:
        return False
    if month is not None and day is None:
        return False
    return year is None or (month is not None and 1900 <= year <= 2100)
