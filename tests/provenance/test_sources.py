"""Provenance a reviewer can cite: every fact names a registered source by its title, and no report
shows a seed file name instead of it (issue 12, item 2)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from project import SHARED, needs_shared

from factlint.errors import RulebookError
from factlint.rulebook import load_rulebook

SEED_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|domain-facts\.md")
BOOK = load_rulebook()


def _shared_text(name: str) -> str:
    for folder in ("seeds", "reference"):
        path = SHARED / folder / name
        if path.is_file():
            return " ".join(path.read_text(encoding="utf-8").split())
    raise AssertionError(f"{name} is not in {SHARED}")


def test_every_fact_cites_a_titled_source_of_known_kind() -> None:
    for fact in BOOK.facts.values():
        source = BOOK.sources[fact.source]
        assert fact.cited == source, fact.id
        assert source.title and not SEED_NAME.search(source.title), fact.id
        assert source.kind in ("primary", "secondary"), f"{source.key}: say whether it is primary or secondary"


def test_reference_sheet_facts_cite_the_document_not_the_sheet() -> None:
    for fact in BOOK.facts.values():
        if fact.ref:
            source = BOOK.sources[fact.source]
            assert source.file == "domain-facts.md" and source.id, fact.id
            assert source.address, f"{fact.id}: the document the sheet names has an address there"


@needs_shared
def test_no_address_is_invented() -> None:
    """Every address (source, fact, and those quoted in notes) appears word for word in ../shared."""
    for source in BOOK.sources.values():
        text = _shared_text(source.file)
        addresses = [source.address or "", *re.findall(r"https?://\S+", source.note or "")]
        for address in filter(None, addresses):
            assert address.rstrip(".,;)") in text, f"{source.key}: {address} is not in {source.file}"
    for fact in BOOK.facts.values():
        if fact.address:
            assert fact.address in _shared_text(BOOK.sources[fact.source].file), fact.id


@needs_shared
def test_seed_titles_publishers_and_dates_are_the_seeds_own() -> None:
    for source in BOOK.sources.values():
        if source.file == "domain-facts.md":
            continue
        text = _shared_text(source.file)
        assert source.title in text, source.title
        if source.publisher:
            assert source.publisher in text, source.publisher
        if source.date:
            for part in re.findall(r"[A-Z][a-z]+ \d{1,2}, \d{4}", source.date):
                assert part in text, part


def test_primary_documents_named_by_the_brief_are_cited() -> None:
    """The label's boxed warning, the REMS, 21 CFR on accessdata.fda.gov: the primary documents facts rest on."""
    by_fact = {fact.id: fact.as_ref().citation for fact in BOOK.facts.values()}
    boxed = by_fact["spravato-boxed-warning"]
    assert boxed is not None and boxed.kind == "primary" and boxed.locator == "Boxed warning"
    assert boxed.address == "https://fda.report/DailyMed/d81a6a79-a74a-44b7-822c-0dfa3036eaed"
    rems = by_fact["spravato-rems-no-home-use"]
    assert rems is not None and "REMS" in rems.title and rems.kind == "primary"
    cfr = by_fact["overstating-efficacy-misleading"]
    assert cfr is not None and cfr.address and "accessdata.fda.gov" in cfr.address and cfr.kind == "primary"


def test_citation_text_reads_like_a_reference() -> None:
    ref = BOOK.facts["spravato-boxed-warning"].as_ref()
    assert ref.cited_as == ("SPRAVATO (esketamine) nasal spray, CIII: prescribing information. DailyMed (copy at "
                            "fda.report). Boxed warning. https://fda.report/DailyMed/d81a6a79-a74a-44b7-822c-0dfa3036eaed")
    assert ref.source == "domain-facts.md F14" and ref.quote_via == "reference sheet F14"
    seed = BOOK.facts["rr-hnk-phase-1-only"].as_ref()
    assert seed.cited_as.startswith("Researchers Examine Novel Ketamine-Related Medication")
    assert "ZME Science, March 26, 2025" in seed.cited_as and "Secondary source." in seed.cited_as
    assert seed.source == "004_e4e1349bfefd6151.txt" and seed.quote_via is None


# ------------------------------------------------------------------------------------------ loader


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "book.yaml"
    path.write_text(body, encoding="utf-8")
    return path


RULE = """
categories: [{id: claims, prefix: FL9, title: Claims}]
rules:
  - id: FL901
    name: cure
    category: claims
    severity: error
    summary: Cure claims
    phrases: [cures depression]
    message: No cure.
    suggestion: May help.
    fact: f
    examples: {flag: [It cures depression.], pass: [It helps.]}
"""


def test_a_source_id_defaults_to_its_file_and_an_explicit_id_is_what_facts_name(tmp_path: Path) -> None:
    book = load_rulebook([_write(tmp_path, RULE + """
sources:
  - {file: seed.txt, title: A seed}
  - {id: label, file: sheet.md, title: The label, publisher: Maker, date: "2020", address: "https://example.org/l",
     kind: primary, note: a note}
facts:
  - {id: f, statement: S., source: label, quote: Q., ref: F1, locator: Section 1}
  - {id: g, statement: T., source: seed.txt, quote: R.}
""")], include_default=False)
    assert set(book.sources) == {"seed.txt", "label"}
    ref = book.facts["f"].as_ref()
    assert ref.source == "sheet.md F1" and ref.address == "https://example.org/l"
    assert ref.cited_as == "The label. Maker, 2020. Section 1. https://example.org/l"
    assert book.facts["g"].as_ref().cited_as == "A seed."


@pytest.mark.parametrize("sources, facts, message", [
    ("[{file: a.txt, title: A}, {file: a.txt, title: B}]", "[{id: f, statement: S., source: a.txt, quote: Q.}]",
     "duplicate source file 'a.txt'"),
    ("[{id: x, file: a.txt, title: A}]", "[{id: f, statement: S., source: a.txt, quote: Q.}]",
     "names source 'a.txt', which is not listed under 'sources'"),
    ("[{file: a.txt, title: A, address: 'javascript:alert(1)'}]",
     "[{id: f, statement: S., source: a.txt, quote: Q.}]", "must be a web address"),
    ("[{file: a.txt, title: A, kind: tertiary}]", "[{id: f, statement: S., source: a.txt, quote: Q.}]",
     "must be one of primary, secondary"),
])
def test_bad_sources_are_one_line_errors(tmp_path: Path, sources: str, facts: str, message: str) -> None:
    path = _write(tmp_path, RULE + f"sources: {sources}\nfacts: {facts}\n")
    with pytest.raises(RulebookError) as err:
        load_rulebook([path], include_default=False)
    assert message in str(err.value) and "\n" not in str(err.value)


# ------------------------------------------------------------------------------------------ reports


@pytest.fixture(scope="module")
def examples_run(tmp_path_factory: pytest.TempPathFactory):
    from factlint.cli import run

    def out(fmt: str) -> str:
        import contextlib
        import io

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            run(["check", "examples/", "--format", fmt, "--jobs", "1", "--no-color"])
        return buffer.getvalue()

    return out


@pytest.mark.parametrize("fmt", ["text", "sarif", "github", "junit", "rdjsonl", "html"])
def test_no_report_shows_a_seed_file_name(examples_run, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    out = examples_run(fmt)
    assert "FL" in out
    assert not SEED_NAME.search(out), SEED_NAME.search(out)


def test_json_keeps_the_seed_file_for_traceability_beside_the_citation(examples_run,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    findings = json.loads(examples_run("json"))["findings"]
    assert findings
    for finding in findings:
        fact = finding["fact"]
        assert SEED_NAME.fullmatch(fact["source"].split(" ")[0]), fact["source"]
        citation = fact["citation"]
        assert citation["title"] and citation["kind"] in ("primary", "secondary")
        assert citation["text"].startswith(citation["title"].rstrip("."))
        assert fact["address"] == citation["address"]
        assert (fact["quote_via"] is None) == (" F" not in fact["source"])
