"""Golden pages: whole-page contracts for ``newsclean.extract``.

Every folder under ``tests/fixtures/pages/`` is one case and is picked up
automatically.  A case holds:

``source.html``
    The page exactly as served, as bytes, in whatever encoding the site used
    (the test never decodes it: decoding is part of what is tested).

``expected.json``
    The contract, with these keys:

    ``body`` (required)
        The article's own paragraphs, exact and in order.  ``Article.paragraphs``
        must equal this list and ``Article.body`` must equal ``"\\n".join(body)``.
        Paragraphs are compared as exact strings: they carry no leading or
        trailing whitespace (indentation such as ``"　　"`` or ``&nbsp;`` is
        stripped), runs of source whitespace inside a paragraph read as one
        space, and entities are decoded.  A news dateline such as
        ``(平壤19日讯)`` is not part of the body: it is ``Article.dateline``.
    ``captions`` and ``credits`` (required, same length)
        The article's own pictures, one entry per picture, however many times
        the page prints its caption (``img`` alt/title, caption element,
        hidden lightbox copy...).  Pictures of teaser cards, logos, icons and
        app badges are not the article's and must not be in ``Article.images``.
        See *Captions and credits* below.
    ``title`` (optional)
        ``Article.title``, exact: the headline without any site or channel
        suffix (``"标题_国际_某某日报"``, ``"标题 | 某某日报"`` give ``"标题"``).
    ``url`` (optional)
        Passed as ``extract(data, url=...)``.
    ``must_drop`` (optional)
        Snippets that must not occur anywhere in ``Article.body`` (substring
        test): boilerplate, teaser texts, headline links, captions, credits.
    ``must_drop_lines`` (optional)
        Strings that no paragraph may equal.  For short labels that also occur
        inside article sentences (a ``国际`` category label, while the text says
        ``在国际上``) and so cannot be tested as substrings.
    ``must_keep`` (optional)
        Snippets that must occur in ``Article.body``.
    ``dateline`` (optional)
        The expected ``Article.dateline`` fields (``raw``, ``place``, ``month``,
        ``day``, ``agency``, ``reporters``, and ``date`` as ISO text).
    ``agencies_include`` (optional)
        Canonical agency names that ``Article.agencies`` must contain.
    ``language`` (optional)
        ``Article.language``, exact.
    ``notes`` (optional)
        Free text: what the page is and which traps it sets.

Captions and credits
    For each article picture the expected pair is ``(caption, credit)`` and is
    compared with ``(Image.caption, Image.credit)`` as exact strings:

    * ``caption`` is the caption text without its credit: the trailing
      parenthesised credit (ASCII ``(...)`` or full-width ``（...）``) is
      removed, e.g. ``"……热情拥抱对方。(图取自朝中社/法新社)"`` gives the
      caption ``"……热情拥抱对方。"``;
    * ``credit`` is the credit text without its brackets, e.g.
      ``"图取自朝中社/法新社"`` or ``"新华社记者 李明 摄"``; where the page
      marks the credit up as its own element (``<span class="credit">``) it is
      that element's text, e.g. ``"REUTERS/Jane Doe"``;
    * ``null`` in ``credits`` means the picture has no credit (``Image.credit``
      is ``None``).

    The split is required: a caption that still carries its credit fails.
    The comparison is a multiset one: order does not matter, but every
    expected picture must appear exactly once and no other picture may appear
    (an uncaptioned logo in ``Article.images`` shows up as ``(None, None)``).
"""

from __future__ import annotations

import difflib
import functools
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

PAGES_DIR = Path(__file__).parent / "fixtures" / "pages"

KNOWN_KEYS = frozenset(
    {
        "body",
        "captions",
        "credits",
        "title",
        "url",
        "must_drop",
        "must_drop_lines",
        "must_keep",
        "notes",
        "dateline",
        "agencies_include",
        "language",
    }
)
REQUIRED_KEYS = frozenset({"body", "captions", "credits"})

CASE_DIRS = sorted(p for p in PAGES_DIR.iterdir() if p.is_dir()) if PAGES_DIR.is_dir() else []
CASE_IDS = [p.name for p in CASE_DIRS]


# --------------------------------------------------------------------------- loading


def load_expected(case: Path) -> dict[str, Any]:
    with (case / "expected.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@functools.cache
def extract_case(name: str) -> Any:
    """Run the extractor once per case (the aspects below share the result)."""
    import newsclean

    case = PAGES_DIR / name
    data = (case / "source.html").read_bytes()
    return newsclean.extract(data, url=load_expected(case).get("url"))


# --------------------------------------------------------------------------- helpers


def _first_char_difference(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    lo = max(0, i - 12)
    return f"first difference at character {i}: got {a[lo : i + 12]!r}, expected {b[lo : i + 12]!r}"


def _paragraph_diff(actual: list[str], expected: list[str]) -> list[str]:
    """One line per differing block, with 0-based paragraph indexes on both sides."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=expected, b=actual, autojunk=False)
    for tag, e1, e2, a1, a2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        out.append(f"@@ expected[{e1}:{e2}] -> got[{a1}:{a2}] ({tag})")
        if tag == "replace" and e2 - e1 == a2 - a1:
            for k in range(e2 - e1):
                out.append(
                    f"   [{e1 + k}] {_first_char_difference(actual[a1 + k], expected[e1 + k])}"
                )
        out.extend(f"-  [{e1 + k}] {p}" for k, p in enumerate(expected[e1:e2]))
        out.extend(f"+  [{a1 + k}] {p}" for k, p in enumerate(actual[a1:a2]))
    return out


def assert_paragraphs(actual: Sequence[str], expected: Sequence[str]) -> None:
    """Exact list equality; a failure lists the differing blocks (- expected, + got)."""
    actual, expected = list(actual), list(expected)
    if actual == expected:
        return
    pytest.fail(
        f"paragraphs differ: got {len(actual)}, expected {len(expected)}\n"
        + "\n".join(_paragraph_diff(actual, expected)),
        pytrace=False,
    )


def assert_body_joins_paragraphs(body: str, paragraphs: Sequence[str]) -> None:
    joined = "\n".join(paragraphs)
    if body != joined:
        pytest.fail(
            "Article.body is not '\\n'.join(Article.paragraphs): "
            + _first_char_difference(body, joined),
            pytrace=False,
        )


def assert_title(actual: str | None, expected: str) -> None:
    if actual != expected:
        pytest.fail(f"title: got {actual!r}, expected {expected!r}", pytrace=False)


def assert_images(
    images: Sequence[Any], captions: Sequence[str], credits: Sequence[str | None]
) -> None:
    """Multiset equality of (caption, credit) pairs; see the module docstring."""
    got = Counter((img.caption, img.credit) for img in images)
    want = Counter(zip(captions, credits, strict=True))
    if got == want:
        return
    missing = want - got
    extra = got - want
    lines = [f"images differ: got {sum(got.values())}, expected {sum(want.values())}"]
    for (cap, cred), n in missing.items():
        lines.append(f"  missing x{n}: caption={cap!r} credit={cred!r}")
    for (cap, cred), n in extra.items():
        lines.append(f"  unexpected x{n}: caption={cap!r} credit={cred!r}")
    pytest.fail("\n".join(lines), pytrace=False)


def assert_dropped(body: str, paragraphs: Sequence[str], snippets: Sequence[str]) -> None:
    leaks = []
    for snippet in snippets:
        hits = [i for i, p in enumerate(paragraphs) if snippet in p]
        if snippet in body:
            where = f"in paragraph(s) {hits}" if hits else "across a paragraph break"
            leaks.append(f"  {snippet!r} {where}")
    if leaks:
        pytest.fail("must_drop snippets found in body:\n" + "\n".join(leaks), pytrace=False)


def assert_no_lines(paragraphs: Sequence[str], lines: Sequence[str]) -> None:
    leaks = [
        f"  paragraph {i} is {p!r}" for i, p in enumerate(paragraphs) if p.strip() in set(lines)
    ]
    if leaks:
        pytest.fail("must_drop_lines found as paragraphs:\n" + "\n".join(leaks), pytrace=False)


def assert_kept(body: str, snippets: Sequence[str]) -> None:
    lost = [f"  {s!r}" for s in snippets if s not in body]
    if lost:
        pytest.fail("must_keep snippets missing from body:\n" + "\n".join(lost), pytrace=False)


# --------------------------------------------------------------------------- the contract itself


def test_fixture_folder_is_not_empty() -> None:
    assert CASE_DIRS, f"no golden pages found under {PAGES_DIR}"


@pytest.mark.parametrize("case", CASE_DIRS, ids=CASE_IDS)
def test_expected_json_is_consistent(case: Path) -> None:
    """Checks the fixture, not the extractor: a broken contract fails here first."""
    assert (case / "source.html").is_file(), f"{case.name}: source.html missing"
    assert (case / "expected.json").is_file(), f"{case.name}: expected.json missing"
    exp = load_expected(case)

    unknown = set(exp) - KNOWN_KEYS
    assert not unknown, f"{case.name}: unknown keys {sorted(unknown)} (typo?)"
    missing = REQUIRED_KEYS - set(exp)
    assert not missing, f"{case.name}: missing keys {sorted(missing)}"

    body = exp["body"]
    assert body and all(isinstance(p, str) and p for p in body)
    assert all(p == p.strip() for p in body), "expected paragraphs must be stripped"
    assert len(exp["captions"]) == len(exp["credits"]), "captions and credits differ in length"

    text = "\n".join(body)
    for snippet in exp.get("must_drop", []):
        assert snippet not in text, f"must_drop {snippet!r} occurs in the expected body"
    for line in exp.get("must_drop_lines", []):
        assert line not in body, f"must_drop_lines {line!r} is an expected paragraph"
    for snippet in exp.get("must_keep", []):
        assert snippet in text, f"must_keep {snippet!r} is not in the expected body"
    for caption in exp["captions"]:
        assert caption not in text, f"caption {caption!r} occurs in the expected body"

    size = (case / "source.html").stat().st_size
    assert size < 100_000, f"{case.name}: source.html is {size} bytes; keep fixtures small"


# --------------------------------------------------------------------------- the extractor


@pytest.mark.parametrize("case", CASE_DIRS, ids=CASE_IDS)
def test_paragraphs(case: Path) -> None:
    article = extract_case(case.name)
    expected = load_expected(case)["body"]
    assert_paragraphs(article.paragraphs, expected)
    assert_body_joins_paragraphs(article.body, article.paragraphs)


@pytest.mark.parametrize("case", CASE_DIRS, ids=CASE_IDS)
def test_title(case: Path) -> None:
    exp = load_expected(case)
    if "title" not in exp:
        pytest.skip("no expected title")
    assert_title(extract_case(case.name).title, exp["title"])


@pytest.mark.parametrize("case", CASE_DIRS, ids=CASE_IDS)
def test_images(case: Path) -> None:
    exp = load_expected(case)
    assert_images(extract_case(case.name).images, exp["captions"], exp["credits"])


@pytest.mark.parametrize("case", CASE_DIRS, ids=CASE_IDS)
def test_boilerplate_dropped(case: Path) -> None:
    exp = load_expected(case)
    article = extract_case(case.name)
    assert_dropped(article.body, article.paragraphs, exp.get("must_drop", []))
    assert_no_lines(article.paragraphs, exp.get("must_drop_lines", []))


@pytest.mark.parametrize("case", CASE_DIRS, ids=CASE_IDS)
def test_text_kept(case: Path) -> None:
    exp = load_expected(case)
    if not exp.get("must_keep"):
        pytest.skip("no must_keep snippets")
    assert_kept(extract_case(case.name).body, exp["must_keep"])


@pytest.mark.parametrize("case", CASE_DIRS, ids=CASE_IDS)
def test_dateline(case: Path) -> None:
    exp = load_expected(case).get("dateline")
    if exp is None:
        pytest.skip("no expected dateline")
    dateline = extract_case(case.name).dateline
    assert dateline is not None, "no dateline found"
    got = {
        "raw": dateline.raw,
        "place": dateline.place,
        "month": dateline.month,
        "day": dateline.day,
        "agency": dateline.agency,
        "reporters": list(dateline.reporters),
        "date": dateline.date.isoformat() if dateline.date else None,
    }
    assert {k: got[k] for k in exp} == exp


@pytest.mark.parametrize("case", CASE_DIRS, ids=CASE_IDS)
def test_agencies_and_language(case: Path) -> None:
    exp = load_expected(case)
    article = extract_case(case.name)
    missing = set(exp.get("agencies_include", [])) - set(article.agencies)
    assert not missing, f"agencies {sorted(missing)} not in {article.agencies}"
    if "language" in exp:
        assert article.language == exp["language"]
