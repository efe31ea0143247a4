"""YAML reading with libyaml's C parser when it is there (10x faster than pure Python).

The data files are read on every build (three times, once per language, unless
cached), so parsing speed shows in the build time.
"""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """Like ``yaml.safe_load``, with the C parser when PyYAML was built with libyaml."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
