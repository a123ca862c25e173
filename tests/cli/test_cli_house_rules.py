"""A house rulebook from the command line: `validate-rules` lists every mistake; a short-form phrase rule is
checked against its own phrases and reported in every format with its policy."""

from __future__ import annotations

import json

from cli_support import write

HOUSE = """\
categories:
  - {id: house-style, prefix: ACME, title: ACME house style}
rules:
  - id: ACME001
    kind: phrase
    phrases: [same-day relief, no waiting list]
    policy: {document: ACME Claims Policy, section: "4.2", address: "https://intranet.example/claims#4.2"}
"""

BROKEN = """\
rules:
  - id: ACME001
    kind: phrase
    phrases: [same-day relief]
    policy: {document: Policy}
  - id: FL41
    name: Bad Name
  - id: ACME002
    kind: phrase
    phrases: [x]
    fact: nope
"""


def test_validate_rules_lists_every_problem_one_per_line(run_cli, tmp_path):
    write(tmp_path / "house.yaml", BROKEN)
    code, out, err = run_cli("validate-rules", "house.yaml")
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert [line.split(": ")[2] for line in lines[:-1]] == [
        "house.yaml:2", "house.yaml:6", "house.yaml:7", "house.yaml:8", "house.yaml:11"], err
    assert "starts with no category's prefix" in lines[0]
    assert "must be 'FL' followed by three digits" in lines[1]
    assert "lower-case words joined by hyphens" in lines[2]
    assert "names fact 'nope'" in lines[4]
    assert lines[-1] == "factlint: 5 problems in the rulebook"
    # `check` says the first and how many more
    write(tmp_path / "a.md", "Hello.\n")
    code, out, err = run_cli("check", "a.md", "--rules", "house.yaml")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("factlint: error: house.yaml:2: ")
    assert "(and 4 more problems: 'factlint validate-rules'" in err


def test_validate_rules_checks_each_phrase_finds_itself(run_cli, tmp_path):
    write(tmp_path / "house.yaml", HOUSE.replace("no waiting list]", "'same day, relief']"))
    code, out, err = run_cli("validate-rules", "house.yaml")
    assert code == 2
    assert err == ("factlint: error: house.yaml:4: ACME001 example should be flagged but is not: "
                   "'same day, relief.'\n")
    write(tmp_path / "house.yaml", HOUSE)
    code, out, err = run_cli("validate-rules", "house.yaml")
    assert (code, err) == (0, "")
    assert out.startswith("ok: ")


def test_a_house_phrase_in_a_draft(run_cli, tmp_path):
    write(tmp_path / ".factlint.yaml", "rules: [compliance/house.yaml]\n")
    write(tmp_path / "compliance" / "house.yaml", HOUSE)
    write(tmp_path / "page.md", "# Visit us\n\nNo waiting list!\n\nWe never promise a no waiting list policy.\n")
    code, out, err = run_cli("check", "page.md")
    assert code == 1, err
    assert out.startswith('page.md:3:1: ACME001 [warning] house-style: Do not write "No waiting list": '
                          "ACME Claims Policy, 4.2 does not allow it.\n")
    assert "= source: ACME Claims Policy. 4.2. https://intranet.example/claims#4.2\n" in out
    assert "= quote" not in out  # a policy cited without its words
    assert out.rstrip().endswith("1 file checked: 0 errors, 1 warning, 0 info")
    code, out, _ = run_cli("check", "page.md", "--format", "json")
    (finding,) = json.loads(out)["findings"]
    assert finding["rule"] == "ACME001" and finding["fact"]["citation"]["locator"] == "4.2"
    code, out, _ = run_cli("check", "page.md", "--select", "ACME", "--format", "sarif")
    (rule,) = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "ACME001" and "Quote" not in rule["help"]["text"]
    code, out, _ = run_cli("explain", "ACME001")
    assert code == 0 and out.startswith("# ACME001 acme001\n")
