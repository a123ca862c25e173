"""Document rules: a benefit claim in a draft that never states its risks (fair balance, 21 CFR 202.1(e)(5)).

The rule's phrases and patterns find benefit claims as a match rule does; its `absent` phrases are risk
statements ("side effects include", "supervision"). The rule reports the first benefit claim of a draft in
which no absent phrase occurs without a negation ("zero side effects" states no risk).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factlint.matching.assertion import NEGATED, Assertion
from factlint.matching.kinds.match import MatchHit, MatchRules, find_window
from factlint.matching.sentence import Sentence
from factlint.matching.vocabulary import phrase_stems
from factlint.rulebook.model import Rule, Rulebook


@dataclass(frozen=True, slots=True)
class _Absent:
    rule: Rule
    phrases: tuple[tuple[str, ...], ...]


class DocumentRules:
    def __init__(self, rulebook: Rulebook) -> None:
        self.claims = MatchRules(rulebook, kind="document")
        self.absent = tuple(_Absent(c.rule, tuple(p for p in map(phrase_stems, c.rule.absent) if p))
                            for c in self.claims.rules)
        self.stems = self.claims.stems | {s for a in self.absent for p in a.phrases for s in p}
        self.absent_first = frozenset(p[0] for a in self.absent for p in a.phrases)

    def risks_stated(self, sentence: Sentence, assertion: Assertion) -> set[str]:
        """Ids of the document rules whose risk statements this sentence makes."""
        stated: set[str] = set()
        if self.absent_first.isdisjoint(sentence.stems):
            return stated
        positions: dict[str, list[int]] = {}
        for i, stem in enumerate(sentence.stems):
            if stem is not None:
                positions.setdefault(stem, []).append(i)
        for absent in self.absent:
            for phrase in absent.phrases:
                if phrase[0] not in positions:
                    continue
                window = find_window(positions, phrase, 0, ordered=True)
                if window is not None and NEGATED not in assertion.status(window[0], set(window)):
                    stated.add(absent.rule.id)
                    break
        return stated

    def benefit_claims(self, sentence: Sentence, assertion: Assertion, failed: dict[str, str],
                       applies: Callable[[Rule], bool], patterns: frozenset[str]) -> list[MatchHit]:
        return self.claims.check(sentence, assertion, failed, applies, patterns)
