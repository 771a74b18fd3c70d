"""Text normalisation: small pure ``str -> str`` fixers applied in a named order.

CJK punctuation is kept as published; only invisible and layout characters
are touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u3000\u2002\u2003\u2009\u202f\u205f\t\r\n\f\v ]+")


def nfc(text: str) -> str:
    """Compose characters so that equal text compares equal."""
    return unicodedata.normalize("NFC", text)


def drop_zero_width(text: str) -> str:
    """Zero-width spaces and joiners and soft hyphens carry no text."""
    return _ZERO_WIDTH.sub("", text)


def collapse_spaces(text: str) -> str:
    """Non-breaking, full-width (indentation) and other spaces become one space, trimmed."""
    return _SPACES.sub(" ", text).strip()


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
