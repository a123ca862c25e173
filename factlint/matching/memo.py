"""One bounded cache for the matcher's per-run memories (a sentence read once, its frames found once).

Content repositories repeat their boilerplate (disclaimers, calls to action, footers); a sentence met again
is not read again. The cache holds at most `limit` entries, then starts afresh, so memory stays bounded
whatever the size of the run; on text with no repetition it costs one dictionary insert per sentence.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """A dict whose `get` is the dict's own (a C call: the matcher asks its memories a few hundred thousand
    times per 10 MB), filled through `remember`."""

    __slots__ = ("_limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit

    def remember(self, key: K, value: V) -> V:
        if len(self) >= self._limit:
            self.clear()
        self[key] = value
        return value
