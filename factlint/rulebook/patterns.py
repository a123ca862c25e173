"""How rule patterns are compiled: the one definition the loader, the cache check and the matcher share.
(`pattern_literals` reads which strings a pattern cannot match without.)"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from factlint.rulebook.pattern_literals import required_literals

PATTERN_FLAGS = regex.IGNORECASE | regex.VERSION0


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """THE way rule patterns are compiled, for normalised lower-case text."""
    return regex.compile(pattern, PATTERN_FLAGS)


@dataclass(frozen=True, slots=True)
class RulePattern:
    """A rule's pattern compiled once, with the strings one of which every match contains (None: not known,
    so every text is searched). The matcher searches `regex`; text holding none of `required` is skipped."""

    source: str
    regex: regex.Pattern[str]
    required: frozenset[str] | None


@functools.lru_cache(maxsize=4096)
def rule_pattern(pattern: str) -> RulePattern:
    return RulePattern(pattern, compile_pattern(pattern), required_literals(pattern))
