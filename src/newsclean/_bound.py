"""A bounded parse: flatten nesting past 512 and cut attributes past 256, as browsers do.

The HTML parser's tree building is quadratic in element depth (each new
element looks at the open elements) and in attributes per element (each new
attribute is checked against the others): 100,000 nested ``<div>``s take
seconds, 50,000 attributes on one tag too. Real pages nest a few dozen deep
and carry a few attributes per tag. Browsers bound both (Chrome and Firefox
flatten nesting at 513, jsoup at 512), and so does this stage, before the
parse:

- a start tag that would open an element deeper than ``MAX_DEPTH`` is
  dropped, with its end tag; the text inside stays, one level up;
- a start tag keeps its first ``MAX_ATTRIBUTES`` attributes.

The full scan is a Python walk over the tags, far too slow to run on every
page; a cheap test decides first whether a page *could* need it. Nesting
deeper than ``MAX_DEPTH`` needs that many tags, so a page with fewer than
``SCAN_FROM_TAGS`` ``<`` characters is left alone (the deepest nesting it
can hold parses in well under a second). Many attributes on one tag show
as a start tag whose text is long and dense with attribute names, or as
many more ``>`` than ``<`` (attribute values holding ``>``). Pages that
pass the test are returned as they are, the same object.

The stack model follows the parser where depth can grow: void elements and
elements that close their like (``p``, ``li``, ``td``...) never add depth,
raw-text elements (``script``, ``style``...) are skipped whole, and an end
tag closes the nearest open element of its name. It is not a full HTML
tree builder: it only has to agree with the parser on pages that nest past
``MAX_DEPTH``, which real pages never do, and to leave every other page
unchanged (checked over the development corpora in the tests).
"""

from __future__ import annotations

import functools
import re

#: Deepest element kept; start tags below it are dropped (their text kept).
MAX_DEPTH = 512
#: Attributes kept per start tag.
MAX_ATTRIBUTES = 256
#: Pages with fewer ``<`` than this are not scanned for depth: 8,000 nested
#: elements parse in ~0.2 s on the development machine. The development
#: corpora's pages hold at most ~21,600; 39 of 1,797 reach 8,000.
SCAN_FROM_TAGS = 8_000
#: A page shorter than this cannot hold a tag of attributes that takes
#: seconds to parse: each distinct valued attribute takes 5 bytes or more
#: (``ab=1 ``), so at most ~26,000 fit, which parse in about a second.
ATTRIBUTE_PAGE = 128 * 1024
#: Pages with fewer ``=`` than this are not scanned for attributes: a tag
#: of 16,000 valued attributes parses in ~0.6 s. The corpora's pages hold
#: at most ~43,000 (25 of 1,797 reach 16,000).
SCAN_FROM_EQUALS = 16_000
#: Start tags this long (characters) may hold more than ``MAX_ATTRIBUTES``.
LONG_TAG = 2 * MAX_ATTRIBUTES
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
#: Elements that a start tag of their own kind (or their parent's end) closes:
#: they never nest by themselves, so they add no depth in the model.
_SELF_CLOSING_KIND = frozenset(
    [
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "option",
        "optgroup",
        "rb",
        "rt",
        "rp",
        "rtc",
        "caption",
        "colgroup",
    ]
)
_RAW_TEXT = frozenset(
    ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"]
)
_FOREIGN = frozenset({"svg", "math"})

#: Anything that starts markup: a whole start or end tag (name, then the
#: rest up to its ``>``), a comment, a doctype. In the rest, a quote opens a
#: value only right after ``=`` (``title=it's`` holds a plain apostrophe),
#: as the tokenizer reads it; each step is atomic (a lookahead captured,
#: then consumed), so a tag that never ends costs linear time.
_MARKUP = re.compile(
    r"""<(/?)([A-Za-z][^\t\n\f\r />]*)((?:(?=([^>=]+|=\s*"[^"]*"|=\s*'[^']*'|=))\4)*)>"""
    r"|<!--|<[!?]|</"
)
#: One attribute: a name and an optional value.
_ATTRIBUTE = re.compile(r"""[^\s"'>/=][^\s"'>/=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")


def needs_bounding(markup: str | bytes) -> bool:
    """Whether a page could nest past ``MAX_DEPTH`` or hold a tag of many attributes.

    One C-level count of ``<`` (about 0.05 ms on a 100 KB page), and on a
    page of ``ATTRIBUTE_PAGE`` or more a count of ``=`` too. False proves the
    page safe from deep nesting and from tags of many valued attributes (a
    value hiding ``>`` or ``<`` needs its ``=`` too); True only asks for the
    scan.
    """
    if isinstance(markup, bytes):
        if markup.count(b"<") >= SCAN_FROM_TAGS:
            return True
        return len(markup) >= ATTRIBUTE_PAGE and markup.count(b"=") >= SCAN_FROM_EQUALS
    if markup.count("<") >= SCAN_FROM_TAGS:
        return True
    return len(markup) >= ATTRIBUTE_PAGE and markup.count("=") >= SCAN_FROM_EQUALS


def bound(text: str) -> str:
    """``text`` with nesting past ``MAX_DEPTH`` flattened and attributes cut to ``MAX_ATTRIBUTES``.

    Returns ``text`` itself when nothing needed changing. A start tag with
    no ``>`` after it is not a tag here: the parser drops it with the rest
    of the page, so nothing after it can nest.
    """
    out: list[str] = []
    kept = 0  # text[:kept] is already in ``out`` (or unchanged so far)
    names: list[str] = []  # the open elements, dropped ones included
    dropped: list[bool] = []
    open_count: dict[str, int] = {}
    foreign = 0
    pos = 0
    search = _MARKUP.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        start, end = m.span()
        name = m.group(2)
        if name is None:
            pos = _skip_other(text, m)
            continue
        name = name.lower()
        pos = end
        if m.group(1):  # an end tag: close the nearest open element of its name
            if open_count.get(name):
                while names:
                    top = names.pop()
                    was_dropped = dropped.pop()
                    open_count[top] -= 1
                    if top in _FOREIGN:
                        foreign -= 1
                    if top == name:
                        if was_dropped:
                            out.append(text[kept:start])
                            kept = end
                        break
            continue
        if name in _RAW_TEXT:
            pos = _skip_raw(text, name, end)
            continue
        if end - start > LONG_TAG:
            tag = text[start:end]
            cut = _cut_attributes(tag, m.end(2) - start)
            if cut is not tag:
                out.append(text[kept:start])
                out.append(cut)
                kept = end
        if name in _VOID or name in _SELF_CLOSING_KIND:
            continue
        if foreign and text.startswith("/>", end - 2):
            continue
        drop = len(names) >= MAX_DEPTH
        if drop:
            out.append(text[kept:start])
            kept = end
        names.append(name)
        dropped.append(drop)
        open_count[name] = open_count.get(name, 0) + 1
        if name in _FOREIGN:
            foreign += 1
    if not out:
        return text
    out.append(text[kept:])
    return "".join(out)


def _skip_other(text: str, m: re.Match[str]) -> int:
    """Past a comment, a doctype or a bogus comment (``<!...>``, ``<?...>``, ``</ ...>``)."""
    if m.group(0) == "<!--":
        close = text.find("-->", m.end())
        return len(text) if close < 0 else close + 3
    close = text.find(">", m.end())
    return len(text) if close < 0 else close + 1


def _skip_raw(text: str, name: str, pos: int) -> int:
    """Past a raw-text element's content and its end tag (the rest of the page without one)."""
    m = _raw_end(name).search(text, pos)
    return len(text) if m is None else m.end()


@functools.cache
def _raw_end(name: str) -> re.Pattern[str]:
    return re.compile(rf"</{name}(?:[\t\n\f\r /][^>]*)?>", re.IGNORECASE)


def _cut_attributes(tag: str, head: int) -> str:
    """The start tag with its first ``MAX_ATTRIBUTES`` attributes; ``tag`` if it has no more."""
    found: list[str] = []
    for count, m in enumerate(_ATTRIBUTE.finditer(tag, head, len(tag) - 1), 1):
        if count > MAX_ATTRIBUTES:
            return tag[:head] + " " + " ".join(found) + ">"
        found.append(m.group())
    return tag
