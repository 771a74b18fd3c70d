"""An optional on-disk page cache, so that a re-crawl costs a 304 per unchanged page.

Pages are stored with their validators (ETag, Last-Modified) under the URL
that served them, and every later fetch of that URL asks the server with
``If-None-Match`` / ``If-Modified-Since``. The cache never answers on its
own: freshness lifetimes (max-age, Expires) are ignored, because a news
page's "fresh for 5 minutes" says little about whether it was corrected.
Pages without validators, or marked ``no-store``, are not kept: there is
nothing to revalidate them with.

SQLite from the standard library, one connection guarded by a lock, so
the threads of ``Fetcher.fetch_many`` (and ``asyncio.to_thread``) can
share it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass, replace

from .._models import Headers

#: Fields a 304 may not replace: they describe the body on the wire, not the page.
_BODY_FIELDS = frozenset({"content-length", "content-encoding", "transfer-encoding", "connection"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    content BLOB NOT NULL,
    stored_at REAL NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """A stored answer: the decoded body and the headers it came with."""

    url: str
    status: int
    headers: Headers
    content: bytes

    @classmethod
    def of(cls, url: str, status: int, headers: Headers, content: bytes) -> CacheEntry | None:
        """The entry to store for an answer, or None if it cannot be revalidated."""
        if "no-store" in headers.get("cache-control", "").lower():
            return None
        if "etag" not in headers and "last-modified" not in headers:
            return None
        return cls(url, status, headers, content)

    def conditional_headers(self) -> tuple[tuple[str, str], ...]:
        pairs: list[tuple[str, str]] = []
        if "etag" in self.headers:
            pairs.append(("If-None-Match", self.headers["etag"]))
        if "last-modified" in self.headers:
            pairs.append(("If-Modified-Since", self.headers["last-modified"]))
        return tuple(pairs)

    def refreshed(self, fresh: Headers) -> CacheEntry:
        """The entry updated by a 304's headers (new validators, date), as HTTP caches do."""
        updated = {name for name, _ in fresh.fields if name not in _BODY_FIELDS}
        kept = [pair for pair in self.headers.fields if pair[0] not in updated]
        new = [pair for pair in fresh.fields if pair[0] in updated]
        return replace(self, headers=Headers(kept + new))


class PageCache:
    """The SQLite file behind the ``cache=`` option."""

    def __init__(self, path: str) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)

    def load(self, url: str) -> CacheEntry | None:
        with self._lock:
            row = self._db.execute(
                "SELECT status, headers, content FROM pages WHERE url = ?", (url,)
            ).fetchone()
        if row is None:
            return None
        status, headers, content = row
        fields = [(str(name), str(value)) for name, value in json.loads(headers)]
        return CacheEntry(url, int(status), Headers(fields), bytes(content))

    def store(self, entry: CacheEntry) -> None:
        headers = json.dumps(entry.headers.fields, ensure_ascii=False)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)",
                (entry.url, entry.status, headers, entry.content, time.time()),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
