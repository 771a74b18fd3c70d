"""A local HTTP server that counts what it serves, shared by the network benchmarks.

The server side is where per-host limits are checked: it counts requests
and the most it ever had in flight at once, and serves those counts (then
resets them) at ``/stats``.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class CountingServer(ThreadingHTTPServer):
    """One host on 127.0.0.1 (a free port) that counts requests in flight."""

    daemon_threads = True

    def __init__(self, handler: type[CountingHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.lock = threading.Lock()
        self.in_flight = self.max_in_flight = self.requests = 0

    def enter(self) -> None:
        with self.lock:
            self.in_flight += 1
            self.requests += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def take_stats(self) -> dict[str, int]:
        with self.lock:
            stats = {"max_in_flight": self.max_in_flight, "requests": self.requests}
            self.max_in_flight = self.requests = 0
        return stats


class CountingHandler(BaseHTTPRequestHandler):
    """Answers ``/stats``; every other GET is counted and handed to ``answer``."""

    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm the
    # body would wait for the client's delayed ACK (~40 ms a response).
    disable_nagle_algorithm = True
    server: CountingServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/stats":
            return self.reply(json.dumps(self.server.take_stats()).encode(), "application/json")
        self.server.enter()
        try:
            self.answer(path)
        finally:
            self.server.leave()

    def answer(self, path: str) -> None:
        raise NotImplementedError

    def reply(self, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def host_stats(ports: list[int]) -> list[dict[str, Any]]:
    """The counts of each local host, read (and reset) over HTTP."""
    stats = []
    for port in ports:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats") as response:
            stats.append(json.load(response))
    return stats


def serve_until_stdin_closes(servers: Sequence[CountingServer], info: dict[str, Any]) -> None:
    """Serve every host in threads, print their ports (and ``info``) as one JSON line, wait.

    Run in a child process, so that the server's Python threads do not take
    the measured client's interpreter time.
    """
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ports = [s.server_address[1] for s in servers]
    print(json.dumps({"ports": ports, **info}), flush=True)
    sys.stdin.read()


@contextlib.contextmanager
def server_process(command: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Start ``command`` (a script's ``--serve`` mode); yield the JSON line it prints first."""
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        yield dict(json.loads(server.stdout.readline()))
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)
