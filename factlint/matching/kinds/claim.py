"""Claim rules: which rule reports a frame with a given verdict.

A rule applies to a frame when its `frame` is the frame's kind and each filter it sets matches: `claims`
(the trigger's vocabulary class), `verdicts`, `subjects` (the drug, or a narrower one), `conditions`,
`populations`, `settings`. Of the rules that apply, a rule about the claimed condition or population comes
first (a claim of a broad range of conditions, of suicide prevention), then one about the claim's wording
(`claims`), then the one whose subject is closest to the claim's drug
(a rule about compounded ketamine before one about ketamine), then the one with most filters.
"""

from __future__ import annotations

from dataclasses import dataclass

from factlint.matching.frames import Frame
from factlint.matching.verdict import FactBase, Verdict
from factlint.rulebook.model import Rule, Rulebook


@dataclass(frozen=True, slots=True)
class _ClaimRule:
    rule: Rule
    order: int
    specificity: int


class ClaimRules:
    def __init__(self, rulebook: Rulebook, facts: FactBase) -> None:
        self.facts = facts
        by_frame: dict[str, list[_ClaimRule]] = {}
        for order, rule in enumerate(rulebook.rules):
            if rule.kind != "claim" or rule.frame is None:
                continue
            filters = (rule.claims, rule.verdicts, rule.subjects, rule.conditions, rule.populations, rule.settings)
            by_frame.setdefault(rule.frame, []).append(_ClaimRule(rule, order, sum(1 for f in filters if f)))
        self.by_frame = {frame: sorted(rules, key=lambda r: (-r.specificity, r.order))
                         for frame, rules in by_frame.items()}

    def triggers(self) -> dict[str, frozenset[str]]:
        """Vocabulary classes named in `claims:`, per frame (house classes become triggers this way)."""
        found: dict[str, set[str]] = {}
        for frame, rules in self.by_frame.items():
            for compiled in rules:
                found.setdefault(frame, set()).update(compiled.rule.claims)
        return {frame: frozenset(classes) for frame, classes in found.items()}

    def pick(self, frame: Frame, verdict: Verdict) -> Rule | None:
        best: tuple[int, int, int, int, int] | None = None
        chosen = None
        for compiled in self.by_frame.get(frame.kind, ()):
            rule = compiled.rule
            if not self._applies(rule, frame, verdict):
                continue
            key = (0 if rule.conditions or rule.populations else 1, 0 if rule.claims else 1,
                   self._distance(rule, frame), -compiled.specificity, compiled.order)
            if best is None or key < best:
                best, chosen = key, rule
        return chosen

    def _distance(self, rule: Rule, frame: Frame) -> int:
        """How many steps up from the claim's drug the rule's subject is (99: the rule names no subject)."""
        if not rule.subjects or frame.drug is None:
            return 99
        chain = self.facts.ancestors(frame.drug)
        return min(chain.index(s) for s in rule.subjects if s in chain)

    def _applies(self, rule: Rule, frame: Frame, verdict: Verdict) -> bool:
        facts = self.facts
        if rule.claims and frame.claim not in rule.claims:
            return False
        if rule.verdicts and verdict.name not in rule.verdicts:
            return False
        if rule.subjects and (frame.drug is None or not any(facts.is_a(frame.drug, s) for s in rule.subjects)):
            return False
        if rule.conditions:
            claimed = verdict.claimed or tuple(frame.conditions)
            if not any(facts.is_a(c, rc) for c in claimed for rc in rule.conditions):
                return False
        if rule.populations and not any(p in rule.populations for p in frame.populations):
            return False
        return not (rule.settings and not any(s in rule.settings for s in frame.settings))
