"""Wire agencies an article credits, by canonical English name.

The agency table lives in ``rules/agencies.json``. It becomes one compiled
regex, built on first use: a prefix trie of every alias, so a position in the
text is rejected on its first character and each text is scanned once,
whatever the number of aliases. At one position the longest alias wins, and a
match consumes its text, so '美联社' is AP and nothing else and '路透社' is one
credit, not two.

What counts as a credit: any occurrence of an alias in the body, the captions
or the photo credits. Agencies are rarely named in a story except to credit
them, so attribution phrases ('据韩联社报导', 'told Reuters', '(AP)'), photo
credits ('图/法新社', 'REUTERS/Jane Doe', 'AFP via Getty Images') and bare
mentions ('AFP and Reuters could not verify') all count, and so does a poll an
agency commissioned ('a Reuters/Ipsos poll'): its figures are the agency's.
Newspapers, broadcasters and websites are not in the table, so '《纽约时报》报道'
or 'BBC reported' credits nobody.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from .._rules import load_json

#: Letters and digits that make a Latin alias part of a longer word: ASCII plus
#: the accented Latin letters, so 'AP' is not found in 'APPLE' or 'ÉAP'. CJK
#: characters are not in the set: '据AFP报道' credits AFP.
_LATIN_WORD = "A-Za-z0-9\u00c0-\u024f"
#: Right after the first letter of a Latin alias: the character before that
#: letter is not part of a word. (Checked after the letter rather than before
#: it so that every branch of the pattern opens with a literal character,
#: which lets the regex engine skip to candidate positions in C.)
_LATIN_BEFORE = f"(?<![{_LATIN_WORD}].)"
#: After a Latin alias: not inside a word, and not the head of a hyphenated
#: modifier ('a Reuters-style headline'); an upper-case word after the hyphen
#: is another name ('AFP-JIJI', 'dpa-AFX').
_LATIN_AFTER = f"(?![{_LATIN_WORD}]|-[a-z])"
#: Full-width Latin letters and digits, as some Chinese pages print 'ＡＦＰ'.
_FULLWIDTH_CHARS = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_FULLWIDTH = re.compile(f"[{_FULLWIDTH_CHARS}]")
_HALFWIDTH = {
    code: code - 0xFEE0
    for code in chain(range(0xFF10, 0xFF1A), range(0xFF21, 0xFF3B), range(0xFF41, 0xFF5B))
}

Trie = dict[str, Any]


@dataclass(frozen=True, slots=True)
class AgencyTable:
    """The agency rules, compiled.

    ``pattern`` finds candidate aliases; the mappings decide which candidates
    are credits. ``exact`` holds the aliases that only match as written
    (Chinese aliases and ambiguous short forms); ``folded`` holds the English
    names by their case-folded form. Phrases that are not credits are in the
    pattern, so they consume their text, but in neither mapping, so they name
    nobody.
    """

    pattern: re.Pattern[str]
    exact: Mapping[str, str]
    folded: Mapping[str, str]
    #: ``pattern`` without the Chinese aliases, for texts that cannot hold one.
    latin: re.Pattern[str]
    #: The first characters of the Chinese aliases, and the full-width letters
    #: and digits: a text with none of them needs only ``latin``.
    wide: re.Pattern[str]


def is_cjk(alias: str) -> bool:
    """Whether an alias is written in Chinese characters (and so has no word boundaries)."""
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in alias)


def _guard(alias: str, not_followed_by: Mapping[str, str]) -> str:
    """A lookahead that stops a Chinese alias when its last characters begin another word."""
    chars = "".join(chars for end, chars in not_followed_by.items() if alias.endswith(end))
    return f"(?![{re.escape(chars)}])" if chars else ""


def _trie(tokens: Mapping[str, str]) -> Trie:
    """A prefix tree of ``tokens``; ``""`` marks a token's end and holds its guard."""
    trie: Trie = {}
    for token, guard in tokens.items():
        node = trie
        for ch in token:
            node = node.setdefault(ch, {})
        node[""] = guard
    return trie


def _node_regex(node: Trie) -> str:
    """The regex for the tokens below ``node``.

    Continuations come before a token's end, so the longest token wins; if
    its guard (or the caller's) fails, matching falls back to a shorter one.
    """
    alts = [re.escape(ch) + _node_regex(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        alts.append(node[""])
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _cjk_branches(aliases: Iterable[str], not_followed_by: Mapping[str, str]) -> list[str]:
    """One branch per first character of the Chinese aliases."""
    trie = _trie({a: _guard(a, not_followed_by) for a in aliases})
    return [re.escape(ch) + _node_regex(child) for ch, child in sorted(trie.items())]


def _latin_branches(written: Iterable[str]) -> list[str]:
    """One branch per first letter, as written, of the Latin aliases.

    The first letter is literal, so that the engine can skip the many
    lower-case positions of English prose; the rest is matched in any case and
    the lookup decides whether that case is allowed.
    """
    written = list(written)
    firsts: dict[str, set[str]] = {}
    for alias in written:
        firsts.setdefault(alias[0].casefold(), set()).add(alias[0])
    trie = _trie({a.casefold(): "" for a in written})
    return [
        f"{re.escape(first)}{_LATIN_BEFORE}(?i:{_node_regex(child)}){_LATIN_AFTER}"
        for ch, child in sorted(trie.items())
        for first in sorted(firsts[ch])
    ]


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _add(mapping: dict[str, str], key: str, name: str) -> None:
    """Record an alias, refusing one that two agencies claim."""
    if mapping.setdefault(key, name) != name:
        raise ValueError(f"agency alias {key!r} is listed for both {mapping[key]!r} and {name!r}")


def compile_table(data: Mapping[str, Any]) -> AgencyTable:
    """Build the lookup maps and the single scanning regex from the JSON data."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for name, aliases in data["agencies"].items():
        for alias in chain(aliases.get("zh", ()), aliases.get("exact", ())):
            _add(exact, alias, name)
        for alias in aliases.get("en", ()):
            _add(folded, alias.casefold(), name)
    english = [_capitalised(a) for a in chain(folded, data.get("not_credits", ()))]
    chinese = [a for a in exact if is_cjk(a)]
    cjk = _cjk_branches(chinese, data.get("not_followed_by", {}))
    latin = _latin_branches([*(a for a in exact if not is_cjk(a)), *english])
    firsts = "".join(sorted({a[0] for a in chinese}))
    return AgencyTable(
        pattern=re.compile("|".join([*cjk, *latin]) or "(?!)"),
        exact=exact,
        folded=folded,
        latin=re.compile("|".join(latin) or "(?!)"),
        wide=re.compile(f"[{re.escape(firsts)}{_FULLWIDTH_CHARS}]"),
    )


@functools.lru_cache(maxsize=1)
def table() -> AgencyTable:
    """The compiled agency table (built on first use, not at import)."""
    return compile_table(load_json("agencies.json"))


def _lookup(t: AgencyTable, alias: str) -> str | None:
    """The agency an alias found in text names, under the case rules.

    Chinese and short aliases must be exact; English names need a capital
    first letter, as a proper noun has, and may be in any case after it.
    """
    name = t.exact.get(alias)
    if name is None and alias[:1].isupper():
        name = t.folded.get(alias.casefold())
    return name


def _halfwidth(text: str) -> str:
    """Full-width Latin letters and digits as ASCII, so 'ＡＦＰ' reads as 'AFP'."""
    return text.translate(_HALFWIDTH) if _FULLWIDTH.search(text) else text


def canonical(name: str) -> str | None:
    """The canonical name for one alias, or ``None`` when it names no known agency.

    The whole string must be an alias (surrounding spaces aside), under the
    same case rules as in text: '法新社', 'AFP' and 'AGENCE FRANCE-PRESSE'
    are AFP; 'afp' is nobody.
    """
    return _lookup(table(), _halfwidth(name.strip()))


def _matches(t: AgencyTable, text: str) -> Iterator[re.Match[str]]:
    """The pattern's matches in ``text``.

    The engine tries every branch at each capital letter, so the Chinese
    branches cost English text about as much as the Latin ones. Most texts
    hold no character a Chinese alias starts with and no full-width letter:
    one search tells, and such a text is scanned with the Latin branches
    alone, which find the same matches.
    """
    if text.isascii() or not t.wide.search(text):
        return t.latin.finditer(text)
    return t.pattern.finditer(_halfwidth(text))


def credited(text: str) -> Iterator[str]:
    """Canonical names of the aliases in ``text``, in reading order, repeats included."""
    t = table()
    for match in _matches(t, text):
        name = _lookup(t, match.group())
        if name is not None:
            yield name


def find_agencies(
    paragraphs: Sequence[str],
    captions: Sequence[str] = (),
    credits: Sequence[str] = (),
    dateline_agency: str | None = None,
) -> tuple[str, ...]:
    """Every agency the article credits, each once, in the order a reader meets them.

    The dateline's agency comes first: it says whose copy the story is. It is
    canonicalised when the table knows it and kept as given otherwise, since
    the dateline parser has already judged it an agency. Then come the body
    paragraphs, then captions, then photo credits.
    """
    found: dict[str, None] = {}
    if dateline_agency and dateline_agency.strip():
        found[canonical(dateline_agency) or dateline_agency.strip()] = None
    # One scan over all texts: a newline ends every alias, so nothing matches
    # across two texts, and the order of the join is the reading order.
    for name in credited("\n".join(chain(paragraphs, captions, credits))):
        found.setdefault(name, None)
    return tuple(found)
