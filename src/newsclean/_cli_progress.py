"""Progress on a terminal, for the commands that work through many pages.

A bar is drawn only when stderr is a terminal, so pipes and log files get
the summary line alone: tqdm's bar when the ``[progress]`` extra is
installed, a plain counter otherwise.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

#: ``progress(done, total)``: ``total`` 0 when not known ahead (a WARC's records);
#: ``progress(-1, 0)`` closes the bar.
Progress = Callable[[int, int], None]


def progress_bar(unit: str = "page") -> Progress | None:
    """A bar on a terminal (tqdm when installed, a counter otherwise); else None."""
    if not sys.stderr.isatty():
        return None
    try:
        tqdm = importlib.import_module("tqdm").tqdm
    except ImportError:
        return _counter(unit)
    bars: list[Any] = []

    def update(done: int, total: int) -> None:
        if done < 0:
            for bar in bars:
                bar.close()
            return
        if not bars:
            bars.append(tqdm(total=total or None, unit=unit, file=sys.stderr))
        bars[0].update(done - bars[0].n)

    return update


def _counter(unit: str) -> Progress:
    def count(done: int, total: int) -> None:
        if done < 0:
            print(file=sys.stderr)
            return
        of = f"/{total}" if total else ""
        print(f"\r{done}{of} {unit}s", end="", file=sys.stderr, flush=True)

    return count
