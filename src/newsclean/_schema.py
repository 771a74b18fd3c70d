"""The JSON Schema of ``Article.to_dict()``, shipped with the package as a contract."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

#: This package, wherever it is imported from: its data files ship inside it.
_PACKAGE = __package__ or "newsclean"


@functools.lru_cache(maxsize=1)
def article_schema() -> dict[str, Any]:
    """The schema (JSON Schema 2020-12) that every ``Article.to_dict()`` satisfies."""
    path = resources.files(_PACKAGE).joinpath("schema/article.schema.json")
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema
