"""Authors and site name from structured metadata.

Fallback order for authors: JSON-LD ``author`` names, then ``author`` /
``article:author`` meta tags. Bylines printed in the text come later.
"""

from __future__ import annotations

from typing import Any

from .meta import PageMeta

#: More names than this in one field is a staff list or a tag cloud.
MAX_AUTHORS = 8


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def find_authors(meta: PageMeta) -> tuple[str, ...]:
    """Person names the page's metadata credits, each once."""
    names = _names(meta.jsonld.get("author"))
    if not names:
        value = meta.first("author", "article:author", "dc.creator", "byl")
        if value and not value.startswith("http"):
            names = [value]
    out: list[str] = []
    for name in names:
        name = " ".join(name.split()).removeprefix("By ").strip()
        if name and not name.startswith("http") and name not in out:
            out.append(name)
    return tuple(out[:MAX_AUTHORS])


def find_site_name(meta: PageMeta) -> str | None:
    """``og:site_name``, then the JSON-LD publisher, then ``application-name``."""
    value = meta.first("og:site_name")
    if value:
        return value
    publisher = _names(meta.jsonld.get("publisher"))
    if publisher:
        return publisher[0]
    return meta.first("application-name")
