"""What a reader produces: the decoded text and its prose segments, with source offsets."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

SegmentKind = Literal["heading", "paragraph", "list_item", "table_cell", "text"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of segment text that came from one contiguous range of the source.

    When `seg_len == src_len` the run maps character for character. Otherwise (an HTML
    entity, a Markdown escape) the whole run maps onto the whole source range.
    """

    seg_start: int
    src_start: int
    seg_len: int
    src_len: int


@dataclass(frozen=True, slots=True)
class Segment:
    """A block of prose (a paragraph, heading, list item, table cell...).

    `text` is what a reader sees: markup, code, URLs and comments removed. Characters
    inserted by the reader (a space for a line break or for removed inline code) are
    covered by pieces too, so every character maps back to the source.
    """

    text: str
    pieces: tuple[Piece, ...]
    kind: SegmentKind = "paragraph"
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p.seg_start for p in self.pieces))

    def source_offset(self, index: int) -> int:
        """Source offset of the character at segment `index`."""
        piece = self.pieces[bisect.bisect_right(self._starts, index) - 1]
        if piece.seg_len == piece.src_len:
            return piece.src_start + (index - piece.seg_start)
        return piece.src_start

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the segment span [start, end) to a source span [start, end)."""
        src_start = self.source_offset(start)
        last = self.pieces[bisect.bisect_right(self._starts, end - 1) - 1]
        if last.seg_len == last.src_len:
            src_end = last.src_start + (end - last.seg_start)
        else:
            src_end = last.src_start + last.src_len
        return src_start, src_end


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded draft and the prose segments to lint, in reading order."""

    path: str  # as shown in reports
    text: str  # the whole decoded file
    format: Literal["markdown", "html", "text"]
    segments: tuple[Segment, ...]
    warnings: tuple[str, ...] = ()  # e.g. "invalid UTF-8 replaced"
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_line_starts", line_starts(self.text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; CRLF, CR and LF end lines."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where each line begins. "\\r\\n" is one line break, as are lone "\\r" and "\\n"."""
    starts = [0]
    append = starts.append
    index = 0
    find_n = text.find
    if "\r" not in text:
        while True:
            index = find_n("\n", index)
            if index < 0:
                break
            index += 1
            append(index)
        return tuple(starts)
    length = len(text)
    for i, ch in enumerate(text):
        if ch == "\n":
            append(i + 1)
        elif ch == "\r" and (i + 1 >= length or text[i + 1] != "\n"):
            append(i + 1)
    return tuple(starts)
