"""The rulebook's key schema, declared as data, and the reader that checks YAML nodes against it.

`read_file` turns one composed YAML file into a `Record` tree: every key known, every value of the right
type (text, whole number, list of text, nested section), nothing empty, and every key's line remembered so
the loader's cross-checks can point at the right line too. Anything else is a `RulebookError`
(`path:line: what is wrong`) phrased for someone who is not a programmer.
"""

from __future__ import annotations

import difflib
import enum
import re
from dataclasses import dataclass, field
from typing import cast

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factlint.errors import fail
from factlint.rulebook.yaml_source import line_of

_TAG = "tag:yaml.org,2002:"
_TEXT_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "timestamp"))
_NULL_TAG = _TAG + "null"
_INT_TAG = _TAG + "int"
_SEQ_TAG = _TAG + "seq"
_MAP_TAG = _TAG + "map"
_INTEGERS = SafeConstructor()


class Kind(enum.Enum):
    TEXT = "text"
    NUMBER = "whole number"
    TEXT_LIST = "list of text"
    SECTION = "mapping"
    SECTION_LIST = "list of mappings"


@dataclass(frozen=True, slots=True)
class Form:
    """A shape a text value must have, e.g. `FL` + three digits."""

    regex: re.Pattern[str]
    description: str  # completes "… must be …"


@dataclass(frozen=True, slots=True)
class Key:
    name: str
    kind: Kind
    required: bool = False
    min_items: int = 0  # lists
    section: Section | None = None  # SECTION / SECTION_LIST
    choices: tuple[str, ...] = ()  # TEXT: the allowed values
    form: Form | None = None  # TEXT (and each item of a TEXT_LIST)
    prose: bool = False  # TEXT: runs of whitespace (line breaks too) become one space
    low: int | None = None  # NUMBER bounds, inclusive
    high: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A mapping's allowed keys. `any_key` admits free-form names (e.g. cue list names)."""

    what: str  # "rule", "fact"... used in messages
    keys: tuple[Key, ...] = ()
    label_key: str | None = "id"  # names an item in messages: "rule FL401"
    any_key: Key | None = None

    def lookup(self, name: str) -> Key | None:
        for key in self.keys:
            if key.name == name:
                return key
        if self.any_key is not None:
            return Key(name, self.any_key.kind, min_items=self.any_key.min_items, form=self.any_key.form)
        return None

    def names(self) -> list[str]:
        return [key.name for key in self.keys]


@dataclass(slots=True)
class Record:
    """One checked mapping: typed values plus the line of each key and of each list item."""

    what: str  # "rule FL401": how messages name it
    line: int  # where the mapping starts
    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return name in self.values

    def text(self, name: str) -> str:
        return cast(str, self.values[name])

    def optional_text(self, name: str) -> str | None:
        return cast("str | None", self.values.get(name))

    def number(self, name: str) -> int | None:
        return cast("int | None", self.values.get(name))

    def texts(self, name: str) -> tuple[str, ...]:
        return cast("tuple[str, ...]", self.values.get(name, ()))

    def section(self, name: str) -> Record | None:
        return cast("Record | None", self.values.get(name))

    def sections(self, name: str) -> tuple[Record, ...]:
        return cast("tuple[Record, ...]", self.values.get(name, ()))

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


# ---------------------------------------------------------------------------------------------- the schema

ID = Form(re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*\Z"),
          "a short name of letters, digits and hyphens without spaces, like 'spravato-approved'")
RULE_ID = Form(re.compile(r"FL[0-9]{3}\Z"), "'FL' followed by three digits, like 'FL401'")
KEBAB = Form(re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z"),
             "lower-case words joined by hyphens, like 'cure-claim'")
PREFIX = Form(re.compile(r"FL[0-9]{1,2}\Z"), "'FL' followed by one or two digits, like 'FL4'")
FILE_NAME = Form(re.compile(r"(?!\.\.?\Z)[^/\\]+\Z"),
                 "a plain file name without folders, like '000_6cdc9522feb2f253.txt'")


def _text(name: str, *, required: bool = False, **extra: object) -> Key:
    return Key(name, Kind.TEXT, required=required, **extra)  # type: ignore[arg-type]


def _list(name: str, *, required: bool = False, min_items: int = 0, form: Form | None = None) -> Key:
    return Key(name, Kind.TEXT_LIST, required=required, min_items=min_items, form=form)


CATEGORY = Section("category", (
    _text("id", required=True, form=ID),
    _text("prefix", required=True, form=PREFIX),
    _text("title", required=True, prose=True),
))

SOURCE = Section("source", (
    _text("file", required=True, form=FILE_NAME),
    _text("title", required=True, prose=True),
), label_key="file")

FACT = Section("fact", (
    _text("id", required=True, form=ID),
    _text("statement", required=True, prose=True),
    _text("source", required=True, form=FILE_NAME),
    _text("quote", required=True, prose=True),
    _text("ref"),
    _text("address"),
))

SUBJECT = Section("subject", (
    _text("id", required=True, form=ID),
    _list("aliases", required=True, min_items=1),
))

CUES = Section("cue lists", label_key=None, any_key=_list("*", min_items=1))

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

RULE = Section("rule", (
    _text("id", required=True, form=RULE_ID),
    _text("name", required=True, form=KEBAB),
    _text("category", required=True, form=ID),
    _text("severity", required=True, choices=SEVERITIES),
    _text("summary", required=True, prose=True),
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
    Key("cues", Kind.SECTION, section=CUES),
    Key("matching", Kind.SECTION, section=MATCHING),
    Key("rules", Kind.SECTION_LIST, section=RULE),
), label_key=None)

TOP_HINT = "a rulebook file must be a mapping with keys such as 'rules:' and 'facts:' at the top level"


# ---------------------------------------------------------------------------------------------- the reader

def read_file(root: Node | None, path: str) -> Record:
    """Check a whole file against the schema."""
    if root is None:
        fail(path, 1, f"the file is empty; {TOP_HINT}")
    if not isinstance(root, MappingNode) or root.tag != _MAP_TAG:
        fail(path, line_of(root), f"{TOP_HINT}, not {_found(root)}")
    return _read_section(root, TOP, "", path)


def _read_section(node: MappingNode, section: Section, what: str, path: str) -> Record:
    record = Record(what, line_of(node))
    for key_node, value_node in node.value:
        name = _key_name(key_node, what, path)
        if name in record.lines:
            fail(path, line_of(key_node), f"key '{name}' appears twice{_in(what)} "
                                          f"(first on line {record.lines[name]})")
        key = section.lookup(name)
        if key is None:
            fail(path, line_of(key_node), _unknown(name, section, what))
        record.lines[name] = line_of(key_node)
        record.values[name] = _read_value(key, value_node, what, path, record)
    for key in section.keys:
        if key.required and key.name not in record.values:
            fail(path, record.line, f"{what} is missing the required key '{key.name}'")
    return record


def _key_name(node: Node, what: str, path: str) -> str:
    if isinstance(node, ScalarNode) and node.tag in _TEXT_TAGS and node.value.strip():
        return str(node.value).strip()
    fail(path, line_of(node), f"keys must be plain words{_in(what)}, not {_found(node)}")


def _unknown(name: str, section: Section, what: str) -> str:
    allowed = section.names()
    guesses = [n for n in allowed if n == name.replace("_", "-").lower()]
    guesses = guesses or difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f" (did you mean '{guesses[0]}'?)" if guesses else f" (allowed keys: {', '.join(allowed)})"
    where = "unknown top-level key" if not what else "unknown key"
    return f"{where} {name!r}{_in(what)}{hint}"


def _read_value(key: Key, node: Node, what: str, path: str, record: Record) -> object:
    about = _about(key.name, what)
    line = record.lines[key.name]
    if _is_null(node):
        fail(path, line, f"{about} has no value")
    if key.kind is Kind.TEXT:
        return _read_text(key, node, about, path, line)
    if key.kind is Kind.NUMBER:
        return _read_number(key, node, about, path, line)
    if key.kind is Kind.SECTION:
        assert key.section is not None
        if not isinstance(node, MappingNode) or node.tag != _MAP_TAG:
            fail(path, line, f"{about} must be a mapping of 'key: value' lines, not {_found(node)}")
        return _read_section(node, key.section, about, path)
    items = _read_list(key, node, about, path, line)
    record.item_lines[key.name] = tuple(line_of(item) for item in items)
    if key.kind is Kind.TEXT_LIST:
        return tuple(_read_item_text(key, item, i, about, path) for i, item in enumerate(items, 1))
    return tuple(_read_item_section(key, item, i, about, path) for i, item in enumerate(items, 1))


def _read_text(key: Key, node: Node, about: str, path: str, line: int) -> str:
    if not isinstance(node, ScalarNode):
        fail(path, line, f"{about} must be a single text value, not {_found(node)}")
    value = _scalar_text(node, about, path, line, key.prose)
    if key.choices and value not in key.choices:
        fail(path, line, f"{about} must be one of {', '.join(key.choices)} (found {value!r})")
    if key.form is not None and not key.form.regex.match(value):
        fail(path, line, f"{about} must be {key.form.description} (found {value!r})")
    return value


def _scalar_text(node: ScalarNode, about: str, path: str, line: int, prose: bool = False) -> str:
    if node.tag not in _TEXT_TAGS:
        fail(path, line, f"{about} uses the YAML tag '{_tag_name(node.tag)}', which rulebooks do not allow")
    value = " ".join(node.value.split()) if prose else str(node.value).strip()
    if not value:
        fail(path, line, f"{about} is empty")
    return value


def _read_number(key: Key, node: Node, about: str, path: str, line: int) -> int:
    if not isinstance(node, ScalarNode) or node.tag != _INT_TAG:
        fail(path, line, f"{about} must be a whole number, not {_found(node)}")
    value = int(_INTEGERS.construct_yaml_int(node))
    if (key.low is not None and value < key.low) or (key.high is not None and value > key.high):
        fail(path, line, f"{about} must be {_bounds(key)} (found {value})")
    return value


def _bounds(key: Key) -> str:
    if key.high is None:
        return f"at least {key.low}"
    if key.low is None:
        return f"at most {key.high}"
    return f"between {key.low} and {key.high}"


def _read_list(key: Key, node: Node, about: str, path: str, line: int) -> list[Node]:
    if not isinstance(node, SequenceNode) or node.tag != _SEQ_TAG:
        fail(path, line, f"{about} must be a list (like [a, b], or lines starting with '- '), "
                         f"not {_found(node)}")
    items = list(node.value)
    if len(items) < key.min_items:
        fail(path, line, f"{about} needs at least {key.min_items} item{'s' if key.min_items > 1 else ''}")
    return items


def _read_item_text(key: Key, node: Node, index: int, about: str, path: str) -> str:
    line = line_of(node)
    item = f"item {index} of {about}"
    if _is_null(node):
        fail(path, line, f"{item} is empty")
    if not isinstance(node, ScalarNode):
        fail(path, line, f"{item} must be a text value, not {_found(node)}")
    value = _scalar_text(node, item, path, line)
    if key.form is not None and not key.form.regex.match(value):
        fail(path, line, f"{item} must be {key.form.description} (found {value!r})")
    return value


def _read_item_section(key: Key, node: Node, index: int, about: str, path: str) -> Record:
    assert key.section is not None
    if not isinstance(node, MappingNode) or node.tag != _MAP_TAG:
        fail(path, line_of(node), f"item {index} of {about} must be a mapping (like '- id: ...'), "
                                  f"not {_found(node)}")
    return _read_section(node, key.section, _label(node, key.section, index), path)


def _label(node: MappingNode, section: Section, index: int) -> str:
    """How messages name a list item: 'rule FL401', or 'rule #3' when it has no usable id."""
    for key_node, value_node in node.value:
        if (isinstance(key_node, ScalarNode) and key_node.value == section.label_key
                and isinstance(value_node, ScalarNode) and value_node.value.strip()):
            return f"{section.what} {value_node.value.strip()}"
    return f"{section.what} #{index}"


def _about(name: str, what: str) -> str:
    return f"'{name}'{_in(what)}"


def _in(what: str) -> str:
    return f" in {what}" if what else ""


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def _found(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping of keys"
    if isinstance(node, SequenceNode):
        return "a list"
    if _is_null(node):
        return "nothing"
    return f"the text {str(node.value)[:60]!r}"
