"""House rules: the short form (`kind: phrase`), the house's own id namespace, a `policy` reference instead of a
sourced fact, defaults for everything else; and every mistake of a load reported, not only the first."""

from __future__ import annotations

import pytest
from rulebook_fixtures import BASE, RULE, Writer

from factlint.errors import RulebookError
from factlint.findings import Severity
from factlint.rulebook import load_rulebook

SHORT = """\
categories:
  - {id: house-style, prefix: ACME, title: ACME house style}
rules:
  - id: ACME001
    kind: phrase
    phrases: [same-day relief]
    policy: {document: ACME Claims Policy, section: "4.2 Speed claims", address: "https://intranet.example/p#4.2"}
"""


def test_the_short_form_is_under_ten_lines_and_gets_defaults(write: Writer) -> None:
    assert len(SHORT.splitlines()) < 10
    book = load_rulebook([write("house.yaml", SHORT)], include_default=False)
    (rule,) = book.rules
    assert (rule.id, rule.name, rule.category, rule.kind, rule.severity) == (
        "ACME001", "acme001", "house-style", "phrase", Severity.WARNING)
    assert rule.summary == 'Bans the wording "same-day relief"'
    assert rule.message == 'Do not write "{text}": ACME Claims Policy, 4.2 Speed claims does not allow it.'
    assert rule.suggestion == 'Rephrase without "{text}".'
    assert (rule.flag_examples, rule.pass_examples) == ((), ())
    fact = rule.fact
    assert fact.id == "policy:ACME001" and book.facts[fact.id] == fact
    assert fact.cited is not None and fact.cited.title == "ACME Claims Policy"
    assert (fact.locator, fact.address, fact.quote) == ("4.2 Speed claims", "https://intranet.example/p#4.2", "")
    assert book.sources[fact.source] == fact.cited


def test_everything_a_short_form_leaves_out_may_be_given(write: Writer) -> None:
    text = SHORT.replace("    kind: phrase\n", """\
    kind: phrase
    name: no-same-day-relief
    severity: error
    summary: Same-day relief
    message: Our policy forbids "{text}".
    suggestion: Say "relief may begin within days".
    unless: [negation]
    examples: {flag: [Same-day relief!], pass: [Relief may begin within days.]}
""") + "cues:\n  negation: [not]\n"
    (rule,) = load_rulebook([write("house.yaml", text)], include_default=False).rules
    assert (rule.name, rule.severity, rule.summary, rule.unless) == (
        "no-same-day-relief", Severity.ERROR, "Same-day relief", ("negation",))
    assert rule.flag_examples == ("Same-day relief!",)


def test_a_phrase_rule_may_rest_on_a_sourced_fact(write: Writer) -> None:
    text = RULE.replace("    phrases: [cure]\n", "    kind: phrase\n    phrases: [cure]\n")
    (rule,) = load_rulebook([write("base.yaml", BASE), write("r.yaml", text)], include_default=False).rules
    assert rule.kind == "phrase" and rule.fact.id == "approved-2019"


def test_a_category_names_the_house_prefix_and_rule_ids_follow_it(write: Writer) -> None:
    text = SHORT.replace("ACME001", "ACME7").replace("  - id: ACME7", "  - id: ACME7\n    category: house-style")
    assert load_rulebook([write("house.yaml", text)], include_default=False).rules[0].id == "ACME7"


@pytest.mark.parametrize("edit, message", [
    (("ACME001", "ACMEX01"), "rule id 'ACMEX01' starts with no category's prefix"),
    (("ACME001", "OTHER001"), "declare one under 'categories' (e.g. '- {id: house-rules, prefix: OTHER"),
    (("ACME001", "acme001"), "'id' in rule acme001 must be 'FL' followed by three digits"),
    (("ACME001", "ACME"), "must be 'FL' followed by three digits, like 'FL401', or a house prefix"),
    (("prefix: ACME", "prefix: FL"), "'prefix' in category house-style must be 'FL' followed by one or two"),
    (("    kind: phrase\n", ""), "rule ACME001 is missing the required key 'name'"),
    (("    phrases: [same-day relief]\n", ""), "rule ACME001 is a phrase rule: it needs 'phrases'"),
    (("    phrases: [same-day relief]\n", "    phrases: [same-day relief, '--']\n"), "phrase '--' in rule ACME001 has"),
    (("    phrases: [same-day relief]\n", "    phrases: [x]\n    patterns: [x]\n"),
     "'patterns' does not apply to a phrase rule (rule ACME001)"),
    (("    phrases: [same-day relief]\n", "    phrases: [x]\n    scope: document\n"),
     "rule ACME001 is a phrase rule: 'scope' must be 'sentence'"),
    (("    policy: {document: ACME", "    fact: f\n    policy: {document: ACME"), "gives both 'fact' and 'policy'"),
    (("    policy: {document: ACME Claims Policy, section", "    nothing: {document: ACME Claims Policy, section"),
     "unknown key 'nothing' in rule ACME001"),
    (("address: \"https://intranet.example/p#4.2\"", "address: intranet"),
     "'address' in 'policy' in rule ACME001 must be a web address"),
    (("{document: ACME Claims Policy, ", "{"), "'policy' in rule ACME001 is missing the required key 'document'"),
])
def test_mistakes_in_a_house_rule(write: Writer, edit: tuple[str, str], message: str) -> None:
    assert edit[0] in SHORT
    with pytest.raises(RulebookError) as caught:
        load_rulebook([write("house.yaml", SHORT.replace(*edit))], include_default=False)
    assert message in str(caught.value)


def test_a_rule_without_fact_or_policy(write: Writer) -> None:
    text = SHORT.replace('    policy: {document: ACME Claims Policy, section: "4.2 Speed claims", address: '
                         '"https://intranet.example/p#4.2"}\n', "")
    with pytest.raises(RulebookError, match=r"house\.yaml:4: rule ACME001 is missing the required key 'fact' "
                                            r"\(or 'policy'"):
        load_rulebook([write("house.yaml", text)], include_default=False)


# --- every mistake of a load ------------------------------------------------------------------------------

BROKEN = """\
categories:
  - {id: house-style, prefix: ACME, title: ACME house style}
rules:
  - id: ACME001
    kind: phrase
    phrases: [same-day relief]
    policy: {document: Policy}
    severity: fatal
  - id: ACME002
    kind: phrase
    phrases: [instant relief]
    fact: no-such-fact
  - id: ACME003
    kind: phrase
    phrases: [zero risk]
    policy: {document: Policy}
    sumary: typo
  - id: ACME004
    kind: phrase
    phrases: [risk free]
    policy: {document: Policy}
    unless: [negatoin]
"""


def test_every_mistake_is_reported_in_file_and_line_order(write: Writer) -> None:
    second = write("more.yaml", "facts:\n  - id: f\n    statement: s\n    source: nowhere.txt\n    quote: q\n")
    with pytest.raises(RulebookError) as caught:
        load_rulebook([write("house.yaml", BROKEN), second], include_default=False)
    problems = caught.value.problems
    assert [p.split(": ", 1)[0] for p in problems] == [
        "house.yaml:8", "house.yaml:12", "house.yaml:17", "house.yaml:22", "more.yaml:4"]
    assert "'severity' in rule ACME001 must be one of error, warning, info" in problems[0]
    assert "names fact 'no-such-fact'" in problems[1]
    assert "unknown key 'sumary' in rule ACME003 (did you mean 'summary'?)" in problems[2]
    assert "names cue list 'negatoin'" in problems[3]
    assert "fact f names source 'nowhere.txt'" in problems[4]
    message = str(caught.value)
    assert message.startswith(problems[0]) and "(and 4 more problems: 'factlint validate-rules' lists them)" in message
    assert "\n" not in message


def test_a_reference_to_a_broken_entry_is_not_a_second_mistake(write: Writer) -> None:
    """A fact left out for its own mistake: the rule naming it is not reported as naming an unknown fact."""
    base = BASE.replace("    quote: \"approved by the FDA in 2019\"\n", "    quote: [not, text]\n")
    with pytest.raises(RulebookError) as caught:
        load_rulebook([write("base.yaml", base), write("r.yaml", RULE)], include_default=False)
    assert len(caught.value.problems) == 1, caught.value.problems
    assert "'quote' in fact approved-2019 must be a single text value" in caught.value.problems[0]


def test_one_mistake_is_one_message_as_before(write: Writer) -> None:
    with pytest.raises(RulebookError) as caught:
        load_rulebook([write("house.yaml", SHORT.replace("ACME001", "ACMEX01"))], include_default=False)
    assert caught.value.problems == (str(caught.value),)


def test_a_house_rulebook_is_served_from_the_cache(write: Writer, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Policy facts and sources pass the cache's strict decoding and cross-checks: the second load is a hit."""
    import json
    from dataclasses import replace

    from factlint import diskcache
    from factlint.rulebook.cache import encode

    folder = tmp_path / "cache"
    monkeypatch.setenv(diskcache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(diskcache.NO_CACHE_ENV, raising=False)
    path = write("house.yaml", SHORT)
    first = load_rulebook([path], include_default=False)
    (entry,) = folder.glob("*.rulebook.json")
    assert load_rulebook([path], include_default=False) == first
    entry.write_text(json.dumps(encode(replace(first, digest="served-from-cache"))), encoding="utf-8")
    assert load_rulebook([path], include_default=False).digest == "served-from-cache"
