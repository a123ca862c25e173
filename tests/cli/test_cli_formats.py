"""Machine formats for CI (sarif, github, rdjsonl, junit) and --exit-zero / --jobs, each parsed back."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from cli_support import CLAIM, COMPLIANT, write

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# "é" is 2 bytes in UTF-8 and "💊" is 4: columns differ between code points and bytes.
UNICODE_LINE = "Café 💊 news: Ketamine cures depression."


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree with drafts in a sub-folder (SARIF uris are relative to the repo root)."""
    root = tmp_path / "repo"
    write(root / "docs" / "claims.md", f"# Ketamine\n\n{CLAIM}\n\n{UNICODE_LINE}\n")
    write(root / "docs" / "ok.md", f"# Ketamine\n\n{COMPLIANT}\n")
    write(root / "docs" / "page.html", f"<p>{CLAIM}</p>\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_sarif_validates_against_the_official_schema_and_has_what_github_needs(run_cli, repo):
    code, out, err = run_cli("check", ".", "--format", "sarif", cwd=repo / "docs")
    assert code == 1, err
    sarif = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert rules and all(
        r["id"] and r["name"] and r["shortDescription"]["text"] and r["fullDescription"]["text"]
        and r["help"]["text"] and r["help"]["markdown"]
        and r["defaultConfiguration"]["level"] in ("error", "warning", "note") and r["properties"]["tags"]
        for r in rules
    )
    results = run["results"]
    assert results
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] in ("docs/claims.md", "docs/page.html")  # repo-relative
        region = location["region"]
        assert region["startLine"] >= 1 and region["endLine"] >= region["startLine"]
        assert region["endColumn"] > region["startColumn"] >= 1
        assert re.fullmatch(r"[0-9a-f]{32}:\d+", result["partialFingerprints"]["factlint/v1"])
    # The unicode line: columns count code points ("cures depression" starts at code point 24).
    line5 = [r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
             and r["ruleId"] == "FL401"]
    assert line5[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == UNICODE_LINE.index("cures") + 1


def test_sarif_fingerprints_survive_edits_elsewhere_in_the_file(run_cli, repo):
    def prints() -> set[str]:
        out = run_cli("check", "docs", "--format", "sarif", cwd=repo).stdout
        return {(r["ruleId"], r["partialFingerprints"]["factlint/v1"]) for r in json.loads(out)["runs"][0]["results"]}

    before = prints()
    claims = repo / "docs" / "claims.md"
    claims.write_text("New intro paragraph.\n\n" + claims.read_text(encoding="utf-8"), encoding="utf-8")
    assert prints() == before


def _unescape(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


ANNOTATION = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def test_github_annotations_parse_back_with_escaping(run_cli, tmp_path):
    # A file name with the characters workflow commands must escape in properties: ',' ':' '%'.
    name = "100%,a:b.md"
    write(tmp_path / name, f"{CLAIM}\n")
    code, out, err = run_cli("check", name, "--format", "github")
    assert code == 1, err
    lines = out.splitlines()
    assert lines[0] == "::group::100%25,a:b.md" and "::endgroup::" in lines
    annotations = [ANNOTATION.match(line) for line in lines if line.startswith(("::error", "::warning", "::notice"))]
    assert annotations and all(annotations)
    for match in annotations:
        props = dict(item.split("=", 1) for item in match["props"].split(","))
        assert _unescape(props["file"]) == name
        assert props["file"] == "100%25%2Ca%3Ab.md"
        assert int(props["line"]) == 1 and int(props["endColumn"]) > int(props["col"]) >= 1
        assert "endLine" in props and _unescape(props["title"]).startswith("factlint FL")
        message = match["message"]
        assert "\n" not in message and "%0A" in message  # multi-line message, escaped
        assert "Suggestion: " in _unescape(message)
    assert lines[-1].startswith("1 file checked: ")


def test_rdjsonl_one_diagnostic_per_line_with_byte_columns(run_cli, tmp_path):
    write(tmp_path / "news.md", f"{UNICODE_LINE}\n")
    code, out, err = run_cli("check", "news.md", "--format", "rdjsonl", "--select", "FL401")
    assert code == 1, err
    diagnostics = [json.loads(line) for line in out.splitlines()]
    assert len(diagnostics) == 1
    d = diagnostics[0]
    assert d["severity"] == "ERROR" and d["code"]["value"] == "FL401" and d["source"]["name"] == "factlint"
    assert d["location"]["path"] == "news.md"
    start = d["location"]["range"]["start"]
    end = d["location"]["range"]["end"]
    prefix = UNICODE_LINE[: UNICODE_LINE.index("cures")]
    assert start == {"line": 1, "column": len(prefix.encode("utf-8")) + 1}  # UTF-8 bytes, 1-based
    matched = d["location"]["range"]
    raw = UNICODE_LINE.encode("utf-8")[start["column"] - 1 : end["column"] - 1].decode("utf-8")
    assert raw == "cures depression", matched  # end is exclusive


def test_junit_one_testcase_per_finding_and_a_passing_one_per_clean_file(run_cli, repo):
    """As eslint and markdownlint write JUnit: Jenkins and GitLab then list every finding, not one per file."""
    code, out, err = run_cli("check", "docs", "--format", "junit", "--jobs", "1", cwd=repo)
    assert code == 1, err
    root = ET.fromstring(out.encode("utf-8"))
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"docs/claims.md", "docs/ok.md", "docs/page.html"}
    (clean,) = suites["docs/ok.md"].findall("testcase")
    assert clean.get("name") == "no findings" and clean.find("failure") is None
    findings = json.loads(run_cli("check", "docs", "--format", "json", cwd=repo).stdout)["findings"]
    assert len(findings) >= 3
    for path in ("docs/claims.md", "docs/page.html"):
        cases = suites[path].findall("testcase")
        mine = [f for f in findings if f["path"] == path]
        assert [(c.get("name"), c.get("classname"), c.find("failure").get("type")) for c in cases] == [
            (f"{f['rule']} at {f['line']}:{f['column']}", path, f["rule"]) for f in mine]
        assert suites[path].get("tests") == suites[path].get("failures") == str(len(mine))
    assert root.get("tests") == str(len(findings) + 1) and root.get("failures") == str(len(findings))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "rdjsonl", "junit"])
def test_jobs_output_is_byte_identical(run_cli, tmp_path, fmt):
    for i in range(12):
        write(tmp_path / "site" / f"page{i:02}.md", f"# Page {i}\n\n{CLAIM}\n\n{UNICODE_LINE}\n")
    one = run_cli("check", "site", "--format", fmt, "--jobs", "1")
    many = run_cli("check", "site", "--format", fmt, "--jobs", "4")
    assert one.code == many.code == 1
    assert one.stdout == many.stdout and one.stdout


def test_exit_zero_reports_but_exits_zero(run_cli, tmp_path):
    write(tmp_path / "a.md", f"{CLAIM}\n")
    code, out, err = run_cli("check", "a.md", "--exit-zero")
    assert code == 0 and "FL401" in out and err == ""
    # Input errors still exit 2.
    code, _, err = run_cli("check", "missing.md", "--exit-zero")
    assert code == 2 and "missing.md" in err
