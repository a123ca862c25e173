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
from factlint.schema import Form, Key, Kind, Node, Record, Section, is_mapping, kind_of, line_of, read_section

__all__ = ["Record", "read_file"]


# ---------------------------------------------------------------------------------------------- the schema

ID = Form(re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*\Z"),
          "a short name of letters, digits and hyphens without spaces, like 'spravato-approved'")
RULE_ID = Form(re.compile(r"FL[0-9]{3}\Z"), "'FL' followed by three digits, like 'FL401'")
KEBAB = Form(re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z"),
             "lower-case words joined by hyphens, like 'cure-claim'")
PREFIX = Form(re.compile(r"FL[0-9]{1,2}\Z"), "'FL' followed by one or two digits, like 'FL4'")
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

FIX = Section("fix", (
    _text("match", required=True),
    _text("replace", required=True),
    _text("safe", choices=("true", "false")),
), label_key=None)

SEVERITIES = ("error", "warning", "info")
SCOPES = ("sentence", "document")
RULE_KINDS = ("claim", "match", "document")
FRAMES = ("approval", "treats", "efficacy", "safety", "eligibility", "experimental", "neuro")
# Claim names the frames give besides vocabulary class names (matching/frames.py).
BUILT_IN_CLAIMS = ("rate", "population", "minimized-risk", "minimized-addiction", "minimized-breathing", "neuro",
                   "treat")
VERDICTS = ("contradicted", "broadened", "denied", "wrong-agency", "wrong-date", "unsupported", "animal-only",
            "investigational", "not-demonstrated")

RULE = Section("rule", (
    _text("id", required=True, form=RULE_ID),
    _text("name", required=True, form=KEBAB),
    _text("category", required=True, form=ID),
    _text("severity", required=True, choices=SEVERITIES),
    _text("summary", required=True, prose=True),
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
    _text("message", required=True, prose=True),
    _text("suggestion", required=True, prose=True),
    _text("fact", required=True, form=ID),
    Key("examples", Kind.SECTION, required=True, section=EXAMPLES),
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


def read_file(root: Node | None, path: str) -> Record:
    """Check a whole file against the schema."""

    def error(line: int, what: str) -> NoReturn:
        fail(path, line, what)

    if root is None:
        error(1, f"the file is empty; {TOP_HINT}")
    if not is_mapping(root):
        error(line_of(root), f"{TOP_HINT}, not {kind_of(root)}")  # no excerpt: it may be no rulebook
    return read_section(root, TOP, "", error)
