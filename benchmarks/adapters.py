"""Extractor adapters for ``run_extractor.py``: ``FUNC(html, url) -> str``.

Each adapter returns the main text only, paragraphs separated by newlines.
Imports happen on first call (the runner's untimed warm-up), so one tool
failing to import never stops the other from running.
"""

from __future__ import annotations


def newsclean_body(html: str | bytes, url: str | None) -> str:
    """newsclean's article body; "" when it finds no article.

    ``strict=False``: the main-text score measures extraction; pages refused
    as not articles are counted apart (``benchmarks/pagekind.py``).
    """
    from newsclean import NoArticleError, extract

    try:
        return extract(html, url=url, strict=False).body
    except NoArticleError:
        return ""


def trafilatura_body(html: str | bytes, url: str | None) -> str:
    """trafilatura's main text with its default settings."""
    import trafilatura

    return trafilatura.extract(html, url=url) or ""
