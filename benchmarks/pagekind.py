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
from newsclean._pagekind import FEATURES, kind_rules  # noqa: E402
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


def features() -> tuple[list[list[float]], list[int], list[str], list[str]]:
    r = kind_rules()
    names = list(FEATURES)
    x: list[list[float]] = []
    y: list[int] = []
    groups: list[str] = []
    ids: list[str] = []
    for corpus in (NON_ARTICLES, *ARTICLES):
        for cid, url, data in cases(corpus):
            try:
                _, signals = read_page(data, url)
            except newsclean.NoArticleError:
                continue
            x.append([FEATURES[n](signals, r) for n in names])
            y.append(1 if corpus == NON_ARTICLES else 0)
            groups.append(host(url, f"{corpus}/{cid}"))
            ids.append(f"{corpus}/{cid}")
    return x, y, groups, ids


def fit(max_refused: float, write: bool) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    rows, labels, groups, ids = features()
    x, y = np.array(rows), np.array(labels)

    def model() -> Any:
        # Listing pages are an eighth of the data: weigh them up.
        return LogisticRegression(max_iter=10000, C=1.0, class_weight={1: 3, 0: 1})

    p = np.zeros(len(y))
    for train, test in GroupKFold(5).split(x, y, groups):
        p[test] = model().fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    articles = np.sort(p[y == 0])[::-1]
    allowed = int(max_refused * len(articles))
    # The threshold just above the (allowed+1)-th highest article score.
    threshold = float(articles[allowed]) if allowed < len(articles) else 0.5
    n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
    print(f"cross-validated, hosts apart ({n_pos} list pages, {n_neg} articles with text):")
    for k in sorted({0, 3, 5, allowed, 12, 20}):
        th = float(articles[k])
        hit = int(((p > th) & (y == 1)).sum())
        share = f"{hit} ({hit / n_pos:.1%})"
        print(f"  articles refused {k} ({k / n_neg:.2%}): list pages refused {share}")
    final = model().fit(x, y)
    weights = {n: round(float(w), 4) for n, w in zip(FEATURES, final.coef_[0], strict=True)}
    listing = {
        "probability": round(threshold, 4),
        "intercept": round(float(final.intercept_[0]), 4),
        "weights": weights,
    }
    print(json.dumps(listing, indent=1))
    scores = final.decision_function(x)
    logit = math.log(threshold / (1 - threshold))
    print("articles over the threshold when fitted on all pages:")
    for i in np.argsort(-scores):
        if scores[i] <= logit:
            break
        if y[i] == 0:
            print(f"  {ids[i]} {scores[i]:.2f}")
    if write:
        data = json.loads(RULES.read_text(encoding="utf-8"))
        data["listing"].update(listing)
        RULES.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true", help="refit the listing weights")
    parser.add_argument("--write", action="store_true", help="with --fit: write the rules file")
    parser.add_argument("--max-refused", type=float, default=0.005)
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"no corpus at {CORPUS}")
    if args.fit:
        fit(args.max_refused, args.write)
    else:
        refusals()


if __name__ == "__main__":
    main()
