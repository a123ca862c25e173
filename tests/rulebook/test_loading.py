"""A valid multi-file rulebook loads, merges and builds the model the matcher uses."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import regex
from rulebook_fixtures import FIXTURES, RULE, Writer

from factlint.findings import Severity
from factlint.rulebook import Rulebook, compile_pattern, iter_rule_examples, load_rulebook
from factlint.rulebook.model import Fact, Matching

VALID = FIXTURES / "valid"
VALID_FILES = ["10-base.yaml", "20-rules.yaml", "30-facts.yml"]


@pytest.fixture(scope="module")
def book() -> Rulebook:
    return load_rulebook([VALID], include_default=False)


def test_folder_loads_its_yaml_files_in_name_order(book: Rulebook) -> None:
    assert [Path(f).name for f in book.files] == VALID_FILES  # not notes.txt, not .hidden.yaml


def test_ids_from_all_files_are_merged(book: Rulebook) -> None:
    assert [rule.id for rule in book.rules] == ["FL401", "FL101"]
    assert list(book.categories) == ["approval", "claims"]
    assert list(book.facts) == ["approved-2019", "supervised"]
    assert list(book.subjects) == ["ketamine", "esketamine"]
    assert list(book.sources) == ["seed.txt"]
    assert book.rule("FL101") is book.rules[1]
    assert book.rule("FL999") is None


def test_cue_lists_are_concatenated_without_duplicates(book: Rulebook) -> None:
    assert book.cues == {"negation": ("not", "no", "never"), "hedge": ("may",)}


def test_matching_later_file_wins_and_protected_words_merge(book: Rulebook) -> None:
    assert book.matching == Matching(fuzzy_min_length=5, max_gap=2, protected=("cares", "secure"))


def test_matching_defaults_when_not_given(write: Writer) -> None:
    assert load_rulebook([write("cues.yaml", "cues:\n  hedge: [may]\n")], include_default=False).matching == Matching()


def test_rule_fields(book: Rulebook) -> None:
    cure, supervision = book.rules
    assert cure.severity is Severity.ERROR and supervision.severity is Severity.WARNING
    assert cure.subjects == ("ketamine", "esketamine")
    assert cure.phrases == ("cure", "cure depression")
    assert cure.unless == ("negation", "hedge")
    assert cure.exceptions == ("no cure",)
    assert (cure.scope, cure.absent, cure.max_gap, cure.patterns) == ("sentence", (), None, ())
    assert cure.message == "No source shows a cure."  # folded block, whitespace collapsed
    assert cure.flag_examples == ("Ketamine cures depression.",)
    assert cure.pass_examples == ("Ketamine is not a cure.", "Ketamine may cure depression.")
    assert (Path(cure.file).name, cure.line) == ("20-rules.yaml", 2)
    assert supervision.patterns == (r"\bspravato\b",)
    assert (supervision.scope, supervision.absent, supervision.max_gap) == ("document", ("supervision",
                                                                                       "certified office"), 0)


def test_rules_carry_their_fact(book: Rulebook) -> None:
    fact = book.rules[0].fact
    assert fact is book.facts["approved-2019"]
    assert fact == Fact("approved-2019", "Approved in 2019.", "seed.txt", "approved by the FDA in 2019", "F11",
                        "https://example.org/label", cited=book.sources["seed.txt"])
    assert fact.as_ref().source == "seed.txt F11"
    assert book.rules[1].fact.ref is None and book.rules[1].fact.address is None


def test_text_is_trimmed_and_titles_collapse_whitespace(book: Rulebook) -> None:
    assert book.categories["claims"].title == "Unsupported claims"
    assert book.sources["seed.txt"].title == "A seed: document"


def test_files_in_any_order_of_arguments_give_the_same_model(book: Rulebook) -> None:
    files = [VALID / name for name in reversed(VALID_FILES)]
    reordered = load_rulebook(files, include_default=False)
    assert set(reordered.rules) == set(book.rules)
    assert reordered.digest != book.digest  # the digest follows load order


def test_digest_is_sha256_over_names_and_bytes(book: Rulebook) -> None:
    digest = hashlib.sha256()
    for name in VALID_FILES:
        for part in (name.encode(), (VALID / name).read_bytes()):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    assert book.digest == digest.hexdigest()


def test_digest_changes_with_content(tmp_path: Path, book: Rulebook) -> None:
    copy = tmp_path / "valid"
    shutil.copytree(VALID, copy)
    assert load_rulebook([copy], include_default=False).digest == book.digest  # location does not matter
    with (copy / "10-base.yaml").open("a") as handle:
        handle.write("# a comment\n")
    assert load_rulebook([copy], include_default=False).digest != book.digest


def test_the_same_file_twice_loads_once(book: Rulebook) -> None:
    again = load_rulebook([VALID, VALID / "20-rules.yaml"], include_default=False)
    assert again.files == book.files and again.digest == book.digest


def test_paths_inside_the_current_folder_are_shown_relative(write: Writer) -> None:
    base = write("base.yaml", (FIXTURES / "valid" / "10-base.yaml").read_text())
    book = load_rulebook([base.resolve()], include_default=False)
    assert book.files == ("base.yaml",)


def test_iter_rule_examples(book: Rulebook) -> None:
    examples = [(rule.id, sentence, flag) for rule, sentence, flag in iter_rule_examples(book)]
    assert examples == [
        ("FL401", "Ketamine cures depression.", True),
        ("FL401", "Ketamine is not a cure.", False),
        ("FL401", "Ketamine may cure depression.", False),
        ("FL101", "Try Spravato today.", True),
        ("FL101", "Spravato is given under supervision.", False),
    ]


def test_extra_rules_merge_with_the_default_rulebook(write: Writer) -> None:
    default = load_rulebook()
    extra = write("extra.yaml", "cues:\n  hedge: [perhaps-maybe]\n")
    merged = load_rulebook([extra])
    assert merged.rules == default.rules
    assert merged.cues["hedge"][-1] == "perhaps-maybe"
    assert merged.files == (*default.files, "extra.yaml")


def test_yaml_11_booleans_and_numbers_stay_text_where_text_is_expected(write: Writer) -> None:
    base = write("base.yaml", "cues:\n  negation: [no, off, 'yes', 3, 1.5, 2019-01-01, ~x]\n")
    book = load_rulebook([base], include_default=False)
    assert book.cues["negation"] == ("no", "off", "yes", "3", "1.5", "2019-01-01", "~x")


def test_a_rule_may_use_facts_from_another_file(write: Writer) -> None:
    base = write("a.yaml", (FIXTURES / "valid" / "10-base.yaml").read_text())
    facts = write("c.yaml", "facts:\n  - {id: approved-2019, statement: s, source: seed.txt, quote: q}\n")
    book = load_rulebook([base, write("b.yaml", RULE), facts], include_default=False)
    assert book.rules[0].fact.quote == "q"


def test_compile_pattern_is_case_insensitive_version0_and_cached() -> None:
    pattern = compile_pattern(r"\b100 ?% (?:of )?patients\b")
    assert isinstance(pattern, regex.Pattern)
    assert pattern.flags & regex.IGNORECASE and pattern.flags & regex.VERSION0
    assert pattern.search("cures 100% OF Patients")
    assert compile_pattern(r"\b100 ?% (?:of )?patients\b") is pattern
    with pytest.raises(regex.error):
        compile_pattern("(")


def _doc_blocks() -> list[str]:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "rulebook.md").read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in doc.split("```yaml\n")[1:]]


def test_the_documented_house_additions_load_and_work(write: Writer) -> None:
    """docs/rulebook.md's product, words and rule examples, added to the default rulebook as a house file,
    load and catch what they say they catch."""
    from factlint.documents import parse_document
    from factlint.matching import Matcher

    blocks = _doc_blocks()
    house = "\n".join(b for b in blocks if b.startswith(("# 20-entities", "# 25-vocabulary", "rules:")))
    book = load_rulebook([write("house.yaml", house)])
    assert book.rule("FL490") is not None and "ketamine-lozenge-brand-x" in book.entities
    matcher = Matcher(book)

    def rules(text: str) -> set[str]:
        return {f.rule for f in matcher.check(parse_document(text, "copy.txt", "text"))}

    assert "FL490" in rules("Ketamine is clinically perfect.")
    assert "FL490" not in rules("Ketamine is not clinically perfect.")
    assert rules("Brand X lozenges are FDA-approved for depression.")  # a form of compounded ketamine
    assert rules("Ketamine banishes depression.")


def test_the_documented_shipped_entries_are_the_shipped_ones() -> None:
    """The approval, evidence, source and fact the guide shows are the rulebook's own, not invented."""
    import yaml

    book = load_rulebook()
    blocks = [yaml.safe_load(b) for b in _doc_blocks() if b.startswith(("# 21-fact-base", "sources:"))]
    assert len(blocks) == 2
    for approval in blocks[0]["approvals"]:
        assert any(a.drug == approval["drug"] and a.fact == approval["fact"] for a in book.approvals)
    for fact in blocks[1]["facts"]:
        assert book.facts[fact["id"]].statement == fact["statement"]


def test_a_single_path_may_be_given_bare(book: Rulebook) -> None:
    assert load_rulebook(str(VALID), include_default=False).digest == book.digest  # type: ignore[arg-type]
