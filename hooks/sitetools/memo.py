"""Values kept for one object at a time.

Every page event of a build gets the same objects (the config, the site's
data, its vocabulary); a value made from one of them is made once and kept
until another object comes (the next build of ``mkdocs serve``). Objects are
told apart by identity: the data classes are not hashable (they hold
mappings), and hashing a dataclass would read every field.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class KeptFor(Generic[V]):
    """``get(owner, key, make)``: ``make()`` once per key while the owner is the same."""

    def __init__(self) -> None:
        self._owner: object | None = None
        self._values: dict[Hashable, V] = {}

    def get(self, owner: object, key: Hashable, make: Callable[[], V]) -> V:
        if self._owner is not owner:
            self._owner, self._values = owner, {}
        if key not in self._values:
            self._values[key] = make()
        return self._values[key]
