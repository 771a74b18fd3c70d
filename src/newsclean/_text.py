"""Text normalisation: small pure ``str -> str`` fixers applied in a named order.

CJK punctuation is kept as published; only invisible and layout characters
are touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


# A UTF-8 lead byte read as Latin-1/windows-1252, then its continuation bytes
# read the same way (C1 controls, or the windows-1252 punctuation in 0x80-0x9F).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]{{1,3}}")


def _unmangle(match: re.Match[str]) -> str:
    chars = match.group()
    try:
        raw = b"".join(
            ch.encode("cp1252") if ch in _CP1252_HIGH else ch.encode("latin-1") for ch in chars
        )
        return raw.decode("utf-8")
    except UnicodeError:
        return chars


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was read as Latin-1 once (``weâ€™ve`` → ``we’ve``).

    Pages carry such text inside otherwise sound UTF-8 (copied from a
    database that stored it wrongly); a reader sees garbage, so does a model.
    Only sequences that decode as UTF-8 are changed.
    """
    if text.isascii():
        return text
    return _MOJIBAKE.sub(_unmangle, text)


def nfc(text: str) -> str:
    """Compose characters so that equal text compares equal."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def drop_zero_width(text: str) -> str:
    """Zero-width spaces and joiners and soft hyphens carry no text."""
    return _ZERO_WIDTH.sub("", text) if not text.isascii() else text


def collapse_spaces(text: str) -> str:
    """Non-breaking, full-width (indentation) and other spaces become one space, trimmed.

    ``str.split()`` knows every Unicode space, full-width ones included.
    """
    return " ".join(text.split())


#: The order matters: composing first lets later fixers see canonical text.
PLAN: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("mojibake", fix_mojibake),
    ("nfc", nfc),
    ("zero_width", drop_zero_width),
    ("spaces", collapse_spaces),
)


def normalize_text(text: str, *, collapsed: bool = False) -> str:
    """Apply every fixer of ``PLAN`` in order.

    ``collapsed`` tells that the text's whitespace is collapsed already (a
    block from segmentation): the space fixer, which costs more than the
    other three together, then runs only when one of them changed the text.
    Fixers return their argument itself when they change nothing.

    ASCII text (most paragraphs of most pages) holds no mojibake, no
    zero-width character and nothing to compose: only the space fixer can
    change it, and it is tried without going through the plan.
    """
    if text.isascii():
        return text if collapsed else collapse_spaces(text)
    fixed = text
    for _name, fixer in PLAN:
        if fixer is collapse_spaces and collapsed and fixed is text:
            continue
        fixed = fixer(fixed)
    return fixed


def normalize_paragraphs(
    paragraphs: Iterable[str], repeatable: Collection[int] = (), *, collapsed: bool = False
) -> tuple[str, ...]:
    """Normalise each paragraph, dropping empty ones and exact repeats.

    ``repeatable`` are the input positions of lines that may repeat: table
    rows are data, and two tables may share a header row. ``collapsed``: as
    for ``normalize_text``.
    """
    out: list[str] = []
    seen: set[str] = set()
    for i, p in enumerate(paragraphs):
        p = normalize_text(p, collapsed=collapsed)
        if p and (p not in seen or i in repeatable):
            seen.add(p)
            out.append(p)
    return tuple(out)
