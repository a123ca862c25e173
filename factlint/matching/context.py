"""Judging a claim in its sentence: where it matched, and whether its context makes it compliant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factlint.matching.index import CueList

# How far before a claim (in tokens, within the same clause) a negation or hedge still applies.
CUE_REACH = 8


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as stems, with where each token sits and which clause it belongs to."""

    stems: tuple[str | None, ...]
    starts: tuple[int, ...]  # token start offsets in the normalised segment text
    ends: tuple[int, ...]
    clauses: tuple[int, ...]  # clause number of each token
    positions: dict[str, list[int]]  # stem -> token indexes


def find_window(
    sentence: Sentence, stems: Sequence[str], max_gap: int, *, ordered: bool = False
) -> list[int] | None:
    """Token indexes of the tightest occurrence of all `stems` within len(stems) + max_gap tokens.

    Claims match in any order ("depression is cured"); `ordered` phrases (exceptions) keep their
    word order, so an exception "drive you" does not excuse "you can drive yourself".
    """
    positions = sentence.positions
    limit = len(stems) + max_gap
    best: list[int] | None = None
    for pivot in positions.get(stems[0], ()):
        chosen = [pivot]
        for wanted in stems[1:]:
            if ordered:
                options = [p for p in positions.get(wanted, ()) if p > chosen[-1]]
            else:
                options = [p for p in positions.get(wanted, ()) if p not in chosen]
            if not options:
                break
            chosen.append(min(options, key=lambda p: (abs(p - pivot), p)))
        else:
            width = max(chosen) - min(chosen) + 1
            if width <= limit and (best is None or width < max(best) - min(best) + 1):
                best = chosen
    return sorted(best) if best else None


def find_sequence(sentence: Sentence, stems: Sequence[str]) -> list[int]:
    """Start indexes where `stems` occur as consecutive tokens."""
    found = []
    tokens = sentence.stems
    length = len(stems)
    for start in sentence.positions.get(stems[0], ()):
        if tuple(tokens[start : start + length]) == tuple(stems):
            found.append(start)
    return found


def cue_applies(
    sentence: Sentence,
    matched: Sequence[int],
    cues: CueList,
    *,
    after: bool = False,
) -> bool:
    """True when a cue stands before the claim in its clause, or inside the claim's window.

    With `after`, a cue later in the claim's clause counts too ("... has not been shown").
    A cue's clause is that of its last word, so "has yet to" works although "yet" breaks clauses.
    """
    first, last = matched[0], matched[-1]
    claim_tokens = set(matched)
    clauses = sentence.clauses
    by_first = cues.by_first
    present = sentence.positions.keys() & by_first.keys()
    for cue in (cue for first in sorted(present) for cue in by_first[first]):
        for start in find_sequence(sentence, cue):
            end = start + len(cue) - 1
            if any(i in claim_tokens for i in range(start, end + 1)):
                continue
            if end < first and first - end <= CUE_REACH and clauses[end] == clauses[first]:
                return True
            if first < start and end < last:
                return True
            if after and start > last and clauses[start] == clauses[last]:
                return True
    return False
