"""Maps text to the rulebook's vocabulary: stemming, then typo-tolerant look-up, all cached.

`canonical` caches word -> vocabulary stem (or None): every distinct word is classified once, so
the cost of fuzzy matching grows with the number of distinct words, not with corpus size or
rules. Whitespace tokens ("fda-aproved,") are classified into stems and regex fragments
(triggers.py) for the pre-filter, which keeps one bit mask per token (prefilter.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import Stemmer

from factlint.matching.english import is_english_word
from factlint.matching.normalize import join_split_letters
from factlint.matching.tokens import WORD
from factlint.rulebook.model import Matching

NEGATED_CONTRACTION = "n't"
NOT = "not"
_NOTHING: frozenset[str] = frozenset()

_stemmer = Stemmer.Stemmer("english")
_LEET = str.maketrans("013457@$", "oieastas")
_SEPARATORS = frozenset("-._*\u00b7")  # what may split a word into letters ("c-u-r-e-s")


def stem(word: str) -> str:
    """The canonical form of a word: its Snowball stem ("cures", "cured", "curing" -> "cure")."""
    if word.endswith(NEGATED_CONTRACTION):
        return NOT
    if word.endswith("'s"):
        word = word[:-2]
    return _stemmer.stemWord(word)


class Lexicon:
    """The rulebook's vocabulary of stems, and caches of what text maps to it."""

    def __init__(
        self, vocabulary: Iterable[str], matching: Matching, fragments: Sequence[str] = ()
    ) -> None:
        self.vocabulary = frozenset(vocabulary)
        self._fragments = frozenset(fragments)
        self._fragment_lengths = sorted({len(f) for f in self._fragments})
        self._fragment_starts = frozenset(f[:2] for f in self._fragments)  # cheap test before slicing
        self._min_length = matching.fuzzy_min_length
        self._protected = frozenset(matching.protected)
        # Fuzzy candidates bucketed by length: a word is compared only with stems of similar length.
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self.vocabulary):
            if len(word) >= self._min_length - 2 and word.isalpha():
                self._by_length.setdefault(len(word), []).append(word)
        self.canonical: dict[str, str | None] = {}

    # -- whitespace tokens (the pre-filter) ------------------------------------------------

    def classify_token(self, token: str) -> tuple[frozenset[str], frozenset[str]]:
        """The stems in a whitespace-delimited token (punctuation attached, as `str.split`
        gives it) and the pattern fragments that start one of its words. Not cached here: the
        pre-filter keeps one bit mask per token (prefilter.py)."""
        if token.isalpha():  # most tokens: one plain word
            words: Sequence[str] = (token,)
        else:  # "c-u-r-e-s" is one token
            words = WORD.findall(token if _SEPARATORS.isdisjoint(token) else join_split_letters(token))
        stems = frozenset(s for s in map(self.lookup, words) if s is not None) or _NOTHING
        starts, lengths = self._fragment_starts, self._fragment_lengths
        prefixes = {word[:n] for word in words if word[:2] in starts for n in lengths if len(word) >= n}
        return stems, frozenset(prefixes.intersection(self._fragments)) or _NOTHING

    # -- words ------------------------------------------------------------------------------

    def lookup(self, word: str) -> str | None:
        found = self.canonical.get(word, self)
        if found is self:
            found = self.canonical[word] = self._classify(word)
        return found  # type: ignore[return-value]

    def _classify(self, word: str) -> str | None:
        stemmed = stem(word)
        if stemmed in self.vocabulary:
            return stemmed
        if not word.isalpha() and not word.isdigit() and any(c.isalpha() for c in word):
            # Digits standing in for letters ("cur3s", "k3tamine"); "2r" or "covid19" stay unknown
            # unless the decoded word is a rulebook word.
            decoded = word.translate(_LEET)
            if decoded != word and decoded.isalpha():
                return self._classify(decoded)
        if len(word) < self._min_length or word in self._protected or not word.isalpha():
            return None
        # Imported here: a run whose words are all known never pays for loading rapidfuzz.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        max_distance = 1 if len(stemmed) < 10 else 2
        best: tuple[int, str] | None = None
        for length in range(len(stemmed) - max_distance, len(stemmed) + max_distance + 1):
            candidates = self._by_length.get(length)
            if not candidates:
                continue
            hit = process.extractOne(stemmed, candidates, scorer=OSA.distance, score_cutoff=max_distance)
            if hit is not None and (best is None or hit[1] < best[0]):
                best = (int(hit[1]), hit[0])
        if best is None or is_english_word(word):
            return None  # "caring" is a word, not a misspelt "curing"
        return best[1]
