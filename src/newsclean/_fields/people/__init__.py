"""Authors, editors, the credited source and the site name.

Authors, in fallback order. The first source that yields a valid name wins;
sources are not merged, because two sources spell the same person
differently (``Mei Lin`` / ``By MEI LIN, Reuters``) and would list them twice.

1. JSON-LD ``author``: a string, a Person object or a list of either
   (``Organization`` authors are the outlet, not a person).
2. Meta tags ``author``, ``article:author``, ``dc.creator``, ``byl``,
   ``sailthru.author``, ``parsely-author`` and others (``author_meta`` in
   ``rules/people.json``; URLs skipped: ``article:author`` is often a
   profile link), then ``twitter:dataN`` labelled ``Written by``.
3. Byline elements: ``[rel=author]``, ``[itemprop=author]``,
   ``[class*=byline]``, ``[class*=author]``. The first one that yields a
   name is taken with the matches inside it or beside it; later matches are
   other stories' cards. They are searched around the first ``<h1>``; when
   none there names anyone, the page's ``rel=author`` and ``itemprop=author``
   elements are read wherever they are.
4. Byline patterns in the paragraphs given (the first and last few of the
   body, and the byline lines the body filter set aside): a reporter credit
   in brackets that opens or closes a paragraph (``（记者 张伟 李明）``,
   ``（記者王小明／台北報導）``, ``（中央社記者王大明台北19日電）``; not a
   photo credit ending in 摄), a paragraph that is only ``记者 X`` /
   ``記者X`` / ``文/X`` / ``文／X`` / ``撰文：X`` / ``作者：X`` /
   ``By X and Y`` / ``By X, Y and Z``, and ``(Reporting by X;``. A line
   that reads like prose (lower-case words, sentence punctuation:
   ``By Sunday, officials said…``) is not a byline.
5. With the tree only: a name written in lower case (``kirstin boatto``,
   a user name) in the JSON-LD or meta author fields or the ``rel=author``
   / ``itemprop=author`` elements; everywhere else a name is capitalised.
6. With the tree only: a JSON-LD ``Person`` author of two or more words
   that is the site's own name (a personal site named after its author),
   else a JSON-LD or meta author of two or more words that is the site's
   name or part of it (``Mei Lin`` on ``Mei Lin Photography``) and does
   not open with an article (``The Economist``).

Every candidate passes one filter (``rules/people.json``): never a label
(``来源``, ``By``, ``作者``), an outlet (the site's own name, unless the
site is named in the possessive, ``Mei Lin's Blog``; ``南方日报``,
``中央社``, ``Reuters``), a staff code (``(kk)``, ``ABC123``), an e-mail or
URL, or a role (``國際部記者``, ``Staff Writer``). At most eight names are
kept, in order, each once: more is a staff list.

rules       ``rules/people.json`` compiled, the patterns shared by the modules
names       ``valid_name``: what is a person's name
bylines     ``names_in`` (the names of one byline string), ``merge_names``
paragraphs  author source 4: byline patterns in the body's paragraphs
site        ``find_site_name``
authors     ``find_authors`` and author sources 1 to 3, 5 and 6
credits     ``find_editors`` and ``find_source``
"""

from __future__ import annotations

from .authors import find_authors
from .bylines import MAX_AUTHORS, merge_names, names_in
from .credits import find_editors, find_source
from .names import valid_name
from .site import find_site_name

__all__ = [
    "MAX_AUTHORS",
    "find_authors",
    "find_editors",
    "find_site_name",
    "find_source",
    "merge_names",
    "names_in",
    "valid_name",
]
