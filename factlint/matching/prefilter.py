"""Which segments may hold a claim, cheaply: the per-segment hot path of the matcher.

The rulebook's words are bits (bits.py). Each whitespace token is classified once per run into
the OR of the bits it carries; a segment's content is then the OR over its tokens, which
`str.split`, `map` and `functools.reduce` compute in C. Whether a claim's words are all in a
segment is an integer test, and what a segment's mask implies (its candidate claims, regexes
and subjects) is worked out once per distinct mask: paragraphs share combinations of rulebook
words (the benchmark corpus: 26,756 distinct masks for 86,739 segments).

Every table is bounded: the token-mask table (about 135 bytes a token with its key) starts afresh
past TOKEN_LIMIT distinct tokens, the per-mask table past _CACHE_LIMIT masks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import NamedTuple

from factlint.documents.model import Segment
from factlint.matching.bits import Bits
from factlint.matching.index import Claim, RuleIndex
from factlint.matching.lexicon import Lexicon
from factlint.matching.memo import Memo
from factlint.matching.normalize import fold, normalize

# Joins segment texts for document-level look-ups; whitespace to str.split, so tokens never
# span two segments.
_SEPARATOR = "\x1f"
_JOIN_LIMIT = 5_000  # segments; beyond, folding one by one costs little and saves two copies

# Entries of the mask cache; past this it starts afresh (memory stays bounded).
_CACHE_LIMIT = 50_000
# Distinct tokens remembered (~70 MB); a repository larger than that classifies some words again.
TOKEN_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class Candidates:
    """What a segment (or sentence) might contain: claims to window-match, pattern rules to run."""

    claims: tuple[Claim, ...]
    pattern_rules: tuple[int, ...]

    def __bool__(self) -> bool:
        return bool(self.claims or self.pattern_rules)


class SegmentWords(NamedTuple):
    """What a segment's mask implies, before its topic and document are known."""

    mask: int
    claims: tuple[Claim, ...]  # claims whose stems are all here, by rule then stems
    pattern_rules: tuple[int, ...]  # rules with a regex whose required literals are all here
    subjects: frozenset[str]  # subjects named here


class _TokenMasks(dict[str, int]):
    """Whitespace token -> OR of the bits of the stems, fragments and letter it carries.

    A token not seen before is classified by the lexicon on first look-up (`__missing__`), so
    `map(masks.__getitem__, tokens)` stays a C-level loop for every token already known.
    """

    def __init__(self, lexicon: Lexicon, bits: Bits) -> None:
        super().__init__()
        self._lexicon = lexicon
        self._bits = bits

    def __missing__(self, token: str) -> int:
        stems, fragments = self._lexicon.classify_token(token)
        of_stem, of_fragment = self._bits.of_stem, self._bits.of_fragment
        mask = self._bits.of_letter.get(token, 0)
        for stem in stems:
            mask |= of_stem.get(stem, 0)
        for fragment in fragments:
            mask |= of_fragment.get(fragment, 0)
        if len(self) >= TOKEN_LIMIT:
            self.clear()
        self[token] = mask
        return mask


class Prefilter:
    """The cheap tests of one compiled rulebook."""

    def __init__(self, index: RuleIndex) -> None:
        self.index = index
        self._bits = index.bits
        self._token_masks = _TokenMasks(index.lexicon, index.bits)
        self._cache: Memo[int, SegmentWords] = Memo(_CACHE_LIMIT)

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

    def mask_of(self, folded: str) -> int:
        """The mask of a folded text: the OR of its whitespace tokens' masks."""
        return reduce(or_, map(self._token_masks.__getitem__, folded.split()), 0)

    def narrow(self, mask: int, candidates: Candidates) -> Candidates:
        """The candidates whose words (claims) or literals (regexes) are all in this mask."""
        claims = tuple(c for c in candidates.claims if mask & c.mask == c.mask)
        patterns = tuple(r for r in candidates.pattern_rules if self._literals_present(r, mask))
        if claims == candidates.claims and patterns == candidates.pattern_rules:
            return candidates
        return Candidates(claims, patterns)

    def _literals_present(self, rule: int, mask: int) -> bool:
        """Some regex of the rule has a fragment of each of its required groups in the mask."""
        if rule in self.index.ungated_pattern_rules:
            return True
        for groups in self._bits.requirements[rule]:
            for group in groups:
                if not mask & group:
                    break
            else:
                return True
        return False

    def possible(self, mask: int) -> bool:
        """False when neither a claim nor a regex can match in text with this (whole-document)
        mask: most documents of a real content repository."""
        bits = self._bits
        if self.index.ungated_pattern_rules or (mask & bits.letters).bit_count() >= 3:
            return True
        return self._any_claim(mask) or bool(self._pattern_rules(mask))

    def segment(self, mask: int, text: str) -> SegmentWords:
        """What a segment with this mask may hold (`text`: its original text, read only when it
        spells letters out with spaces, which only `normalize` joins)."""
        if (mask & self._bits.letters).bit_count() >= 3:
            mask |= self.mask_of(normalize(text))
        found = self._cache.get(mask)
        if found is None:
            found = self._cache.remember(
                mask, SegmentWords(mask, self._claims(mask), self._pattern_rules(mask), self._subjects(mask))
            )
        return found

    def _complete_claims(self, mask: int) -> Iterator[Claim]:
        """The claims all of whose words are in the mask, found through the anchor bits set."""
        anchors = self._bits.anchors
        present = mask & self._bits.anchor_mask
        while present:
            bit = present & -present
            for claim in anchors[bit]:
                if mask & claim.mask == claim.mask:
                    yield claim
            present ^= bit

    def _any_claim(self, mask: int) -> bool:
        return any(True for _ in self._complete_claims(mask))

    def _claims(self, mask: int) -> tuple[Claim, ...]:
        return tuple(sorted(self._complete_claims(mask), key=lambda c: (c.rule_index, c.stems)))

    def _pattern_rules(self, mask: int) -> tuple[int, ...]:
        bits = self._bits
        indexed = 0
        present = mask & bits.fragment_mask
        while present:
            bit = present & -present
            indexed |= bits.fragment_rules[bit]
            present ^= bit
        found = set(self.index.ungated_pattern_rules)
        while indexed:
            bit = indexed & -indexed
            rule = bit.bit_length() - 1
            if self._literals_present(rule, mask):
                found.add(rule)
            indexed ^= bit
        return tuple(sorted(found))

    def _subjects(self, mask: int) -> frozenset[str]:
        if not mask & self._bits.subject_mask:
            return frozenset()
        return frozenset(
            subject for subject, aliases in self._bits.subjects if any(mask & a == a for a in aliases)
        )
