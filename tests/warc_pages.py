"""A small WARC built with warcio for the WARC tests: pages, and records to skip."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WARC_DATE = "2024-06-19T08:30:00Z"

# Mostly English with a Chinese place name: too few GBK bytes for detection
# to recognise (it guesses a Korean codec), so only the HTTP charset, which
# this page has nowhere else, decodes it right.
GBK_PAGE = (
    "<html><head><title>Harbour talks</title></head><body><article>"
    "<h1>Harbour talks in 平壤</h1>"
    "<p>The harbour council met on Tuesday evening in 平壤 to discuss the budget for the "
    "old district, and members argued for three hours about the cost of dredging.</p>"
    "</article></body></html>"
)


def article(n: int) -> str:
    return (
        f"<html><head><meta charset='utf-8'><title>Quay story {n}</title></head><body>"
        f"<article><h1>Quay story {n}</h1>"
        f"<p>Story {n}: the harbour council met on Tuesday evening to discuss the budget "
        "for the old district, and members argued for hours about dredging costs.</p>"
        "<p>A resident who has lived on the quay for forty years said the water had never "
        "been so shallow, and asked the council to act before the autumn storms.</p>"
        "</article></body></html>"
    )


@dataclass(frozen=True)
class Response:
    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    gzip_encoded: bool = False


def responses(count: int = 3) -> list[Response]:
    """Article pages interleaved with records ``read_warc`` must skip."""
    pages = [Response(f"https://news.example/{n}", article(n).encode()) for n in range(count)]
    return [
        pages[0],
        Response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        Response("https://news.example/gbk", GBK_PAGE.encode("gbk"), "text/html; charset=GBK"),
        Response("https://news.example/gone", b"<html>Not found</html>", status="404 Not Found"),
        Response("https://news.example/empty", b"", "application/xhtml+xml"),
        Response(pages[1].url, gzip.compress(pages[1].body), gzip_encoded=True),
        *pages[2:],
    ]


def _write(writer: WARCWriter, response: Response) -> None:
    headers = [("Content-Type", response.content_type)]
    if response.gzip_encoded:
        headers.append(("Content-Encoding", "gzip"))
    http = StatusAndHeaders(response.status, headers, protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            response.url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
    )
    record = writer.create_warc_record(
        response.url,
        "response",
        payload=io.BytesIO(response.body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )
    writer.write_record(record)


def build_warc(path: Path, items: list[Response] | None = None) -> Path:
    """Write ``items`` (default ``responses()``) as a WARC; gzipped when the name ends in .gz."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for response in items if items is not None else responses():
            _write(writer, response)
    return path
