"""Text normalisation: small pure ``str -> str`` fixers applied in a named order.

CJK punctuation is kept as published; only invisible and layout characters
are touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


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
    ("nfc", nfc),
    ("zero_width", drop_zero_width),
    ("spaces", collapse_spaces),
)


def normalize_text(text: str) -> str:
    """Apply every fixer of ``PLAN`` in order."""
    for _name, fixer in PLAN:
        text = fixer(text)
    return text


def normalize_paragraphs(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Normalise each paragraph, dropping empty ones and exact repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for p in paragraphs:
        p = normalize_text(p)
        if p and p not in seen:
            seen.add(p)
            out.append(p)
    return tuple(out)
