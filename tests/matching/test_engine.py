"""Engine mechanisms on a small purpose-built rulebook: topic, cues, clauses, patterns, document scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.documents.model import Document, Piece, Segment
from factlint.matching import Matcher
from factlint.rulebook import load_rulebook

RULEBOOK = """
categories:
  - {id: unsupported-claim, prefix: FL4, title: Unsupported}
  - {id: safety, prefix: FL5, title: Safety}
sources:
  - {file: 000_6cdc9522feb2f253.txt, title: Seed}
facts:
  - id: f
    statement: A fact.
    source: 000_6cdc9522feb2f253.txt
    quote: "banner image"
subjects:
  - {id: ketamine, aliases: [ketamine]}
  - {id: rr-hnk, aliases: [rr-hnk]}
cues:
  negation: [not, "no", "no evidence"]
  hedge: [may]
  clause-break: [but]
rules:
  - id: FL401
    name: cure-claim
    category: unsupported-claim
    severity: error
    summary: Cure
    subjects: [ketamine]
    phrases: [cure depression, cure]
    unless: [negation]
    exceptions: [some clinics claim]
    message: m
    suggestion: s
    fact: f
    examples: {flag: [Ketamine cures depression.], pass: [Ketamine is not a cure.]}
  - id: FL402
    name: percent-claim
    category: unsupported-claim
    severity: warning
    summary: Percent
    patterns: ['\\b(?:100|99) ?% (?:of )?patients\\b']
    unless: [hedge]
    message: m
    suggestion: s
    fact: f
    examples: {flag: [100% of patients.], pass: [Many patients.]}
  - id: FL501
    name: fair-balance
    category: safety
    severity: warning
    summary: Benefits without risks
    scope: document
    subjects: [ketamine]
    phrases: [relief]
    absent: [side effect, supervision]
    message: m
    suggestion: s
    fact: f
    examples: {flag: [Ketamine brings relief.], pass: [Ketamine brings relief; ask about side effects.]}
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path: Path = tmp_path_factory.mktemp("rules") / "rules.yaml"
    path.write_text(RULEBOOK, encoding="utf-8")
    return Matcher(load_rulebook([path], include_default=False))


def document(*blocks: tuple[str, str]) -> Document:
    """A document whose segments are (kind, text) blocks separated by blank lines."""
    text = ""
    segments = []
    for kind, block in blocks:
        start = len(text)
        segments.append(Segment(block, (Piece(0, start, len(block), len(block)),), kind))  # type: ignore[arg-type]
        text += block + "\n\n"
    return Document("d.md", text, "markdown", tuple(segments))


def rules_found(matcher: Matcher, *blocks: tuple[str, str]) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in matcher.check(document(*blocks))]


def test_subject_in_sentence(matcher: Matcher) -> None:
    assert rules_found(matcher, ("paragraph", "Ketamine cures depression.")) == [("FL401", "cures depression")]


def test_rule_with_subject_needs_its_topic(matcher: Matcher) -> None:
    assert rules_found(matcher, ("paragraph", "Yoga cures depression.")) == []


def test_topic_from_heading_and_from_paragraph(matcher: Matcher) -> None:
    assert rules_found(matcher, ("heading", "Ketamine therapy"), ("paragraph", "It cures depression.")) == [
        ("FL401", "cures depression")
    ]
    assert rules_found(matcher, ("paragraph", "We offer ketamine. It cures depression.")) == [
        ("FL401", "cures depression")
    ]


def test_list_items_inherit_the_topic_of_their_intro(matcher: Matcher) -> None:
    found = rules_found(matcher, ("paragraph", "Why ketamine?"), ("list_item", "It cures depression"))
    assert found == [("FL401", "cures depression")]
    assert rules_found(matcher, ("paragraph", "Why yoga?"), ("list_item", "It cures depression")) == []


def test_new_heading_changes_topic(matcher: Matcher) -> None:
    blocks = (("heading", "Ketamine"), ("heading", "Yoga"), ("paragraph", "It cures depression."))
    assert rules_found(matcher, *blocks) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Ketamine is not a cure for depression.",
        "There is no evidence that ketamine cures depression.",
        "Depression is not cured by ketamine.",
        "Some clinics claim ketamine cures depression.",
    ],
)
def test_negation_and_exceptions(matcher: Matcher, sentence: str) -> None:
    assert rules_found(matcher, ("paragraph", sentence)) == []


def test_negation_does_not_cross_a_clause_break(matcher: Matcher) -> None:
    found = rules_found(matcher, ("paragraph", "Ketamine is not cheap, but it cures depression."))
    assert found == [("FL401", "cures depression")]
    found = rules_found(matcher, ("paragraph", "Ketamine is not cheap but it cures depression."))
    assert found == [("FL401", "cures depression")]


def test_word_order_and_filler(matcher: Matcher) -> None:
    assert rules_found(matcher, ("paragraph", "Ketamine cures your depression.")) == [
        ("FL401", "cures your depression")
    ]
    assert rules_found(matcher, ("paragraph", "With ketamine, depression is cured.")) == [
        ("FL401", "depression is cured")
    ]


def test_pattern_rule_and_hedge(matcher: Matcher) -> None:
    assert rules_found(matcher, ("paragraph", "It works for 100 % of patients.")) == [("FL402", "100 % of patients")]
    assert rules_found(matcher, ("paragraph", "It may work for 99% of patients.")) == []


def test_document_rule_fires_once_at_first_claim_unless_risks_are_mentioned(matcher: Matcher) -> None:
    blocks = (("paragraph", "Ketamine brings relief."), ("paragraph", "More ketamine relief."))
    findings = matcher.check(document(*blocks))
    assert [(f.rule, f.line) for f in findings] == [("FL501", 1)]
    blocks_with_risk = blocks + (("paragraph", "Ask about side effects."),)
    assert matcher.check(document(*blocks_with_risk)) == []


def test_one_finding_per_rule_per_sentence(matcher: Matcher) -> None:
    found = rules_found(matcher, ("paragraph", "Ketamine cures depression and is a cure."))
    assert found == [("FL401", "cures depression")]


def test_sub_heading_keeps_the_topic_of_its_parent_heading(matcher: Matcher) -> None:
    from factlint.documents import parse_document

    draft = ("# Bright Path Ketamine Clinic\n\n## Depression ends here\n\nIt cures depression.\n\n"
             "# Yoga\n\nIt cures depression.\n")
    findings = matcher.check(parse_document(draft, "d.md", "markdown"))
    assert [(f.rule, f.line) for f in findings] == [("FL401", 5)]
    html = "<h1>Ketamine clinic</h1><h2>Results</h2><p>It cures depression.</p><h2>Yoga</h2><p>It heals.</p>"
    findings = matcher.check(parse_document(html, "d.html", "html"))
    assert [(f.rule, f.text) for f in findings] == [("FL401", "cures depression")]
    html = "<h2>Ketamine</h2><h1>Yoga</h1><p>It cures depression.</p>"
    assert matcher.check(parse_document(html, "d.html", "html")) == []


def matcher_with_pattern(tmp_path: Path, pattern: str) -> Matcher:
    """The test rulebook with FL402's regex replaced by `pattern`."""
    book = RULEBOOK.replace("patterns: ['\\b(?:100|99) ?% (?:of )?patients\\b']", f"patterns: ['{pattern}']")
    assert book != RULEBOOK
    path = tmp_path / "rules.yaml"
    path.write_text(book, encoding="utf-8")
    return Matcher(load_rulebook([path], include_default=False))


@pytest.mark.slow  # waits for the 1 s regex time limit twice; test_regex_budget.py uses a fake clock
def test_a_catastrophic_regex_fails_its_rule_not_the_run(tmp_path: Path) -> None:
    # No wall-clock assertion (tests must not depend on the machine's load): the failure says it timed out.
    matcher = matcher_with_pattern(tmp_path, "(a|a)+$")
    result = matcher.check_detailed(document(("paragraph", "a" * 40 + "! Ketamine cures depression.")))
    assert [f.rule for f in result.findings] == ["FL401"]
    assert [f.rule for f in result.failures] == ["FL402"]
    assert "took over" in result.failures[0].message


def test_a_regex_without_literal_words_runs_on_every_segment(tmp_path: Path) -> None:
    matcher = matcher_with_pattern(tmp_path, "\\d{3}-\\d{4}")
    findings = matcher.check(document(("paragraph", "Call 555-1234 today.")))
    assert [(f.rule, f.text) for f in findings] == [("FL402", "555-1234")]
