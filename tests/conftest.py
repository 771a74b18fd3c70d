"""Shared fixtures. The fetcher tests get a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fetch_server import NewsServer, start_server


@pytest.fixture(scope="session")
def server() -> Iterator[NewsServer]:
    """One server for the whole test run, with the default robots.txt."""
    news = start_server()
    yield news
    news.stop()
