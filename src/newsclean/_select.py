"""Inside the chosen container: keep the article's paragraphs, set captions aside.

Stages, in order (each a small function over the block list):

1. ``split_captions``  captions (figcaption, caption classes, the text of an
   image's alt/title, a credit-bearing line right after an image, and every
   repeat of those) leave the body for ``images``.
2. ``cut_sections``    a "热门新闻" / "Related stories" heading ends the
   article when most of the text came before it; otherwise only its own
   section goes.
3. ``drop_teasers``    "阅读全文" / "Read more" links and the truncated teaser
   sentence and label printed before each.
4. ``drop_noise``      link-dense blocks (but not a linked title cell beside
   prose, nor a linked heading between paragraphs), editor/copyright/share
   lines, the headline itself, and byline/date rows above the first real
   paragraph.
5. ``join_rows``       the cells of one table row become one line
   (``cell | cell | cell``): a row is one record, and its cells read apart
   lose which value belongs to which.
6. ``dedupe``          a paragraph printed twice is kept once; table rows
   are data, not paragraphs, and two tables may share a header row.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass

from ._blocks import CELL_TAGS, HEADING_TAGS, Block, Segmented
from ._fields.dateline import DATELINE_HEAD, find_dateline
from ._rules import Rules, key
from ._score import Region
from ._sentence import SENTENCE_END, is_sentence

#: Blocks with more link text than this share are link lists, not prose.
#: Set on all five corpora: 0.6 -> 0.75 keeps prose dense with inline links
#: (glossaries, source lists, wiki-like text): wcxb-articles +0.0008,
#: readability +0.0008, trafilatura snippets -0.001, zh and zh-news -0.0004;
#: 0.8 loses more snippet precision.
MAX_LINK_DENSITY = 0.75
#: A section heading ends the article once this share of its text is behind it.
TAIL_SHARE = 0.6
#: Section headings are short lines; longer blocks are not looked up.
HEADING_MAX = 40
#: A section heading after this much text (effective bytes) follows the article's start.
SECTION_AFTER = 200
#: A block this long (effective bytes) with punctuation is a "real" paragraph.
SUBSTANTIAL = 120
#: A block longer than this (effective bytes) is never taken for an uncaptioned caption.
MAX_CAPTION = 600
#: After the last real paragraph, blocks shorter than this are credits and dates.
TAIL_SHORT = 60
#: Editor, copyright and share lines are short; longer blocks are not tested.
#: 100 -> 130: a blog's notices run to 120 characters ("Gib deine
#: E-Mail-Adresse ein, um diesem Blog zu folgen ...", the Akismet notice):
#: wcxb-articles 4 pages up, none down; trafilatura snippets 3 pages up,
#: one down (a one-paragraph post whose comment form then outweighed it).
DROP_LINE_MAX = 130
#: Affiliate and review-policy notes are a sentence or two; longer blocks are not tested.
DISCLOSURE_MAX = 300
#: More dated rows than this above the first real paragraph are a schedule, not meta rows.
MAX_META_ROWS = 5
#: Meta rows (byline, date) are looked for until this many real paragraphs:
#: a standfirst often comes before the byline and date rows.
OPENING_PARAGRAPHS = 2
#: Blocks shorter than this above the first real paragraph may be meta rows.
META_ROW = 160
#: A numbered linked heading is a list entry when prose follows within this many blocks.
ENTRY_REACH = 4
#: A linked heading right above a paragraph of this many bytes names an entry
#: of the story (a course, a product) however the entry before it ended.
#: Set on all five corpora: 300 gave trafilatura snippets +2 passages and
#: wcxb-articles +0.0001; 200 and 250 let in teaser cards' headlines with
#: long blurbs (wcxb 0045, 0438); 400 lost the wcxb gains.
ENTRY_PROSE = 300
#: A sentence that introduces a list has this many characters at least
#: ("Many patches were sent for review:"; "See also:" is a label), ...
LIST_INTRO = 20
#: ... and the linked items it introduces are titles of this many characters
#: (wcxb-articles, a progress report's lists of merged patches).
LISTED_ITEM = 20
#: A breadcrumb line is at most this long (characters), ...
CRUMB_MAX = 200
#: ... and each of its parts at most this long (the page's own title ends it).
CRUMB_PART = 120
_CRUMB_SEPARATORS = (" » ", " › ", " > ")
#: Lines of figures (no letter), this many in a row, are a chart's ticks.
FIGURE_RUN = 6
#: ... each at most this long (characters).
FIGURE_LINE = 12
_WORDY = re.compile(r"[^\W\d_]")
#: Lines opening with a number, this many in a row, are a ranked list.
NUMBERED_RUN = 3
#: A list of this many items and more, mostly plain text, keeps its linked items.
MIXED_LIST = 3
#: A box set into a story holds at most this many lines under its heading.
BOX_LINES = 8
#: Paragraphs of prose after a box that show the story goes on below it.
STORY_AFTER_BOX = 3
#: A repeated line at most this long (characters) may be the story's own
#: label ("Pros", "Cons", "Our verdict"); longer repeats are copies.
REPEATED_LABEL = 60
#: A repeated line this short (UTF-8 bytes: a few words, or a few Han
#: characters) is a label wherever it stands.
LABEL_BYTES = 30
_LABEL_ENDS = (":", "?", "：", "？")
#: A fact row: a short label with a letter in it, a colon, its value
#: ("Team size: 11-50", "地点：北京"); a clock time ("03:29") is no label.
_FACT_ROW = re.compile(r"(?=[^:：]*[^\W\d_])[^:：]{1,30}(?::\s|：)\s*\S")
#: A table cell this long (effective bytes) and not link-dense holds prose.
PROSE_CELL = 80

_TEASER_END = re.compile(r"(\.\.\.|…|⋯)\s*[」”\"']?\s*$")
_SENTENCE = re.compile(r"[.!?。！？；;:：,，]")
_META_ROW = re.compile(
    r"(?i)(\d{4}\s*[-/.年]\s*\d{1,2}|\d{1,2}:\d{2}|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec)[a-z]*\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    r"\d{1,2}\b|^by\s|^(作者|记者|記者|来源|來源|文[/／:：]|图[/／:：]|圖[/／:：]|发布|發布|更新|编辑|編輯)"
    r"|\bmin(ute)?s? read\b|分钟阅读|分鐘閱讀|published|updated|posted)"
)


#: ``_META_ROW`` without its flag, for lower-cased ASCII text (see ``_is_meta_row``);
#: the pattern's letters are all written in lower case.
_META_ROW_ASCII = re.compile(_META_ROW.pattern.removeprefix("(?i)"))


@dataclass(frozen=True, slots=True)
class Selection:
    """What the container yields: body blocks and caption blocks, in order."""

    body: tuple[Block, ...]
    captions: tuple[Block, ...]
    #: Pre-order spans (first, last) of the container that are not the article:
    #: other stories after a section heading. Images there are not the article's.
    dropped: tuple[tuple[int, int], ...] = ()
    #: Lines taken out of the body that name people or sources: editor,
    #: byline, source and date lines, read by the field extractors.
    credits: tuple[str, ...] = ()
    #: Positions in ``body`` that may repeat an earlier line (rows, labels).
    repeated: frozenset[int] = frozenset()


#: Credits sit in the last characters of a caption; only those are searched.
CREDIT_TAIL = 160


def strip_credit(text: str, rules: Rules) -> tuple[str, str | None]:
    """Split a trailing photo credit off a caption."""
    offset = max(len(text) - CREDIT_TAIL, 0)
    tail = text[offset:]
    for pattern in rules.credits:
        m = pattern.search(tail)
        if m:
            head = text[: offset + m.start()].rstrip(" ，,")
            return head, m.group(1).strip()
    return text, None


def split_captions(
    blocks: Sequence[Block], images_before: int, alt_keys: set[str], rules: Rules
) -> tuple[list[Block], list[Block]]:
    body: list[Block] = []
    captions: list[Block] = []
    caption_keys: set[str] = set()
    prev_images = images_before
    for b in blocks:
        after_image = b.images_before > prev_images
        prev_images = b.images_before
        k = b.key
        is_caption = b.caption or k in caption_keys or (len(k) > 3 and k in alt_keys)
        # The key of the caption without its credit, once it has been computed.
        bare = None
        if not is_caption and after_image and b.size < MAX_CAPTION:
            text, credit = strip_credit(b.text, rules)
            bare = key(text, collapsed=True)
            is_caption = credit is not None or bare in alt_keys
        if is_caption:
            captions.append(b)
            caption_keys.add(k)
            if bare is None:
                bare = key(strip_credit(b.text, rules)[0], collapsed=True)
            caption_keys.add(bare)
        else:
            body.append(b)
    if not caption_keys:
        return body, captions
    # A caption line printed before its caption block was recognised.
    return [b for b in body if b.key not in caption_keys], captions


def cut_sections(
    blocks: list[Block], seg: Segmented, end: list[int], rules: Rules
) -> tuple[list[Block], list[tuple[int, int]]]:
    """Drop side sections; cut the tail at a section heading that follows the article.

    Most pages have no section heading inside the article's region: they
    are told apart by one pass over the keys before any sum is taken.
    """
    titles = rules.section_headings
    prefixes = rules.section_heading_prefixes
    heading_keys = {
        i: k
        for i, b in enumerate(blocks)
        if len(b.text) <= HEADING_MAX and (k := _section_key(b, titles, prefixes)) is not None
    }
    headings = set(heading_keys)
    if not headings:
        return list(blocks), []
    goods = [_good(b) for b in blocks]
    total = sum(goods) or 1
    seen = 0
    dropped: set[int] = set()
    spans: list[tuple[int, int]] = []
    # A heading printed again further down opens a widget repeated through
    # the story ("Latest News" between its paragraphs), not the tail.
    last_of = {heading_keys[i]: i for i in sorted(headings)}
    for i, b in enumerate(blocks):
        if i in dropped:
            continue
        if i in headings:
            if seen >= TAIL_SHARE * total and last_of[heading_keys[i]] == i:
                box = _box_in_story(i, blocks, seg)
                if box is not None:
                    # "DON'T MISS" and its links between two parts of the story.
                    dropped.update(box)
                    spans.append((b.owner, end[blocks[box.stop - 1].owner]))
                    continue
                spans.append((b.owner, len(seg.parents)))
                return [x for j, x in enumerate(blocks[:i]) if j not in dropped], spans
            span = _section_span(i, blocks, goods, seg, end, total, seen >= SECTION_AFTER)
            dropped.update(span)
            spans.append((blocks[span.start].owner, end[blocks[span.stop - 1].owner]))
        seen += goods[i]
    return [x for j, x in enumerate(blocks) if j not in dropped], spans


def _section_key(b: Block, titles: Set[str], prefixes: tuple[str, ...]) -> str | None:
    """The section heading a short block is, or None.

    The whole line (``Most read``); a line that opens with a heading's
    first words and ends with a colon (``Mehr über Medien, Politik:``); or
    the part before a dash, bar or slash when the rest names the same in
    another language or a subtitle (``Related — 有關``, ``Most read | Today``).
    """
    k = b.key
    if k in titles:
        return k
    if b.text.endswith(_INTRO_ENDS):
        lower = b.text.lower()
        # The prefix, then a topic: "More about:" alone is a label of the story's.
        if any(lower.startswith(p) and len(lower) > len(p) + 1 for p in prefixes):
            return k
    m = _HEADING_SEPARATOR.search(b.text)
    if m is None:
        return None
    head = key(b.text[: m.start()])
    return head if head in titles else None


def _box_in_story(i: int, blocks: Sequence[Block], seg: Segmented) -> range | None:
    """The run of heading ``i`` and the links after it, when the story goes on below.

    A box of links ("Read more", "DON'T MISS") set into the story holds links
    and is followed by more of the story: at least ``STORY_AFTER_BOX`` paragraphs of prose
    before the next section heading or the end, or one paragraph that is a
    sibling of the paragraph before the box while the box is an element of
    its own between them (``_set_into``). A tail of other stories
    ("Related") is followed by teasers, which are short or linked.
    """
    j = i + 1
    while j < len(blocks) and (_link_dense(blocks[j]) or blocks[j].size < SUBSTANTIAL):
        j += 1
        if j - i > BOX_LINES:
            return None
    if not any(_link_dense(b) for b in blocks[i + 1 : j]):
        return None  # no links under the heading: comments or notes, not a box
    if _set_into(i, j, blocks, seg):
        return range(i, j)
    prose = 0
    for b in blocks[j:]:
        if _link_dense(b):
            break
        prose += _prose(b) and SENTENCE_END.search(b.text) is not None
        if prose >= STORY_AFTER_BOX:
            return range(i, j)
    return None


def _set_into(i: int, j: int, blocks: Sequence[Block], seg: Segmented) -> bool:
    """Whether the box ``blocks[i:j]`` is an element set between two paragraphs of one story.

    The paragraphs before and after it are children of one element, and the
    box is not: it is a wrapper of its own among them.
    """
    if i == 0 or j >= len(blocks):
        return False
    before, after = blocks[i - 1], blocks[j]
    if not (_prose(before) and _prose(after) and SENTENCE_END.search(after.text)):
        return False
    parents = seg.parents
    flow = parents[before.owner]
    if parents[after.owner] != flow:
        return False
    return all(parents[b.owner] != flow for b in blocks[i:j])


def _section_span(
    i: int,
    blocks: Sequence[Block],
    goods: Sequence[int],
    seg: Segmented,
    end: list[int],
    total: int,
    started: bool,
) -> range:
    """Block indexes of the widest ancestor of heading ``i`` that is a side section.

    An ancestor that the heading opens is the heading's section, whatever its
    size, once the article has started above it (a "More stories" stream can
    outweigh the story); otherwise an ancestor is a side section while it
    holds little of the text. A subtree's blocks are one contiguous run of
    the block list, so each ancestor's run grows outwards from the heading.
    """
    lo = hi = i
    p = seg.parents[blocks[i].owner]
    while p >= 0:
        a, z = lo, hi
        while a > 0 and p <= blocks[a - 1].owner <= end[p]:
            a -= 1
        while z + 1 < len(blocks) and p <= blocks[z + 1].owner <= end[p]:
            z += 1
        opened = started and a == i and z - a + 1 < len(blocks)
        if not opened and sum(goods[a : z + 1]) >= (1 - TAIL_SHARE) * total:
            break
        lo, hi = a, z
        p = seg.parents[p]
    return range(lo, hi + 1)


def _good(b: Block) -> int:
    return max(b.size - b.link_chars, 0)


def drop_teasers(blocks: list[Block], rules: Rules) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if b.key in rules.read_more:
            while out and (_TEASER_END.search(out[-1].text) or _is_label(out[-1])):
                out.pop()
            continue
        out.append(b)
    return out


def _is_label(b: Block) -> bool:
    """A category label or a linked headline printed above a teaser."""
    return (len(b.text) <= 12 and not _SENTENCE.search(b.text)) or _link_dense(b)


def _link_dense(b: Block) -> bool:
    return b.link_chars > MAX_LINK_DENSITY * b.size


def drop_noise(
    blocks: list[Block],
    title_key: str,
    rules: Rules,
    credits: list[str],
    spared: Set[int] = frozenset(),
) -> list[Block]:
    """Drop noise; editor, source, byline and date lines are kept aside in ``credits``.

    ``spared`` are the owners of link-dense blocks that stay (``spared_links``).
    This loop runs for every block of every page: the link-density test is
    written out here, and a line is lower-cased once for both line tests.
    """
    out: list[Block] = []
    started = False
    opened = 0
    opening = _opening_rows(blocks)
    meta_rows = sum(opening) <= MAX_META_ROWS
    words = _disclosure_words_in(blocks, rules)
    labels = rules.labels
    for i, b in enumerate(blocks):
        k = b.key
        text = b.text
        dense = b.link_chars > MAX_LINK_DENSITY * b.size and b.owner not in spared
        if dense or k in labels or (b.tag == "h1" and not started):
            continue
        if len(text) <= DROP_LINE_MAX:
            lower = text.lower()
            if b.link_chars and rules.teaser_line.match(lower):
                continue
            if _is_drop_line(text, lower, rules):
                credits.append(text)
                continue
        if words and len(text) <= DISCLOSURE_MAX and _is_disclosure(text.lower(), words, rules):
            continue
        if not started and len(text) <= CRUMB_MAX and _is_breadcrumb(text):
            continue
        if title_key and k == title_key:
            continue
        if opened < OPENING_PARAGRAPHS:
            # After a standfirst, a row that reads as a sentence is the story's.
            row = meta_rows and (opening[i] if i < len(opening) else _is_meta_row(b))
            if row and not (opened and SENTENCE_END.search(text)):
                credits.append(text)
                continue
            opened += b.tag not in HEADING_TAGS and b.size >= SUBSTANTIAL
            started = opened > 0
        out.append(b)
    return out


def spared_links(blocks: Sequence[Block], seg: Segmented, rules: Rules) -> frozenset[int]:
    """Owners of link-dense blocks that are the article's, not navigation.

    - A table cell that is a link, in a row that also holds prose: a table
      of films or players names each row by a linked title beside its
      description. Rows made of links alone (a link list laid out as a
      table) are not spared.
    - A heading that is a link, between two prose paragraphs: the entries
      of a list article ("“Title” ($30)" followed by its review). A teaser
      card's linked headline has a short teaser or another card around it.
    - A numbered heading that is a link (``3. Harbour Hotel``) with prose
      among the next ``ENTRY_REACH`` blocks: an entry of a ranked list,
      whose fact rows or photo may come before its review.
    - A heading that is a link right above a paragraph of ``ENTRY_PROSE``
      bytes: an entry's name over its review, after the fact rows that
      closed the entry before it. A teaser card's blurb is shorter.
    - The items of a list that a sentence of the story introduces with a
      colon ("Many patches were sent for review:"), each a linked title of
      ``LISTED_ITEM`` characters or more: the story's own list of the
      things it names. A "Related:" or "You may also like:" label is no
      such sentence.
    """
    cells = [b for b in blocks if b.tag in CELL_TAGS]
    rows = {seg.parents[b.owner] for b in cells if not _link_dense(b) and b.size >= PROSE_CELL}
    kept = {b.owner for b in cells if _link_dense(b) and seg.parents[b.owner] in rows}
    # One pass for the heading rules, the lists a sentence introduces and the lists' items.
    lists: dict[int, list[Block]] = {}
    last = len(blocks) - 1
    for i, b in enumerate(blocks):
        if b.text.endswith(_INTRO_ENDS) and i < last:
            kept.update(_introduced_items(blocks, i, seg, rules))
        if b.tag == "li":
            lists.setdefault(seg.parents[b.owner], []).append(b)
        if b.tag not in HEADING_TAGS or not _link_dense(b):
            continue
        between = 0 < i < last and _prose(blocks[i - 1]) and _prose(blocks[i + 1])
        if between or _is_entry(blocks, i) or _heads_review(blocks, i):
            kept.add(b.owner)
    kept.update(_mixed_list_items(lists.values()))
    return frozenset(kept)


def _mixed_list_items(lists: Iterable[Sequence[Block]]) -> Iterator[int]:
    """Owners of the linked items of a list whose items are mostly plain text.

    A packing list or a list of sources links some of its items to other
    pages ("Tent" links to a review, "Rainfly" does not): they are items of
    the story's list like the rest. A menu or a list of related stories is
    links throughout.
    """
    for items in lists:
        if len(items) < MIXED_LIST:
            continue
        linked = [b for b in items if _link_dense(b)]
        if linked and len(linked) <= len(items) - len(linked):
            yield from (b.owner for b in linked)


def _introduced_items(
    blocks: Sequence[Block], i: int, seg: Segmented, rules: Rules
) -> Iterator[int]:
    """Owners of the linked list items that block ``i``, a line ending in a colon, introduces."""

    def in_item(b: Block) -> bool:  # ``<li>`` itself, or a paragraph inside one
        return b.tag == "li" or _in_item(b, seg)

    b = blocks[i]
    if not in_item(blocks[i + 1]) or len(b.text) < LIST_INTRO or _link_dense(b):
        return
    k = b.key
    if b.tag in HEADING_TAGS or k in rules.labels or k in rules.section_headings:
        return
    if k in rules.read_more:
        return
    for item in itertools.takewhile(in_item, blocks[i + 1 :]):
        if _link_dense(item) and len(item.text) >= LISTED_ITEM:
            yield item.owner


def _is_entry(blocks: Sequence[Block], i: int) -> bool:
    """Whether heading ``i`` is numbered and prose follows it within ``ENTRY_REACH`` blocks."""
    following = blocks[i + 1 : i + 1 + ENTRY_REACH]
    return bool(_NUMBERED.match(blocks[i].text)) and any(_prose(a) for a in following)


def _heads_review(blocks: Sequence[Block], i: int) -> bool:
    """Whether heading ``i`` stands right above a paragraph of ``ENTRY_PROSE`` bytes."""
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return nxt is not None and nxt.size >= ENTRY_PROSE and _prose(nxt)


def _prose(b: Block) -> bool:
    return b.size >= SUBSTANTIAL and not _link_dense(b) and bool(_SENTENCE.search(b.text))


_INTRO_ENDS = (":", "：")
#: Between a section heading and what follows it on the same line.
#: A colon does not count: "Related: <a headline>" is a link set into the story.
_HEADING_SEPARATOR = re.compile(r"\s[—–|·/]\s")
_NUMBERED = re.compile(r"\s*(#\s?\d{1,3}|\d{1,3}[.):])\s")
_TAIL_KEPT = CELL_TAGS | {"li"}


def _is_disclosure(lower: str, words: Sequence[str], rules: Rules) -> bool:
    """An affiliate or review-policy note ("Purchases made through our links may earn us ...").

    Read on the lower-cased line; the regex runs only on lines holding one of ``words``.
    """
    return any(w in lower for w in words) and bool(rules.disclosure.search(lower))


def _disclosure_words_in(blocks: Sequence[Block], rules: Rules) -> tuple[str, ...]:
    """The disclosure words printed in the blocks short enough to be tested.

    Most pages hold none, and a few substring tests over the page spare them
    the word test on every block. The lines are joined by a newline, which
    no word holds, and lower-casing the joined text lower-cases each line
    as it would alone (a newline ends a final sigma's word).
    """
    short = "\n".join([b.text for b in blocks if len(b.text) <= DISCLOSURE_MAX]).lower()
    return tuple(w for w in rules.disclosure_words if w in short)


def _is_breadcrumb(text: str) -> bool:
    """A trail of pages printed as text (``Home » Recipes » Focaccia``), asked of
    the lines above the story's first paragraph ("Go to Products > Data
    Files" further down is an instruction of the story's).

    Three parts or more joined by one of ``_CRUMB_SEPARATORS``, none long,
    with no colon and no sentence end: "Example: Women > Rings" is a path
    the story describes, and French quotes are « and » in pairs.
    """
    for sep in _CRUMB_SEPARATORS:
        if text.count(sep) >= 2:
            break
    else:
        return False
    if "«" in text or ":" in text or "：" in text or SENTENCE_END.search(text):
        return False
    return all(0 < len(part.strip()) <= CRUMB_PART for part in text.split(sep))


def is_drop_line(text: str, rules: Rules) -> bool:
    """An editor, copyright, share or app line."""
    return _is_drop_line(text, text.lower(), rules)


def _is_drop_line(text: str, lower: str, rules: Rules) -> bool:
    """``is_drop_line`` given the lower-cased line too (cheapest tests first).

    The Latin patterns run on the lower-cased line and the CJK ones on the
    line as printed, and only on lines that hold non-ASCII characters; an
    ASCII line is only searched for the keywords written in ASCII. A line
    that opens with a CJK character is only tried against the CJK prefixes,
    one that opens with another letter only against the Latin ones.
    """
    head = text.lstrip(_OPENERS)[:1]
    if not head.isalpha():
        prefixed = rules.drop_prefix.match(lower) or rules.drop_prefix_cjk.match(text)
    elif head >= "\u2e80":
        prefixed = rules.drop_prefix_cjk.match(text)
    else:
        prefixed = rules.drop_prefix.match(lower)
    keywords = rules.drop_keyword_ascii if lower.isascii() else rules.drop_keyword
    return bool(
        prefixed
        or keywords.search(lower)
        or rules.drop_pattern.search(lower)
        or (not text.isascii() and rules.drop_pattern_cjk.search(text))
    )


_OPENERS = " [【(（■●▲〔［※＊*"


def _opening_rows(blocks: Sequence[Block]) -> list[bool]:
    """Which blocks above the first real paragraph are meta rows (dated, bylined).

    ``drop_noise`` counts them to tell whether they are few enough to be
    meta rows at all (a byline, a date and a source make two or three rows;
    a schedule of dated rows opening a page is its content), then reads the
    flags row by row instead of testing each row again.
    """
    rows = []
    for b in blocks:
        if b.tag not in HEADING_TAGS and b.size >= SUBSTANTIAL:
            break
        rows.append(_is_meta_row(b))
    return rows


def _is_meta_row(b: Block) -> bool:
    """A short row that reads as a byline or a date, and not as the story.

    A row holding a date is still the story's when it is a sentence
    ("…until the end of the 2022/23 season.") or opens with a dateline
    (``SEOUL, June 19 (Yonhap) -- …``, ``記者王小明／台南報導``): a short wire
    lede must never leave the body. ASCII text is matched lower-cased
    against the pattern without its ``(?i)``: for ASCII letters the two
    agree, and the case-sensitive engine is faster. Other text goes through
    the ``(?i)`` pattern.
    """
    if b.size >= META_ROW:
        return False
    text = b.text
    if text.isascii():
        lower = text.lower()
        if not _META_ROW_ASCII.search(lower):
            return False
    elif not _META_ROW.search(text):
        return False
    return not (is_sentence(text) or opens_with_dateline(text))


def opens_with_dateline(text: str) -> bool:
    """Whether a dateline opens the line: it is the lede, whatever its length.

    A date alone does not count (``November 28, 2013 -- Updated 0203 GMT`` is
    a date row): the dateline must name a place, an agency or a reporter, or
    be a credit (``本报讯``).
    """
    found = find_dateline(text[:DATELINE_HEAD])[0]
    return found is not None and (
        found.place is not None
        or found.agency is not None
        or bool(found.reporters)
        or found.day is None
    )


def trim_tail(blocks: list[Block], credits: list[str], seg: Segmented | None = None) -> list[Block]:
    """Drop short blocks after the last real paragraph: bylines, dates, sources, tags.

    Table cells and list items (also a paragraph set in one, ``<li><p>``,
    told by its parent in ``seg``, and a run of numbered lines) stay: a
    table or a list that ends an article is made of short lines (link
    lists went with the link-dense blocks), and so do the short lines right
    above one, its headings ("Pros and cons", "Pros").
    The dropped lines join ``credits``: a closing byline names the author.
    """
    last = next(
        (
            i
            for i in range(len(blocks) - 1, -1, -1)
            if blocks[i].size >= SUBSTANTIAL and _SENTENCE.search(blocks[i].text)
        ),
        -1,
    )
    if last < 0:
        return blocks
    tail: list[Block] = []
    dropped: list[str] = []
    listed = _listed_lines(blocks, last)
    # Backwards: a short line over a list or a table is its heading.
    over_list = False
    for i in range(len(blocks) - 1, last, -1):
        b = blocks[i]
        if b.tag in _TAIL_KEPT or i in listed or (seg is not None and _in_item(b, seg)):
            over_list = True
        elif over_list or b.size >= TAIL_SHORT or SENTENCE_END.search(b.text):
            over_list = over_list and b.size < TAIL_SHORT
        else:
            dropped.append(b.text)
            continue
        tail.append(b)
    credits.extend(reversed(dropped))
    return blocks[: last + 1] + tail[::-1]


def _listed_lines(blocks: Sequence[Block], last: int) -> set[int]:
    """Indexes of the tail's lines that open with a number, ``NUMBERED_RUN`` or more
    in a row (``01. Robert Plant``): a ranked list written as lines, not as ``<li>``."""
    out: set[int] = set()
    run: list[int] = []
    for i in range(last + 1, len(blocks) + 1):
        if i < len(blocks) and _NUMBERED.match(blocks[i].text):
            run.append(i)
            continue
        if len(run) >= NUMBERED_RUN:
            out.update(run)
        run = []
    return out


def _in_item(b: Block, seg: Segmented) -> bool:
    """Whether the block is a paragraph set inside a list item."""
    parent = seg.parents[b.owner]
    return parent >= 0 and seg.tags[parent] == "li"


#: Separator between the cells of a table row in the body.
CELL_SEPARATOR = " | "
#: Tag given to a block made of a whole table row.
ROW_TAG = "tr"


def join_rows(blocks: list[Block], seg: Segmented) -> list[Block]:
    """Merge consecutive cell blocks of one table row into one row block.

    Only rows of two or more cells that are one block each are merged: a
    layout table's cell holding the article as lines split by ``<br>``, or
    a cell holding paragraphs, is not a record's value.
    """
    out: list[Block] = []
    run: list[Block] = []

    def flush() -> None:
        if len(run) > 1 and len({b.owner for b in run}) == len(run):
            row = seg.parents[run[0].owner]
            text = CELL_SEPARATOR.join(b.text for b in run)
            links = sum(b.link_chars for b in run)
            size = sum(b.size for b in run)
            joined = Block(row, ROW_TAG, text, links, False, run[0].images_before, size)
            joined.key = run[0].key
            out.append(joined)
        else:
            out.extend(run)
        run.clear()

    for b in blocks:
        if b.tag in CELL_TAGS:
            if run and seg.parents[b.owner] != seg.parents[run[-1].owner]:
                flush()
            run.append(b)
        else:
            if run:
                flush()
            out.append(b)
    flush()
    return out


def dedupe(blocks: list[Block]) -> tuple[list[Block], frozenset[int]]:
    """Each block once, but a short line the story repeats stays.

    A paragraph printed twice (a mobile and a desktop copy, a teaser of the
    story inside it) goes. Short lines that come again between new text
    are the story's own and stay: a label ("Pros", "Our verdict", an
    interview's "Q:"), and the headings and fact rows each entry of a list
    repeats ("Team size: 11-50", "Deck: 9-layer maple") after the entry's
    prose. A repeated run with no prose since its last copy (a video
    player's labels between short titles) or holding a longer paragraph (a
    copy) goes, all but the labels that new text follows. Also returns the
    positions in the result that may repeat further on (table rows, and the
    lines kept again), so that the text normaliser keeps them.
    """
    keys = [b.key for b in blocks]
    seen: set[str] = set()
    out: list[Block] = []
    repeated: set[int] = set()
    in_run = keep_run = False
    # Paragraphs of prose met so far, and where each line was last met.
    prose = 0
    prose_at: dict[str, int] = {}
    for i, b in enumerate(blocks):
        k = keys[i]
        if b.tag == ROW_TAG:
            repeated.add(len(out))
            out.append(b)
            in_run = False
        elif k and k not in seen:
            seen.add(k)
            out.append(b)
            in_run = False
        elif k:
            if not in_run:
                # An entry's fact rows come again after the entry's prose; a
                # player's labels come again after a title and a duration.
                entry = prose > prose_at.get(k, prose)
                in_run, keep_run = True, entry and _short_run(blocks, keys, i, seen)
            if keep_run or (_is_label_line(b) and _new_after(keys, i, seen)):
                repeated.add(len(out))
                out.append(b)
        prose_at[k] = prose
        prose += b.size >= SUBSTANTIAL and bool(_SENTENCE.search(b.text))
    return out, frozenset(repeated)


def _short_run(blocks: Sequence[Block], keys: Sequence[str], i: int, seen: Set[str]) -> bool:
    """Whether the repeated lines from ``i`` on are the story's own: new text or the end after them.

    Each is a heading, a fact row (``Team size: 11-50``) or a few words, and
    one at least is a heading or a fact row: a run of bare words or numbers
    is a chart's or a carousel's labels.
    """
    named = False
    for j in range(i, len(blocks)):
        b, k = blocks[j], keys[j]
        if not k or b.tag == ROW_TAG:
            return False
        if k not in seen:
            return named
        if len(b.text) > REPEATED_LABEL:
            return False
        if b.tag in HEADING_TAGS or _FACT_ROW.match(b.text):
            named = True
        elif b.size > LABEL_BYTES or not any(ch.isalpha() for ch in b.text):
            return False
    return named


def _is_label_line(b: Block) -> bool:
    """A heading, a line ending as a label or a question, or a few words."""
    if len(b.text) > REPEATED_LABEL:
        return False
    return b.tag in HEADING_TAGS or b.text.endswith(_LABEL_ENDS) or b.size <= LABEL_BYTES


def _new_after(keys: Sequence[str], i: int, seen: Set[str]) -> bool:
    """Whether the block after ``i`` is text not met before."""
    return i + 1 < len(keys) and bool(keys[i + 1]) and keys[i + 1] not in seen


def select(
    seg: Segmented,
    region: Region,
    end: list[int],
    alt_keys: set[str],
    title_key: str,
    rules: Rules,
) -> Selection:
    """Run the stages over the blocks inside the article's region."""
    lo, hi = region.first, region.last
    blocks = [b for b in seg.blocks if lo <= b.owner <= hi]
    if len(region.spans) > 1:
        blocks = _in_spans(blocks, region.spans)
    for b in blocks:
        b.key = key(b.text, collapsed=True)
    images_before = bisect.bisect_left(seg.images, lo)
    body, captions = split_captions(blocks, images_before, alt_keys, rules)
    body, spans = cut_sections(body, seg, end, rules)
    body = drop_teasers(body, rules)
    credits: list[str] = []
    body = drop_noise(body, title_key, rules, credits, spared_links(body, seg, rules))
    body = trim_tail(body, credits, seg)
    captions = [c for c in captions if not inside(c.owner, spans)]
    body, repeated = dedupe(drop_figure_runs(join_rows(body, seg)))
    return Selection(tuple(body), tuple(captions), tuple(spans), tuple(credits), repeated)


def drop_figure_runs(blocks: list[Block]) -> list[Block]:
    """Drop runs of ``FIGURE_RUN`` lines or more that hold figures and no word.

    A chart drawn in HTML leaves its axis ticks and values as lines of their
    own (``$915``, ``’17``, ``80``); score tables of review sites do the
    same. A table keeps its rows (joined into one line each), and a list of
    named items has words.
    """
    out: list[Block] = []
    run: list[Block] = []
    for b in [*blocks, None]:
        if b is not None and len(b.text) <= FIGURE_LINE and not _WORDY.search(b.text):
            run.append(b)
            continue
        if len(run) < FIGURE_RUN:
            out.extend(run)
        run = []
        if b is not None:
            out.append(b)
    return out


def _in_spans(blocks: Sequence[Block], spans: Sequence[tuple[int, int]]) -> list[Block]:
    """The blocks owned inside one of ``spans``, which are disjoint and in document order.

    The only span that can hold an owner is the last one that starts at or
    before it: one bisection per block instead of a scan of the spans (a
    region can join dozens of sibling subtrees).
    """
    starts = [first for first, _ in spans]
    out = []
    for b in blocks:
        i = bisect.bisect_right(starts, b.owner) - 1
        if i >= 0 and b.owner <= spans[i][1]:
            out.append(b)
    return out


def inside(idx: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(lo <= idx <= hi for lo, hi in spans)


def headline_index(seg: Segmented, container: int, title_key: str) -> int:
    """Pre-order index of the headline printed above the container, or the container.

    The headline is the last ``<h1>`` or block equal to the title before the
    container; what lies between it and the container (a lead photo and its
    caption) belongs to the article too.
    """
    size = len(title_key)
    for b in reversed(seg.blocks):
        if b.owner >= container:
            continue
        near = size and abs(len(b.text) - size) <= size // 2 + 2
        if b.tag == "h1" or (near and key(b.text, collapsed=True) == title_key):
            return b.owner
    return container


#: A lead picture printed above the headline has at most this many caption
#: and credit lines between it and the headline (datelines corpus: one or two).
LEAD_ABOVE_LINES = 3


def lead_picture_above(seg: Segmented, first: int, rules: Rules) -> int:
    """Where the article's pictures start: before ``first`` when its lead picture
    and credit are printed just above the headline, else ``first``.

    Some layouts put the lead photo above the headline; its credit
    (``Foto: REUTERS, NTB``) is the article's. Only a picture followed by
    nothing but a few caption lines, one of them a credit, counts: a logo
    or a teaser above the headline has none.
    """
    i = bisect.bisect_left(seg.images, first) - 1
    if i < 0 or first >= len(seg.nodes):
        return first
    image = seg.images[i]
    lo = bisect.bisect_right(seg.blocks, image, key=_owner)
    hi = bisect.bisect_left(seg.blocks, first, key=_owner)
    between = seg.blocks[lo:hi]
    if not between or len(between) > LEAD_ABOVE_LINES:
        return first
    if not any(strip_credit(b.text, rules)[1] for b in between if b.size < MAX_CAPTION):
        return first
    return image - 1


def _owner(b: Block) -> int:
    return b.owner


def lead_captions(
    seg: Segmented, first: int, container: int, alt_keys: set[str], rules: Rules
) -> list[Block]:
    """Caption blocks between the headline and the container."""
    if first >= container:
        return []
    lead = [b for b in seg.blocks if first < b.owner < container]
    for b in lead:
        b.key = key(b.text, collapsed=True)
    return split_captions(lead, bisect.bisect_left(seg.images, first), alt_keys, rules)[1]
