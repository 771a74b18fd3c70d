"""Publish and modification dates.

Fallback order for the publish date, strongest evidence first:

1. JSON-LD ``datePublished`` of the article object (``@graph`` members are
   already flattened by ``read_meta``): the page states it for machines.
   When ``read_meta`` found no article object (JSON-LD wrapped in
   ``<![CDATA[``, HTML-escaped, or of another type such as
   ``SocialMediaPosting``), the first ``datePublished`` written in any
   JSON-LD script, read as text.
2. Meta tags, in the order of ``published_meta`` in ``rules/dates.json``
   (``article:published_time``, ``og:published_time``, ``datePublished``
   itemprop, ``pubdate``, ``publishdate``, ``dc.date``, ``sailthru.date``,
   ``parsely-pub-date``, ``weibo: article:create_at``...), then JSON-LD
   ``dateCreated``.
3. ``<time datetime>`` (or a non-meta element with ``itemprop=datePublished``):
   one that says it is the publish date (``itemprop``, ``pubdate``, a class
   with "publish"/"date") wins over a plain first one; one that says it is
   an update is never taken.
4. Visible text of the few elements whose class or id looks like a date
   line (``[class*=date]``, ``[class*=time]``, ``[class*=publish]``,
   ``time``, ``.info``, ``.source``), read by ``date_from_text``.

Then a date printed inside the headline's own block, then the
``uploadDate`` of a JSON-LD ``VideoObject`` (a page built around a video).

In 3 and 4 the first twenty matches after the first ``<h1>`` are tried
before the twenty before it, because a masthead often prints today's date
above the headline; each is one selector call.
5. The URL (``/2024/06/19/``, ``/2024/0619/``, ``/2024-06/19/``,
   ``-2024-06-19``, ``/20240619/``, and ``/19-06-2024`` in the page's day
   and month order). A URL that gives only a year and a month gives
   nothing: a day is never invented.
6. A date right after a publish label in the page text (``Posted on``,
   ``Published:``, ``Veröffentlicht am``, ``Erschienen am:``, ``Datum:``,
   ``发表于:``, ``时间：``; ``am`` alone only before a date with a time), then
   a month and day printed without a year in a date line or right after the
   ``<h1>`` (``10-08 12:00``, ``10月8日``), put in the URL's year or else the
   year of the first full date in the page's text, then a date within the
   first characters of visible text after the ``<h1>``.
7. The dated elements of 3 and 4 that sit in another story's card (teaser,
   related list), a comment, an embedded social post, a photo caption, an
   ``<aside>`` or the page's footer (``elsewhere_words`` and
   ``elsewhere_tags`` in ``rules/dates.json``): a site may call its own
   lead card a teaser.
8. The date on a list card that links to the page itself (a "latest news"
   list beside the article shows the article's own card).
9. A day-first dotted date with a two-digit year (``31.10.23``) in a date
   line or right after the headline; such dates elsewhere in the text are
   too often versions, scores or other numbers to be read earlier.

Text inside scripts, styles and templates is never read as printed text
(a script's crawl stamp is no date line); a date line that a script fills
in is read only from a key of its data that names the publish date. A date
after a citation's access label (``引用日期``, ``Retrieved``) is skipped.

After these, the record falls back on dates printed in the rows around the
headline and the body's edge lines, on the first date in the top of the
page's visible text, and last on a date in the path of the ``og:image``.

When the dates of 1 and 2 fall on different days (an old JSON-LD
``datePublished`` beside a newer ``article:published_time``), the one the
page also prints (3, 4, the headline's block, 6) is taken; a printed date
that follows "Updated"/"Aktualisiert" does not choose. Without such a
printed day the strongest source stands.

A UTC stamp that falls on the day before or after the day in the URL gives
the URL's day: the URL was written in the page's own time zone.

A date is timezone-aware when its source gives an offset (``Z``,
``+08:00``, ``+0800``, ``GMT+8``) and naive otherwise. Dates before 1990
or more than a day after ``now`` are typos, templates or ids, and are
skipped so that the next source is tried.

Numeric dates whose order is not obvious (``06/07/2024``) are read in the
order the page's language uses: month first for US English, day first for
the other languages with a known order. Bare ``en`` does not say which, so
without a region only the unambiguous readings are taken. Dotted dates
(``19.06.2024``) are day first unless the language is month first.

checks  sanity limits and checked datetimes
rules   ``rules/dates.json`` compiled, the publish-label pattern
text    dates in running text: numeric order, ``date_from_text``, labels
values  machine-written values: ``parse_iso``, ``parse_value``
url     ``date_from_url``
zones   ``in_site_zone``: the time zone of the page's country
tree    dates read from the page's tree (steps 3, 4 and 6 to 9, raw JSON-LD), ``visible_text``
page    ``find_published`` and ``find_modified``
"""

from __future__ import annotations

from .checks import plausible
from .page import find_modified, find_published
from .text import date_after_label, date_from_text, day_first, short_year_date
from .tree import visible_text
from .url import date_from_url
from .values import parse_iso, parse_value
from .zones import in_site_zone

__all__ = [
    "date_after_label",
    "date_from_text",
    "date_from_url",
    "day_first",
    "find_modified",
    "find_published",
    "in_site_zone",
    "parse_iso",
    "parse_value",
    "plausible",
    "short_year_date",
    "visible_text",
]
