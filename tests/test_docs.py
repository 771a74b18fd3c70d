"""The Python examples of README.md and docs/*.md run as written.

Each ```python block runs in a fresh namespace, in a scratch folder that
holds what the examples name (``page.html``, a ``pages/`` folder, a
``crawl.warc.gz``), with ``https://example.com`` served by a real news site
on 127.0.0.1 (the example's address is replaced by the local one, nothing
else in the code). The few blocks that need infrastructure a test cannot
have (a Dask cluster, Spark, a corporate proxy) are listed below with the
reason; a new example is run unless it is added there.
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawl_site import Site, start_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "pages" / "seed-semantic" / "source.html"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)

#: Blocks not run, by a phrase they hold, and why.
NOT_RUN = {
    'Client("tcp://scheduler.example:8786")': "needs a Dask cluster",
    "SparkSession": "needs Spark",
    "corporate-ca.pem": "needs a corporate proxy and its CA file",
}


def examples() -> Iterator[Any]:
    for doc in DOCS:
        for n, m in enumerate(_BLOCK.finditer(doc.read_text(encoding="utf-8")), 1):
            code = m.group(1)
            reason = next((why for key, why in NOT_RUN.items() if key in code), None)
            marks = [pytest.mark.skip(reason=reason)] if reason else []
            yield pytest.param(code, id=f"{doc.name}-{n}", marks=marks)


@pytest.fixture
def site() -> Iterator[Site]:
    site = start_site()
    # The addresses the examples use, on the local site.
    site.routes["/news/1"] = site.routes["/news/a1"]
    site.routes["/feed.xml"] = site.routes["/feed.rss"]
    site.routes["/sitemap.xml"] = site.routes["/sitemap-index.xml"]
    yield site
    site.stop()


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "page.html").write_bytes(FIXTURE.read_bytes())
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html.gz").write_bytes(gzip.compress(FIXTURE.read_bytes()))
    try:
        from warc_pages import build_warc

        build_warc(tmp_path / "crawl.warc.gz")
    except ImportError:  # without the [warc] extra, the WARC examples skip
        pass
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(here)


@pytest.mark.parametrize("code", list(examples()))
def test_example_runs(code: str, site: Site, scratch: Path) -> None:
    if "read_warc" in code and not (scratch / "crawl.warc.gz").exists():
        pytest.skip("needs the [warc] extra")
    if "newsclean.dask" in code:
        pytest.importorskip("dask")
    code = code.replace("https://example.com", site.base)
    html = FIXTURE.read_bytes()
    namespace: dict[str, Any] = {
        "__name__": "example",
        "newsclean": __import__("newsclean"),
        # Names the examples take as given.
        "html": html,
        "url": site.url("/news/1"),
        "urls": [site.url("/news/a1"), site.url("/news/a2"), site.url("/news/a3")],
        "pages": [html, (html, site.url("/news/1"))],
        "paths": [str(scratch / "crawl.warc.gz")],
    }
    exec(compile(code, "<example>", "exec"), namespace)
