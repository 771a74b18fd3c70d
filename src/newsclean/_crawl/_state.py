"""The crawl's memory between runs, in one SQLite file.

``urls``     every canonical URL met: done (written, or a duplicate of one
             that was), failed (with the reason), skipped (with the date
             that made it too old), and the publication date when known.
``written``  canonical URL and content fingerprint of every record in the
             output, the two keys the duplicate check compares.
``meta``     how many bytes of each output file the state accounts for, so
             that lines written after the last commit are found on restart.

WAL mode with ``synchronous=NORMAL``: a commit survives a killed process;
the output is fsynced before each commit, so a line the state counts is on
disk (see ``_run``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

_SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed', 'skipped')),
    reason TEXT,
    published TEXT,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS written (
    url TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS written_fingerprint ON written (fingerprint);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

DONE, FAILED, SKIPPED = "done", "failed", "skipped"


@dataclass(frozen=True, slots=True)
class Seen:
    """What the state knows of one URL."""

    status: str
    reason: str | None
    published: dt.datetime | None


class CrawlState:
    """Read and update the state; nothing is durable until ``commit()``."""

    def __init__(self, path: str | Path) -> None:
        self._db = sqlite3.connect(str(path), isolation_level="DEFERRED")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.commit()

    def __enter__(self) -> CrawlState:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Commit what is pending and close the file."""
        self._db.commit()
        self._db.close()

    def commit(self) -> None:
        self._db.commit()

    def seen(self, url: str) -> Seen | None:
        row = self._db.execute(
            "SELECT status, reason, published FROM urls WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return None
        published = dt.datetime.fromisoformat(row[2]) if row[2] else None
        return Seen(row[0], row[1], published)

    def mark(
        self, url: str, status: str, reason: str | None = None, published: dt.datetime | None = None
    ) -> None:
        """Record the outcome for ``url``; a known date is kept when none is given."""
        self._db.execute(
            "INSERT INTO urls (url, status, reason, published, updated) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET status = excluded.status, reason = excluded.reason, "
            "published = COALESCE(excluded.published, urls.published), updated = excluded.updated",
            (url, status, reason, published.isoformat() if published else None, _now()),
        )

    def duplicate_of(self, url: str, fingerprint: str) -> str | None:
        """The written URL this record repeats (same URL or same content), if any."""
        row = self._db.execute(
            "SELECT url FROM written WHERE url = ? OR fingerprint = ? LIMIT 1", (url, fingerprint)
        ).fetchone()
        return str(row[0]) if row else None

    def add_written(self, url: str, fingerprint: str) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO written (url, fingerprint) VALUES (?, ?)", (url, fingerprint)
        )

    def offset(self, output: str) -> int:
        """Bytes of ``output`` the committed state accounts for (0 if new)."""
        row = self._db.execute(
            "SELECT value FROM meta WHERE name = ?", ("out:" + output,)
        ).fetchone()
        return int(row[0]) if row else 0

    def set_offset(self, output: str, size: int) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", ("out:" + output, str(size))
        )


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
