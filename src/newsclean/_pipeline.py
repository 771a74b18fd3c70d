"""``extract()``: raw HTML in, ``Article`` out, as a short list of stages.

    decode -> parse -> read metadata -> remove junk (one selector) ->
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
import logging
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ._blocks import segment
from ._clean import mark, remove_junk, remove_soft
from ._decode import decode_html
from ._errors import NoArticleError
from ._fields.dates import find_modified, find_published
from ._fields.images import collect_images
from ._fields.meta import PageMeta, read_meta
from ._fields.people import find_authors, find_site_name
from ._fields.title import find_title
from ._filter import headline_index, key, lead_captions, select
from ._models import Article, Image
from ._normalize import normalize_paragraphs, normalize_text
from ._rules import Rules, rules
from ._score import choose, eff_len

log = logging.getLogger(__name__)

#: Below this many effective bytes of body the page is re-read without soft removal.
RELAX_BELOW = 300
#: The re-read wins with other text only when it is this many times longer
#: (and the first reading did not come from an element marked as content).
RELAX_GAIN = 2.0
#: Share of control or replacement characters that marks a binary payload.
BINARY_SHARE = 0.1
_BINARY_SAMPLE = 8192
_BINARY_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


@dataclass(frozen=True, slots=True)
class _Body:
    """What one reading of the tree yields."""

    paragraphs: tuple[str, ...]
    images: tuple[Image, ...]
    #: The article was found in an element whose class or id says it is content.
    hinted: bool = False

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
    if not text.strip():
        raise NoArticleError("empty document", url=url)
    sample = text[:_BINARY_SAMPLE]
    if len(_BINARY_CHARS.findall(sample)) > BINARY_SHARE * len(sample):
        raise NoArticleError("binary or undecodable document", url=url)


def _alt_keys(root: LexborNode) -> set[str]:
    out = set()
    for img in root.css("img[alt], img[title]"):
        attrs = img.attributes
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
    alt_keys = _alt_keys(root)
    seg = segment(root, marks.captions)
    hints = {seg.index_of[m] for m in marks.hints if m in seg.index_of}
    end = seg.subtree_end()
    region = choose(seg, hints, end)
    sel = select(seg, region, end, alt_keys, title_key, r)
    first = headline_index(seg, region.first, title_key)
    captions = [*lead_captions(seg, first, region.first, alt_keys, r), *sel.captions]
    # Pictures after the article's last paragraph belong to other stories' teasers.
    last = end[sel.body[-1].owner] if sel.body else region.last
    captions = [c for c in captions if c.owner <= last]
    images = collect_images(seg, first, region.first, last, captions, sel.dropped, base_url, r)
    hinted = seg.nodes[region.container].mem_id in marks.named_hints
    return _Body(normalize_paragraphs(b.text for b in sel.body), images, hinted)


def extract(html: str | bytes, url: str | None = None) -> Article:
    """Extract the main article of a news page as a clean ``Article`` record.

    Raises ``NoArticleError`` for input with no article text and
    ``TypeError`` for input that is neither str nor bytes.
    """
    text, markup = to_markup(html)
    check_text(text, url)
    tree = LexborHTMLParser(markup)
    root = tree.body
    if root is None:
        raise NoArticleError("document has no body (a frameset?)", url=url)
    meta = read_meta(tree)
    h1s = [t for t in (" ".join(n.text().split()) for n in root.css("h1")) if t]
    site_name = find_site_name(meta)
    title = find_title(meta, h1s, site_name)
    published = find_published(meta, tree)
    r = rules()
    base = meta.canonical or url
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
        raise NoArticleError("no article text found", url=url)
    return _record(meta, url, title, body, site_name, published)


def _record(
    meta: PageMeta,
    url: str | None,
    title: str | None,
    body: _Body,
    site_name: str | None,
    published: dt.datetime | None,
) -> Article:
    return Article(
        url=meta.canonical or url,
        title=normalize_text(title) if title else None,
        body="\n".join(body.paragraphs),
        paragraphs=body.paragraphs,
        images=body.images,
        published=published,
        modified=find_modified(meta),
        authors=find_authors(meta),
        language=meta.lang or meta.first("http-equiv:content-language", "og:locale"),
        site_name=site_name,
        description=meta.first("og:description", "description"),
    )
