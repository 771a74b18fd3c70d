"""The bounded parse: hostile shapes finish fast, real pages are left as they are.

Each hostile shape runs through ``extract()`` in a process of its own, so
that its time and peak memory are its own: under 2 s and 600 MiB.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsclean
from newsclean._bound import MAX_ATTRIBUTES, MAX_DEPTH, bound, needs_bounding

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SRC = str(Path(newsclean.__file__).resolve().parents[1])
PROSE = "<p>" + "The harbour council met on Tuesday to discuss the budget for dredging. " * 4
N = 100_000

#: Python source for each page, built in the child process.
SHAPES = {
    "div nested and closed": f"'<div>' * {N} + 'x' + '</div>' * {N}",
    "div nested, never closed": f"'<div>' * {N} + 'x'",
    "ul li nested": f"'<ul><li>' * {N // 4} + 'x'",
    "table nested": f"'<table><tr><td>' * {N // 4} + 'x'",
    "span and div": f"'<span><div>' * {N // 2} + 'x'",
    "many attributes": f"'<div ' + ' '.join(f'a{{i}}=\"{{i}}\"' for i in range({N // 2})) + '>x'",
    "attributes holding >": f"'<div ' + ' '.join(f'a{{i}}=\">\"' for i in range({N // 2})) + '>x'",
    "many tags of many attributes": (
        "''.join('<i ' + ' '.join(f'a{j}=\"1\"' for j in range(1000)) + '>y</i>'"
        " for _ in range(300))"
    ),
    "b i left open": f"'<b><i>' * {N} + 'x'",
    "b i misnested": f"'<b><i>x</b></i>' * {N // 2}",
    "huge text node": "'<p>' + 'word ' * 1_600_000",
    "huge attribute value": "'<div title=\"' + 'v' * 8_000_000 + '\">x</div>'",
}

CHILD = """
import resource, sys, time
sys.path.insert(0, {src!r})
import newsclean
html = '<html><body><article><h1>Title</h1>' + {prose!r} + ({shape})
start = time.perf_counter()
try:
    newsclean.extract(html)
except newsclean.NoArticleError:
    pass
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.parametrize("name", list(SHAPES))
def test_hostile_shape_is_bounded(name: str) -> None:
    code = CHILD.format(src=SRC, prose=PROSE, shape=SHAPES[name])
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    seconds, peak_kib = done.stdout.split()
    assert float(seconds) < 2.0
    assert int(peak_kib) / 1024 < 600


def _depth(html: str) -> int:
    tree = LexborHTMLParser(html)
    deepest = 0
    stack = [(tree.root, 0)]
    while stack:
        node, depth = stack.pop()
        if node is None:
            continue
        deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            stack.append((child, depth + 1))
            child = child.next
    return deepest


def test_nesting_past_the_bound_is_flattened_and_its_text_kept() -> None:
    html = "<div>" * 600 + "deep text" + "</div>" * 600 + "<p>after</p>"
    out = bound(html)
    # html, body, the divs and the text node
    assert _depth(out) <= MAX_DEPTH + 3
    tree = LexborHTMLParser(out)
    assert "deep text" in tree.text()
    assert tree.css_first("p").text() == "after"
    assert len(tree.css("div")) == MAX_DEPTH


def test_attributes_past_the_bound_are_cut() -> None:
    attrs = " ".join(f'data-a{i}="{i}>{i}"' for i in range(400))
    out = bound(f"<p {attrs}>text</p><p id=next>more</p>")
    tree = LexborHTMLParser(out)
    first, second = tree.css("p")
    assert len(first.attributes) == MAX_ATTRIBUTES
    assert first.attributes["data-a0"] == "0>0"
    assert (first.text(), second.attributes, second.text()) == ("text", {"id": "next"}, "more")


def test_tags_inside_scripts_and_comments_do_not_nest() -> None:
    inside = "<div>" * 1000
    html = f"<script>var s = '{inside}';</script><!-- {inside} --><style>/* {inside} */</style>"
    assert bound(html + "<p>x</p>") is not None
    assert bound(html + "<p>x</p>") == html + "<p>x</p>"


def test_a_tag_with_a_quote_in_an_unquoted_value_ends_at_its_own_bracket() -> None:
    html = "<a title=it's>" + "<div>" * 10 + "x" + "</div>" * 10 + "</a>"
    assert bound(html) is html


def test_small_pages_are_not_scanned() -> None:
    html = "<html><body>" + PROSE + "</p>" + "<div>x</div>" * 100 + "</body></html>"
    assert not needs_bounding(html)
    assert not needs_bounding(html.encode())
    assert needs_bounding("<div>" * 10_000)
    assert needs_bounding("<div " + " ".join(f"a{i}=1" for i in range(20_000)) + ">")


def test_a_bounded_page_still_gives_its_article() -> None:
    # Below the bound the story's own tags are gone, as in a browser; its
    # text is still the page's article.
    story = "<article><h1>Deep page</h1>" + PROSE + "</p></article>"
    head = "<html><head><title>Deep page</title></head><body>"
    html = head + "<div>" * 20_000 + story + "</div>" * 20_000 + "</body></html>"
    article = newsclean.extract(html)
    assert article.title == "Deep page"
    assert article.body.startswith("The harbour council")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no development corpus")
def test_no_corpus_page_is_changed() -> None:
    scanned = 0
    for path in sorted(CORPUS.glob("*/pages/*.html.gz")):
        data = gzip.decompress(path.read_bytes())
        if not needs_bounding(data):
            continue
        scanned += 1
        text = data.decode("utf-8", "replace")
        assert bound(text) is text, path.name
    assert scanned > 0
