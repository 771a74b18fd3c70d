"""Extract many pages at once, in worker processes, results in input order.

Extraction is CPU-bound pure Python, so threads would share one core;
worker processes use them all. Work is fed to the pool through a bounded
window (a few pages per worker), so an iterable of millions of pages, or a
generator reading them from a WARC, is never held in memory at once, and
results come back in input order as soon as the oldest one is ready.

An item is told apart by its type, never by its content:

* ``bytes`` / ``bytearray`` / ``memoryview``: the page's bytes;
* ``str``: the page's HTML text (a ``str`` is never taken for a file name);
* ``os.PathLike`` (``pathlib.Path``): a file to read, in the worker;
  ``*.gz`` files are gunzipped;
* a ``(page, url)`` pair, where ``page`` is any of the above and ``url``
  the page's URL or ``None``;
* a ``WarcResponse`` from ``read_warc``: its bytes, target URI and HTTP
  charset, so that ``extract_many(read_warc(path))`` decodes as a browser
  that had fetched the page would.
"""

from __future__ import annotations

import gzip
import itertools
import logging
import os
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeAlias, TypeVar

from ._decode import decode_html
from ._errors import NewscleanError, ReadError
from ._models import Article
from ._pipeline import extract
from ._warc import WarcResponse

logger = logging.getLogger(__name__)

Page: TypeAlias = "bytes | bytearray | memoryview | str | os.PathLike[str]"
Item: TypeAlias = "Page | tuple[Page, str | None] | WarcResponse"
Result: TypeAlias = "Article | NewscleanError"
Tag = TypeVar("Tag")

# Pages go to workers a few at a time: every task costs the parent queue and
# thread hand-offs, and in chunks of four its share of the CPU halves (on the
# development corpus). Chunks in flight per worker: enough to keep every
# worker busy while the parent collects results, few enough that memory
# does not follow the size of the batch.
_CHUNK = 4
_WINDOW_PER_WORKER = 4


@dataclass(frozen=True, slots=True)
class Job:
    """One page to extract, in a form that pickles cheaply to a worker.

    Exactly one of ``data`` and ``path`` is set. ``charset`` is the HTTP
    charset when the bytes came with one (a WARC record), so that the worker
    decodes as the fetcher would.
    """

    data: bytes | str | None = None
    path: str | None = None
    url: str | None = None
    charset: str | None = None
    #: ``extract``'s ``strict``: refuse pages that are not articles.
    strict: bool = True


def job_for(item: Item, *, strict: bool = True) -> Job:
    """The ``Job`` for one item; a ``TypeError`` for an item of no known kind."""
    if isinstance(item, WarcResponse):
        return Job(item.content, url=item.url or None, charset=item.charset, strict=strict)
    if isinstance(item, tuple):
        if len(item) != 2 or not (item[1] is None or isinstance(item[1], str)):
            raise TypeError("extract_many() pairs must be (page, url) with url a str or None")
        page, url = item
    else:
        page, url = item, None
    if isinstance(page, (bytes, str)):
        return Job(data=page, url=url, strict=strict)
    if isinstance(page, (bytearray, memoryview)):
        return Job(data=bytes(page), url=url, strict=strict)
    if isinstance(page, os.PathLike):
        return Job(path=os.fspath(page), url=url, strict=strict)
    raise TypeError(f"extract_many() cannot read a {type(page).__name__} item")


def read_page(path: str) -> bytes:
    """A file's bytes, gunzipped when the name ends in ``.gz``; ``ReadError`` if unreadable."""
    try:
        if path.endswith(".gz"):
            with gzip.open(path, "rb") as handle:
                return handle.read()
        with open(path, "rb") as handle:
            return handle.read()
    except (OSError, EOFError, zlib.error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise ReadError(f"cannot read {path}: {reason}", path=path) from None


def run_job(job: Job) -> Result:
    """Extract one page; a page-level failure is returned, not raised."""
    try:
        data = read_page(job.path) if job.path is not None else job.data
        if isinstance(data, bytes) and job.charset is not None:
            data = decode_html(data, http_charset=job.charset).text
        assert data is not None
        return extract(data, url=job.url, strict=job.strict)
    except NewscleanError as exc:
        return exc


def run_jobs(jobs: Iterable[Job], workers: int) -> Iterator[Result]:
    """Results of ``jobs`` in order: in-process for one worker, else in a pool."""
    if workers < 1:
        raise ValueError(f"jobs must be at least 1, not {workers}")
    if workers == 1:
        return map(run_job, jobs)
    return _pooled(jobs, workers)


def run_tagged(tagged: Iterable[tuple[Tag, Job]], workers: int) -> Iterator[tuple[Tag, Result]]:
    """Like ``run_jobs``, each result paired with the tag its job came with.

    Tags stay in this process (a file name, a WARC record's origin), so they
    cost nothing to send; as results come in order, a queue pairs them up.
    """
    tags: deque[Tag] = deque()

    def jobs() -> Iterator[Job]:
        for tag, job in tagged:
            tags.append(tag)
            yield job

    for result in run_jobs(jobs(), workers):
        yield tags.popleft(), result


def record(article: Article, origin: dict[str, Any]) -> dict[str, Any]:
    """A batch output record: ``Article.to_dict()`` plus where it came from, under ``origin``.

    Provenance sits under one key so that dropping it gives back exactly the
    article record (which ``article_schema()`` validates), and so that it can
    never collide with an article field such as ``source``.
    """
    return {**article.to_dict(), "origin": origin}


def _run_chunk(jobs: list[Job]) -> list[Result]:
    return [run_job(job) for job in jobs]


def _chunks(jobs: Iterable[Job]) -> Iterator[list[Job]]:
    iterator = iter(jobs)
    while chunk := list(itertools.islice(iterator, _CHUNK)):
        yield chunk


def _pooled(jobs: Iterable[Job], workers: int) -> Iterator[Result]:
    window: deque[Future[list[Result]]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        for chunk in _chunks(jobs):
            window.append(pool.submit(_run_chunk, chunk))
            if len(window) >= workers * _WINDOW_PER_WORKER:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        # Reached early when the caller stops iterating: drop queued work.
        pool.shutdown(wait=True, cancel_futures=True)


def extract_many(
    items: Iterable[Item], jobs: int | None = None, *, strict: bool = True
) -> Iterator[Result]:
    """Extract every item's article in worker processes; one result per item, in order.

    Each result is the ``Article`` or the ``NewscleanError`` (``NoArticleError``,
    ``ReadError`` for a path that cannot be read, ...) that ``extract`` would
    have raised, as a value, so that one bad page does not end a batch.
    ``items`` is read lazily. ``jobs`` is the number of worker processes
    (default: one per CPU); ``jobs=1`` runs in this process, without a pool.
    A ``str`` item is HTML text; pass a ``pathlib.Path`` for a file, a
    ``(page, url)`` pair to give the URL, or the ``WarcResponse`` values of
    ``read_warc`` (see the module docstring). An item of an unknown type raises ``TypeError``.
    A page that is not an article comes back as ``NotAnArticleError``;
    ``strict=False`` extracts it as ``extract(..., strict=False)`` does.
    """
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    return run_jobs((job_for(item, strict=strict) for item in items), workers)
