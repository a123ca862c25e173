"""A user's rulebook is untrusted input: safe YAML, bounded work, clear `file:line` errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from file_support import HOUSE_RULEBOOK_HEADER
from robust_support import CLAIM, write

from factlint.errors import RulebookError
from factlint.rulebook import load_rulebook

HEADER = HOUSE_RULEBOOK_HEADER


def rule(rule_id: str, body: str) -> str:
    return f"""\
  - id: {rule_id}
    name: rule-{rule_id.lower()}
    category: house
    severity: error
    summary: Summary
    message: Message.
    suggestion: Say it differently.
    fact: house-fact
{body}
    examples:
      flag: [zzz]
      pass: [yyy]
"""


def test_python_object_tags_are_never_constructed(run_cli, tmp_path):
    marker = tmp_path / "pwned"
    payloads = {
        "apply.yaml": f"rules: !!python/object/apply:os.system ['touch {marker}']\n",
        "object.yaml": "rules:\n  - !!python/object:factlint.rulebook.model.Rule {id: FL901}\n",
        "name.yaml": "categories: !!python/name:os.system\n",
        "module.yaml": "sources:\n  - !!python/module:os\n",
    }
    for name, text in payloads.items():
        write(tmp_path / name, text)
        result = run_cli("validate-rules", "--no-default-rules", "--no-examples", name)
        assert result.code == 2, name
        [line] = result.stderr.splitlines()
        assert line.startswith(f"factlint: error: {name}:"), line
    assert not marker.exists()


def test_alias_bomb_is_rejected_at_once(run_cli_subprocess, tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}" + f",*{chr(97 + i)}" * 8 + "]" for i in range(8)]
    write(tmp_path / "bomb.yaml", "\n".join(lines) + "\n")
    # A subprocess with a time limit: were the bomb expanded, the run would not end (TimeoutExpired).
    result = run_cli_subprocess("check", "--rules", "bomb.yaml", "-", input=CLAIM.encode(), timeout=60)
    assert result.code == 2
    assert result.stderr.startswith("factlint: error: bomb.yaml:1: YAML aliases are not allowed in rulebooks")


@pytest.mark.parametrize(("text", "line", "words"), [
    ("rules:\n\t- id: FL901\n", 2, "YAML syntax error"),  # a tab for indentation
    ("rules:\n  - id: FL901\n  - id: [\n", 3, "YAML syntax error"),  # unclosed: the line that opened it
    ("- just\n- a list\n", 1, "mapping"),
    ("rules: yes please\n", 1, "rules"),
    ("rules:\n  - id: FL901\n    id: FL902\n", 3, "id"),  # duplicate key
    ("categories:\n  - {id: house, prefix: FL9, title: T, colour: red}\n", 2, "colour"),
    ("\ufeffrules: [\n", 1, "YAML syntax error"),  # BOM, then broken
    ("rules: \"unterminated\n", 1, "YAML syntax error"),
    ("x: \x07\n", 1, "YAML syntax error"),  # a control character
    ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 60)), 33, "nested more than"),
], ids=["tab", "unclosed", "top-list", "scalar-section", "duplicate-key", "unknown-key", "bom", "quote",
        "control", "deep"])
def test_malformed_yaml_gives_file_and_line(run_cli, tmp_path, text, line, words):
    write(tmp_path / "bad.yaml", text)
    result = run_cli("validate-rules", "--no-default-rules", "--no-examples", "bad.yaml")
    assert result.code == 2
    [message] = result.stderr.splitlines()
    prefix = f"factlint: error: bad.yaml:{line}: "
    assert message.startswith(prefix) and words in message, message


@pytest.mark.parametrize(("body", "line", "words"), [
    ("    patterns: ['(unclosed']", 16, "not a valid regular expression"),
    ("    patterns: ['a|']", 16, "matches empty text"),
    ("    patterns: ['x{99999999999}']", 16, "not a valid regular expression"),
    ("    phrases: []", 8, "phrases"),  # the rule itself: it has no claim at all
    ("    phrases: [cure]\n    fix: {match: '(a', replace: b}", 17, "'fix'"),
    ("    phrases: [cure]\n    fix: {match: a, replace: '\\2'}", 17, "'fix'"),
    ("    phrases: [cure]\n    max-gap: -3", 17, "max-gap"),
    ("    phrases: [cure]\n    subjects: [ketamin]", 17, "subject"),
], ids=["regex", "empty-match", "huge-repeat", "no-claims", "fix-regex", "fix-group", "negative", "subject"])
def test_malformed_rules_give_file_and_line(run_cli, tmp_path, body, line, words):
    write(tmp_path / "bad.yaml", HEADER + "rules:\n" + rule("FL901", body))
    result = run_cli("validate-rules", "--no-default-rules", "--no-examples", "bad.yaml")
    assert result.code == 2
    [message] = result.stderr.splitlines()
    assert message.startswith(f"factlint: error: bad.yaml:{line}: ") and words in message, message


@pytest.mark.slow  # each waits for the regex time limit; test_the_issue_regex_a_plus_plus_does_not_hang is quick
@pytest.mark.parametrize("pattern", [r"\bmiracle (a|aa)+$", r"\bmiracle (a|a)+$"])
def test_catastrophic_regex_fails_its_rule_for_the_file_and_the_run_goes_on(run_cli_subprocess, tmp_path,
                                                                            pattern):
    """The matcher gives each regex a time limit (regex's `timeout=`); a rule that hits it is reported
    as failed for that file (exit 2), while other rules and other files are still checked."""
    write(tmp_path / "slow.yaml", HEADER + "rules:\n" + rule("FL901", f"    patterns: ['{pattern}']"))
    write(tmp_path / "site" / "evil.md", "A miracle " + "a" * 64 + "b\n\n" + CLAIM + "\n")
    write(tmp_path / "site" / "fine.md", CLAIM + "\n")
    result = run_cli_subprocess("check", "site", "--rules", "slow.yaml", "--jobs", "1", timeout=120)
    assert result.code == 2, (result.stdout, result.stderr)
    assert "factlint: error: site/evil.md: rule FL901 failed: pattern " in result.stderr
    assert "timed out" in result.stderr or "took over" in result.stderr
    assert "site/evil.md:3:10: FL401" in result.stdout  # other rules still ran on that file
    assert "site/fine.md:1:10: FL401" in result.stdout  # and other files were checked


@pytest.mark.slow  # waits for the 1 s regex time limit; test_regex_budget.py checks the logic with a fake clock
def test_the_issue_regex_a_plus_plus_does_not_hang(run_cli_subprocess, tmp_path):
    write(tmp_path / "slow.yaml", HEADER + "rules:\n" + rule("FL901", "    patterns: ['(a+)+$']"))
    write(tmp_path / "evil.md", "a" * 5000 + "b\n")
    result = run_cli_subprocess("check", "evil.md", "--rules", "slow.yaml", timeout=60)
    assert result.code == 2, result.stderr
    assert result.stderr.startswith("factlint: error: evil.md: rule FL901 failed: pattern '(a+)+$' took over")


# A 1,000-rule rulebook loading in well under a second is tests/rulebook/test_performance.py.


def test_rulebook_errors_are_rulebook_errors_in_process(tmp_path: Path):
    write(tmp_path / "bad.yaml", "rules: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(RulebookError, match=r"^.*bad\.yaml:1: "):
        load_rulebook([tmp_path / "bad.yaml"], include_default=False)
