"""Maps words to the rulebook's vocabulary: stemming, then a typo-tolerant look-up, cached per word.

Every distinct word is classified once per run (up to WORD_LIMIT words; past that the cache starts
afresh, so memory stays bounded), so the cost of fuzzy matching grows with the number of distinct
words, not with the size of the text or the number of rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import Any

import Stemmer

from factlint.matching.english import is_english_word
from factlint.rulebook.model import Matching

NEGATED_CONTRACTION = "n't"
NOT = "not"
# Contractions of "not" typed without the apostrophe (social posts, forums): "isnt", "doesnt". Not "cant" or
# "wont", which are words of their own.
_BARE_CONTRACTIONS = frozenset(("isnt", "arent", "wasnt", "werent", "doesnt", "dont", "didnt", "hasnt", "havent",
                                "hadnt", "wouldnt", "shouldnt", "couldnt", "aint", "cannot"))


def is_not(word: str) -> bool:
    """Whether a word says "not": "not" itself is not asked about; "isn't", "can't", "cannot", "isnt"."""
    return word.endswith(NEGATED_CONTRACTION) or word in _BARE_CONTRACTIONS


# No cache of PyStemmer's own: the lexicon remembers every word it classifies, and PyStemmer's
# cache makes a run of mostly new words (numbers, names, codes) three times slower.
_stemmer = Stemmer.Stemmer("english", 0)
WORD_LIMIT = 500_000  # distinct words remembered (~40 MB)
_LEET = str.maketrans("013457@$", "oieastas")
_MISSING = object()  # not in the cache yet
# What a number written in digits stands for in rulebook phrases ("# in #", "# out of #"), unless the
# number itself is a rulebook word ("aged 12").
NUMBER = "#"
# Words Snowball gives one stem that mean different things in claims: "effect" is a noun (a side effect,
# the drug's effect), "effective" a claim; a "prescriber" is a person, "prescribe" an offer.
_STEM_EXCEPTIONS = {"effective": "effective", "effectively": "effective", "effectiveness": "effective",
                    "ineffective": "ineffective", "ineffectiveness": "ineffective",
                    "prescriber": "prescriber", "prescribers": "prescriber"}


def stem(word: str) -> str:
    """The canonical form of a word: its Snowball stem ("cures", "cured", "curing" -> "cure")."""
    if is_not(word):
        return NOT
    if word.endswith("'s"):
        word = word[:-2]
    return _STEM_EXCEPTIONS.get(word) or _stemmer.stemWord(word)


class Lexicon:
    """The rulebook's vocabulary of stems, and a cache of what each word maps to."""

    def __init__(self, vocabulary: Iterable[str], matching: Matching) -> None:
        self.vocabulary = frozenset(vocabulary)
        self._min_length = matching.fuzzy_min_length
        self._protected = frozenset(matching.protected)
        # Fuzzy candidates bucketed by length: a word is compared only with stems of similar length.
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self.vocabulary):
            if len(word) >= self._min_length - 2 and word.isalpha():
                self._by_length.setdefault(len(word), []).append(word)
        self._cache: dict[str, str | None] = {}
        self._near: dict[tuple[int, int], list[str]] = {}
        self._extract_one: Any = None
        self._distance: Any = None

    def lookup(self, word: str) -> str | None:
        """The vocabulary stem `word` stands for (itself inflected, misspelt or in leetspeak), or None."""
        found = self._cache.get(word, _MISSING)
        if found is _MISSING:
            found = self._remember(word)
        return found  # type: ignore[return-value]

    def stems(self, words: list[str]) -> list[str | None]:
        """`lookup` of each word; the cache is asked at C level, and only new words are classified."""
        found: list[Any] = list(map(self._cache.get, words, repeat(_MISSING, len(words))))
        if _MISSING in found:
            found = [self._remember(w) if s is _MISSING else s for w, s in zip(words, found, strict=True)]
        return found

    def _remember(self, word: str) -> str | None:
        found = self._classify(word)
        if len(self._cache) >= WORD_LIMIT:
            self._cache.clear()
        self._cache[word] = found
        return found

    def _classify(self, word: str) -> str | None:
        stemmed = stem(word)
        if stemmed in self.vocabulary:
            return stemmed
        if word.isdigit():
            return NUMBER if NUMBER in self.vocabulary else None
        if not word.isalpha() and any(c.isalpha() for c in word):
            # Digits standing in for letters ("cur3s", "k3tamine"); "2r" or "covid19" stay unknown
            # unless the decoded word is a rulebook word.
            decoded = word.translate(_LEET)
            if decoded != word and decoded.isalpha():
                return self._classify(decoded)
        if len(word) < self._min_length or word in self._protected or not word.isalpha():
            return None
        best = self._nearest_exception(word) or self._nearest(stemmed, 1 if len(stemmed) < 10 else 2)
        # "caring" is a word, not a misspelt "curing": a real English word is never a typo.
        if best is None or is_english_word(word):
            return None
        return best

    def _load_rapidfuzz(self) -> None:
        # Imported here: a run whose words are all known never pays for loading rapidfuzz.
        if self._extract_one is None:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            self._extract_one, self._distance = process.extractOne, OSA.distance

    def _nearest_exception(self, word: str) -> str | None:
        """The stem of a stem exception `word` misspells ("efective" -> "effective", not "effect"): those are
        compared as whole words, since their Snowball stems are the very thing they differ from."""
        words = [w for w, s in _STEM_EXCEPTIONS.items() if s in self.vocabulary and abs(len(w) - len(word)) <= 1]
        if not words:
            return None
        self._load_rapidfuzz()
        hit = self._extract_one(word, words, scorer=self._distance, score_cutoff=1)
        return None if hit is None else _STEM_EXCEPTIONS[hit[0]]

    def _nearest(self, stemmed: str, max_distance: int) -> str | None:
        """The vocabulary stem within `max_distance` edits (OSA) of `stemmed`: the closest, then the
        shortest, then the first alphabetically. One C-level scan over the stems of a similar length."""
        self._load_rapidfuzz()
        key = (len(stemmed), max_distance)
        candidates = self._near.get(key)
        if candidates is None:
            low, high = key[0] - max_distance, key[0] + max_distance
            candidates = self._near[key] = [w for n in range(low, high + 1) for w in self._by_length.get(n, ())]
        hit = self._extract_one(stemmed, candidates, scorer=self._distance, score_cutoff=max_distance)
        return None if hit is None else hit[0]
