"""The not-an-article decision: is this page one story, or a list, an error page, a wall?

A crawl meets home, section, tag and search pages, shop collections, error
pages and login or paywall stubs as often as stories. Each of them still
yields *some* text, so the extractor alone cannot refuse them; this stage
looks at the page as a whole once the body is chosen and says what the page
is when it is not an article:

- **listing**: the page mostly links elsewhere (home, section, tag, search,
  shop collection pages). Two logistic scores, weights in
  ``rules/pagekind.json``, calibrated on the development corpora (listing
  and collection pages against every article corpus, hosts kept apart in
  the cross-validation, see ``benchmarks/pagekind.py``): the first reads
  the page signals and clears most stories; the page it cannot clear gets
  a second look that also counts its shape (groups of cards, links to the
  site's stories). No single signal decides: a story can have a
  link-heavy page or no date, a list page can carry ``og:type=article``.
- **error**: the headline or document title says the page was not found and
  there is no story under it.
- **wall**: a login or subscription prompt with at most a teaser under the
  headline. A brief of one or two sentences with no such prompt stays an
  article.

The functions are pure: ``PageSignals`` is read by the pipeline, and the
verdict is a function of it and the rules.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ._blocks import Block, Segmented
from ._fields.title import word_count
from ._rules import load_json

#: Block tags that are headings below the headline (teaser cards' titles).
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
#: A paragraph this long (UTF-8 bytes) is prose, not a card's line.
LONG_PARAGRAPH = 300
#: A paragraph shorter than this (UTF-8 bytes) is a card's line or a label.
SHORT_PARAGRAPH = 80
#: A teaser card: a mostly-linked line (its headline) over a short unlinked one (its blurb).
TEASER_LINK_SHARE = 0.6
TEASER_BLURB_LINK_SHARE = 0.2
TEASER_BLURB_MIN = 40
TEASER_BLURB_MAX = 400
#: Prices are counted up to this many: the feature saturates, which also
#: lets the score skip counting when the other signals already decide.
PRICE_CAP = 100
#: Prices as shops print them: a currency sign before the figure or after it.
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:€|元)")
#: A path segment a slug is made of: words split on ``-``, ``_``, ``+``.
_SLUG_SPLIT = re.compile(r"[-_+]")
_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageLayout:
    """What the page's text blocks say about its shape, counted in the segmentation's terms."""

    #: Effective bytes of all text blocks of the page, and of their linked text.
    text_bytes: int
    link_bytes: int
    #: Teaser cards (a linked headline over its blurb) and linked sub-headings.
    teasers: int
    linked_heads: int
    #: The blocks' texts, read only when the score needs the prices.
    texts: tuple[str, ...]


#: The layout of a page with no text blocks.
EMPTY_LAYOUT = PageLayout(0, 0, 0, 0, ())


def layout_of(blocks: Sequence[Block]) -> PageLayout:
    """Count the page's blocks: one pass, no tree walk."""
    total = links = teasers = heads = 0
    prev_linked = False
    for b in blocks:
        size = b.size
        total += size
        links += min(b.link_chars, size)
        if prev_linked and (
            b.link_chars < TEASER_BLURB_LINK_SHARE * size
            and TEASER_BLURB_MIN <= size <= TEASER_BLURB_MAX
        ):
            teasers += 1
        linked = b.link_chars > TEASER_LINK_SHARE * size
        if b.tag in _HEADINGS and b.link_chars > 0.5 * size:
            heads += 1
        prev_linked = linked
    return PageLayout(total, links, teasers, heads, tuple(b.text for b in blocks))


#: A card: a subtree with linked text, an image or a heading, and at most
#: this much text (UTF-8 bytes); a story's sections hold more.
CARD_TEXT = 1500
#: Siblings of one kind (same parent, same tag) that make a group of cards.
GROUP = 3
#: A group of siblings is linked when this share of them holds a link.
LINKED_SIBLINGS = 0.6


@dataclass(frozen=True, slots=True)
class PageShape:
    """The segmented page the body was chosen from, kept for the second look.

    Counting its cards and links costs a walk over every element, so it is
    done only for a page the first score cannot clear (``shape_counts``).
    """

    seg: Segmented
    end: Sequence[int]
    #: Pre-order bounds of the region the body was chosen from.
    first: int
    last: int
    #: The page's host, to tell its own links from others.
    host: str | None


@dataclass(frozen=True, slots=True)
class ShapeCounts:
    """What the second look counts: the marks of a page of teasers."""

    #: Siblings in the largest group of cards (3 or more, else 0).
    card_group: int
    #: Distinct links to this site's pages whose address ends in a slug of
    #: four words or more: links to stories.
    story_links: int
    #: Ages printed as "3 hours ago".
    ages: int
    #: Pictures inside the chosen region: a story's own, where cards have them outside it.
    region_images: int
    #: Linked members of the groups of siblings that are mostly linked.
    linked_siblings: int


def shape_counts(shape: PageShape, r: KindRules) -> ShapeCounts:
    """Count the cards, story links, ages and linked siblings of a page: one pass over it."""
    seg, end = shape.seg, shape.end
    parents, tags, images = seg.parents, seg.tags, seg.images
    n = len(parents)
    # Prefix sums over pre-order: a subtree is a range, its totals two look-ups.
    link = [0] * (n + 1)
    text = [0] * (n + 1)
    for b in seg.blocks:
        link[b.owner + 1] += b.link_chars
        text[b.owner + 1] += b.size
    heads = [0] * (n + 1)
    for i in range(n):
        link[i + 1] += link[i]
        text[i + 1] += text[i]
        heads[i + 1] = heads[i] + (tags[i] in _HEADINGS)
    cards: dict[tuple[int, str], int] = {}
    siblings: dict[tuple[int, str], list[int]] = {}
    for i in range(1, n):
        e = end[i]
        group = (parents[i], tags[i])
        linked = link[e + 1] > link[i]
        counts = siblings.setdefault(group, [0, 0])
        counts[0] += 1
        counts[1] += linked
        if not linked or not 0 < text[e + 1] - text[i] <= CARD_TEXT:
            continue
        pictured = bisect.bisect_right(images, e) > bisect.bisect_left(images, i)
        if pictured or heads[e + 1] > heads[i]:
            cards[group] = cards.get(group, 0) + 1
    return ShapeCounts(
        card_group=max((c for c in cards.values() if c >= GROUP), default=0),
        story_links=_story_links(shape),
        ages=sum(len(r.ages.findall(b.text)) for b in seg.blocks),
        region_images=bisect.bisect_right(images, shape.last)
        - bisect.bisect_left(images, shape.first),
        linked_siblings=sum(
            linked
            for count, linked in siblings.values()
            if count >= GROUP and linked >= GROUP and linked >= LINKED_SIBLINGS * count
        ),
    )


def _story_links(shape: PageShape) -> int:
    seg = shape.seg
    paths = set()
    for i, tag in enumerate(seg.tags):
        if tag != "a":
            continue
        href = seg.nodes[i].attributes.get("href")
        if not href or href[0] == "#":
            continue
        try:
            parts = urlsplit(href)
        except ValueError:
            continue
        if (not parts.hostname or parts.hostname == shape.host) and slug_words(parts.path) >= 4:
            paths.add(parts.path)
    return len(paths)


@dataclass(frozen=True, slots=True)
class PageSignals:
    """Everything the decision reads about one page."""

    layout: PageLayout
    #: The body's paragraphs as chosen, their sizes in UTF-8 bytes.
    paragraph_sizes: tuple[int, ...]
    title: str | None
    doc_title: str | None
    published: bool
    authors: bool
    og_type: str
    jsonld_types: frozenset[str]
    #: The page's URL path ('' when the URL is unknown).
    path: str
    #: The page's text as shown, before any cleaning, read only for a short
    #: body (the cleaner removes a paywall box with the rest of the clutter).
    wall_text: str = ""
    #: The segmented page, for the second look at a page the first score cannot clear.
    shape: PageShape | None = None
    #: ``<time>`` elements of the page before cleaning (the cleaner removes date rows).
    times: int = 0


def url_path(url: str | None) -> str:
    """The path of a URL, '' when there is none or it does not parse."""
    if not url:
        return ""
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


def slug_words(path: str) -> int:
    """Words in the last path segment (``/2024/06/rain-floods-the-city`` -> 4).

    A story's address usually ends in its headline's words; a section's in
    one word or a number.
    """
    last = next((s for s in reversed(path.split("/")) if s), "")
    last = _EXTENSION.sub("", last)
    return sum(1 for w in _SLUG_SPLIT.split(last) if w and not w.isdigit())


def _prices(layout: PageLayout) -> int:
    count = 0
    for text in layout.texts:
        count += len(_PRICE.findall(text))
        if count >= PRICE_CAP:
            return PRICE_CAP
    return count


@dataclass(frozen=True, slots=True)
class Score:
    """One logistic score: its weights by signal name, and the log-odds it is read against."""

    weights: dict[str, float]
    intercept: float
    #: The log-odds above which the score says "listing".
    threshold: float


@dataclass(frozen=True, slots=True)
class KindRules:
    """``rules/pagekind.json``, compiled."""

    #: The page signals alone: a page at or under its threshold is an article.
    first: Score
    #: The page signals and the shape counts, for a page over the first threshold.
    second: Score
    article_types: frozenset[str]
    list_types: frozenset[str]
    product_types: frozenset[str]
    list_path: re.Pattern[str]
    #: A teaser's age as list pages print it ("3 hours ago", "5分钟前").
    ages: re.Pattern[str]
    error_title: re.Pattern[str]
    error_body_max: int
    wall: re.Pattern[str]
    wall_body_max: int


def _score(data: dict[str, Any], at: str, known: Sequence[str]) -> Score:
    weights = {k: float(v) for k, v in data["weights"].items()}
    unknown = set(weights) - set(known)
    if unknown:
        raise ValueError(f"pagekind.json: unknown listing signals {sorted(unknown)}")
    p = float(data[at])
    return Score(weights, float(data["intercept"]), math.log(p / (1 - p)))


@functools.cache
def kind_rules() -> KindRules:
    data: dict[str, Any] = load_json("pagekind.json")
    listing = data["listing"]
    return KindRules(
        first=_score(listing["first"], "gate", list(FEATURES)),
        second=_score(listing["second"], "probability", [*FEATURES, *SHAPE_FEATURES]),
        article_types=frozenset(listing["article_types"]),
        list_types=frozenset(listing["list_types"]),
        product_types=frozenset(listing["product_types"]),
        list_path=re.compile(
            r"/(?:" + "|".join(map(re.escape, listing["list_path_words"])) + r")(?:/|$)",
            re.IGNORECASE,
        ),
        ages=re.compile("|".join(listing["ages"]), re.IGNORECASE),
        error_title=re.compile("|".join(data["error"]["titles"]), re.IGNORECASE),
        error_body_max=int(data["error"]["body_max"]),
        wall=re.compile("|".join(map(re.escape, data["wall"]["phrases"])), re.IGNORECASE),
        wall_body_max=int(data["wall"]["body_max"]),
    )


def _flag(value: bool) -> float:
    return 1.0 if value else 0.0


#: The listing signals by name, as ``pagekind.json`` weighs them. Sizes enter
#: as logarithms: the tenth long paragraph says less than the first.
FEATURES: dict[str, Callable[[PageSignals, KindRules], float]] = {
    "link_share": lambda s, r: s.layout.link_bytes / max(s.layout.text_bytes, 1),
    "log_long_paragraphs": lambda s, r: math.log1p(
        sum(1 for n in s.paragraph_sizes if n >= LONG_PARAGRAPH)
    ),
    "log_body_bytes": lambda s, r: math.log1p(sum(s.paragraph_sizes)),
    "published": lambda s, r: _flag(s.published),
    "authors": lambda s, r: _flag(s.authors),
    "og_website": lambda s, r: _flag(s.og_type == "website"),
    "og_product": lambda s, r: _flag(s.og_type.startswith("product")),
    "og_article": lambda s, r: _flag(s.og_type == "article"),
    "ld_article": lambda s, r: _flag(bool(s.jsonld_types & r.article_types)),
    "ld_list": lambda s, r: _flag(bool(s.jsonld_types & r.list_types)),
    "ld_product": lambda s, r: _flag(bool(s.jsonld_types & r.product_types)),
    "slug_words_4": lambda s, r: _flag(slug_words(s.path) >= 4),
    "list_path": lambda s, r: _flag(bool(r.list_path.search(s.path))),
    "log_teasers": lambda s, r: math.log1p(s.layout.teasers),
    "log_linked_heads": lambda s, r: math.log1p(s.layout.linked_heads),
    "short_paragraph_share": lambda s, r: (
        sum(1 for n in s.paragraph_sizes if n < SHORT_PARAGRAPH) / max(len(s.paragraph_sizes), 1)
    ),
    "log_title_words": lambda s, r: math.log1p(word_count(s.title or "")),
    "log_prices": lambda s, r: math.log1p(_prices(s.layout)),
    "log_times": lambda s, r: math.log1p(s.times),
}
#: The shape counts by name, as the second score weighs them (counts enter as logarithms).
SHAPE_FEATURES: dict[str, Callable[[ShapeCounts], float]] = {
    "log_card_group": lambda c: math.log1p(c.card_group),
    "log_story_links": lambda c: math.log1p(c.story_links),
    "log_ages": lambda c: math.log1p(c.ages),
    "log_region_images": lambda c: math.log1p(c.region_images),
    "log_linked_siblings": lambda c: math.log1p(c.linked_siblings),
}
#: Read last, and only when it can still change the verdict: it reads every block's text.
_LAZY = "log_prices"


def first_score(signals: PageSignals, r: KindRules) -> float:
    """The log-odds, from the page signals alone, that the page is a listing.

    Exact where it decides: the prices are counted only when they can move
    the score across the threshold.
    """
    first = r.first
    score = first.intercept
    for name, weight in first.weights.items():
        if name != _LAZY:
            score += weight * FEATURES[name](signals, r)
    lazy = first.weights.get(_LAZY, 0.0)
    if lazy:
        # The prices can move the score by at most this much either way.
        reach = abs(lazy) * math.log1p(PRICE_CAP)
        if score - reach <= first.threshold <= score + reach:
            score += lazy * FEATURES[_LAZY](signals, r)
    return score


def second_score(signals: PageSignals, counts: ShapeCounts, r: KindRules) -> float:
    """The log-odds, from the page signals and the shape counts, that the page is a listing."""
    second = r.second
    score = second.intercept
    for name, weight in second.weights.items():
        if name in SHAPE_FEATURES:
            score += weight * SHAPE_FEATURES[name](counts)
        else:
            score += weight * FEATURES[name](signals, r)
    return score


def is_listing(signals: PageSignals, r: KindRules) -> bool:
    """Two looks: the page signals clear most articles; the rest are counted whole.

    A page without a single link is no list of links, whatever else it lacks.

    The first score is cheap and lets through nearly every list page (its
    threshold is set low); only the pages over it pay for the walk that
    counts cards and story links, and the second score decides.
    """
    if not signals.layout.link_bytes:  # a list of links to other pages has links
        return False
    if first_score(signals, r) <= r.first.threshold:
        return False
    if signals.shape is None:  # a record built without its page: the first look decides
        return True
    return second_score(signals, shape_counts(signals.shape, r), r) > r.second.threshold


def page_kind(signals: PageSignals, r: KindRules | None = None) -> str | None:
    """What the page is when it is not an article, else None.

    ``"error"`` and ``"wall"`` are read first: their pages are short, and
    their words say what they are; ``"listing"`` is the score.
    """
    r = r or kind_rules()
    body = sum(signals.paragraph_sizes)
    if body <= r.error_body_max and any(
        t and r.error_title.search(t) for t in (signals.title, signals.doc_title)
    ):
        return "error"
    if body <= r.wall_body_max and r.wall.search(signals.wall_text):
        return "wall"
    if is_listing(signals, r):
        return "listing"
    return None


#: What the error message says for each kind.
REASONS = {
    "listing": "a list of links to other pages (home, section, tag, search or shop page)",
    "error": "an error page (not found)",
    "wall": "a login or subscription wall with a teaser only",
}
