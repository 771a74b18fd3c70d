"""``AsyncFetcher``: the fetch plans run with ``await``, batches as tasks."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx

from .._errors import FetchError
from .._models import Page
from ._actions import Action, LoadCached, NeedRobots, Outcome, Send, Sleep
from ._options import FetchOptions
from ._plan import FetchCore, Plan, T
from ._policy import TRANSPORT_ERRORS, check_client
from ._pools import default_async_client
from ._robots import RobotsRules
from ._schedule import Keyed

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._options import FetchOptionsDict


class AsyncFetcher:
    """The asyncio twin of ``Fetcher``: same options, same rules, same errors.

    ``async with AsyncFetcher() as f: page = await f.fetch(url)``, or
    ``async for result in f.fetch_many(urls)``. Pass ``client=`` (an
    ``httpx.AsyncClient``, which the fetcher then does not close) or
    ``transport=``; without either, each host gets a small connection pool
    of its own (docs/fetch.md, "Connection pools"). Use one fetcher within
    one event loop. The optional cache is read and written in a worker
    thread, off the loop.
    """

    def __init__(
        self,
        *,
        client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        **options: Unpack[FetchOptionsDict],
    ) -> None:
        check_client(client, transport, httpx.AsyncClient)
        self._core = FetchCore(FetchOptions.build(**options))
        conf = self._core.options
        self._owns_client = client is None
        if client is None:
            # A caller's transport is its own pool (httpx ignores limits= then).
            client = (
                default_async_client(conf)
                if transport is None
                else httpx.AsyncClient(transport=transport)
            )
        self._client = client
        self._host_slots = Keyed(lambda: asyncio.BoundedSemaphore(conf.per_host_concurrency))
        self._all_slots = asyncio.BoundedSemaphore(conf.concurrency)
        self._robots_locks: Keyed[asyncio.Lock] = Keyed(asyncio.Lock)
        self._closed = False

    @property
    def options(self) -> FetchOptions:
        return self._core.options

    async def __aenter__(self) -> AsyncFetcher:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (unless the caller's) and the cache."""
        if not self._closed:
            self._closed = True
            if self._owns_client:
                await self._client.aclose()
            self._core.close()

    async def fetch(self, url: str) -> Page:
        """Fetch one page; raises a ``FetchError`` subclass when it cannot."""
        if self._closed:
            raise RuntimeError("this AsyncFetcher is closed")
        return await self._run(self._core.page_plan(url))

    async def fetch_many(self, urls: Iterable[str]) -> AsyncGenerator[Page | FetchError, None]:
        """Fetch many pages as ``concurrency`` tasks, yielding each as it completes.

        A URL that fails yields its ``FetchError`` instead of raising, so
        one bad URL never stops the batch; ``.url`` says which one it was.
        Leaving the loop early cancels the fetches still running.
        """
        batch = self._core.batch(urls)
        running: dict[asyncio.Task[Page | FetchError], str] = {}
        try:
            while True:
                for url in batch.launchable():
                    running[asyncio.create_task(self._fetch_value(url))] = url
                if not running:
                    break
                finished, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in finished:
                    batch.finished(running.pop(task))
                    yield task.result()
        finally:
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)

    async def _fetch_value(self, url: str) -> Page | FetchError:
        try:
            return await self.fetch(url)
        except FetchError as exc:
            return exc

    async def _run(self, plan: Plan[T]) -> T:
        result: Any = None
        while True:
            try:
                action = plan.send(result)
            except StopIteration as stop:
                value: T = stop.value
                return value
            result = await self._perform(action)

    async def _perform(self, action: Action) -> object:
        if isinstance(action, Send):
            return await self._send(action)
        if isinstance(action, Sleep):
            await asyncio.sleep(action.seconds)
            return None
        if isinstance(action, NeedRobots):
            return await self._robots(action.origin)
        if isinstance(action, LoadCached):
            return await asyncio.to_thread(self._core.load, action.url)
        await asyncio.to_thread(self._core.store, action.entry)
        return None

    async def _send(self, send: Send) -> Outcome:
        async with self._host_slots.get(send.host), self._all_slots:
            wait_turn = self._core.schedule.reserve(send.host)
            if wait_turn > 0:
                await asyncio.sleep(wait_turn)
            exchange = send.start()
            try:
                async with self._client.stream(
                    "GET", send.url, headers=send.headers, timeout=exchange.timeout,
                    follow_redirects=False,
                ) as response:  # fmt: skip
                    body = exchange.body(response)
                    if body is not None and body.open:
                        async for chunk in response.aiter_raw():
                            if not body.feed(chunk):
                                break
                    return exchange.reply(response, body)
            except TRANSPORT_ERRORS as exc:
                return exchange.error(exc)

    async def _robots(self, site: str) -> RobotsRules:
        async with self._robots_locks.get(site):
            rules = self._core.verdicts.get(site)
            if rules is None:
                rules = self._core.verdicts[site] = await self._run(self._core.robots_plan(site))
            return rules
