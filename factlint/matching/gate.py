"""The segment gate: does a segment's text hold the words some claim needs? Most segments do not.

Every stem of a rulebook term (vocabulary terms and entity names, the phrases of match, phrase and document
rules) has a bit. A whitespace token is mapped once per run to the OR of its words' stem bits (a dict look-up
at C level after that), a segment to the OR of its tokens' bits. A term can only be in a sentence of the
segment if all its stems are in the segment, so the segment's classes are those of the terms whose stem bits
are all set; the segment passes when those classes could make a claim: a class that claims alone, or every
class group some claim needs together (frames.ALONE, TOGETHER; `FrameFinder.could_claim` checks the same on
a sentence's terms), or hold a phrase the engine looks for. A segment that fails is not split into sentences
or read further: this is what keeps a large run fast.

Requiring every stem, not one, matters: most terms have several words, and one of them is often a common
word ("works from home", "is all you need"); a segment holding "home" or "is" alone does not pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import reduce
from operator import or_

from factlint.matching.frames import TOGETHER
from factlint.matching.lexicon import stem
from factlint.matching.memo import Memo
from factlint.matching.tokens import word_pattern
from factlint.matching.vocabulary import CUE, Vocabulary

_TOKEN_LIMIT = 500_000  # distinct tokens remembered (then the table starts afresh)
_MASK_LIMIT = 50_000  # distinct stem sets whose classes are remembered
DRUG = "drug"
PHRASE = "phrase"  # a match or phrase rule's phrase: reported wherever it occurs
# a document rule's benefit claim and risk statement: the engine wants them only while the draft's fair
# balance is undecided (`may_claim`'s `wanted`)
BENEFIT, RISK = "phrase:benefit", "phrase:risk"
_CLAIM = "(may claim)"  # the gate's own bit: the classes beside it could make a claim (`may_claim`)

# Frequent English words, never a term's key when the term has another stem: the classes of a segment are
# worked out key by key, so a term keyed by "is" would be looked at in most segments.
_COMMON_WORDS = frozenset(stem(w) for w in (
    "a all also and any are as at be been before but by can do for from get go have help her his home how if in "
    "into is it its just like long make may more most no not now of on one only or other our out over so some "
    "than that the their them then there these they this time to up us use was we week what when which who "
    "will with work would year you your").split())


class SegmentGate:
    def __init__(self, vocabulary: Vocabulary, phrases: Mapping[str, Iterable[tuple[str, ...]]],
                 alone: Iterable[str]) -> None:
        """`phrases`: the phrases (as stems) of match, phrase and document rules, by the class the gate gives
        them (PHRASE, BENEFIT, RISK). `alone`: the trigger classes that make a claim on their own."""
        terms = [(t.stems, t.cls) for t in vocabulary.terms if not t.cls.startswith(CUE)]  # cues start no claim
        terms += [(p, cls) for cls, group in phrases.items() for p in group if p]
        classes = {cls for _, cls in terms} | {PHRASE, BENEFIT, RISK, _CLAIM}
        self._bit = {cls: 1 << i for i, cls in enumerate(sorted(classes))}
        stem_bit = {s: 1 << i for i, s in enumerate(sorted({s for stems, _ in terms for s in stems}))}
        # Each term is found through one of its stems, its key (preferably not a common word, then the
        # longest), with the stem bits it needs and the class bits it gives.
        by_key: dict[int, dict[int, int]] = {}
        for stems, cls in terms:
            needs = reduce(or_, map(stem_bit.__getitem__, stems), 0)
            key = stem_bit[max(stems, key=lambda s: (s not in _COMMON_WORDS, len(s)))]
            group = by_key.setdefault(key, {})
            group[needs] = group.get(needs, 0) | self._bit[cls]
        # by the position of the key's bit, so that the set bits of a segment are read off its top end
        self._by_key = {key.bit_length() - 1: tuple(group.items()) for key, group in by_key.items()}
        self._keys = reduce(or_, by_key, 0)
        self._stem_bit = stem_bit
        self._tokens = _TokenStems(vocabulary.lexicon.lookup, stem_bit)
        self._classes: Memo[int, int] = Memo(_MASK_LIMIT)
        self._alone = self.mask({*alone, PHRASE})
        self._together = tuple(tuple(self.mask(group) for group in needs) for needs in TOGETHER)
        self.drug = self._bit.get(DRUG, 0)
        self._availability = self._bit.get("availability", 0)
        self._claim = self._bit[_CLAIM]
        self._claim_of: Memo[int, int] = Memo(_MASK_LIMIT)  # class bits -> the claim bit, if they could claim

    def mask(self, classes: Iterable[str]) -> int:
        """The class bits of `classes`."""
        return reduce(or_, (self._bit.get(c, 0) for c in classes), 0)

    def stem_mask(self, stems: Iterable[str]) -> int:
        """The stem bits of `stems` (stems no term has have none)."""
        return reduce(or_, (self._stem_bit.get(s, 0) for s in stems), 0)

    def stems(self, folded: str) -> int:
        """The stem bits of the words of `folded`."""
        # most tokens carry no stem: filtered out before the OR, which copies the whole mask each time
        return reduce(or_, filter(None, map(self._tokens.__getitem__, folded.split())), 0)

    def classes(self, stems: int) -> int:
        """The class bits of the terms whose stems all have their bit in `stems`, and a bit of its own if
        they could make a claim."""
        found = self._classes.get(stems)
        if found is None:
            found = self._classes.remember(stems, self._classes_of(stems))
        return found

    def may_claim(self, classes: int, wanted: int = 0) -> bool:
        """A segment with these class bits (`classes`) may hold a claim or a phrase of the `wanted` classes."""
        return bool(classes & (self._claim | wanted))

    def _could_claim(self, classes: int) -> bool:
        """Classes that could make a claim (an investigational drug's availability needs the drug too;
        frames.py checks which drug), or a match or phrase rule's phrase."""
        if classes & self._alone:
            return True
        if classes & self._availability and classes & self.drug:
            return True
        return any(all(classes & group for group in needs) for needs in self._together)

    def _classes_of(self, stems: int) -> int:
        found = 0
        keys = stems & self._keys
        by_key = self._by_key
        while keys:
            top = keys.bit_length() - 1  # the highest key bit set (one int op, not two as for the lowest)
            for needs, bits in by_key[top]:
                if stems & needs == needs:
                    found |= bits
            keys ^= 1 << top
        claim = self._claim_of.get(found)
        if claim is None:  # few distinct class sets: the verdict on each is remembered
            claim = self._claim_of.remember(found, self._claim if self._could_claim(found) else 0)
        return found | claim


class _TokenStems(dict[str, int]):
    """Whitespace token -> the OR of its words' stem bits; a token not seen before is classified on its
    first look-up (`__missing__`), so `map(tokens.__getitem__, ...)` stays at C level for known tokens."""

    def __init__(self, lookup: Callable[[str], str | None], stem_bit: dict[str, int]) -> None:
        super().__init__()
        self._lookup = lookup
        self._stem_bit = stem_bit

    def __missing__(self, token: str) -> int:
        lookup, stem_bit = self._lookup, self._stem_bit
        mask = 0
        # an ASCII letters-and-digits token is one word (most tokens): no regex for it; an ASCII token with
        # punctuation ("depression,") is read by the stdlib twin of the word pattern
        for word in (token,) if token.isalnum() and token.isascii() else word_pattern(token).findall(token):
            found = lookup(word)
            if found is not None:
                mask |= stem_bit.get(found, 0)
        if len(self) >= _TOKEN_LIMIT:
            self.clear()
        self[token] = mask
        return mask
