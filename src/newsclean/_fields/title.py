"""Title: the headline as shown, without the site name.

Fallback order: an ``<h1>`` that the ``og:title`` / ``<title>`` confirms
(the page printed it and named it), then ``og:title`` / ``twitter:title`` /
JSON-LD ``headline``, then ``<title>``, each with a site-name suffix or
prefix removed, then the first ``<h1>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .meta import PageMeta

_SEPARATORS = re.compile(r"\s+[|\-–—·•:»]{1,2}\s+|\s*[_｜|]\s*|\s+-\s*|\s*–\s+")
#: A title part (or a confirming h1) must be at least this share of the longest one.
_MIN_PART_SHARE = 0.35


def _norm(text: str) -> str:
    return "".join(text.split()).casefold()


def strip_site(title: str, site_name: str | None) -> str:
    """Remove ``_频道_某某网`` / ``| Section | Site`` decorations from a title."""
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    if len(parts) <= 1:
        return title.strip()
    site = _norm(site_name) if site_name else ""
    kept = [p for p in parts if not site or (_norm(p) != site and _norm(p) not in site)]
    if not kept:
        return title.strip()
    first = kept[0]
    longest = max(kept, key=len)
    # Sites put their name last more often than first: prefer the head part
    # unless it is much shorter than another part.
    if len(first) >= _MIN_PART_SHARE * len(longest):
        return first
    return longest


def find_title(meta: PageMeta, h1s: Sequence[str], site_name: str | None) -> str | None:
    """Pick the headline, in the documented fallback order."""
    named = [
        t
        for t in (
            meta.first("og:title", "twitter:title"),
            _str(meta.jsonld.get("headline")),
            meta.doc_title,
        )
        if t
    ]
    for h1 in h1s:
        k = _norm(h1)
        if k and any(k in n and len(k) >= _MIN_PART_SHARE * len(n) for n in map(_norm, named)):
            return h1
    for t in named:
        stripped = strip_site(t, site_name)
        if stripped:
            return stripped
    return h1s[0] if h1s else None


def _str(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None
