"""--statistics (counts per rule, as ruff's), --select / --ignore / --severity by rule name as `explain` takes it,
`rules` in id order, and a did-you-mean on a mistyped id."""

from __future__ import annotations

import json
import re

from cli_support import CLAIM, write

PTSD = "Spravato is FDA-approved for PTSD."


def test_statistics_counts_findings_per_rule_most_first(run_cli, tmp_path):
    write(tmp_path / "a.md", f"# Ketamine\n\n{CLAIM}\n\n{CLAIM} Really.\n\n{PTSD}\n")
    full = json.loads(run_cli("check", "a.md", "--format", "json").stdout)["findings"]
    code, out, err = run_cli("check", "a.md", "--statistics")
    assert code == 1, err
    lines = out.splitlines()
    counts = {}
    for f in full:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    rows = [re.fullmatch(r"(\d+)  (FL\d{3}) +([a-z0-9-]+)  \[(error|warning|info)\]", line) for line in lines[:-1]]
    assert all(rows), lines
    assert {m.group(2): int(m.group(1)) for m in rows} == counts
    assert [int(m.group(1)) for m in rows] == sorted((int(m.group(1)) for m in rows), reverse=True)
    assert ("FL401", "cure-claim") in {(m.group(2), m.group(3)) for m in rows}
    assert lines[-1].startswith("1 file checked: ")
    code, out, _ = run_cli("check", "a.md", "--statistics", "--format", "json")
    data = json.loads(out)
    assert data["version"] == 1
    assert {row["rule"]: row["count"] for row in data["statistics"]} == counts
    assert set(data["statistics"][0]) == {"rule", "name", "category", "severity", "count"}
    assert run_cli("check", "a.md", "--statistics", "-q").stdout.count("\n") == len(counts)


def test_statistics_of_a_clean_run_and_misuse(run_cli, tmp_path):
    write(tmp_path / "a.md", "Hello.\n")
    assert tuple(run_cli("check", "a.md", "--statistics")) == (0, "1 file checked: no findings\n", "")
    code, _, err = run_cli("check", "a.md", "--statistics", "--format", "sarif")
    assert code == 2 and "--statistics prints text or json, not sarif" in err
    code, _, err = run_cli("check", "a.md", "--statistics", "--output-file", "r.json")
    assert code == 2 and "cannot be used with --output-file" in err


def test_select_ignore_and_severity_take_rule_names(run_cli, tmp_path):
    write(tmp_path / "a.md", f"# Ketamine\n\n{CLAIM}\n\n{PTSD}\n")
    rules = {f["rule"] for f in json.loads(run_cli("check", "a.md", "--format", "json").stdout)["findings"]}
    assert {"FL401", "FL206"} <= rules
    by_name = json.loads(run_cli("check", "a.md", "--select", "cure-claim", "--format", "json").stdout)
    assert {f["rule"] for f in by_name["findings"]} == {"FL401"}
    ignored = json.loads(run_cli("check", "a.md", "--ignore", "cure-claim", "--format", "json").stdout)
    assert "FL401" not in {f["rule"] for f in ignored["findings"]}
    lowered = json.loads(run_cli("check", "a.md", "--select", "FL401", "--severity", "cure-claim=info",
                                 "--format", "json").stdout)
    assert [f["severity"] for f in lowered["findings"]] == ["info"]
    # in the configuration too, and in per-file-ignores (findings carry ids: the name is resolved)
    write(tmp_path / ".factlint.yaml", "select: [cure-claim]\nper-file-ignores:\n  'b.md': [cure-claim]\n")
    write(tmp_path / "b.md", f"{CLAIM}\n")
    data = json.loads(run_cli("check", "a.md", "b.md", "--format", "json").stdout)
    assert [(f["path"], f["rule"]) for f in data["findings"]] == [("a.md", "FL401")]


def test_a_mistyped_id_or_name_gets_a_guess(run_cli, tmp_path):
    write(tmp_path / "a.md", f"{CLAIM}\n")
    for typed, meant in (("FL4O1", "FL401"), ("cure-claims", "cure-claim")):
        code, out, err = run_cli("check", "a.md", "--select", typed)
        assert code == 2 and out == ""
        assert err == (f"factlint: error: command line: '{typed}' matches no rule id, id prefix, category or rule "
                       f"name (did you mean '{meant}'?)\n")
    code, _, err = run_cli("explain", "FL4O1")
    assert code == 2 and "(did you mean 'FL401'?)" in err
    # --ignore and --severity, and the configuration's keys, the same way
    for args in (("--ignore", "FL4O1"), ("--severity", "FL4O1=info"), ("--ignore", "FL401,FL4O1")):
        code, out, err = run_cli("check", "a.md", *args)
        assert code == 2 and out == "" and err.endswith("(did you mean 'FL401'?)\n"), (args, err)
    for key in ("ignore: [FL4O1]", "select: [FL4O1]", "severity: {FL4O1: info}"):
        write(tmp_path / ".factlint.yaml", f"{key}\n")
        code, out, err = run_cli("check", "a.md")
        assert code == 2 and out == "", key
        assert err == ("factlint: error: .factlint.yaml: 'FL4O1' matches no rule id, id prefix, category or rule "
                       "name (did you mean 'FL401'?)\n"), key


def test_rules_are_listed_in_id_order(run_cli, tmp_path):
    write(tmp_path / "house.yaml", """\
categories:
  - {id: house, prefix: ACME, title: House}
rules:
  - {id: ACME10, kind: phrase, phrases: [ten], policy: {document: P}}
  - {id: ACME2, kind: phrase, phrases: [two], policy: {document: P}}
""")
    code, out, _ = run_cli("rules", "--rules", "house.yaml")
    ids = [line.split()[0] for line in out.splitlines()[1:] if line.strip() and not line.endswith(" rules")]
    assert ids[:2] == ["ACME2", "ACME10"]
    fl = [i for i in ids if i.startswith("FL")]
    assert fl == sorted(fl) and len(fl) > 20
    listed = json.loads(run_cli("rules", "--format", "json").stdout)["rules"]
    assert [r["id"] for r in listed] == sorted(r["id"] for r in listed)
