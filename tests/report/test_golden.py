"""Every output format, rendered from one fixed run (tests/sample_run.py) and compared byte for byte with
its golden file in tests/report/golden/, as ruff snapshots its emitters.

A change to a report shows here as a diff of the golden file. When the change is intended, rewrite the
files and review them in the commit:

    FACTLINT_UPDATE_GOLDEN=1 pytest tests/report/test_golden.py
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from sample_run import DRAFTS, sample_result, sample_rulebook

from factlint.report import REPORTERS, ReportOptions, reporter
from factlint.report.source import SourceTexts
from factlint.rulebook import Rulebook

GOLDEN = Path(__file__).parent / "golden"
SARIF_SCHEMA = Path(__file__).parents[1] / "cli" / "data" / "sarif-schema-2.1.0.json"
UPDATE = os.environ.get("FACTLINT_UPDATE_GOLDEN") == "1"
SUFFIXES = {"text": "txt", "json": "json", "sarif": "sarif.json", "github": "github.txt", "rdjsonl": "jsonl",
            "junit": "xml", "html": "html"}


@pytest.fixture(scope="module")
def rulebook(tmp_path_factory: pytest.TempPathFactory) -> Rulebook:
    return sample_rulebook(tmp_path_factory.mktemp("rules"))


def render(name: str, rulebook: Rulebook, root: Path, *, quiet: bool = False) -> str:
    options = ReportOptions(quiet=quiet, rulebook=rulebook, root=root, sources=SourceTexts({}, dict(DRAFTS)))
    return reporter(name).render(sample_result(rulebook), options)


def check_golden(file: Path, actual: str) -> None:
    if UPDATE or not file.exists():
        file.write_bytes(actual.encode("utf-8"))
        if not UPDATE:
            pytest.fail(f"{file.name} did not exist and was written: review it, then run the tests again")
    expected = file.read_bytes().decode("utf-8")
    assert actual == expected, f"{file.name} differs (FACTLINT_UPDATE_GOLDEN=1 rewrites it; review the diff)"


def test_every_format_has_a_golden_file() -> None:
    assert set(SUFFIXES) == set(REPORTERS), "a new format needs a golden file: add it to SUFFIXES"


@pytest.mark.parametrize("name", list(REPORTERS))
def test_report_matches_its_golden_file(name: str, rulebook: Rulebook, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # SARIF's URIs are relative to the root: the drafts' folder
    check_golden(GOLDEN / f"report.{SUFFIXES[name]}", render(name, rulebook, tmp_path))


@pytest.mark.parametrize("name", list(REPORTERS))
def test_rules_listing_matches_its_golden_file(name: str, rulebook: Rulebook) -> None:
    actual = reporter(name).render_rules(rulebook.rules, ReportOptions())
    check_golden(GOLDEN / f"rules.{SUFFIXES[name]}", actual)


def test_the_golden_reports_parse_back(rulebook: Rulebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine-readable formats are what their readers expect (the golden files could be wrong too)."""
    monkeypatch.chdir(tmp_path)
    data = json.loads(render("json", rulebook, tmp_path))
    assert [(f["path"], f["line"], f["rule"]) for f in data["findings"]] == [
        ("site/landing.md", 3, "FL401"), ("site/landing.md", 4, "FL101"),
        ("site/page.html", 1, "FL101"), ("site/page.html", 2, "FL601")]
    assert data["summary"]["by_severity"] == {"error": 2, "warning": 1, "info": 1}
    sarif = json.loads(render("sarif", rulebook, tmp_path))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert sorted((r["ruleId"], "suppressions" in r) for r in results) == [
        ("FL101", False), ("FL101", False), ("FL401", False), ("FL401", True), ("FL601", False), ("FL601", True)]
    lines = [json.loads(line) for line in render("rdjsonl", rulebook, tmp_path).splitlines()]
    landing = next(d for d in lines if d["code"]["value"] == "FL401")
    # Line 3 is "Our 診療所: Ketamine cures depression.": the claim starts at character 19, which is byte 25.
    assert landing["location"]["range"]["start"] == {"line": 3, "column": 25}
    ET.fromstring(render("junit", rulebook, tmp_path).split("\n", 1)[1])
    text = render("text", rulebook, tmp_path, quiet=True)
    assert "site/landing.md:3:19: FL401" in text and "checked" not in text.splitlines()[-1]
