"""``python -m sitetools.guard``: check the translations (see ``check.main``)."""

import sys

from .check import main

if hasattr(sys.stdout, "reconfigure"):
    sys.stdout.reconfigure(encoding="utf-8")
sys.exit(main())
