"""robots.txt as RFC 9309 reads it, on protego.

protego follows the standard and Google's reading of it: ``*`` matches any
run of characters and a final ``$`` anchors the end; the longest matching
rule wins and Allow wins a tie; groups naming the same agent are merged; an
agent's own group replaces ``*``; a blank line inside a group does not end
it. The standard library's parser gets each of these wrong (``Disallow:
/*?`` blocked whole sites), which is why it is no longer used. protego also
reads ``Crawl-delay`` and ``Sitemap:`` lines, which the fetcher and the
crawler use.

What a missing or failing robots.txt means follows the standard: a 4xx
answer (or too many redirects) means there are no rules; a 5xx answer or no
answer at all means the site cannot say, so nothing on it is fetched. The
body is decoded as UTF-8 with a byte order mark skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from protego import Protego

#: robots.txt bytes read; the standard asks crawlers to parse at least 500 KiB.
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one origin's robots.txt allows, and why (``reason`` ends error messages)."""

    verdict: Literal["rules", "allow", "disallow"]
    reason: str
    parser: Protego | None = field(default=None, compare=False, repr=False)
    #: The host could not be reached for robots.txt: its pages are not fetched
    #: either, and say so as a connection error rather than as a refusal.
    unreachable: bool = False

    def allows(self, url: str, user_agent: str) -> bool:
        """Whether ``user_agent`` may fetch ``url`` under these rules."""
        if self.verdict != "rules" or self.parser is None:
            return self.verdict != "disallow"
        return bool(self.parser.can_fetch(url, _agent(user_agent)))

    def crawl_delay(self, user_agent: str) -> float | None:
        """Seconds the site asks ``user_agent`` to wait between requests, if it says."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(_agent(user_agent))
        return float(delay) if delay is not None else None

    @property
    def sitemaps(self) -> tuple[str, ...]:
        """The sitemaps the file names (``Sitemap:`` lines), in order."""
        return tuple(self.parser.sitemaps) if self.parser is not None else ()


def allow_all(reason: str) -> RobotsRules:
    return RobotsRules("allow", reason)


def disallow_all(reason: str, *, unreachable: bool = False) -> RobotsRules:
    return RobotsRules("disallow", reason, unreachable=unreachable)


def parse_robots(body: bytes) -> RobotsRules:
    """Rules from a robots.txt body (UTF-8, as the standard fixes it; a BOM skipped)."""
    text = body[:ROBOTS_MAX_BYTES].decode("utf-8-sig", "replace")
    return RobotsRules("rules", "disallowed by robots.txt", Protego.parse(text))


def for_status(status: int) -> RobotsRules:
    """The verdict for a robots.txt request that did not give a 2xx body."""
    if 400 <= status < 500:
        return allow_all(f"robots.txt answered {status}: no rules")
    return disallow_all(f"robots.txt answered {status}, so nothing there is fetched")


def _agent(user_agent: str) -> str:
    """The product token a group is matched on: ``newsclean/0.1 (+url)`` -> ``newsclean``."""
    return user_agent.split("/", 1)[0].split(None, 1)[0] if user_agent.strip() else user_agent
