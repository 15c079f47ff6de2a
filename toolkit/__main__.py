"""``python -m toolkit`` is ``stk``."""

import sys

from .cli import run

sys.exit(run())
