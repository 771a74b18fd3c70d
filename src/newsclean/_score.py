"""Main-content location: value every block, then pick the subtree worth most.

Method
------
1. Every block gets a value in "effective bytes" (UTF-8 length, so one CJK
   character weighs three Latin letters, close to the information each
   carries)::

       value = own_text - LINK_WEIGHT * link_text - BLOCK_COST
               - NO_PUNCT_PENALTY   (short blocks without sentence punctuation)

   Captions are neutral. An unlinked cell of a data table (a row of three
   cells or more) costs ``CELL_COST`` instead of ``BLOCK_COST``: a standings
   or results table is many short values, and costed as labels it sinks
   below the heading above it.
2. Values are summed bottom-up over the tree in one reverse pre-order pass.
3. The container is the element with the largest sum; elements with a
   semantic hint (``<article>``, ``itemprop=articleBody``, content classes)
   have their sum multiplied by ``HINT_BONUS``. When the best sum is still
   below ``WEAK_BEST``, the element named as the body (a content class)
   with the most text is the container instead. Because menus, link lists
   and labels are negative, growing a subtree past the article costs more
   than it gains, so the maximum sits on the tightest element that still
   holds the whole article.

Calibration: the constants below were set on ../shared/corpus (wcxb-articles,
readability, zh, zh-news, trafilatura snippets). Changing one means
re-running ``benchmarks/quality.py`` and updating docs/benchmarks.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from ._blocks import CELL_TAGS, Block, Segmented
from ._sentence import is_sentence

#: Cost of a block, in effective bytes: menus and labels are many short blocks.
BLOCK_COST = 10
#: Cost of an unlinked cell of a data table: a row of short values is one
#: record, not a row of labels. 10 -> 0: trafilatura snippets 0.9284 -> 0.9294
#: (a results table, a product table), zh one Wikipedia page's infobox and
#: tables kept (page F1 +0.05, precision down), one 2005 layout table's
#: comment row kept (-0.01); wcxb-articles, readability, zh-news unchanged.
CELL_COST = 0
#: A row of this many cells is a record of data (a layout row has one or two).
DATA_ROW = 3
#: Link text counts against a subtree this many times its length.
LINK_WEIGHT = 1.5
#: Extra cost of a short block that has no sentence punctuation at all.
NO_PUNCT_PENALTY = 0
#: Below this many effective bytes a block without punctuation is "short".
SHORT_BLOCK = 80
#: A sibling of the container joins the article when worth this share of it.
SIBLING_SHARE = 0.2
#: A sibling paragraph (``<p>``) of the container joins when worth this many
#: effective bytes, whatever its share: an intro printed above a big table or
#: list is the article's first paragraph. The sibling right before the
#: container, whatever its tag, joins at this worth too when its text is one
#: sentence (``_is_lead``): trafilatura snippets +3 passages on 3 pages, no
#: page worse; without the sentence test it also took reading-time and date
#: rows (snippets 2 pages down, zh -0.002).
SIBLING_PARAGRAPH = 80
#: A sibling section of the container's class joins it with this many
#: characters of text (wcxb-articles: generated documentation splits a
#: report into ``div.sect1`` parts, some of them lists of links).
SECTION_TEXT = 500
#: Several ``<article>`` elements make up the container when they hold this
#: share of its sum ...
ARTICLES_COVER = 0.8
#: ... and the largest is the story when it is worth this many times the next.
ARTICLE_LEAD = 2.0
#: An element named as the body inside the container ends the article when
#: it holds this share of the container's sum. Set on all five corpora:
#: 0.5 gave wcxb-articles +0.0015 and snippets +0.0020; 0.4 and 0.6 each
#: lost wcxb pages against 0.5, 0.3 cut real stories (readability -0.004).
NAMED_SHARE = 0.5
#: ... and is worth this much at least (a story's few paragraphs): a named
#: element holding a line or two is a podcast's player, not the story.
NAMED_MIN = 500
#: A best element worth less than this yields to the named body holding the
#: most text (``_largest_named``). Set on all five corpora: 500 gave
#: trafilatura snippets +18 passages on 7 pages (link rolls, show notes, a
#: photo post), no page worse, the other corpora unchanged; 2000 took a
#: readability page's comment box (``liberation-1``) over its short story.
WEAK_BEST = 500
#: ... and that named body holds this many bytes of text at least.
WEAK_NAMED_TEXT = 200
#: Multiplier of a semantic-hint element's sum when choosing the container.
HINT_BONUS = 1.5

_PUNCT = re.compile(r"[.,;:!?。，；：！？、…]")


def eff_len(text: str) -> int:
    """Effective length: UTF-8 bytes, a cheap C-level proxy for information."""
    return len(text.encode())


def block_value(block: Block) -> float:
    """The block's contribution to every subtree that holds it."""
    if block.caption:
        return 0.0
    size = block.size
    own = size - block.link_chars
    value = own - LINK_WEIGHT * block.link_chars - BLOCK_COST
    if own < SHORT_BLOCK and not _PUNCT.search(block.text):
        value -= NO_PUNCT_PENALTY
    return float(value)


def subtree_sums(parents: Sequence[int], own: list[float]) -> list[float]:
    """Sum per-element values over subtrees: one reverse pre-order pass."""
    sums = list(own)
    for i in range(len(parents) - 1, 0, -1):
        p = parents[i]
        if p >= 0:
            sums[p] += sums[i]
    return sums


@dataclass(frozen=True, slots=True)
class Region:
    """Where the article is: the best element and the sibling subtrees joined to it."""

    container: int
    #: Pre-order spans ``(first, last)`` in document order, the container's among them.
    spans: tuple[tuple[int, int], ...]
    #: Bounds of what the scores chose when the named body was taken instead
    #: (``WEAK_BEST``): the page's shape (``_pagekind``) was calibrated there.
    scored: tuple[int, int] | None = None

    @property
    def shape_span(self) -> tuple[int, int]:
        """Where the not-an-article decision reads the page's shape."""
        return self.scored or (self.first, self.last)

    @property
    def first(self) -> int:
        return self.spans[0][0]

    @property
    def last(self) -> int:
        return self.spans[-1][1]

    def holds(self, idx: int) -> bool:
        return any(lo <= idx <= hi for lo, hi in self.spans)


def choose(
    seg: Segmented, hints: Set[int], end: Sequence[int], named: Set[int] = frozenset()
) -> Region:
    """Find the article: the best-scoring element, then its worthy siblings.

    ``named`` are the hints given by a class, id or itemprop
    (``story-body``, ``itemprop=articleBody``): see ``_named_body``.
    """
    own = [0.0] * len(seg.parents)
    parents = seg.parents
    # Cells by row: a cell broken by <br> is one cell of several blocks.
    rows: dict[int, set[int]] = {}
    plain_cells: list[Block] = []
    for b in seg.blocks:
        own[b.owner] += block_value(b)
        if b.tag in CELL_TAGS:
            rows.setdefault(parents[b.owner], set()).add(b.owner)
            if not b.link_chars and not b.caption:
                plain_cells.append(b)
    # The cells of a data row (``DATA_ROW`` cells or more) cost ``CELL_COST``.
    refund = BLOCK_COST - CELL_COST
    for b in plain_cells:
        if len(rows[parents[b.owner]]) >= DATA_ROW:
            own[b.owner] += refund
    sums = subtree_sums(seg.parents, own)
    best, best_score = 0, float("-inf")
    for i, s in enumerate(sums):
        score = s * HINT_BONUS if (s > 0 and i in hints) else s
        if score > best_score:
            best, best_score = i, score
    region = _region_around(seg, sums, end, best, named)
    if named and sums[best] < WEAK_BEST:
        fallback = _largest_named(seg, named, end, best)
        if fallback != best:
            return Region(fallback, ((fallback, end[fallback]),), (region.first, region.last))
    return region


def _region_around(
    seg: Segmented, sums: Sequence[float], end: Sequence[int], best: int, named: Set[int]
) -> Region:
    """The region of the best element: cut at a named body, narrowed to the lead
    ``<article>``, or widened by its worthy siblings."""
    body = _named_body(named, sums, end, best)
    if body != best:
        # What follows the named body inside the container is other pages' teasers;
        # what comes before it (headline, standfirst) is the story's.
        return Region(best, ((best, end[body]),))
    story = _lead_article(seg.tags, sums, end, best)
    if story != best:
        # The cards beside the story are what it was told apart from.
        return Region(story, ((story, end[story]),))
    return Region(best, _join_siblings(seg.parents, seg.tags, sums, end, best, seg.nodes))


def _largest_named(seg: Segmented, named: Set[int], end: Sequence[int], best: int) -> int:
    """The named body holding the most text, when it holds more than ``best`` does.

    Only asked when the best element is worth little: a post made of links
    with a line each (a link roll, a podcast's show notes) sums below zero
    in its ``entry-content``, and the best element left is a stray line of
    the sidebar or the post's header.
    """

    def text_in(i: int) -> int:
        return sum(b.size for b in seg.blocks if i <= b.owner <= end[i])

    sizes = {i: text_in(i) for i in named}
    largest = max(sizes, key=lambda i: sizes[i])
    if sizes[largest] > max(text_in(best), WEAK_NAMED_TEXT):
        return largest
    return best


def _named_body(named: Set[int], sums: Sequence[float], end: Sequence[int], best: int) -> int:
    """The element inside ``best`` that names itself the article's body, when it holds enough.

    A wrapper around the story and a row of teaser blurbs can outweigh the
    story's own element, blurbs being prose too; an element that says it is
    the body (``story-body``, ``articleBody``) and holds ``NAMED_SHARE`` of
    the wrapper's worth ends the article.
    """
    if not named:
        return best
    floor = max(NAMED_SHARE * sums[best], NAMED_MIN)
    inner = [i for i in named if best < i <= end[best] and sums[i] >= floor]
    return max(inner, key=lambda i: sums[i]) if inner else best


def _lead_article(tags: Sequence[str], sums: Sequence[float], end: Sequence[int], best: int) -> int:
    """The one ``<article>`` among several that the container is made of.

    A story page that lists other stories as ``<article>`` cards beside it
    gets a container around all of them; when the cards and the story make
    up most of it and the story outweighs every card, the story alone is
    the article.
    """
    articles: list[int] = []
    i, stop = best + 1, end[best] + 1
    while True:
        try:
            i = tags.index("article", i, stop)
        except ValueError:
            break
        articles.append(i)
        i = end[i] + 1  # an article nested in this one is part of it
    if len(articles) < 2:
        return best
    ranked = sorted(articles, key=lambda a: sums[a], reverse=True)
    lead, second = sums[ranked[0]], sums[ranked[1]]
    covered = sum(max(sums[a], 0.0) for a in articles)
    if covered >= ARTICLES_COVER * sums[best] and lead >= ARTICLE_LEAD * max(second, 1.0):
        return ranked[0]
    return best


def _join_siblings(
    parents: Sequence[int],
    tags: Sequence[str],
    sums: Sequence[float],
    end: Sequence[int],
    best: int,
    nodes: Sequence[LexborNode] = (),
) -> tuple[tuple[int, int], ...]:
    """Spans of ``best`` and of its siblings worth ``SIBLING_SHARE`` of it.

    A sibling ``<p>`` worth ``SIBLING_PARAGRAPH`` joins too, and so does the
    sibling right before ``best`` when it is worth as much and its text is a
    sentence (a lead in an element of its own: ``_is_lead``).

    A subtree sum cannot step over a negative sibling (a link list between
    two halves of an article); joining siblings one by one can.
    """
    p = parents[best]
    if p < 0 or sums[best] <= 0:
        return ((best, end[best]),)
    floor = SIBLING_SHARE * sums[best]
    kind = _section_class(nodes, best, tags)
    spans = []
    i = p + 1
    while i <= end[p]:
        if (
            i == best
            or sums[i] >= floor
            or (tags[i] == "p" and sums[i] >= SIBLING_PARAGRAPH)
            or (end[i] + 1 == best and sums[i] >= SIBLING_PARAGRAPH and _is_lead(nodes, i))
            or (kind and tags[i] == tags[best] and _same_section(nodes, i, tags, kind))
        ):
            spans.append((i, end[i]))
        i = end[i] + 1
    return tuple(spans)


def _is_lead(nodes: Sequence[LexborNode], i: int) -> bool:
    """Whether sibling ``i`` is a lead: an element of its own whose text is a sentence.

    A standfirst printed above the story's element ("The dream of many van
    owners is ...") is too small a share of the story to join it as a
    sibling; a date row or a reading-time line there is no sentence.
    """
    if not nodes:
        return False
    return is_sentence(" ".join(nodes[i].text(separator=" ").split()))


def _section_class(nodes: Sequence[LexborNode], i: int, tags: Sequence[str]) -> str | None:
    """The class of a ``<div>``/``<section>`` that a document generator repeats for
    each section of one text (``div.sect1``): its siblings of the same class are
    the rest of that text, however many links their lists hold."""
    if not nodes or tags[i] not in _SECTION_TAGS:
        return None
    return nodes[i].attributes.get("class") or None


def _same_section(nodes: Sequence[LexborNode], i: int, tags: Sequence[str], kind: str) -> bool:
    """A sibling section of the same class that holds a section's worth of text
    (a one-line box of the same class is furniture)."""
    if _section_class(nodes, i, tags) != kind:
        return False
    return len(nodes[i].text(strip=True)) >= SECTION_TEXT


_SECTION_TAGS = frozenset({"div", "section"})
