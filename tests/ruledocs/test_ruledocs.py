"""One documentation page per rule (docs/rules/), `factlint explain` printing it, SARIF and rdjsonl linking to it."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest

from factlint.cli import run
from factlint.rulebook import load_rulebook
from factlint.rulebook.model import Rule
from factlint.ruledocs import DOCS_FOLDER, doc_url, main, pages, rule_page

REPO = Path(__file__).resolve().parents[2]
BOOK = load_rulebook()


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = run(list(args))
    return code, out.getvalue()


def test_docs_folder_is_up_to_date_with_the_rulebook(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--check", str(REPO / DOCS_FOLDER)])
    assert code == 0, capsys.readouterr().err


@pytest.mark.parametrize("rule", BOOK.rules, ids=lambda r: r.id)
def test_explain_prints_the_rule_page(rule: Rule) -> None:
    code, out = _cli("explain", rule.id)
    assert code == 0
    assert out == (REPO / DOCS_FOLDER / f"{rule.id}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", BOOK.rules, ids=lambda r: r.id)
def test_every_page_explains_checks_fact_source_examples_rewrite_and_suppression(rule: Rule) -> None:
    page = rule_page(rule, BOOK)
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings[:7] == ["What it checks", "Why", "The fact and its source", "Examples", "Compliant rewrite",
                            "How to suppress it", "Rulebook details"]
    citation = rule.fact.as_ref().citation
    assert citation is not None and citation.title.split(":")[0].split("(")[0].strip() in page.replace("\\", "")
    if citation.address:
        assert f"({citation.address})" in page
    for example in (*rule.flag_examples, *rule.pass_examples):
        assert f"- {example}" in page.replace("\\", "")
    assert f"factlint-disable-next-line {rule.id} -- " in page
    assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt|domain-facts\.md", page)


def test_index_lists_every_rule_with_a_link() -> None:
    index = pages(BOOK)["README.md"]
    for rule in BOOK.rules:
        assert f"[{rule.id}]({rule.id}.md)" in index


def test_a_new_rule_field_is_documented_without_touching_the_generator() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class ReviewedRule(Rule):
        reviewed_by: str = ""

    rule = BOOK.rules[0]
    fields = {f.name: getattr(rule, f.name) for f in dataclasses.fields(rule)}
    reviewed = ReviewedRule(**fields, reviewed_by="MLR-2026-11")
    assert "- Reviewed by: `MLR-2026-11`" in rule_page(reviewed, BOOK)


def test_rulebook_text_cannot_inject_markup() -> None:
    rule = dataclasses.replace(BOOK.rules[0], summary="Bad <script>alert(1)</script> [x](javascript:y) *z*")
    page = rule_page(rule, BOOK)
    assert "<script>" not in page and " [x](javascript" not in page  # the brackets are escaped: no link
    assert r"\<script\>" in page


def test_sarif_help_uri_and_rdjsonl_code_url_point_at_the_rule_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code, out = _cli("check", "examples/", "--format", "sarif", "--jobs", "1")
    assert code == 1
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == len(BOOK.rules)
    for entry in rules:
        assert entry["helpUri"].endswith(f"/{DOCS_FOLDER}/{entry['id']}.md"), entry["helpUri"]
        assert (REPO / DOCS_FOLDER / f"{entry['id']}.md").is_file()
    code, out = _cli("check", "examples/", "--format", "rdjsonl", "--jobs", "1")
    diagnostics = [json.loads(line) for line in out.splitlines()]
    assert diagnostics
    for diagnostic in diagnostics:
        assert diagnostic["code"]["url"].endswith(f"/{DOCS_FOLDER}/{diagnostic['code']['value']}.md")


def test_a_rule_from_a_user_rulebook_has_no_page_link(tmp_path: Path) -> None:
    rule = dataclasses.replace(BOOK.rules[0], file=str(tmp_path / "house-rules.yaml"))
    assert doc_url(rule) is None
    assert doc_url(BOOK.rules[0]) is not None
