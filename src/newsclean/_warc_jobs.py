"""WARC responses as extraction jobs, and the record each one becomes.

Shared by ``newsclean warc`` (worker processes on one machine) and
``newsclean.dask`` (a cluster), so that both write the same records.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from ._batch import Job, job_for, record, run_job
from ._models import Article
from ._warc import WarcResponse, read_warc


def origin_of(path: str, response: WarcResponse) -> dict[str, Any]:
    """Where a WARC record came from: file, target URI, fetch date, record id."""
    return {
        "warc": path,
        "url": response.url,
        "date": response.date.isoformat() if response.date else None,
        "record_id": response.record_id,
    }


def warc_jobs(
    path: str | os.PathLike[str], *, strict: bool = True
) -> Iterator[tuple[dict[str, Any], Job]]:
    """Every HTML response of one WARC as an (origin, job) pair, streamed."""
    name = os.fspath(path)
    for response in read_warc(name):
        yield origin_of(name, response), job_for(response, strict=strict)


def warc_records(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The article records of one WARC, extracted in this process.

    Pages without an article are left out, as a record stream holds
    articles only; ``ReadError`` for a damaged file propagates.
    """
    for origin, job in warc_jobs(path):
        result = run_job(job)
        if isinstance(result, Article):
            yield record(result, origin)
