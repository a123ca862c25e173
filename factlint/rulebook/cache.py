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
from functools import cache
from pathlib import Path
from typing import Any

import regex

import factlint
from factlint import diskcache
from factlint.rulebook.locate import MAX_FILE_BYTES, shown
from factlint.rulebook.model import Rulebook

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
    """Keep `rulebook` under `key`, only if it reads back exactly as it is (a model this codec
    cannot represent is simply not cached)."""
    try:
        data = json.dumps(encode(rulebook), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if decode(Rulebook, json.loads(data)) != rulebook:
            return
    except (_Invalid, ValueError, TypeError, RecursionError):
        return
    diskcache.write(key + _SUFFIX, data, keep=(_SUFFIX, _KEEP))


# --- the codec: model dataclasses <-> JSON values, driven by the type hints ----------------------


def encode(value: Any) -> Any:
    """A dataclass tree as JSON values: objects keyed by field name, tuples as lists, enums by name."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise _Invalid("only text keys can be stored")
        return {k: encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise _Invalid(f"cannot store a {type(value).__name__}")


def decode(kind: Any, value: Any) -> Any:
    """`value` (parsed JSON) as an instance of the type `kind`, or _Invalid: nothing is guessed."""
    origin = typing.get_origin(kind)
    if kind in (str, int, float, bool):
        if type(value) is not kind:  # exact: True is not a number, 1 is not a flag
            raise _Invalid(f"expected {kind.__name__}")
        return value
    if kind is type(None):
        if value is not None:
            raise _Invalid("expected null")
        return None
    if origin in (typing.Union, types.UnionType):
        for arm in typing.get_args(kind):
            try:
                return decode(arm, value)
            except _Invalid:
                continue
        raise _Invalid(f"no arm of {kind} fits")
    if origin is typing.Literal:
        if value not in typing.get_args(kind) or type(value) is not str:
            raise _Invalid("unexpected literal")
        return value
    if origin is tuple:
        args = typing.get_args(kind)
        if not isinstance(value, list):
            raise _Invalid("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], item) for item in value)
        if len(args) != len(value):
            raise _Invalid("wrong length")
        return tuple(decode(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is dict:
        key_kind, value_kind = typing.get_args(kind)
        if not isinstance(value, dict) or key_kind is not str:
            raise _Invalid("expected an object")
        return {k: decode(value_kind, v) for k, v in value.items()}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        if type(value) is not str or value not in kind.__members__:
            raise _Invalid("unknown member")
        return kind[value]
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        if not isinstance(value, dict) or set(value) != set(hints):
            raise _Invalid(f"expected exactly the fields of {kind.__name__}")
        return kind(**{name: decode(hint, value[name]) for name, hint in hints.items()})
    raise _Invalid(f"cannot read a {kind!r}")


@cache
def _hints(kind: type) -> dict[str, Any]:
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind)}


def _check_references(book: Rulebook) -> None:
    """What the loader guarantees and the matcher relies on: every name a rule or fact uses is
    declared, and every rule pattern compiles (patterns are compiled once anyway, and cached)."""
    from factlint.rulebook.loader import compile_pattern

    for fact in book.facts.values():
        if fact.source not in book.sources:
            raise _Invalid(f"fact {fact.id} cites an unknown source")
    for rule in book.rules:
        category = book.categories.get(rule.category)
        if category is None or not rule.id.startswith(category.prefix) or book.facts.get(rule.fact.id) != rule.fact:
            raise _Invalid(f"rule {rule.id} names an unknown category or fact")
        if not set(rule.subjects) <= book.subjects.keys() or not set(rule.unless) <= book.cues.keys():
            raise _Invalid(f"rule {rule.id} names an unknown subject or cue list")
        if not rule.phrases and not rule.patterns:
            raise _Invalid(f"rule {rule.id} has nothing to look for")
        try:
            if any(compile_pattern(pattern).search("") is not None for pattern in rule.patterns):
                raise _Invalid(f"rule {rule.id} has a pattern that matches empty text")
            if rule.fix is not None:
                re.compile(f"(?:{rule.fix.match})|").fullmatch("").expand(rule.fix.replace)  # type: ignore[union-attr]
        except (regex.error, re.error, IndexError, ValueError, OverflowError, RecursionError) as exc:
            raise _Invalid(f"rule {rule.id} has a pattern or fix that does not compile") from exc
