"""``extract()``: raw HTML in, ``Article`` out, as a short list of stages.

    decode -> bound (depth, attributes) -> parse -> read metadata -> remove junk (one selector) ->
    mark boilerplate / captions / content hints (one pass) -> remove small
    boilerplate subtrees -> segment into blocks (one pass) -> choose the
    container (one pass) -> select body and captions -> images -> fields ->
    normalise

When the first attempt yields almost nothing, the page is read once more
without removing the soft-marked subtrees (a page whose whole article sits
in a class that looks like boilerplate), and the longer result is kept.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ._blocks import Segmented, segment
from ._bound import bound, needs_bounding
from ._clean import mark, remove_junk, remove_soft
from ._decode import decode_html
from ._errors import NoArticleError, NotAnArticleError
from ._fields.dates import (
    date_from_text,
    date_from_url,
    find_modified,
    find_published,
    visible_text,
)
from ._fields.images import collect_images
from ._fields.meta import PageMeta, heading_texts, read_page_nodes
from ._fields.people import find_authors, find_site_name
from ._fields.title import find_title
from ._models import Article, Image
from ._normalize import Extraction, build_article
from ._pagekind import (
    EMPTY_LAYOUT,
    REASONS,
    PageLayout,
    PageShape,
    PageSignals,
    kind_rules,
    layout_of,
    page_kind,
    url_path,
)
from ._rules import Rules, key, rules
from ._score import choose, eff_len
from ._script import Script, check_script
from ._select import headline_index, lead_captions, lead_picture_above, select
from ._text import normalize_paragraphs, normalize_text

log = logging.getLogger(__name__)

#: Below this many effective bytes of body the page is re-read without soft removal.
RELAX_BELOW = 300
#: The re-read wins with other text only when it is this many times longer
#: (and the first reading did not come from an element marked as content).
RELAX_GAIN = 2.0
#: Characters at the top of the page's text searched for a printed date.
PRINTED_DATE_CHARS = 3000
#: Lines above the body shorter than this (effective bytes) are read as credit rows.
META_LINE = 200
#: Characters of a short page's text searched for a login or subscription prompt.
WALL_TEXT_CHARS = 20_000
#: Share of control or replacement characters that marks a binary payload.
BINARY_SHARE = 0.1
_BINARY_SAMPLE = 8192
_BINARY_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


@dataclass(frozen=True, slots=True)
class _Body:
    """What one reading of the tree yields."""

    paragraphs: tuple[str, ...]
    images: tuple[Image, ...]
    credits: tuple[str, ...] = ()
    #: The article was found in an element whose class or id says it is content.
    hinted: bool = False
    #: Indexes of ``images`` whose caption was read from ``alt`` text only.
    alt_only: frozenset[int] = frozenset()
    #: The shape of the whole page's text, for the not-an-article decision.
    layout: PageLayout = EMPTY_LAYOUT
    #: The segmented page, for that decision's second look.
    shape: PageShape | None = None

    @property
    def size(self) -> int:
        return sum(eff_len(p) for p in self.paragraphs)


def to_markup(html: str | bytes | bytearray | memoryview) -> tuple[str, str | bytes]:
    """The page as text, and what to hand the parser.

    Accept str or bytes; anything else is a caller bug. The parser reads
    bytes as UTF-8, so bytes found to be UTF-8 (without a BOM) go to it as
    they are, sparing it a second encoding of the decoded text.
    """
    if isinstance(html, str):
        return html, html
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        decoded = decode_html(data)
        if decoded.encoding == "utf-8" and decoded.source != "bom":
            return decoded.text, data
        return decoded.text, decoded.text
    raise TypeError(f"extract() takes str or bytes, not {type(html).__name__}")


def check_text(text: str, url: str | None) -> None:
    """Refuse empty and binary input before paying for a parse."""
    # Not ``text.strip()``: that copies the whole page to test its first characters.
    if not text or text.isspace():
        raise NoArticleError("empty document", url=url)
    sample = text[:_BINARY_SAMPLE]
    if len(_BINARY_CHARS.findall(sample)) > BINARY_SHARE * len(sample):
        raise NoArticleError("binary or undecodable document", url=url)


def _alt_keys(seg: Segmented) -> set[str]:
    """Keys of the images' alt and title texts: captions often repeat them.

    The segmentation walk has listed the images, which spares a selector
    walk over the tree.
    """
    out = set()
    for i in seg.images:
        attrs = seg.nodes[i].attributes
        for name in ("alt", "title"):
            value = attrs.get(name)
            if value:
                out.add(key(value))
    return out


def read_body(
    root: LexborNode, title_key: str, base_url: str | None, r: Rules, *, soft: bool
) -> _Body:
    """One reading of a parsed tree: clean, segment, choose, select."""
    remove_junk(root, r)
    marks = mark(root, r)
    if soft:
        remove_soft(root, marks)
    seg = segment(root, marks.captions)
    alt_keys = _alt_keys(seg)
    hints = {seg.index_of[m] for m in marks.hints if m in seg.index_of}
    end = seg.subtree_end()
    named = {seg.index_of[m] for m in marks.named_hints if m in seg.index_of}
    region = choose(seg, hints, end, named)
    sel = select(seg, region, end, alt_keys, title_key, r)
    first = headline_index(seg, region.first, title_key)
    pictures_from = lead_picture_above(seg, first, r)
    captions = [*lead_captions(seg, pictures_from, region.first, alt_keys, r), *sel.captions]
    # Pictures after the article's last paragraph belong to other stories' teasers.
    last = end[sel.body[-1].owner] if sel.body else region.last
    captions = [c for c in captions if c.owner <= last]
    images, alt_only = collect_images(
        seg, pictures_from, region.first, last, captions, sel.dropped, base_url, r
    )
    hinted = region.container in named
    # Short lines between the headline and the body: date, byline, source rows.
    lead = [b.text for b in seg.blocks if first < b.owner < region.first and b.size < META_LINE]
    return _Body(
        normalize_paragraphs([b.text for b in sel.body], sel.repeated, collapsed=True),
        tuple(_clean_image(i) for i in images),
        tuple(normalize_text(c) for c in [*lead, *sel.credits]),
        hinted,
        alt_only,
        layout_of(seg.blocks),
        PageShape(seg, end, *region.shape_span, _host(base_url)),
    )


def _host(url: str | None) -> str | None:
    """A URL's host; None without one, or when the URL does not parse (bad IPv6 literal)."""
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None


def _clean_image(image: Image) -> Image:
    caption = normalize_text(image.caption) if image.caption else None
    credit = normalize_text(image.credit) if image.credit else None
    # What a credit leaves of a caption may be only a mark (``©``, ``Foto:``'s colon).
    if caption and not any(ch.isalnum() for ch in caption):
        caption = None
    return Image(image.url, caption or None, credit or None)


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    script: Script | None = None,
    strict: bool = True,
) -> Article:
    """Extract the main article of a news page as a clean ``Article`` record.

    ``script="hans"`` or ``"hant"`` converts the record's text to simplified
    or traditional Chinese (needs the ``[script]`` extra). Raises
    ``NoArticleError`` for input with no article text, and its subclass
    ``NotAnArticleError`` for a page that is not one story (a list of links,
    an error page, a login or subscription wall); ``strict=False`` returns
    the best-effort record of such a page instead. Raises ``TypeError`` for
    input that is neither str nor bytes or a ``url`` that is not a str,
    ``ValueError`` for an unknown script.
    """
    check_script(script)
    if url is not None and not isinstance(url, str):
        raise TypeError(f"extract() takes url as str or None, not {type(url).__name__}")
    extraction, signals = read_page(html, url, judged=strict)
    if strict:
        kind = page_kind(signals)
        if kind is not None:
            raise NotAnArticleError(f"not an article: {REASONS[kind]}", url=url, kind=kind)
    return build_article(extraction, script=script)


def read_page(
    html: str | bytes, url: str | None, *, judged: bool = True
) -> tuple[Extraction, PageSignals]:
    """Everything read from one page: the extraction, and what the page-kind decision needs.

    ``judged=False`` (``strict=False``): the decision will not be made, so the
    one signal that costs a parse of its own, a short page's text as shown,
    is not read.
    """
    text, markup = to_markup(html)
    check_text(text, url)
    if needs_bounding(markup):
        bounded = bound(text)
        if bounded is not text:
            log.info("nesting or attributes past the parse bounds: %s", url)
            markup = bounded
    tree = LexborHTMLParser(markup)
    root = tree.body
    if root is None:
        raise NoArticleError("document has no body (a frameset?)", url=url)
    meta, all_h1s, author_marks, times = read_page_nodes(tree)
    for ruby_text in (r for n in all_h1s for r in n.css("rt, rp")):
        ruby_text.decompose()  # reading aids (furigana) are not the headline's words
    h1_nodes = [n for n in all_h1s if n.text().strip()]
    h1s = [" ".join(n.text().split()) for n in h1_nodes]
    h1_parts = [n.text(separator="\n").split("\n") for n in h1_nodes]
    site_name = find_site_name(meta)
    page_url = meta.page_url(url)
    title = find_title(
        meta,
        h1s,
        site_name,
        site_label(page_url),
        h1_parts=h1_parts,
        headings=lambda: heading_texts(tree),
    )
    # Read before cleaning: the cleaner removes bylines and date rows.
    published = find_published(meta, tree, url=url, language=meta.lang)
    printed = _printed_date(root, meta) if published is None else None
    page_authors = find_authors(meta, tree, (), author_marks)
    body = _read_best(root, markup, title, page_url, url, meta.jsonld.get("articleBody"))
    extraction = Extraction(
        url=url,
        meta=meta,
        title=normalize_text(title) if title else None,
        site_name=site_name,
        paragraphs=body.paragraphs,
        images=body.images,
        unprinted_images=body.alt_only,
        credits=body.credits,
        published=published,
        printed_date=printed,
        modified=find_modified(meta),
        page_authors=page_authors,
    )
    sizes = tuple(eff_len(p) for p in body.paragraphs)
    signals = PageSignals(
        layout=body.layout,
        paragraph_sizes=sizes,
        title=title,
        doc_title=meta.doc_title,
        published=published is not None or printed is not None,
        authors=bool(page_authors),
        og_type=(meta.first("og:type") or "").lower(),
        jsonld_types=meta.jsonld_types,
        path=url_path(page_url),
        wall_text=_shown_text(markup)
        if judged and sum(sizes) <= kind_rules().wall_body_max
        else "",
        shape=body.shape if judged else None,
        times=times,
    )
    return extraction, signals


def _shown_text(markup: str | bytes) -> str:
    """The start of the page's text as shown, from a fresh parse (the first one is cleaned)."""
    root = LexborHTMLParser(markup).body
    return visible_text(root, WALL_TEXT_CHARS) if root is not None else ""


def _printed_date(root: LexborNode, meta: PageMeta) -> dt.datetime | None:
    """A date printed in the top of the page's text, when no tag or element names one.

    Only the page's first ``PRINTED_DATE_CHARS`` characters shown to readers
    are read (not scripts): the date line sits above or beside the headline.
    Failing that, the date in the path of the page's share picture
    (``/uploads/2024/06/19/``): a picture is often uploaded the day its
    story goes out, so it is the last resort.
    """
    text = visible_text(root, PRINTED_DATE_CHARS, "\n")[:PRINTED_DATE_CHARS]
    found = date_from_text(text, meta.lang)
    return found or date_from_url(meta.first("og:image", "twitter:image"))


def site_label(url: str | None) -> str | None:
    """The name part of a URL's host (``www.reuters.com`` -> ``reuters``): titles repeat it.

    A host that is an IP address names no site: its "label" would be a
    number such as ``0`` (``10.0.0.7``), and every headline holding that
    number would be taken for the site name.
    """
    host = _host(url)
    if not host or _is_ip(host):
        return None
    labels = [p for p in host.split(".") if p and p != "www"]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else None


def _is_ip(host: str) -> bool:
    # Only an IPv6 address holds a colon, and an IPv4 one only digits and
    # dots: most hosts need no parse.
    if ":" not in host and not host.replace(".", "").isdigit():
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "edu", "ac", "or", "ne"})


def _read_best(
    root: LexborNode,
    markup: str | bytes,
    title: str | None,
    base: str | None,
    url: str | None,
    jsonld_body: object = None,
) -> _Body:
    """Read the body; read again without soft removal when that found almost nothing.

    A page whose scripts render the article shows no text without them; when
    its JSON-LD ``articleBody`` holds the text, that is the body rather than
    a refusal (which would also lose the page's date and title).
    """
    r = rules()
    title_key = key(title) if title else ""
    body = read_body(root, title_key, base, r, soft=True)
    if body.size < RELAX_BELOW:
        relaxed_root = LexborHTMLParser(markup).body
        if relaxed_root is not None:
            relaxed = read_body(relaxed_root, title_key, base, r, soft=False)
            # More of the same article, or much more text than the little found.
            more = relaxed.size > body.size and set(body.paragraphs) <= set(relaxed.paragraphs)
            if more or (not body.hinted and relaxed.size > RELAX_GAIN * body.size):
                log.debug("read again without soft removal: %s", url)
                body = relaxed
    if not any(ch.isalnum() for p in body.paragraphs for ch in p):
        paragraphs = _jsonld_paragraphs(jsonld_body)
        if not paragraphs:
            raise NoArticleError("no article text found", url=url)
        body = replace(body, paragraphs=paragraphs)
    return body


def _jsonld_paragraphs(value: object) -> tuple[str, ...]:
    """The paragraphs of a JSON-LD ``articleBody`` (one per line), normalised; () without text."""
    if not isinstance(value, str) or not any(ch.isalnum() for ch in value):
        return ()
    return normalize_paragraphs(value.splitlines())
