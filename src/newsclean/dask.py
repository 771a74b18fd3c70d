"""Web archives to article records on a Dask cluster (the ``[dask]`` extra).

One WARC file is one partition: a worker streams its records, extracts each
HTML response and keeps the article records, so that the only data moved
between machines are file paths out and records back. The records are the
ones ``newsclean warc`` writes: ``Article.to_dict()`` plus an ``origin``
dict (``warc``, ``url``, ``date``, ``record_id``).

>>> from dask.distributed import Client
>>> client = Client("tcp://scheduler:8786")          # or a LocalCluster
>>> bag = newsclean.dask.articles_from_warc(paths)
>>> newsclean.dask.to_jsonl(bag, "out/articles-*.jsonl")

Paths must be readable by every worker (a shared file system, or URLs that
the workers can open are a job for ``fsspec`` before this step).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._errors import MissingDependencyError, ReadError
from ._warc_jobs import warc_records

logger = logging.getLogger(__name__)

# dask.bag.Bag; named by string so that type checking never needs the extra.
Bag = Any

__all__ = ["PARQUET_COLUMNS", "articles_from_warc", "partition_records", "to_jsonl", "to_parquet"]

# Parquet column types of a record, as (name, pyarrow type spec). Dates stay
# ISO-8601 strings: published times carry their own UTC offsets, which one
# timestamp column cannot hold. There is no ``body`` column, as there is no
# ``body`` key in the JSON record: the text is stored once, as paragraphs,
# and the body is ``"\n".join(paragraphs)`` (``Article.from_dict`` rebuilds it).
_STRINGS = ("string",)
_STRING_LIST = ("list", _STRINGS)
PARQUET_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("url", _STRINGS),
    ("title", _STRINGS),
    ("paragraphs", _STRING_LIST),
    (
        "dateline",
        (
            "struct",
            (
                ("raw", _STRINGS),
                ("place", _STRINGS),
                ("region", _STRINGS),
                ("month", ("int32",)),
                ("day", ("int32",)),
                ("date", _STRINGS),
                ("agency", _STRINGS),
                ("reporters", _STRING_LIST),
            ),
        ),
    ),
    ("agencies", _STRING_LIST),
    ("published", _STRINGS),
    ("modified", _STRINGS),
    ("authors", _STRING_LIST),
    ("editors", _STRING_LIST),
    ("source", _STRINGS),
    ("language", _STRINGS),
    ("site_name", _STRINGS),
    ("description", _STRINGS),
    (
        "images",
        ("list", ("struct", (("url", _STRINGS), ("caption", _STRINGS), ("credit", _STRINGS)))),
    ),
    (
        "origin",
        (
            "struct",
            (("warc", _STRINGS), ("url", _STRINGS), ("date", _STRINGS), ("record_id", _STRINGS)),
        ),
    ),
)


def _require(module: str, extra: str = "dask") -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{module} is needed here: pip install 'newsclean[{extra}]'"
        ) from exc


def partition_records(paths: Iterable[str]) -> list[dict[str, Any]]:
    """The article records of some WARC files, extracted in this process.

    A damaged or missing file is logged and its remaining records are lost,
    but the partition, and with it the whole computation, goes on.
    """
    records: list[dict[str, Any]] = []
    for path in paths:
        try:
            records.extend(warc_records(path))
        except ReadError as exc:
            logger.warning("skipped the rest of %s: %s", path, exc)
    return records


def articles_from_warc(paths: Iterable[str | os.PathLike[str]]) -> Bag:
    """A ``dask.bag.Bag`` of the article records of ``paths``, one partition per file.

    Nothing runs until the bag is computed (``.compute()``, ``to_jsonl``,
    ``to_parquet``), on whatever scheduler is current.
    """
    bag = _require("dask.bag")
    names = [os.fspath(p) for p in paths]
    if not names:
        return bag.from_sequence([], npartitions=1)
    return bag.from_sequence(names, npartitions=len(names)).map_partitions(partition_records)


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def to_jsonl(bag: Bag, path_glob: str) -> list[str]:
    """Write the records as JSON lines, one file per partition; return the file names.

    ``path_glob`` holds one ``*``, replaced by the partition number
    (``out/articles-*.jsonl``). Each file ends with a newline, so that the
    files can be concatenated into one JSONL file.
    """
    files: list[str] = bag.map(_dumps).to_textfiles(path_glob, last_endline=True)
    return files


def _arrow_type(pa: Any, spec: Any) -> Any:
    kind = spec[0]
    if kind == "list":
        return pa.list_(_arrow_type(pa, spec[1]))
    if kind == "struct":
        return pa.struct([(name, _arrow_type(pa, sub)) for name, sub in spec[1]])
    return getattr(pa, kind)()


def parquet_schema() -> Any:
    """The pyarrow schema of a record, from ``PARQUET_COLUMNS``."""
    pa = _require("pyarrow")
    return pa.schema([(name, _arrow_type(pa, spec)) for name, spec in PARQUET_COLUMNS])


def _write_part(records: list[dict[str, Any]], path: str, index: int) -> str:
    pa, parquet = _require("pyarrow"), _require("pyarrow.parquet")
    schema = parquet_schema()
    table = pa.Table.from_pylist(records, schema=schema) if records else schema.empty_table()
    name = os.path.join(path, f"part-{index:05d}.parquet")
    parquet.write_table(table, name)
    return name


def to_parquet(bag: Bag, path: str | os.PathLike[str]) -> list[str]:
    """Write the records as a directory of Parquet files, one per partition.

    Needs pyarrow (in the ``[dask]`` extra). The directory reads back as one
    table with ``pyarrow.parquet.read_table(path)`` or ``pandas.read_parquet``;
    nested fields (dateline, images, origin) are structs and lists.
    """
    dask = _require("dask")
    _require("pyarrow.parquet")
    directory = os.fspath(path)
    Path(directory).mkdir(parents=True, exist_ok=True)
    parts = bag.to_delayed()
    writes = [dask.delayed(_write_part)(p, directory, i) for i, p in enumerate(parts)]
    files: tuple[str, ...] = dask.compute(*writes)
    return list(files)
