"""Page metadata read before cleaning: meta tags, canonical link, JSON-LD.

Read once into a frozen ``PageMeta`` so that the field extractors never
query the tree for the same tag twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "blogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "report",
        "liveblogposting",
    }
)
_JSONLD = 'script[type="application/ld+json"]'
#: Elements that mark the page's author explicitly.
AUTHOR_MARKS = '[rel~="author" i], [itemprop~="author" i]'
#: JSON-LD scripts larger than this are skipped: they are data dumps, not page metadata.
MAX_JSONLD_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about itself outside the visible text."""

    metas: Mapping[str, str] = field(default_factory=dict)
    lang: str | None = None
    canonical: str | None = None
    doc_title: str | None = None
    jsonld: Mapping[str, Any] = field(default_factory=dict)
    #: Every schema.org type the page's JSON-LD names (lower case), up to the
    #: article object: ``CollectionPage`` or ``ItemList`` say the page is a list.
    jsonld_types: frozenset[str] = frozenset()

    def page_url(self, given: str | None) -> str | None:
        """The canonical URL when the page gives a usable one, resolved; else ``given``.

        A relative canonical link is resolved against the given URL; without
        one to resolve against, it is no URL at all.
        """
        canon = (self.canonical or "").strip()
        if canon.startswith(("http://", "https://")):
            return canon
        if canon and given and not canon.lower().startswith(("javascript:", "data:", "#")):
            return urljoin(given, canon)
        return given

    def first(self, *names: str) -> str | None:
        """The first non-empty meta value among ``names`` (property or name)."""
        for name in names:
            value = self.metas.get(name)
            if value:
                return value
        return None


def read_meta(tree: LexborHTMLParser) -> PageMeta:
    """Collect meta tags, ``lang``, canonical URL, ``<title>`` and the article's JSON-LD."""
    return read_page_nodes(tree).meta


class PageNodes(NamedTuple):
    """What the one walk over the whole document finds."""

    meta: PageMeta
    #: The page's ``<h1>`` elements, in document order.
    h1s: list[LexborNode]
    #: The elements marked as the author (``rel=author``, ``itemprop=author``).
    authors: list[LexborNode]
    #: ``<time>`` elements, counted before any cleaning: a list page dates
    #: each of its teasers (the not-an-article decision reads it).
    times: int


def read_page_nodes(tree: LexborHTMLParser) -> PageNodes:
    """``read_meta``, the page's ``<h1>`` elements, its author links and its ``<time>`` count.

    Every selector call walks the whole document (~0.09 ms a page): meta
    tags, JSON-LD scripts, headings, the elements marked as the author
    (``rel=author``, ``itemprop=author``) and the ``<time>`` elements are
    found in one walk and told apart by tag and attribute; the author marks
    and times add little to the walk.
    """
    meta_nodes: list[LexborNode] = []
    scripts: list[LexborNode] = []
    h1s: list[LexborNode] = []
    authors: list[LexborNode] = []
    times = 0
    for node in tree.css(f"meta[content], {_JSONLD}, h1, time, {AUTHOR_MARKS}"):
        tag = node.tag
        if tag == "script":
            scripts.append(node)
        elif tag == "h1":
            h1s.append(node)
        elif tag == "time":
            times += 1
        elif tag == "meta" and "content" in node.attributes:
            meta_nodes.append(node)
        else:
            authors.append(node)
    return PageNodes(_page_meta(tree, meta_nodes, scripts), h1s, authors, times)


#: Where a headline stands when it is not in an ``<h1>``.
HEADINGS = 'h1, h2, h3, h4, h5, h6, [class*="title" i]'


def heading_texts(tree: LexborHTMLParser) -> Iterator[str]:
    """The texts of the page's headings and title-class elements, in document order.

    A walk over the whole document of its own: the title asks for it only
    when no ``<h1>`` holds the headline, so most pages never pay for it. The
    texts are read as the caller asks for them: it stops at the first
    plausible ``<h1>``.
    """
    root = tree.body
    if root is None:
        return
    for node in root.css(HEADINGS):
        text = " ".join(node.text().split())
        if text:
            yield text


def _page_meta(
    tree: LexborHTMLParser, meta_nodes: Iterable[LexborNode], scripts: Iterable[LexborNode]
) -> PageMeta:
    metas: dict[str, str] = {}
    for node in meta_nodes:
        attrs = node.attributes
        name = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = attrs.get("content")
        name = name.strip().lower() if name else None
        if name and content and name not in metas:
            metas[name] = " ".join(content.split())
        equiv = attrs.get("http-equiv")
        if equiv and content:
            metas.setdefault(f"http-equiv:{equiv.lower()}", content)
    html = tree.root
    lang = html.attributes.get("lang") or html.attributes.get("xml:lang") if html else None
    # <title> and the canonical link live in <head>: searching there spares
    # two walks over the whole document.
    head = tree.head or tree
    canon = head.css_first('link[rel="canonical"][href]')
    title = head.css_first("title")
    jsonld, types = _article_jsonld(scripts)
    return PageMeta(
        metas=metas,
        lang=lang or None,
        canonical=canon.attributes.get("href") if canon else None,
        doc_title=" ".join(title.text().split()) if title else None,
        jsonld=jsonld,
        jsonld_types=frozenset(types),
    )


def _article_jsonld(scripts: Iterable[LexborNode]) -> tuple[dict[str, Any], set[str]]:
    """The first JSON-LD object of an article type, else the first ``WebPage``, else ``{}``.

    A page often describes itself as a ``WebPage`` before the ``NewsArticle``
    that carries the headline, dates and authors. Also the types named on
    the way (lower case), which tell a list page from a story.
    """
    page: dict[str, Any] = {}
    page_data: Any = None
    seen: set[str] = set()
    for node in scripts:
        raw = node.text()
        if not raw or len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data, 0):
            types = obj.get("@type")
            names = {
                t.lower()
                for t in (types if isinstance(types, list) else [types])
                if isinstance(t, str)
            }
            seen |= names
            if names & _ARTICLE_TYPES:
                return _with_authors_resolved(obj, data), seen
            if not page and "webpage" in names:
                page, page_data = obj, data
    return (_with_authors_resolved(page, page_data) if page else page), seen


def _with_authors_resolved(obj: dict[str, Any], data: Any) -> dict[str, Any]:
    """``obj`` with ``author`` references (``{"@id": ...}``) replaced by the nodes they name.

    A ``@graph`` (the layout WordPress SEO plugins write) states the article's
    author as a bare ``@id`` and the ``Person`` with its name as a sibling node
    of the same graph; without the lookup the name is lost.
    """
    author = obj.get("author")
    refs = author if isinstance(author, list) else [author]
    wanted = {
        ref["@id"]
        for ref in refs
        if isinstance(ref, dict) and "name" not in ref and isinstance(ref.get("@id"), str)
    }
    if not wanted or data is None:
        return obj
    found = {
        node["@id"]: node
        for node in _objects(data, 0)
        if node.get("@id") in wanted and "name" in node
    }
    if not found:
        return obj

    def resolve(ref: Any) -> Any:
        if isinstance(ref, dict) and "name" not in ref:
            return found.get(ref.get("@id"), ref)
        return ref

    resolved = [resolve(ref) for ref in refs] if isinstance(author, list) else resolve(author)
    return {**obj, "author": resolved}


def _objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _objects(graph, depth + 1)
