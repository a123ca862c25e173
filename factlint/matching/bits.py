"""The pre-filter's tables: the rulebook's words as bits of one int.

Every stem a claim, subject or `absent` phrase uses, every literal fragment a regex needs
(triggers.py) and every single letter gets a bit. What a segment contains is then one int, the
OR of its tokens' masks, and "all words of this claim are here" is `mask & claim.mask ==
claim.mask`: no per-rule work for the segments that contain no rulebook word, and integer tests
for the rest.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from factlint.matching.lexicon import stem

if TYPE_CHECKING:
    from factlint.matching.index import Claim, CompiledRule
    from factlint.matching.triggers import Requirement

# Single letters other than the words "a" and "i": three or more of them distinct in a segment
# hint at a word spelt out with spaces ("c u r e s"), which only normalize() joins.
SPACED_LETTERS = frozenset("bcdefghjklmnopqrstuvwxyz")

# Frequent English words (stemmed). A claim is indexed under its rarest-looking word, so these
# ("with", "your", "have") are used only when a claim has nothing else.
_COMMON = frozenset(stem(w) for w in """
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves get got make made take go goes going come day new one two use used way
well also back even still like much many may might must need know see look want give good first
""".split())


def _anchor(stems: tuple[str, ...]) -> str:
    # Few segments should reach the full set check: prefer uncommon words, then longer ones.
    return max(stems, key=lambda s: (s not in _COMMON, len(s), s))


@dataclass(frozen=True, slots=True)
class Bits:
    """Bits of stems, fragments and letters, and the rulebook's phrases as masks."""

    of_stem: dict[str, int]
    of_fragment: dict[str, int]
    of_letter: dict[str, int]  # spaced-out letters ("c u r e s") are joined only by normalize
    letters: int  # all letter bits
    anchors: dict[int, tuple[Claim, ...]]  # anchor stem bit -> claims
    anchor_mask: int
    subjects: tuple[tuple[str, tuple[int, ...]], ...]  # subject id, mask of each alias
    subject_mask: int
    requirements: dict[int, tuple[tuple[int, ...], ...]]  # pattern rule -> group masks per regex
    fragment_rules: dict[int, int]  # bit of a fragment regexes are indexed under -> their rules' bits
    fragment_mask: int
    absent: dict[int, tuple[int, ...]]  # document rule -> mask of each `absent` phrase
    absent_mask: int


def build_bits(
    claims: list[Claim], subject_aliases: dict[str, tuple[tuple[str, ...], ...]], rules: list[CompiledRule],
    requirements: dict[int, list[Requirement]], by_fragment: dict[str, set[int]], fragments: list[str],
) -> Bits:
    """The tables; the claims they hold carry their own masks."""
    stems = sorted(
        {s for c in claims for s in c.stems}
        | {s for aliases in subject_aliases.values() for a in aliases for s in a}
        | {s for r in rules for phrase in r.absent for s in phrase}
    )
    of_stem = {s: 1 << i for i, s in enumerate(stems)}
    of_fragment = {f: 1 << (len(stems) + i) for i, f in enumerate(fragments)}
    base = len(stems) + len(fragments)
    of_letter = {c: 1 << (base + i) for i, c in enumerate(sorted(SPACED_LETTERS))}

    def mask(words: tuple[str, ...] | frozenset[str], table: dict[str, int]) -> int:
        result = 0
        for word in words:
            result |= table[word]
        return result

    claims = [replace(c, mask=mask(c.stems, of_stem)) for c in claims]
    anchors: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        anchors[of_stem[_anchor(claim.stems)]].append(claim)
    subjects = tuple(
        (sid, tuple(mask(a, of_stem) for a in aliases)) for sid, aliases in subject_aliases.items()
    )
    absent = {i: tuple(mask(p, of_stem) for p in r.absent) for i, r in enumerate(rules) if r.absent}
    fragment_rules: dict[int, int] = defaultdict(int)
    for fragment, ids in by_fragment.items():
        for rule in ids:
            fragment_rules[of_fragment[fragment]] |= 1 << rule
    return Bits(
        of_stem=of_stem,
        of_fragment=of_fragment,
        of_letter=of_letter,
        letters=mask(frozenset(of_letter), of_letter),
        anchors={bit: tuple(group) for bit, group in anchors.items()},
        anchor_mask=reduce(or_, anchors, 0),
        subjects=subjects,
        subject_mask=mask(frozenset(s for aliases in subject_aliases.values() for a in aliases for s in a), of_stem),
        requirements={
            rule: tuple(tuple(mask(group, of_fragment) for group in req) for req in reqs)
            for rule, reqs in requirements.items()
        },
        fragment_rules=dict(fragment_rules),
        fragment_mask=mask(frozenset(by_fragment), of_fragment),
        absent=absent,
        absent_mask=mask(frozenset(s for r in rules for phrase in r.absent for s in phrase), of_stem),
    )
