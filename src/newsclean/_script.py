"""Optional conversion between simplified and traditional Chinese script.

Off by default; ``extract(..., script="hans" | "hant")`` turns it on and
needs the ``[script]`` extra (OpenCC). A corpus that mixes Hong Kong,
Taiwan and mainland pages is easier to search, deduplicate and model in
one script. The converter is built on first use and reused.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Literal

from ._errors import MissingDependencyError

Script = Literal["hans", "hant"]

#: OpenCC configurations: phrase-aware conversions, not character tables.
_CONFIGS: dict[str, str] = {"hans": "t2s.json", "hant": "s2t.json"}


def check_script(script: str | None) -> None:
    """Refuse an unknown script name before any work is done."""
    if script is not None and script not in _CONFIGS:
        raise ValueError(f"script must be 'hans', 'hant' or None, not {script!r}")


@functools.lru_cache(maxsize=2)
def converter(script: Script) -> Callable[[str], str]:
    """The ``str -> str`` conversion to ``script``."""
    try:
        import opencc
    except ImportError as exc:
        raise MissingDependencyError(
            "script conversion needs the 'script' extra: pip install 'newsclean[script]'"
        ) from exc
    convert: Callable[[str], str] = opencc.OpenCC(_CONFIGS[script]).convert
    return convert
