"""The rulebook's key schema, declared as data (the machinery is factlint/schema.py, shared with the
configuration).

`read_file` turns one composed YAML file into a `Record` tree: every key known, every value of the right
type (text, whole number, list of text, nested section), nothing empty, and every key's line remembered so
the loader's cross-checks can point at the right line too. Anything else is a `RulebookError`
(`path:line: what is wrong`) phrased for someone who is not a programmer.
"""

from __future__ import annotations

import re
from typing import NoReturn

from factlint.errors import fail
from factlint.schema import Form, Key, Kind, Node, Problems, Record, Section, is_mapping, kind_of, line_of, read_section
from factlint.spelling import did_you_mean

__all__ = ["Record", "read_file"]


# ---------------------------------------------------------------------------------------------- the schema

ID = Form(re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*\Z"),
          "a short name of letters, digits and hyphens without spaces, like 'spravato-approved'")
# factlint's own rules are FL + three digits; a house names its rules with a prefix of its own (ACME001).
RULE_ID = Form(re.compile(r"(?:FL[0-9]{3}|(?!FL[0-9])[A-Z]{2,12}[0-9]{1,4})\Z"),
               "'FL' followed by three digits, like 'FL401', or a house prefix of capital letters followed by "
               "digits, like 'ACME001'")
KEBAB = Form(re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z"),
             "lower-case words joined by hyphens, like 'cure-claim'")
PREFIX = Form(re.compile(r"(?:FL[0-9]{1,2}|(?!FL\Z)[A-Z]{2,12})\Z"),
              "'FL' followed by one or two digits, like 'FL4', or a house prefix of 2 to 12 capital letters "
              "other than 'FL', like 'ACME'")
FILE_NAME = Form(re.compile(r"(?!\.\.?\Z)[^/\\]+\Z"),
                 "a plain file name without folders, like '000_6cdc9522feb2f253.txt'")

ADDRESS = Form(re.compile(r"https?://[^\s<>\"]+\Z"), "a web address starting with http:// or https://")


def _text(name: str, *, required: bool = False, **extra: object) -> Key:
    return Key(name, Kind.TEXT, required=required, **extra)  # type: ignore[arg-type]


def _list(name: str, *, required: bool = False, min_items: int = 0, form: Form | None = None) -> Key:
    return Key(name, Kind.TEXT_LIST, required=required, min_items=min_items, form=form)


CATEGORY = Section("category", (
    _text("id", required=True, form=ID),
    _text("prefix", required=True, form=PREFIX),
    _text("title", required=True, prose=True),
))

SOURCE_KINDS = ("primary", "secondary")

# A citable document. `file` is where in ../shared the facts citing it were read (a seed, or the reference
# sheet that names the document); `id` (default: `file`) is what facts name in their `source` key.
SOURCE = Section("source", (
    _text("id", form=ID),
    _text("file", required=True, form=FILE_NAME),
    _text("title", required=True, prose=True),
    _text("publisher", prose=True),
    _text("date", prose=True),
    _text("address", form=ADDRESS),
    _text("kind", choices=SOURCE_KINDS),
    _text("note", prose=True),
), label_key="file")

FACT = Section("fact", (
    _text("id", required=True, form=ID),
    _text("statement", required=True, prose=True),
    _text("source", required=True, form=FILE_NAME),
    _text("quote", required=True, prose=True),
    _text("ref"),
    _text("address", form=ADDRESS),
    _text("locator", prose=True),
))

SUBJECT = Section("subject", (
    _text("id", required=True, form=ID),
    _list("aliases", required=True, min_items=1),
))

CUES = Section("cue lists", label_key=None, any_key=_list("*", min_items=1))

VOCABULARY = Section("vocabulary", label_key=None, any_key=_list("*", min_items=1))


def _entity(what: str, *extra: Key) -> Section:
    return Section(what, (
        _text("id", required=True, form=ID),
        _list("names", required=True, min_items=1),
        _text("label", prose=True),
        _text("parent", form=ID),
        *extra,
    ))


DRUG = _entity("drug", _text("stage", choices=("approved", "unapproved", "investigational")))
CONDITION = _entity("condition", _text("broad", choices=("true", "false")))
POPULATION = _entity("population")
SETTING = _entity("setting")
AGENCY = _entity("agency")

APPROVAL = Section("approval", (
    _text("drug", required=True, form=ID),
    _text("agency", required=True, form=ID),
    _list("for", required=True, min_items=1, form=ID),
    _list("populations", form=ID),
    _list("settings", form=ID),
    Key("since", Kind.NUMBER, low=1900, high=2100),
    _text("fact", required=True, form=ID),
), label_key="drug")

EVIDENCE_LEVELS = ("human", "animal", "investigational", "not-demonstrated")
EVIDENCE = Section("evidence", (
    _text("drug", required=True, form=ID),
    _list("for", required=True, min_items=1, form=ID),
    _text("level", required=True, choices=EVIDENCE_LEVELS),
    _text("fact", required=True, form=ID),
), label_key="drug")

MATCHING = Section("matching settings", (
    Key("fuzzy-min-length", Kind.NUMBER, low=3),
    Key("max-gap", Kind.NUMBER, low=0, high=10),
    _list("protected"),
    _list("trailing-cues", form=ID),
), label_key=None)

EXAMPLES = Section("examples", (
    _list("flag", required=True, min_items=1),
    _list("pass", required=True, min_items=1),
), label_key=None)

# A house rule cites its own policy instead of a sourced fact.
POLICY = Section("policy", (
    _text("document", required=True, prose=True),
    _text("section", prose=True),
    _text("address", form=ADDRESS),
    _text("quote", prose=True),
), label_key=None)

FIX = Section("fix", (
    _text("match", required=True),
    _text("replace", required=True),
    _text("safe", choices=("true", "false")),
), label_key=None)

SEVERITIES = ("error", "warning", "info")
SCOPES = ("sentence", "document")
RULE_KINDS = ("claim", "match", "document", "phrase")
FRAMES = ("approval", "treats", "efficacy", "safety", "eligibility", "experimental", "neuro")
# Claim names the frames give besides vocabulary class names (matching/frames.py).
BUILT_IN_CLAIMS = ("rate", "population", "minimized-risk", "minimized-addiction", "minimized-breathing", "neuro",
                   "treat")
VERDICTS = ("contradicted", "broadened", "denied", "wrong-agency", "wrong-date", "unsupported", "animal-only",
            "investigational", "not-demonstrated")

# Keys a `kind: phrase` rule may leave out: the loader gives them defaults (loader.py, _RuleBuilder).
PHRASE_DEFAULTS = ("name", "category", "severity", "summary", "message", "suggestion", "examples")

RULE = Section("rule", (
    _text("id", required=True, form=RULE_ID),
    _text("name", form=KEBAB),
    _text("category", form=ID),
    _text("severity", choices=SEVERITIES),
    _text("summary", prose=True),
    _text("kind", choices=RULE_KINDS),
    _text("frame", choices=FRAMES),
    _list("claims", form=ID),
    _list("verdicts", form=ID),
    _list("conditions", form=ID),
    _list("populations", form=ID),
    _list("settings", form=ID),
    _list("subjects", form=ID),
    _list("phrases"),
    _list("patterns"),
    _list("unless", form=ID),
    _list("exceptions"),
    _text("scope", choices=SCOPES),
    _list("absent"),
    Key("max-gap", Kind.NUMBER, low=0, high=10),
    _text("message", prose=True),
    _text("suggestion", prose=True),
    _text("fact", form=ID),
    Key("policy", Kind.SECTION, section=POLICY),
    Key("examples", Kind.SECTION, section=EXAMPLES),
    Key("fix", Kind.SECTION, section=FIX),
))

TOP = Section("", (
    Key("categories", Kind.SECTION_LIST, section=CATEGORY),
    Key("sources", Kind.SECTION_LIST, section=SOURCE),
    Key("facts", Kind.SECTION_LIST, section=FACT),
    Key("subjects", Kind.SECTION_LIST, section=SUBJECT),
    Key("drugs", Kind.SECTION_LIST, section=DRUG),
    Key("conditions", Kind.SECTION_LIST, section=CONDITION),
    Key("populations", Kind.SECTION_LIST, section=POPULATION),
    Key("settings", Kind.SECTION_LIST, section=SETTING),
    Key("agencies", Kind.SECTION_LIST, section=AGENCY),
    Key("approvals", Kind.SECTION_LIST, section=APPROVAL),
    Key("evidence", Kind.SECTION_LIST, section=EVIDENCE),
    Key("vocabulary", Kind.SECTION, section=VOCABULARY),
    Key("cues", Kind.SECTION, section=CUES),
    Key("matching", Kind.SECTION, section=MATCHING),
    Key("rules", Kind.SECTION_LIST, section=RULE),
), label_key=None)

TOP_HINT = "a rulebook file must be a mapping with keys such as 'rules:' and 'facts:' at the top level"


def read_file(root: Node | None, path: str, problems: Problems | None = None) -> Record:
    """Check a whole file against the schema (with `problems`: every mistake is added to it, and the
    entries that have one are left out of the record)."""

    def error(line: int, what: str) -> NoReturn:
        fail(path, line, what)

    if root is None:
        error(1, f"the file is empty; {TOP_HINT}")
    if not is_mapping(root):
        error(line_of(root), f"{TOP_HINT}, not {kind_of(root)}")  # no excerpt: it may be no rulebook
    if problems is not None and not _looks_like_a_rulebook(root):
        problems = None  # a file that is no rulebook at all (named by mistake) gets one line, about its first key
    return read_section(root, TOP, "", error, problems)


def _looks_like_a_rulebook(root: Node) -> bool:
    """Every top-level key is a rulebook key or near one (a typo such as 'rule')."""
    return all(key.id == "scalar" and isinstance(key.value, str)
               and (TOP.lookup(key.value.strip()) is not None or did_you_mean(key.value.strip(), TOP.names()))
               for key, _ in root.value)
