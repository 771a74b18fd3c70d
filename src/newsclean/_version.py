"""The package version, in a module of its own.

Modules inside the package (the fetcher's default user agent) need the
version at import time; importing it from ``newsclean`` itself would be
circular.
"""

from __future__ import annotations

__version__ = "0.1.0"
