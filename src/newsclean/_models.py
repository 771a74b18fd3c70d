"""The records newsclean hands out: frozen, typed, JSON-ready.

Records never hold parser objects, so they can be pickled across processes,
cached and compared; everything a later stage needs is a plain value here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Image:
    """A picture of the article, with its caption printed once."""

    url: str | None
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place/date/agency line that opens a news story, as printed and parsed."""

    raw: str
    place: str | None = None
    month: int | None = None
    day: int | None = None
    date: dt.date | None = None
    agency: str | None = None
    reporters: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One clean article record.

    ``body`` is the article's own paragraphs joined by newlines; captions,
    link lists, navigation and editor lines live elsewhere or nowhere.
    """

    url: str | None = None
    title: str | None = None
    body: str = ""
    paragraphs: tuple[str, ...] = ()
    dateline: Dateline | None = None
    agencies: tuple[str, ...] = ()
    published: dt.datetime | None = None
    modified: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    source: str | None = None
    language: str | None = None
    site_name: str | None = None
    description: str | None = None
    images: tuple[Image, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: ISO-8601 dates, lists for tuples."""
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    def to_json(self, *, indent: int | None = None) -> str:
        """JSON text with non-ASCII characters kept as they are."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value
