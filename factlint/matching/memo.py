"""The matcher's memory of what it has worked out, keyed by content (a token, a mask, a sentence)."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """A dict that starts afresh once it holds `limit` entries: memory stays bounded on any run,
    and what a long run keeps seeing is soon worked out again."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def remember(self, key: K, value: V) -> V:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
