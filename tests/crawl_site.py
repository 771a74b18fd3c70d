"""A small news site on 127.0.0.1 for the crawl tests: feeds, sitemaps, articles.

``start_site()`` serves, from a ``ThreadingHTTPServer`` in a daemon thread:
an RSS 2.0 feed, an Atom feed, a JSON Feed, a sitemap index whose children
are a gzipped urlset (served as ``application/octet-stream``), a Google News
sitemap and an old sitemap; article pages, an AMP and a mobile mirror and a
plain copy of some of them, a tracking link, a 404 and a 500. Every request
is counted by path, and ``delay`` slows article pages down so that a test
can kill a crawl in the middle.

Can also be run as a script (``python tests/crawl_site.py N``) to serve N
extra articles in the sitemap and print the base URL.
"""

from __future__ import annotations

import gzip
import json
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

WORDS = [
    "harbour",
    "council",
    "river",
    "budget",
    "school",
    "bridge",
    "market",
    "railway",
    "museum",
    "hospital",
    "library",
    "festival",
    "election",
    "harvest",
    "storm",
    "ferry",
    "tunnel",
    "stadium",
    "orchestra",
    "garden",
]
RECENT, OLD = "2026-11-20", "2001-01-01"
FIXTURES = Path(__file__).parent / "fixtures"


@dataclass(frozen=True)
class Story:
    """One article of the site: its slug, title and publication date."""

    slug: str
    published: str

    @property
    def title(self) -> str:
        return f"Story {self.slug}: the {self._word(0)} and the {self._word(1)}"

    def _word(self, n: int) -> str:
        return WORDS[(sum(map(ord, self.slug)) * (n + 3)) % len(WORDS)]

    def paragraphs(self) -> list[str]:
        return [
            f"Reporters covering story {self.slug} heard on Tuesday that the {self._word(n)} "
            f"committee met for {n + 2} hours to argue about the {self._word(n + 1)} plan, "
            f"which residents of the old district have opposed for {n + 5} years."
            for n in range(4)
        ]


def article_page(story: Story, canonical: str | None, style: str = "desktop") -> bytes:
    """The page of ``story``; the AMP and mobile styles use other markup."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    head = f'<meta property="article:published_time" content="{story.published}T08:00:00Z">'
    paras = "".join(f"<p>{p}</p>" for p in story.paragraphs())
    if style == "desktop":
        body = f"<nav><a href='/'>Home</a></nav><article><h1>{story.title}</h1>{paras}</article>"
    else:
        body = f"<div class='{style}-wrap'><main><h1>{story.title}</h1>{paras}</main></div>"
    return (
        f"<!DOCTYPE html><html><head><title>{story.title}</title>{head}{link}</head>"
        f"<body>{body}<footer>Copyright</footer></body></html>"
    ).encode()


#: The stories and where the listings link them.
RSS_STORIES = [Story("a1", RECENT), Story("a2", "2026-11-19"), Story("old-1", OLD)]
ATOM_STORIES = [Story("a3", "2026-11-18"), Story("a4", "2026-11-17")]
JSON_STORIES = [Story("a5", "2026-11-16"), Story("a6", "2026-11-15")]
UNDATED_OLD = Story("undated-old", "2002-02-02")
PART1_STORIES = [Story("a7", "2026-11-14"), Story("a8", "2026-11-13"), Story("a9", "2026-11-12")]
NEWS_STORIES = [Story("a10", "2026-11-11"), Story("a11", "2026-11-10")]
OLD_SITEMAP_STORIES = [Story("old-2", "2000-01-01")]
SEED_STORY = Story("a12", "2026-11-09")
ALL_STORIES = [
    *RSS_STORIES, *ATOM_STORIES, *JSON_STORIES, UNDATED_OLD, *PART1_STORIES,
    *NEWS_STORIES, *OLD_SITEMAP_STORIES, SEED_STORY,
]  # fmt: skip
OLD_SLUGS = {"old-1", "old-2", "undated-old"}


def rfc822(day: str) -> str:
    y, m, d = map(int, day.split("-"))
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{d:02d} {months[m - 1]} {y} 08:00:00 GMT"


def rss(base: str) -> bytes:
    items = [
        (f"{base}/news/a1#comments", RECENT),
        (f"{base}/news/a2?utm_source=rss&amp;utm_medium=feed", "2026-11-19"),
        (f"{base}/news/old-1", OLD),
        (f"{base}/news/gone", RECENT),
        (f"{base}/news/broken", RECENT),
    ]
    xml = "".join(
        f"<item><title>t</title><link>{url}</link><pubDate>{rfc822(day)}</pubDate></item>"
        for url, day in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Site</title>'
        f"<link>{base}/</link>{xml}</channel></rss>"
    ).encode()


def atom(base: str) -> bytes:
    entries = [(f"/news/{s.slug}", s.published) for s in ATOM_STORIES] + [("/amp/a1", RECENT)]
    xml = "".join(
        f'<entry><title>t</title><link rel="alternate" href="{path}"/>'
        f"<published>{day}T08:00:00Z</published></entry>"
        for path, day in entries
    )
    return (
        '<?xml version="1.0"?><!-- a feed --><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Site</title><link rel="self" href="{base}/feed.atom"/>{xml}</feed>'
    ).encode()


def json_feed(base: str) -> bytes:
    items: list[dict[str, Any]] = [
        {"id": s.slug, "url": f"{base}/news/{s.slug}", "date_published": f"{s.published}T08:00:00Z"}
        for s in JSON_STORIES
    ]
    items += [
        {"id": "m", "url": f"{base}/m/a2", "date_published": "2026-11-19T09:00:00Z"},
        {"id": "c", "url": f"{base}/copy/a3"},
        {"id": "u", "url": f"{base}/news/undated-old"},
    ]
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Site", "items": items}
    return json.dumps(doc).encode()


def urlset(base: str, stories: list[Story], extra: str = "") -> bytes:
    xml = "".join(
        f"<url><loc>{base}/news/{s.slug}</loc><lastmod>{s.published}</lastmod></url>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{xml}{extra}</urlset>'
    ).encode()


def news_sitemap(base: str) -> bytes:
    xml = "".join(
        f"<url><loc>{base}/news/{s.slug}</loc><news:news><news:publication>"
        "<news:name>Site</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{s.published}T08:00:00+01:00</news:publication_date>"
        f"<news:title>{s.title}</news:title></news:news></url>"
        for s in NEWS_STORIES
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{xml}</urlset>'
    ).encode()


def sitemap_index(base: str) -> bytes:
    children = [("/sitemaps/part1.xml.gz", "2026-11-20"), ("/sitemaps/news", "2026-11-20")]
    children.append(("/sitemaps/2000.xml", "2000-01-02"))
    xml = "".join(
        f"<sitemap><loc>{base}{path}</loc><lastmod>{day}</lastmod></sitemap>"
        for path, day in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{xml}</sitemapindex>'
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><item><link>http://127.0.0.1/&lol3;</link></item></channel></rss>"""

Route = tuple[int, str, bytes]
XML, HTML, JSON = "application/xml", "text/html; charset=utf-8", "application/feed+json"


def build_routes(base: str, extra: int = 0) -> dict[str, Route]:
    """Path -> (status, content type, body) for the whole site."""
    stories = {s.slug: s for s in ALL_STORIES}
    routes: dict[str, Route] = {
        f"/news/{slug}": (200, HTML, article_page(s, f"{base}/news/{slug}"))
        for slug, s in stories.items()
    }
    routes["/amp/a1"] = (200, HTML, article_page(stories["a1"], f"{base}/news/a1", "amp"))
    routes["/m/a2"] = (200, HTML, article_page(stories["a2"], f"{base}/news/a2", "mobile"))
    routes["/copy/a3"] = (200, HTML, article_page(stories["a3"], None, "copy"))
    routes["/news/gone"] = (404, HTML, b"<p>gone</p>")
    # A section front: a page of teaser cards, not an article.
    routes["/section/local"] = (200, HTML, (FIXTURES / "pagekind" / "home.html").read_bytes())
    routes["/news/broken"] = (500, HTML, b"<p>broken</p>")
    routes["/feed.rss"] = (200, "text/html", rss(base))  # mislabelled on purpose
    routes["/feed.atom"] = (200, "application/atom+xml", atom(base))
    routes["/feed.json"] = (200, JSON, json_feed(base))
    routes["/sitemap-index.xml"] = (200, XML, sitemap_index(base))
    part1 = gzip.compress(urlset(base, [*PART1_STORIES, Story("a1", RECENT)]))
    routes["/sitemaps/part1.xml.gz"] = (200, "application/octet-stream", part1)
    routes["/sitemaps/news"] = (200, "text/xml", news_sitemap(base))
    routes["/sitemaps/2000.xml"] = (200, XML, urlset(base, OLD_SITEMAP_STORIES))
    routes["/laughs.rss"] = (200, XML, BILLION_LAUGHS)
    # A plain-text sitemap, and a feed with a bare ampersand and an HTML entity,
    # served after blank lines and a byte order mark.
    # The site's home page is no feed; its robots.txt names the sitemap.
    routes["/"] = (200, HTML, b"<html><body><h1>Home</h1><a href='/news/a7'>a7</a></body></html>")
    routes["/robots.txt"] = (
        200,
        "text/plain",
        f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.txt\n".encode(),
    )
    routes["/sitemap.txt"] = (
        200,
        "text/plain",
        "".join(f"{base}/news/{s.slug}\n" for s in PART1_STORIES).encode(),
    )
    routes["/sloppy.rss"] = (
        200,
        XML,
        b"\xef\xbb\xbf\n\n"
        + rss(base).replace(b"<channel>", b"<channel><title>News & more&nbsp;</title>", 1),
    )
    routes.update(bulk_routes(base, extra))
    return routes


def bulk_stories(count: int) -> list[Story]:
    return [Story(f"bulk-{n}", f"2026-10-{1 + n % 28:02d}") for n in range(count)]


def bulk_routes(base: str, count: int) -> dict[str, Route]:
    """``count`` more articles and ``/bulk-sitemap.xml`` listing them."""
    if not count:
        return {}
    stories = bulk_stories(count)
    routes = {
        f"/news/{s.slug}": (200, HTML, article_page(s, f"{base}/news/{s.slug}")) for s in stories
    }
    routes["/bulk-sitemap.xml"] = (200, XML, urlset(base, stories))
    return routes


class Site(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, extra: int = 0) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.routes = build_routes(self.base, extra)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        #: seconds each article page (/news/, /amp/, /m/, /copy/) waits before answering
        self.delay = 0.0
        self.thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def article_hits(self) -> int:
        with self.lock:
            return sum(n for path, n in self.hits.items() if not _is_listing(path))

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def handle_error(self, request: object, client_address: object) -> None:
        # A crawl killed mid-request hangs up; that is what some tests do.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def _is_listing(path: str) -> bool:
    return path.startswith(("/feed", "/sitemap", "/robots", "/laughs", "/bulk-sitemap"))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: Site

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.hits[self.path] += 1
        status, content_type, body = self.server.routes.get(path, (404, HTML, b"<p>no</p>"))
        if not _is_listing(path) and self.server.delay:
            time.sleep(self.server.delay)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start_site(extra: int = 0) -> Site:
    site = Site(extra)
    site.thread.start()
    return site


if __name__ == "__main__":
    site = start_site(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(site.base, flush=True)
    site.thread.join()
