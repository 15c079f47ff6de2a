"""``python -m toolkit`` is ``stk``."""

import sys

from .cli import main

sys.exit(main())
