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
from dataclasses import dataclass, replace
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
    "|消息"
)
#: ``据中新网9月9日报道，``: an attribution that opens the story is its credit.
_CN_ACCORDING = "[据據]"
_REPORTERS = "(?:记者|記者)"
_REPORT = "(?:綜合|综合)?(?:報導|报导|報道|报道)"
#: Desks that sign a story for the paper (``生活中心／賴俊佑報導``).
_DESK_END = "(?:中心|組|组|部)"
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
#: Words of a place: joined by a comma (also the Arabic ``،``), spaces, or a
#: slash (``Frankfurt/Main``, ``München / Berlin``).
_EN_PLACE = (
    rf"{_EN_WORD}(?:(?:[,،][ \t]{{0,3}}|[ \t]{{1,3}}|[ \t]{{0,2}}/[ \t]{{0,2}}){_EN_WORD}){{0,5}}"
)
_EN_MONTH = f"(?i:{'|'.join(sorted(_EN_MONTHS, key=len, reverse=True))})"
#: A date after the place: ``, March 5``, ``, Aug. 20, 2024``, ``, 14. Dezember
#: 2021`` (the day-first months come from the rules), ``(January 24, 2017)``.
_EN_DATE_MONTH_FIRST = rf"{_EN_MONTH}\.?[ \t]{{1,3}}\d{{1,2}}(?:,[ \t]{{0,3}}\d{{4}})?"
_EN_DATE_PAREN = rf"\({_EN_MONTH}\.?[ \t]{{1,3}}\d{{1,2}},[ \t]{{0,3}}\d{{4}}\)"
#: The dashes that close a dateline: an em or en dash, ``--``, a spaced
#: hyphen, or the Spanish ``.-``.
_EN_DASH = r"(?:[ \t]{0,3}—|[ \t]{1,3}(?:--|–|-)(?=[ \t])|[ \t]{0,3}\.[-–—](?=[ \t]))"
#: A bare ``PLACE —`` dateline: the place is 2-30 characters.
_EN_CAPS_LENGTH = (2, 30)
#: A place, its region and its date fit in this many characters before the dash.
_EN_FORM_REACH = 90
#: Marks one of which every Latin-script form holds near its start.
_LATIN_MARKS = re.compile(r"[—–:(/]|--|[ \t]-[ \t]|\.-")
#: The marks that can close a Latin-script dateline without an agency.
_EN_CLOSING = re.compile(r"[—–:]|--|[ \t]-[ \t]|\.-")
#: Characters at the start of a paragraph searched for a sign of a credit.
CREDIT_HINT_REACH = 40
#: Characters of a paragraph's head that every dateline form fits in: callers
#: hand the parser no more.
DATELINE_HEAD = 160
#: A single word in capitals shorter than this is an acronym (``EEG -``), not a place.
_EN_CAPS_MIN_WORD = 4
#: A place before a colon has at least this many letters (``MUMBAI:``, not ``ISBN:``).
_EN_COLON_MIN = 5
#: A place printed in title case (``Wien, 14. Dezember 2021 –``) has at most
#: this many words before its region; more is a sentence or a kicker.
_EN_TITLE_WORDS = 3
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
    region: str | None = None


@dataclass(frozen=True, slots=True)
class _Tables:
    """The data behind the patterns, read from ``rules/datelines.json``."""

    agencies: dict[str, str]
    cn_aliases: tuple[str, ...]
    en_aliases: tuple[str, ...]
    places: tuple[str, ...]
    en_not_places: frozenset[str]
    en_particles: frozenset[str]
    bare_agencies: tuple[str, ...]
    rivers: frozenset[str]
    site_suffixes: tuple[str, ...]
    day_first_months: dict[str, int]


@dataclass(frozen=True, slots=True)
class _Patterns:
    """Compiled once, on first use."""

    cn_bracket: re.Pattern[str]
    cn_body: re.Pattern[str]
    cn_open: re.Pattern[str]
    cn_dated_latin: re.Pattern[str]
    cn_signed: re.Pattern[str]
    cn_reporters: re.Pattern[str]
    en_wire: re.Pattern[str]
    en_slash: re.Pattern[str]
    en_caps: re.Pattern[str]
    en_paren_place: re.Pattern[str]
    en_date_after_dash: re.Pattern[str]
    en_date_only: re.Pattern[str]
    en_date_parts: re.Pattern[str]
    en_day_first: re.Pattern[str]
    en_month_year: re.Pattern[str]
    en_year: re.Pattern[str]
    credit_hint: re.Pattern[str]
    site_suffix: re.Pattern[str]
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
        bare_agencies=tuple(data["bare_agencies"]),
        rivers=frozenset(data["rivers"]),
        site_suffixes=tuple(data["site_suffixes"]),
        day_first_months={k.casefold(): v for k, v in data["day_first_months"].items()},
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
    day_first = _alternation(t.day_first_months)
    en_date = (
        rf",[ \t]{{0,3}}(?:{_EN_DATE_MONTH_FIRST}"
        rf"|\d{{1,2}}\.?[ \t]{{1,3}}(?:de[ \t]{{1,3}})?(?i:{day_first})"
        rf"(?:[ \t]{{1,3}}(?:de[ \t]{{1,3}})?\d{{4}})?)"
        rf"|[ \t]{{1,3}}{_EN_DATE_PAREN}"
    )
    return _Patterns(
        cn_bracket=re.compile(
            rf"[{re.escape(_OPEN)}](?P<body>[^{re.escape(_OPEN + _CLOSE)}\n]{{1,40}})"
            rf"[{re.escape(_CLOSE)}]"
        ),
        cn_body=re.compile(
            rf"{_S}(?:(?P<paper>[{_CJK}]{{2,8}}){_S}[/／]{_S})?"
            rf"(?P<agency>{opening}|{site})?{_S}{tail}{_S}"
            rf"(?:(?P<more>{_REPORTERS}[^{re.escape(_OPEN + _CLOSE)}\n]{{1,20}}))?{_S}"
        ),
        cn_open=re.compile(rf"{_CN_ACCORDING}?{_S}(?P<agency>{opening}|{site}){_S}{tail}"),
        cn_dated_latin=re.compile(
            rf"{_S}(?:(?P<month>{_DIGIT}{{1,2}}){_S}月{_S})?(?P<day>{_DIGIT}{{1,2}}){_S}日{_S}"
            rf"(?P<agency>{en_agency}){_S}"
        ),
        cn_signed=re.compile(
            rf"(?P<open>[{re.escape(_OPEN)}])?{_S}"
            rf"(?:{_REPORTERS}{_S}(?P<names>[{_CJK}{_NAME_DOT}、 \u3000]{{2,20}}?)"
            rf"|(?P<desk>[{_CJK}]{{1,4}}{_DESK_END})){_S}[/／]{_S}"
            rf"(?P<after>[{_CJK}{_NAME_DOT}、]{{0,12}}?){_S}{_REPORT}"
            rf"(?(open)[{re.escape(_CLOSE)}])"
        ),
        cn_reporters=re.compile(
            rf"{_S}[（(]{_S}(?P<names>(?:{_alternation(_ROLE_WORDS)})[^（）()\n]{{1,40}}?){_S}[）)]"
        ),
        en_wire=re.compile(
            rf"(?:(?P<place>{_EN_PLACE})(?P<date>{en_date})?[ \t]{{0,3}})?"
            rf"(?:\((?P<agency>{en_agency})(?:/[\w.]{{1,8}})?\)"
            rf"|(?P<bare>{_alternation(t.bare_agencies)})(?={_EN_DASH}))"
        ),
        en_slash=re.compile(
            rf"(?P<place>{_EN_PLACE})(?P<date>{en_date})\.?[ \t]{{0,3}}/(?P<agency>{en_agency})/"
            r"(?P<sep>\.?)"
        ),
        en_caps=re.compile(
            rf"(?P<place>{_EN_PLACE})(?P<date>{en_date})?(?={_EN_DASH}|[ \t]{{0,2}}:[ \t])"
        ),
        en_date_after_dash=re.compile(
            rf"{_EN_DASH}[ \t]{{1,3}}(?P<date>(?:\d{{1,2}}\.?[ \t]{{1,3}})?(?i:{day_first})"
            rf"[ \t]{{1,3}}\d{{4}})\.(?=[ \t])"
        ),
        en_paren_place=re.compile(rf"\((?P<place>{_EN_PLACE})\)(?={_EN_DASH})"),
        en_date_only=re.compile(rf"(?P<date>{_EN_DATE_MONTH_FIRST})(?={_EN_DASH})"),
        en_date_parts=re.compile(rf"(?P<mon>{_EN_MONTH})\.?[ \t]{{1,3}}(?P<day>\d{{1,2}})"),
        en_day_first=re.compile(
            rf"(?P<day>\d{{1,2}})\.?[ \t]{{1,3}}(?:de[ \t]{{1,3}})?(?P<mon>(?i:{day_first}))\b"
        ),
        en_month_year=re.compile(rf"(?P<mon>(?i:{day_first}))[ \t]{{1,3}}(?P<year>\d{{4}})"),
        credit_hint=re.compile(
            rf"\((?:{en_agency})[/)]|本[报報]|[电電讯訊]|(?:报|報)(?:道|导|導)"
            rf"|\b(?:{_alternation(t.bare_agencies)})\b"
        ),
        en_year=re.compile(r"\b(?P<year>\d{4})\b"),
        site_suffix=re.compile(rf"\.(?:{_alternation(t.site_suffixes)})\b", re.IGNORECASE),
        separator=re.compile(
            r"[\s\u3000]{0,20}(?:\.?[-—–]{1,2}|[:：，,]|\.(?=[\s\u3000]))?[\s\u3000]{0,20}"
        ),
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
    head = first_paragraph[start : start + 1]
    if (
        head
        and head < "\u2e80"
        and head not in _OPEN
        and not _LATIN_MARKS.search(first_paragraph, start, start + _EN_FORM_REACH)
    ):
        # Every form that opens with a Latin (or Arabic) letter is closed by a
        # dash, a colon, a bracket or a slash near the start: most first
        # paragraphs have none there, and need no parser.
        return None, first_paragraph
    hit: _Hit | None = None
    # A Chinese form opens with a Han character or a bracket; a Latin one
    # never with a Han character.
    parsers = _CJK_PARSERS if head >= "\u2e80" else _parsers(language)
    for parse in parsers:
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
        region=hit.region,
    )
    sep = _patterns().separator.match(first_paragraph, hit.rest_start)
    rest_start = sep.end() if sep else hit.rest_start
    # ``raw`` is the dateline as printed, with the mark that closes it.
    raw_end = max(hit.raw_end, len(first_paragraph[:rest_start].rstrip(" \t\n\u3000\xa0")))
    dateline = replace(dateline, raw=first_paragraph[hit.raw_start : raw_end])
    return dateline, first_paragraph[rest_start:]


def may_open_with_credit(text: str, *, whole: bool = False) -> bool:
    """Whether the first characters could hold a credit: an agency in brackets
    (``(CNN)``), the paper's own credit, a dispatch or report word (``电``,
    ``讯``, ``报道``) or an agency printed without brackets (``New York CNN —``).

    A cheap test before a paragraph deep in the body is parsed; ``whole``
    searches all of ``text`` (the heads of many paragraphs, joined).
    """
    end = len(text) if whole else CREDIT_HINT_REACH
    return _patterns().credit_hint.search(text, 0, end) is not None


def is_paper_credit(raw: str) -> bool:
    """``本报讯``, ``【本報記者報道】``: the paper's own credit, which names no agency."""
    return raw.lstrip(_OPEN + " ").startswith(_OWN_PAPER)


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


@functools.lru_cache(maxsize=64)
def _parsers(language: str | None) -> tuple[_Parser, ...]:
    chinese = _CJK_PARSERS
    latin: tuple[_Parser, ...] = (
        _parse_en_slash,
        _parse_en_wire,
        _parse_en_caps,
        _parse_en_paren_place,
        _parse_en_date_only,
    )
    lang = (language or "").lower()
    if lang.startswith("en"):
        # ``NEW DELHI:`` is how Indian papers in English open a story.
        return (_parse_en_slash, _parse_en_wire, _parse_en_caps_colon, *latin[3:], *chinese)
    if not lang or lang.startswith("zh"):
        return chinese + latin
    # German, Spanish and French papers print their places in title case.
    return (*chinese, *latin, _parse_en_title)


def _parse_cn_bracket(text: str, start: int) -> _Hit | None:
    """``（平壤19日讯）``, ``【新华社广州3月5日电】``, ``（中央社記者陳怡君台中5日電）``."""
    p = _patterns()
    m = p.cn_bracket.match(text, start)
    if m is None:
        return None
    body = p.cn_body.fullmatch(m["body"])
    if body is None:
        latin = p.cn_dated_latin.fullmatch(m["body"])
        if latin is None:
            return None
        # ``【6月18日 AFP】``: a date and an agency credited in Latin letters.
        month, day = _int(latin["month"]), _int(latin["day"])
        if not _valid_date(None, month, day):
            return None
        return _Hit(start, m.end(), m.end(), None, None, month, day, latin["agency"])
    hit = _cn_hit(text, start, m.end(), body, paper=body["paper"], bracketed=True)
    if hit is not None and body["more"]:
        # ``【环球网报道 记者 李四】``: the reporters inside the bracket.
        hit = hit._replace(reporters=hit.reporters + _names(body["more"]))
    return hit


def _parse_cn_signed(text: str, start: int) -> _Hit | None:
    """``記者X／台南報導``, ``〔記者X、Y／金門報導〕``, ``生活中心／賴俊佑報導``.

    A reporter's signature names the place after the slash; a desk's names
    the reporter there. Neither names an agency: the story is the paper's own.
    """
    if "／" not in text[start : start + 40] and "/" not in text[start : start + 40]:
        return None
    m = _patterns().cn_signed.match(text, start)
    if m is None:
        return None
    after = _clean_place(m["after"])
    if m["desk"]:
        if after is None:
            return None
        return _Hit(start, m.end(), m.end(), reporters=_names(after))
    return _Hit(start, m.end(), m.end(), after, reporters=_names(m["names"]))


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
    if m["day"] is None and any(c in m["end"] for c in "报報") and not _credit_colon(text, m.end()):
        # ``彭博報導，…`` opens a sentence with its source; ``大公文匯全媒體報道：``
        # is a credit, set apart by a colon.
        return None
    return _cn_hit(text, start, m.end(), m, paper=None, bracketed=False)


def _credit_colon(text: str, end: int) -> bool:
    return text[end : end + 2].lstrip(" \u3000")[:1] in (":", "：")


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
            if agency not in _OWN_PAPER:
                return None
            # ``【本報記者報道】``: the paper's reporters, no name, no place.
        else:
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
    """``BEIJING, March 5 (Reuters) -``, ``TOKYO, Japan (AP) —``, ``(Bloomberg) --``,
    ``Wiesbaden (KNA/iz).``, and ``New York CNN —`` where a page draws the brackets."""
    if "(" not in text and not any(a in text for a in _tables().bare_agencies):
        return None  # no agency in brackets: spare the backtracking over place words
    m = _patterns().en_wire.match(text, start)
    if m is None:
        return None
    return _en_hit(m, start, m.end(), agency=m["agency"] or m["bare"])


def _parse_en_slash(text: str, start: int) -> _Hit | None:
    """``ST. PETERSBURG, March 4. /TASS/.``: the trailing ``.`` is the separator."""
    if "/" not in text:
        return None  # no agency between slashes
    m = _patterns().en_slash.match(text, start)
    if m is None:
        return None
    return _en_hit(m, start, m.end("agency") + 1, agency=m["agency"])


def _parse_en_caps(text: str, start: int, *, colon: bool = False) -> _Hit | None:
    """``PARIS —``, ``SEOUL, South Korea —``, ``TEGUCIGALPA, HONDURAS.-``, and with
    ``colon`` (Indian papers, on English pages) ``NEW DELHI:``.

    No agency vouches for the place, so it must look like one: in capitals,
    not a label (``UPDATE:``, ``DEAR ABBY:``, ``Q1:``), not an acronym
    (``EEG -``; a single word has at least ``_EN_CAPS_MIN_WORD`` letters, and
    before a colon at least ``_EN_COLON_MIN`` letters: ``ISBN:``, ``SARS:``).
    """
    m = _en_dash_form(text, start)
    if m is None:
        return None
    head = _place_head(m["place"])
    lo, hi = _EN_CAPS_LENGTH
    if not (head.isupper() and lo <= len(head) <= hi):
        return None
    closed_by_colon = _closed_by_colon(text, m.end())
    if closed_by_colon and (not colon or len(head) < _EN_COLON_MIN):
        return None
    if " " not in head and len(head) < _EN_CAPS_MIN_WORD:
        return None
    return _en_hit(m, start, m.end())


def _parse_en_caps_colon(text: str, start: int) -> _Hit | None:
    return _parse_en_caps(text, start, colon=True)


def _parse_en_title(text: str, start: int) -> _Hit | None:
    """``Wien, 14. Dezember 2021 –``, ``Washington.-``: a place in title case.

    German, Spanish and French papers print their places so; nothing in the
    words tells a place from a kicker (``Tools –``, ``Kein Wunder –``), so
    only a date after the place or the Spanish ``.-`` vouches for it.
    """
    m = _en_dash_form(text, start)
    if m is None or _closed_by_colon(text, m.end()):
        return None
    dated = bool(m["date"]) and not m["date"].lstrip().startswith("(")
    spanish = text[m.end() : m.end() + 2] in (".-", ".–", ".—")
    if len(_place_head(m["place"]).split()) > _EN_TITLE_WORDS:
        return None
    if dated or spanish:
        return _en_hit(m, start, m.end())
    # ``Darmstadt - Januar 2021.``: the date printed after the dash vouches too.
    after = _patterns().en_date_after_dash.match(text, m.end())
    if after is None:
        return None
    hit = _en_hit(m, start, after.end())
    if hit is None:
        return None
    year, month, day = _read_en_date(after["date"])
    if not _valid_date(year, month, day):
        return None
    return hit._replace(year=year, month=month, day=day)


def _en_dash_form(text: str, start: int) -> re.Match[str] | None:
    """``PLACE[, REGION][, DATE]`` closed by a dash or a colon, not a label.

    The first closing mark must come within ``_EN_FORM_REACH`` characters;
    the pattern is not run past it, which spares the backtracking over the
    words of a sentence.
    """
    mark = _EN_CLOSING.search(text, start, start + _EN_FORM_REACH)
    if mark is None:
        return None  # none of the marks that close the form
    m = _patterns().en_caps.match(text, start, mark.end() + 1)
    if m is None:
        return None
    place = m["place"]
    if _is_label(place) or any(ch.isdigit() for ch in place) or _is_site_name(place):
        return None  # ``UPDATE:``, ``Q1:``, ``Motorsport-Magazin.com -``
    return m


def _is_site_name(place: str) -> bool:
    """``Motorsport-Magazin.com``: a web address's suffix makes a site's name, no place."""
    return _patterns().site_suffix.search(place) is not None


def _place_head(place: str) -> str:
    return re.split("[,،]", place, maxsplit=1)[0].strip()


def _closed_by_colon(text: str, end: int) -> bool:
    return text[end : end + 3].lstrip(" \t")[:1] == ":"


def _parse_en_paren_place(text: str, start: int) -> _Hit | None:
    """``(Leipzig) -``: a place in brackets, where an agency would stand."""
    if not text.startswith("(", start):
        return None
    m = _patterns().en_paren_place.match(text, start)
    place = m["place"] if m else ""
    if m is None or len(place.split()) > _EN_TITLE_WORDS or _is_label(place):
        return None
    if _is_site_name(place):
        return None  # ``(Motorsport-Total.com) -``: a site's own credit
    return _en_hit(m, start, m.end())


def _parse_en_date_only(text: str, start: int) -> _Hit | None:
    """``Feb. 23, 2015 --``: a date and a dash, where the place would stand."""
    m = _patterns().en_date_only.match(text, start)
    if m is None:
        return None
    return _en_hit(m, start, m.end())


def _is_label(place: str) -> bool:
    """``UPDATE``, ``DEAR ABBY``, ``SACHA PFEIFFER, HOST``: a label, not a place."""
    not_places = _tables().en_not_places
    parts = [p.strip() for p in re.split("[,،]", place)]
    return any(p.upper() in not_places for p in parts) or place.strip().upper() in not_places


def _en_hit(
    m: re.Match[str], start: int, raw_end: int, *, agency: str | None = None
) -> _Hit | None:
    printed: str | None = m.groupdict().get("place")
    if printed is not None and not _looks_like_place(printed):
        return None
    year, month, day = _read_en_date(m.groupdict().get("date"))
    if not _valid_date(year, month, day):
        return None
    place, region = _split_place(printed) if printed else (None, None)
    if place is not None and agency is None and canonical_agency(place) is not None:
        # ``CNN —``: an agency alone where the place would stand.
        place, agency = None, place
    return _Hit(start, raw_end, raw_end, place, year, month, day, agency, region=region)


def _read_en_date(text: str | None) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of a Latin-script dateline date, as printed."""
    if not text:
        return None, None, None
    p = _patterns()
    found = p.en_date_parts.search(text)
    if found is not None:
        month = _EN_MONTHS[found["mon"].lower()]
    else:
        found = p.en_day_first.search(text)
        if found is None:
            # ``Januar 2021``: a month and a year, no day.
            alone = p.en_month_year.search(text)
            if alone is None:
                return None, None, None
            month = _tables().day_first_months[alone["mon"].casefold()]
            return int(alone["year"]), month, None
        month = _tables().day_first_months[found["mon"].casefold()]
    year = p.en_year.search(text, found.end())
    return _int(year["year"]) if year else None, month, int(found["day"])


def _split_place(printed: str) -> tuple[str, str | None]:
    """The place as a reader names it, and the region printed after it.

    ``SEOUL, South Korea`` -> ``Seoul``, ``South Korea``; ``Frankfurt/Main``
    -> ``Frankfurt``, ``Main`` (a river from the rules); ``München / Berlin``
    and ``Berlin/Frankfurt`` (two places) stay.
    Places printed in capitals are given in title case.
    """
    parts = re.split("[,،]", printed, maxsplit=1)
    head = parts[0].strip()
    region = parts[1].strip() if len(parts) > 1 else ""
    city, slash, river = head.partition("/")
    if slash and river.strip() in _tables().rivers:
        head, region = city.strip(), region or river.strip()
    return _display(head), (_display(region) if region else None)


def _display(place: str) -> str:
    """Title case for a place printed in capitals (``WEST PALM BEACH`` -> ``West Palm Beach``).

    Mixed case is kept as printed (``McALLEN``): it is already the name.
    """
    if not place.isupper():
        return place
    return re.sub(r"[^\W\d_]+", _cap_word, place.lower())


def _cap_word(m: re.Match[str]) -> str:
    word = m.group(0)
    before = m.string[m.start() - 1 : m.start()] if m.start() else ""
    # ``N'DJAMENA`` -> ``N'Djamena``, but ``ST. JOHN'S`` -> ``St. John's``.
    if before and before in "'’" and len(word) == 1:
        return word
    return word.capitalize()


def _looks_like_place(place: str) -> bool:
    """Every word capitalised (or in a script without case), bar particles:
    ``However, the`` is no place."""
    particles = _tables().en_particles
    words = [w for w in re.split(r"[ \t,،/]+", place) if w]
    return bool(words) and all(not w[0].islower() or w in particles for w in words)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _valid_date(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and not 1 <= day <= 31:
        return False
    if month is not None and day is None and year is None:
        return False  # a month alone is a word, not a date (``May``)
    return year is None or (month is not None and 1900 <= year <= 2100)


_CJK_PARSERS: tuple[_Parser, ...] = (_parse_cn_bracket, _parse_cn_open, _parse_cn_signed)
