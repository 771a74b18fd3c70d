"""The HTML pages of a web archive (WARC), ready for extraction.

Crawls at scale are stored as WARC files (Common Crawl, Heritrix, wget
``--warc-file``, browsertrix). Only ``response`` records that answered
``200`` with an HTML media type are pages; requests, metadata, revisits,
redirects, error pages, images and scripts are skipped. The body is handed
over with its transfer and content encodings removed, together with the
HTTP headers recorded with it, because the charset a server sent is
evidence the page's bytes alone may not carry.

Reading needs the ``[warc]`` extra (warcio).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ._errors import MissingDependencyError, ReadError
from ._fetch._policy import http_charset, media_type
from ._models import Headers
from ._stamps import parse_stamp

logger = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True, slots=True)
class WarcResponse:
    """One archived HTML response; unpacks as ``(url, headers, content)``.

    ``url`` is the record's WARC-Target-URI, ``headers`` the HTTP response
    headers, ``content`` the body with any chunked / gzip encoding removed,
    ``date`` the WARC-Date (when the page was fetched) and ``record_id``
    the WARC-Record-ID, which names the record for good.
    """

    url: str
    headers: Headers = field(repr=False)
    content: bytes = field(repr=False)
    date: dt.datetime | None = None
    record_id: str | None = None

    def __iter__(self) -> Iterator[Any]:
        return iter((self.url, self.headers, self.content))

    @property
    def charset(self) -> str | None:
        """The charset of the HTTP Content-Type header, if the server sent one."""
        return http_charset(self.headers)


def warcio_parts() -> tuple[Any, type[Exception]]:
    """warcio's archive iterator and load error; ``MissingDependencyError`` without it."""
    # Imported by name so that the extra stays optional for type checking too.
    try:
        iterators = importlib.import_module("warcio.archiveiterator")
        exceptions = importlib.import_module("warcio.exceptions")
    except ImportError as exc:
        raise MissingDependencyError(
            "reading WARC files needs the [warc] extra: pip install 'newsclean[warc]'"
        ) from exc
    return iterators.ArchiveIterator, exceptions.ArchiveLoadFailed


def parse_warc_date(value: str | None) -> dt.datetime | None:
    """A WARC-Date (ISO 8601, UTC, ``Z`` suffix) as an aware datetime; ``None`` if absent or bad."""
    parsed = parse_stamp(value)
    if parsed is None and value:
        logger.debug("unreadable WARC-Date %r", value)
    return parsed


def is_html_response(record: Any) -> bool:
    """A ``response`` record of a 200 answer with an HTML media type."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    return media_type(Headers(record.http_headers.headers)) in HTML_TYPES


def to_response(record: Any) -> WarcResponse:
    """The ``WarcResponse`` of one HTML response record, its body read in full."""
    warc = record.rec_headers
    return WarcResponse(
        url=warc.get_header("WARC-Target-URI") or "",
        headers=Headers(record.http_headers.headers),
        content=record.content_stream().read(),
        date=parse_warc_date(warc.get_header("WARC-Date")),
        record_id=warc.get_header("WARC-Record-ID"),
    )


def read_warc(path: str | os.PathLike[str]) -> Iterator[WarcResponse]:
    """Yield the HTML responses of a ``.warc`` or ``.warc.gz`` file, in file order.

    Each one unpacks as ``(url, headers, content)``; see ``WarcResponse``.
    The file is streamed, one record at a time. Raises
    ``MissingDependencyError`` without the ``[warc]`` extra, and ``ReadError``
    for a file that cannot be opened or stops being a WARC part way (the
    records before the damage have been yielded by then).
    """
    archive_iterator, load_failed = warcio_parts()
    name = os.fspath(path)
    try:
        with open(path, "rb") as stream:
            for record in archive_iterator(stream):
                if not record.format.startswith("warc"):
                    # warcio falls back to ARC for any line with spaces in it.
                    raise load_failed("not a WARC file")
                if is_html_response(record):
                    yield to_response(record)
    except (OSError, EOFError, zlib.error, load_failed) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise ReadError(f"cannot read {name}: {reason}", path=name) from exc
