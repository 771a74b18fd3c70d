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
# Each lead takes exactly the continuations its byte announces, so a sound
# character after a mangled one ("CafÃ©\u00a0!") is never swallowed.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = f"[\u0080-\u00bf{_CP1252_HIGH}]"
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)
#: A lead character and a continuation: one class then another, which the
#: engine scans for quickly; most text has none and goes no further.
_CANDIDATE = re.compile(f"[\u00c2-\u00f4]{_CONT}")
#: What mangled Latin text decodes to: Latin letters, general punctuation,
#: currency and letterlike signs, and emoji. Anything else (NKo from
#: ``ß`` + soft hyphen, a Han character from ``é`` + no-break space + ``»``)
#: is only taken inside a run of mangled characters (``ä¸­æ–‡``).
_LATIN_RESULTS = ((0x80, 0x24F), (0x2000, 0x20CF), (0x2100, 0x214F), (0x1F000, 0x1FAFF))


def _decode(chars: str) -> str | None:
    try:
        raw = b"".join(
            ch.encode("cp1252") if ch in _CP1252_HIGH else ch.encode("latin-1") for ch in chars
        )
        return raw.decode("utf-8")
    except UnicodeError:
        return None


def _latin_result(decoded: str) -> bool:
    code = ord(decoded)
    return any(lo <= code <= hi for lo, hi in _LATIN_RESULTS)


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was read as Latin-1 once (``weâ€™ve`` → ``we’ve``).

    Pages carry such text inside otherwise sound UTF-8 (copied from a
    database that stored it wrongly); a reader sees garbage, so does a model.
    A sequence is changed only where the repair is what mangled text looks
    like: it decodes as UTF-8 to a Latin letter or a punctuation mark, or it
    stands in a run of such sequences. Correct text that happens to match
    (German ``Maß`` + soft hyphen, French ``arrêté`` + no-break space + ``»``)
    is left alone. A general library for this was weighed and not taken: it
    turns ``Maß“nahmen`` into an NKo letter too.
    """
    if text.isascii() or _CANDIDATE.search(text) is None:
        return text
    found = [(m, _decode(m.group())) for m in _MOJIBAKE.finditer(text)]
    if not found:
        return text
    out: list[str] = []
    last = 0
    for i, (m, decoded) in enumerate(found):
        if decoded is None or not (_latin_result(decoded) or _in_run(found, i)):
            continue
        out.append(text[last : m.start()])
        out.append(decoded)
        last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _in_run(found: list[tuple[re.Match[str], str | None]], i: int) -> bool:
    """Whether sequence ``i`` touches another mangled sequence that decodes."""
    m = found[i][0]
    before = i > 0 and found[i - 1][0].end() == m.start() and found[i - 1][1] is not None
    after = (
        i + 1 < len(found) and found[i + 1][0].start() == m.end() and found[i + 1][1] is not None
    )
    return before or after


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
