"""`factlint check`: what a user sees on real files, folders and standard input."""

from __future__ import annotations

import json
import re
from pathlib import Path

from cli_support import CLAIM, COMPLIANT, write

FINDING_HEAD = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<rule>FL\d+) \[(?P<sev>error|warning|info)\] "
    r"(?P<cat>[a-z-]+): (?P<msg>.+)$",
    re.M,
)


def heads(output: str) -> list[dict[str, str]]:
    return [m.groupdict() for m in FINDING_HEAD.finditer(output)]


def test_check_folder_reports_every_overclaim_with_its_explanation(run_cli, drafts):
    code, out, err = run_cli("check", "drafts")
    assert code == 1, err
    found = heads(out)
    paths = sorted({h["path"] for h in found})
    assert paths == ["drafts/claims.md", "drafts/sub/notes.txt", "drafts/sub/page.html"]
    claims = [h for h in found if h["path"] == "drafts/claims.md"]
    assert any(h["cat"] == "unsupported-claim" and h["line"] == "5" for h in claims)
    notes = [h for h in found if h["path"] == "drafts/sub/notes.txt"]
    assert all(h["line"] == "2" for h in notes)
    # Every finding block explains itself.
    blocks = [b for b in out.split("\n\n") if FINDING_HEAD.search(b)]
    assert len(blocks) == len(found)
    for block in blocks:
        # The source line with the claim underlined, as ruff and rustc show it.
        assert re.search(r"^\d+ \| .+\n +\| +\^+ FL\d{3}$", block, re.M), block
        assert re.search(r"^ += fact: .+$", block, re.M), block
        assert re.search(r"^ += source: [A-Z].+\.", block, re.M), block  # a title, not a file name
        assert re.search(r'^ += quote( \(reference sheet F\d+\))?: ".+"$', block, re.M), block
        assert re.search(r"^ += suggestion: .+$", block, re.M), block
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt|domain-facts\.md", out)  # no seed file names
    assert "skipped: drafts/data.txt (" in out
    assert "secret.md" not in out and "notes.rst" not in out
    summary = out.rstrip("\n").splitlines()[-1]
    assert re.fullmatch(r"4 files checked: \d+ errors?, \d+ warnings?, \d+ info \(1 skipped\)", summary)
    assert "\x1b[" not in out  # no colour when stdout is not a terminal
    assert err == ""


def test_named_file_with_unknown_suffix_is_linted_as_text(run_cli, drafts):
    code, out, _ = run_cli("check", "drafts/notes.rst")
    assert code == 1
    assert heads(out)[0]["path"] == "drafts/notes.rst"
    assert out.rstrip("\n").splitlines()[-1].startswith("1 file checked: ")


def test_compliant_copy_exits_zero(run_cli, drafts):
    code, out, err = run_cli("check", "drafts/ok.md")
    assert (code, err) == (0, "")
    assert out == "1 file checked: no findings\n"


def test_stdin_format_is_picked_from_stdin_filename(run_cli):
    fenced = f"```\n{CLAIM}\n```\n"
    code, out, _ = run_cli("check", "-", "--stdin-filename", "draft.md", input=fenced)
    assert code == 0, out  # Markdown: code blocks are not prose
    code, out, _ = run_cli("check", "-", "--stdin-filename", "draft.txt", input=fenced)
    assert code == 1, out  # plain text: everything is prose
    assert heads(out)[0]["path"] == "draft.txt"
    assert heads(out)[0]["line"] == "2"


def test_json_report_has_every_field_and_points_into_the_file(run_cli, drafts):
    code, out, _ = run_cli("check", "drafts", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1
    assert set(data) >= {"version", "findings", "skipped", "problems", "summary"}
    assert data["skipped"] == [{"path": "drafts/data.txt", "reason": data["skipped"][0]["reason"]}]
    assert data["problems"] == []
    findings = data["findings"]
    assert findings and any(f["category"] == "unsupported-claim" for f in findings)
    for f in findings:
        assert set(f) >= {"path", "line", "column", "end_line", "end_column", "rule", "category", "severity",
                          "message", "text", "suggestion", "fact"}
        assert set(f["fact"]) >= {"statement", "source", "quote", "address"}
        assert f["severity"] in ("error", "warning", "info")
        assert re.fullmatch(r"FL\d+", f["rule"])
        assert f["message"] and f["suggestion"] and f["fact"]["statement"] and f["fact"]["quote"]
        # line/column are 1-based code points into the original file; end_column is exclusive.
        lines = (Path(drafts.parent) / f["path"]).read_text(encoding="utf-8").splitlines()
        if f["line"] == f["end_line"]:
            assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]
    summary = data["summary"]
    assert summary["files_checked"] == 4
    assert summary["findings"] == len(findings)
    assert sum(summary["by_severity"].values()) == len(findings)
    assert [f["path"] for f in findings] == sorted(f["path"] for f in findings)


def test_output_is_deterministic_and_independent_of_jobs(run_cli, tmp_path):
    for i in range(8):
        write(tmp_path / "many" / f"d{i}" / f"page{i}.md", f"# Ketamine\n\nIntro {i}.\n\n{CLAIM}\n\n{COMPLIANT}\n")
    first = run_cli("check", "many", "--jobs", "1")
    second = run_cli("check", "many", "--jobs", "1")
    parallel = run_cli("check", "many", "--jobs", "2", "--format", "text")
    assert first.code == 1
    assert first.stdout == second.stdout == parallel.stdout
    assert len(heads(first.stdout)) >= 8


def test_missing_path_is_reported_and_the_rest_still_checked(run_cli, drafts):
    code, out, err = run_cli("check", "drafts/claims.md", "drafts/nope.md")
    assert code == 2
    assert heads(out)  # the readable file was still linted
    assert err.strip().splitlines() == [err.strip()]  # one line
    assert err.startswith("factlint: error: drafts/nope.md: ")
    assert "Traceback" not in err


def test_fail_on_threshold(run_cli, drafts):
    # Other rules (e.g. document-level fair balance) may also fire on a bare claim: keep to one category.
    only = ("drafts/claims.md", "--select", "unsupported-claim")
    demote = ("--severity", "unsupported-claim=warning")
    assert run_cli("check", *only, *demote, "--fail-on", "error").code == 0
    assert run_cli("check", *only, *demote).code == 1  # default: warning
    code, out, _ = run_cli("check", *only, "--severity", "unsupported-claim=info")
    assert code == 0 and "[info] unsupported-claim" in out


def test_select_and_ignore_flags(run_cli, drafts):
    code, out, _ = run_cli("check", "drafts/claims.md", "--ignore", "FL4")
    assert not any(h["rule"].startswith("FL4") for h in heads(out))
    code, out, _ = run_cli("check", "drafts/claims.md", "--select", "unsupported-claim", "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1 and findings and {f["category"] for f in findings} == {"unsupported-claim"}
    rule = findings[0]["rule"]
    code, out, _ = run_cli("check", "drafts/claims.md", "--select", rule, "--severity", f"{rule}=info")
    assert code == 0 and {h["rule"] for h in heads(out)} == {rule}
    assert {h["sev"] for h in heads(out)} == {"info"}
