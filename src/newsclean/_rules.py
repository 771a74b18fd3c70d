"""Boilerplate rules, loaded from the data files in ``rules/`` and compiled once.

Tag rules become one selector list (Lexbor matches them in a single walk);
class/id tokens become one case-insensitive regex per concern, run once per
element that has a class or id; phrases become frozen sets of case-folded
strings.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

#: This package, wherever it is imported from: its data files ship inside it.
_PACKAGE = __package__ or "newsclean"


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything the cleaner and the block filter need, ready to use."""

    remove_selector: str
    field_forms: str
    #: Class words of a photo credit inside a caption (kept, not removed as boilerplate).
    caption_credit: re.Pattern[str]
    hidden_style: re.Pattern[str]
    revealed_id: re.Pattern[str]
    mark_selector: str
    soft_tags: frozenset[str]
    soft_roles: frozenset[str]
    caption_tags: frozenset[str]
    content_tags: frozenset[str]
    label: re.Pattern[str]
    label_kinds: dict[str, str]
    section_headings: frozenset[str]
    #: First words (lower case, a space after Latin ones) that open a section
    #: heading when its short line names a topic after them and ends with a colon.
    section_heading_prefixes: tuple[str, ...]
    read_more: frozenset[str]
    #: A one-line teaser's label and its separator ("read more: "), on the lower-cased line.
    teaser_line: re.Pattern[str]
    labels: frozenset[str]
    #: Latin-script line tests, run on the lower-cased line (see ``_lowered``).
    drop_prefix: re.Pattern[str]
    drop_keyword: re.Pattern[str]
    #: The keywords written in ASCII alone, the only ones an ASCII line can
    #: hold: a third of the alternatives for the engine to try at each letter.
    drop_keyword_ascii: re.Pattern[str]
    drop_pattern: re.Pattern[str]
    #: CJK line tests, run on the line as printed.
    drop_prefix_cjk: re.Pattern[str]
    drop_pattern_cjk: re.Pattern[str]
    #: Affiliate and review-policy notes, run on the lower-cased line ...
    disclosure: re.Pattern[str]
    #: ... that holds one of these words (a cheap test that spares most lines the regex).
    disclosure_words: tuple[str, ...]
    credits: tuple[re.Pattern[str], ...]


_STRIP = " \t:：>»›|-—–·•*#【】[]()（）.…?!？！。"


def key(text: str, *, collapsed: bool = False) -> str:
    """Comparison key of a block or a phrase: case-folded, without spaces and edge punctuation.

    Phrases from the data files and blocks from pages go through the same
    key, so "Most read" matches a block printed "MOST  READ:". ``collapsed``
    tells that the only whitespace in the text is single spaces (a block's
    text, or a piece of one): they are then dropped without splitting the
    text into words, several times faster.
    """
    squeezed = text.replace(" ", "") if collapsed else "".join(text.split())
    return squeezed.casefold().strip(_STRIP)


def _has_cjk(pattern: str) -> bool:
    """Whether a pattern names CJK words (full-width punctuation alone does not count)."""
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in pattern)


def _joined(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regex for several, each keeping its own flags.

    The patterns are the branches of one alternation, joined as they are
    (a group only where a flag needs one). The engine skips a branch that
    opens with a literal or a character class on its first character, which
    it cannot do through a group around the branch; with every branch open
    like that it scans for their first characters alone. The CJK app and
    channel test runs 30% faster.
    """
    return re.compile("|".join(_scoped(uncaptured(p)) for p in patterns) or "(?!)")


def uncaptured(pattern: str) -> str:
    """The pattern with its capturing groups made non-capturing.

    The line tests only ask whether a pattern matches. A branch that opens
    with a capturing group cannot be rejected on its first character, so
    an alternation of such branches is tried branch by branch at full cost;
    without the groups the editor/share prefix test runs twice as fast.
    Escapes and character classes are copied as they are.
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            end = i + 2
        elif ch == "[":
            end = _class_end(pattern, i)
        elif ch == "(" and not pattern.startswith("?", i + 1):
            out.append("(?:")
            i += 1
            continue
        else:
            end = i + 1
        out.append(pattern[i:end])
        i = end
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """Index just past the character class that opens at ``start``."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _lowered(patterns: Iterable[str]) -> re.Pattern[str]:
    """One case-sensitive regex for case-insensitive Latin patterns, to match lower-cased text.

    Python tries a ``(?i)`` alternation branch by branch with case-folding
    comparisons at every step; the same patterns without the flag, on text
    lower-cased once, let the engine reject most positions on their first
    character, which makes the editor/share line test several times faster.
    The data files write these patterns in lower case after a ``(?i)``.
    """
    parts = []
    for pattern in patterns:
        if not pattern.startswith("(?i)"):
            raise ValueError(f"a Latin line pattern must start with (?i): {pattern!r}")
        parts.append(uncaptured(pattern[4:]))
    # Joined as they are: see ``_joined`` (the newsletter/app test runs 30% faster).
    return re.compile("|".join(parts) or "(?!)")


def load_json(name: str) -> Any:
    """Read one data file shipped in ``newsclean/rules``."""
    text = resources.files(f"{_PACKAGE}.rules").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


def _scoped(pattern: str) -> str:
    """Turn a leading ``(?i)`` into a scoped group so patterns can be joined.

    A pattern without flags needs no group: joined by ``|``, each whole
    pattern is one or more branches of the alternation, as it was alone.
    """
    if pattern.startswith("(?i)"):
        return f"(?i:{pattern[4:]})"
    return pattern


def trie_pattern(tokens: Iterable[str]) -> str:
    """A regex for any of ``tokens``, factored by shared prefixes.

    A flat alternation of a hundred literals is tried literal by literal at
    every position; the factored form rejects a position on its first
    character, which makes class/id matching several times faster.
    """
    trie: dict[str, Any] = {}
    for token in tokens:
        node = trie
        for ch in token:
            node = node.setdefault(ch, {})
        node[""] = {}
    # No tokens: a pattern that never matches, not the empty one that always does.
    return _trie_regex(trie) or "(?!)"


def _trie_regex(node: dict[str, Any]) -> str:
    alts = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    ends = "" in node
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if ends else body


#: Kinds of class/id token, strongest first: a token listed twice keeps the first kind.
LABEL_KINDS = (
    ("content", ("content_substring", "content_attr_values")),
    ("caption", ("caption_substring",)),
    ("soft", ("soft_strong",)),
    ("weak", ("soft_weak",)),
    ("word", ("soft_weak_words",)),
    ("hidden", ("hidden_words",)),
    ("positive", ("positive_substring",)),
    # Read by nothing: a neutral word covers the tokens inside it.
    ("neutral", ("neutral_substring",)),
)
#: Attributes that can hide an element; such elements are looked at too.
_HIDDEN_ATTRS = ("[hidden]", "[aria-hidden]", "[style]")


def _label_kinds(bp: dict[str, Any]) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for kind, keys in LABEL_KINDS:
        for k in keys:
            for token in bp[k]:
                kinds.setdefault(token.lower(), kind)
    return kinds


@functools.lru_cache(maxsize=1)
def rules() -> Rules:
    """The compiled rules (built on first use, not at import)."""
    bp = load_json("boilerplate.json")
    ph = load_json("phrases.json")
    tags = [*bp["soft_tags"], *bp["caption_tags"], *bp["content_tags"]]
    kinds = _label_kinds(bp)
    keywords = [k.lower() for k in ph["drop_line_keywords"]]
    marked = ",".join(bp["mark_tags"])
    inline = ",".join(bp["caption_inline_tags"])
    inline_caption = ",".join(f'[class*="{t}"]' for t in bp["caption_inline_substring"])
    return Rules(
        remove_selector=", ".join(bp["remove_tags"]),
        field_forms=bp["field_forms"],
        caption_credit=re.compile("|".join(map(re.escape, bp["caption_credit_substring"])), re.I),
        hidden_style=re.compile(bp["hidden_style"], re.IGNORECASE),
        revealed_id=re.compile(bp["revealed_id"]),
        # One :is() rather than a selector list: an element that several
        # parts match comes back once, and matching stops at the first part
        # that matches (~6% faster than the list).
        mark_selector=":is("
        + ", ".join(
            [
                *tags,
                f":is({marked}):is([class],[id],[role],[itemprop])",
                f":is({inline}):is({inline_caption})",
                *_HIDDEN_ATTRS,
            ]
        )
        + ")",
        soft_tags=frozenset(bp["soft_tags"]),
        soft_roles=frozenset(bp["soft_roles"]),
        caption_tags=frozenset(bp["caption_tags"]),
        content_tags=frozenset(bp["content_tags"]),
        label=re.compile(trie_pattern(sorted(kinds))),
        label_kinds=kinds,
        section_headings=frozenset(key(p) for p in ph["section_headings"]),
        section_heading_prefixes=tuple(
            p.lower() if _has_cjk(p) else p.lower() + " " for p in ph["section_heading_prefixes"]
        ),
        read_more=frozenset(key(p) for p in ph["read_more"]),
        teaser_line=re.compile(
            f"(?:{trie_pattern(t.lower() for t in ph['teaser_labels'])})\\s*[:：»›|]\\s*\\S"
        ),
        labels=frozenset(key(p) for p in ph["labels"]),
        drop_prefix=_lowered(p for p in ph["drop_line_prefix"] if not _has_cjk(p)),
        drop_keyword=re.compile(trie_pattern(keywords)),
        drop_keyword_ascii=re.compile(trie_pattern(k for k in keywords if k.isascii())),
        drop_pattern=_lowered(p for p in ph["drop_line_patterns"] if not _has_cjk(p)),
        drop_prefix_cjk=_joined(p for p in ph["drop_line_prefix"] if _has_cjk(p)),
        drop_pattern_cjk=_joined(p for p in ph["drop_line_patterns"] if _has_cjk(p)),
        disclosure=_lowered(ph["disclosures"]),
        disclosure_words=tuple(ph["disclosure_words"]),
        credits=tuple(re.compile(p) for p in ph["credit"]),
    )
