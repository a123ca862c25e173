"""The segment gate: does a segment's text hold the words some claim needs? Most segments do not.

Each rulebook term that can start a claim (the trigger classes of frames.py, drug names, the phrases of
match and document rules) is keyed by its longest stem: a term can only occur where that stem does. A
whitespace token is mapped once per run to the bits of the classes its words key (a dict look-up at C level
after that), a segment to the OR of its tokens' bits, and the segment passes when those bits could make a
claim: a class that claims alone, or every class group some claim needs together (frames.ALONE, TOGETHER).
A segment that fails is not split into sentences or read further: this is what keeps a large run fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from itertools import repeat
from operator import or_

from factlint.matching.frames import ALONE, TOGETHER
from factlint.matching.tokens import WORD
from factlint.matching.vocabulary import CUE, Vocabulary

_TOKEN_LIMIT = 500_000  # distinct tokens remembered (then the table starts afresh)
_MISSING = -1
DRUG = "drug"
PHRASE = "phrase"  # a stem a match or document rule's phrase starts with


class SegmentGate:
    def __init__(self, vocabulary: Vocabulary, phrase_stems: Iterable[str], extra_alone: Iterable[str] = ()) -> None:
        self._lookup = vocabulary.lexicon.lookup
        classes = sorted({t.cls for group in vocabulary.by_first.single.values() for t in group}
                         | {t.cls for group in vocabulary.by_first.double.values() for t in group} | {PHRASE})
        self._bit = {cls: 1 << i for i, cls in enumerate(classes)}
        key_bits: dict[str, int] = {}
        for term in vocabulary.terms:
            if term.cls.startswith(CUE):
                continue  # cues start no claim
            key = max(term.stems, key=len)
            key_bits[key] = key_bits.get(key, 0) | self._bit[term.cls]
        for stem in phrase_stems:
            key_bits[stem] = key_bits.get(stem, 0) | self._bit[PHRASE]
        self._key_bits = key_bits
        self._tokens: dict[str, int] = {}
        alone = {*ALONE, *extra_alone, PHRASE}
        self._alone = self.mask(c for c in alone)
        self._together = tuple(tuple(self.mask(group) for group in needs) for needs in TOGETHER)
        self.drug = self._bit.get(DRUG, 0)
        self._availability = self._bit.get("availability", 0)

    def mask(self, classes: Iterable[str]) -> int:
        return reduce(or_, (self._bit.get(c, 0) for c in classes), 0)

    def segment_mask(self, folded: str) -> int:
        """The OR of the bits of every word of `folded` (segment text after `normalize`)."""
        tokens = folded.split()
        table = self._tokens
        masks = list(map(table.get, tokens, repeat(_MISSING, len(tokens))))
        if _MISSING in masks:
            masks = [self._token(t) if m == _MISSING else m for t, m in zip(tokens, masks, strict=True)]
        return reduce(or_, masks, 0)

    def may_claim(self, mask: int) -> bool:
        """A segment with these bits may hold a claim (an investigational drug's availability needs the
        drug too; frames.py checks which drug)."""
        if mask & self._alone:
            return True
        if mask & self._availability and mask & self.drug:
            return True
        return any(all(mask & group for group in needs) for needs in self._together)

    def _token(self, token: str) -> int:
        lookup, key_bits = self._lookup, self._key_bits
        mask = 0
        for word in WORD.findall(token):
            stem = lookup(word)
            if stem is not None:
                mask |= key_bits.get(stem, 0)
        if len(self._tokens) >= _TOKEN_LIMIT:
            self._tokens.clear()
        self._tokens[token] = mask
        return mask
