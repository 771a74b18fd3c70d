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

import itertools
from collections.abc import Collection, Sequence, Set
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from ._rules import Rules, rules

#: An id of this many word parts (and no digits) is a heading's slug, not a role.
SLUG_PARTS = 4
#: A soft-flagged subtree holding at least this share of the page text stays ...
UNFLAG_SHARE = 0.5
#: ... unless a hinted element beside it holds this many characters: the
#: story is there, and the soft block is its comments. Set on all five
#: corpora: 2000 gave trafilatura snippets +5 passages on 4 pages (comment
#: threads longer than the story), wcxb-articles +0.0001, no page worse by
#: more than 0.002; 500 and 1000 also removed a widget of teasers that the
#: readability page ``msn`` holds beside a short story, and the container
#: grew to the page's feedback forms (-0.34).
STORY_BESIDE = 2000
#: A <noscript> with more text than this holds the page (a parse artefact of
#: an element left open inside it), not a "please enable JavaScript" notice.
NOSCRIPT_TEXT = 1000
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
    #: The hinted elements themselves, in document order.
    hint_nodes: tuple[LexborNode, ...] = ()


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
        if node.tag == "noscript" and len(node.text()) > NOSCRIPT_TEXT:
            # An unclosed element inside <noscript> can make the parser nest
            # the rest of the page in it: keep the page, drop the wrapper.
            node.unwrap()
        else:
            node.decompose()
    return len(nodes)


def mark(root: LexborNode, rules: Rules) -> Marks:
    """Classify elements by tag, role, style and class/id tokens, found by one selector.

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
    candidates = _candidates(root, rules)
    # All the page's labels at once: one scan for the new ones (``classify_labels``).
    kinds = classify_labels(dict.fromkeys(label for *_, label in candidates if label), rules)
    for node, attrs, role, label in candidates:
        found = kinds[label] if label else _NONE
        maybe_hidden = "hidden" in attrs or "aria-hidden" in attrs or "style" in attrs
        if "hidden" in found or (maybe_hidden and _hidden(attrs, rules)):
            soft.append(node)
            hidden.add(node.mem_id)
        elif "content" in found:
            hints.append(node)
            named.add(node.mem_id)
        else:
            tag = node.tag or ""
            if tag in rules.caption_tags or "caption" in found:
                captions.add(node.mem_id)
            elif "soft" in found or tag in rules.soft_tags or role in rules.soft_roles:
                if label and _credit_in_caption(node, label, captions, rules):
                    # ``<figcaption>…<div class="photo__copyright">Foto: REUTERS``:
                    # a copyright class inside a caption is its photo credit.
                    captions.add(node.mem_id)
                else:
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
        tuple(hints),
    )


#: A credit sits this many levels below its caption element at most.
CREDIT_DEPTH = 3


def _credit_in_caption(node: LexborNode, label: str, captions: set[int], rules: Rules) -> bool:
    """A credit class in an element that a caption holds (the caption is marked first:
    the selector yields elements in document order)."""
    if not captions or not rules.caption_credit.search(label):
        return False
    cur = node.parent
    for _ in range(CREDIT_DEPTH):
        if cur is None:
            return False
        if cur.mem_id in captions:
            return True
        cur = cur.parent
    return False


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


#: An element to classify: the node, its attributes, its role and its label.
Candidate = tuple[LexborNode, dict[str, str | None], str, str]


def _candidates(root: LexborNode, rules: Rules) -> list[Candidate]:
    """The elements the mark selector finds, with what classifies them."""
    out: list[Candidate] = []
    for node in root.css(rules.mark_selector):
        attrs = node.attributes
        role = attrs.get("role") or ""
        out.append((node, attrs, role, _label(attrs, role)))
    return out


def _label(attrs: dict[str, str | None], role: str) -> str:
    """The element's class, id, itemprop and role as one label ("" for none)."""
    cls, ident, prop = attrs.get("class"), attrs.get("id"), attrs.get("itemprop")
    if ident and _is_slug(ident):
        ident = None
    if not (ident or prop or role):
        return cls or ""
    return " ".join([p for p in (cls, ident, prop, role) if p])


_NONE: frozenset[str] = frozenset()


def _is_slug(ident: str) -> bool:
    """An id made from a heading ("sharing-with-a-single-developer") names text, not a role."""
    return ident.count("-") + ident.count("_") >= SLUG_PARTS - 1 and not any(
        ch.isdigit() for ch in ident
    )


#: Labels whose kinds are remembered from page to page, oldest forgotten
#: first. Calibration: one site's pages share most of their labels, so a
#: crawl of one site classifies each once; across 400 corpus sites a page
#: brings ~90 labels not seen before, which the memo cannot help with.
LABEL_MEMO = 16384
_memo: dict[str, frozenset[str]] = {}


def classify_labels(labels: Collection[str], rules: Rules) -> dict[str, frozenset[str]]:
    """Kinds of each "class id itemprop role" label, case aside (see ``label_kinds``).

    Labels not remembered are classified together by one regex scan
    (``_scan``): for labels never seen before, the overhead of scanning
    them one by one (or name by name) costs more than the scanning itself.
    """
    out: dict[str, frozenset[str]] = {}
    todo: list[str] = []
    for label in labels:
        found = _memo.get(label)
        if found is None:
            todo.append(label)
        else:
            out[label] = found
    if todo:
        fresh = {
            label: _with_weak(kinds) for label, kinds in zip(todo, _scan(todo, rules), strict=True)
        }
        out.update(fresh)
        _remember(fresh)
    return out


def _remember(fresh: dict[str, frozenset[str]]) -> None:
    """Keep new labels; when full, forget the older half at once (cheap per label)."""
    _memo.update(fresh)
    if len(_memo) > LABEL_MEMO:
        # list() copies the keys in one step, so another thread's insertion cannot break it.
        for label in list(_memo)[: len(_memo) - LABEL_MEMO // 2]:
            _memo.pop(label, None)


def label_kinds(label: str) -> frozenset[str]:
    """Kinds of the tokens in a "class id itemprop role" label, case aside.

    A weak boilerplate token means boilerplate only without a positive one
    beside it: ``body-ad-wrapper`` is the body, while ``comment-body`` (a
    strong token) stays a comment.
    """
    return classify_labels((label,), rules())[label]


def _with_weak(found: frozenset[str]) -> frozenset[str]:
    """Add "soft" for a weak token without a positive one beside it."""
    if "weak" in found and "positive" not in found:
        return found | _SOFT
    return found


_SOFT = frozenset({"soft"})


def word_kinds(word: str) -> frozenset[str]:
    """Kinds of the tokens inside one class name or id, before the weak rule."""
    return _scan((word,), rules())[0]


def _scan(labels: Sequence[str], rules: Rules) -> list[frozenset[str]]:
    """Kinds of the tokens in each label (or name), from one regex scan over them all.

    ``word`` and ``hidden`` tokens count only when they stand alone (``ad``,
    not the letters inside ``header`` nor ``ad-free``; ``hidden``, not
    ``overflow-hidden``). The labels are lower-cased and joined by newlines:
    no token holds whitespace, so no match spans two labels or two names,
    and a newline bounds a name as the space between two class names does.
    Matches come in text order, so one index follows them label by label.
    """
    lowered = [label.lower() for label in labels]
    text = "\n".join(lowered)
    # ends[i]: where label i + 1 starts in the text; every match before it is label i's.
    ends = list(itertools.accumulate(len(label) + 1 for label in lowered))
    found: dict[int, set[str]] = {}
    kinds_of = rules.label_kinds
    i = 0
    size = len(text)
    for m in rules.label.finditer(text):
        a, z = m.span()
        while ends[i] <= a:
            i += 1
        kind = kinds_of.get(m.group())
        if kind == "word" or kind == "hidden":
            if (a and text[a - 1] in _WORDISH) or (z < size and text[z] in _WORDISH):
                continue
            kind = "weak" if kind == "word" else kind
        if kind:
            found.setdefault(i, set()).add(kind)
    return [frozenset(found[i]) if i in found else _NONE for i in range(len(lowered))]


def remove_soft(root: LexborNode, marks: Marks) -> int:
    """Decompose the soft-marked and hidden subtrees that are not the article's wrappers.

    A node holding a content hint is kept, and so is one holding
    ``UNFLAG_SHARE`` of the text of its nearest hinted ancestor (or of the
    page): a wrapper named after what it also holds ("content-sidebar-wrap")
    or hidden until a script runs is still the article, unless a hinted
    element beside it holds ``STORY_BESIDE`` characters. Lengths are taken
    before anything is removed; nodes come in document order and go
    innermost first, so no node is freed twice.
    """
    if not marks.soft:
        return 0
    sizes: dict[int, int] = {}
    doomed: list[LexborNode] = []
    doomed_ids: set[int] = set()
    for node in marks.soft:
        if not _kept(node, marks, root, sizes, doomed_ids):
            doomed.append(node)
            doomed_ids.add(node.mem_id)
    for node in reversed(doomed):
        node.decompose()
    return len(doomed)


def _kept(
    node: LexborNode, marks: Marks, root: LexborNode, sizes: dict[int, int], doomed: Set[int]
) -> bool:
    """Whether a soft node stays; ``doomed`` holds the soft nodes before it that go.

    A node inside one that goes is removed with it whatever its size, so it
    is doomed without measuring its text (the costly part). Such an
    ancestor lies below the nearest hint: one above would hold the hint.
    """
    if node.mem_id in marks.guarded:
        return True
    top = root.mem_id
    scope = node.parent
    while scope is not None and scope.mem_id not in marks.hints and scope.mem_id != top:
        if scope.mem_id in doomed:
            return False
        scope = scope.parent
    if _size(node, sizes) < UNFLAG_SHARE * _size(scope or root, sizes):
        return False
    if scope is not None and scope.mem_id in marks.named_hints:
        # Half of an element named as the body is the story's own (a byline
        # box that fills the story's byline row).
        return True
    # Half of the page, or of a <main>, may be a thread beside the story.
    return not _story_beside(node, marks, sizes)


def _story_beside(node: LexborNode, marks: Marks, sizes: dict[int, int]) -> bool:
    """Whether a hinted element outside ``node`` holds a story's worth of text.

    A soft block that holds half the page (or of a ``<main>``, an
    ``<article>``; not of an element named as the body) is kept as a
    wrapper of the article, unless the article is beside it: a comment
    thread can outgrow the story it is under.
    """
    above = set()
    up = node.parent
    while up is not None:
        above.add(up.mem_id)
        up = up.parent
    return any(h.mem_id not in above and _size(h, sizes) >= STORY_BESIDE for h in marks.hint_nodes)


def _size(node: LexborNode, sizes: dict[int, int]) -> int:
    size = sizes.get(node.mem_id)
    if size is None:
        size = sizes[node.mem_id] = len(node.text(deep=True))
    return size
