"""The not-an-article decision, through ``extract()`` and every door that extracts.

The pages in ``fixtures/pagekind`` are written for these tests, modelled on
common layouts: a news front page of teaser cards, a shop's product grid,
a "page not found", a subscription wall over a standfirst, and a two-line
brief (with and without any metadata), which must stay an article.
"""

from __future__ import annotations

import gzip
import json
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsclean
from newsclean import NoArticleError, NotAnArticleError, _pagekind, cli
from newsclean._pagekind import FEATURES, SHAPE_FEATURES, kind_rules, shape_counts, slug_words
from newsclean._pipeline import read_page

PAGES = Path(__file__).parent / "fixtures" / "pagekind"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

STORY_URL = "https://courier.example/news/2026/11/21/ferry-services-suspended-as-gales-hit-coast"
NOT_ARTICLES = {
    "home": ("https://courier.example/", "listing"),
    "blog-index": ("https://notes.example/blog/", "listing"),
    "shop": ("https://goods.example/bags", "listing"),
    "not-found": ("https://courier.example/news/2026/11/old-story", "error"),
    "paywall": (
        "https://courier.example/news/2026/11/18/inside-the-deal-that-saved-the-shipyard",
        "wall",
    ),
}


def page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


@pytest.mark.parametrize("name", sorted(NOT_ARTICLES))
@pytest.mark.parametrize("with_url", [True, False], ids=["url", "no-url"])
def test_not_articles_are_refused_with_their_kind(name: str, with_url: bool) -> None:
    url, kind = NOT_ARTICLES[name]
    with pytest.raises(NotAnArticleError) as caught:
        newsclean.extract(page(name), url=url if with_url else None)
    assert caught.value.kind == kind
    assert str(caught.value).startswith("not an article: ")
    # Callers that catch NoArticleError keep catching these.
    assert isinstance(caught.value, NoArticleError)


@pytest.mark.parametrize("name", sorted(NOT_ARTICLES))
def test_strict_false_returns_the_best_effort_record(name: str) -> None:
    url, _ = NOT_ARTICLES[name]
    article = newsclean.extract(page(name), url=url, strict=False)
    assert article.body


def test_a_two_line_brief_is_an_article() -> None:
    article = newsclean.extract(page("brief"), url=STORY_URL)
    assert article.title == "Ferry services suspended as gales hit coast"
    assert article.body.startswith("All ferry crossings")


def test_a_brief_without_any_metadata_is_an_article() -> None:
    # No URL, no date, no og:type: nothing says "story" but nothing says "list".
    article = newsclean.extract(page("brief-bare"))
    assert article.body.endswith("if the wind eases.")


def test_a_newsletter_box_under_a_brief_is_no_wall() -> None:
    html = page("brief").replace(
        b"</article>",
        b"<div class='newsletter'><p>Subscribe to our newsletter for the day's news.</p></div>"
        b"</article>",
    )
    assert newsclean.extract(html, url=STORY_URL).title


def test_a_wall_prompt_under_a_whole_story_is_no_wall() -> None:
    # Metered sites print the prompt on every page: a full story stays a story.
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story: the council met again on Tuesday to discuss the"
        " harbour budget, and members argued for hours about the cost of dredging.</p>"
        for i in range(8)
    )
    html = page("paywall").replace(b"</article>", paragraphs.encode() + b"</article>")
    url = NOT_ARTICLES["paywall"][0]
    assert "Paragraph 7" in newsclean.extract(html, url=url).body


def test_a_story_about_missing_pages_is_no_error_page() -> None:
    paragraphs = "".join(
        f"<p>Part {i}: shops lose sales each time a link ends on a page that says it"
        " cannot be found, a survey of two thousand online retailers suggests.</p>"
        for i in range(12)
    )
    html = (
        "<html><head><title>Page not found: the error that costs shops millions</title></head>"
        f"<body><article><h1>Page not found: the error that costs shops millions</h1>{paragraphs}"
        "</article></body></html>"
    )
    assert "Part 11" in newsclean.extract(html).body


def test_a_chinese_error_page_is_refused() -> None:
    html = (
        "<html><head><title>页面不存在 - 海港日报</title></head><body>"
        "<div class='main'><h1>抱歉，您访问的页面不存在</h1>"
        "<p>您要找的网页可能已被删除或地址有误，请返回首页继续浏览。</p></div></body></html>"
    )
    with pytest.raises(NotAnArticleError) as caught:
        newsclean.extract(html, url="https://news.example.cn/2026/1121/x.html")
    assert caught.value.kind == "error"


def test_the_error_pickles_with_its_kind() -> None:
    error = NotAnArticleError("not an article: x", url="https://a.example/", kind="listing")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.kind, copy.url, str(copy)) == (
        NotAnArticleError,
        "listing",
        "https://a.example/",
        "not an article: x",
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_many_returns_the_error_in_its_place(jobs: int) -> None:
    items = [(page("brief"), STORY_URL), (page("home"), "https://courier.example/")]
    first, second = newsclean.extract_many(items, jobs=jobs)
    assert isinstance(first, newsclean.Article)
    assert isinstance(second, NotAnArticleError) and second.kind == "listing"
    assert all(
        isinstance(r, newsclean.Article)
        for r in newsclean.extract_many(items, jobs=jobs, strict=False)
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("brief", "home", "shop", "not-found"):
        (tmp_path / f"{name}.html").write_bytes(page(name))
    return tmp_path


def test_cli_batch_counts_not_articles_apart(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    # Not articles are what a crawl dump holds, not failures: exit 0.
    assert cli.main(["extract", str(folder), "--out", str(out), "--jobs", "1"]) == 0
    assert len(out.read_text().splitlines()) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "newsclean: 1 records written (4 inputs), not articles: 3"
    )
    assert cli.main(["extract", str(folder), "--out", str(out), "--all-pages"]) == 0
    assert len(out.read_text().splitlines()) == 4


def test_cli_single_page_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "home.html"
    path.write_bytes(page("home"))
    assert cli.main(["extract", str(path)]) == 1
    assert "not an article: a list of links" in capsys.readouterr().err
    assert cli.main(["extract", str(path), "--all-pages"]) == 0


def test_cli_warc_counts_not_articles_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("warcio")
    from warc_pages import Response, build_warc

    warc = build_warc(
        tmp_path / "a.warc.gz",
        [Response(STORY_URL, page("brief")), Response("https://courier.example/", page("home"))],
    )
    out = tmp_path / "out.jsonl"
    assert cli.main(["warc", str(warc), "--out", str(out), "--jobs", "1"]) == 0
    assert len(out.read_text().splitlines()) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "newsclean: 1 records written (2 pages), not articles: 1"
    )


def test_the_second_look_counts_the_cards_of_a_blog_index() -> None:
    _, signals = read_page(page("blog-index"), "https://notes.example/blog/")
    assert signals.shape is not None
    counts = shape_counts(signals.shape, kind_rules())
    assert counts.card_group == 10  # one card per post: picture, linked heading, summary
    assert counts.story_links == 10  # /blog/2026/11/20/winter-timetable-for-the-...
    assert counts.linked_siblings >= 10
    assert signals.times == 10  # counted before the cleaner removed the date rows


def test_a_bare_paragraph_without_links_is_no_listing() -> None:
    """Nothing says story (no headline, date or address), but nothing says list either."""
    html = "<html><body><p>這是一篇關於臺灣經濟發展的報導，記者們說明了許多細節。</p></body></html>"
    assert newsclean.extract(html).body.startswith("這是一篇")


def test_a_story_never_pays_for_the_second_look(monkeypatch: pytest.MonkeyPatch) -> None:
    def counted(shape: object, rules: object) -> None:
        raise AssertionError("the first score should have cleared the story")

    monkeypatch.setattr(_pagekind, "shape_counts", counted)
    article = newsclean.extract(page("brief"), url=STORY_URL)
    assert article.body


def test_rules_name_only_known_signals() -> None:
    rules = kind_rules()
    assert set(rules.first.weights) <= set(FEATURES)
    assert set(rules.second.weights) <= {*FEATURES, *SHAPE_FEATURES}
    assert rules.second.threshold > 0  # refuse only when a list is likelier than a story
    # The first look lets pages through to the second, it refuses none on its own.
    assert rules.first.threshold < rules.second.threshold


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/news/2026/11/21/ferry-services-suspended-as-gales-hit-coast", 7),
        ("/world/", 1),
        ("/story/12345.html", 0),
        ("/a/b/harbour_council_votes.shtml", 3),
        ("", 0),
    ],
)
def test_slug_words(path: str, words: int) -> None:
    assert slug_words(path) == words


# --- the development corpora, when present -------------------------------------------

#: Measured with benchmarks/pagekind.py; the test keeps them from sliding back.
MIN_LISTS_REFUSED = 0.62
MAX_ARTICLES_REFUSED = 0.005


def _corpus(name: str) -> Iterator[tuple[str | None, bytes]]:
    for line in (CORPUS / name / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if (case.get("meta") or {}).get("synthetic"):
            continue
        data = gzip.decompress((CORPUS / name / "pages" / f"{case['id']}.html.gz").read_bytes())
        yield case.get("url"), data


def _refused(name: str) -> tuple[int, int]:
    refused = total = 0
    for url, data in _corpus(name):
        total += 1
        try:
            newsclean.extract(data, url=url)
        except NoArticleError:
            refused += 1
    return refused, total


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no development corpus")
def test_corpus_list_pages_are_refused_and_articles_kept() -> None:
    lists, pages = _refused("wcxb-nonarticles")
    assert lists / pages >= MIN_LISTS_REFUSED
    refused = total = 0
    for name in ("wcxb-articles", "zh", "zh-news", "newspaper4k", "readability", "trafilatura"):
        r, t = _refused(name)
        refused, total = refused + r, total + t
    assert refused / total <= MAX_ARTICLES_REFUSED
