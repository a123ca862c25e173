"""How rule patterns are compiled: the one definition the loader, the cache check and the matcher share."""

from __future__ import annotations

import functools
import re
from typing import Any

import regex

PATTERN_FLAGS = regex.IGNORECASE | regex.VERSION0


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """THE way rule patterns are compiled, for normalised lower-case text."""
    return regex.compile(pattern, PATTERN_FLAGS)


# -- the words a pattern cannot match without ----------------------------------------------------------------

_MAX_STRINGS = 64  # strings a part of a pattern may stand for before it counts as "anything"
_MAX_CLASS = 10  # characters a [class] may hold and still count as a few literal choices
_ZERO_WIDTH = frozenset(("AT", "ASSERT", "ASSERT_NOT"))
# Syntax of the regex module that the standard library reads as literal text: fuzzy matching ("(?:cure){e<=1}":
# a brace that is no repeat count) and POSIX classes ("[[:alpha:]]"). Other regex-only syntax (\p{L}, (?V1),
# \m) is an error to the standard library's parser.
_REGEX_ONLY = re.compile(r"\{(?!\d*,?\d*\})|\[:")


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case strings one of which every match of `pattern` (compiled by `compile_pattern`, searched in
    normalised lower-case text) contains, or None when no such set is known. Text holding none of them needs
    no regex search: a C-level substring test instead of a scan with the regex engine, most of a run's
    pattern cost. Read with the standard library's parser; a pattern it cannot read has no set (None)."""
    import re._parser as sre_parse  # the standard library's own reader of regex syntax

    if _REGEX_ONLY.search(pattern):
        return None  # syntax the two modules read differently: not guessed at
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return None
    found = _required(parsed)
    if not found or "" in found:
        return None
    return frozenset(found)


def _required(items: Any) -> set[str] | None:
    """The best set for a sequence: runs of parts that stand for a few exact strings, spelled out, or a
    part's own required set; the set whose shortest string is longest wins."""
    best: set[str] | None = None

    def offer(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and "" not in candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    run = {""}
    for op, av in items:
        exact = _exact(op, av)
        if exact is not None:
            joined = {a + b for a in run for b in exact}
            if len(joined) <= _MAX_STRINGS:
                run = joined
                continue
            offer(run)
            run = exact
            continue
        offer(run)
        run = {""}
        offer(_required_of(op, av))
    offer(run)
    return best


def _required_of(op: Any, av: Any) -> set[str] | None:
    name = str(op)
    if name == "SUBPATTERN":
        return _required(av[3])
    if name == "ATOMIC_GROUP":
        return _required(av)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
        return _required(av[2])
    if name == "BRANCH":
        union: set[str] = set()
        for branch in av[1]:
            found = _required(branch)
            if not found:
                return None
            union |= found
        return union
    return None


def _exact(op: Any, av: Any) -> set[str] | None:
    """The few strings a part of a pattern matches, lower-cased (ASCII only), or None."""
    name = str(op)
    if name == "LITERAL":
        return {chr(av).lower()} if av < 128 else None
    if name in _ZERO_WIDTH:
        return {""}
    if name == "IN":
        chars: set[str] = set()
        for item_op, item_av in av:
            item = str(item_op)
            if item == "LITERAL" and item_av < 128:
                chars.add(chr(item_av).lower())
            elif item == "RANGE" and item_av[1] < 128 and item_av[1] - item_av[0] < _MAX_CLASS:
                chars.update(chr(c).lower() for c in range(item_av[0], item_av[1] + 1))
            else:
                return None
        return chars if len(chars) <= _MAX_CLASS else None
    if name == "SUBPATTERN":
        return _exact_sequence(av[3])
    if name == "ATOMIC_GROUP":
        return _exact_sequence(av)
    if name == "BRANCH":
        union: set[str] = set()
        for branch in av[1]:
            found = _exact_sequence(branch)
            if found is None:
                return None
            union |= found
        return union if len(union) <= _MAX_STRINGS else None
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        if high > 3:
            return None
        once = _exact_sequence(body)
        if once is None:
            return None
        repeated: set[str] = set()
        current = {""}
        for count in range(high + 1):
            if count >= low:
                repeated |= current
            current = {a + b for a in current for b in once}
            if len(repeated) > _MAX_STRINGS or len(current) > _MAX_STRINGS:
                return None
        return repeated
    return None


def _exact_sequence(items: Any) -> set[str] | None:
    strings = {""}
    for op, av in items:
        exact = _exact(op, av)
        if exact is None:
            return None
        strings = {a + b for a in strings for b in exact}
        if len(strings) > _MAX_STRINGS:
            return None
    return strings
