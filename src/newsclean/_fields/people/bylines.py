"""A byline string: the names in it (``names_in``) and a list of names merged (``merge_names``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .names import valid_name
from .rules import PREFIX, SPLIT, WIRE_DATELINE, PeopleRules, people_rules

#: More names than this in one field is a staff list or a tag cloud.
MAX_AUTHORS = 8
#: Words a name must keep when a date glued to it is cut off; fewer is a
#: heading or a handle, and the whole piece is rejected for its digits.
MIN_WORDS_BEFORE_DATE = 2

_BRACKETS = '()[]{}<>【】〔〕「」『』《》"“”„«»‘’‹›'
#: A social-media handle printed after a name (``Mei Lin @meilin``).
_HANDLE = re.compile(r"\s+@[\w.]+")
_DIGIT = re.compile(r"\d")
#: Three or more capitalised words run together, as in a user name
#: (``TopGrowthMarketing``); two (``McCravy``, ``DeSiato``) are one name.
_RUN_TOGETHER = re.compile(r"(?:[A-Z][a-z]{2,}){3,}")
_RUN_TOGETHER_WORD = re.compile(r"[A-Z][a-z]+")
#: The first number of a date: a day, a month or a year (not a count: ``Like 319``).
_DATE_NUMBER = re.compile(r"(?<!\d)(?:\d{1,2}|\d{4})(?!\d)")
_BY_AFTER_DATE = re.compile(r"\s(?i:by|von|par|por)\s+")
_REPORT_END = re.compile(r"(?:报道|報導|報道|报导)$")
_ROLE_WORD = re.compile(r"(?:记者|記者)")


def strip_brackets(text: str) -> str:
    return text.strip().strip(_BRACKETS).strip()


def _wire_reporter(text: str) -> str:
    """``王大明台北19日電`` -> ``王大明``: a wire dateline glued to the last name.

    The place has no separator; names in such credits are most often three
    characters and places two, so four characters read as 2+2 and five or
    more as a three-character name.
    """
    rest = WIRE_DATELINE.sub("", text)
    if len(rest) >= 5:
        return rest[:3]
    if len(rest) == 4:
        return rest[:2]
    return rest


def _cjk_tokens(piece: str) -> list[str]:
    """``张伟 李明`` -> two names; ``王 芳`` (a two-character name spaced out) -> one."""
    tokens = piece.split()
    if len(tokens) < 2 or not all(people_rules().cjk_name.fullmatch(t) for t in tokens):
        return [piece]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            out.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def _before_date(piece: str, r: PeopleRules) -> str:
    """``Mei Lin on March 5, 2024`` -> ``Mei Lin``: a date glued to a byline is cut off.

    A name has no digits; the words between the name and the first digit
    that are lower-case (``on``, ``am``, ``le``), month or weekday names, or
    labels (``Updated``, ``Stand``) go with the date. A name after the date
    (``Posted on May 5, 2024 by Mei Lin``) is taken instead.
    """
    digit = _DIGIT.search(piece)
    if digit is None or not _DATE_NUMBER.match(piece, digit.start()):
        return piece
    after = _BY_AFTER_DATE.search(piece, digit.end())
    if after:
        # Posted on May 5, 2024 by Mei Lin
        return _before_date(piece[after.end() :], r)
    words = piece[: digit.start()].split()
    while words and _date_word(words[-1], r):
        words.pop()
    # One word left before a number is a heading (Top 10) or a handle (Bo2man).
    return " ".join(words) if len(words) >= MIN_WORDS_BEFORE_DATE else piece


def _date_word(word: str, r: PeopleRules) -> bool:
    plain = word.strip(".,:;|-–—·•")
    return not plain or not plain[0].isupper() or plain.casefold() in r.date_words


def _before_title(piece: str, r: PeopleRules) -> str:
    """``Mei Lin Senior Reporter`` -> ``Mei Lin``: a job title or link label printed after the name.

    Only cut after two words, so that the title alone (``Senior Reporter``)
    or a one-word remainder is still rejected as a whole.
    """
    words = piece.split()
    for i in range(2, len(words)):
        if words[i].strip(".,:'’").casefold() in r.tail_words:
            return " ".join(words[:i])
    return piece


def _end_dot(piece: str, r: PeopleRules) -> str:
    """The full stop of an initial or of ``Jr.`` is part of the name; any other is not."""
    if not piece.endswith("."):
        return piece
    last = piece[:-1].rsplit(" ", 1)[-1]
    if " " in piece and (len(last) == 1 or last.casefold() in r.suffixes):
        return piece
    return piece.rstrip(". ")


def _clean_piece(piece: str) -> str:
    """One comma/``and``-separated part of a byline, without labels, handles, dates and titles."""
    r = people_rules()
    piece = PREFIX.sub("", strip_brackets(piece))
    piece = r.lead.sub("", piece).strip(" :-–—").lstrip(".")
    if not r.has_cjk.search(piece):
        piece = _before_title(_before_date(_HANDLE.sub("", piece), r), r)
        if _RUN_TOGETHER.fullmatch(piece):
            # TopGrowthMarketing -> Top Growth Marketing
            piece = " ".join(_RUN_TOGETHER_WORD.findall(piece))
    return _end_dot(piece.strip(" :-–—"), r)


def names_in(text: str, site: str | None = None, *, lower_case: bool = False) -> list[str]:
    """The person names of one byline string, in order, labels and roles removed.

    ``lower_case``: the string is an explicit author field (see ``valid_name``).
    """
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    text = PREFIX.sub("", strip_brackets(text))
    roles = list(_ROLE_WORD.finditer(text))
    if roles:
        # 新华社记者张伟 -> 张伟; 國際部記者 -> nothing.
        text = text[roles[-1].end() :].lstrip(" :")
    stop = people_rules().stop.search(text)
    if stop:
        text = text[: stop.start()]
    pieces = [p for p in SPLIT.split(text) if p]
    out: list[str] = []
    for i, piece in enumerate(pieces):
        piece = _clean_piece(piece)
        if WIRE_DATELINE.search(piece):
            piece = _wire_reporter(piece)
        for j, name in enumerate(_cjk_tokens(piece)):
            if i == j == 0:
                # 记者张伟报道; a later 北京报道 is a place and is dropped as a role.
                name = _REPORT_END.sub("", name)
            if valid_name(name, site, lower_case=lower_case) and name not in out:
                out.append(name)
    return out


def merge_names(names: Iterable[str]) -> tuple[str, ...]:
    """Names in first-seen order, each once, at most ``MAX_AUTHORS``.

    A name that is another one of the list with more words around it
    (``Mei Lin Games Editor`` beside ``Mei Lin``) is the same person read from
    a wider element, and is dropped.
    """
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    padded = [f" {n} " for n in out]
    kept = [n for n, p in zip(out, padded, strict=True) if not _extends(p, padded)]
    return tuple(kept[:MAX_AUTHORS])


def _extends(padded: str, others: list[str]) -> bool:
    """Whether ``padded`` (a name in spaces) holds another of ``others`` as whole words."""
    return any(o != padded and o in padded for o in others)
