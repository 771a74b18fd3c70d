"""Author source 4: byline patterns printed in the body's paragraphs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .bylines import names_in, strip_brackets
from .rules import PREFIX, SPLIT, WIRE_DATELINE, PeopleRules, people_rules

#: A part of a byline line in CJK longer than this is prose.
MAX_CJK_PIECE = 12
#: A paragraph that is only a byline is at most this long.
MAX_BYLINE_LINE = 120
#: A bracketed reporter credit must start this early in its paragraph, or close it.
LEAD_CREDIT_WITHIN = 120

_PAREN_CREDIT = re.compile(r"\(([^()]{0,15}?(?:记者|記者)[^()]{1,60})\)")
_LINE_BYLINE = re.compile(
    r"^(?:(?:本报|本報)?(?:特派|特约|特約)?(?:记者|記者)|文\s*[:/|]|撰文\s*:|撰稿\s*:|作者\s*:"
    r"|采写\s*:|採寫\s*:|By\s|BY\s)"
)
# The first letter is matched in both cases outside the case-blind group, and
# the word boundary before it checked after it: a pattern that opens with a
# literal lets the regex engine skip in C to where it can match, instead of
# trying it at every character.
_REPORTING_BY = re.compile(r"[rR](?<!\w.)(?i:(?<!additional r)eporting by )([^;)]+)")
_PROSE_MARKS = re.compile(r"[。！？!?；;“”\"]")


def _byline_piece(piece: str, r: PeopleRules) -> bool:
    """Whether one comma/slash-separated part of a line reads like a credit, not prose.

    Names, outlets and roles are capitalised words or short CJK runs;
    prose has lower-case words (``By Sunday, officials said``) or sentence
    punctuation (``记者在现场看到，展区……``).
    """
    piece = PREFIX.sub("", strip_brackets(piece)).strip(" .:-–—")
    if not piece:
        return True
    if r.has_cjk.search(piece):
        if WIRE_DATELINE.search(piece):
            return True
        return len(piece) <= MAX_CJK_PIECE and not _PROSE_MARKS.search(piece)
    words = piece.split()
    return not any(ch.isdigit() for ch in piece) and all(
        w[0].isupper() or w.casefold() in r.particles for w in words
    )


def _is_byline_line(text: str) -> bool:
    """A whole paragraph that is only a credit: ``记者 张伟 李明``, ``By X, Y and Z``."""
    if len(text) > MAX_BYLINE_LINE or not _LINE_BYLINE.match(text):
        return False
    r = people_rules()
    body = PREFIX.sub("", text)
    return all(_byline_piece(p, r) for p in SPLIT.split(body) if p)


def _paragraph_bylines(paragraph: str, site: str | None) -> list[str]:
    text = unicodedata.normalize("NFKC", paragraph).strip()
    out: list[str] = []
    # A reporter credit in brackets opens a story (新华社上海3月5日电（记者张伟）)
    # or closes it (……。（记者 张伟）); one in the middle is quoted text.
    end = len(text.rstrip("。. "))
    for m in _PAREN_CREDIT.finditer(text):
        if m.start() > LEAD_CREDIT_WITHIN and m.end() < end:
            continue
        inner = m.group(1).strip()
        if not inner.endswith(("摄", "攝")):
            out.extend(names_in(inner, site))
    if _is_byline_line(text):
        out.extend(names_in(text, site))
    for m in _REPORTING_BY.finditer(text):
        out.extend(names_in(m.group(1), site))
    return out


def from_paragraphs(paragraphs: Iterable[str], site: str | None) -> list[str]:
    return [name for p in paragraphs for name in _paragraph_bylines(p, site)]
