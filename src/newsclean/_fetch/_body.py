"""The response body: decompressed by us, counted as it arrives, cut at the cap.

httpx's own gzip/deflate decoders inflate each network chunk in one call
with no output bound, so 64 KiB of a gzip bomb can become 64 MB at once.
The body is therefore read raw and inflated here with ``max_length``: no
piece of output is larger than ``PIECE`` bytes, and reading stops as soon
as the running total passes ``max_bytes``. The fetcher only advertises
gzip and deflate, so those are the only codings handled.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable, Iterator
from typing import Protocol

from .._errors import FetchError, FetchTimeoutError, TooLargeError

#: Largest piece of decompressed output produced at once.
PIECE = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class _Decoder(Protocol):
    def decode(self, data: bytes) -> Iterator[bytes]: ...

    def flush(self) -> Iterator[bytes]: ...


class _Zlib:
    """Bounded gzip or deflate decoding, tolerant the way browsers are.

    ``deflate`` is sent both zlib-wrapped and raw in the wild, so a raw
    stream is tried when the wrapped one fails at the first bytes;
    concatenated gzip members are read one after another; bytes after the
    end of the stream are ignored.
    """

    def __init__(self, coding: str) -> None:
        self._coding = coding
        self._fresh = True
        self._inflate = self._new()

    def _new(self, wbits: int | None = None) -> zlib._Decompress:
        if wbits is None:
            wbits = zlib.MAX_WBITS | 16 if self._coding == "gzip" else zlib.MAX_WBITS
        return zlib.decompressobj(wbits)

    def decode(self, data: bytes) -> Iterator[bytes]:
        while True:
            try:
                out = self._inflate.decompress(data, PIECE)
            except zlib.error:
                if not (self._fresh and self._coding == "deflate"):
                    raise
                self._fresh, self._inflate = False, self._new(-zlib.MAX_WBITS)
                continue
            self._fresh = False
            data = self._inflate.unconsumed_tail
            if out:
                yield out
            if self._inflate.eof or (not data and len(out) < PIECE):
                break
        if self._inflate.eof:
            rest = self._inflate.unused_data + data
            if self._coding == "gzip" and rest.startswith(_GZIP_MAGIC):
                self._inflate = self._new()
                yield from self.decode(rest)

    def flush(self) -> Iterator[bytes]:
        out = self._inflate.flush()
        for start in range(0, len(out), PIECE):
            yield out[start : start + PIECE]


def _decoders(content_encoding: str, url: str) -> list[_Decoder]:
    """Decoders in the order they must run: the last coding applied comes off first."""
    codings = [c.strip().lower() for c in content_encoding.split(",")]
    decoders: list[_Decoder] = []
    for coding in reversed(codings):
        coding = {"x-gzip": "gzip"}.get(coding, coding)
        if coding in ("", "identity"):
            continue
        if coding not in ("gzip", "deflate"):
            raise FetchError(f"unsupported Content-Encoding {coding!r}", url=url)
        decoders.append(_Zlib(coding))
    return decoders


def _through(decoders: list[_Decoder], pieces: Iterable[bytes]) -> Iterator[bytes]:
    for decoder in decoders:
        pieces = _decode_all(decoder, pieces)
    return iter(pieces)


def _decode_all(decoder: _Decoder, pieces: Iterable[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        yield from decoder.decode(piece)


class BodyReader:
    """Accumulates one decoded body, enforcing ``max_bytes`` and the total deadline.

    With ``truncate`` the body is cut at ``max_bytes`` instead (robots.txt:
    parsing the first part of an oversized file is what the standard asks).
    """

    def __init__(
        self,
        *,
        url: str,
        where: str,
        content_encoding: str,
        max_bytes: int,
        deadline: float | None,
        truncate: bool = False,
    ) -> None:
        self._url = url
        self._where = where
        self._decoders = _decoders(content_encoding, url)
        self._max = max_bytes
        self._deadline = deadline
        self._truncate = truncate
        self._body = bytearray()
        #: False once nothing more should be read from the network.
        self.open = True

    def feed(self, raw: bytes) -> bool:
        """Take one raw chunk; False when no more is wanted (the body was cut at the cap)."""
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise FetchTimeoutError(f"{self._where}: body not complete in time", url=self._url)
        self.open = self._take(_through(self._decoders, (raw,)))
        return self.open

    def take_decoded(self, data: bytes) -> None:
        """Take a body someone else already read and decoded (mock transports do)."""
        self._take(data[start : start + PIECE] for start in range(0, len(data), PIECE))
        self.open = False

    def finish(self) -> bytes:
        """The whole body, after draining what the decoders still hold.

        What an outer decoder still holds goes through the inner ones piece
        by piece, under the same cap as everything else.
        """
        for index, decoder in enumerate(self._decoders):
            if not self._take(_through(self._decoders[index + 1 :], decoder.flush())):
                break
        return bytes(self._body)

    def _take(self, pieces: Iterable[bytes]) -> bool:
        try:
            for piece in pieces:
                room = self._max - len(self._body)
                if len(piece) > room:
                    if not self._truncate:
                        raise TooLargeError(
                            f"{self._where}: body larger than max_bytes={self._max}", url=self._url
                        )
                    self._body += piece[:room]
                    return False
                self._body += piece
        except zlib.error as exc:
            raise FetchError(
                f"{self._where}: corrupt compressed body ({exc})", url=self._url
            ) from exc
        return True
