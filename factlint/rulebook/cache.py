"""Loaded rulebooks kept on disk, so a run on one draft (a pre-commit hook) skips the YAML.

An entry is keyed by everything the loaded rulebook depends on: factlint's version and the source
of this package (a changed model or loader never reads an old entry), the Python version, and
each rulebook file's path as shown in messages and its exact bytes.

An entry is JSON, never pickle: the cache folder may hold files planted by someone else
(diskcache.py says which folders and entries are refused), so an entry is untrusted data. It is
decoded strictly against the model's type hints (every field present, no other field, every
value of its declared type), checked for the cross-references the loader guarantees (so the
matcher cannot trip over it), and anything in doubt is a miss: the YAML is loaded instead.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import re
import stat
import sys
import types
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import regex

import factlint
from factlint import diskcache
from factlint.rulebook.locate import MAX_FILE_BYTES, shown
from factlint.rulebook.model import Approval, Evidence, Rulebook

_SUFFIX = ".rulebook.json"
_KEEP = 32  # entries


class _Invalid(Exception):
    """The entry does not hold a rulebook of this model."""


@cache
def _code_digest() -> bytes:
    """factlint's version, the Python version and this package's source (model, loader, codec)."""
    digest = hashlib.sha256(f"{factlint.__version__} {sys.version}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.digest()


def key_of(files: list[Path]) -> str | None:
    """The cache key of a rulebook made of these files, or None when one cannot be read (the
    loader then reports why)."""
    digest = hashlib.sha256(_code_digest())
    for file in files:
        # Only plain files within the loader's size limit: anything else (a FIFO, /dev/zero, a
        # huge file) is for the loader to refuse with its own message.
        try:
            if not stat.S_ISREG(file.stat().st_mode):
                return None
            with file.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_FILE_BYTES:
            return None
        for part in (shown(file).encode("utf-8", "surrogatepass"), data):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


def load(key: str) -> Rulebook | None:
    """The rulebook stored under `key`, or None if there is none or it is not beyond doubt."""
    data = diskcache.read(key + _SUFFIX)
    if data is None:
        return None
    try:
        rulebook = decode(Rulebook, json.loads(data))
        _check_references(rulebook)
    except (_Invalid, ValueError, TypeError, RecursionError, MemoryError):
        return None
    return rulebook


def store(key: str, rulebook: Rulebook) -> None:
    """Keep `rulebook` under `key`. The codec carries only types that read back exactly as they
    were; a model with any other type is simply not cached (tests/security says so)."""
    try:
        data = json.dumps(encode(rulebook), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (_Invalid, ValueError, TypeError, RecursionError):
        return
    diskcache.write(key + _SUFFIX, data, keep=(_SUFFIX, _KEEP))


# --- the codec: model dataclasses <-> JSON values, driven by the type hints ----------------------


def encode(value: Any) -> Any:
    """A model object as JSON values: objects keyed by field name, tuples as lists, enums by name."""
    kind: Any = type(value)
    return _encoder(kind)(value)


Encoder = Callable[[Any], Any]


@cache
def _encoder(kind: Any) -> Encoder:
    """The inverse of _decoder, driven by the same type hints and built once per type."""
    origin = typing.get_origin(kind)
    if kind in (str, int, float, bool, type(None)) or origin is typing.Literal:
        return _same
    if origin in (typing.Union, types.UnionType):
        some = _encoder(_optional(kind))
        return lambda value: None if value is None else some(value)
    if origin is tuple:
        args = typing.get_args(kind)
        if args[0] is str and args[1:] == (Ellipsis,):
            return list
        return lambda value: [encode(item) for item in value]
    if origin is dict and typing.get_args(kind)[0] is str:
        item = _encoder(typing.get_args(kind)[1])
        return lambda value: {k: item(v) for k, v in value.items()}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return lambda value: value.name
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = tuple((f.name, _encoder(hints[f.name])) for f in dataclasses.fields(kind))
        return lambda value: {name: field(getattr(value, name)) for name, field in fields}
    raise _Invalid(f"cannot store a {kind!r}")


def _same(value: Any) -> Any:
    return value


def _optional(kind: Any) -> Any:
    """X of `X | None`, the one union the codec carries: any other could read back as another arm,
    so a model with one is not cached rather than cached wrongly."""
    arms = typing.get_args(kind)
    if len(arms) != 2 or arms[1] is not type(None) or typing.get_origin(arms[0]) in (typing.Union, types.UnionType):
        raise _Invalid(f"cannot store a {kind!r}")
    return arms[0]


def decode(kind: Any, value: Any) -> Any:
    """`value` (parsed JSON) as an instance of the type `kind`, or _Invalid: nothing is guessed."""
    return _decoder(kind)(value)


Decoder = Callable[[Any], Any]


@cache
def _decoder(kind: Any) -> Decoder:
    """A function that decodes JSON values of type `kind`, built once per type (a rulebook of a
    thousand rules is decoded in a few milliseconds)."""
    origin = typing.get_origin(kind)
    if kind in (str, int, float, bool, type(None)):
        return _exactly(kind)
    if origin in (typing.Union, types.UnionType):
        some = _decoder(_optional(kind))
        return lambda value: None if value is None else some(value)
    if origin is typing.Literal:
        return _one_of(frozenset(typing.get_args(kind)))
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return _tuple_of(_decoder(args[0]), fast=args[0] is str)
        return _fixed_tuple(tuple(_decoder(arg) for arg in args))
    if origin is dict and typing.get_args(kind)[0] is str:
        return _dict_of(_decoder(typing.get_args(kind)[1]))
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return _member_of(kind)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _instance_of(kind)
    raise _Invalid(f"cannot read a {kind!r}")


def _exactly(kind: type) -> Decoder:
    def decode_exactly(value: Any) -> Any:
        if type(value) is not kind:  # exact: True is not a number, 1 is not a flag
            raise _Invalid(f"expected {kind.__name__}")
        return value
    return decode_exactly


def _one_of(choices: frozenset[Any]) -> Decoder:
    def decode_literal(value: Any) -> Any:
        if type(value) is not str or value not in choices:
            raise _Invalid("unexpected value")
        return value
    return decode_literal


def _tuple_of(item: Decoder, *, fast: bool) -> Decoder:
    def decode_tuple(value: Any) -> Any:
        if type(value) is not list:
            raise _Invalid("expected a list")
        if fast and all(type(v) is str for v in value):  # the common case: a tuple of texts
            return tuple(value)
        return tuple(map(item, value))
    return decode_tuple


def _fixed_tuple(items: tuple[Decoder, ...]) -> Decoder:
    def decode_fixed(value: Any) -> Any:
        if type(value) is not list or len(value) != len(items):
            raise _Invalid("expected a list of fixed length")
        return tuple(decode(v) for decode, v in zip(items, value, strict=True))
    return decode_fixed


def _dict_of(item: Decoder) -> Decoder:
    def decode_dict(value: Any) -> Any:
        if type(value) is not dict:  # JSON object keys are always text
            raise _Invalid("expected an object")
        return {k: item(v) for k, v in value.items()}
    return decode_dict


def _member_of(kind: type[enum.Enum]) -> Decoder:
    def decode_member(value: Any) -> Any:
        if type(value) is not str or value not in kind.__members__:
            raise _Invalid("unknown member")
        return kind[value]
    return decode_member


def _instance_of(kind: type) -> Decoder:
    hints = typing.get_type_hints(kind)
    fields = tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(kind))
    names = {name for name, _ in fields}

    def decode_instance(value: Any) -> Any:
        if type(value) is not dict or value.keys() != names:
            raise _Invalid(f"expected exactly the fields of {kind.__name__}")
        return kind(**{name: field(value[name]) for name, field in fields})
    return decode_instance


def _check_references(book: Rulebook) -> None:
    """What the loader guarantees and the matcher relies on: every name a rule or fact uses is
    declared, and every rule pattern compiles (patterns are compiled once anyway, and cached)."""
    from factlint.rulebook.patterns import compile_pattern

    for fact in book.facts.values():
        if fact.source not in book.sources:
            raise _Invalid(f"fact {fact.id} cites an unknown source")
    for entity in book.entities.values():
        if entity.parent is not None and entity.parent not in book.entities:
            raise _Invalid(f"entity {entity.id} names an unknown parent")
    relations: list[Approval | Evidence] = [*book.approvals, *book.evidence]
    for relation in relations:
        if relation.drug not in book.entities or relation.fact not in book.facts or not set(
                relation.uses) <= book.entities.keys():
            raise _Invalid(f"a relation of {relation.drug} names an unknown entity or fact")
    for rule in book.rules:
        category = book.categories.get(rule.category)
        if category is None or not rule.id.startswith(category.prefix) or book.facts.get(rule.fact.id) != rule.fact:
            raise _Invalid(f"rule {rule.id} names an unknown category or fact")
        named = (*rule.subjects, *rule.conditions, *rule.populations, *rule.settings)
        if not set(named) <= book.entities.keys() or not set(rule.unless) <= {*book.cues, "retraction"}:
            raise _Invalid(f"rule {rule.id} names an unknown entity or cue list")
        if rule.kind == "claim" and rule.frame is None:
            raise _Invalid(f"claim rule {rule.id} has no frame")
        if rule.kind != "claim" and not rule.phrases and not rule.patterns:
            raise _Invalid(f"rule {rule.id} has nothing to look for")
        try:
            if any(compile_pattern(pattern).search("") is not None for pattern in rule.patterns):
                raise _Invalid(f"rule {rule.id} has a pattern that matches empty text")
            if rule.fix is not None:
                re.compile(f"(?:{rule.fix.match})|").fullmatch("").expand(rule.fix.replace)  # type: ignore[union-attr]
        except (regex.error, re.error, IndexError, ValueError, OverflowError, RecursionError) as exc:
            raise _Invalid(f"rule {rule.id} has a pattern or fix that does not compile") from exc
