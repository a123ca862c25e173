"""The one did-you-mean: the known name closest to a misspelt one, by edit distance.

Used wherever a user names something factlint knows: configuration and rulebook keys, rule ids
(`FL4O1` -> `FL401`), rule names, categories and selectors. Names are compared case-insensitively and
with `_` read as `-`, so `respect_gitignore` finds `respect-gitignore`.
"""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """The known name nearest to `name` (the first one on a tie), or None when none is near.

    "Near" is at most one edit per three characters (at least one): adjacent letters swapped count as
    one edit, as in a typo.
    """
    wanted = _folded(name)
    limit = max(1, len(wanted) // 3)
    best: str | None = None
    best_distance = limit + 1
    for candidate in known:
        folded = _folded(candidate)
        if abs(len(folded) - len(wanted)) >= best_distance:
            continue
        distance = edit_distance(wanted, folded)
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


def hint(name: str, known: Iterable[str], *, otherwise: str = "") -> str:
    """` (did you mean 'x'?)` for a message, or `otherwise` when nothing is near."""
    close = did_you_mean(name, known)
    return f" (did you mean '{close}'?)" if close is not None else otherwise


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    adjacent characters each cost one."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _folded(name: str) -> str:
    return name.strip().casefold().replace("_", "-")
