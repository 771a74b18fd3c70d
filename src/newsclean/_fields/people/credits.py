"""Editors and the credited source: ``find_editors``, ``find_source``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..meta import PageMeta
from .bylines import merge_names, names_in
from .rules import MAX_BYLINE_NODES, WEB, PeopleRules, people_rules

#: Source credits are looked for in paragraphs and elements at most this long.
MAX_SOURCE_LINE = 200

_SOURCE_NODES = '[class*="source" i], [id*="source" i], [class*="info" i], [class*="meta" i]'
# The first letter is matched in both cases outside the case-blind group, and
# the word boundary before it checked after it: a pattern that opens with a
# literal lets the regex engine skip in C to where it can match, instead of
# trying it at every character.
_EDITED_BY = re.compile(r"[eE](?<!\w.)(?i:dit(?:ing|ed) by )([^;)]+)")
_NEXT_LABEL = re.compile(r"\s+\S{1,6}\s*:.*$|[。.].*$")


def find_editors(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Editors credited in editor lines: ``责任编辑：X``, ``【责任编辑：王芳】``, ``Editing by X``.

    Pass the page's blocks before editor lines are filtered out of the body.
    """
    r = people_rules()
    out: list[str] = []
    for paragraph in paragraphs:
        text = unicodedata.normalize("NFKC", paragraph)
        for m in r.editor.finditer(text):
            out.extend(names_in(_NEXT_LABEL.sub("", m.group(1).strip())))
        for m in _EDITED_BY.finditer(text):
            out.extend(names_in(m.group(1)))
    return merge_names(out)


def _source_value(value: str, r: PeopleRules) -> str | None:
    value = value.strip().rstrip("。.、:：")
    if not value or WEB.search(value) or value.isdigit():
        return None
    if value.casefold() in r.labels or any(ch in value for ch in ":："):
        return None
    return value


def _source_in(text: str, r: PeopleRules) -> str | None:
    for m in r.source.finditer(text):
        value = _source_value(m.group(1), r)
        if value:
            return value
    return None


def find_source(
    paragraphs: Iterable[str],
    meta: PageMeta,
    *,
    tree: LexborHTMLParser | LexborNode | None = None,
) -> str | None:
    """The outlet credited with ``来源：X`` / ``來源：X`` / ``稿源：X``: ``来源：新华网`` -> 新华网.

    Short paragraphs first (pass the blocks before source lines are
    filtered out), then the page's source/info elements, then a ``source``
    meta tag. A credit inside quotes (``凡注明“来源：某网”的作品``) is a
    copyright notice, not a credit, and is skipped.
    """
    r = people_rules()
    for paragraph in paragraphs:
        if len(paragraph) <= MAX_SOURCE_LINE:
            found = _source_in(paragraph.strip(), r)
            if found:
                return found
    if tree is not None:
        for node in tree.css(_SOURCE_NODES)[:MAX_BYLINE_NODES]:
            text = " ".join(node.text(separator=" ").split())
            if len(text) <= MAX_SOURCE_LINE:
                found = _source_in(text, r)
                if found:
                    return found
    value = meta.first("source", "article:source")
    return _source_value(value, r) if value else None
