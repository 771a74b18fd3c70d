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
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .._rules import load_json
from .meta import PageMeta

#: More names than this in one field is a staff list or a tag cloud.
MAX_AUTHORS = 8
#: Longest Chinese name in Han characters; longer runs are phrases (在现场看到).
MAX_HAN_NAME = 4
#: Longest name with a separating dot, kana or hangul.
MAX_LONG_NAME = 12
#: Byline elements read at most; the article's own byline comes early.
MAX_BYLINE_NODES = 20
#: Levels above the headline searched for byline elements.
HEADLINE_LEVELS = 4
#: A byline element with more text than this is an author bio or a wrapper.
MAX_BYLINE_TEXT = 200
#: A part of a byline line in CJK longer than this is prose.
MAX_CJK_PIECE = 12
#: A paragraph that is only a byline is at most this long.
MAX_BYLINE_LINE = 120
#: A bracketed reporter credit must start this early in its paragraph, or close it.
LEAD_CREDIT_WITHIN = 120
#: Words a name must keep when a date glued to it is cut off; fewer is a
#: heading or a handle, and the whole piece is rejected for its digits.
MIN_WORDS_BEFORE_DATE = 2
#: Words of a JSON-LD Person named like the site for it to be the site's
#: owner; one word is a brand (calibrated on wcxb-articles and trafilatura).
MIN_OWNER_WORDS = 2
#: Source credits are looked for in paragraphs and elements at most this long.
MAX_SOURCE_LINE = 200

#: Numbered label/value meta pairs (``twitter:label1`` ``Written by``,
#: ``twitter:data1`` the name) read at most: WordPress SEO plugins write two.
MAX_META_PAIRS = 4
_BYLINE_NODES = (
    '[rel~="author" i], [itemprop~="author" i], [class*="byline" i], [class*="author" i]'
)
_SOURCE_NODES = '[class*="source" i], [id*="source" i], [class*="info" i], [class*="meta" i]'
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})

#: Han, kana and hangul: the scripts whose names are written without spaces.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_LATIN_NAME = re.compile(r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?")
#: A name or user name typed in lower case: letters and spaces only
#: (``kirstin boatto``, ``jsteinhardt``; not a slug such as ``mei-lin`` or ``mei.lin``).
_LOWER_NAME = re.compile(r"[^\W\d_A-Z]+(?: [^\W\d_A-Z]+)*")
_WEB = re.compile(r"@|://|^www\.|\.(?:com|net|org|cn|tw|hk)\b", re.IGNORECASE)
_BRACKETS = '()[]{}<>【】〔〕「」『』《》"“”„«»‘’‹›'
#: A social-media handle printed after a name (``Mei Lin @meilin``).
_HANDLE = re.compile(r"\s+@[\w.]+")
_DIGIT = re.compile(r"\d")
#: Markup some sites leave in JSON-LD strings (``<a href=...>Name</a>``).
_TAG = re.compile(r"<[^<>]*>")
#: Three or more capitalised words run together, as in a user name
#: (``TopGrowthMarketing``); two (``McCravy``, ``DeSiato``) are one name.
_RUN_TOGETHER = re.compile(r"(?:[A-Z][a-z]{2,}){3,}")
_RUN_TOGETHER_WORD = re.compile(r"[A-Z][a-z]+")
#: The first number of a date: a day, a month or a year (not a count: ``Like 319``).
_DATE_NUMBER = re.compile(r"(?<!\d)(?:\d{1,2}|\d{4})(?!\d)")
_BY_AFTER_DATE = re.compile(r"\s(?i:by|von|par|por)\s+")
_PREFIX = re.compile(
    r"^(?:(?:(?:written|reporting|story|text|words)\s+)?by\b|von\b|par\b|por\b|door\b"
    r"|text\s*:|autor(?:in)?\s*:|author\s*:"
    r"|(?:本报|本報|本网|本網)?(?:特派|特约|特約|首席|驻\S{1,4}|駐\S{1,4})?(?:记者|記者)"
    r"|作者|撰文|撰稿|采写|採寫|文字|文(?=\s*[:/|]))\s*[:/|]?\s*",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:[,;、|/]|\s(?i:and|und|et|y|e)\s|&)\s*")
_REPORT_END = re.compile(r"(?:报道|報導|報道|报导)$")
_WIRE_DATELINE = re.compile(r"\d{1,2}日[电電]$")
_ROLE_WORD = re.compile(r"(?:记者|記者)")
_PAREN_CREDIT = re.compile(r"\(([^()]{0,15}?(?:记者|記者)[^()]{1,60})\)")
_LINE_BYLINE = re.compile(
    r"^(?:(?:本报|本報)?(?:特派|特约|特約)?(?:记者|記者)|文\s*[:/|]|撰文\s*:|撰稿\s*:|作者\s*:"
    r"|采写\s*:|採寫\s*:|By\s|BY\s)"
)
# The first letter is matched in both cases outside the case-blind group, and
# the word boundary before it checked after it: a pattern that opens with a
# literal lets the regex engine skip in C to where it can match, instead of
# trying it at every character.
_REPORTING_BY = re.compile(r"[rR](?<!\w.)(?i:(?<!additional r)eporting by )([^;)]+)")
_EDITED_BY = re.compile(r"[eE](?<!\w.)(?i:dit(?:ing|ed) by )([^;)]+)")
_PROSE_MARKS = re.compile(r"[。！？!?；;“”\"]")
#: What an editor label follows, when it does not open the text.
_EDITOR_BEFORE = r"\s(\[【〔|"
_NEXT_LABEL = re.compile(r"\s+\S{1,6}\s*:.*$|[。.].*$")


@dataclass(frozen=True, slots=True)
class _PeopleRules:
    """``rules/people.json`` and the script patterns, compiled on first use.

    Character classes over the CJK blocks take milliseconds to compile,
    which is why they live here and not at module level.
    """

    labels: frozenset[str]
    outlets: frozenset[str]
    outlet_suffixes: tuple[str, ...]
    outlet_words: frozenset[str]
    author_meta: tuple[str, ...]
    author_meta_labels: frozenset[str]
    title_articles: frozenset[str]
    roles_cjk: tuple[str, ...]
    role_suffixes_cjk: tuple[str, ...]
    roles_latin: frozenset[str]
    particles: frozenset[str]
    suffixes: frozenset[str]
    tail_words: frozenset[str]
    date_words: frozenset[str]
    lead: re.Pattern[str]
    stop: re.Pattern[str]
    editor: re.Pattern[str]
    source: re.Pattern[str]
    has_cjk: re.Pattern[str]
    cjk_name: re.Pattern[str]
    kana_hangul: re.Pattern[str]


def _after(labels: Iterable[str], before: str) -> str:
    """An alternation of ``labels``, each only at the text's start or after a ``before`` character.

    The check follows each label's first character, so that every branch
    opens with a literal: the regex engine then skips in C to the characters
    a label starts with, instead of trying the pattern at every position.
    """
    return "|".join(f"{re.escape(w[0])}(?<![^{before}].){re.escape(w[1:])}" for w in labels)


@functools.lru_cache(maxsize=1)
def _rules() -> _PeopleRules:
    """Built on first use, not at import."""
    raw: dict[str, Any] = load_json("people.json")
    months: dict[str, list[list[str]]] = load_json("dates.json")["months"]
    lead = "|".join(re.escape(w) for w in sorted(raw["lead_labels"], key=len, reverse=True))
    editors = _after(sorted(raw["editor_labels"], key=len, reverse=True), _EDITOR_BEFORE)
    sources = "|".join(sorted(raw["source_labels"], key=len, reverse=True))
    return _PeopleRules(
        labels=frozenset(w.casefold() for w in raw["labels"]),
        outlets=frozenset(w.casefold() for w in raw["outlets"]),
        outlet_suffixes=tuple(raw["outlet_suffixes"]),
        outlet_words=frozenset(w.casefold() for w in raw["outlet_words"]),
        author_meta=tuple(raw["author_meta"]),
        author_meta_labels=frozenset(w.casefold() for w in raw["author_meta_labels"]),
        title_articles=frozenset(raw["title_articles"]),
        roles_cjk=tuple(raw["roles_cjk"]),
        role_suffixes_cjk=tuple(raw["role_suffixes_cjk"]),
        roles_latin=frozenset(w.casefold() for w in raw["roles_latin"]),
        particles=frozenset(raw["name_particles"]),
        suffixes=frozenset(raw["name_suffixes"]),
        tail_words=frozenset(w.casefold() for w in raw["tail_words"]),
        date_words=frozenset(
            [
                *(m for names in months.values() for month in names for m in month),
                *(w.casefold() for w in raw["date_words"]),
            ]
        ),
        lead=re.compile(rf"^(?:{lead})(?:\s*:\s*|\s+)(?=\S)", re.IGNORECASE),
        stop=re.compile("|".join(map(re.escape, raw["stop_cjk"]))),
        # Matched on NFKC text: full-width colons and brackets are ASCII there.
        editor=re.compile(rf"(?:{editors})\s*:\s*([^()\[\]【】〔〕|]+)"),
        source=re.compile(
            rf"(?:^|[\s(（\[【〔|｜])(?:{sources})\s*[:：]\s*([^\s|｜,，;；()（）\[\]【】]{{1,40}})"
        ),
        has_cjk=re.compile(f"[{_CJK}]"),
        cjk_name=re.compile(f"[{_CJK}](?:[{_CJK}·•・]*[{_CJK}])?"),
        kana_hangul=re.compile("[\u3040-\u30ff\uac00-\ud7af]"),
    )


# --- one name -------------------------------------------------------------


def _is_site(folded: str, site: str | None) -> bool:
    """Whether a name is the site's own (both case-folded).

    A site named in the possessive (``Mei Lin's Blog``) is a person's, and
    that person's name is an author, not the outlet.
    """
    if not site:
        return False
    if folded == site:
        return True
    return len(folded) >= 4 and folded in site and not _possessive_of(site, folded)


def _possessive_of(site: str, folded: str) -> bool:
    return site.startswith(folded) and site[len(folded) : len(folded) + 1] in ("'", "’")


def _max_cjk_len(name: str, bare: str, r: _PeopleRules) -> int:
    """Chinese names have two to four characters; transliterated ones (阿卜杜拉·阿齐兹)
    and Japanese or Korean ones written with kana or hangul run longer."""
    if bare != name or r.kana_hangul.search(name):
        return MAX_LONG_NAME
    return MAX_HAN_NAME


def _valid_cjk(name: str, r: _PeopleRules) -> bool:
    if not r.cjk_name.fullmatch(name):
        return False
    bare = name.replace("·", "").replace("•", "").replace("・", "")
    if len(bare) < 2 or len(bare) > _max_cjk_len(name, bare, r):
        return False
    if any(role in name for role in r.roles_cjk) or name.endswith(r.role_suffixes_cjk):
        return False
    return not (len(name) >= 3 and name.endswith(r.outlet_suffixes))


def _valid_latin(name: str, r: _PeopleRules, lower_case: bool) -> bool:
    if not _LATIN_NAME.fullmatch(name):
        return False
    words = name.split()
    if len(words) > 5:
        return False
    plain = [w.strip(".'’").casefold() for w in words]
    if any(w in r.roles_latin or w in r.outlet_words for w in plain):
        return False
    lower = lower_case and _LOWER_NAME.fullmatch(name) is not None
    capitalised = all(w[0].isupper() or p in r.particles for w, p in zip(words, plain, strict=True))
    if not (capitalised or lower):
        return False
    if len(words) == 1:
        # A lone short capitalised token is an agency or a staff code (AFP, KK).
        return len(name) >= 2 and not (name.isupper() and len(name) <= 5)
    return True


def valid_name(name: str, site: str | None = None, *, lower_case: bool = False) -> bool:
    """Whether ``name`` can be a person's name (see the module docstring for what is not).

    Names are capitalised. ``lower_case`` also lets through a name written
    all in lower-case letters (``kirstin boatto``, a user name such as
    ``jsteinhardt``): only for fields that state their value is the author,
    where no prose can stand.
    """
    if not name or len(name) > 60 or any(ch.isdigit() for ch in name) or _WEB.search(name):
        return False
    r = _rules()
    folded = name.casefold()
    site_key = site.casefold() if site else None
    if folded in r.labels or folded in r.outlets or _is_site(folded, site_key):
        return False
    return _valid_cjk(name, r) if r.has_cjk.search(name) else _valid_latin(name, r, lower_case)


# --- a byline string ------------------------------------------------------


def _strip_brackets(text: str) -> str:
    return text.strip().strip(_BRACKETS).strip()


def _wire_reporter(text: str) -> str:
    """``王大明台北19日電`` -> ``王大明``: a wire dateline glued to the last name.

    The place has no separator; names in such credits are most often three
    characters and places two, so four characters read as 2+2 and five or
    more as a three-character name.
    """
    rest = _WIRE_DATELINE.sub("", text)
    if len(rest) >= 5:
        return rest[:3]
    if len(rest) == 4:
        return rest[:2]
    return rest


def _cjk_tokens(piece: str) -> list[str]:
    """``张伟 李明`` -> two names; ``王 芳`` (a two-character name spaced out) -> one."""
    tokens = piece.split()
    if len(tokens) < 2 or not all(_rules().cjk_name.fullmatch(t) for t in tokens):
        return [piece]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            out.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def _before_date(piece: str, r: _PeopleRules) -> str:
    """``Mei Lin on March 5, 2024`` -> ``Mei Lin``: a date glued to a byline is cut off.

    A name has no digits; the words between the name and the first digit
    that are lower-case (``on``, ``am``, ``le``), month or weekday names, or
    labels (``Updated``, ``Stand``) go with the date. A name after the date
    (``Posted on May 5, 2024 by Mei Lin``) is taken instead.
    """
    digit = _DIGIT.search(piece)
    if digit is None or not _DATE_NUMBER.match(piece, digit.start()):
        return piece
    after = _BY_AFTER_DATE.search(piece, digit.end())
    if after:
        # Posted on May 5, 2024 by Mei Lin
        return _before_date(piece[after.end() :], r)
    words = piece[: digit.start()].split()
    while words and _date_word(words[-1], r):
        words.pop()
    # One word left before a number is a heading (Top 10) or a handle (Bo2man).
    return " ".join(words) if len(words) >= MIN_WORDS_BEFORE_DATE else piece


def _date_word(word: str, r: _PeopleRules) -> bool:
    plain = word.strip(".,:;|-–—·•")
    return not plain or not plain[0].isupper() or plain.casefold() in r.date_words


def _before_title(piece: str, r: _PeopleRules) -> str:
    """``Mei Lin Senior Reporter`` -> ``Mei Lin``: a job title or link label printed after the name.

    Only cut after two words, so that the title alone (``Senior Reporter``)
    or a one-word remainder is still rejected as a whole.
    """
    words = piece.split()
    for i in range(2, len(words)):
        if words[i].strip(".,:'’").casefold() in r.tail_words:
            return " ".join(words[:i])
    return piece


def _end_dot(piece: str, r: _PeopleRules) -> str:
    """The full stop of an initial or of ``Jr.`` is part of the name; any other is not."""
    if not piece.endswith("."):
        return piece
    last = piece[:-1].rsplit(" ", 1)[-1]
    if " " in piece and (len(last) == 1 or last.casefold() in r.suffixes):
        return piece
    return piece.rstrip(". ")


def _clean_piece(piece: str) -> str:
    """One comma/``and``-separated part of a byline, without labels, handles, dates and titles."""
    r = _rules()
    piece = _PREFIX.sub("", _strip_brackets(piece))
    piece = r.lead.sub("", piece).strip(" :-–—").lstrip(".")
    if not r.has_cjk.search(piece):
        piece = _before_title(_before_date(_HANDLE.sub("", piece), r), r)
        if _RUN_TOGETHER.fullmatch(piece):
            # TopGrowthMarketing -> Top Growth Marketing
            piece = " ".join(_RUN_TOGETHER_WORD.findall(piece))
    return _end_dot(piece.strip(" :-–—"), r)


def names_in(text: str, site: str | None = None, *, lower_case: bool = False) -> list[str]:
    """The person names of one byline string, in order, labels and roles removed.

    ``lower_case``: the string is an explicit author field (see ``valid_name``).
    """
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    text = _PREFIX.sub("", _strip_brackets(text))
    roles = list(_ROLE_WORD.finditer(text))
    if roles:
        # 新华社记者张伟 -> 张伟; 國際部記者 -> nothing.
        text = text[roles[-1].end() :].lstrip(" :")
    stop = _rules().stop.search(text)
    if stop:
        text = text[: stop.start()]
    pieces = [p for p in _SPLIT.split(text) if p]
    out: list[str] = []
    for i, piece in enumerate(pieces):
        piece = _clean_piece(piece)
        if _WIRE_DATELINE.search(piece):
            piece = _wire_reporter(piece)
        for j, name in enumerate(_cjk_tokens(piece)):
            if i == j == 0:
                # 记者张伟报道; a later 北京报道 is a place and is dropped as a role.
                name = _REPORT_END.sub("", name)
            if valid_name(name, site, lower_case=lower_case) and name not in out:
                out.append(name)
    return out


def merge_names(names: Iterable[str]) -> tuple[str, ...]:
    """Names in first-seen order, each once, at most ``MAX_AUTHORS``.

    A name that is another one of the list with more words around it
    (``Mei Lin Games Editor`` beside ``Mei Lin``) is the same person read from
    a wider element, and is dropped.
    """
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    padded = [f" {n} " for n in out]
    kept = [n for n, p in zip(out, padded, strict=True) if not _extends(p, padded)]
    return tuple(kept[:MAX_AUTHORS])


def _extends(padded: str, others: list[str]) -> bool:
    """Whether ``padded`` (a name in spaces) holds another of ``others`` as whole words."""
    return any(o != padded and o in padded for o in others)


# --- authors --------------------------------------------------------------


def _jsonld_names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [_plain(value)]
    if isinstance(value, dict):
        types = value.get("@type")
        kinds = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.casefold() in _ORG_TYPES for t in kinds):
            return []
        return _jsonld_names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _jsonld_names(item)]
    return []


def _plain(value: str) -> str:
    """A JSON-LD string as text: a site's template may write the author's link into it."""
    if "<" in value:
        value = _TAG.sub(" ", value)
    if "&" in value:
        value = html.unescape(value)
    return " ".join(value.split())


def _personal_site_owner(value: Any) -> list[str]:
    """Names of JSON-LD ``Person`` authors of at least ``MIN_OWNER_WORDS`` words.

    Read only when no other source named anyone, every JSON-LD author
    having been the site's own name: a site named
    after its author (a personal blog, ``Mei Lin``) credits a person, while
    an outlet calling itself the author gives a one-word brand or a
    ``Person`` that is no person's name (``Harbour News``), which the name
    filter still rejects.
    """
    if isinstance(value, list):
        return [n for item in value for n in _personal_site_owner(item)]
    if not isinstance(value, dict):
        return []
    types = value.get("@type")
    kinds = types if isinstance(types, list) else [types]
    name = value.get("name")
    if not any(isinstance(t, str) and t.casefold() == "person" for t in kinds):
        return []
    if not isinstance(name, str) or len(name.split()) < MIN_OWNER_WORDS:
        return []
    return [name]


def _names(value: Any) -> list[str]:
    """Names in a JSON-LD value (string, object with ``name``, list), any type."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _inside(node: LexborNode, scope: LexborNode) -> bool:
    target = scope.mem_id
    current: LexborNode | None = node
    for _ in range(12):
        if current is None:
            return False
        if current.mem_id == target:
            return True
        current = current.parent
    return False


def _node_text(node: LexborNode) -> str:
    content = node.attributes.get("content")
    if content:
        return content
    text = node.text(separator=" ")
    if not text.strip():
        inner = node.css_first("[itemprop~='name' i][content]")
        return (inner.attributes.get("content") or "") if inner is not None else ""
    return text


def _headline_area(root: LexborHTMLParser | LexborNode) -> LexborHTMLParser | LexborNode:
    """The few levels around the first ``<h1>``, where bylines are printed.

    Searching there rather than the whole page keeps the selector cheap and
    keeps other stories' cards out.
    """
    h1 = root.css_first("h1")
    if h1 is None:
        return root
    area = h1
    for _ in range(HEADLINE_LEVELS):
        parent = area.parent
        if parent is None or parent.tag in ("body", "html"):
            break
        area = parent
    # A headline placed straight in <body> has no area of its own.
    return root if area is h1 else area


def _from_tree(root: LexborHTMLParser | LexborNode, site: str | None) -> list[str]:
    return _from_nodes(_headline_area(root).css(_BYLINE_NODES), site)


def _from_nodes(
    nodes: Sequence[LexborNode], site: str | None, *, lower_case: bool = False
) -> list[str]:
    """Names in the first byline element that has some, and in the elements inside or beside it."""
    out: list[str] = []
    scope: LexborNode | None = None
    for node in nodes[:MAX_BYLINE_NODES]:
        if scope is not None and not _inside(node, scope):
            continue
        if _is_comment(node):
            continue
        text = " ".join(_node_text(node).split())
        if not text or len(text) > MAX_BYLINE_TEXT:
            continue
        names = names_in(text, site, lower_case=lower_case)
        if names and scope is None:
            scope = node.parent or node
        out.extend(names)
    return out


def _is_comment(node: LexborNode) -> bool:
    """A reader comment's header (``comment-author``) names the commenter, not the author."""
    return "comment" in (node.attributes.get("class") or "").casefold()


def _byline_piece(piece: str, r: _PeopleRules) -> bool:
    """Whether one comma/slash-separated part of a line reads like a credit, not prose.

    Names, outlets and roles are capitalised words or short CJK runs;
    prose has lower-case words (``By Sunday, officials said``) or sentence
    punctuation (``记者在现场看到，展区……``).
    """
    piece = _PREFIX.sub("", _strip_brackets(piece)).strip(" .:-–—")
    if not piece:
        return True
    if r.has_cjk.search(piece):
        if _WIRE_DATELINE.search(piece):
            return True
        return len(piece) <= MAX_CJK_PIECE and not _PROSE_MARKS.search(piece)
    words = piece.split()
    return not any(ch.isdigit() for ch in piece) and all(
        w[0].isupper() or w.casefold() in r.particles for w in words
    )


def _is_byline_line(text: str) -> bool:
    """A whole paragraph that is only a credit: ``记者 张伟 李明``, ``By X, Y and Z``."""
    if len(text) > MAX_BYLINE_LINE or not _LINE_BYLINE.match(text):
        return False
    r = _rules()
    body = _PREFIX.sub("", text)
    return all(_byline_piece(p, r) for p in _SPLIT.split(body) if p)


def _paragraph_bylines(paragraph: str, site: str | None) -> list[str]:
    text = unicodedata.normalize("NFKC", paragraph).strip()
    out: list[str] = []
    # A reporter credit in brackets opens a story (新华社上海3月5日电（记者张伟）)
    # or closes it (……。（记者 张伟）); one in the middle is quoted text.
    end = len(text.rstrip("。. "))
    for m in _PAREN_CREDIT.finditer(text):
        if m.start() > LEAD_CREDIT_WITHIN and m.end() < end:
            continue
        inner = m.group(1).strip()
        if not inner.endswith(("摄", "攝")):
            out.extend(names_in(inner, site))
    if _is_byline_line(text):
        out.extend(names_in(text, site))
    for m in _REPORTING_BY.finditer(text):
        out.extend(names_in(m.group(1), site))
    return out


def _from_paragraphs(paragraphs: Iterable[str], site: str | None) -> list[str]:
    return [name for p in paragraphs for name in _paragraph_bylines(p, site)]


def find_authors(
    meta: PageMeta,
    tree: LexborHTMLParser | LexborNode | None = None,
    body_paragraphs: Iterable[str] = (),
    author_marks: Sequence[LexborNode] = (),
) -> tuple[str, ...]:
    """Person names the page credits, in the fallback order of the module docstring.

    ``author_marks`` are the page's ``rel=author`` / ``itemprop=author``
    elements (``meta.read_page_nodes`` finds them in its walk), read when
    the headline's surroundings name no one.
    """
    site = find_site_name(meta)
    names = _values_names(_jsonld_names(meta.jsonld.get("author")), site)
    if not names:
        names = _values_names(_meta_authors(meta), site)
    if not names and tree is not None:
        names = _from_tree(tree, site)
    if not names:
        names = _from_nodes(author_marks, site)
    if not names:
        names = _from_paragraphs(body_paragraphs, site)
    if not names and tree is not None:
        # Only once the page's own bylines were searched.
        names = _lower_case_names(meta, author_marks, site)
    if not names and tree is not None:
        # Last, and only once the page's own bylines were searched.
        names = _values_names(_personal_site_owner(meta.jsonld.get("author")), None)
        names = names or _site_owner_names(meta, site)
    return merge_names(names)


def _meta_authors(meta: PageMeta) -> list[str]:
    """The author meta tags' values, then ``twitter:dataN`` where ``twitter:labelN`` names it.

    WordPress SEO plugins print the author only as a Twitter card pair
    (``Written by`` / ``Verfasst von`` and the name) on many sites.
    """
    r = _rules()
    values = [v for k in r.author_meta if (v := meta.metas.get(k))]
    for i in range(1, MAX_META_PAIRS + 1):
        label = meta.metas.get(f"twitter:label{i}")
        value = meta.metas.get(f"twitter:data{i}")
        if label and value and label.casefold() in r.author_meta_labels:
            values.append(value)
    return values


def _values_names(
    values: Iterable[str], site: str | None, *, lower_case: bool = False
) -> list[str]:
    return [n for v in values for n in names_in(v, site, lower_case=lower_case)]


def _site_owner_names(meta: PageMeta, site: str | None) -> list[str]:
    """JSON-LD or meta authors of at least ``MIN_OWNER_WORDS`` words that are the site's name.

    A site named after its author (``Mei Lin``, ``Mei Lin Photography``)
    states its owner as the author; the name was set aside as the outlet.
    Read only when no source named anyone else. A one-word brand is still
    the outlet, so is a name opening with an article (``The Economist``),
    and an outlet's name (``Harbour Times``) still fails the name filter.
    """
    if not site:
        return []
    articles = _rules().title_articles
    key = site.casefold()
    values = [
        v
        for v in (
            *_jsonld_names(meta.jsonld.get("author")),
            *_meta_authors(meta),
        )
        if v and not _WEB.search(v)
    ]
    return [
        n
        for n in _values_names(values, None, lower_case=True)
        if len(n.split()) >= MIN_OWNER_WORDS
        and _is_site(n.casefold(), key)
        and n.split()[0].casefold() not in articles
    ]


def _lower_case_names(meta: PageMeta, marks: Sequence[LexborNode], site: str | None) -> list[str]:
    """Names written in lower case in the page's explicit author fields.

    JSON-LD and meta authors and ``rel=author`` / ``itemprop=author``
    elements hold the author's name as the author typed it or as a user
    name (``kirstin boatto``, ``jsteinhardt``). Read only when no source
    gave a capitalised name: a site that prints its author's user name in
    its metadata often prints the real name in the byline
    (``arianschlichenmayer`` / ``von Arian Schlichenmayer``). Profile URLs
    are skipped whole, so that their parts (``https``) are not read as names.
    """
    values = [
        v
        for v in (
            *_jsonld_names(meta.jsonld.get("author")),
            *_meta_authors(meta),
        )
        if v and not _WEB.search(v)
    ]
    names = _values_names(values, site, lower_case=True)
    return names or _from_nodes(marks, site, lower_case=True)


# --- editors and source ---------------------------------------------------


def find_editors(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Editors credited in editor lines: ``责任编辑：X``, ``【责任编辑：王芳】``, ``Editing by X``.

    Pass the page's blocks before editor lines are filtered out of the body.
    """
    r = _rules()
    out: list[str] = []
    for paragraph in paragraphs:
        text = unicodedata.normalize("NFKC", paragraph)
        for m in r.editor.finditer(text):
            out.extend(names_in(_NEXT_LABEL.sub("", m.group(1).strip())))
        for m in _EDITED_BY.finditer(text):
            out.extend(names_in(m.group(1)))
    return merge_names(out)


def _source_value(value: str, r: _PeopleRules) -> str | None:
    value = value.strip().rstrip("。.、:：")
    if not value or _WEB.search(value) or value.isdigit():
        return None
    if value.casefold() in r.labels or any(ch in value for ch in ":："):
        return None
    return value


def _source_in(text: str, r: _PeopleRules) -> str | None:
    for m in r.source.finditer(text):
        value = _source_value(m.group(1), r)
        if value:
            return value
    return None


def find_source(
    paragraphs: Iterable[str],
    meta: PageMeta,
    *,
    tree: LexborHTMLParser | LexborNode | None = None,
) -> str | None:
    """The outlet credited with ``来源：X`` / ``來源：X`` / ``稿源：X``: ``来源：新华网`` -> 新华网.

    Short paragraphs first (pass the blocks before source lines are
    filtered out), then the page's source/info elements, then a ``source``
    meta tag. A credit inside quotes (``凡注明“来源：某网”的作品``) is a
    copyright notice, not a credit, and is skipped.
    """
    r = _rules()
    for paragraph in paragraphs:
        if len(paragraph) <= MAX_SOURCE_LINE:
            found = _source_in(paragraph.strip(), r)
            if found:
                return found
    if tree is not None:
        for node in tree.css(_SOURCE_NODES)[:MAX_BYLINE_NODES]:
            text = " ".join(node.text(separator=" ").split())
            if len(text) <= MAX_SOURCE_LINE:
                found = _source_in(text, r)
                if found:
                    return found
    value = meta.first("source", "article:source")
    return _source_value(value, r) if value else None


def find_site_name(meta: PageMeta) -> str | None:
    """``og:site_name``, then the JSON-LD publisher, then ``application-name``."""
    value = meta.first("og:site_name")
    if value:
        return value
    publisher = _names(meta.jsonld.get("publisher"))
    if publisher:
        return " ".join(publisher[0].split()) or None
    return meta.first("application-name")
