"""``find_authors`` and its sources: JSON-LD, meta, the tree, paragraphs, the site owner."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..meta import PageMeta
from .bylines import merge_names, names_in
from .names import is_site
from .paragraphs import from_paragraphs
from .rules import MAX_BYLINE_NODES, WEB, people_rules
from .site import find_site_name

#: Levels above the headline searched for byline elements.
HEADLINE_LEVELS = 4
#: A byline element with more text than this is an author bio or a wrapper.
MAX_BYLINE_TEXT = 200
#: Words of a JSON-LD Person named like the site for it to be the site's
#: owner; one word is a brand (calibrated on wcxb-articles and trafilatura).
MIN_OWNER_WORDS = 2

#: Numbered label/value meta pairs (``twitter:label1`` ``Written by``,
#: ``twitter:data1`` the name) read at most: WordPress SEO plugins write two.
MAX_META_PAIRS = 4
_BYLINE_NODES = (
    '[rel~="author" i], [itemprop~="author" i], [class*="byline" i], [class*="author" i]'
)
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})
#: Markup some sites leave in JSON-LD strings (``<a href=...>Name</a>``).
_TAG = re.compile(r"<[^<>]*>")


def _jsonld_names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [_plain(value)]
    if isinstance(value, dict):
        types = value.get("@type")
        kinds = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.casefold() in _ORG_TYPES for t in kinds):
            return []
        return _jsonld_names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _jsonld_names(item)]
    return []


def _plain(value: str) -> str:
    """A JSON-LD string as text: a site's template may write the author's link into it."""
    if "<" in value:
        value = _TAG.sub(" ", value)
    if "&" in value:
        value = html.unescape(value)
    return " ".join(value.split())


def _personal_site_owner(value: Any) -> list[str]:
    """Names of JSON-LD ``Person`` authors of at least ``MIN_OWNER_WORDS`` words.

    Read only when no other source named anyone, every JSON-LD author
    having been the site's own name: a site named
    after its author (a personal blog, ``Mei Lin``) credits a person, while
    an outlet calling itself the author gives a one-word brand or a
    ``Person`` that is no person's name (``Harbour News``), which the name
    filter still rejects.
    """
    if isinstance(value, list):
        return [n for item in value for n in _personal_site_owner(item)]
    if not isinstance(value, dict):
        return []
    types = value.get("@type")
    kinds = types if isinstance(types, list) else [types]
    name = value.get("name")
    if not any(isinstance(t, str) and t.casefold() == "person" for t in kinds):
        return []
    if not isinstance(name, str) or len(name.split()) < MIN_OWNER_WORDS:
        return []
    return [name]


def _inside(node: LexborNode, scope: LexborNode) -> bool:
    target = scope.mem_id
    current: LexborNode | None = node
    for _ in range(12):
        if current is None:
            return False
        if current.mem_id == target:
            return True
        current = current.parent
    return False


def _node_text(node: LexborNode) -> str:
    content = node.attributes.get("content")
    if content:
        return content
    text = node.text(separator=" ")
    if not text.strip():
        inner = node.css_first("[itemprop~='name' i][content]")
        return (inner.attributes.get("content") or "") if inner is not None else ""
    return text


def _headline_area(root: LexborHTMLParser | LexborNode) -> LexborHTMLParser | LexborNode:
    """The few levels around the first ``<h1>``, where bylines are printed.

    Searching there rather than the whole page keeps the selector cheap and
    keeps other stories' cards out.
    """
    h1 = root.css_first("h1")
    if h1 is None:
        return root
    area = h1
    for _ in range(HEADLINE_LEVELS):
        parent = area.parent
        if parent is None or parent.tag in ("body", "html"):
            break
        area = parent
    # A headline placed straight in <body> has no area of its own.
    return root if area is h1 else area


def _from_tree(root: LexborHTMLParser | LexborNode, site: str | None) -> list[str]:
    return _from_nodes(_headline_area(root).css(_BYLINE_NODES), site)


def _from_nodes(
    nodes: Sequence[LexborNode], site: str | None, *, lower_case: bool = False
) -> list[str]:
    """Names in the first byline element that has some, and in the elements inside or beside it."""
    out: list[str] = []
    scope: LexborNode | None = None
    for node in nodes[:MAX_BYLINE_NODES]:
        if scope is not None and not _inside(node, scope):
            continue
        if _is_comment(node):
            continue
        text = " ".join(_node_text(node).split())
        if not text or len(text) > MAX_BYLINE_TEXT:
            continue
        names = names_in(text, site, lower_case=lower_case)
        if names and scope is None:
            scope = node.parent or node
        out.extend(names)
    return out


def _is_comment(node: LexborNode) -> bool:
    """A reader comment's header (``comment-author``) names the commenter, not the author."""
    return "comment" in (node.attributes.get("class") or "").casefold()


def find_authors(
    meta: PageMeta,
    tree: LexborHTMLParser | LexborNode | None = None,
    body_paragraphs: Iterable[str] = (),
    author_marks: Sequence[LexborNode] = (),
) -> tuple[str, ...]:
    """Person names the page credits, in the fallback order of the package docstring.

    ``author_marks`` are the page's ``rel=author`` / ``itemprop=author``
    elements (``meta.read_page_nodes`` finds them in its walk), read when
    the headline's surroundings name no one.
    """
    site = find_site_name(meta)
    names = _values_names(_jsonld_names(meta.jsonld.get("author")), site)
    if not names:
        names = _values_names(_meta_authors(meta), site)
    if not names and tree is not None:
        names = _from_tree(tree, site)
    if not names:
        names = _from_nodes(author_marks, site)
    if not names:
        names = from_paragraphs(body_paragraphs, site)
    if not names and tree is not None:
        # Only once the page's own bylines were searched.
        names = _lower_case_names(meta, author_marks, site)
    if not names and tree is not None:
        # Last, and only once the page's own bylines were searched.
        names = _values_names(_personal_site_owner(meta.jsonld.get("author")), None)
        names = names or _site_owner_names(meta, site)
    return merge_names(names)


def _meta_authors(meta: PageMeta) -> list[str]:
    """The author meta tags' values, then ``twitter:dataN`` where ``twitter:labelN`` names it.

    WordPress SEO plugins print the author only as a Twitter card pair
    (``Written by`` / ``Verfasst von`` and the name) on many sites.
    """
    r = people_rules()
    values = [v for k in r.author_meta if (v := meta.metas.get(k))]
    for i in range(1, MAX_META_PAIRS + 1):
        label = meta.metas.get(f"twitter:label{i}")
        value = meta.metas.get(f"twitter:data{i}")
        if label and value and label.casefold() in r.author_meta_labels:
            values.append(value)
    return values


def _stated_values(meta: PageMeta) -> list[str]:
    """The JSON-LD and meta author values, profile URLs left out whole."""
    values = [*_jsonld_names(meta.jsonld.get("author")), *_meta_authors(meta)]
    return [v for v in values if v and not WEB.search(v)]


def _values_names(
    values: Iterable[str], site: str | None, *, lower_case: bool = False
) -> list[str]:
    return [n for v in values for n in names_in(v, site, lower_case=lower_case)]


def _site_owner_names(meta: PageMeta, site: str | None) -> list[str]:
    """JSON-LD or meta authors of at least ``MIN_OWNER_WORDS`` words that are the site's name.

    A site named after its author (``Mei Lin``, ``Mei Lin Photography``)
    states its owner as the author; the name was set aside as the outlet.
    Read only when no source named anyone else. A one-word brand is still
    the outlet, so is a name opening with an article (``The Economist``),
    and an outlet's name (``Harbour Times``) still fails the name filter.
    """
    if not site:
        return []
    articles = people_rules().title_articles
    key = site.casefold()
    values = _stated_values(meta)
    return [
        n
        for n in _values_names(values, None, lower_case=True)
        if len(n.split()) >= MIN_OWNER_WORDS
        and is_site(n.casefold(), key)
        and n.split()[0].casefold() not in articles
    ]


def _lower_case_names(meta: PageMeta, marks: Sequence[LexborNode], site: str | None) -> list[str]:
    """Names written in lower case in the page's explicit author fields.

    JSON-LD and meta authors and ``rel=author`` / ``itemprop=author``
    elements hold the author's name as the author typed it or as a user
    name (``kirstin boatto``, ``jsteinhardt``). Read only when no source
    gave a capitalised name: a site that prints its author's user name in
    its metadata often prints the real name in the byline
    (``arianschlichenmayer`` / ``von Arian Schlichenmayer``). Profile URLs
    are skipped whole, so that their parts (``https``) are not read as names.
    """
    values = _stated_values(meta)
    names = _values_names(values, site, lower_case=True)
    return names or _from_nodes(marks, site, lower_case=True)
