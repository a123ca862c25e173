"""Which segments may hold a claim, cheaply: the per-segment hot path of the matcher.

Every segment's folded text is split on whitespace and the token set compared with the lexicon's
caches (C-level set operations). A segment is a candidate when every stem of some claim is in it,
or the literal words some regex needs; only then is its topic worked out (rules with subjects
apply where their drug is in the segment, the headings above it, or the paragraph before a list).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence, Set as AbstractSet
from dataclasses import dataclass

from factlint.documents.model import Segment
from factlint.matching.index import Claim, CompiledRule, RuleIndex
from factlint.matching.normalize import fold, normalize

# Joins segment texts for document-level look-ups; whitespace to str.split, so tokens never
# span two segments.
_SEPARATOR = "\x1f"
_JOIN_LIMIT = 5_000  # segments; beyond, folding one by one costs little and saves two copies

# Three or more distinct one-letter tokens (other than the words "a" and "i") hint at letters
# spelled out with spaces ("c u r e s"), which whitespace tokens cannot see.
_SPACED_LETTERS = frozenset("bcdefghjklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class Candidates:
    """What a segment (or sentence) might contain: claims to window-match, pattern rules to run."""

    claims: tuple[Claim, ...]
    pattern_rules: tuple[int, ...]

    def __bool__(self) -> bool:
        return bool(self.claims or self.pattern_rules)


NO_CANDIDATES = Candidates((), ())


class Prefilter:
    """The cheap tests of one compiled rulebook."""

    def __init__(self, index: RuleIndex) -> None:
        self.index = index

    @staticmethod
    def fold_segments(segments: Sequence[Segment]) -> list[str]:
        """`fold` of every segment's text: one C-level pass over the joined text of a typical
        document; segment by segment for a very large one, to keep fewer copies in memory."""
        texts = [segment.text for segment in segments]
        if len(texts) > _JOIN_LIMIT:
            return [fold(text) for text in texts]
        folded = fold(_SEPARATOR.join(texts)).split(_SEPARATOR)
        if len(folded) != len(texts):  # the separator occurs in the text itself
            folded = [fold(text) for text in texts]
        return folded

    def possible(self, folded: list[str]) -> tuple[int, ...] | None:
        """The pattern rules possible in the document, or None when neither a claim nor a
        pattern can match anywhere in it (most documents of a real content repository)."""
        tokens: set[str] = set()
        for text in folded:
            tokens.update(text.split())
        stems = self.index.lexicon.stems_of(tokens)
        indexed = {r for f in self.index.lexicon.fragments_of(tokens) for r in self.index.by_fragment.get(f, ())}
        among = tuple(sorted(indexed.union(self.index.ungated_pattern_rules)))
        patterns = self.pattern_rules(tokens, among)
        if patterns or len(tokens.intersection(_SPACED_LETTERS)) >= 3:
            return patterns
        by_anchor = self.index.by_anchor
        for anchor in stems & self.index.anchor_stems:
            if any(claim.stem_set <= stems for claim in by_anchor[anchor]):
                return patterns
        return None

    def scan(self, folded: str, text: str) -> tuple[set[str], set[str]]:
        """Whitespace tokens of a segment's folded text, and the vocabulary stems they contain."""
        tokens = set(folded.split())
        stems = self.index.lexicon.stems_of(tokens)
        if len(tokens.intersection(_SPACED_LETTERS)) >= 3:
            stems |= self.index.lexicon.stems_of(set(normalize(text).split()))
        return tokens, stems

    def subjects(self, stems: AbstractSet[str]) -> frozenset[str]:
        if stems.isdisjoint(self.index.subject_stems):
            return frozenset()
        return frozenset(
            subject
            for subject, aliases in self.index.subject_aliases.items()
            if any(stems >= alias for alias in aliases)
        )

    def candidates(
        self, tokens: set[str], stems: set[str], settled: Collection[int],
        possible_patterns: tuple[int, ...], topic_of_segment: Callable[[], Topic],
    ) -> Candidates:
        """Claims and pattern rules the segment may hold; `settled` rules already fired or failed.

        The topic is worked out only when some claim's words or some regex's literals are here.
        """
        index = self.index
        by_anchor = index.by_anchor
        claims = [
            claim
            for anchor in stems & index.anchor_stems
            for claim in by_anchor[anchor]
            if claim.stem_set <= stems and claim.rule_index not in settled
        ]
        patterns: tuple[int, ...] = ()
        if possible_patterns:
            among = tuple(r for r in possible_patterns if r not in settled)
            patterns = self.pattern_rules(tokens, among)
        if not claims and not patterns:
            return NO_CANDIDATES
        topic = topic_of_segment()
        rules = index.rules
        claims = [claim for claim in claims if topic.allows(rules[claim.rule_index])]
        claims.sort(key=lambda c: (c.rule_index, c.stems))
        return Candidates(tuple(claims), tuple(r for r in patterns if topic.allows(rules[r])))

    def pattern_rules(self, tokens: set[str], among: tuple[int, ...]) -> tuple[int, ...]:
        """The rules of `among` with a regex whose required fragments all occur in `tokens`."""
        if not among:
            return ()
        index = self.index
        fragments = index.lexicon.fragments_of(tokens)
        by_fragment = index.by_fragment
        indexed = {r for f in fragments if f in by_fragment for r in by_fragment[f]}
        found = []
        for r in among:  # the few rules possible in this document (see possible)
            possible = r in index.ungated_pattern_rules or (
                r in indexed and _satisfied(index.requirements[r], fragments)
            )
            if possible:
                found.append(r)
        return tuple(found)


def _satisfied(requirements: Sequence[tuple[frozenset[str], ...]], fragments: set[str]) -> bool:
    """Some pattern's requirement is met: each of its groups has a fragment present."""
    for requirement in requirements:
        for group in requirement:
            if fragments.isdisjoint(group):
                break
        else:
            return True
    return False


class Topic:
    """What a segment is about: subjects in it, in the headings above it, and (for a list item)
    in the paragraph introducing the list. Worked out only if a rule with subjects needs it."""

    __slots__ = ("_subjects_of", "_stems", "_heading", "_intro", "_subjects")

    def __init__(
        self, subjects_of: Callable[[AbstractSet[str]], frozenset[str]], stems: AbstractSet[str],
        heading: frozenset[str], intro: AbstractSet[str],
    ) -> None:
        self._subjects_of = subjects_of
        self._stems = stems
        self._heading = heading
        self._intro = intro
        self._subjects: frozenset[str] | None = None

    def allows(self, rule: CompiledRule) -> bool:
        if not rule.subjects:
            return True
        if self._subjects is None:
            subjects = self._subjects_of(self._stems) | self._heading
            if self._intro:
                subjects |= self._subjects_of(self._intro)
            self._subjects = subjects
        return not rule.subjects.isdisjoint(self._subjects)
