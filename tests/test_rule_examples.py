"""Every rule's own examples, run through the real matcher.

Each flag example must yield a finding of THAT rule; each pass example must yield no finding of that
rule (other rules may still speak). Also checks the rulebook's shape promised by issue 3: at least
three examples of each kind, ids by category prefix, and provenance for every reference-sheet fact.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from project import SHARED, needs_shared

from factlint.documents import parse_document
from factlint.matching import Matcher
from factlint.rulebook import iter_rule_examples, load_rulebook

RULEBOOK = load_rulebook()
MATCHER = Matcher(RULEBOOK)
REFERENCE = (SHARED or Path("/nonexistent")) / "reference" / "domain-facts.md"
CASES = [
    pytest.param(rule.id, sentence, flag, id=f"{rule.id}-{'flag' if flag else 'pass'}-{sentence[:40]}")
    for rule, sentence, flag in iter_rule_examples(RULEBOOK)
]


def lint(text: str) -> list[str]:
    """Every rule that reports something in `text`, merged findings' other rules included."""
    return [rule for f in MATCHER.check(parse_document(text, "example.txt", "text")) for rule in (f.rule, *f.merged)]


@pytest.mark.parametrize("rule_id, sentence, flag", CASES)
def test_rule_example(rule_id: str, sentence: str, flag: bool) -> None:
    found = lint(sentence)
    if flag:
        assert rule_id in found, f"{rule_id} should flag {sentence!r}; found {found}"
    else:
        assert rule_id not in found, f"{rule_id} should pass {sentence!r}; found {found}"


@pytest.mark.parametrize("rule", RULEBOOK.rules, ids=lambda r: r.id)
def test_rule_has_three_examples_of_each_kind(rule) -> None:
    assert len(rule.flag_examples) >= 3, rule.id
    assert len(rule.pass_examples) >= 3, rule.id


@pytest.mark.parametrize("rule", RULEBOOK.rules, ids=lambda r: r.id)
def test_rule_id_matches_its_category_prefix(rule) -> None:
    assert rule.id.startswith(RULEBOOK.categories[rule.category].prefix)


def test_every_category_has_rules_and_fair_balance_is_document_scoped() -> None:
    used = {rule.category for rule in RULEBOOK.rules}
    assert used == set(RULEBOOK.categories)
    assert any(rule.scope == "document" and rule.absent for rule in RULEBOOK.rules)


def test_reference_sheet_facts_cite_number_and_address() -> None:
    for fact in RULEBOOK.facts.values():
        if RULEBOOK.sources[fact.source].file == "domain-facts.md":
            assert fact.ref and re.fullmatch(r"F\d+", fact.ref), fact.id
            address = fact.as_ref().address
            assert address and address.startswith("http"), fact.id
        else:
            assert fact.ref is None, f"{fact.id}: seed facts cite the seed, not the sheet"


@needs_shared
def test_no_fact_rests_on_an_item_the_sheet_marks_not_found() -> None:
    sheet = REFERENCE.read_text(encoding="utf-8")
    items = dict(re.findall(r"^- (F\d+)\. (.*?)(?=^- F\d+\.|^## |\Z)", sheet, flags=re.M | re.S))
    for fact in RULEBOOK.facts.values():
        if fact.ref:
            text = items[fact.ref]
            assert not text.startswith("NOT FOUND"), f"{fact.id} cites {fact.ref}, marked NOT FOUND"
            assert "NOT FOUND" not in " ".join(fact.quote.split()), fact.id
