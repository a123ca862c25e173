"""The strings a rule pattern cannot match without, read by our own small reader of regex syntax.

Patterns run on the `regex` module (`patterns.compile_pattern`: IGNORECASE, VERSION0) over normalised text
(NFKC, case-folded: `matching.normalize`). Every match of a pattern contains one of its `required_literals`, so
text holding none of them needs no regex search. A wrong set would silently drop findings, so the reader knows
only a plain subset of the syntax and gives up (no set: always search) on anything else: regex-module
extensions (fuzzy `{e<=1}`, `\\p{L}`, `(?V1)`, POSIX classes, `\\L<list>`), backreferences, recursion,
conditionals, inline flags other than i/m/s, and any brace that is not a plain repeat count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

_MAX_STRINGS = 64  # strings a part of a pattern may stand for before it counts as "anything"
_MAX_CLASS = 10  # characters a [class] may hold and still count as a few literal choices
_MAX_LENGTH = 256  # characters a required string is spelled out to (a longer run would cost quadratic time)
_MAX_DEPTH = 32  # nested groups read; deeper patterns get no set (and no deep recursion)
_MAX_COUNT_DIGITS = 9  # a longer repeat count is refused (and never handed to int())

_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_CLASS_ESCAPES = frozenset("dDwWsS")  # one character of a class: "not a literal"
_CONTROL_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_SCOPE_FLAGS = frozenset("ims")  # flags that cannot change which literals match: i is on already
_SET_OPERATORS = ("--", "&&", "||", "~~")  # set operations of regex's VERSION1: refused in any class


class _Unknown(Exception):
    """Syntax the reader does not fully understand: the pattern gets no set."""


@dataclass(frozen=True)
class _Chars:
    """One character: `exact` holds the lower-case ASCII characters it may be, or is None (not a literal)."""

    exact: frozenset[str] | None


@dataclass(frozen=True)
class _ZeroWidth:
    """An anchor, word boundary or lookaround: matches no characters."""


@dataclass(frozen=True)
class _Sequence:
    items: tuple[_Node, ...]


@dataclass(frozen=True)
class _Alternation:
    branches: tuple[_Sequence, ...]


@dataclass(frozen=True)
class _Repeat:
    low: int
    high: int | None  # None: no upper bound
    body: _Node


_Node: TypeAlias = "_Chars | _ZeroWidth | _Sequence | _Alternation | _Repeat"
_GroupKind: TypeAlias = Literal["group", "lookaround", "flags"]
_ANY_CHAR = _Chars(None)
_ZERO = _ZeroWidth()


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-case strings one of which every match of `pattern` (compiled by `compile_pattern`, searched in
    normalised lower-case text) contains, or None when no such set is known."""
    try:
        tree = _Reader(pattern).read()
    except _Unknown:
        return None
    found = _required(_items(tree))
    if not found or "" in found:
        return None
    return frozenset(found)


# -- reading -------------------------------------------------------------------------------------------------


class _Reader:
    """Recursive descent over the subset: alternation of sequences of atoms, each optionally repeated."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0

    def read(self) -> _Node:
        tree = self._alternation(0)
        if self.pos != len(self.text):
            raise _Unknown  # an unbalanced ")"
        return tree

    def _peek(self, ahead: int = 0) -> str:
        index = self.pos + ahead
        return self.text[index] if index < len(self.text) else ""

    def _take(self) -> str:
        char = self._peek()
        if not char:
            raise _Unknown  # the pattern ends inside an escape, a class or a group
        self.pos += 1
        return char

    def _alternation(self, depth: int) -> _Node:
        branches = [self._sequence(depth)]
        while self._peek() == "|":
            self.pos += 1
            branches.append(self._sequence(depth))
        return branches[0] if len(branches) == 1 else _Alternation(tuple(branches))

    def _sequence(self, depth: int) -> _Sequence:
        items: list[_Node] = []
        while self._peek() not in ("", "|", ")"):
            atom, repeatable = self._atom(depth)
            if self._peek() in ("*", "+", "?", "{"):
                if not repeatable:
                    raise _Unknown  # a repeated anchor or flag: legal in places, never needed
                low, high = self._quantifier()
                if self._peek() in ("?", "+"):  # lazy or possessive: the same strings can match
                    self.pos += 1
                if self._peek() in ("*", "+", "?", "{"):
                    raise _Unknown  # a repeat of a repeat, or a fuzzy constraint
                atom = _Repeat(low, high, atom)
            items.append(atom)
        return _Sequence(tuple(items))

    def _quantifier(self) -> tuple[int, int | None]:
        char = self._take()
        if char == "*":
            return 0, None
        if char == "+":
            return 1, None
        if char == "?":
            return 0, 1
        close = self.text.find("}", self.pos)
        if close < 0:
            raise _Unknown
        low_text, comma, high_text = self.text[self.pos:close].partition(",")
        for digits in (low_text, high_text):
            if not (digits.isascii() and (digits.isdigit() or not digits)) or len(digits) > _MAX_COUNT_DIGITS:
                raise _Unknown  # fuzzy matching ({e<=1}), a literal brace, spaces, a huge count
        if not low_text and not (comma and high_text):
            raise _Unknown  # "{}" and "{,}"
        low = int(low_text) if low_text else 0
        high = int(high_text) if high_text else (None if comma else low)
        if high is not None and high < low:
            raise _Unknown
        self.pos = close + 1
        return low, high

    def _atom(self, depth: int) -> tuple[_Node, bool]:
        """The next atom and whether a quantifier may follow it."""
        char = self._take()
        if char == "(":
            return self._group(depth + 1)
        if char == "[":
            return self._class(), True
        if char == "\\":
            return self._escape()
        if char == ".":
            return _ANY_CHAR, True
        if char in ("^", "$"):
            return _ZERO, False
        if char in ("*", "+", "?", "{"):
            raise _Unknown  # nothing to repeat, or a brace that is a literal or a fuzzy constraint
        return _literal(char), True

    def _escape(self) -> tuple[_Node, bool]:
        char = self._take()
        if char in _ZERO_WIDTH_ESCAPES:
            return _ZERO, False
        if char in _CLASS_ESCAPES:
            return _ANY_CHAR, True
        return _literal(self._escaped_literal(char)), True

    @staticmethod
    def _escaped_literal(char: str) -> str:
        """The character an escape stands for; letters and digits other than the control escapes (back
        references, \\x.., \\p{..}, \\L<..>, \\m, \\G, \\K ...) and non-ASCII escapes are not read."""
        if char in _CONTROL_ESCAPES:
            return _CONTROL_ESCAPES[char]
        if char.isascii() and not char.isalnum():
            return char
        raise _Unknown

    def _group(self, depth: int) -> tuple[_Node, bool]:
        if depth > _MAX_DEPTH:
            raise _Unknown
        kind: _GroupKind = "group"
        if self._peek() == "?":
            self.pos += 1
            kind = self._group_kind()
            if kind == "flags":  # "(?i)": a flag for the whole pattern, no group
                return _ZERO, False
        body = self._alternation(depth)
        if self._take() != ")":
            raise _Unknown
        return (_ZERO, False) if kind == "lookaround" else (body, True)

    def _group_kind(self) -> _GroupKind:
        """After "(?": read what the group is; "flags" for a bare flag setting "(?ims)", read with its ")"."""
        char = self._take()
        if char in (":", ">"):  # non-capturing, atomic
            return "group"
        if char in ("=", "!"):
            return "lookaround"
        if char == "<" and self._peek() in ("=", "!"):
            self.pos += 1
            return "lookaround"
        if char == "P" and self._peek() == "<":
            self.pos += 1
            char = "<"
        if char == "<":  # a named capturing group
            close = self.text.find(">", self.pos)
            name = self.text[self.pos:close] if close >= 0 else ""
            if not (name.isascii() and name.isidentifier()):
                raise _Unknown
            self.pos = close + 1
            return "group"
        flags = char
        while self._peek() in _SCOPE_FLAGS:
            flags += self._take()
        if not set(flags) <= _SCOPE_FLAGS:
            raise _Unknown  # (?-i:...), (?x), (?V1), (?P=name), (?R), (?(1)...), (?#...), (?|...) ...
        end = self._take()
        if end == ":":
            return "group"
        if end == ")" and self.pos == len(flags) + 3:
            return "flags"  # at the start only, as the standard library requires; elsewhere not read
        raise _Unknown

    def _class(self) -> _Chars:
        start = self.pos
        negated = self._peek() == "^"
        if negated:
            self.pos += 1
        chars: set[str] = set()
        literal = not negated
        first = True
        while True:
            char = self._take()
            if char == "]" and not first:
                break
            first = False
            if char == "[":
                raise _Unknown  # a POSIX class [:alpha:] or a nested set
            low = self._class_member(char)
            if self._peek() == "-" and self._peek(1) not in ("]", ""):
                self.pos += 1
                high = self._class_member(self._take())
                if low is None or high is None or low > high:
                    raise _Unknown
                if low.isascii() and high.isascii() and ord(high) - ord(low) < _MAX_CLASS:
                    chars.update(chr(code).lower() for code in range(ord(low), ord(high) + 1))
                else:
                    literal = False
            elif low is not None and low.isascii():
                chars.add(low.lower())
            else:
                literal = False
        if any(operator in self.text[start:self.pos] for operator in _SET_OPERATORS):
            raise _Unknown
        return _Chars(frozenset(chars)) if literal and len(chars) <= _MAX_CLASS else _ANY_CHAR

    def _class_member(self, char: str) -> str | None:
        """A class member's character, or None for \\d, \\w, \\s and their negations."""
        if char == "[":
            raise _Unknown
        if char != "\\":
            return char
        escaped = self._take()
        if escaped in _CLASS_ESCAPES:
            return None
        return self._escaped_literal(escaped)


def _literal(char: str) -> _Chars:
    """A literal character: itself lower-cased if ASCII, else not a literal (case-insensitive matching and
    case folding map non-ASCII letters to other letters: "ß" matches "ẞ" and folds to "ss"). The only
    non-ASCII characters an ASCII letter matches (ı İ ſ and the Kelvin sign) do not survive normalisation."""
    return _Chars(frozenset((char.lower(),))) if char.isascii() else _ANY_CHAR


# -- the strings required -----------------------------------------------------------------------------------


def _items(node: _Node) -> tuple[_Node, ...]:
    return node.items if isinstance(node, _Sequence) else (node,)


def _required(items: tuple[_Node, ...]) -> set[str] | None:
    """The best set for a sequence: runs of parts that stand for a few exact strings, spelled out, or a
    part's own required set; the set whose shortest string is longest wins."""
    best: set[str] | None = None

    def offer(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and "" not in candidate and (best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    run = {""}
    for item in items:
        exact = _exact(item)
        if exact is not None:
            joined = {a + b for a in run for b in exact}
            if len(joined) <= _MAX_STRINGS and max(map(len, joined)) <= _MAX_LENGTH:
                run = joined
                continue
            offer(run)
            run = exact
            continue
        offer(run)
        run = {""}
        offer(_required_of(item))
    offer(run)
    return best


def _required_of(node: _Node) -> set[str] | None:
    """A set one of which every match of a part that is not a few exact strings contains."""
    if isinstance(node, _Sequence):
        return _required(node.items)
    if isinstance(node, _Repeat) and node.low >= 1:
        return _required(_items(node.body))
    if isinstance(node, _Alternation):
        union: set[str] = set()
        for branch in node.branches:
            found = _required(branch.items)
            if not found:
                return None
            union |= found
        return union
    return None


def _exact(node: _Node) -> set[str] | None:
    """The few strings a part of a pattern matches, lower-cased (ASCII only), or None."""
    if isinstance(node, _Chars):
        return set(node.exact) if node.exact is not None else None
    if isinstance(node, _ZeroWidth):
        return {""}
    if isinstance(node, _Sequence):
        return _exact_sequence(node.items)
    if isinstance(node, _Alternation):
        union: set[str] = set()
        for branch in node.branches:
            found = _exact_sequence(branch.items)
            if found is None:
                return None
            union |= found
        return union if len(union) <= _MAX_STRINGS else None
    if node.high is None or node.high > 3:
        return None
    once = _exact_sequence(_items(node.body))
    if once is None:
        return None
    repeated: set[str] = set()
    current = {""}
    for count in range(node.high + 1):
        if count >= node.low:
            repeated |= current
        current = {a + b for a in current for b in once}
        if len(repeated) > _MAX_STRINGS or len(current) > _MAX_STRINGS:
            return None
    return repeated


def _exact_sequence(items: tuple[_Node, ...]) -> set[str] | None:
    strings = {""}
    for item in items:
        exact = _exact(item)
        if exact is None:
            return None
        strings = {a + b for a in strings for b in exact}
        if len(strings) > _MAX_STRINGS or max(map(len, strings)) > _MAX_LENGTH:
            return None
    return strings
