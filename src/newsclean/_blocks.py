"""Segmentation: the cleaned tree as a flat list of text blocks, in one pass.

A block is a run of text between two block-level boundaries (a block
element starting or ending, or a ``<br>``), owned by the nearest block-level
ancestor. The single pre-order walk also records, per element, its parent and
whether it sits inside a link or a caption, so that scoring never has to
walk the tree again or call ``.text()`` on an ancestor.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Table cells.
CELL_TAGS = frozenset({"td", "th"})

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# A line break in the source between two CJK characters is not a space:
# those scripts do not separate words.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")


@dataclass(slots=True)
class Block:
    """One paragraph-like run of text and what is known of its place."""

    owner: int
    tag: str
    text: str
    link_chars: int
    caption: bool
    images_before: int
    #: Effective length (UTF-8 bytes) of ``text``, computed once.
    size: int = 0
    #: Comparison key, filled in by the body filter for the blocks it reads.
    key: str = ""


@dataclass(slots=True)
class Segmented:
    """The flat view of a tree: elements in pre-order and the text blocks."""

    nodes: list[LexborNode] = field(default_factory=list)
    parents: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    images: list[int] = field(default_factory=list)
    index_of: dict[int, int] = field(default_factory=dict)

    def subtree_end(self) -> list[int]:
        """Last pre-order index inside each element's subtree."""
        last = list(range(len(self.parents)))
        for i in range(len(self.parents) - 1, 0, -1):
            p = self.parents[i]
            if p >= 0 and last[i] > last[p]:
                last[p] = last[i]
        return last


def collapse(text: str) -> str:
    """Collapse whitespace as a browser renders it, minus spaces between CJK lines."""
    if "\n" in text and not text.isascii():
        text = _CJK_BREAK.sub("", text)
    return " ".join(text.split())


def _is_link(node: LexborNode) -> bool:
    """An anchor that leads elsewhere.

    Without href (a name target, or an unclosed ``<a>`` of an old page that
    swallows the rest) or with an in-page ``#fragment`` (a heading's
    permalink), it is text, not a link.
    """
    href = node.attributes.get("href")
    return href is not None and not href.startswith("#")


def segment(root: LexborNode, captions: Set[int]) -> Segmented:
    """Walk ``root`` once; ``captions`` is the ``mem_id`` set of caption elements.

    Per element, one tuple ``(owner, in_link, in_caption)`` is kept; the
    loop is written flat, with the block being read held in local
    variables, because it runs once per node of every page.
    """
    seg = Segmented()
    nodes, parents, tags, images = seg.nodes, seg.parents, seg.tags, seg.images
    index_of = seg.index_of
    state: list[tuple[int, bool, bool]] = []
    out: list[Block] = []
    pieces: list[str] = []
    owner, link, caption = -1, 0, False
    # Images seen when the block being read began: a picture after a
    # paragraph's text precedes the next block, not that paragraph.
    started = 0

    def flush() -> None:
        text = collapse("".join(pieces))
        if text:
            size = len(text.encode())
            out.append(Block(owner, tags[owner], text, min(link, size), caption, started, size))
        pieces.clear()

    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            if not text:
                continue
            if text.isspace():
                if pieces:
                    pieces.append(" ")
                continue
            parent = node.parent
            pidx = index_of.get(parent.mem_id, -1) if parent is not None else -1
            if pidx < 0:
                continue
            own, in_link, in_caption = state[pidx]
            if own != owner:
                if pieces:
                    flush()
                owner, link, caption = own, 0, in_caption
            if not pieces:
                started = len(images)
            pieces.append(text)
            if in_link:
                link += len(text.strip().encode())
            continue
        if tag is None or tag[0] in "-_#!":
            continue
        parent = node.parent
        pidx = index_of.get(parent.mem_id, -1) if parent is not None else -1
        idx = len(nodes)
        mid = node.mem_id
        index_of[mid] = idx
        nodes.append(node)
        parents.append(pidx)
        tags.append(tag)
        is_block = tag in BLOCK_TAGS or pidx < 0
        if pidx >= 0:
            p_owner, p_link, p_caption = state[pidx]
            state.append(
                (
                    idx if is_block else p_owner,
                    p_link or (tag == "a" and _is_link(node)),
                    p_caption or mid in captions,
                )
            )
        else:
            state.append((idx, False, mid in captions))
        if is_block or tag == "br":
            if pieces:
                flush()
            owner = -1
        elif tag == "img":
            images.append(idx)
    if pieces:
        flush()
    seg.blocks = out
    return seg
