"""robots.txt: grouped by ``urllib.robotparser``, matched as RFC 9309 says.

The standard library picks the group for a user agent well enough, but it
applies the first rule that matches and reads ``*`` and ``$`` literally.
Sites write ``Disallow: /*?print=`` and ``Allow: /news/`` under
``Disallow: /``, so the rules of the chosen group are matched here instead:
``*`` matches any run of characters, a final ``$`` anchors the end, the
longest matching rule wins, and Allow wins a tie.

What a missing or failing robots.txt means follows the standard: a 4xx
answer (or too many redirects) means there are no rules; a 5xx answer or no
answer at all means the site cannot say, so nothing on it is fetched.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Any, Literal, Protocol, cast
from urllib.robotparser import RobotFileParser

#: robots.txt bytes read; the standard asks crawlers to parse at least 500 KiB.
ROBOTS_MAX_BYTES = 512 * 1024


class _Entry(Protocol):
    """The part of robotparser's (untyped) group object used here."""

    rulelines: list[Any]

    def applies_to(self, useragent: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    length: int
    allow: bool


@dataclass(frozen=True, slots=True)
class _Group:
    entry: _Entry
    rules: tuple[_Rule, ...]


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one origin's robots.txt allows, and why (``reason`` ends error messages)."""

    verdict: Literal["rules", "allow", "disallow"]
    reason: str
    groups: tuple[_Group, ...] = ()
    default: _Group | None = None

    def allows(self, url: str, user_agent: str) -> bool:
        """Whether ``user_agent`` may fetch ``url`` under these rules."""
        if self.verdict != "rules":
            return self.verdict == "allow"
        group = next((g for g in self.groups if g.entry.applies_to(user_agent)), self.default)
        if group is None:
            return True
        path = _request_path(url)
        best = max(
            ((r.length, r.allow) for r in group.rules if r.pattern.match(path)), default=None
        )
        return best is None or best[1]


def allow_all(reason: str) -> RobotsRules:
    return RobotsRules("allow", reason)


def disallow_all(reason: str) -> RobotsRules:
    return RobotsRules("disallow", reason)


def parse_robots(body: bytes) -> RobotsRules:
    """Rules from a robots.txt body (UTF-8, as the standard fixes it)."""
    parser = RobotFileParser()
    parser.parse(body.decode("utf-8", "replace").splitlines())
    raw = cast(Any, parser)
    groups = tuple(_group(entry) for entry in raw.entries)
    default = _group(raw.default_entry) if raw.default_entry is not None else None
    return RobotsRules("rules", "disallowed by robots.txt", groups, default)


def for_status(status: int) -> RobotsRules:
    """The verdict for a robots.txt request that did not give a 2xx body."""
    if 400 <= status < 500:
        return allow_all(f"robots.txt answered {status}: no rules")
    return disallow_all(f"robots.txt answered {status}, so nothing there is fetched")


def _group(entry: _Entry) -> _Group:
    rules = tuple(_rule(line.path, bool(line.allowance)) for line in entry.rulelines)
    return _Group(entry, rules)


def _rule(quoted_path: str, allow: bool) -> _Rule:
    """Compile a rule path as robotparser stored it (percent-quoted)."""
    path = quoted_path.replace("%2A", "*")
    anchored = path.endswith("%24")
    if anchored:
        path = path[:-3]
    regex = ".*".join(re.escape(part) for part in path.split("*"))
    return _Rule(re.compile(regex + (r"\Z" if anchored else "")), len(quoted_path), allow)


def _request_path(url: str) -> str:
    """The path and query of a URL, quoted the way robotparser quotes rule paths."""
    parts = urllib.parse.urlparse(urllib.parse.unquote(url))
    local = urllib.parse.urlunparse(("", "", parts.path, parts.params, parts.query, ""))
    return urllib.parse.quote(local) or "/"
