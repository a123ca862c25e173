"""A finding that carries the claim in words and the rules merged into it shows them in every report that
has room for them; one that does not, shows nothing extra (the claims engine fills them in)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from factlint.findings import FactRef, Finding, Severity
from factlint.report import ReportOptions, reporter
from factlint.report.source import SourceTexts
from factlint.results import LintResult

TEXT = "x Ketamine cures depression."
PLAIN = Finding("page.md", 1, 12, 1, 28, 11, 27, "FL401", "unsupported-claim", Severity.ERROR, "Why.",
                "cures depression", "A rewrite.", FactRef("f", "A fact.", "seed.txt", "A quote."))
RICH = dataclasses.replace(PLAIN, claim="ketamine cures depression", merged=("FL510", "FL411"))


def _render(fmt: str, finding: Finding) -> str:
    options = ReportOptions(sources=SourceTexts(given={"page.md": TEXT}))
    return reporter(fmt).render(LintResult(findings=(finding,), files_checked=1, files=("page.md",)), options)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html"])
def test_claim_and_merged_rules_are_shown_when_present(fmt: str) -> None:
    rich, plain = _render(fmt, RICH), _render(fmt, PLAIN)
    assert "ketamine cures depression" in rich and "FL510" in rich and "FL411" in rich
    assert "FL510" not in plain and "FL411" not in plain


def test_json_and_sarif_carry_them_as_fields() -> None:
    finding = json.loads(_render("json", RICH))["findings"][0]
    assert (finding["claim"], finding["merged"]) == ("ketamine cures depression", ["FL510", "FL411"])
    assert "claim" not in json.loads(_render("json", PLAIN))["findings"][0]
    result = json.loads(_render("sarif", RICH))["runs"][0]["results"][0]
    assert result["properties"]["merged"] == ["FL510", "FL411"]
