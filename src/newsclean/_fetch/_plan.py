"""The fetch itself, written once as generators that yield I/O actions.

``FetchCore.page_plan(url)`` and ``FetchCore.robots_plan(origin)`` return plans:
generators that yield ``Send``/``Sleep``/... actions and receive their
results (see ``_actions``). Retries, redirects, robots checks and the
cache are decided here, in plain sequential code; ``Fetcher`` and
``AsyncFetcher`` only run the plans, one with blocking calls and one with
``await``, so the two can never drift apart.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterable
from typing import Any, TypeVar

from .._errors import (
    ConnectError,
    FetchError,
    FetchTimeoutError,
    RobotsDisallowedError,
    TooManyRedirectsError,
)
from .._models import Page
from ._actions import Action, LoadCached, NeedRobots, Outcome, Reply, Send, Sleep, StoreCached
from ._cache import CacheEntry, PageCache
from ._options import FetchOptions
from ._policy import (
    build_page,
    host_key,
    media_type,
    not_html_error,
    origin,
    redirect_target,
    retry_delay,
    retry_reason,
    status_error,
    url_problem,
)
from ._robots import (
    ROBOTS_MAX_BYTES,
    RobotsRules,
    allow_all,
    disallow_all,
    for_status,
    parse_robots,
)
from ._schedule import Batch, HostSchedule

log = logging.getLogger(__name__)

T = TypeVar("T")
#: A plan yields actions, is sent their results, and returns a T.
Plan = Generator[Action, Any, T]

#: Redirects followed for robots.txt, as the standard suggests.
ROBOTS_MAX_REDIRECTS = 5


class FetchCore:
    """What the fetches of one fetcher share: options, robots verdicts, pacing, cache."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self.verdicts: dict[str, RobotsRules] = {}
        self.schedule = HostSchedule(options.per_host_delay)
        self.cache = PageCache(options.cache) if options.cache else None
        accept = ", ".join((*options.accept, "*/*;q=0.8"))
        self._base_headers = (
            ("User-Agent", options.user_agent),
            ("Accept", accept),
            *options.headers,
            ("Accept-Encoding", "gzip, deflate"),
        )

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()

    def load(self, url: str) -> CacheEntry | None:
        """Perform ``LoadCached`` (blocking: the async fetcher calls it in a thread)."""
        return self.cache.load(url) if self.cache is not None else None

    def store(self, entry: CacheEntry) -> None:
        """Perform ``StoreCached`` (blocking, like ``load``)."""
        if self.cache is not None:
            self.cache.store(entry)

    def batch(self, urls: Iterable[str]) -> Batch:
        options = self.options
        return Batch(urls, concurrency=options.concurrency, per_host=options.per_host_concurrency)

    def page_plan(self, url: str) -> Plan[Page]:
        """Fetch ``url``: robots check, cache lookup, retries, redirects, then the Page."""
        if not isinstance(url, str):
            raise TypeError(f"fetch() needs a URL string, not {type(url).__name__}")
        started = time.monotonic()
        hops: list[str] = []
        current = url
        while True:
            _check_url(url, current)
            if self.options.respect_robots:
                yield from self._check_robots(url, current)
            cached = (yield LoadCached(current)) if self.cache is not None else None
            reply = yield from self._attempts(self._page_send(url, current, cached))
            target = redirect_target(reply.url, reply.status, reply.headers)
            if target is None:
                return (yield from self._finish(url, reply, cached, tuple(hops), started))
            hops.append(current)
            if len(hops) > self.options.max_redirects:
                message = f"{current}: more than {self.options.max_redirects} redirects"
                raise TooManyRedirectsError(message, url=url)
            current = target

    def robots_plan(self, site: str) -> Plan[RobotsRules]:
        """Fetch and judge ``site``'s robots.txt; never raises, every outcome is a verdict."""
        current = f"{site}/robots.txt"
        try:
            for _ in range(ROBOTS_MAX_REDIRECTS + 1):
                reply = yield from self._attempts(self._robots_send(current))
                target = redirect_target(reply.url, reply.status, reply.headers)
                if target is None:
                    return _judge_robots(reply)
                _check_url(current, target)
                current = target
        except FetchError as exc:
            log.warning("robots.txt of %s unreachable, fetching nothing there: %s", site, exc)
            reason = f"robots.txt unreachable ({exc}), so nothing there is fetched"
            return disallow_all(
                reason, unreachable=isinstance(exc, (ConnectError, FetchTimeoutError))
            )
        return allow_all("robots.txt redirects too often: no rules")

    def _check_robots(self, url: str, current: str) -> Plan[None]:
        rules: RobotsRules = yield NeedRobots(origin(current))
        if rules.unreachable:
            raise ConnectError(f"{current}: host unreachable ({rules.reason})", url=url)
        if not rules.allows(current, self.options.user_agent):
            raise RobotsDisallowedError(f"{current}: {rules.reason}", url=url)
        delay = rules.crawl_delay(self.options.user_agent)
        if delay:
            self.schedule.ask(host_key(current), min(delay, self.options.max_crawl_delay))

    def _attempts(self, send: Send) -> Plan[Reply]:
        """Send until the outcome is final or the retries are spent.

        Returns the last reply whatever its status (the caller judges it);
        raises the last error when the request never got an answer.
        """
        retries = self.options.retries
        attempt = 0
        while True:
            outcome: Outcome = yield send
            reply = outcome if isinstance(outcome, Reply) else None
            error = outcome if isinstance(outcome, FetchError) else None
            reason = retry_reason(reply.status if reply else None, error)
            if reason is not None and attempt < retries:
                retry_after = reply.headers.get("retry-after") if reply else None
                delay = retry_delay(attempt, retry_after, self.options)
                attempt += 1
                log.info(
                    "retrying %s in %.2f s (attempt %d of %d): %s",
                    send.url, delay, attempt + 1, retries + 1, reason,
                )  # fmt: skip
                yield Sleep(delay)
                continue
            if reason is not None:
                log.warning("giving up on %s after %d attempts: %s", send.url, attempt + 1, reason)
            if isinstance(outcome, FetchError):
                raise outcome
            return outcome

    def _page_send(self, url: str, current: str, cached: CacheEntry | None) -> Send:
        conditional = cached.conditional_headers() if cached is not None else ()
        return Send(
            asked=url,
            url=current,
            headers=self._base_headers + conditional,
            timeouts=self.options.timeout,
            max_bytes=self.options.max_bytes,
            accept=self.options.accept,
        )

    def _robots_send(self, url: str) -> Send:
        headers = tuple(
            ("Accept", "text/plain, */*;q=0.8") if name == "Accept" else (name, value)
            for name, value in self._base_headers
        )
        return Send(url, url, headers, self.options.timeout, ROBOTS_MAX_BYTES, None, truncate=True)

    def _finish(
        self,
        url: str,
        reply: Reply,
        cached: CacheEntry | None,
        hops: tuple[str, ...],
        started: float,
    ) -> Plan[Page]:
        """Judge the last answer of a chain; store it; build the Page."""
        if reply.status == 304 and cached is not None:
            entry = cached.refreshed(reply.headers)
            yield StoreCached(entry)
            return build_page(
                url, reply.url, entry.status, entry.headers, entry.content,
                redirects=hops, started=started, from_cache=True,
            )  # fmt: skip
        if not 200 <= reply.status < 300:
            raise status_error(url, reply.url, reply.status)
        if reply.content is None:
            raise not_html_error(url, reply.url, media_type(reply.headers))
        fresh = CacheEntry.of(reply.url, reply.status, reply.headers, reply.content)
        if self.cache is not None and fresh is not None:
            yield StoreCached(fresh)
        return build_page(
            url, reply.url, reply.status, reply.headers, reply.content,
            redirects=hops, started=started,
        )  # fmt: skip


def _check_url(url: str, current: str) -> None:
    problem = url_problem(current)
    if problem is not None:
        raise FetchError(problem, url=url)


def _judge_robots(reply: Reply) -> RobotsRules:
    if 200 <= reply.status < 300 and reply.content is not None:
        return parse_robots(reply.content)
    rules = for_status(reply.status)
    if rules.verdict == "disallow":
        log.warning("%s: %s", reply.url, rules.reason)
    return rules
