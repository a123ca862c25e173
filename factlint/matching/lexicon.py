"""Maps surface tokens to the rulebook's vocabulary: stemming, then typo-tolerant look-up.

Every distinct surface token is classified once and cached, so the cost of fuzzy matching grows
with the number of distinct words in the corpus, not with its size or with the number of rules.
"""

from __future__ import annotations

from collections.abc import Iterable

import Stemmer

from factlint.rulebook.model import Matching

NEGATED_CONTRACTION = "n't"
NOT = "not"

_stemmer = Stemmer.Stemmer("english")
_LEET = str.maketrans("013457@$", "oieastas")


def stem(word: str) -> str:
    """The canonical form of a word: its Snowball stem ("cures", "cured", "curing" -> "cure")."""
    if word.endswith(NEGATED_CONTRACTION):
        return NOT
    if word.endswith("'s"):
        word = word[:-2]
    return _stemmer.stemWord(word)


class Lexicon:
    """The rulebook's vocabulary of stems, and a cache of what each surface token maps to."""

    def __init__(self, vocabulary: Iterable[str], matching: Matching) -> None:
        self.vocabulary = frozenset(vocabulary)
        self._min_length = matching.fuzzy_min_length
        self._protected = frozenset(matching.protected)
        # Fuzzy candidates bucketed by length: a token is compared only with stems of similar length.
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self.vocabulary):
            if len(word) >= self._min_length - 2 and word.isalpha():
                self._by_length.setdefault(len(word), []).append(word)
        self.canonical: dict[str, str | None] = {}
        self.relevant: set[str] = set()  # surface tokens that map to a vocabulary stem

    def learn(self, tokens: Iterable[str]) -> None:
        """Classify tokens not seen before."""
        canonical = self.canonical
        for token in tokens:
            if token in canonical:
                continue
            found = self._classify(token)
            canonical[token] = found
            if found is not None:
                self.relevant.add(token)

    def lookup(self, token: str) -> str | None:
        if token not in self.canonical:
            self.learn((token,))
        return self.canonical[token]

    def _classify(self, token: str) -> str | None:
        stemmed = stem(token)
        if stemmed in self.vocabulary:
            return stemmed
        if not token.isalpha() and not token.isdigit() and any(c.isalpha() for c in token):
            # Digits standing in for letters ("cur3s", "k3tamine"); "2r" or "covid19" stay unknown
            # unless the decoded word is a rulebook word.
            decoded = token.translate(_LEET)
            if decoded != token and decoded.isalpha():
                return self._classify(decoded)
        if len(token) < self._min_length or token in self._protected or not token.isalpha():
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
        return best[1] if best else None
