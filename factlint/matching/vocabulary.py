"""The rulebook's words compiled once into one index: every entity name, vocabulary term and cue as stems.

A term is a tuple of stems with what it means: a class ("drug", "condition", "approval", "cue:negation")
and, for entity names, the entity it names. Terms are found in a sentence's stems by their first stem
(`Vocabulary.mentions`); the longest term wins where terms of one class overlap. Cues (assertion status) are
matched on the words as written, not on stems: "notes" is not "noted", "studies" is not "studied".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from factlint.matching.lexicon import Lexicon, is_not, stem
from factlint.matching.normalize import normalize
from factlint.matching.tokens import WORD
from factlint.rulebook.model import Rulebook

CUE = "cue:"  # class prefix of assertion cues ("cue:negation")
ENTITY_CLASSES = frozenset(("drug", "condition", "population", "setting", "agency"))


# A rulebook names a few thousand phrases; every Matcher built in one process (house rules beside the default
# book, an editor integration, the test suite) stems the same ones again.
@lru_cache(maxsize=16384)
def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(token) for token in WORD.findall(normalize(phrase)))


def cue_word(word: str) -> str:
    """A word as cues see it: contractions of "not" are "not" ("isn't", "can't", "cannot")."""
    return "not" if is_not(word) else word


@lru_cache(maxsize=4096)
def phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(cue_word(token) for token in WORD.findall(normalize(phrase)))


class Term(NamedTuple):
    """A rulebook phrase as stems (or, for a cue, as words) and what it means. A tuple: a rulebook has
    thousands, hashed as they are indexed."""

    stems: tuple[str, ...]
    cls: str
    entity: str | None = None


class Mention(NamedTuple):
    """A term found in a sentence: tokens first..last (inclusive). A tuple: sentences make many."""

    cls: str
    entity: str | None
    first: int
    last: int


_FIRST = itemgetter(2)  # Mention.first, read at C level by the sort
# A Mention made at C level: the named tuple's own __new__ is a Python function, called for every term found
_new_tuple = tuple.__new__


class Vocabulary:
    """Every term of the rulebook, indexed by first stem, and the lexicon that maps words to stems."""

    def __init__(self, rulebook: Rulebook, extra_stems: frozenset[str] = frozenset()) -> None:
        terms: list[Term] = []
        for entity in rulebook.entities.values():
            terms.extend(Term(s, entity.kind, entity.id) for s in map(phrase_stems, entity.names) if s)
        for cls, phrases in rulebook.vocabulary.items():
            terms.extend(Term(s, cls) for s in map(phrase_stems, phrases) if s)
        cues = [Term(w, CUE + name) for name, phrases in rulebook.cues.items() for w in map(phrase_words, phrases) if w]
        self.terms = tuple(dict.fromkeys(terms))  # claim terms and entity names (not cues)
        self.by_first = _Index(terms)
        self.cues_by_first = _Index(cues)
        self.classes = frozenset(t.cls for t in terms + cues)
        # `extra_stems`: words that rules match outside the vocabulary (match rules' phrases)
        self.lexicon = Lexicon({s for t in terms for s in t.stems} | extra_stems, rulebook.matching)

    def mentions(self, stems: Sequence[str | None], words: Sequence[str]) -> list[Mention]:
        """Every term in the sentence (claim terms by `stems`, cues by `words`), in order of first token;
        of overlapping terms of one class the longest."""
        found = _find(self.by_first, stems)
        cue_keys = list(map(_CUE_WORDS.__getitem__, words))
        found.extend(_find(self.cues_by_first, cue_keys))
        if not found:
            return found
        found.sort(key=_FIRST)
        return _drop_nested(found)


class _Index:
    """Terms by first stem: one-word terms by that stem, longer terms by their first two stems (so a common
    first word such as "no" or "not" leads straight to the few terms that go on with the next word)."""

    def __init__(self, terms: list[Term]) -> None:
        single: dict[str, list[Term]] = defaultdict(list)
        double: dict[tuple[str, str], list[Term]] = defaultdict(list)
        for term in dict.fromkeys(terms):  # duplicates (one phrase listed twice) once
            if len(term.stems) == 1:
                single[term.stems[0]].append(term)
            else:
                double[term.stems[:2]].append(term)  # type: ignore[index]
        self.single = {first: tuple(group) for first, group in single.items()}
        self.double = {pair: tuple(sorted(group, key=lambda t: -len(t.stems))) for pair, group in double.items()}
        self.firsts = frozenset(self.single) | frozenset(pair[0] for pair in self.double)


class _CueWords(dict[str, str]):
    """word -> the word as cues see it ("isn't" -> "not"), computed once per word."""

    def __missing__(self, word: str) -> str:
        self[word] = found = cue_word(word)
        return found


_CUE_WORDS = _CueWords()


def _find(index: _Index, keys: Sequence[str | None]) -> list[Mention]:
    found: list[Mention] = []
    add = found.append
    count = len(keys)
    single, double = index.single, index.double
    # positions whose key starts some term, found at C level: most words start none
    for i in compress(range(count), map(index.firsts.__contains__, keys)):
        key = keys[i]
        for term in single.get(key, ()):  # type: ignore[arg-type]
            add(_new_tuple(Mention, (term.cls, term.entity, i, i)))
        if i + 1 < count:
            for term in double.get((key, keys[i + 1]), ()):  # type: ignore[arg-type]
                length = len(term.stems)
                if length == 2 or (i + length <= count and tuple(keys[i:i + length]) == term.stems):
                    add(_new_tuple(Mention, (term.cls, term.entity, i, i + length - 1)))
    return found


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Drop a mention inside a longer one of the same class ("ketamine" in "ketamine nasal spray"), and an
    entity name inside a longer name of another entity of the same kind."""
    if len(mentions) < 2:
        return mentions
    # only a mention of two or more words can hold another: compared with those alone (few or none)
    longer = [m for m in mentions if m.last > m.first]
    if not longer:
        return mentions
    return [m for m in mentions if not any(
        o.cls == m.cls and o.first <= m.first and m.last <= o.last and o.last - o.first > m.last - m.first
        for o in longer)]
