"""Declarative key schemas, and the one reader that checks data against them.

A `Section` lists the keys a mapping may hold, each a `Key` with its `Kind` (text, whole number,
true/false, list of text, nested section) and its constraints. `read_section` checks a tree of nodes
against it and returns a `Record`: every key known, every value of the right type, nothing empty, and
every key's line remembered so later checks can point at the right line too. Anything else goes to the
caller's `error(line, message)`, phrased for someone who is not a programmer.

The rulebook (`rulebook/schema.py`) and the configuration (`config.py`) both declare their keys here.
Nodes have the shape of PyYAML's (`id`, `tag`, `value`, `start_mark`), so a composed YAML file is read
as it is; `plain_node` wraps data that has no nodes of its own (a TOML table). This module never imports
YAML: reading a `pyproject.toml` should not pay for it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NoReturn, Protocol, cast

from factlint.errors import FactlintError
from factlint.spelling import did_you_mean

TAG = "tag:yaml.org,2002:"
STR_TAG, INT_TAG, BOOL_TAG, NULL_TAG = TAG + "str", TAG + "int", TAG + "bool", TAG + "null"
SEQ_TAG, MAP_TAG = TAG + "seq", TAG + "map"
# Scalars a TEXT key accepts as written: `ref: 12` is the text "12".
TEXT_TAGS = frozenset(TAG + t for t in ("str", "int", "float", "bool", "timestamp"))

Error = Callable[[int, str], NoReturn]  # error(line, message); line 0 when the source has no lines


class Kind(enum.Enum):
    TEXT = "text"
    NUMBER = "whole number"
    FLAG = "true or false"
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
    comma_text: bool = False  # TEXT_LIST: a single text value is read as a comma-separated list


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
            return replace(self.any_key, name=name, required=False)
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

    def flag(self, name: str) -> bool | None:
        return cast("bool | None", self.values.get(name))

    def texts(self, name: str) -> tuple[str, ...]:
        return cast("tuple[str, ...]", self.values.get(name, ()))

    def section(self, name: str) -> Record | None:
        return cast("Record | None", self.values.get(name))

    def sections(self, name: str) -> tuple[Record, ...]:
        return cast("tuple[Record, ...]", self.values.get(name, ()))

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


@dataclass(slots=True)
class Problems:
    """Errors gathered instead of raised, so one run reports every mistake of a file (`validate-rules`), and
    the ids of the list entries they dropped: a reference to a dropped entry is not a mistake of its own."""

    errors: list[FactlintError] = field(default_factory=list)
    dropped: set[str] = field(default_factory=set)

    def add(self, error: FactlintError) -> None:
        self.errors.append(error)


# ---------------------------------------------------------------------------------------------- nodes

class Mark(Protocol):
    @property
    def line(self) -> int: ...  # 0-based


class Node(Protocol):
    """What the reader needs of a node: PyYAML's ScalarNode, SequenceNode and MappingNode have it."""

    @property
    def id(self) -> str: ...  # "scalar", "sequence" or "mapping"

    @property
    def tag(self) -> str: ...

    @property
    def value(self) -> Any: ...  # str; list of nodes; list of (key node, value node) pairs

    @property
    def start_mark(self) -> Mark | None: ...


@dataclass(frozen=True, slots=True)
class PlainNode:
    """A node for data read without positions (a TOML table): no line, standard tags."""

    id: str
    tag: str
    value: Any
    start_mark: None = None


def plain_node(data: object) -> PlainNode:
    """Wrap plain data (str, int, float, bool, None, dates, lists, dicts) as nodes the reader takes."""
    if isinstance(data, Mapping):
        return PlainNode("mapping", MAP_TAG, [(plain_node(str(k)), plain_node(v)) for k, v in data.items()])
    if isinstance(data, (list, tuple)):
        return PlainNode("sequence", SEQ_TAG, [plain_node(item) for item in data])
    if data is None:
        return PlainNode("scalar", NULL_TAG, "")
    if isinstance(data, bool):
        return PlainNode("scalar", BOOL_TAG, "true" if data else "false")
    if isinstance(data, int):
        return PlainNode("scalar", INT_TAG, str(data))
    if isinstance(data, float):
        return PlainNode("scalar", TAG + "float", repr(data))
    if isinstance(data, str):
        return PlainNode("scalar", STR_TAG, data)
    return PlainNode("scalar", TAG + "timestamp", str(data))  # TOML dates and times


def line_of(node: Node) -> int:
    """The 1-based line a node starts on; 0 when its source has no lines."""
    return int(node.start_mark.line) + 1 if node.start_mark is not None else 0


def is_mapping(node: Node) -> bool:
    return node.id == "mapping" and node.tag == MAP_TAG


def is_null(node: Node) -> bool:
    return node.id == "scalar" and node.tag == NULL_TAG


MAX_DEPTH = 32  # levels of lists and mappings a rulebook or configuration may nest
EXCERPT = 40  # characters of a file's own text a message may quote


def found(node: Node) -> str:
    """What a node is, for "… not <found>" in messages, with a short excerpt of a text (a message
    must not carry much of a file that may not be a rulebook at all: a secret named by mistake)."""
    if node.id == "scalar" and not is_null(node):
        text = " ".join(str(node.value).split())
        return f"the text {text[:EXCERPT] + '...' if len(text) > EXCERPT else text!r}"
    return kind_of(node)


def kind_of(node: Node) -> str:
    """What a node is, without quoting it: "a text", "a list"..."""
    if node.id == "mapping":
        return "a mapping of keys"
    if node.id == "sequence":
        return "a list"
    return "nothing" if is_null(node) else "a text"


def too_deep(data: object, limit: int = MAX_DEPTH) -> bool:
    """True when lists and mappings in plain data nest more than `limit` levels (no recursion, so
    any depth is measured safely)."""
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


# ---------------------------------------------------------------------------------------------- the reader

def read_section(node: Node, section: Section, what: str, error: Error, problems: Problems | None = None) -> Record:
    """Check a mapping node against `section`. `what` names it in messages ("" for a file's top level).

    Without `problems` the first mistake ends the reading (`error` raises). With it, every key is read and
    each mistake is added to `problems`; an entry of a list of mappings that has a mistake is left out of
    the list (its id goes to `problems.dropped`), so what is returned holds only entries read whole.
    """
    record = Record(what, line_of(node))
    for key_node, value_node in node.value:
        if problems is None:
            _read_key(record, key_node, value_node, section, what, error, None)
            continue
        try:
            _read_key(record, key_node, value_node, section, what, error, problems)
        except FactlintError as exc:
            problems.add(exc)
    typos = _meant(node, section)  # "statment" given: that 'statement' is missing is no mistake of its own
    for key in section.keys:
        if key.required and key.name not in record.lines and key.name not in typos:  # (nor one with a wrong value)
            try:
                error(record.line, f"{what} is missing the required key '{key.name}'")
            except FactlintError as exc:
                if problems is None:
                    raise
                problems.add(exc)
    return record


def _meant(node: Node, section: Section) -> set[str]:
    """The known keys that the unknown keys of a mapping are typos of."""
    meant = set()
    for key_node, _ in node.value:
        name = key_node.value.strip() if key_node.id == "scalar" and isinstance(key_node.value, str) else None
        if name is not None and section.lookup(name) is None:
            guess = did_you_mean(name, section.names())
            if guess is not None:
                meant.add(guess)
    return meant


def _read_key(record: Record, key_node: Node, value_node: Node, section: Section, what: str, error: Error,
              problems: Problems | None) -> None:
    name = _key_name(key_node, what, error)
    if name in record.lines:
        first = f" (first on line {record.lines[name]})" if record.lines[name] else ""
        error(line_of(key_node), f"key '{name}' appears twice{_in(what)}{first}")
    key = section.lookup(name)
    if key is None:
        error(line_of(key_node), _unknown(name, section, what))
    record.lines[name] = line_of(key_node)
    record.values[name] = _read_value(key, value_node, what, error, record, problems)


def _key_name(node: Node, what: str, error: Error) -> str:
    if node.id == "scalar" and node.tag in TEXT_TAGS and node.value.strip():
        return str(node.value).strip()
    error(line_of(node), f"keys must be plain words{_in(what)}, not {found(node)}")


_KEY_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")


def _unknown(name: str, section: Section, what: str) -> str:
    allowed = section.names()
    guess = did_you_mean(name, allowed)
    hint = f" (did you mean '{guess}'?)" if guess else f" (allowed keys: {', '.join(allowed)})"
    where = "unknown top-level key" if not what and not section.what else "unknown key"
    # Quoted only when it looks like a key: a file that is no rulebook ("root:*:19000:0:..." of
    # /etc/shadow) must not have its first line shown.
    shown = f" {name!r}" if _KEY_LIKE.fullmatch(name) else ""
    return f"{where}{shown}{_in(what)}{hint}"


def _read_value(key: Key, node: Node, what: str, error: Error, record: Record, problems: Problems | None) -> object:
    about = _about(key.name, what)
    line = record.lines[key.name]
    if is_null(node):
        error(line, f"{about} has no value")
    if key.kind is Kind.TEXT:
        return _read_text(key, node, about, error, line)
    if key.kind is Kind.NUMBER:
        return _read_number(key, node, about, error, line)
    if key.kind is Kind.FLAG:
        return _read_flag(node, about, error, line)
    if key.kind is Kind.SECTION:
        assert key.section is not None
        if not is_mapping(node):
            error(line, f"{about} must be a mapping of 'key: value' lines, not {found(node)}")
        return read_section(node, key.section, about, error, problems)
    if key.comma_text and node.id == "scalar":
        text = _scalar_text(node, about, error, line)
        return tuple(_check_form(key, item.strip(), f"an item of {about}", error, line)
                     for item in text.split(",") if item.strip())
    items = _read_list(key, node, about, error, line)
    record.item_lines[key.name] = tuple(line_of(item) for item in items)
    if key.kind is Kind.TEXT_LIST:
        return tuple(_read_item_text(key, item, i, about, error) for i, item in enumerate(items, 1))
    if problems is None:
        return tuple(_read_item_section(key, item, i, about, error, None) for i, item in enumerate(items, 1))
    read = []
    for i, item in enumerate(items, 1):
        before = len(problems.errors)
        try:
            entry = _read_item_section(key, item, i, about, error, problems)
        except FactlintError as exc:
            problems.add(exc)
        if len(problems.errors) == before:
            read.append(entry)
        else:
            problems.dropped.update(_label_value(item, key.section))
    return tuple(read)


def _read_text(key: Key, node: Node, about: str, error: Error, line: int) -> str:
    if node.id != "scalar":
        error(line, f"{about} must be a single text value, not {found(node)}")
    value = _scalar_text(node, about, error, line, key.prose)
    if key.choices and value not in key.choices:
        error(line, f"{about} must be one of {', '.join(key.choices)} (found {value!r})")
    return _check_form(key, value, about, error, line)


def _check_form(key: Key, value: str, about: str, error: Error, line: int) -> str:
    if key.form is not None and not key.form.regex.match(value):
        error(line, f"{about} must be {key.form.description} (found {value!r})")
    return value


def _scalar_text(node: Node, about: str, error: Error, line: int, prose: bool = False) -> str:
    if node.tag not in TEXT_TAGS:
        error(line, f"{about} uses the YAML tag '{_tag_name(node.tag)}', which factlint does not allow")
    value = " ".join(node.value.split()) if prose else str(node.value).strip()
    if not value:
        error(line, f"{about} is empty")
    return value


def _read_number(key: Key, node: Node, about: str, error: Error, line: int) -> int:
    if node.id != "scalar" or node.tag != INT_TAG:
        error(line, f"{about} must be a whole number, not {found(node)}")
    value = yaml_int(node.value)
    if (key.low is not None and value < key.low) or (key.high is not None and value > key.high):
        error(line, f"{about} must be {_bounds(key)} (found {value})")
    return value


def yaml_int(text: str) -> int:
    """An integer as YAML 1.1 writes it (PyYAML's safe rules): `1_000`, `0x1f`, `0o17`, `017`, `0b11`, `1:30`."""
    digits = text.replace("_", "")
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if digits == "0":
        return 0
    if digits.startswith("0b"):
        return sign * int(digits[2:], 2)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0"):
        return sign * int(digits, 8)
    if ":" in digits:
        value = 0
        for part in digits.split(":"):
            value = value * 60 + int(part)
        return sign * value
    return sign * int(digits)


def _read_flag(node: Node, about: str, error: Error, line: int) -> bool:
    if node.id != "scalar" or node.tag != BOOL_TAG:
        error(line, f"{about} must be true or false, not {found(node)}")
    return str(node.value).lower() in ("true", "yes", "on", "y")


def _bounds(key: Key) -> str:
    if key.high is None:
        return f"at least {key.low}"
    if key.low is None:
        return f"at most {key.high}"
    return f"between {key.low} and {key.high}"


def _read_list(key: Key, node: Node, about: str, error: Error, line: int) -> list[Node]:
    if node.id != "sequence" or node.tag != SEQ_TAG:
        error(line, f"{about} must be a list (like [a, b], or lines starting with '- '), not {found(node)}")
    items = list(node.value)
    if len(items) < key.min_items:
        error(line, f"{about} needs at least {key.min_items} item{'s' if key.min_items > 1 else ''}")
    return items


def _read_item_text(key: Key, node: Node, index: int, about: str, error: Error) -> str:
    line = line_of(node)
    item = f"item {index} of {about}"
    if is_null(node):
        error(line, f"{item} is empty")
    if node.id != "scalar":
        error(line, f"{item} must be a text value, not {found(node)}")
    return _check_form(key, _scalar_text(node, item, error, line), item, error, line)


def _read_item_section(key: Key, node: Node, index: int, about: str, error: Error,
                       problems: Problems | None) -> Record:
    assert key.section is not None
    if not is_mapping(node):
        error(line_of(node), f"item {index} of {about} must be a mapping (like '- id: ...'), not {found(node)}")
    return read_section(node, key.section, _label(node, key.section, index), error, problems)


def _label(node: Node, section: Section, index: int) -> str:
    """How messages name a list item: 'rule FL401', or 'rule #3' when it has no usable id."""
    for value in _label_value(node, section):
        return f"{section.what} {value}"
    return f"{section.what} #{index}"


def _label_value(node: Node, section: Section | None) -> list[str]:
    """The item's id (its `label_key` value), if it has a usable one."""
    if section is None or not is_mapping(node):
        return []
    for key_node, value_node in node.value:
        if (key_node.id == "scalar" and key_node.value == section.label_key
                and value_node.id == "scalar" and str(value_node.value).strip()):
            return [str(value_node.value).strip()]
    return []


def _about(name: str, what: str) -> str:
    return f"'{name}'{_in(what)}"


def _in(what: str) -> str:
    return f" in {what}" if what else ""


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(TAG):] if tag.startswith(TAG) else tag
