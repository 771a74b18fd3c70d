"""The normaliser: what extraction found becomes one clean ``Article`` record.

Stages, in order:

1. language   from the page's ``lang``/meta, checked against the text's script
2. dateline   parsed off the head of the first paragraphs (``(平壤19日讯)``,
              ``BEIJING, March 5 (Reuters) -``), its date completed from the
              publish date; the body starts after it
3. agencies   every wire agency credited: dateline, attributions, photo credits
4. people     authors (metadata, bylines, the dateline's reporters), editors
              and the credited source, each in its own field
5. script     optional simplified/traditional conversion
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ._fields.agencies import canonical, find_agencies
from ._fields.dateline import (
    CREDIT_HINT_REACH,
    DATELINE_HEAD,
    find_dateline,
    is_paper_credit,
    may_open_with_credit,
)
from ._fields.dates import date_from_text
from ._fields.language import detect_language
from ._fields.meta import PageMeta
from ._fields.people import find_authors, find_editors, find_source, merge_names
from ._models import Article, Dateline, Image
from ._script import Script, converter

#: A dateline opens one of the first paragraphs: a standfirst, a subtitle, a
#: photo credit or a byline row may come first (datelines corpus: the
#: dateline is the fourth or fifth paragraph on five of its pages).
DATELINE_PARAGRAPHS = 6
#: A dateline that credits an agency or the paper is looked for this far.
DATELINE_DEEP = 60
#: The search stops after this many paragraphs of story text: a dateline
#: comes before the story, so a line after them that looks like one is not.
DATELINE_AFTER_TEXT = 2
#: A paragraph this long (effective characters) is story text.
STORY_TEXT = 100
#: Lines at each end of the body searched for a printed date.
EDGE_LINES = 3
#: Only lines this short are searched: a date inside prose is not the article's.
EDGE_LINE_CHARS = 160


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extract stage hands to the normaliser."""

    url: str | None
    meta: PageMeta
    title: str | None
    site_name: str | None
    paragraphs: tuple[str, ...]
    images: tuple[Image, ...]
    #: Indexes of ``images`` whose caption the page does not print (``alt`` text).
    unprinted_images: frozenset[int]
    #: Lines the body filter set aside: editor, byline, source and date lines.
    credits: tuple[str, ...]
    published: dt.datetime | None
    #: A date printed at the top of the page, read before cleaning; the last resort.
    printed_date: dt.datetime | None
    modified: dt.datetime | None
    #: Authors named by the page's metadata and byline elements.
    page_authors: tuple[str, ...]


def build_article(x: Extraction, *, script: Script | None = None) -> Article:
    """Run the normaliser's stages over an extraction."""
    meta = x.meta
    language = detect_language(
        meta.lang,
        meta.first("http-equiv:content-language", "content-language"),
        meta.first("og:locale"),
        "\n".join(x.paragraphs[:20]),
    )
    published = (
        x.published
        or _date_from_lines(x.credits, language)
        or _date_from_lines(_edge_lines(x.paragraphs), language)
        or x.printed_date
    )
    dateline, paragraphs = split_dateline(x.paragraphs, published, language)
    if dateline is None and x.site_name:
        dateline, paragraphs = own_credit(paragraphs, x.site_name)
    if dateline is None:
        dateline = dateline_in_rows(x.credits, published, language)
    # Text a reader never sees (``alt``) credits nobody.
    shown = [i for n, i in enumerate(x.images) if n not in x.unprinted_images]
    captions = [i.caption for i in shown if i.caption]
    credits = [i.credit for i in shown if i.credit]
    agencies = find_agencies(
        paragraphs, captions, [*credits, *x.credits], dateline.agency if dateline else None
    )
    authors = merge_names(
        [
            *x.page_authors,
            *find_authors(meta, None, [*x.credits, *paragraphs[:1], *paragraphs[-2:]]),
            *(dateline.reporters if dateline else ()),
        ]
    )
    article = Article(
        url=meta.page_url(x.url),
        title=x.title,
        body="\n".join(paragraphs),
        paragraphs=paragraphs,
        dateline=dateline,
        agencies=agencies,
        published=published,
        modified=x.modified,
        authors=authors,
        editors=find_editors([*x.credits, *paragraphs[-3:]]),
        source=find_source([*x.credits, *paragraphs[-3:]], meta),
        language=language,
        site_name=x.site_name,
        description=meta.first("og:description", "description"),
        images=x.images,
    )
    return convert_script(article, converter(script)) if script else article


def split_dateline(
    paragraphs: tuple[str, ...], published: dt.datetime | None, language: str | None
) -> tuple[Dateline | None, tuple[str, ...]]:
    """The dateline heading one of the first paragraphs, and the body without it."""
    day = published.date() if published else None
    text_seen = 0
    searched = 0
    for i, para in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        searched = i + 1
        dateline, rest = _read_dateline(para, day, language)
        if dateline is not None:
            body = _cut(paragraphs, i, rest)
            # A record always has text: a dateline alone stays the body.
            return (dateline, body) if body else (None, paragraphs)
        text_seen += _story_size(para) >= STORY_TEXT
        if text_seen >= DATELINE_AFTER_TEXT:
            break
    return _credited_dateline(paragraphs, searched, day, language)


def _credited_dateline(
    paragraphs: tuple[str, ...], start: int, day: dt.date | None, language: str | None
) -> tuple[Dateline | None, tuple[str, ...]]:
    """A dateline that credits an agency or the paper, after a longer editor's note.

    An editor's note, a summary box or a video's text may fill the first
    paragraphs; a credit (``本报讯``, ``(CNN) --``, ``新华社…电``) is sure
    enough to be looked for a little further, a bare place is not.
    """
    deep = paragraphs[start:DATELINE_DEEP]
    # One test over all the heads first: most pages hold no sign of a credit.
    if not may_open_with_credit("\n".join(p[:CREDIT_HINT_REACH] for p in deep), whole=True):
        return None, paragraphs
    for i, para in enumerate(deep, start):
        if not may_open_with_credit(para):
            continue  # no agency, paper's credit or dispatch word up front
        dateline, rest = _read_dateline(para, day, language)
        if dateline is not None and (dateline.agency or is_paper_credit(dateline.raw)):
            return dateline, _cut(paragraphs, i, rest)
    return None, paragraphs


def _read_dateline(
    para: str, day: dt.date | None, language: str | None
) -> tuple[Dateline | None, str]:
    """The dateline heading ``para`` and the paragraph after it.

    A dateline sits in the first characters; the parser is handed no more.
    """
    dateline, rest = find_dateline(
        para[:DATELINE_HEAD], published=day, language=language, agency_lookup=canonical
    )
    return dateline, rest + para[DATELINE_HEAD:]


def _cut(paragraphs: tuple[str, ...], i: int, rest: str) -> tuple[str, ...]:
    """The paragraphs with paragraph ``i`` replaced by what follows its dateline."""
    kept = (rest,) if rest.strip() else ()
    return (*paragraphs[:i], *kept, *paragraphs[i + 1 :])


def own_credit(
    paragraphs: tuple[str, ...], site_name: str
) -> tuple[Dateline | None, tuple[str, ...]]:
    """``Kaieteur News – Police investigators…``: the outlet names itself where
    the dateline stands, and is the story's credited source.

    Only the site's own name (``og:site_name``, the publisher) counts, closed
    by a dash (a colon makes a headline: ``The Economist: …``) and followed
    by story text, at the head of one of the first paragraphs.
    """
    name = site_name.strip()
    if len(name) < OWN_NAME_MIN:
        return None, paragraphs
    for i, para in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        if not para.startswith(name):
            continue
        m = _OWN_CLOSE.match(para, len(name))
        # The story follows: a sentence, not a headline (``The Economist: …``).
        if m is None or _story_size(para[m.end() :]) < STORY_TEXT:
            continue
        dateline = Dateline(raw=para[: m.end()].rstrip(), agency=name)
        return dateline, _cut(paragraphs, i, para[m.end() :])
    return None, paragraphs


#: A site name shorter than this (``AP``, ``N1``) is too likely a word of the text.
OWN_NAME_MIN = 4
#: What closes an outlet's own credit: a dash, then the story (a colon would
#: make the line a headline).
_OWN_CLOSE = re.compile(r"[ \t]{0,3}(?:—|–|--|-(?=[ \t]))[ \t]{1,3}(?=\S)")


def dateline_in_rows(
    rows: Iterable[str], published: dt.datetime | None, language: str | None
) -> Dateline | None:
    """A dateline printed in a byline row above the body (``2018-02-28 14:31中央社 台北28日電``).

    The row may open with its date and time; the dateline follows them.
    """
    day = published.date() if published else None
    for row in rows:
        head = _ROW_STAMP.sub("", row[:DATELINE_HEAD], count=1)
        dateline, _ = find_dateline(head, published=day, language=language, agency_lookup=canonical)
        # A date alone in a row is the row's date stamp, not the story's dateline.
        if dateline is not None and (dateline.place or dateline.agency or dateline.reporters):
            return dateline
    return None


#: A date and time that open a byline row, before its dateline.
_ROW_STAMP = re.compile(
    r"^\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*"
)


def _story_size(paragraph: str) -> int:
    """Characters, a Han character counted as two: a story's length in Latin terms.

    A Han character takes three UTF-8 bytes, so half the extra bytes is one
    more per Han character: exact for ASCII and Han text, for the cost of
    one encode.
    """
    if paragraph.isascii():
        return len(paragraph)
    return len(paragraph) + (len(paragraph.encode()) - len(paragraph)) // 2


def convert_script(article: Article, convert: Callable[[str], str]) -> Article:
    """The same record with every text field in the other script."""

    def opt(value: str | None) -> str | None:
        return convert(value) if value else value

    paragraphs = tuple(convert(p) for p in article.paragraphs)
    images = tuple(replace(i, caption=opt(i.caption), credit=opt(i.credit)) for i in article.images)
    dateline = article.dateline
    if dateline is not None:
        dateline = replace(
            dateline,
            raw=convert(dateline.raw),
            place=opt(dateline.place),
            region=opt(dateline.region),
            reporters=tuple(convert(r) for r in dateline.reporters),
        )
    return replace(
        article,
        title=opt(article.title),
        body="\n".join(paragraphs),
        paragraphs=paragraphs,
        dateline=dateline,
        authors=tuple(convert(a) for a in article.authors),
        editors=tuple(convert(e) for e in article.editors),
        source=opt(article.source),
        description=opt(article.description),
        images=images,
    )


def _date_from_lines(lines: Iterable[str], language: str | None) -> dt.datetime | None:
    """A date printed in the credit rows around the headline, when metadata had none."""
    for line in lines:
        found = date_from_text(line, language)
        if found is not None:
            return found
    return None


def _edge_lines(paragraphs: tuple[str, ...]) -> list[str]:
    """Short lines opening or closing the body, where pages print "Published on ..."."""
    edges = [*paragraphs[:EDGE_LINES], *paragraphs[-EDGE_LINES:]]
    return [p for p in edges if len(p) <= EDGE_LINE_CHARS]
