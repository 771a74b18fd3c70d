"""The records newsclean hands out: frozen, typed, JSON-ready.

Records never hold parser objects, so they can be pickled across processes,
cached and compared; everything a later stage needs is a plain value here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

_T = TypeVar("_T")


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

    Both stay attributes, but a record (``to_dict``, ``to_json``) holds the
    text once, as ``paragraphs``: ``body`` is derived from them again by
    ``from_dict``. The paragraphs are the side kept because the body can
    always be rebuilt from them, while a body cannot be split back into
    paragraphs that hold a newline.
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
        """Plain JSON-ready values: ISO-8601 dates, lists for tuples, the text once.

        ``body`` is left out when it is ``"\\n".join(paragraphs)``, as in
        every article ``extract()`` returns: written twice, the text would
        be most of the record twice over. An article built with any other
        body keeps its ``body`` key, so that ``from_dict`` gives back an
        equal article whatever it was built with.
        """
        record = {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}
        if self.body == "\n".join(self.paragraphs):
            del record["body"]
        return record

    def to_json(self, *, indent: int | None = None) -> str:
        """JSON text with non-ASCII characters kept as they are."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Article:
        """The article a record stands for: ``from_dict(a.to_dict()) == a``.

        Records written before the text was stored once carry ``body`` beside
        ``paragraphs`` and load as they are; a record with a body and no
        paragraphs gets one paragraph per line. Keys that are not fields
        (the ``origin`` of batch and WARC records) are ignored, so that any
        line newsclean writes can be read back, and a missing field takes its
        default. A value of the wrong type raises ``ValueError``.
        """
        if not isinstance(record, Mapping):
            raise ValueError(f"an article record is a JSON object, not {type(record).__name__}")
        dateline = record.get("dateline")
        body = record.get("body")
        if "paragraphs" in record or body is None:
            paragraphs = _strings(record, "paragraphs")
        else:
            paragraphs = tuple(_text(record, "body").split("\n")) if body else ()
        return cls(
            url=_optional_text(record, "url"),
            title=_optional_text(record, "title"),
            body="\n".join(paragraphs) if body is None else _text(record, "body"),
            paragraphs=paragraphs,
            dateline=None if dateline is None else _dateline(_object(dateline, "dateline")),
            agencies=_strings(record, "agencies"),
            published=_datetime(record, "published"),
            modified=_datetime(record, "modified"),
            authors=_strings(record, "authors"),
            editors=_strings(record, "editors"),
            source=_optional_text(record, "source"),
            language=_optional_text(record, "language"),
            site_name=_optional_text(record, "site_name"),
            description=_optional_text(record, "description"),
            images=tuple(_image(_object(i, "images")) for i in _list(record, "images")),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Article:
        """The article of one JSON record, as ``to_json`` or a JSONL line holds it."""
        return cls.from_dict(json.loads(text))


def record_body(record: Mapping[str, Any]) -> str | None:
    """The body text of a record of either shape, without building the article.

    ``None`` when the record holds no text fields of the right type; for
    readers that need only the text of many lines (a crawl taking in the
    lines a killed run wrote).
    """
    body = record.get("body")
    if isinstance(body, str):
        return body
    paragraphs = record.get("paragraphs")
    if isinstance(paragraphs, list) and all(isinstance(p, str) for p in paragraphs):
        return "\n".join(paragraphs)
    return None


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


def _dateline(value: Mapping[str, Any]) -> Dateline:
    month, day = value.get("month"), value.get("day")
    for name, number in (("month", month), ("day", day)):
        if number is not None and (not isinstance(number, int) or isinstance(number, bool)):
            raise ValueError(f"dateline.{name} must be an integer or null")
    date = _optional_text(value, "date", "dateline.")
    return Dateline(
        raw=_text(value, "raw", "dateline."),
        place=_optional_text(value, "place", "dateline."),
        month=month,
        day=day,
        date=None if date is None else _iso(dt.date.fromisoformat, date, "dateline.date"),
        agency=_optional_text(value, "agency", "dateline."),
        reporters=_strings(value, "reporters", "dateline."),
        region=_optional_text(value, "region", "dateline."),
    )


def _image(value: Mapping[str, Any]) -> Image:
    return Image(
        url=_optional_text(value, "url", "images[]."),
        caption=_optional_text(value, "caption", "images[]."),
        credit=_optional_text(value, "credit", "images[]."),
    )


def _datetime(record: Mapping[str, Any], name: str) -> dt.datetime | None:
    value = _optional_text(record, name)
    return None if value is None else _iso(dt.datetime.fromisoformat, value, name)


def _iso(parse: Callable[[str], _T], value: str, name: str) -> _T:
    try:
        return parse(value)
    except ValueError:
        raise ValueError(f"{name} is not an ISO-8601 date: {value!r}") from None


def _object(value: Any, name: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must hold JSON objects")
    return value


def _list(record: Mapping[str, Any], name: str, where: str = "") -> list[Any]:
    value = record.get(name, [])
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"{where}{name} must be a list")
    return list(value)


def _strings(record: Mapping[str, Any], name: str, where: str = "") -> tuple[str, ...]:
    values = _list(record, name, where)
    if not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where}{name} must be a list of strings")
    return tuple(values)


def _text(record: Mapping[str, Any], name: str, where: str = "") -> str:
    value = record.get(name, "")
    if not isinstance(value, str):
        raise ValueError(f"{where}{name} must be a string")
    return value


def _optional_text(record: Mapping[str, Any], name: str, where: str = "") -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{where}{name} must be a string or null")
    return value
