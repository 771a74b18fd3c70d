"""Cleaning before segmentation: junk removed, boilerplate marked and cut, in C.

Stages:

1. ``remove_junk``  scripts, styles, form controls, embeds, in one selector.
2. ``mark``         one look at every block container with a class, id or
   role, and at every hidden element: soft boilerplate (share, related, nav,
   footer...), hidden copies (a lightbox's second caption), captions,
   content hints.
3. ``remove_soft``  soft-marked and hidden subtrees are decomposed, unless
   one holds a content hint or half the text of its content element (or of
   the page): a wrapper whose class happens to say "sidebar", or a page
   hidden until a script reveals it, is still the article.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from ._rules import Rules, rules

#: An id of this many word parts (and no digits) is a heading's slug, not a role.
SLUG_PARTS = 4
#: A soft-flagged subtree holding at least this share of the page text stays.
UNFLAG_SHARE = 0.5
#: A form of labelled fields with at most this many characters of text
#: (inline scripts included) is a sign-up, contact or search form; a
#: page-wide form holding the article has more. Set on wcxb-articles, where
#: such forms reach about 2,400 characters, scripts counted.
FORM_TEXT = 4000


@dataclass(frozen=True, slots=True)
class Marks:
    """Elements found by class/id/tag rules, before any is removed."""

    soft: tuple[LexborNode, ...]
    #: ``mem_id`` of the soft nodes that are hidden rather than boilerplate by name.
    hidden: frozenset[int]
    captions: frozenset[int]
    hints: frozenset[int]
    #: The hints given by a class, id or itemprop (``article-body``), not by a tag or role.
    named_hints: frozenset[int]
    #: ``mem_id`` of every element that has a content hint inside or is one.
    guarded: frozenset[int]


def remove_junk(root: LexborNode, rules: Rules) -> int:
    """Decompose junk tags, innermost first so that no node is freed twice.

    Forms of fields with little text (sign-up, contact, search) go first,
    while their fields still tell them apart from a page-wide form.
    """
    forms = [f for f in root.css(rules.field_forms) if len(f.text()) <= FORM_TEXT]
    for node in reversed(forms):
        node.decompose()
    nodes = root.css(rules.remove_selector)
    for node in reversed(nodes):
        node.decompose()
    return len(nodes)


def mark(root: LexborNode, rules: Rules) -> Marks:
    """Classify elements by tag, role, style and class/id tokens in one pass.

    Precedence: a content class (``article-body``) beats a boilerplate class,
    which beats a content tag (a comment is often an ``<article
    class="comment">``); ``itemprop="articleBody"`` counts as a content class.
    Hidden elements join the soft ones: both are removed when unguarded.
    """
    soft: list[LexborNode] = []
    hidden: set[int] = set()
    captions: set[int] = set()
    hints: list[LexborNode] = []
    named: set[int] = set()
    seen: set[int] = set()
    for node in root.css(rules.mark_selector):
        # A node matched by several alternatives of the list comes back once per match.
        if node.mem_id in seen:
            continue
        seen.add(node.mem_id)
        tag = node.tag or ""
        attrs = node.attributes
        role = attrs.get("role") or ""
        found = _label_kinds(attrs, role, rules)
        maybe_hidden = "hidden" in attrs or "aria-hidden" in attrs or "style" in attrs
        if "hidden" in found or (maybe_hidden and _hidden(attrs, rules)):
            soft.append(node)
            hidden.add(node.mem_id)
        elif "content" in found:
            hints.append(node)
            named.add(node.mem_id)
        elif tag in rules.caption_tags or "caption" in found:
            captions.add(node.mem_id)
        elif "soft" in found or tag in rules.soft_tags or role in rules.soft_roles:
            soft.append(node)
        elif tag in rules.content_tags or role == "main":
            hints.append(node)
    return Marks(
        tuple(soft),
        frozenset(hidden),
        frozenset(captions),
        frozenset(n.mem_id for n in hints),
        frozenset(named),
        _with_ancestors(hints),
    )


def _hidden(attrs: dict[str, str | None], rules: Rules) -> bool:
    """Hidden by attribute or style, unless it is streamed content a script reveals."""
    ident = attrs.get("id")
    if ident and rules.revealed_id.match(ident):
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return style is not None and rules.hidden_style.search(style) is not None


def _with_ancestors(nodes: Sequence[LexborNode]) -> frozenset[int]:
    out: set[int] = set()
    for node in nodes:
        cur: LexborNode | None = node
        while cur is not None and cur.mem_id not in out:
            out.add(cur.mem_id)
            cur = cur.parent
    return frozenset(out)


#: Characters that glue a token into a longer class name (``ad-free``,
#: ``overflow-hidden``, the responsive ``md:hidden``, ``[&>p]:hidden``).
_WORDISH = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_:[]/&>!.")


def _label_kinds(attrs: dict[str, str | None], role: str, rules: Rules) -> frozenset[str]:
    """Kinds named by the element's class, id, itemprop and role, combined."""
    cls, ident, prop = attrs.get("class"), attrs.get("id"), attrs.get("itemprop")
    if ident and _is_slug(ident):
        ident = None
    if not (ident or prop or role):
        return label_kinds(cls) if cls else _NONE
    return label_kinds(" ".join(p for p in (cls, ident, prop, role) if p))


_NONE: frozenset[str] = frozenset()


def _is_slug(ident: str) -> bool:
    """An id made from a heading ("sharing-with-a-single-developer") names text, not a role."""
    return ident.count("-") + ident.count("_") >= SLUG_PARTS - 1 and not any(
        ch.isdigit() for ch in ident
    )


@functools.lru_cache(maxsize=16384)
def label_kinds(label: str) -> frozenset[str]:
    """Kinds of the tokens in a "class id itemprop role" label, case aside.

    A weak boilerplate token means boilerplate only without a positive one
    beside it: ``body-ad-wrapper`` is the body, while ``comment-body`` (a
    strong token) stays a comment. Whole labels repeat within a page, single
    class names across pages: both are memoised.
    """
    found: frozenset[str] = frozenset()
    for word in label.split():
        found |= word_kinds(word)
    if "weak" in found and "positive" not in found:
        found |= _SOFT
    return found


_SOFT = frozenset({"soft"})


@functools.lru_cache(maxsize=16384)
def word_kinds(word: str) -> frozenset[str]:
    """Kinds of the tokens inside one class name or id.

    ``word`` and ``hidden`` tokens count only when they stand alone (``ad``,
    not the letters inside ``header`` nor ``ad-free``; ``hidden``, not
    ``overflow-hidden``). Single class names repeat across pages far more
    than whole class lists, hence the memo on them.
    """
    rules_ = rules()
    found: set[str] = set()
    word = word.lower()
    for m in rules_.label.finditer(word):
        kind = rules_.label_kinds.get(m.group())
        if kind in ("word", "hidden"):
            a, z = m.span()
            if (a and word[a - 1] in _WORDISH) or (z < len(word) and word[z] in _WORDISH):
                continue
            kind = "weak" if kind == "word" else kind
        if kind:
            found.add(kind)
    return frozenset(found)


def remove_soft(root: LexborNode, marks: Marks) -> int:
    """Decompose the soft-marked and hidden subtrees that are not the article's wrappers.

    A node holding a content hint is kept, and so is one holding
    ``UNFLAG_SHARE`` of the text of its nearest hinted ancestor (or of the
    page): a wrapper named after what it also holds ("content-sidebar-wrap")
    or hidden until a script runs is still the article. Lengths are taken
    before anything is removed; nodes come in document order and go
    innermost first, so no node is freed twice.
    """
    if not marks.soft:
        return 0
    sizes: dict[int, int] = {}
    doomed = [n for n in marks.soft if not _kept(n, marks, root, sizes)]
    for node in reversed(doomed):
        node.decompose()
    return len(doomed)


def _kept(node: LexborNode, marks: Marks, root: LexborNode, sizes: dict[int, int]) -> bool:
    if node.mem_id in marks.guarded:
        return True
    scope = node.parent
    while scope is not None and scope.mem_id not in marks.hints and scope.mem_id != root.mem_id:
        scope = scope.parent
    return _size(node, sizes) >= UNFLAG_SHARE * _size(scope or root, sizes)


def _size(node: LexborNode, sizes: dict[int, int]) -> int:
    size = sizes.get(node.mem_id)
    if size is None:
        size = sizes[node.mem_id] = len(node.text(deep=True))
    return size
