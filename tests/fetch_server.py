"""A real HTTP server on 127.0.0.1 for the fetcher tests.

``start_server()`` runs a ``ThreadingHTTPServer`` on a free port in a daemon
thread. Its routes play the parts a crawler meets: pages in several
encodings, redirect chains and loops, flaky and rate-limiting endpoints,
slow and trickling responses, an endless body, a gzip bomb, a PDF,
robots.txt, validators for revalidation. The server counts what it sees
(hits per key, requests in flight, bytes sent before the client hung up)
so that tests can check the fetcher's behaviour from the other side of the
socket.

Keys in paths (``/flaky/<key>``) keep the counters of one test apart from
another's on the server shared by the whole test run.
"""

from __future__ import annotations

import functools
import gzip
import json
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROBOTS_TXT = """\
# test robots.txt
User-agent: blockedbot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/open
"""

ZH_TITLE = "河港区议会通过新预算"
ZH_PARAGRAPHS = (
    "本报讯，河港区议会周二晚间召开会议，讨论老城区的年度预算。议员们就疏浚河道的费用争论了三个小时。",
    "一位在码头居住了四十年的居民说，河水从来没有这么浅过，他请求议会在秋季风暴来临之前采取行动。",
    "区长表示，新的预算将优先用于修缮堤岸和更换老旧的排水管道，预计工程将在明年春天完成。",
)
ZH_HANT_TITLE = "港區議會通過新預算"
ZH_HANT_PARAGRAPHS = (
    "本報訊，港區議會週二晚間召開會議，討論舊城區的年度預算。議員們就疏浚河道的費用爭論了三個小時。",
    "一位在碼頭居住了四十年的居民說，河水從來沒有這麼淺過，他請求議會在秋季風暴來臨之前採取行動。",
    "區長表示，新的預算將優先用於修繕堤岸和更換老舊的排水管道，預計工程將在明年春天完成。",
)
EN_TITLE = "Harbour council passes budget"
EN_PARAGRAPHS = (
    "The harbour council met on Tuesday evening to discuss the budget for the old district, "
    "and members argued for three hours about the cost of dredging the channel.",
    "A resident who has lived on the quay for forty years said the water had never been so "
    "shallow, and asked the council to act before the autumn storms arrive.",
    "The mayor said the new budget would go first to repairing the embankment and replacing "
    "old drains, with the work expected to finish next spring.",
)

CHUNK = 64 * 1024
#: The Stats key under which open connections (not requests) are counted.
CONNECTIONS = "(connections)"
BOMB_INFLATED = 300 * 1024 * 1024


def article_html(title: str, paragraphs: tuple[str, ...], head: str = "") -> str:
    """A small news page: a headline and a few paragraphs in an <article>."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright</footer></body></html>"
    )


ZH_HTML = article_html(ZH_TITLE, ZH_PARAGRAPHS)
ZH_HANT_HTML = article_html(ZH_HANT_TITLE, ZH_HANT_PARAGRAPHS)
EN_HTML = article_html(EN_TITLE, EN_PARAGRAPHS)
ZH_GB2312_META_HTML = article_html(
    ZH_TITLE, ZH_PARAGRAPHS, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
)
BIG5_META_HTML = article_html(ZH_HANT_TITLE, ZH_HANT_PARAGRAPHS, '<meta charset="big5">')

#: name -> (Content-Type, body) of the /page/<name> route.
PAGES: dict[str, tuple[str, bytes]] = {
    "en": ("text/html; charset=utf-8", EN_HTML.encode()),
    "utf8": ("text/html; charset=utf-8", ZH_HTML.encode()),
    "gb2312-meta": ("text/html", ZH_GB2312_META_HTML.encode("gbk")),
    "big5-meta": ("text/html", BIG5_META_HTML.encode("big5")),
    "utf8-as-latin1": ("text/html; charset=iso-8859-1", ZH_HTML.encode()),
    "gbk-unlabelled": ("text/html", ZH_HTML.encode("gbk")),
    "bom-utf8": ("text/html; charset=gbk", b"\xef\xbb\xbf" + ZH_HTML.encode()),
    "bom-utf16": ("text/html", b"\xff\xfe" + ZH_HTML.encode("utf-16-le")),
    "xhtml": ("application/xhtml+xml", EN_HTML.encode()),
    "no-type": ("", EN_HTML.encode()),
}


@functools.cache
def gzip_bomb() -> bytes:
    """About 300 KB of gzip that inflates to 300 MB of zeros (built once)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1024 * 1024)
    parts = [packer.compress(zeros) for _ in range(BOMB_INFLATED // len(zeros))]
    parts.append(packer.flush())
    return b"".join(parts)


@dataclass
class Stats:
    """What the server saw, shared by its handler threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    hits: Counter[str] = field(default_factory=Counter)
    in_flight: Counter[str] = field(default_factory=Counter)
    max_in_flight: Counter[str] = field(default_factory=Counter)
    #: key -> bytes written before the client closed the connection
    hung_up: dict[str, int] = field(default_factory=dict)
    #: key -> request headers of the last request
    seen_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    statuses: dict[str, list[int]] = field(default_factory=dict)

    def hit(self, key: str) -> int:
        with self.lock:
            self.hits[key] += 1
            return self.hits[key]

    def enter(self, key: str) -> None:
        with self.lock:
            self.in_flight[key] += 1
            self.max_in_flight[key] = max(self.max_in_flight[key], self.in_flight[key])

    def leave(self, key: str) -> None:
        with self.lock:
            self.in_flight[key] -= 1

    def answered(self, key: str, status: int) -> None:
        with self.lock:
            self.statuses.setdefault(key, []).append(status)


class NewsServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, robots: str | int | None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.robots = robots
        self.stats = Stats()
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        # One thread per connection: count the connections open at once,
        # and (as hits) the connections opened in all.
        self.stats.hit(CONNECTIONS)
        self.stats.enter(CONNECTIONS)
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.stats.leave(CONNECTIONS)

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that hang up mid-body are what several tests are about;
        # anything else is a bug in a route and is printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def start_server(robots: str | int | None = ROBOTS_TXT) -> NewsServer:
    """Start a server; ``robots`` is the robots.txt text, or a status to answer it with."""
    server = NewsServer(robots)
    server.thread.start()
    return server


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm the
    # body would wait for the client's delayed ACK (~40 ms a response).
    disable_nagle_algorithm = True
    server: NewsServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    # -- helpers ---------------------------------------------------------

    @property
    def stats(self) -> Stats:
        return self.server.stats

    def send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream(
        self, key: str, chunks: Callable[[], Iterator[bytes]], headers: dict[str, str]
    ) -> None:
        """Send a chunked body; record the bytes sent if the client hangs up."""
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        try:
            for chunk in chunks():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            with self.stats.lock:
                self.stats.hung_up[key] = sent
            self.close_connection = True

    # -- routes ----------------------------------------------------------

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        segments = parts.path.strip("/").split("/")
        route = getattr(self, "route_" + segments[0].replace("-", "_").replace(".", "_"), None)
        key = segments[1] if len(segments) > 1 else segments[0]
        with self.stats.lock:
            self.stats.seen_headers[key] = dict(self.headers.items())
        if route is None:
            self.send(404, b"<p>not found</p>")
            return
        route(key, query)

    def route_robots_txt(self, key: str, query: dict[str, str]) -> None:
        self.stats.hit("robots.txt")
        robots = self.server.robots
        if isinstance(robots, int):
            self.send(robots, b"no robots here", "text/plain")
        else:
            self.send(200, (robots or "").encode(), "text/plain")

    def route_page(self, key: str, query: dict[str, str]) -> None:
        self.stats.hit(f"page/{key}")
        content_type, body = PAGES[key]
        self.send(200, body, content_type)

    def route_private(self, key: str, query: dict[str, str]) -> None:
        self.stats.hit(f"private/{key}")
        self.send(200, EN_HTML.encode())

    def route_to_private(self, key: str, query: dict[str, str]) -> None:
        self.send(302, headers={"Location": "/private/secret"})

    def route_chain(self, key: str, query: dict[str, str]) -> None:
        left = int(key)
        target = f"/chain/{left - 1}" if left > 1 else "/page/en"
        self.send(301 if left % 2 else 302, headers={"Location": target})

    def route_loop(self, key: str, query: dict[str, str]) -> None:
        self.stats.hit("loop")
        target = self.server.url("/loop/b" if key == "a" else "/loop/a")
        self.send(302, headers={"Location": target})

    def route_flaky(self, key: str, query: dict[str, str]) -> None:
        """The first ``fail`` hits answer ``status``, later ones the page."""
        hit = self.stats.hit(key)
        status = int(query.get("status", "503"))
        if hit <= int(query.get("fail", "2")):
            self.stats.answered(key, status)
            self.send(status, b"<p>try again</p>")
        else:
            self.stats.answered(key, 200)
            self.send(200, EN_HTML.encode())

    def route_ratelimited(self, key: str, query: dict[str, str]) -> None:
        if self.stats.hit(key) == 1:
            self.send(429, b"<p>slow down</p>", headers={"Retry-After": query.get("after", "1")})
        else:
            self.send(200, EN_HTML.encode())

    def route_status(self, key: str, query: dict[str, str]) -> None:
        """Always answers the status given as the key, counted under ``query['tag']``."""
        self.stats.hit(query.get("tag", key))
        self.send(int(key), b"<p>no</p>")

    def route_slow(self, key: str, query: dict[str, str]) -> None:
        self.stats.hit(key)
        time.sleep(float(query.get("delay", "2")))
        self.send(200, EN_HTML.encode())

    def route_trickle(self, key: str, query: dict[str, str]) -> None:
        every = float(query.get("every", "0.1"))

        def chunks() -> Iterator[bytes]:
            for _ in range(int(query.get("chunks", "50"))):
                time.sleep(every)
                yield b"<p>still here</p>\n"

        self.stream(key, chunks, {"Content-Type": "text/html"})

    def route_huge(self, key: str, query: dict[str, str]) -> None:
        total = int(query.get("bytes", str(200_000_000)))
        block = (b"<p>" + b"x" * (CHUNK - 8) + b"</p>\n")[:CHUNK]

        def chunks() -> Iterator[bytes]:
            for _ in range(total // CHUNK):
                yield block

        headers = {"Content-Type": "text/html"}
        if query.get("length") == "1":
            # Announced honestly: the fetcher can refuse before reading.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(total))
            self.end_headers()
            self.stats.hit(key)
            self.close_connection = True
            return
        self.stream(key, chunks, headers)

    def route_bomb(self, key: str, query: dict[str, str]) -> None:
        body = gzip_bomb()
        self.send(200, body, "text/html", {"Content-Encoding": "gzip"})

    def route_gzip(self, key: str, query: dict[str, str]) -> None:
        body = gzip.compress(ZH_HTML.encode())
        if key == "twice":
            self.send(200, gzip.compress(body), headers={"Content-Encoding": "gzip, gzip"})
        else:
            self.send(200, body, headers={"Content-Encoding": "gzip"})

    def route_deflate(self, key: str, query: dict[str, str]) -> None:
        packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS if key == "raw" else 15)
        body = packer.compress(ZH_HTML.encode()) + packer.flush()
        self.send(200, body, headers={"Content-Encoding": "deflate"})

    def route_brotli(self, key: str, query: dict[str, str]) -> None:
        self.send(200, b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"})

    def route_pdf(self, key: str, query: dict[str, str]) -> None:
        self.stats.hit("pdf")
        body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 200_000
        self.send(200, body, "application/pdf")

    def route_count(self, key: str, query: dict[str, str]) -> None:
        """A page that takes ``delay`` seconds, counting requests in flight per key."""
        self.stats.enter(key)
        try:
            time.sleep(float(query.get("delay", "0.1")))
            self.stats.hit(key)
            self.send(200, EN_HTML.encode())
        finally:
            self.stats.leave(key)

    def route_etag(self, key: str, query: dict[str, str]) -> None:
        etag = '"v1-' + key + '"'
        if self.headers.get("If-None-Match") == etag:
            self.stats.answered(key, 304)
            self.send(304, b"", "", {"ETag": etag})
        else:
            self.stats.answered(key, 200)
            self.send(200, ZH_HTML.encode(), headers={"ETag": etag})

    def route_lastmod(self, key: str, query: dict[str, str]) -> None:
        stamp = "Tue, 04 Jun 2024 08:00:00 GMT"
        if self.headers.get("If-Modified-Since") == stamp:
            self.stats.answered(key, 304)
            self.send(304, b"", "", {"Last-Modified": stamp})
        else:
            self.stats.answered(key, 200)
            self.send(200, EN_HTML.encode(), headers={"Last-Modified": stamp})

    def route_echo(self, key: str, query: dict[str, str]) -> None:
        body = json.dumps(dict(self.headers.items())).encode()
        self.send(200, body, "text/html", {"Set-Cookie": "session=abc; Path=/"})
