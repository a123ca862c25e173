"""Issue 16 item 16: bounded output. `--max-findings N` (default 10,000 per file; 0 = no limit) cuts a
file's findings with a note in every format and never turns a failing run into a passing one; SARIF stays
within GitHub code scanning's limits (25,000 results per run, 10 MB gzip) and says what it left out; the
github format annotates no more than GitHub shows per step and lists the rest in the log."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from file_support import write

from factlint.checker import FileChecker
from factlint.config import DEFAULT_MAX_FINDINGS, Flags, load_settings
from factlint.discovery import Target
from factlint.linter import load_rules
from factlint.report import github, sarif

SARIF_SCHEMA = json.loads((Path(__file__).parents[1] / "cli" / "data" / "sarif-schema-2.1.0.json").read_text())
CLAIM = "Ketamine cures depression. "  # one finding (FL401) per sentence
NOTE = "12 findings, only the first 5 are reported (--max-findings 5; 0 = no limit)"


def dense(tmp_path: Path, claims: int = 12, name: str = "dense.md") -> Path:
    """`claims` cure claims, three to a paragraph."""
    paragraphs = [CLAIM * min(3, claims - i) for i in range(0, claims, 3)]
    return write(tmp_path / name, "\n\n".join(paragraphs) + "\n")


def test_the_text_report_keeps_the_first_findings_and_says_how_many_are_left_out(run_cli, tmp_path: Path) -> None:
    dense(tmp_path)
    code, out, err = run_cli("check", "dense.md", "--max-findings", "5")
    assert code == 1, err
    headers = [line for line in out.splitlines() if line.startswith("dense.md:") and " FL401 " in line]
    assert [h.split(":")[1] for h in headers] == ["1", "1", "1", "3", "3"]  # the first five by position
    assert f"dense.md: note: {NOTE}" in out.splitlines()
    assert out.rstrip().endswith("5 errors, 0 warnings, 0 info (7 more not shown, see --max-findings)")


def test_no_limit_and_the_default(run_cli, tmp_path: Path) -> None:
    dense(tmp_path)
    code, out, _ = run_cli("check", "dense.md", "--max-findings", "0", "--format", "json")
    data = json.loads(out)
    assert (code, data["summary"]["findings"], data["truncated"]) == (1, 12, [])
    assert load_settings(Flags(), cwd=tmp_path).max_findings == DEFAULT_MAX_FINDINGS == 10_000


def parse_json(out: str) -> list[str]:
    data = json.loads(out)
    assert (len(data["findings"]), data["summary"]["truncated"], data["summary"]["left_out"]) == (5, 1, 7)
    [cut] = data["truncated"]
    assert (cut["path"], cut["findings"], cut["reported"], cut["left_out"], cut["max_findings"]) == (
        "dense.md", 12, 5, 7, 5)
    return [cut["message"]]


def parse_sarif(out: str) -> list[str]:
    log = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    [run] = log["runs"]
    assert len(run["results"]) == 5
    assert run["properties"]["factlint/limits"]["truncatedFiles"] == [
        {"uri": "dense.md", "findings": 12, "reported": 5, "maxFindings": 5}]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    return [n["message"]["text"] for n in notes if n["descriptor"]["id"] == "max-findings"]


def parse_github(out: str) -> list[str]:
    assert sum(line.startswith("::error file=dense.md,") for line in out.splitlines()) == 5
    return [line for line in out.splitlines() if line.startswith("::notice file=dense.md,title=factlint%3A")]


def parse_junit(out: str) -> list[str]:
    [suite] = ET.fromstring(out).findall("testsuite")  # one per file
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == ("dense.md", "6", "6")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases][:2] == ["max-findings", "FL401 at 1:10"]  # the note, then five findings
    return [f.get("message", "") for c in cases for f in c.findall("failure") if f.get("type") == "max-findings"]


def parse_rdjsonl(out: str) -> list[str]:
    lines = [json.loads(line) for line in out.splitlines()]
    assert sum(d["code"]["value"] == "FL401" for d in lines) == 5
    return [d["message"] for d in lines
            if d["code"]["value"] == "max-findings" and d["location"] == {"path": "dense.md"}]


def parse_html(out: str) -> list[str]:
    return [line for line in out.splitlines() if "Findings left out:" in line]


@pytest.mark.parametrize("fmt,parse", [("json", parse_json), ("sarif", parse_sarif), ("github", parse_github),
                                       ("junit", parse_junit), ("rdjsonl", parse_rdjsonl), ("html", parse_html)])
def test_every_format_says_what_was_left_out(run_cli, tmp_path: Path, fmt: str, parse) -> None:
    dense(tmp_path)
    code, out, err = run_cli("check", "dense.md", "--max-findings", "5", "--format", fmt)
    assert code == 1, err
    [note] = parse(out)
    assert NOTE in note


def test_findings_left_out_still_fail_the_run(run_cli, tmp_path: Path) -> None:
    """The first findings are info, the ones left out are errors: --fail-on error must still fail."""
    write(tmp_path / "mixed.md", CLAIM * 3 + "\n\n" + "Spravato is approved for PTSD. " * 3 + "\n")
    args = ("check", "mixed.md", "--select", "FL401,FL206", "--severity", "FL401=info", "--fail-on", "error",
            "--format", "json")
    code, out, _ = run_cli(*args, "--max-findings", "0")
    assert code == 1 and {f["severity"] for f in json.loads(out)["findings"]} == {"info", "error"}
    code, out, _ = run_cli(*args, "--max-findings", "3")
    data = json.loads(out)
    assert {f["severity"] for f in data["findings"]} == {"info"} and data["summary"]["left_out"] == 3
    assert code == 1
    assert run_cli(*args, "--max-findings", "3", "--exit-zero").code == 0  # asked for explicitly


def test_the_configuration_sets_it_and_a_bad_value_is_an_error(run_cli, tmp_path: Path) -> None:
    dense(tmp_path)
    write(tmp_path / ".factlint.yaml", "max-findings: 5\n")
    code, out, _ = run_cli("check", "dense.md")
    assert code == 1 and f"note: {NOTE}" in out
    write(tmp_path / ".factlint.yaml", "max-findings: -1\n")
    code, _, err = run_cli("check", "dense.md")
    assert code == 2 and "max-findings" in err


def test_statistics_say_what_they_do_not_count(run_cli, tmp_path: Path) -> None:
    dense(tmp_path)
    code, out, _ = run_cli("check", "dense.md", "--max-findings", "5", "--statistics", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["statistics"][0]["count"] == 5 and data["left_out"] == 7
    code, out, _ = run_cli("check", "dense.md", "--max-findings", "5", "--statistics")
    assert code == 1 and "(7 more not shown, see --max-findings)" in out


def test_commands_without_a_report_warn_about_the_cut(run_cli, tmp_path: Path) -> None:
    dense(tmp_path)
    code, _, err = run_cli("check", "dense.md", "--max-findings", "5", "--write-baseline", "base.json")
    assert code == 0 and f"factlint: warning: dense.md: {NOTE}" in err


def test_a_worker_sends_back_only_the_findings_it_reports(tmp_path: Path) -> None:
    """The cut happens per file in the checker: what travels from a worker and what every report holds is
    bounded by the limit, not by the size of the file."""
    path = dense(tmp_path, claims=30)
    settings = load_settings(Flags(max_findings=4), cwd=tmp_path)
    outcome = FileChecker(load_rules(settings), settings).check_target(Target(str(path), "dense.md", "markdown"))
    assert len(outcome.findings) == 4
    assert outcome.truncation is not None and (outcome.truncation.total, outcome.truncation.left_out) == (30, 26)


# --- SARIF: GitHub code scanning's limits ------------------------------------------------------


def test_sarif_keeps_to_the_result_limit_and_says_so(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sarif, "MAX_RESULTS", 4)
    dense(tmp_path)
    code, out, _ = run_cli("check", "dense.md", "--format", "sarif")
    log = json.loads(out)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    [run] = log["runs"]
    assert code == 1 and len(run["results"]) == 4 and run["properties"]["factlint/limits"]["resultsLeftOut"] == 8
    [note] = [n for n in run["invocations"][0]["toolExecutionNotifications"] if n["descriptor"]["id"] == "result-limit"]
    assert "8 results left out" in note["message"]["text"] and "at most 4 results per run" in note["message"]["text"]


@pytest.mark.slow  # a scale test: 1,200 findings rendered and compressed
def test_sarif_keeps_under_the_upload_size_and_is_compact_when_large(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sarif, "MAX_GZIP_BYTES", 16_000)
    monkeypatch.setattr(sarif, "COMPACT_FROM", 100)
    dense(tmp_path, claims=1200)
    code, out, _ = run_cli("check", "dense.md", "--format", "sarif")
    assert code == 1
    assert len(gzip.compress(out.encode("ascii"))) <= 16_000
    assert out.count("\n") == 1  # one line: no indentation
    [run] = json.loads(out)["runs"]
    kept, left = len(run["results"]), run["properties"]["factlint/limits"]["resultsLeftOut"]
    assert 0 < kept < 1200 and kept + left == 1200


# --- github: annotations per step ------------------------------------------------------------


def test_github_annotates_what_github_shows_and_logs_the_rest(run_cli, tmp_path: Path) -> None:
    dense(tmp_path)
    code, out, _ = run_cli("check", "dense.md", "missing.md", "--format", "github")
    lines = out.splitlines()
    assert code == 2  # missing.md cannot be read
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == github.PER_STEP == 10
    assert any(line.startswith("::error file=missing.md,") for line in errors)  # problems come first
    logged = [line for line in lines if line.startswith("dense.md:")]
    assert len(logged) == 3 and all(" FL401 [error] " in line for line in logged)
    [limit] = [line for line in lines if "annotation limit" in line]
    assert limit.startswith("::warning title=factlint%3A annotation limit::3 findings and notes are listed")
    assert not [line for line in lines if line.startswith("::") and not line.startswith(
        ("::error ", "::warning ", "::notice ", "::group::", "::endgroup::"))]


def test_github_needs_no_note_within_the_limit(run_cli, tmp_path: Path) -> None:
    dense(tmp_path, claims=10)
    out = run_cli("check", "dense.md", "--format", "github").stdout
    assert sum(line.startswith("::error ") for line in out.splitlines()) == 10 and "annotation limit" not in out
