"""The rules of ``rules/people.json``, compiled, and the patterns shared by the modules."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..._rules import load_json

#: Byline elements read at most; the article's own byline comes early.
MAX_BYLINE_NODES = 20

#: Han, kana and hangul: the scripts whose names are written without spaces.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
WEB = re.compile(r"@|://|^www\.|\.(?:com|net|org|cn|tw|hk)\b", re.IGNORECASE)
PREFIX = re.compile(
    r"^(?:(?:(?:written|reporting|story|text|words)\s+)?by\b|von\b|par\b|por\b|door\b"
    r"|text\s*:|autor(?:in)?\s*:|author\s*:"
    r"|(?:本报|本報|本网|本網)?(?:特派|特约|特約|首席|驻\S{1,4}|駐\S{1,4})?(?:记者|記者)"
    r"|作者|撰文|撰稿|采写|採寫|文字|文(?=\s*[:/|]))\s*[:/|]?\s*",
    re.IGNORECASE,
)
SPLIT = re.compile(r"\s*(?:[,;、|/]|\s(?i:and|und|et|y|e)\s|&)\s*")
WIRE_DATELINE = re.compile(r"\d{1,2}日[电電]$")
#: What an editor label follows, when it does not open the text.
_EDITOR_BEFORE = r"\s(\[【〔|"


@dataclass(frozen=True, slots=True)
class PeopleRules:
    """``rules/people.json`` and the script patterns, compiled on first use.

    Character classes over the CJK blocks take milliseconds to compile,
    which is why they live here and not at module level.
    """

    labels: frozenset[str]
    outlets: frozenset[str]
    outlet_suffixes: tuple[str, ...]
    outlet_words: frozenset[str]
    author_meta: tuple[str, ...]
    author_meta_labels: frozenset[str]
    title_articles: frozenset[str]
    roles_cjk: tuple[str, ...]
    role_suffixes_cjk: tuple[str, ...]
    roles_latin: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    tail_words: frozenset[str]
    date_words: frozenset[str]
    lead: re.Pattern[str]
    stop: re.Pattern[str]
    editor: re.Pattern[str]
    source: re.Pattern[str]
    has_cjk: re.Pattern[str]
    cjk_name: re.Pattern[str]
    kana_hangul: re.Pattern[str]


def _after(labels: Iterable[str], before: str) -> str:
    """An alternation of ``labels``, each only at the text's start or after a ``before`` character.

    The check follows each label's first character, so that every branch
    opens with a literal: the regex engine then skips in C to the characters
    a label starts with, instead of trying the pattern at every position.
    """
    return "|".join(f"{re.escape(w[0])}(?<![^{before}].){re.escape(w[1:])}" for w in labels)


@functools.lru_cache(maxsize=1)
def people_rules() -> PeopleRules:
    """Built on first use, not at import."""
    raw: dict[str, Any] = load_json("people.json")
    months: dict[str, list[list[str]]] = load_json("dates.json")["months"]
    lead = "|".join(re.escape(w) for w in sorted(raw["lead_labels"], key=len, reverse=True))
    editors = _after(sorted(raw["editor_labels"], key=len, reverse=True), _EDITOR_BEFORE)
    sources = "|".join(sorted(raw["source_labels"], key=len, reverse=True))
    return PeopleRules(
        labels=frozenset(w.casefold() for w in raw["labels"]),
        outlets=frozenset(w.casefold() for w in raw["outlets"]),
        outlet_suffixes=tuple(raw["outlet_suffixes"]),
        outlet_words=frozenset(w.casefold() for w in raw["outlet_words"]),
        author_meta=tuple(raw["author_meta"]),
        author_meta_labels=frozenset(w.casefold() for w in raw["author_meta_labels"]),
        title_articles=frozenset(raw["title_articles"]),
        roles_cjk=tuple(raw["roles_cjk"]),
        role_suffixes_cjk=tuple(raw["role_suffixes_cjk"]),
        roles_latin=frozenset(w.casefold() for w in raw["roles_latin"]),
        particles=frozenset(raw["name_particles"]),
        suffixes=frozenset(raw["name_suffixes"]),
        tail_words=frozenset(w.casefold() for w in raw["tail_words"]),
        date_words=frozenset(
            [
                *(m for names in months.values() for month in names for m in month),
                *(w.casefold() for w in raw["date_words"]),
            ]
        ),
        lead=re.compile(rf"^(?:{lead})(?:\s*:\s*|\s+)(?=\S)", re.IGNORECASE),
        stop=re.compile("|".join(map(re.escape, raw["stop_cjk"]))),
        # Matched on NFKC text: full-width colons and brackets are ASCII there.
        editor=re.compile(rf"(?:{editors})\s*:\s*([^()\[\]【】〔〕|]+)"),
        source=re.compile(
            rf"(?:^|[\s(（\[【〔|｜])(?:{sources})\s*[:：]\s*([^\s|｜,，;；()（）\[\]【】]{{1,40}})"
        ),
        has_cjk=re.compile(f"[{_CJK}]"),
        cjk_name=re.compile(f"[{_CJK}](?:[{_CJK}·•・]*[{_CJK}])?"),
        kana_hangul=re.compile("[\u3040-\u30ff\uac00-\ud7af]"),
    )
