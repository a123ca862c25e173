"""The `phrase` rule kind: a house's literal phrase ban, word order kept, with case, hyphen, space and typo
tolerance, never across a comma or a clause, excused by negation (kinds/phrase.py)."""

from __future__ import annotations

import pytest

from factlint.documents import parse_document
from factlint.findings import Finding
from factlint.matching import Matcher
from factlint.matching.kinds.phrase import spellings
from factlint.rulebook import load_rulebook

HOUSE = """\
categories:
  - {id: house-style, prefix: ACME, title: ACME house style}
rules:
  - id: ACME001
    kind: phrase
    phrases: [same-day relief]
    policy: {document: ACME Claims Policy, section: "4.2", address: "https://intranet.example/claims#4.2"}
  - id: ACME002
    kind: phrase
    phrases: [no waiting list, miracle molecule]
    unless: [negation, hedge]
    exceptions: [miracle molecule podcast]
    policy: {document: ACME Claims Policy}
"""


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path = tmp_path_factory.mktemp("house") / "house.yaml"
    path.write_text(HOUSE, encoding="utf-8")
    return Matcher(load_rulebook([path]))  # with the shipped rulebook, as a house uses it


def house_findings(matcher: Matcher, text: str) -> list[Finding]:
    found = matcher.check(parse_document(text, "draft.md", "markdown"))
    return [f for f in found if f.rule.startswith("ACME") or any(r.startswith("ACME") for r in f.merged)]


@pytest.mark.parametrize("text, wording", [
    ("We offer same-day relief.", "same-day relief"),
    ("We offer same day relief.", "same day relief"),
    ("Sameday relief!", "Sameday relief"),
    ("SAME-DAY RELIEF for everyone.", "SAME-DAY RELIEF"),
    ("Same-Day Reliefs are here.", "Same-Day Reliefs"),  # inflected
    ("We offer same-day releif.", "same-day releif"),  # a typo in a long word
    ("Book now for same -day relief.", "same -day relief"),
    ("Our clinic: no waiting list.", "no waiting list"),  # its own "no" is not a negation of it
])
def test_the_phrase_is_found_however_it_is_written(matcher: Matcher, text: str, wording: str) -> None:
    found = house_findings(matcher, text)
    assert [f.text for f in found] == [wording], found


@pytest.mark.parametrize("text", [
    "Same-day appointments, and relief may take days.",  # across a comma, other words between
    "Same-day appointment. Relief takes time.",  # across a sentence end
    "Same day: relief comes later.",  # across a colon
    "Relief on the same day is rare.",  # word order kept
])
def test_the_words_apart_or_in_another_order_are_not_the_phrase(matcher: Matcher, text: str) -> None:
    assert house_findings(matcher, text) == []


@pytest.mark.parametrize("text", [
    "We never promise same-day relief.",
    "We do not offer same-day relief.",
    "There is no same-day relief.",
])
def test_a_negated_phrase_is_excused(matcher: Matcher, text: str) -> None:
    assert house_findings(matcher, text) == []


def test_unless_and_exceptions_replace_the_defaults(matcher: Matcher) -> None:
    assert house_findings(matcher, "It may be a miracle molecule.") == []  # unless: hedge
    assert house_findings(matcher, "Listen to the Miracle Molecule Podcast.") == []  # an exception
    assert [f.rule for f in house_findings(matcher, "A miracle molecule.")] == ["ACME002"]
    # ACME001 names no `unless`: a hedge does not excuse it
    assert [f.rule for f in house_findings(matcher, "You may get same-day relief.")] == ["ACME001"]


@pytest.fixture(scope="module")
def house_only(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path = tmp_path_factory.mktemp("house-only") / "house.yaml"
    path.write_text(HOUSE + "cues:\n  negation: [not, never]\n  hedge: [may]\n", encoding="utf-8")
    return Matcher(load_rulebook([path], include_default=False))


def test_one_finding_per_rule_and_sentence_and_the_message_quotes_the_draft(house_only: Matcher) -> None:
    found = house_findings(house_only, "Same-day relief, same day relief.\n\nSameday relief.")
    assert [(f.line, f.text) for f in found] == [(1, "Same-day relief"), (3, "Sameday relief")]
    first = found[0]
    assert first.message == 'Do not write "Same-day relief": ACME Claims Policy, 4.2 does not allow it.'
    assert first.suggestion == 'Rephrase without "Same-day relief".'
    assert first.severity.label == "warning" and first.category == "house-style"
    citation = first.fact.citation
    assert citation is not None and citation.title == "ACME Claims Policy" and citation.locator == "4.2"
    assert citation.address == "https://intranet.example/claims#4.2"
    assert first.fact.quote == ""


def test_a_house_phrase_inside_a_default_claim_is_one_finding(matcher: Matcher) -> None:
    """Overlapping findings merge: the default rulebook's speed claim and the house ban are one finding."""
    found = matcher.check(parse_document("Ketamine gives same-day relief.", "d.md", "markdown"))
    assert len(found) == 1
    assert "ACME001" in (found[0].rule, *found[0].merged)


def test_spellings_join_neighbouring_words() -> None:
    assert spellings("same-day relief") == {("same", "day", "relief"), ("sameday", "relief"),
                                            ("same", "dayrelief"), ("samedayrelief",)}
    assert spellings("   ") == set()
    assert len(spellings("one two three four five six")) == 1  # past JOIN_LIMIT words: as written only


def test_phrase_rules_read_every_format(house_only: Matcher) -> None:
    for text, fmt in (("Same-day relief!", "text"), ("<p>Same-day <b>relief</b>!</p>", "html"),
                      ("---\ntitle: Sameday relief\n---\nHello.\n", "markdown")):
        found = house_only.check(parse_document(text, "d", fmt))
        assert [f.rule for f in found] == ["ACME001"], (fmt, found)
