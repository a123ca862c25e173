"""Literal words a regex cannot match without, so a pattern only runs where they occur.

Scanning every segment with every rule's regex is the slow path the index exists to avoid
(a regex alternation of a few hundred phrases runs at a few MB/s). Instead each pattern is
parsed once into a requirement: groups of word prefixes, one of each group must start a word
of the text. `\\bsay goodbye to (?:your )?depression\\b` requires words starting with "say",
"goodbye" and "to"; `\\bfda[- ]?(?:approved|cleared)\\b` requires "fda" and one of
"approved"/"cleared". Literals that may sit inside a word (after `\\w*` or a character class)
are left out, so the requirement never rejects text the pattern could match.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 - the parser's opcode names
import re._parser as sre_parse
from typing import Any

Requirement = tuple[frozenset[str], ...]  # every group must be present: one prefix of each

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_NON_WORD_CATEGORIES = {C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD, C.CATEGORY_NOT_DIGIT}


def required_fragments(pattern: str) -> Requirement | None:
    """What every match of `pattern` contains, or None when nothing can be told."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except (re.error, ValueError, OverflowError, RecursionError):
        return None  # syntax only the `regex` module knows: the pattern always runs
    groups, _ = _groups(parsed, at_word_start=False)  # a search may start mid-word
    return tuple(groups) if groups else None


def _groups(sequence: Any, at_word_start: bool) -> tuple[list[frozenset[str]], bool]:
    """Required groups of a sequence, and whether what follows it starts a word."""
    groups: list[frozenset[str]] = []
    run: list[str] = []
    run_ok = False  # the current run of word characters starts a word
    state = at_word_start  # the next word character would start a word

    def close_run() -> None:
        if run and run_ok:
            groups.append(frozenset(["".join(run)]))
        run.clear()

    for op, arg in sequence:
        if op is C.LITERAL:
            char = chr(arg).lower()
            if char in _WORD_CHARS:
                if not run:
                    run_ok = state
                run.append(char)
                state = False
            else:
                close_run()
                state = True
            continue
        close_run()
        if op is C.AT:
            state = arg in (C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING) or (
                state and arg is not C.AT_NON_BOUNDARY
            )
        elif op is C.BRANCH:
            ends = []
            options = []
            for alternative in arg[1]:
                found, end = _groups(alternative, state)
                ends.append(end)
                options.append(_most_selective(found))
            if options and all(o is not None for o in options):
                groups.append(frozenset().union(*options))  # type: ignore[arg-type]
            state = all(ends)
        elif op is C.SUBPATTERN:
            found, state = _groups(arg[-1], state)
            groups.extend(found)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _, body = arg
            found, end = _groups(body, state)
            if low >= 1:
                groups.extend(found)
                state = end
            else:
                state = state and end
        elif op is C.IN:
            state = _class_is_non_word(arg)
        elif op is C.CATEGORY:
            state = arg in _NON_WORD_CATEGORIES
        else:  # ANY, NOT_LITERAL, group references, look-arounds...
            state = False
    close_run()
    return groups, state


def _most_selective(groups: list[frozenset[str]]) -> frozenset[str] | None:
    if not groups:
        return None
    return max(groups, key=lambda fragments: (min(map(len, fragments)), -len(fragments)))


def _class_is_non_word(items: Any) -> bool:
    for op, arg in items:
        if op is C.LITERAL and chr(arg).lower() not in _WORD_CHARS and chr(arg) != "_":
            continue
        if op is C.CATEGORY and arg in _NON_WORD_CATEGORIES:
            continue
        return False
    return True
