"""The JSONL output: whole lines only, and a torn last line repaired on open.

Each record goes out as one ``write`` of one line, straight to the kernel
(no user-space buffer), so a killed process leaves at most one partial line
at the end of the file. ``fsync`` is left to the caller's commit policy:
the crawl syncs before every state commit, which is what makes a line the
state counts survive a power cut as well as a kill.

The file is locked (``flock``) while open, so two crawls cannot interleave
their lines in one output.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from .._errors import NewscleanError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
_BLOCK = 64 * 1024


class OutputError(NewscleanError):
    """The output file cannot be used (locked by another crawl, unwritable)."""


class JsonlWriter:
    """Append-only JSONL file; ``size`` is the length of its whole lines."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as exc:
            raise OutputError(f"cannot open {self.path}: {exc.strerror}") from None
        self._lock()
        self.repaired = repair_torn_line(self._fd)
        self.size = os.fstat(self._fd).st_size

    def _lock(self) -> None:
        if fcntl is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            raise OutputError(f"{self.path} is in use by another crawl") from None

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1

    def write(self, record: dict[str, Any]) -> None:
        """Append ``record`` as one line, handed to the kernel before returning."""
        self.write_line(json_line(record))

    def write_line(self, line: bytes) -> None:
        """Append one ``json_line`` (made elsewhere, e.g. in a worker process) as ``write`` does."""
        view = memoryview(line)
        while view:
            view = view[os.write(self._fd, view) :]
        self.size += len(line)

    @property
    def fd(self) -> int:
        """The output's file descriptor (a forked worker closes its copy)."""
        return self._fd

    def sync(self) -> None:
        """Make the lines written so far durable (fsync)."""
        os.fsync(self._fd)

    def records_from(self, offset: int) -> Iterator[dict[str, Any]]:
        """The records of the whole lines after byte ``offset``; bad lines are logged."""
        with open(self.path, "rb") as f:
            f.seek(offset)
            for number, line in enumerate(f, 1):
                try:
                    record = json.loads(line)
                except ValueError:
                    log.warning("%s: unreadable line %d after byte %d", self.path, number, offset)
                    continue
                if isinstance(record, dict):
                    yield record


def json_line(record: dict[str, Any]) -> bytes:
    """A record as one line of the output: JSON (newlines in it escaped), then ``\\n``."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def repair_torn_line(fd: int) -> int:
    """Cut a last line that has no newline (a write cut short); return bytes cut."""
    size = os.fstat(fd).st_size
    if size == 0 or os.pread(fd, 1, size - 1) == b"\n":
        return 0
    end = size
    while end > 0:
        start = max(0, end - _BLOCK)
        newline = os.pread(fd, end - start, start).rfind(b"\n")
        if newline >= 0:
            end = start + newline + 1
            break
        end = start
    os.ftruncate(fd, end)
    log.warning("cut a torn last line (%d bytes) from the output", size - end)
    return size - end
