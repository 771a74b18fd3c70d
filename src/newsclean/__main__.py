"""``python -m newsclean``: the same command line as the ``newsclean`` script."""

import sys

from .cli import main

sys.exit(main())
