"""Bytes to text, the way a browser would read a news page.

The first rule that applies decides the encoding:

1. ``bom``: a UTF-8, UTF-16 LE or UTF-16 BE byte order mark.
2. ``http``: the charset of the HTTP ``Content-Type`` header, unless the
   bytes contradict it. Non-ASCII bytes that read as UTF-8 are UTF-8 whatever
   legacy label the server sends; a UTF-8 label on bytes that are not UTF-8
   is dropped, and the rules below decide.
3. ``utf-8``: non-ASCII bytes that read as UTF-8, even under a stale legacy
   ``<meta>`` label left behind by a site migration.
4. ``meta``: the ``<meta charset>``, ``<meta http-equiv="Content-Type">`` or
   ``<?xml encoding?>`` label in the first 16 KiB. Pure ASCII with no label
   is UTF-8.
5. ``detected``: charset-normalizer, run on the page's non-ASCII text runs
   rather than on its first bytes, which are mostly markup.
6. ``fallback``: UTF-8 with U+FFFD for whatever does not decode.

Every label goes through the WHATWG table in ``rules/encodings.json``, so a
page labelled gb2312 is read as gb18030, big5 as big5hkscs and iso-8859-1 as
cp1252: sites use the superset's characters under the subset's name, and
browsers display them. UTF-16 and UTF-32 labels are ignored: without a BOM
such a label on an ASCII-compatible byte stream is always a mistake.

Decoding never raises on bytes, and its cost is bounded: the label scan reads
16 KiB and the detector at most 64 KiB, whatever the size of the page.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Literal

#: This package, wherever it is imported from: its data files ship inside it.
_PACKAGE = __package__ or "newsclean"

DecodeRule = Literal["bom", "http", "utf-8", "meta", "detected", "fallback"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_HEAD_BYTES = 16 * 1024
_SAMPLE_BYTES = 64 * 1024
_CHUNK_BYTES = 8 * 1024

# Broken UTF-8 sequences tolerated per byte of well-formed multi-byte UTF-8.
# Legacy CJK and Cyrillic text read as UTF-8 yields more than two broken
# sequences per such byte; a UTF-8 page with a summary cut mid-character
# yields a handful in thousands.
_UTF8_DAMAGE_RATIO = 10

_ENCODED_REPLACEMENT = "\ufffd".encode()
_LABEL_JUNK = " \t\n\f\r\"'"

_PRESCAN = re.compile(
    rb"(?P<comment><!--.*?(?:-->|\Z))|(?P<meta><meta\b[^>]*)|(?P<xml><\?xml\b[^>]*)",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([\w.:()+-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""\bencoding\s*=\s*["']?\s*([\w.:()+-]+)""", re.IGNORECASE)

_TEXT_RUN = re.compile(rb"[\x80-\xff][^<>]{0,%d}" % (_CHUNK_BYTES - 1))
_TAG_DELIMITER = re.compile(rb"[<>]")
_UP_TO_LAST_LOW_BYTE = re.compile(rb".*[\x00-\x3f]", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the Python codec that produced it and the rule that chose it.

    ``encoding`` is a codec name Python accepts, so a caller can encode text
    back for the page (form values, URL queries) exactly as the browser would.
    ``source`` defaults to ``"fallback"`` so that text built by hand, without
    the rules, does not claim more certainty than it has.
    """

    text: str
    encoding: str
    source: DecodeRule = "fallback"


@dataclass(frozen=True, slots=True)
class _Tables:
    """The label data, inverted once for lookups."""

    labels: Mapping[str, str]
    detected: Mapping[str, str]


@functools.cache
def _tables() -> _Tables:
    """Load the label table on first use, so importing the package stays cheap."""
    path = resources.files(_PACKAGE) / "rules" / "encodings.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    labels = {label: codec for codec, names in raw["labels"].items() for label in names}
    detected = {codec: codec for codec in labels.values()}
    detected.update(raw["detected"])
    return _Tables(labels=labels, detected=detected)


def _codec_for_label(label: str) -> str | None:
    """The codec a browser uses for an encoding label, or None if it knows none.

    Unknown labels, and the UTF-16/UTF-32 ones, give None rather than an
    error: a bad label is the page's mistake and the next rule gets a say.
    """
    return _tables().labels.get(label.strip(_LABEL_JUNK).lower())


def _codec_for_detected(name: str) -> str | None:
    """Fold a detector answer into the codec a browser would use for it.

    The detector answers in Python codec names, and reports the smallest
    charset that fits the sample (gb2312, big5); the rest of the page may use
    the superset's extra characters. Answers no browser can show (EBCDIC,
    BOM-less UTF-16) give None.
    """
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    tables = _tables()
    for key in (canonical, canonical.replace("_", "-")):
        codec = tables.detected.get(key) or tables.labels.get(key)
        if codec is not None:
            return codec
    return None


def _strip_bom(data: bytes) -> Decoded | None:
    """Decode by byte order mark: a BOM is deliberate, so it beats any label."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(codec, "replace"), codec, "bom")
    return None


def _as_utf8(data: bytes) -> str | None:
    """The text if the bytes are UTF-8, allowing a little damage, else None.

    Pages cut at a byte limit and summaries truncated mid-character leave a
    few broken sequences in otherwise clean UTF-8; rejecting the whole page
    for them would hand it to a legacy codec and garble every line.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd") - data.count(_ENCODED_REPLACEMENT)
    multibyte = len(data) - len(text)
    return text if broken * _UTF8_DAMAGE_RATIO <= multibyte else None


def _declared_codec(head: bytes) -> str | None:
    """The codec named by the first usable in-document label.

    A regex prescan rather than a parser, as browsers do: it must work on
    bytes before any decoding. Commented-out tags are skipped, an unknown
    label moves on to the next tag, and ``<meta>`` beats ``<?xml?>`` because
    HTML parsers ignore the XML declaration.
    """
    xml_codec: str | None = None
    for tag in _PRESCAN.finditer(head):
        if tag.lastgroup == "meta":
            found = _META_CHARSET.search(tag.group())
            codec = _codec_for_label(found.group(1).decode("ascii")) if found else None
            if codec is not None:
                return codec
        elif tag.lastgroup == "xml" and xml_codec is None:
            found = _XML_ENCODING.search(tag.group())
            xml_codec = _codec_for_label(found.group(1).decode("ascii")) if found else None
    return xml_codec


def _clip(run: bytes, limit: int) -> bytes:
    """Cut a text run to ``limit`` bytes without splitting a character.

    A byte below 0x40 is never the tail of a character in UTF-8, GBK, Big5,
    Shift_JIS or EUC, so cutting after one is safe; a strict decoder would
    otherwise reject the sample for its last character. A run with no such
    byte is taken as pure double-byte text, cut at an even length.
    """
    cut = run[:limit]
    safe = _UP_TO_LAST_LOW_BYTE.match(cut)
    return safe.group() if safe else cut[: limit - limit % 2]


def _text_runs(data: bytes) -> Iterator[bytes]:
    """Yield the non-ASCII text between tags, each run from its first high byte.

    Markup and ASCII carry no evidence about the encoding and drown the
    detector, so only runs holding non-ASCII bytes are kept. A run starts at
    a character boundary because ``<`` and ``>`` are never trail bytes in an
    ASCII-compatible encoding.
    """
    pos = 0
    while (match := _TEXT_RUN.search(data, pos)) is not None:
        run = match.group()
        if len(run) < _CHUNK_BYTES:
            pos = match.end()
            yield run
            continue
        delimiter = _TAG_DELIMITER.search(data, match.end())
        pos = delimiter.start() if delimiter else len(data)
        yield _clip(run, _CHUNK_BYTES)


def _sample_chunks(data: bytes) -> list[bytes]:
    """Pack up to 64 KiB of text runs into chunks of about 8 KiB.

    The detector decodes its whole input strictly, so one corrupt byte rules
    out the right codec; several chunks confine the damage to one vote.
    """
    chunks: list[bytes] = []
    pending: list[bytes] = []
    pending_size = total = 0
    for run in _text_runs(data):
        pending.append(run)
        pending_size += len(run)
        total += len(run)
        if pending_size >= _CHUNK_BYTES:
            chunks.append(b"\n".join(pending))
            pending, pending_size = [], 0
        if total >= _SAMPLE_BYTES:
            break
    if pending:
        chunks.append(b"\n".join(pending))
    return chunks


def _detect_chunk(chunk: bytes) -> str | None:
    """The best detector answer for one chunk that a browser could display.

    Imported here: most pages are settled by a BOM, a label or UTF-8, and
    should not pay for loading the detector.
    """
    from charset_normalizer import from_bytes

    for match in from_bytes(chunk):
        for name in match.could_be_from_charset:
            codec = _codec_for_detected(name)
            if codec is not None:
                return codec
    return None


def _detect(data: bytes) -> str | None:
    """Vote over the sample chunks, each weighted by its size."""
    votes: Counter[str] = Counter()
    for chunk in _sample_chunks(data):
        codec = _detect_chunk(chunk)
        if codec is not None:
            votes[codec] += len(chunk)
    return max(votes, key=votes.__getitem__) if votes else None


def _from_http(data: bytes, codec: str, utf8: str | None) -> Decoded | None:
    """Apply the HTTP label unless the bytes contradict it.

    Servers often send a site-wide default charset that the page itself
    disproves, so the header is a strong hint rather than a fact.
    """
    if utf8 is not None and (codec == "utf-8" or not data.isascii()):
        return Decoded(utf8, "utf-8", "http" if codec == "utf-8" else "utf-8")
    if codec == "utf-8":
        return None
    return Decoded(data.decode(codec, "replace"), codec, "http")


def decode_html(data: bytes, *, http_charset: str | None = None) -> Decoded:
    """Decode page bytes as a browser would, repairing what browsers cannot.

    ``http_charset`` is the charset parameter of the response's Content-Type
    header, if any. See the module docstring for the rule order.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_html() needs bytes, not {type(data).__name__}")
    data = bytes(data)
    by_bom = _strip_bom(data)
    if by_bom is not None:
        return by_bom
    utf8 = _as_utf8(data)
    http_codec = _codec_for_label(http_charset) if http_charset else None
    if http_codec is not None:
        by_http = _from_http(data, http_codec, utf8)
        if by_http is not None:
            return by_http
    if utf8 is not None and not data.isascii():
        return Decoded(utf8, "utf-8", "utf-8")
    declared = _declared_codec(data[:_HEAD_BYTES])
    if declared is not None and (declared != "utf-8" or utf8 is not None):
        return Decoded(data.decode(declared, "replace"), declared, "meta")
    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8")
    detected = _detect(data)
    if detected is not None:
        return Decoded(data.decode(detected, "replace"), detected, "detected")
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "fallback")
