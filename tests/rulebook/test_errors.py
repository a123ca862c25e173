"""Every kind of rulebook mistake gives one `RulebookError` line: `file:line: what is wrong`.

Each case's text marks the line the error must point at with `# <-`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rulebook_fixtures import BASE, RULE, Writer, marked_line

from factlint.errors import RulebookError
from factlint.rulebook import load_rulebook, yaml_source

MARK = "  # <-"


def rule(*edits: tuple[str, str]) -> str:
    """RULE with each (old, new) replacement applied once; every `old` must exist."""
    text = RULE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def at_rule_start(text: str) -> str:
    return text.replace("  - id: FL401\n", f"  - id: FL401{MARK}\n", 1)


def without(line: str) -> tuple[str, str]:
    return (line, "")


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    phrase: str  # must appear in the message
    base: bool = True  # load BASE (categories, facts, subjects, cues) first

    def __str__(self) -> str:
        return self.id


CASES = [
    # --- YAML level
    Case("yaml-syntax", "rules: [a, b\n" + f"facts: x{MARK}\n", "YAML syntax error", base=False),
    Case("yaml-bad-indent", f"rules:\n  - id: FL401\n   name: x{MARK}\n", "YAML syntax error", base=False),
    Case("not-a-mapping", f"- id: FL401{MARK}\n- id: FL402\n", "must be a mapping", base=False),
    Case("scalar-file", f"just some words{MARK}\n", "must be a mapping", base=False),
    Case("empty-file", f"# nothing here{MARK}\n", "the file is empty", base=False),
    Case("two-documents", f"rules: []\n---{MARK}\nfacts: []\n", "expected a single document", base=False),
    Case("alias", f"hedge_words: &words [may]\ncues:\n  hedge: *words{MARK}\n".replace(
        "hedge_words: &words [may]\n", ""), "YAML aliases are not allowed in rulebooks", base=False),
    Case("anchor", f"cues:\n  hedge: &words [may]{MARK}\n", "YAML aliases are not allowed in rulebooks",
         base=False),
    Case("custom-tag", f"cues:\n  hedge: [!!binary aGVsbG8=]{MARK}\n", "YAML tag", base=False),
    Case("python-tag", f"cues:\n  hedge: [!!python/object:os.system x]{MARK}\n", "YAML tag", base=False),
    Case("too-deep", "cues:\n  hedge: " + "[" * 40 + "]" * 40 + f"{MARK}\n", "nested more than", base=False),
    Case("duplicate-key", rule(("    name: cure-claim\n", f"    name: cure-claim\n    name: cure{MARK}\n")),
         "key 'name' appears twice in rule FL401 (first on line 3)"),
    Case("non-text-key", f"cues:\n  [a, b]: [may]{MARK}\n", "keys must be plain words", base=False),
    # --- unknown keys
    Case("unknown-top-level", f"rule:{MARK}\n  - id: FL401\n",
         "unknown top-level key 'rule' (did you mean 'rules'?)", base=False),
    Case("unknown-rule-key", rule(("    summary:", f"    sumary: x{MARK}\n    summary:")),
         "unknown key 'sumary' in rule FL401 (did you mean 'summary'?)"),
    Case("snake-case-key", rule(("    summary:", f"    max_gap: 2{MARK}\n    summary:")),
         "unknown key 'max_gap' in rule FL401 (did you mean 'max-gap'?)"),
    Case("unknown-key-no-guess", rule(("    summary:", f"    zzz: 2{MARK}\n    summary:")),
         "unknown key 'zzz' in rule FL401 (allowed keys: id, name"),
    Case("unknown-examples-key", rule(("      pass:", f"      passes: [x]{MARK}\n      pass:")),
         "unknown key 'passes' in 'examples' in rule FL401 (did you mean 'pass'?)"),
    Case("unknown-matching-key", f"matching:\n  maxgap: 2{MARK}\n",
         "unknown key 'maxgap' in 'matching' (did you mean 'max-gap'?)", base=False),
    Case("unknown-fact-key", f"facts:\n  - id: f\n    statment: x{MARK}\n    source: seed.txt\n    quote: q\n",
         "unknown key 'statment' in fact f (did you mean 'statement'?)"),
    # --- missing required keys
    *(
        Case(f"rule-missing-{key}", at_rule_start(rule(without(line))),
             f"rule FL401 is missing the required key '{key}'")
        for key, line in [
            ("name", "    name: cure-claim\n"),
            ("category", "    category: claims\n"),
            ("severity", "    severity: error\n"),
            ("summary", "    summary: Claims a cure\n"),
            ("message", "    message: No source shows a cure.\n"),
            ("suggestion", "    suggestion: It may help.\n"),
            ("fact", "    fact: approved-2019\n"),
            ("examples", "    examples:\n      flag: [It cures depression.]\n      pass: [It is not a cure.]\n"),
        ]
    ),
    Case("rule-missing-id", rule(("  - id: FL401\n    name: cure-claim\n", f"  - name: cure-claim{MARK}\n")),
         "rule #1 is missing the required key 'id'"),
    Case("rule-missing-pass", rule(("      flag: [It cures depression.]", f"      flag: [It cures depression.]{MARK}"),
                                   without("      pass: [It is not a cure.]\n")),
         "'examples' in rule FL401 is missing the required key 'pass'"),
    Case("rule-empty-flag", rule(("      flag: [It cures depression.]", f"      flag: []{MARK}")),
         "'flag' in 'examples' in rule FL401 needs at least 1 item"),
    Case("rule-no-phrases-or-patterns", at_rule_start(rule(without("    phrases: [cure]\n"))),
         "rule FL401 needs 'phrases' or 'patterns'"),
    Case("rule-empty-phrases", at_rule_start(rule(("    phrases: [cure]", "    phrases: []"))),
         "rule FL401 needs 'phrases' or 'patterns'"),
    Case("fact-missing-quote", f"facts:\n  - id: f{MARK}\n    statement: s\n    source: seed.txt\n",
         "fact f is missing the required key 'quote'", base=False),
    Case("subject-missing-aliases", f"subjects:\n  - id: s{MARK}\n", "subject s is missing the required key 'aliases'",
         base=False),
    Case("subject-no-aliases", f"subjects:\n  - id: s\n    aliases: []{MARK}\n",
         "'aliases' in subject s needs at least 1 item", base=False),
    Case("category-missing-prefix", f"categories:\n  - id: c{MARK}\n    title: t\n",
         "category c is missing the required key 'prefix'", base=False),
    Case("source-missing-title", f"sources:\n  - file: x.txt{MARK}\n",
         "source x.txt is missing the required key 'title'", base=False),
    # --- wrong types, empty values
    Case("text-not-list", rule(("    summary: Claims a cure", f"    summary: [a, b]{MARK}")),
         "'summary' in rule FL401 must be a single text value, not a list"),
    Case("list-not-text", rule(("    phrases: [cure]", f"    phrases: cure{MARK}")),
         "'phrases' in rule FL401 must be a list"),
    Case("number-not-text", rule(("    summary:", f"    max-gap: three{MARK}\n    summary:")),
         "'max-gap' in rule FL401 must be a whole number, not the text 'three'"),
    Case("list-item-not-text", rule(("    phrases: [cure]", f"    phrases:\n      - cure\n      - [a, b]{MARK}")),
         "item 2 of 'phrases' in rule FL401 must be a text value, not a list"),
    Case("section-not-list", f"rules:{MARK}\n  id: FL401\n", "'rules' must be a list", base=False),
    Case("list-item-not-mapping", f"rules:\n  - FL401{MARK}\n", "item 1 of 'rules' must be a mapping", base=False),
    Case("examples-not-mapping", rule(("    examples:\n", f"    examples: [a]{MARK}\n"),
                                      without("      flag: [It cures depression.]\n"),
                                      without("      pass: [It is not a cure.]\n")),
         "'examples' in rule FL401 must be a mapping"),
    Case("cue-list-not-list", f"cues:\n  hedge: may{MARK}\n", "'hedge' in 'cues' must be a list", base=False),
    Case("empty-text", rule(("    summary: Claims a cure", f"    summary: ''{MARK}")),
         "'summary' in rule FL401 is empty"),
    Case("blank-text", rule(("    summary: Claims a cure", f"    summary: '   '{MARK}")),
         "'summary' in rule FL401 is empty"),
    Case("no-value", rule(("    summary: Claims a cure", f"    summary:{MARK}")),
         "'summary' in rule FL401 has no value"),
    Case("empty-list-item", rule(("    phrases: [cure]", f"    phrases:\n      - cure\n      -{MARK}")),
         "item 2 of 'phrases' in rule FL401 is empty"),
    Case("empty-list-item-text", rule(("    phrases: [cure]", f"    phrases:\n      - cure\n      - ''{MARK}")),
         "item 2 of 'phrases' in rule FL401 is empty"),
    # --- values
    Case("bad-regex", rule(("    phrases: [cure]", f"    patterns: ['(cure']{MARK}")),
         "pattern '(cure' in rule FL401 is not a valid regular expression: missing )"),
    Case("bad-regex-second-item", rule(("    phrases: [cure]", f"    patterns:\n      - cure\n      - 'a[b'{MARK}")),
         "is not a valid regular expression: unterminated character set"),
    Case("empty-matching-regex", rule(("    phrases: [cure]", f"    patterns: ['(cure)?']{MARK}")),
         "matches empty text"),
    Case("bad-severity", rule(("    severity: error", f"    severity: fatal{MARK}")),
         "'severity' in rule FL401 must be one of error, warning, info (found 'fatal')"),
    Case("bad-scope", rule(("    severity: error", f"    severity: error\n    scope: page{MARK}")),
         "'scope' in rule FL401 must be one of sentence, document (found 'page')"),
    Case("absent-without-document-scope",
         rule(("    severity: error", f"    severity: error\n    absent: [risk]{MARK}")),
         "'absent' in rule FL401 only works with 'scope: document'"),
    Case("absent-with-sentence-scope",
         rule(("    severity: error", f"    severity: error\n    scope: sentence\n    absent: [risk]{MARK}")),
         "only works with 'scope: document'"),
    Case("rule-max-gap-range", rule(("    summary:", f"    max-gap: 11{MARK}\n    summary:")),
         "'max-gap' in rule FL401 must be between 0 and 10 (found 11)"),
    Case("rule-id-form", rule(("  - id: FL401", f"  - id: FL41{MARK}")),
         "'id' in rule FL41 must be 'FL' followed by three digits"),
    Case("rule-name-form", rule(("    name: cure-claim", f"    name: Cure Claim{MARK}")),
         "'name' in rule FL401 must be lower-case words joined by hyphens"),
    Case("source-file-with-folder", f"sources:\n  - file: seeds/x.txt{MARK}\n    title: t\n",
         "must be a plain file name", base=False),
    Case("category-prefix-form", f"categories:\n  - id: c\n    prefix: X4{MARK}\n    title: t\n",
         "'prefix' in category c must be 'FL' followed by one or two digits", base=False),
    # --- matching settings
    Case("fuzzy-min-length-too-small", f"matching:\n  fuzzy-min-length: 2{MARK}\n",
         "'fuzzy-min-length' in 'matching' must be at least 3 (found 2)", base=False),
    Case("max-gap-too-big", f"matching:\n  max-gap: 11{MARK}\n",
         "'max-gap' in 'matching' must be between 0 and 10 (found 11)", base=False),
    Case("max-gap-negative", f"matching:\n  max-gap: -1{MARK}\n", "must be between 0 and 10 (found -1)", base=False),
    Case("max-gap-boolean", f"matching:\n  max-gap: yes{MARK}\n", "must be a whole number", base=False),
    Case("protected-not-list", f"matching:\n  protected: cares{MARK}\n", "'protected' in 'matching' must be a list",
         base=False),
    # --- cross-references
    Case("missing-fact", rule(("    fact: approved-2019", f"    fact: approved-2018{MARK}")),
         "rule FL401 names fact 'approved-2018', which is not listed under 'facts' (did you mean 'approved-2019'?)"),
    Case("missing-category", rule(("    category: claims", f"    category: claim{MARK}")),
         "rule FL401 names category 'claim', which is not listed under 'categories' (did you mean 'claims'?)"),
    Case("missing-subject",
         rule(("    phrases:", f"    subjects:\n      - ketamine\n      - ketamin{MARK}\n    phrases:")),
         "rule FL401 names subject 'ketamin', which is not declared under 'drugs' or 'subjects'"),
    Case("missing-cue-list", rule(("    phrases:", f"    unless: [negation, hedges]{MARK}\n    phrases:")),
         "rule FL401 names cue list 'hedges', which is not a list under 'cues' (did you mean 'hedge'?)"),
    Case("wrong-prefix", rule(("  - id: FL401", f"  - id: FL101{MARK}")),
         "rule id 'FL101' must start with 'FL4', the prefix of its category 'claims'"),
    Case("fact-source-undeclared", f"facts:\n  - id: f\n    statement: s\n    source: other.txt{MARK}\n    quote: q\n",
         "fact f names source 'other.txt', which is not listed under 'sources'"),
    # --- duplicates in one file
    Case("duplicate-rule-same-file",
         RULE + RULE.replace("rules:\n", "").replace("  - id: FL401", f"  - id: FL401{MARK}"),
         "duplicate rule id 'FL401' (first defined at case.yaml:2)"),
    Case("duplicate-rule-name", RULE + RULE.replace("rules:\n", "").replace("FL401", "FL402").replace(
        "    name: cure-claim", f"    name: cure-claim{MARK}"), "rule name 'cure-claim' is already used by rule FL401"),
    Case("duplicate-category-prefix", f"categories:\n  - id: claims-again\n    prefix: FL4{MARK}\n    title: t\n",
         "category claims-again uses the prefix 'FL4', already used by category claims"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_error_points_at_file_and_line(case: Case, write: Writer) -> None:
    paths = ([write("base.yaml", BASE)] if case.base else []) + [write("case.yaml", case.text)]
    with pytest.raises(RulebookError) as caught:
        load_rulebook(paths, include_default=False)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"case.yaml:{marked_line(case.text)}: "), message
    assert case.phrase in message, message


# --- duplicates across files: the message says where the first one is -------------------------------------

DUPLICATES = [
    ("category", "categories:\n  - id: approval\n    prefix: FL7\n    title: t\n", 2,
     "duplicate category id 'approval'", 2),
    ("source", "sources:\n  - file: seed.txt\n    title: t\n", 2, "duplicate source file 'seed.txt'", 9),
    ("fact", "facts:\n  - id: approved-2019\n    statement: s\n    source: seed.txt\n    quote: q\n", 2,
     "duplicate fact id 'approved-2019'", 12),
    ("subject", "subjects:\n  - id: ketamine\n    aliases: [k]\n", 2, "duplicate subject id 'ketamine'", 17),
]


@pytest.mark.parametrize(("kind", "text", "line", "phrase", "first_line"), DUPLICATES, ids=[d[0] for d in DUPLICATES])
def test_duplicate_ids_across_files(kind: str, text: str, line: int, phrase: str, first_line: int,
                                    write: Writer) -> None:
    with pytest.raises(RulebookError) as caught:
        load_rulebook([write("base.yaml", BASE), write("case.yaml", text)], include_default=False)
    assert str(caught.value) == f"case.yaml:{line}: {phrase} (first defined at base.yaml:{first_line})"


def test_duplicate_rule_across_files(write: Writer) -> None:
    first, second = write("a/10.yaml", RULE), write("a/20.yaml", RULE)
    with pytest.raises(RulebookError) as caught:
        load_rulebook([write("base.yaml", BASE), first, second], include_default=False)
    assert str(caught.value) == (
        f"{Path('a/20.yaml')}:2: duplicate rule id 'FL401' (first defined at {Path('a/10.yaml')}:2)")


# --- files and folders ------------------------------------------------------------------------------------

def test_missing_file(write: Writer) -> None:
    with pytest.raises(RulebookError, match=r"^nope\.yaml:1: cannot read this rulebook file: it does not exist$"):
        load_rulebook([Path("nope.yaml")], include_default=False)


def test_folder_without_rulebook_files(write: Writer) -> None:
    write("empty/notes.txt", "hello")
    with pytest.raises(RulebookError, match=r"^empty:1: this folder holds no rulebook files"):
        load_rulebook([Path("empty")], include_default=False)


def test_file_too_large(write: Writer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 100)
    path = write("big.yaml", "cues:\n  hedge: [" + ", ".join(["may"] * 50) + "]\n")
    with pytest.raises(RulebookError, match=r"^big\.yaml:1: the file is too large"):
        load_rulebook([path], include_default=False)


def test_default_size_cap_is_bounded() -> None:
    assert yaml_source.MAX_FILE_BYTES == 5 * 1024 * 1024


def test_not_utf8(write: Writer) -> None:
    path = write("latin.yaml", "cues:\n  hedge: [peut-\xeatre]\n".encode("latin-1"))
    with pytest.raises(RulebookError, match=r"^latin\.yaml:2: the file is not UTF-8 text"):
        load_rulebook([path], include_default=False)


def test_control_character(write: Writer) -> None:
    path = write("ctl.yaml", "cues:\n  hedge: [ma\x07y]\n")
    with pytest.raises(RulebookError, match=r"^ctl\.yaml:2: YAML syntax error"):
        load_rulebook([path], include_default=False)


def test_billion_laughs_is_refused_quickly(write: Writer) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write("laughs.yaml", "\n".join(lines) + "\n")
    with pytest.raises(RulebookError, match=r"^laughs\.yaml:1: YAML aliases are not allowed in rulebooks"):
        load_rulebook([path], include_default=False)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero (a Unix system)")
def test_endless_file_is_read_only_up_to_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 1000)
    with pytest.raises(RulebookError, match=r"^/dev/zero:1: the file is too large"):
        load_rulebook([Path("/dev/zero")], include_default=False)
