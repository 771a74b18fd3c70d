"""``Fetcher``: the fetch plans run with blocking I/O, batches on threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from .._errors import FetchError
from .._models import Page
from ._actions import Action, LoadCached, NeedRobots, Outcome, Send, Sleep
from ._options import FetchOptions
from ._plan import FetchCore, Plan, T
from ._policy import TRANSPORT_ERRORS, check_client, origin, pool_limits
from ._robots import RobotsRules
from ._schedule import Keyed

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._options import FetchOptionsDict


class Fetcher:
    """Fetches pages politely: retries, robots.txt, per-host limits, size caps.

    Use it as a context manager, or call ``close()``. One fetcher keeps one
    connection pool, one robots.txt verdict per site and the optional cache
    for its whole life, so reuse it for many pages. ``fetch()`` may be
    called from several threads at once; the per-host and global limits
    hold across all of them. Pass ``client=`` (an ``httpx.Client``, which
    the fetcher then does not close) or ``transport=`` for proxies, cookies,
    HTTP/2 or custom TLS. Options: see docs/fetch.md.
    """

    def __init__(
        self,
        *,
        client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        **options: Unpack[FetchOptionsDict],
    ) -> None:
        check_client(client, transport, httpx.Client)
        self._core = FetchCore(FetchOptions.build(**options))
        conf = self._core.options
        self._owns_client = client is None
        self._client = client or httpx.Client(transport=transport, limits=pool_limits(conf))
        self._host_slots = Keyed(lambda: threading.BoundedSemaphore(conf.per_host_concurrency))
        self._all_slots = threading.BoundedSemaphore(conf.concurrency)
        self._robots_locks: Keyed[threading.Lock] = Keyed(threading.Lock)
        self._closed = False

    @property
    def options(self) -> FetchOptions:
        return self._core.options

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool (unless the caller's) and the cache."""
        if not self._closed:
            self._closed = True
            if self._owns_client:
                self._client.close()
            self._core.close()

    def fetch(self, url: str) -> Page:
        """Fetch one page; raises a ``FetchError`` subclass when it cannot."""
        if self._closed:
            raise RuntimeError("this Fetcher is closed")
        return self._run(self._core.page_plan(url))

    def sitemaps(self, url: str) -> tuple[str, ...]:
        """The sitemaps that the robots.txt of ``url``'s site names (``Sitemap:`` lines).

        The robots.txt is the one the fetcher reads for its verdicts, fetched
        once per site; a site without one, or unreachable, names none.
        """
        return self._robots(origin(url)).sitemaps

    def fetch_many(self, urls: Iterable[str]) -> Generator[Page | FetchError, None, None]:
        """Fetch many pages on ``concurrency`` threads, yielding each as it completes.

        A URL that fails yields its ``FetchError`` instead of raising, so
        one bad URL never stops the batch; ``.url`` says which one it was.
        Leaving the loop early cancels the fetches not yet started.
        """
        batch = self._core.batch(urls)
        conf = self._core.options
        running: dict[Future[Page | FetchError], str] = {}
        with ThreadPoolExecutor(conf.concurrency, thread_name_prefix="newsclean-fetch") as pool:
            try:
                while True:
                    for url in batch.launchable():
                        running[pool.submit(self._fetch_value, url)] = url
                    if not running:
                        break
                    finished, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in finished:
                        batch.finished(running.pop(future))
                        yield future.result()
            finally:
                for future in running:
                    future.cancel()

    def _fetch_value(self, url: str) -> Page | FetchError:
        try:
            return self.fetch(url)
        except FetchError as exc:
            return exc

    def _run(self, plan: Plan[T]) -> T:
        result: Any = None
        while True:
            try:
                action = plan.send(result)
            except StopIteration as stop:
                value: T = stop.value
                return value
            result = self._perform(action)

    def _perform(self, action: Action) -> object:
        if isinstance(action, Send):
            return self._send(action)
        if isinstance(action, Sleep):
            time.sleep(action.seconds)
            return None
        if isinstance(action, NeedRobots):
            return self._robots(action.origin)
        if isinstance(action, LoadCached):
            return self._core.load(action.url)
        self._core.store(action.entry)
        return None

    def _send(self, send: Send) -> Outcome:
        with self._host_slots.get(send.host), self._all_slots:
            wait_turn = self._core.schedule.reserve(send.host)
            if wait_turn > 0:
                time.sleep(wait_turn)
            exchange = send.start()
            try:
                with self._client.stream(
                    "GET", send.url, headers=send.headers, timeout=exchange.timeout,
                    follow_redirects=False,
                ) as response:  # fmt: skip
                    body = exchange.body(response)
                    if body is not None and body.open:
                        for chunk in response.iter_raw():
                            if not body.feed(chunk):
                                break
                    return exchange.reply(response, body)
            except TRANSPORT_ERRORS as exc:
                return exchange.error(exc)

    def _robots(self, site: str) -> RobotsRules:
        with self._robots_locks.get(site):
            rules = self._core.verdicts.get(site)
            if rules is None:
                rules = self._core.verdicts[site] = self._run(self._core.robots_plan(site))
            return rules
