"""Title: the headline as shown, without the site name.

Fallback order:

1. an ``<h1>`` that ``og:title`` / JSON-LD ``headline`` / ``<title>``
   confirms: contained in one of them, or sharing most of its words with
   one (a stale ``og:title`` says "2024" where the page now prints "2025"),
   or standing at the start of one before a separator (``Headline - Site -
   Tagline``). When the ``<h1>`` is a named title with more text glued on
   (a kicker, a section, a date row, a subtitle: ``Local News | Headline``),
   the named title is the headline;
2. when no ``<h1>`` is confirmed: a heading (``<h2>``-``<h6>``) or an
   element with ``title`` in its class (``div.title``, ``span.Title``,
   ``td.news_title``) above the first plausible ``<h1>`` that is most of a
   named title without its site parts (``og:title`` ``某某新闻(标题)``,
   ``td.news_title`` ``标题``);
3. ``og:title`` / ``twitter:title``, JSON-LD ``headline``, ``dc.title``,
   ``<title>``, each with its site decorations removed
   (``标题_国际频道_某某网``, ``Title | Section | Site``): parts naming the
   site go (also a part after the first that ends as websites' names do,
   ``_某某市人民政府门户网站``), then short trailing parts (a section, a
   brand) and a short section before ``»`` or ``--`` (``栏目--标题``), never
   words inside the headline. A named title that another one repeats before a
   separator (``og:title`` ``A – B`` and ``<title>`` ``A – B | Blog``) is
   whole already: only parts naming the site go;
4. the first plausible ``<h1>``.

An ``<h1>`` that is the site name (``og:site_name``, or the part of a named
title after its headline: ``Headline | Blog Name`` with ``<h1>Blog Name``) is
no headline, and names the site for stripping too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from .._rules import load_json
from .meta import PageMeta

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
#: CJK punctuation and full-width forms (``！``, ``）``): a headline may end in one.
_CJK_MARKS = "\u3000-\u303f\uff00-\uffef"
# Separators between a headline and its decorations. An underscore counts
# only next to CJK or a space (``rustc_codegen_gcc`` is a name, not two
# parts); a hyphen only with a space on one side at least (``Covid-19``), or
# unspaced after CJK text and before CJK or a Latin name (``标题-新华网``,
# ``栏目--标题``, ``标题-CCTV``). A dash ``——`` between CJK is punctuation
# inside the headline and stays.
_SEPARATOR = re.compile(
    rf"(\s+[|·•»]{{1,2}}\s+|\s*[｜|]\s*|\s+[-–—]{{1,2}}\s+|\s+[-–—]\s*(?=[{_CJK}])"
    rf"|(?<=[{_CJK}])\s*[-–—]\s+|(?<=[{_CJK}\s])_|_(?=[{_CJK}\s])"
    rf"|(?<=[{_CJK}{_CJK_MARKS}])-{{1,2}}(?=[{_CJK}A-Za-z]))"
)
#: Separators that lead from a section into what it holds: a breadcrumb
#: arrow, a doubled hyphen (``栏目--标题``).
_SECTION_SEPARATOR = re.compile(r"»|--")
# A Han, kana or hangul character is a word of its own, also next to digits
# or Latin letters (``第10号`` is 第, 10, 号), so that a headline's length
# is judged the same however its numbers are written.
_WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
#: A confirming h1 contained in a named title is at least this share of it.
MIN_H1_SHARE = 0.35
#: A heading other than an h1 is the headline when it is at least this
#: share of a named title without its site parts (set on zh-news and the
#: trafilatura corpus: headlines in a ``td.news_title`` or ``<h2>`` are 75%
#: and more of an ``og:title`` wrapped in the site's name or followed by an
#: issue number; a kicker printed above the headline was 67%).
MIN_HEADING_SHARE = 0.7
#: An h1 sharing this share of the words of a named title (of the longer of
#: the two) is the same headline, edited.
MIN_H1_OVERLAP = 0.5
#: A trailing part of at most this many words (CJK characters count as
#: words divided by three) is a section or brand, not part of the headline.
SHORT_PART_WORDS = 2
#: A plausible headline has at least this many words (CJK chars / 3).
MIN_HEADLINE_WORDS = 2
#: A separated title part ending like a website's name (``rules/titles.json``)
#: is one from this many characters on (新华网); as for outlets in bylines.
MIN_SITE_CHARS = 3


#: A permalink mark printed at the end of a heading.
_PERMALINK = re.compile(r"\s*[¶§⁋🔗#]$")


def _norm(text: str) -> str:
    return "".join(text.split()).casefold()


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def word_count(text: str) -> int:
    """A headline's length in words, each Han, kana or hangul character one word."""
    return len(_WORD.findall(text))


def _key(text: str) -> str:
    """Words only: ``ich...`` and ``ich…``, ``Blog -  X`` and ``Blog – X`` are one name."""
    return "".join(_words(text))


def _size(text: str) -> float:
    """Words, with a CJK character counting as a third of a word."""
    words = _words(text)
    cjk = sum(1 for w in words if len(w) == 1 and re.match(f"[{_CJK}]", w))
    return (len(words) - cjk) + cjk / 3


def strip_site(
    title: str,
    site_name: str | None,
    host: str | None = None,
    *,
    keep_short: bool = False,
    names: Sequence[str] = (),
) -> str:
    """Remove ``_频道_某某网`` / ``| Section | Site`` decorations from a title.

    ``keep_short`` keeps short trailing parts (the title is known to be
    whole); ``names`` are more names of the site.
    """
    pieces = _SEPARATOR.split(title)
    parts = [p.strip() for p in pieces[0::2]]
    seps = pieces[1::2]
    sites = {k for n in (site_name or "", host or "", *names) if (k := _key(n))}

    def is_site(part: str) -> bool:
        k = _key(part)
        return bool(k) and any(k == s or k in s or s in k for s in sites)

    keep = [
        i for i, p in enumerate(parts) if p and not is_site(p) and not (i > 0 and _names_a_site(p))
    ]
    if not keep:
        return title.strip()
    while not keep_short and len(keep) > 1 and _size(parts[keep[-1]]) <= SHORT_PART_WORDS:
        keep.pop()
    # A short part before a longer one and a separator that leads into it is
    # a section (``栏目--标题``, ``Blog Archive » Headline``); before a single
    # hyphen or a bar it may be the headline (``Villa Galaxy - Holiday villa``).
    while (
        not keep_short
        and len(keep) > 1
        and keep[0] + 1 == keep[1]
        and _SECTION_SEPARATOR.search(seps[keep[0]])
        and _size(parts[keep[0]]) <= SHORT_PART_WORDS < _size(parts[keep[1]])
    ):
        keep.pop(0)
    first, last = keep[0], keep[-1]
    out = parts[first]
    for i in range(first + 1, last + 1):
        out += seps[i - 1] + parts[i]
    return out.strip()


def _names_a_site(part: str) -> bool:
    """``某某市人民政府门户网站``, ``新华网``: a CJK name that ends as websites' names do."""
    return len(part) >= MIN_SITE_CHARS and part.endswith(_site_suffixes())


@functools.lru_cache(maxsize=1)
def _site_suffixes() -> tuple[str, ...]:
    return tuple(load_json("titles.json")["site_suffixes_cjk"])


def find_title(
    meta: PageMeta,
    h1s: Sequence[str],
    site_name: str | None,
    host: str | None = None,
    *,
    h1_parts: Sequence[Sequence[str]] = (),
    headings: Callable[[], Iterable[str]] | None = None,
) -> str | None:
    """Pick the headline, in the documented fallback order.

    ``h1_parts`` gives, for each of ``h1s``, the texts of its elements in
    order (a kicker ``<span>``, the headline, a date row), when known.
    ``headings`` gives the texts of the other headings and title-class
    elements; it is called only when no ``<h1>`` is confirmed, since
    finding them walks the whole page.
    """
    named = [
        t
        for t in (
            meta.first("og:title", "twitter:title"),
            _str(meta.jsonld.get("headline")),
            meta.first("dc.title", "dcterms.title"),
            meta.doc_title,
        )
        if t
    ]
    # ``Evolve: Shared Mutable History¶``: a heading's permalink mark is no
    # part of the headline (documentation and blog generators print one).
    h1s = [_PERMALINK.sub("", h) for h in h1s]
    parts = {h: p for h, p in zip(h1s, h1_parts, strict=False)}
    plausible = [h for h in h1s if _plausible(h, site_name)]
    confirmers = [*named, *([n] if (n := _str(meta.jsonld.get("name"))) else [])]
    # An h1 that a named title starts with (``Headline | Blog``) before one
    # that it only confirms: a blog's name in an h1 is often in the title too.
    # One naming the site host (``Four Years Remaining » Blog » Headline`` on
    # fouryears.eu) is the site.
    host_key = _key(host or "")
    leading = [
        h
        for h in plausible
        if any(_before_separator(h, n) for n in named) and not (host_key and host_key in _key(h))
    ]
    for h1 in leading:
        return _glued(parts.get(h1, ()), named, site_name, host) or h1
    for h1 in plausible:
        if any(_confirms(h1, n) for n in confirmers):
            return _glued(parts.get(h1, ()), named, site_name, host) or h1
    if named and headings is not None:
        shown = _confirmed_heading(headings(), h1s, named, site_name, host)
        if shown:
            return shown
    for t in named:
        whole = any(_before_separator(t, other) for other in named)
        stripped = strip_site(t, site_name, host, keep_short=whole)
        if stripped:
            return stripped
    return plausible[0] if plausible else (h1s[0] if h1s else None)


def _confirmed_heading(
    texts: Iterable[str],
    h1s: Sequence[str],
    named: Sequence[str],
    site_name: str | None,
    host: str | None,
) -> str | None:
    """The heading that is most of a named title's headline, as the page prints it.

    A ``div.title`` or ``<h2>`` holding ``标题`` beats an ``og:title``
    ``某某新闻(标题)`` whose decoration no separator marks. Only a heading
    contained in a named title stripped of its site parts counts, and only
    when it is most of it: a site or section name in a title-class element
    is a small part, or none, of the stripped title. The search ends at the
    first plausible ``<h1>``: headings after it are its sub-headings (``Key
    methods`` under ``7 Key Methods``) or other stories.
    """
    titles = [k for t in named if (k := _norm(strip_site(t, site_name, host)))]
    later_parts = {_norm(p) for t in named for p in _SEPARATOR.split(t)[2::2]}
    best, best_share = None, 0.0
    for text in texts:
        k = _norm(text)
        if not k or not _plausible(text, site_name):
            continue
        if text in h1s:
            break
        if k in later_parts:  # ``Headline | Blog Name`` and a ``p.site-title``
            continue
        for n in titles:
            share = len(k) / len(n)
            if k in n and share >= MIN_HEADING_SHARE and share > best_share:
                best, best_share = text, share
    return best


def _glued(
    parts: Sequence[str], named: Sequence[str], site_name: str | None, host: str | None
) -> str | None:
    """A named headline that is some, not all, of the h1's elements (without a kicker)."""
    texts = [k for p in parts if (k := _norm(p))]
    if len(texts) < 2:
        return None
    for t in named:
        stripped = strip_site(t, site_name, host, keep_short=True)
        n = _norm(stripped)
        if _size(stripped) < MIN_HEADLINE_WORDS:
            continue
        for i in range(len(texts)):
            run = ""
            for j in range(i, len(texts)):
                run += texts[j]
                if len(run) >= len(n):
                    break
            if run == n and (i, j) != (0, len(texts) - 1):
                return stripped
    return None


def _before_separator(text: str, other: str) -> bool:
    """``other`` is ``text`` followed by a separator and more (``text | Site``)."""
    a, b = _space(text), _space(other)
    if len(b) <= len(a) or not b.casefold().startswith(a.casefold()):
        return False
    return _SEPARATOR.match(b, len(a)) is not None


def _space(text: str) -> str:
    return " ".join(text.split())


def _plausible(h1: str, site_name: str | None) -> bool:
    if site_name and _key(h1) == _key(site_name):
        return False
    return _size(h1) >= MIN_HEADLINE_WORDS


def _confirms(h1: str, named: str) -> bool:
    k, n = _norm(h1), _norm(named)
    if k and k in n and len(k) >= MIN_H1_SHARE * len(n):
        return True
    a, b = set(_words(h1)), set(_words(strip_site(named, None)))
    if not a or not b:
        return False
    return len(a & b) >= MIN_H1_OVERLAP * max(len(a), len(b)) and len(a & b) >= 2


def _str(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None
