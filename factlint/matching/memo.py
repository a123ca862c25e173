"""One bounded cache for the matcher's per-run memories (a sentence read once, its frames found once).

Content repositories repeat their boilerplate (disclaimers, calls to action, footers); a sentence met again
is not read again. The cache holds at most `limit` entries, then starts afresh, so memory stays bounded
whatever the size of the run; on text with no repetition it costs one dictionary insert per sentence.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    __slots__ = ("_data", "_limit")

    def __init__(self, limit: int) -> None:
        self._data: dict[K, V] = {}
        self._limit = limit

    def get(self, key: K) -> V | None:
        return self._data.get(key)

    def remember(self, key: K, value: V) -> V:
        if len(self._data) >= self._limit:
            self._data.clear()
        self._data[key] = value
        return value
