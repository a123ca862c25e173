"""Read one rulebook file into a tree of YAML nodes that remember their line numbers.

Safety first: files are capped in size, decoded as UTF-8, parsed with the safe (libyaml when available)
parser and composed into nodes only -- no Python objects are ever constructed from tags. YAML anchors and
aliases are rejected as soon as they are seen, so a "billion laughs" file cannot grow while loading, and
nesting depth is bounded so a deeply nested file cannot exhaust the stack.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import Node
from yaml.resolver import Resolver

from factlint.errors import fail
from factlint.rulebook.locate import MAX_FILE_BYTES

try:  # libyaml's parser is several times faster; composition stays in Python so we can police it
    from yaml._yaml import CParser as _Parser

    _USES_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _USES_LIBYAML = False

MAX_DEPTH = 32
ALIAS_MESSAGE = "YAML aliases are not allowed in rulebooks or configuration files"


class _Refused(Exception):
    """Raised inside the composer; turned into a RulebookError with the file name attached."""

    def __init__(self, line: int, what: str) -> None:
        super().__init__(what)
        self.line = line
        self.what = what


class _PolicingComposer(Composer):
    """PyYAML's composer, refusing anchors/aliases and bounding nesting depth."""

    _depth: int = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event = self.peek_event()
        line = int(event.start_mark.line) + 1
        if isinstance(event, AliasEvent):
            raise _Refused(line, f"{ALIAS_MESSAGE} (found alias '*{event.anchor}')")
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise _Refused(line, f"{ALIAS_MESSAGE} (found anchor '&{event.anchor}')")
        if self._depth >= MAX_DEPTH:
            raise _Refused(line, f"the file is nested more than {MAX_DEPTH} levels deep")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


if _USES_LIBYAML:

    class _NodeLoader(_PolicingComposer, _Parser, Resolver):
        def __init__(self, text: str) -> None:
            _Parser.__init__(self, text)
            _PolicingComposer.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _NodeLoader(Reader, Scanner, Parser, _PolicingComposer, Resolver):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)
            _PolicingComposer.__init__(self)
            Resolver.__init__(self)


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, refusing unreadable or oversized files (reads at most the cap plus one byte)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        fail(shown, 1, "cannot read this rulebook file: it does not exist")
    except IsADirectoryError:
        fail(shown, 1, "cannot read this rulebook file: it is a folder")
    except OSError as err:
        fail(shown, 1, f"cannot read this rulebook file: {err.strerror or err}")
    if len(data) > MAX_FILE_BYTES:
        fail(shown, 1, f"the file is too large (over {MAX_FILE_BYTES // 1_048_576} MB, the limit for a "
                       "rulebook file); split it into several files")
    return data


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text (a leading byte-order mark is ignored)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        fail(shown, line, f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} cannot be decoded); "
                          "save it as UTF-8")


def parse(text: str, shown: str) -> Node | None:
    """Compose the single YAML document in `text` (None when the file holds no document)."""
    loader = _NodeLoader(text)
    try:
        return loader.get_single_node()
    except _Refused as refused:
        fail(shown, refused.line, refused.what)
    except yaml.MarkedYAMLError as err:
        fail(shown, _error_line(err, text), f"YAML syntax error: {_describe(err)}")
    except yaml.YAMLError as err:  # ReaderError: a character YAML does not allow
        position = int(getattr(err, "position", 0) or 0)
        line = text.count("\n", 0, position) + 1
        reason = getattr(err, "reason", None) or str(err)
        fail(shown, line, f"YAML syntax error: {reason}")
    finally:
        loader.dispose()


def _error_line(err: yaml.MarkedYAMLError, text: str = "") -> int:
    mark = err.problem_mark or err.context_mark
    # Something left open (a bracket, a quote) is only noticed at the end of the file: point at the
    # line where it was opened, which is where the user has to look.
    def at_end(m) -> bool:
        return m is not None and not text[m.index:].strip()

    if text and at_end(err.problem_mark):
        if err.context_mark is not None and not at_end(err.context_mark):
            mark = err.context_mark
        else:  # no useful opening mark: the last line with anything on it
            return text.rstrip().count("\n") + 1
    return int(mark.line) + 1 if mark is not None else 1


def _describe(err: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (err.context, err.problem) if part]
    return "; ".join(parts) if parts else "the file could not be parsed"


def load_node(path: Path, shown: str) -> tuple[bytes, Node | None]:
    """Read, decode and compose one rulebook file. Returns its raw bytes (for the digest) and root node."""
    data = read_bytes(path, shown)
    return data, parse(decode(data, shown), shown)
