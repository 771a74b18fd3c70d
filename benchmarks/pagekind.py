#!/usr/bin/env python3
"""The not-an-article decision: how many list pages it refuses, how many articles.

Reads ``../shared/corpus``: ``wcxb-nonarticles`` (listing and collection
pages) should be refused, every page of the article corpora
(``wcxb-articles``, ``readability`` without its synthetic pages,
``trafilatura``, ``zh``, ``zh-news``, ``newspaper4k``) kept.

    python benchmarks/pagekind.py            # refusal rates through extract()
    python benchmarks/pagekind.py --fit      # refit the listing weights (needs scikit-learn)

``--fit`` reads every page's signals, fits a logistic regression with
five-fold cross-validation that keeps each host's pages in one fold (a rule
that only recognises a site's template does not count), reports the
cross-validated refusal rates at several thresholds, and prints the
``listing`` weights for ``src/newsclean/rules/pagekind.json`` with the
probability at which at most ``--max-refused`` of the articles are refused
in cross-validation. ``--write`` puts them into the rules file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import newsclean  # noqa: E402
from newsclean._pagekind import FEATURES, SHAPE_FEATURES, kind_rules, shape_counts  # noqa: E402
from newsclean._pipeline import read_page  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
NON_ARTICLES = "wcxb-nonarticles"
ARTICLES = ("wcxb-articles", "readability", "trafilatura", "zh", "zh-news", "newspaper4k")
RULES = ROOT / "src" / "newsclean" / "rules" / "pagekind.json"


def cases(corpus: str) -> list[tuple[str, str | None, bytes]]:
    out = []
    with open(CORPUS / corpus / "cases.jsonl", encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            if (c.get("meta") or {}).get("synthetic"):
                continue
            data = gzip.decompress((CORPUS / corpus / "pages" / f"{c['id']}.html.gz").read_bytes())
            out.append((c["id"], c.get("url"), data))
    return out


def host(url: str | None, fallback: str) -> str:
    try:
        return urlsplit(url or "").hostname or fallback
    except ValueError:
        return fallback


def refusals() -> None:
    print("| corpus | pages | refused | listing | error | wall | no text |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    refused_articles: list[str] = []
    total_articles = refused_total = 0
    for corpus in (NON_ARTICLES, *ARTICLES):
        kinds: Counter[str] = Counter()
        pages = cases(corpus)
        for cid, url, data in pages:
            try:
                newsclean.extract(data, url=url)
            except newsclean.NotAnArticleError as e:
                kinds[e.kind] += 1
                if corpus != NON_ARTICLES:
                    refused_articles.append(f"{corpus}/{cid} {e.kind} {url}")
            except newsclean.NoArticleError:
                kinds["none"] += 1
        refused = sum(kinds.values())
        if corpus != NON_ARTICLES:
            total_articles += len(pages)
            refused_total += kinds["listing"] + kinds["error"] + kinds["wall"]
        print(
            f"| {corpus} | {len(pages)} | {refused} ({refused / len(pages):.1%}) "
            f"| {kinds['listing']} | {kinds['error']} | {kinds['wall']} | {kinds['none']} |"
        )
    print(
        f"\nArticles refused as not articles: {refused_total} of {total_articles}"
        f" ({refused_total / total_articles:.2%})"
    )
    for line in refused_articles:
        print(f"- {line}")


def features() -> tuple[
    list[list[float]], list[list[float]], list[bool], list[int], list[str], list[str]
]:
    """Every page's page signals and shape counts, whether it has links, its label, host and id."""
    r = kind_rules()
    x1: list[list[float]] = []
    x2: list[list[float]] = []
    linked: list[bool] = []
    y: list[int] = []
    groups: list[str] = []
    ids: list[str] = []
    for corpus in (NON_ARTICLES, *ARTICLES):
        for cid, url, data in cases(corpus):
            try:
                _, signals = read_page(data, url)
            except newsclean.NoArticleError:
                continue
            assert signals.shape is not None
            counts = shape_counts(signals.shape, r)
            x1.append([FEATURES[n](signals, r) for n in FEATURES])
            x2.append([SHAPE_FEATURES[n](counts) for n in SHAPE_FEATURES])
            linked.append(signals.layout.link_bytes > 0)
            y.append(1 if corpus == NON_ARTICLES else 0)
            groups.append(host(url, f"{corpus}/{cid}"))
            ids.append(f"{corpus}/{cid}")
    return x1, x2, linked, y, groups, ids


def fit(max_refused: float, gate_recall: float, write: bool) -> None:
    """Fit both scores in a host-grouped cross-validation, and their thresholds.

    The first score's threshold (the gate) lets ``gate_recall`` of the list
    pages through; the second's refuses at most ``max_refused`` of the
    articles among the pages the gate let through.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    rows1, rows2, linked, labels, groups, ids = features()
    y = np.array(labels)
    x1 = np.array(rows1)
    x2 = np.column_stack([x1, np.array(rows2)])

    def model() -> Any:
        # Listing pages are an eighth of the data: weigh them up.
        return LogisticRegression(max_iter=10000, C=1.0, class_weight={1: 3, 0: 1})

    def cross_validated(x: Any) -> Any:
        p = np.zeros(len(y))
        for train, test in GroupKFold(5).split(x, y, groups):
            p[test] = model().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
        return p

    p1, p2 = cross_validated(x1), cross_validated(x2)
    lists1 = np.sort(p1[y == 1])
    gate = float(lists1[int((1 - gate_recall) * len(lists1))]) - 1e-4
    # A page without links is never refused as a listing (``is_listing``).
    p = np.where((p1 > gate) & np.array(linked), p2, 0.0)
    articles = np.sort(p[y == 0])[::-1]
    allowed = int(max_refused * len(articles))
    # The threshold just above the (allowed+1)-th highest article score.
    threshold = float(articles[allowed]) if allowed < len(articles) else 0.5
    n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
    print(f"cross-validated, hosts apart ({n_pos} list pages, {n_neg} articles with text):")
    through = (p1 > gate)[y == 0].mean()
    print(
        f"  first score's gate {gate:.4f}: {(p1 > gate)[y == 1].mean():.1%} of list pages"
        f" and {through:.1%} of articles go on to the second score"
    )
    for label, q in (("first score alone", p1), ("both scores", p)):
        ranked = np.sort(q[y == 0])[::-1]
        print(f"  {label}:")
        for k in sorted({0, 3, allowed, 15, 20}):
            th = float(ranked[k])
            hit = int(((q > th) & (y == 1)).sum())
            print(
                f"    articles refused {k} ({k / n_neg:.2%}): list pages refused"
                f" {hit} ({hit / n_pos:.1%})"
            )
    first, second = model().fit(x1, y), model().fit(x2, y)
    names2 = [*FEATURES, *SHAPE_FEATURES]
    listing = {
        "first": {
            "gate": round(gate, 4),
            "intercept": round(float(first.intercept_[0]), 4),
            "weights": {
                n: round(float(w), 4) for n, w in zip(FEATURES, first.coef_[0], strict=True)
            },
        },
        "second": {
            "probability": round(threshold, 4),
            "intercept": round(float(second.intercept_[0]), 4),
            "weights": {
                n: round(float(w), 4) for n, w in zip(names2, second.coef_[0], strict=True)
            },
        },
    }
    print(json.dumps(listing, indent=1))
    g, t = math.log(gate / (1 - gate)), math.log(threshold / (1 - threshold))
    s1, s2 = first.decision_function(x1), second.decision_function(x2)
    print("articles refused when fitted on all pages:")
    for i in np.argsort(-s2):
        if y[i] == 0 and linked[i] and s1[i] > g and s2[i] > t:
            print(f"  {ids[i]} {s2[i]:.2f}")
    if write:
        data = json.loads(RULES.read_text(encoding="utf-8"))
        data["listing"].update(listing)
        RULES.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true", help="refit the listing weights")
    parser.add_argument("--write", action="store_true", help="with --fit: write the rules file")
    parser.add_argument("--max-refused", type=float, default=0.005)
    parser.add_argument(
        "--gate-recall",
        type=float,
        default=0.95,
        help="share of list pages the first score lets through to the second (default 0.95)",
    )
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"no corpus at {CORPUS}")
    if args.fit:
        fit(args.max_refused, args.gate_recall, args.write)
    else:
        refusals()


if __name__ == "__main__":
    main()
