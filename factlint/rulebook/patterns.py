"""How rule patterns are compiled: the one definition the loader, the cache check and the matcher share.
(`pattern_literals` reads which strings a pattern cannot match without.)"""

from __future__ import annotations

import functools

import regex

PATTERN_FLAGS = regex.IGNORECASE | regex.VERSION0


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """THE way rule patterns are compiled, for normalised lower-case text."""
    return regex.compile(pattern, PATTERN_FLAGS)
