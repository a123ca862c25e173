"""`rules`, `explain`, `validate-rules`, `--help`, `--version`, and usage / rulebook errors."""

from __future__ import annotations

import json
import re

import pytest
from cli_support import CLAIM, write

BAD_RULEBOOK = """\
rules:
  - id: FL499
    name: broken-rule
    category: unsupported-claim
    severity: error
    summary: A rule with a typo in a key
    phrases: [miracle]
    mesage: typo here
"""

FAILING_EXAMPLE_RULEBOOK = """\
rules:
  - id: FL499
    name: zorblax-claim
    category: unsupported-claim
    severity: error
    summary: Mentions zorblax
    phrases: [zorblax]
    message: Zorblax is not a thing.
    suggestion: Do not mention zorblax.
    fact: mechanism-not-fully-understood
    examples:
      flag: ["Zorblax is here."]
      pass: ["Zorblax helps."]
"""


def test_rules_lists_every_rule_and_respects_selection(run_cli):
    code, out, err = run_cli("rules")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "CATEGORY", "SEVERITY", "SUMMARY"]
    rows = [line for line in lines[1:] if re.match(r"FL\d+ ", line)]
    assert rows and any(" unsupported-claim " in row for row in rows)
    code, out, _ = run_cli("rules", "--format", "json", "--select", "FL4")
    data = json.loads(out)
    assert code == 0 and data["rules"]
    for rule in data["rules"]:
        assert rule["id"].startswith("FL4") and rule["category"] == "unsupported-claim"
        assert rule["severity"] in ("error", "warning", "info") and rule["summary"]
    assert {r["id"] for r in data["rules"]} == {row.split()[0] for row in rows if row.startswith("FL4")}


def test_explain_known_rule(run_cli):
    data = json.loads(run_cli("rules", "--format", "json").stdout)
    rule = next(r for r in data["rules"] if r["category"] == "unsupported-claim")
    code, out, err = run_cli("explain", rule["id"].lower())
    assert (code, err) == (0, "")
    assert out.startswith(f"# {rule['id']} {rule['name']}\n")  # the rule's documentation page
    for heading in ("What it checks", "Why", "The fact and its source", "Examples", "Compliant rewrite",
                    "How to suppress it"):
        assert re.search(rf"^## {heading}$", out, re.M), heading
    assert re.search(r"^- Source: \[?[A-Z]", out, re.M)  # the source's title
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt|domain-facts\.md", out)


def test_explain_unknown_rule_suggests(run_cli):
    code, out, err = run_cli("explain", "FL40l")
    assert code == 2 and out == ""
    assert err.startswith("factlint: error: unknown rule 'FL40l' (did you mean 'FL4")
    assert err.count("\n") == 1


def test_validate_rules_ok_and_error(run_cli, tmp_path):
    code, out, err = run_cli("validate-rules")
    assert (code, err) == (0, "")
    assert re.fullmatch(r"ok: \d+ rules?, \d+ facts?\n", out)
    write(tmp_path / "custom" / "bad.yaml", BAD_RULEBOOK)
    code, out, err = run_cli("validate-rules", "custom/bad.yaml")
    assert code == 2 and out == ""
    assert re.match(r"factlint: error: \S*bad\.yaml:\d+: ", err), err
    assert err.count("\n") == 1 and "Traceback" not in err
    # A rule whose own examples fail is a broken rule.
    write(tmp_path / "custom" / "zorblax.yaml", FAILING_EXAMPLE_RULEBOOK)
    code, out, err = run_cli("validate-rules", "custom/zorblax.yaml")
    assert code == 2 and out == ""
    assert re.fullmatch(r"factlint: error: \S*zorblax\.yaml:\d+: FL499 example should be passed but is not: "
                        r"'Zorblax helps\.'\n", err), err


def test_check_with_broken_rulebook_exits_2(run_cli, tmp_path):
    write(tmp_path / "bad.yaml", BAD_RULEBOOK)
    write(tmp_path / "page.md", f"{CLAIM}\n")
    code, out, err = run_cli("check", "page.md", "--rules", "bad.yaml")
    assert code == 2 and out == ""
    assert re.match(r"factlint: error: \S*bad\.yaml:\d+: ", err) and err.count("\n") == 1


def test_bad_option_is_a_usage_error(run_cli):
    code, out, err = run_cli("check", "--fail-on", "fatal", ".")
    assert code == 2 and "Traceback" not in err and "--fail-on" in err
    code, _, err = run_cli("check", "--severity", "FL401", ".")
    assert code == 2 and "RULE=LEVEL" in err
    code, _, err = run_cli("check", "--select", "FL9", ".")
    assert code == 2 and err.startswith("factlint: error: ") and "FL9" in err


@pytest.mark.parametrize("command", [[], ["check"], ["validate-rules"]])
def test_help_explains_exit_codes(run_cli, command):
    code, out, _ = run_cli(*command, "--help")
    assert code == 0
    assert "Exit codes:" in out
    assert re.search(r"^\s+0\s", out, re.M) and re.search(r"^\s+2\s", out, re.M)
    if command != ["validate-rules"]:
        assert re.search(r"^\s+1\s+findings at or above", out, re.M)


def test_version(run_cli):
    code, out, _ = run_cli("--version")
    assert code == 0 and re.fullmatch(r"factlint \d+\.\d+\.\d+\S*\n", out)


def test_check_help_lists_the_formats_of_the_registry(run_cli):
    from factlint.documents import DEFAULT_SUFFIXES, FORMATS

    code, out, _ = run_cli("check", "--help")
    flat = " ".join(out.split())
    assert code == 0
    assert all(suffix in flat for suffix in DEFAULT_SUFFIXES)
    assert all(f"{row.suffixes[0]} {row.label}" in flat for row in FORMATS.values())
