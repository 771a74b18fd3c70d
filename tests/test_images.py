"""Article images: addresses, lazy loading, icons, captions printed once, credits apart."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

import newsclean
from newsclean import Image
from newsclean._blocks import Block, Segmented, segment
from newsclean._clean import mark
from newsclean._fields.images import (
    MIN_ALT_CAPTION,
    MIN_SIDE,
    _alt_caption,
    _too_small,
    collect_images,
    image_url,
)
from newsclean._rules import rules

BASE = "https://news.example.com/city/2024/plan.html"
TITLE = "Council approves transport plan"
BODY = "".join(
    f"<p>The city council approved a new transport plan on Wednesday, officials said, "
    f"and work on line {i} will begin next spring across the eastern districts.</p>"
    for i in range(6)
)


# --- image_url ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attrs", "url"),
    [
        ({"src": "tram.jpg"}, "https://news.example.com/city/2024/tram.jpg"),
        ({"src": "/img/tram.jpg"}, "https://news.example.com/img/tram.jpg"),
        ({"src": "../img/tram.jpg"}, "https://news.example.com/city/img/tram.jpg"),
        ({"src": "//cdn.example.com/tram.jpg"}, "https://cdn.example.com/tram.jpg"),
        ({"src": "https://cdn.example.org/t.jpg"}, "https://cdn.example.org/t.jpg"),
        ({"src": "  /img/padded.jpg \n"}, "https://news.example.com/img/padded.jpg"),
    ],
)
def test_image_url_is_resolved_against_the_page(attrs: dict[str, str | None], url: str) -> None:
    assert image_url(attrs, BASE) == url


def test_image_url_without_a_page_url_stays_as_written() -> None:
    assert image_url({"src": "/img/tram.jpg"}, None) == "/img/tram.jpg"


@pytest.mark.parametrize(
    ("attrs", "url"),
    [
        ({"data-src": "/img/real.jpg", "src": "data:image/gif;base64,R0lGOD"}, "/img/real.jpg"),
        ({"data-original": "/img/real.jpg", "src": "/img/placeholder.gif"}, "/img/real.jpg"),
        ({"data-lazy-src": "/img/real.jpg", "src": "/img/grey.png"}, "/img/real.jpg"),
        ({"data-url": "/img/real.jpg"}, "/img/real.jpg"),
        ({"data-src": "data:image/gif;base64,R0lGOD", "src": "/img/real.jpg"}, "/img/real.jpg"),
        ({"data-src": "", "src": "/img/real.jpg"}, "/img/real.jpg"),
        ({"srcset": "/img/real-400.jpg 400w, /img/real-800.jpg 800w"}, "/img/real-400.jpg"),
        ({"data-srcset": "/img/real.jpg 1x, /img/real@2x.jpg 2x"}, "/img/real.jpg"),
    ],
)
def test_image_url_prefers_lazy_loading_attributes(attrs: dict[str, str | None], url: str) -> None:
    assert image_url(attrs, "https://news.example.com/") == "https://news.example.com" + url


@pytest.mark.parametrize(
    "attrs",
    [{}, {"src": "data:image/png;base64,iVBOR"}, {"src": ""}, {"srcset": " "}, {"alt": "x"}],
)
def test_image_url_none(attrs: dict[str, str | None]) -> None:
    assert image_url(attrs, BASE) is None


# --- size and alt text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("attrs", "small"),
    [
        ({"width": "20", "height": "20"}, True),
        ({"width": str(MIN_SIDE - 1)}, True),
        ({"height": "40px"}, True),
        ({"width": str(MIN_SIDE)}, False),
        ({"width": "640", "height": "360"}, False),
        ({"width": "100%"}, False),
        ({"width": "auto"}, False),
        ({}, False),
    ],
)
def test_too_small(attrs: dict[str, str | None], small: bool) -> None:
    assert _too_small(attrs) is small


@pytest.mark.parametrize(
    ("attrs", "caption"),
    [
        (
            {"alt": "A new tram waits at the depot in the east"},
            "A new tram waits at the depot in the east",
        ),
        ({"title": "Trams at the depot at dawn", "alt": "x"}, "Trams at the depot at dawn"),
        ({"alt": "  市民在车站  排队等候  "}, "市民在车站 排队等候"),
        ({"alt": "市民排队等候新线路"}, "市民排队等候新线路"),  # CJK needs no space
        ({"alt": "tram"}, None),  # a label
        ({"alt": "tram_depot_east_2024_final_version.jpg"}, None),  # one ASCII word
        ({"alt": "Short words"}, None),
        ({}, None),
    ],
)
def test_alt_caption(attrs: dict[str, str | None], caption: str | None) -> None:
    found = _alt_caption(attrs)
    assert found == caption
    if found:
        assert len(found.encode()) >= MIN_ALT_CAPTION


# --- collect_images -------------------------------------------------------------------


def segmented(html: str) -> Segmented:
    root = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    assert root is not None
    return segment(root, mark(root, rules()).captions)


def collect(
    html: str, dropped: tuple[tuple[int, int], ...] = (), base: str | None = BASE
) -> tuple[Image, ...]:
    seg = segmented(html)
    captions: list[Block] = [b for b in seg.blocks if b.caption]
    return collect_images(seg, -1, 0, len(seg.nodes) - 1, captions, dropped, base, rules())[0]


def test_collect_pairs_each_image_with_its_caption() -> None:
    images = collect(
        "<figure><img src=/a.jpg><figcaption>Trams at the depot. Photo: AFP</figcaption></figure>"
        "<p>Text.</p>"
        "<figure><img src=/b.jpg><figcaption>工人在隧道内施工（图取自新华社）</figcaption></figure>"
    )
    assert images == (
        Image("https://news.example.com/a.jpg", "Trams at the depot.", "Photo: AFP"),
        Image("https://news.example.com/b.jpg", "工人在隧道内施工", "图取自新华社"),
    )


def test_collect_same_caption_once() -> None:
    images = collect(
        "<figure><img src=/a.jpg><figcaption>Trams at the depot.</figcaption></figure>"
        "<figure><img src=/a-large.jpg><figcaption>Trams at the depot. Photo: AFP"
        "</figcaption></figure>"
    )
    assert images == (Image("https://news.example.com/a.jpg", "Trams at the depot.", None),)


def test_collect_same_picture_without_caption_once() -> None:
    images = collect("<img src=/a.jpg><p>Text.</p><img src=/a.jpg>")
    assert images == (Image("https://news.example.com/a.jpg"),)


def test_collect_falls_back_to_alt_text() -> None:
    alt = "A new tram waits at the depot in the east of the city"
    images = collect(f'<img src=/a.jpg alt="{alt}"><img src=/b.jpg alt="tram">')
    assert images == (
        Image("https://news.example.com/a.jpg", alt, None),
        Image("https://news.example.com/b.jpg", None, None),
    )


@pytest.mark.parametrize(
    "img",
    [
        '<img src="/img/share-icon.png">',
        '<img src="/static/site-logo.png">',
        '<img src="/u/avatar-42.jpg">',
        '<img src="/img/badge.svg">',
        '<img src="/img/pixel.gif">',
        '<img src="/img/photo.jpg" width="16" height="16">',
        '<img src="data:image/gif;base64,R0lGOD">',
        "<img>",
    ],
)
def test_collect_skips_icons_and_placeholders(img: str) -> None:
    assert collect(img) == ()


def test_collect_keeps_a_caption_whose_image_was_skipped() -> None:
    images = collect(
        '<figure><img src="/img/logo.png"><figcaption>Map of the new lines.</figcaption></figure>'
    )
    assert images == (Image(None, "Map of the new lines.", None),)


def test_collect_skips_images_in_dropped_spans() -> None:
    html = "<div><img src=/a.jpg></div><div><img src=/b.jpg></div>"
    seg = segmented(html)
    second = seg.images[1]
    images = collect(html, dropped=((second - 1, second),))
    assert [i.url for i in images] == ["https://news.example.com/a.jpg"]


def test_collect_only_inside_the_region_or_after_the_headline() -> None:
    seg = segmented(
        "<div><img src=/before.jpg></div><h1>Title</h1><div><img src=/lead.jpg></div>"
        '<div id="c"><img src=/in.jpg></div><div><img src=/after.jpg></div>'
    )
    first = seg.tags.index("h1")
    container = next(i for i, n in enumerate(seg.nodes) if n.attributes.get("id") == "c")
    end = seg.subtree_end()
    images, _ = collect_images(seg, first, container, end[container], [], (), BASE, rules())
    assert [i.url for i in images] == [
        "https://news.example.com/lead.jpg",
        "https://news.example.com/in.jpg",
    ]


# --- end to end -----------------------------------------------------------------------


def extract_images(figures: str) -> tuple[Image, ...]:
    html = (
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        f"{figures}{BODY}</article></body></html>"
    )
    return newsclean.extract(html, url=BASE).images


def test_extract_caption_once_with_credit_apart() -> None:
    alt = "A new tram waits at the depot in the east of the city"
    images = extract_images(
        f'<figure><img src="../img/tram.jpg" alt="{alt}" title="{alt}">'
        f"<figcaption>{alt}. Photo: AFP</figcaption></figure><p>{alt}.</p>"
    )
    assert images == (Image("https://news.example.com/city/img/tram.jpg", f"{alt}.", "Photo: AFP"),)


def test_extract_lazy_loaded_image() -> None:
    images = extract_images(
        '<figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/lazy.jpg">'
        "<figcaption>Workers lay track near the station.</figcaption></figure>"
    )
    assert images == (
        Image("https://news.example.com/img/lazy.jpg", "Workers lay track near the station."),
    )


def test_extract_chinese_caption_and_credit() -> None:
    images = extract_images(
        '<figure><img src="/img/a.jpg"><figcaption>工人在隧道内施工（图取自新华社）'
        "</figcaption></figure><p>工人在隧道内施工</p>"
    )
    assert images == (
        Image("https://news.example.com/img/a.jpg", "工人在隧道内施工", "图取自新华社"),
    )


def test_extract_caption_is_not_body_text() -> None:
    html = (
        f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
        '<figure><img src="/img/a.jpg"><figcaption>Trams at the depot.</figcaption></figure>'
        f"{BODY}</article></body></html>"
    )
    article = newsclean.extract(html, url=BASE)
    assert "Trams at the depot." not in article.body
    assert article.images[0].caption == "Trams at the depot."


def test_extract_credited_line_after_a_bare_image() -> None:
    line = "Crowds gather in the square. Photo: AFP"
    lead = "<p>The harbour festival opened on Saturday with music, food stalls and boats.</p>"
    images = extract_images(f'{lead}<img src="/img/a.jpg"><p>{line}</p>')
    assert images == (
        Image("https://news.example.com/img/a.jpg", "Crowds gather in the square.", "Photo: AFP"),
    )
