"""Phrase rules: a house's ban on literal wording ("same-day relief"), as Vale's `existence` rules and
textlint-prh's dictionary work.

A phrase matches its words in its own order, one right after the other, with nothing but spaces or hyphens
between them: never across a comma, a dash, a colon or a sentence end, so "same-day appointments, and relief
may take days" is not "same-day relief". Each word is read as the engine reads every word (lexicon.py): case
folded, inflected ("reliefs"), misspelt in a long word ("releif"). Words the phrase writes apart may be written
together in the draft ("Sameday relief", "same day relief" and "same-day relief" are one phrase).

A hit is excused when a cue list the rule names in `unless` reaches it (assertion.py; by default `negation`, so
"we never promise same-day relief" passes), or when one of its `exceptions` phrases occurs in the sentence, in
its word order. A rule with `subjects` applies where its drug is named, as a match rule does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product

import regex

from factlint.matching.assertion import NEGATED, Assertion, status_of_list
from factlint.matching.kinds.match import MatchHit, find_window
from factlint.matching.lexicon import stem
from factlint.matching.normalize import normalize
from factlint.matching.sentence import Sentence
from factlint.matching.tokens import WORD
from factlint.matching.vocabulary import phrase_stems
from factlint.rulebook.model import Rule, Rulebook

JOIN_LIMIT = 5  # a phrase of up to this many words also matches with its words written together
_BETWEEN = regex.compile(r"[\s\-]*")  # what may stand between two words of a phrase
DEFAULT_EXCUSES = frozenset((NEGATED,))  # statuses that excuse a hit when the rule names no `unless`


@dataclass(frozen=True, slots=True)
class CompiledPhrase:
    rule: Rule
    excused_by: frozenset[str]
    exceptions: tuple[tuple[str, ...], ...]


def spellings(phrase: str) -> set[tuple[str, ...]]:
    """The phrase's stems, and those of each way of writing neighbouring words together ("same day relief":
    also "sameday relief", "same dayrelief", "samedayrelief")."""
    words = WORD.findall(normalize(phrase))
    if not words:
        return set()
    if len(words) > JOIN_LIMIT:
        return {tuple(stem(w) for w in words)}
    found = set()
    for joins in product((False, True), repeat=len(words) - 1):
        parts = [words[0]]
        for word, joined in zip(words[1:], joins, strict=True):
            if joined:
                parts[-1] += word
            else:
                parts.append(word)
        found.add(tuple(stem(p) for p in parts))
    return found


class PhraseRules:
    """The phrase rules of a rulebook, compiled once: every spelling of every phrase, by its first stem."""

    def __init__(self, rulebook: Rulebook) -> None:
        compiled = []
        by_first: dict[str, list[tuple[CompiledPhrase, tuple[str, ...]]]] = {}
        for rule in rulebook.rules:
            if rule.kind != "phrase":
                continue
            excused_by = frozenset(status_of_list(name) for name in rule.unless) if rule.unless else DEFAULT_EXCUSES
            phrase = CompiledPhrase(rule, excused_by, tuple(p for p in map(phrase_stems, rule.exceptions) if p))
            compiled.append(phrase)
            for spelling in sorted(set().union(*map(spellings, rule.phrases)), key=lambda s: (-len(s), s)):
                by_first.setdefault(spelling[0], []).append((phrase, spelling))
        self.rules = tuple(compiled)
        self.by_first = by_first
        self.first_stems = frozenset(by_first)
        self.stems = frozenset(s for group in by_first.values() for _, spelling in group for s in spelling) | {
            s for p in compiled for e in p.exceptions for s in e}

    def check(self, sentence: Sentence, assertion: Assertion, applies: Callable[[Rule], bool]) -> list[MatchHit]:
        """Each rule's first hit in `sentence` that no cue or exception excuses."""
        hits: list[MatchHit] = []
        stems = sentence.stems
        if self.first_stems.isdisjoint(stems):
            return hits
        done: set[str] = set()
        positions: dict[str, list[int]] | None = None
        for i, first in enumerate(stems):
            for compiled, spelling in self.by_first.get(first, ()) if first is not None else ():
                rule = compiled.rule
                last = i + len(spelling) - 1
                if rule.id in done or tuple(stems[i:last + 1]) != spelling or not _adjacent(sentence, i, last):
                    continue
                if not applies(rule):
                    continue
                if compiled.exceptions:
                    if positions is None:
                        positions = _positions(stems)
                    if any(e[0] in positions and find_window(positions, e, 0, ordered=True)
                           for e in compiled.exceptions):
                        continue
                own = set(range(i, last + 1))  # "no waiting" as a banned phrase is not excused by its own "no"
                if any(assertion.status(k, own) & compiled.excused_by for k in own):
                    continue
                done.add(rule.id)
                hits.append(MatchHit(rule, i, last, sentence.starts[i], sentence.ends[last]))
        return hits


def _adjacent(sentence: Sentence, first: int, last: int) -> bool:
    """Tokens first..last follow each other with only spaces or hyphens between them."""
    text, starts, ends = sentence.text, sentence.starts, sentence.ends
    return all(_BETWEEN.fullmatch(text, ends[k], starts[k + 1]) for k in range(first, last))


def _positions(stems: Sequence[str | None]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for i, s in enumerate(stems):
        if s is not None:
            positions.setdefault(s, []).append(i)
    return positions
