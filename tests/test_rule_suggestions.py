"""A suggestion is copy-ready text: pasting it must not create a new finding (issue 12, item 1).

Two checks with the real matcher and the shipped rulebook:

* every finding on every rule's own flag examples offers a suggestion that factlint finds nothing in;
* every rule's suggestion, filled in for every drug the rule can apply to (its subjects and every narrower
  product, or every drug and "this treatment" for a rule without subjects) and for the conditions and
  populations it can name, is clean too, and names no other compound than the one it was filled with.
"""

from __future__ import annotations

import pytest

from factlint.documents import parse_document
from factlint.matching import Matcher
from factlint.matching.engine import GENERIC_DRUG, render
from factlint.rulebook import iter_rule_examples, load_rulebook

RULEBOOK = load_rulebook()
MATCHER = Matcher(RULEBOOK)
FACTS = MATCHER.facts
DRUGS = [e for e in RULEBOOK.entities.values() if e.kind == "drug"]
CONDITIONS = ["anxiety", "ptsd", "pain", "depression"]
# verdicts the fact base gives only about a drug with an approval (verdict.py): a misdated, misattributed,
# broadened or denied approval
_REROUTED = {"treats", "efficacy", "safety", "neuro"}  # frames.py: judged as "experimental" for such a compound
_NEED_AN_APPROVAL = {"wrong-agency", "wrong-date", "broadened", "denied"}


def findings(text: str) -> list[str]:
    return [f"{f.rule}: {f.text!r}" for f in MATCHER.check(parse_document(text, "suggestion.txt", "text"))]


@pytest.mark.parametrize("rule_id, sentence", [
    pytest.param(rule.id, sentence, id=f"{rule.id}-{sentence[:40]}")
    for rule, sentence, flag in iter_rule_examples(RULEBOOK) if flag
])
def test_the_suggestion_given_in_context_is_clean(rule_id: str, sentence: str) -> None:
    for finding in MATCHER.check(parse_document(sentence, "example.txt", "text")):
        assert not findings(finding.suggestion), (finding.rule, finding.suggestion, findings(finding.suggestion))


def _cases():
    for rule in RULEBOOK.rules:
        drugs = [d for d in DRUGS if not rule.subjects or any(FACTS.is_a(d.id, s) for s in rule.subjects)]
        if rule.frame in _REROUTED:  # such claims about an investigational compound are experimental claims
            drugs = [d for d in drugs if d.stage != "investigational"]
        if rule.verdicts and set(rule.verdicts) <= _NEED_AN_APPROVAL:  # judged only about an approved drug
            drugs = [d for d in drugs if any(a.drug == d.id for a in RULEBOOK.approvals)]
        labels = [d.label for d in drugs] + ([] if rule.subjects else [GENERIC_DRUG])
        conditions = [FACTS.entity(c).label for c in (rule.conditions or CONDITIONS)]  # type: ignore[union-attr]
        for label in labels:
            yield pytest.param(rule.id, label, conditions, id=f"{rule.id}-{label}")


@pytest.mark.parametrize("rule_id, drug, conditions", list(_cases()))
def test_the_suggestion_is_clean_for_every_drug_it_applies_to(rule_id: str, drug: str, conditions: list[str]) -> None:
    rule = RULEBOOK.rule(rule_id)
    assert rule is not None
    by_label = {d.label: d for d in DRUGS}
    entity = by_label.get(drug)
    approved = sorted({FACTS.entity(u).label for a in RULEBOOK.approvals  # type: ignore[union-attr]
                       if entity is not None and a.drug == entity.id for u in a.uses}) or ["no use"]
    for claimed in conditions:
        values = {"drug": drug, "Drug": drug[:1].upper() + drug[1:], "claimed": claimed, "conditions": claimed,
                  "condition": claimed, "populations": "adolescents", "agency": "the CDC",
                  "approved": " and ".join(approved), "year": "2015", "since": "2019"}
        text = render(rule.suggestion, values)
        assert "{" not in text, f"unfilled placeholder in {rule_id}'s suggestion: {text!r}"
        assert not findings(text), (text, findings(text))
        others = [d.label for d in DRUGS if d.label != drug and d.stage == "investigational"]
        assert not any(other.lower() in text.lower() for other in others), f"{rule_id} names another compound: {text}"
