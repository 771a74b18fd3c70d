"""Images of the article, each with its caption printed once and its credit apart.

A caption comes from the caption block that follows the image (before the
next image), else from the image's ``title``/``alt`` when that reads like a
sentence. Repeats (the same caption in a figcaption, the alt text and a
lightbox copy) collapse into one ``Image``.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urljoin

from .._blocks import Block, Segmented
from .._models import Image
from .._rules import Rules, key
from .._select import inside, strip_credit

_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-url", "src")
_SKIP_SRC = ("data:", "icon", "logo", "avatar", "sprite", "pixel", "blank.", "spacer", ".svg")
#: Images narrower or shorter than this (when the page says) are icons, not photos.
MIN_SIDE = 60
#: An alt/title text shorter than this (effective bytes) is a label, not a caption.
MIN_ALT_CAPTION = 24


def image_url(attrs: dict[str, str | None], base: str | None) -> str | None:
    """The real picture address: lazy-loading attributes first, ``src`` last."""
    for name in _SRC_ATTRS:
        value = attrs.get(name)
        if value and not value.startswith("data:"):
            value = value.strip()
            return _absolute(value, base)
    srcset = attrs.get("srcset") or attrs.get("data-srcset")
    if srcset:
        parts = srcset.split(",")[0].split()
        return _absolute(parts[0], base) if parts else None
    return None


def _absolute(value: str, base: str | None) -> str:
    if not base or value.startswith(("https://", "http://")):
        return value
    return urljoin(base, value)


def _too_small(attrs: dict[str, str | None]) -> bool:
    for name in ("width", "height"):
        value = (attrs.get(name) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < MIN_SIDE:
            return True
    return False


def collect_images(
    seg: Segmented,
    first: int,
    lo: int,
    hi: int,
    captions: Sequence[Block],
    dropped: Sequence[tuple[int, int]],
    base_url: str | None,
    rules: Rules,
) -> tuple[tuple[Image, ...], frozenset[int]]:
    """Images of the article, paired with their captions, and which of them
    have a caption read only from ``alt``/``title`` text.

    Those inside the container ``lo..hi``, and lead images printed between
    the headline (pre-order index ``first``) and the container. A caption
    that only the ``alt`` text gives is not printed on the page, so the
    credits in it are the image's, not the article's (see ``agencies``).
    """
    by_slot: dict[int, Block] = {}
    #: Credits printed as blocks of their own, by their caption block (``id``:
    #: the blocks of one element split by ``<br>`` share their owner).
    printed_credits: dict[int, str] = {}
    #: Caption blocks (``id``) that are a picture's caption or credit already.
    used: set[int] = set()
    for c in captions:
        slot_caption = by_slot.setdefault(c.images_before, c)
        if slot_caption is not c:
            # ``<figcaption><p>caption</p><span>(Foto: X/dpa)</span>``: a
            # credit printed as a block of its own after the caption.
            rest, credit = strip_credit(c.text, rules)
            if credit and not rest.strip(" ()（）"):
                printed_credits.setdefault(id(slot_caption), credit)
                used.add(id(c))
    out: list[Image] = []
    seen: set[str] = set()
    alt_only: set[int] = set()
    for n, idx in enumerate(seg.images):
        if not (lo <= idx <= hi or first < idx < lo) or inside(idx, dropped):
            continue
        attrs = seg.nodes[idx].attributes
        # The size test first: it spares an icon the address resolution.
        if _too_small(attrs):
            continue
        url = image_url(attrs, base_url)
        if url is None or any(s in url.lower() for s in _SKIP_SRC):
            continue
        block = by_slot.get(n + 1)
        text = block.text if block else _alt_caption(attrs)
        unprinted = block is None and text is not None
        if block:
            used.add(id(block))
        caption, credit = strip_credit(text, rules) if text else (None, None)
        if block and not credit:
            credit = printed_credits.get(id(block))
        k = key(caption or "") or url
        if k in seen:
            continue
        seen.add(k)
        if unprinted:
            alt_only.add(len(out))
        out.append(Image(url=url, caption=caption or None, credit=credit))
    # Captions no picture was found for (a picture loaded by a script), each
    # once: several figures may sit between the same two pictures.
    for block in captions:
        if id(block) in used:
            continue
        caption, credit = strip_credit(block.text, rules)
        credit = credit or printed_credits.get(id(block))
        k = key(caption)
        if k and k not in seen:
            seen.add(k)
            out.append(Image(url=None, caption=caption, credit=credit))
    return tuple(out), frozenset(alt_only)


def _alt_caption(attrs: dict[str, str | None]) -> str | None:
    for name in ("title", "alt"):
        value = " ".join((attrs.get(name) or "").split())
        sentence_like = " " in value or not value.isascii()
        if len(value.encode()) >= MIN_ALT_CAPTION and sentence_like:
            return value
    return None
