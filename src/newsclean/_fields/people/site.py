"""The site's name, from its metadata."""

from __future__ import annotations

from typing import Any

from ..meta import PageMeta


def _names(value: Any) -> list[str]:
    """Names in a JSON-LD value (string, object with ``name``, list), any type."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def find_site_name(meta: PageMeta) -> str | None:
    """``og:site_name``, then the JSON-LD publisher, then ``application-name``."""
    value = meta.first("og:site_name")
    if value:
        return value
    publisher = _names(meta.jsonld.get("publisher"))
    if publisher:
        return " ".join(publisher[0].split()) or None
    return meta.first("application-name")
