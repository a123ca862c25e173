"""What a reader produces: the decoded text and its prose segments, with source offsets."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import FrozenInstanceError, dataclass, field
from functools import partial
from types import MemberDescriptorType
from typing import Any, Literal, NamedTuple

_INF = float("inf")
_new = object.__new__
_set = object.__setattr__
_LINE_BREAK = re.compile(r"\r\n?|\n")

SegmentKind = Literal["heading", "paragraph", "list_item", "table_cell", "text"]


class Piece(NamedTuple):
    """A run of segment text that came from one contiguous range of the source.

    When `seg_len == src_len` the run maps character for character. Otherwise (an HTML
    entity, a Markdown escape, a space standing in for removed code) the whole run maps
    onto the whole source range. A NamedTuple because readers create one per text run
    and construction cost shows up in the throughput budget.
    """

    seg_start: int
    src_start: int
    seg_len: int
    src_len: int


_make_piece = partial(tuple.__new__, Piece)  # C-level; NamedTuple.__new__ is Python


class Segment:
    """A block of prose (a paragraph, heading, list item, table cell...).

    `text` is what a reader sees: markup, code, URLs and comments removed. Characters
    inserted by the reader (a space for a line break or for removed inline code) are
    covered by pieces too, so every character maps back to the source.

    Immutable, compared and hashed by (text, pieces, kind) like the frozen dataclass it
    replaces. Readers build segments with `Segment.from_raw` from plain tuples; the
    Piece objects are only created when `pieces` is first read, because most segments
    never need them (mapping offsets works on the raw tuples).
    """

    __slots__ = ("text", "kind", "_pieces", "_raw")
    __match_args__ = ("text", "pieces", "kind")

    text: str
    kind: SegmentKind
    _pieces: tuple[Piece, ...]  # unset until first read when built by from_raw
    _raw: Sequence[tuple[int, int, int, int]]

    def __init__(
        self, text: str, pieces: Iterable[Piece] | Iterable[tuple[int, int, int, int]],
        kind: SegmentKind = "paragraph",
    ) -> None:
        materialised = tuple(p if type(p) is Piece else Piece(*p) for p in pieces)
        _set(self, "text", text)
        _set(self, "kind", kind)
        _set(self, "_pieces", materialised)
        _set(self, "_raw", materialised)

    @classmethod
    def from_raw(
        cls, text: str, raw: Sequence[tuple[int, int, int, int]], kind: SegmentKind
    ) -> Segment:
        """Build from `(seg_start, src_start, seg_len, src_len)` tuples, sorted by seg_start.

        The caller hands over `raw` and must not mutate it afterwards.
        """
        if cls is Segment:
            return segment_from_raw(text, raw, kind)
        segment = _new(cls)
        _set(segment, "text", text)
        _set(segment, "kind", kind)
        _set(segment, "_raw", raw)
        return segment

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """Pieces sorted by seg_start, covering `text` without gaps."""
        try:
            return self._pieces
        except AttributeError:  # built by from_raw: materialise once
            pieces = tuple(map(_make_piece, self._raw))
            _set(self, "_pieces", pieces)
            return pieces

    def _piece_at(self, index: int) -> tuple[int, int, int, int]:
        # Pieces are tuples starting with seg_start: (index, inf) sorts after every
        # piece that starts at or before index.
        raw = self._raw
        return raw[max(bisect.bisect_right(raw, (index, _INF)) - 1, 0)]

    def source_offset(self, index: int) -> int:
        """Source offset of the character at segment `index`."""
        seg_start, src_start, seg_len, src_len = self._piece_at(index)
        if seg_len == src_len:
            return src_start + (index - seg_start)
        return src_start

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the segment span [start, end) to a source span [start, end)."""
        src_start = self.source_offset(start)
        seg_start, last_src, seg_len, src_len = self._piece_at(end - 1 if end > start else start)
        if seg_len == src_len:
            return src_start, last_src + (end - seg_start)
        return src_start, last_src + src_len

    # -- value semantics of the former frozen dataclass ------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _key(self) -> tuple[str, tuple[tuple[int, int, int, int], ...], str]:
        return self.text, tuple(self._raw), self.kind

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Segment(text={self.text!r}, pieces={self.pieces!r}, kind={self.kind!r})"

    def __reduce__(self) -> tuple[type[Segment], tuple[str, tuple[Piece, ...], str]]:
        return Segment, (self.text, self.pieces, self.kind)


class Heading(Segment):
    """A heading segment, with its level (1 for `#`/`<h1>`, 2 for `##`/`<h2>`...).

    The matcher uses levels to know what a section is about: a sub-heading keeps the topic of
    the headings above it.
    """

    __slots__ = ("level",)
    level: int

    def __init__(
        self, text: str, pieces: Iterable[Piece] | Iterable[tuple[int, int, int, int]], level: int
    ) -> None:
        super().__init__(text, pieces, "heading")
        _set(self, "level", level)

    @classmethod
    def of(cls, segment: Segment, level: int) -> Heading:
        """The same segment, marked as a heading of `level`."""
        heading = _new(cls)
        _set(heading, "text", segment.text)
        _set(heading, "kind", "heading")
        _set(heading, "_raw", segment._raw)
        _set(heading, "level", level)
        return heading

    def _key(self) -> tuple[str, tuple[tuple[int, int, int, int], ...], str]:
        return self.text, tuple(self._raw), f"heading{self.level}"

    def __repr__(self) -> str:
        return f"Heading(text={self.text!r}, pieces={self.pieces!r}, level={self.level})"

    def __reduce__(self) -> tuple[type[Heading], tuple[str, tuple[Piece, ...], int]]:  # type: ignore[override]
        return Heading, (self.text, self.pieces, self.level)


def slot_setter(name: str) -> Callable[[Segment, Any], None]:
    """The C-level setter of Segment's slot `name`, bypassing the frozen `__setattr__`."""
    descriptor: MemberDescriptorType = vars(Segment)[name]
    return descriptor.__set__


_set_text = slot_setter("text")
_set_kind = slot_setter("kind")
_set_raw = slot_setter("_raw")


def segment_from_raw(
    text: str, raw: Sequence[tuple[int, int, int, int]], kind: SegmentKind
) -> Segment:
    """Segment.from_raw without the classmethod and setattr overhead (reader hot path)."""
    segment = _new(Segment)
    _set_text(segment, text)
    _set_kind(segment, kind)
    _set_raw(segment, raw)
    return segment


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded draft and the prose segments to lint, in reading order."""

    path: str  # as shown in reports
    text: str  # the whole decoded file
    format: str  # a key of factlint.documents.FORMATS
    segments: tuple[Segment, ...]
    warnings: tuple[str, ...] = ()  # e.g. "invalid UTF-8 replaced"
    # Computed on the first position() call: most documents have no findings.
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; CRLF, CR and LF end lines.

        Columns count code points (an emoji is one column, a combining mark is its own
        column), starting at 1; a byte order mark is not part of the text.
        """
        starts = self._line_starts
        if not starts:
            starts = line_starts(self.text)
            object.__setattr__(self, "_line_starts", starts)
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where each line begins. "\\r\\n" is one line break, as are lone "\\r" and "\\n"."""
    starts = [0]
    append = starts.append
    if "\r" not in text:
        index = 0
        find = text.find
        while True:
            index = find("\n", index)
            if index < 0:
                break
            index += 1
            append(index)
        return tuple(starts)
    starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
    return tuple(starts)
