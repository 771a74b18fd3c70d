"""One name: whether a string can be a person's name."""

from __future__ import annotations

import re

from .rules import WEB, PeopleRules, people_rules

#: Longest Chinese name in Han characters; longer runs are phrases (在现场看到).
MAX_HAN_NAME = 4
#: Longest name with a separating dot, kana or hangul.
MAX_LONG_NAME = 12

_LATIN_NAME = re.compile(r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?")
#: A name or user name typed in lower case: letters and spaces only
#: (``kirstin boatto``, ``jsteinhardt``; not a slug such as ``mei-lin`` or ``mei.lin``).
_LOWER_NAME = re.compile(r"[^\W\d_A-Z]+(?: [^\W\d_A-Z]+)*")


def is_site(folded: str, site: str | None) -> bool:
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


def _max_cjk_len(name: str, bare: str, r: PeopleRules) -> int:
    """Chinese names have two to four characters; transliterated ones (阿卜杜拉·阿齐兹)
    and Japanese or Korean ones written with kana or hangul run longer."""
    if bare != name or r.kana_hangul.search(name):
        return MAX_LONG_NAME
    return MAX_HAN_NAME


def _valid_cjk(name: str, r: PeopleRules) -> bool:
    if not r.cjk_name.fullmatch(name):
        return False
    bare = name.replace("·", "").replace("•", "").replace("・", "")
    if len(bare) < 2 or len(bare) > _max_cjk_len(name, bare, r):
        return False
    if any(role in name for role in r.roles_cjk) or name.endswith(r.role_suffixes_cjk):
        return False
    return not (len(name) >= 3 and name.endswith(r.outlet_suffixes))


def _valid_latin(name: str, r: PeopleRules, lower_case: bool) -> bool:
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
    """Whether ``name`` can be a person's name (see the package docstring for what is not).

    Names are capitalised. ``lower_case`` also lets through a name written
    all in lower-case letters (``kirstin boatto``, a user name such as
    ``jsteinhardt``): only for fields that state their value is the author,
    where no prose can stand.
    """
    if not name or len(name) > 60 or any(ch.isdigit() for ch in name) or WEB.search(name):
        return False
    r = people_rules()
    folded = name.casefold()
    site_key = site.casefold() if site else None
    if folded in r.labels or folded in r.outlets or is_site(folded, site_key):
        return False
    return _valid_cjk(name, r) if r.has_cjk.search(name) else _valid_latin(name, r, lower_case)
