"""Maps text to the rulebook's vocabulary: stemming, then typo-tolerant look-up, all cached.

`canonical` caches word -> vocabulary stem (or None): every distinct word is classified once, so
the cost of fuzzy matching grows with the number of distinct words, not with corpus size or
rules (up to WORD_LIMIT words; past that the cache starts afresh, so memory stays bounded).
Whitespace tokens ("fda-aproved,") are classified into stems and regex fragments (triggers.py) for
the pre-filter, which keeps one bit mask per token (prefilter.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import Stemmer

from factlint.matching.english import is_english_word
from factlint.matching.normalize import join_split_letters
from factlint.matching.tokens import WORD
from factlint.rulebook.model import Matching

NEGATED_CONTRACTION = "n't"
NOT = "not"
_NOTHING: frozenset[str] = frozenset()

# No cache of PyStemmer's own: the lexicon remembers every word it classifies, and PyStemmer's
# cache makes a run of mostly new words (numbers, names, codes) three times slower.
_stemmer = Stemmer.Stemmer("english", 0)
WORD_LIMIT = 500_000  # distinct words remembered (~40 MB)
_DICTIONARY_FIRST_AFTER = 500  # fuzzy look-ups; then the English word list is consulted first
_LEET = str.maketrans("013457@$", "oieastas")
_SEPARATORS = frozenset("-._*\u00b7")  # what may split a word into letters ("c-u-r-e-s")
# Around a single word these change nothing WORD would find ("(word", "word,", "*word*").
_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'`*_"


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
        self._fragment_starts = frozenset(f[:2] for f in self._fragments)  # cheap test first
        by_initial: dict[str, list[str]] = {}
        for fragment in sorted(self._fragments):
            by_initial.setdefault(fragment[0], []).append(fragment)
        self._fragments_by_initial = {initial: tuple(group) for initial, group in by_initial.items()}
        self._min_length = matching.fuzzy_min_length
        self._protected = frozenset(matching.protected)
        # Fuzzy candidates bucketed by length: a word is compared only with stems of similar length.
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self.vocabulary):
            if len(word) >= self._min_length - 2 and word.isalpha():
                self._by_length.setdefault(len(word), []).append(word)
        self.canonical: dict[str, str | None] = {}
        # Stems of lengths near n (within the edit distance allowed), for fuzzy look-ups.
        self._near: dict[tuple[int, int], list[str]] = {}
        self._extract_one: Any = None
        self._fuzzy_lookups = 0
        self._distance: Any = None

    # -- whitespace tokens (the pre-filter) ------------------------------------------------

    def classify_token(self, token: str) -> tuple[frozenset[str], frozenset[str]]:
        """The stems in a whitespace-delimited token (punctuation attached, as `str.split`
        gives it) and the pattern fragments that start one of its words. Not cached here: the
        pre-filter keeps one bit mask per token (prefilter.py)."""
        words: Sequence[str]
        if token.isalpha():  # most tokens: one plain word
            words = (token,)
        else:  # a word with punctuation around it ("(word", "word,"), or several ("c-u-r-e-s")
            core = token.strip(_EDGE_PUNCTUATION)
            words = (core,) if core.isalpha() else self.words_of_token(token)
        if len(words) == 1:
            found = self.lookup(words[0])
            stems = _NOTHING if found is None else frozenset((found,))
        else:
            stems = frozenset(s for s in map(self.lookup, words) if s is not None) or _NOTHING
        starts = self._fragment_starts
        if not any(word[:2] in starts for word in words):
            return stems, _NOTHING
        by_initial = self._fragments_by_initial
        prefixes = frozenset(
            fragment
            for word in words if word[:2] in starts
            for fragment in by_initial[word[0]] if word.startswith(fragment)
        )
        return stems, prefixes or _NOTHING

    @staticmethod
    def words_of_token(token: str) -> Sequence[str]:
        """The words in a whitespace token: "fda-aproved," -> fda, aproved; "c-u-r-e-s" -> cures."""
        return WORD.findall(token if _SEPARATORS.isdisjoint(token) else join_split_letters(token))

    # -- words ------------------------------------------------------------------------------

    def lookup(self, word: str) -> str | None:
        found = self.canonical.get(word, self)
        if found is self:
            found = self._classify(word)
            if len(self.canonical) >= WORD_LIMIT:
                self.canonical.clear()
            self.canonical[word] = found
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
        # "caring" is a word, not a misspelt "curing". Which test runs first does not change the
        # answer, only the cost: the word list takes ~70 ms to load, which a pre-commit run on one
        # draft should not pay unless a fuzzy match needs confirming; a large run checks it first.
        self._fuzzy_lookups += 1
        dictionary_first = self._fuzzy_lookups > _DICTIONARY_FIRST_AFTER
        if dictionary_first and is_english_word(word):
            return None
        best = self._nearest(stemmed, 1 if len(stemmed) < 10 else 2)
        if best is None or (not dictionary_first and is_english_word(word)):
            return None
        return best

    def _nearest(self, stemmed: str, max_distance: int) -> str | None:
        """The vocabulary stem within `max_distance` edits (OSA) of `stemmed`: the closest, then
        the shortest, then the first alphabetically. One C-level scan over the stems of a
        similar length."""
        # Imported here: a run whose words are all known never pays for loading rapidfuzz.
        if self._extract_one is None:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            self._extract_one, self._distance = process.extractOne, OSA.distance
        key = (len(stemmed), max_distance)
        candidates = self._near.get(key)
        if candidates is None:
            low, high = key[0] - max_distance, key[0] + max_distance
            candidates = self._near[key] = [w for n in range(low, high + 1) for w in self._by_length.get(n, ())]
        hit = self._extract_one(stemmed, candidates, scorer=self._distance, score_cutoff=max_distance)
        return None if hit is None else hit[0]
