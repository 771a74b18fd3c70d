"""The records newsclean hands out: frozen, typed, JSON-ready.

Records never hold parser objects, so they can be pickled across processes,
cached and compared; everything a later stage needs is a plain value here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
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
    #: What the dateline prints after the place: a state, country or river
    #: (``CLEVELAND, Ohio`` -> place ``Cleveland``, region ``Ohio``).
    region: str | None = None


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


class Headers(Mapping[str, str]):
    """Response headers: read-only, case-insensitive, in the order received.

    A repeated field reads as its values joined by ", " (as HTTP allows for
    all fields but Set-Cookie); ``get_list()`` gives the values one by one.
    Immutable and hashable so that a frozen ``Page`` stays a value.
    """

    __slots__ = ("_fields", "_index")

    def __init__(self, fields: Iterable[tuple[str, str]] = ()) -> None:
        self._fields = tuple((name.lower(), value) for name, value in fields)
        index: dict[str, str] = {}
        for name, value in self._fields:
            index[name] = f"{index[name]}, {value}" if name in index else value
        self._index = index

    def __getitem__(self, name: str) -> str:
        return self._index[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __hash__(self) -> int:
        return hash(self._fields)

    def __repr__(self) -> str:
        return f"Headers({list(self._fields)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (Headers, (self._fields,))

    @property
    def fields(self) -> tuple[tuple[str, str], ...]:
        """Every (lower-case name, value) pair as received, repeats included."""
        return self._fields

    def get_list(self, name: str) -> tuple[str, ...]:
        """All values of one field, in order (Set-Cookie needs this)."""
        key = name.lower()
        return tuple(value for field_name, value in self._fields if field_name == key)


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched page: the bytes as served, decoded once, with how it was got.

    ``url`` is the URL as asked and ``final_url`` the one that answered after
    redirects, which is the right base for the page's relative links.
    ``redirects`` lists the URLs that answered with a redirect, in order.
    ``content`` is the body after removing any gzip/deflate encoding;
    ``text`` is that body decoded with the rules of ``extract()`` (the HTTP
    charset first unless the bytes contradict it), and ``encoding`` the
    Python codec used. ``elapsed`` is the seconds the whole fetch took,
    robots.txt, retries and waits included; ``fetched_at`` is when the answer
    arrived (UTC). ``from_cache`` is true when the server answered 304 and
    the body came from the fetcher's cache.
    """

    url: str
    final_url: str
    status: int
    headers: Headers = field(repr=False)
    content: bytes = field(repr=False)
    text: str = field(repr=False)
    encoding: str
    redirects: tuple[str, ...]
    elapsed: float
    fetched_at: dt.datetime
    from_cache: bool = False


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value
