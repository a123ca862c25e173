"""What a reader produces: the decoded text and its prose segments, with source offsets."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

_INF = float("inf")
_set = object.__setattr__
_LINE_BREAK = re.compile(r"\r\n?|\n")

SegmentKind = Literal[
    "title",  # the page title: <title>, front matter title/headline, og:title, twitter:title
    "heading",  # a heading (Heading, with its level)
    "paragraph",
    "list_item",  # a list item, or a plain-text line that starts with a bullet
    "table_cell",  # one cell of a Markdown or HTML table (see Segment.row_header)
    "text",  # a plain-text paragraph
    "meta",  # description/summary/... in front matter, meta tags and JSON-LD
    "attribute",  # alt, title, aria-label, placeholder (HTML attributes, Markdown image text)
    "prop",  # an MDX/JSX string-literal prop
]


RawPiece = tuple[int, int, int, int]
"""`(seg_start, src_start, seg_len, src_len)`: how a run of segment text maps to the source (see Piece)."""


class Piece(NamedTuple):
    """The fields of a RawPiece, by name: `Piece(*segment.pieces[0]).src_start`.

    A piece is a run of segment text that came from one contiguous range of the source.
    When `seg_len == src_len` the run maps character for character. Otherwise (an HTML
    entity, a Markdown escape, a space standing in for removed code, "\n" for a CRLF) the
    whole run maps onto the whole source range. Segments hold plain tuples, not Pieces:
    readers make one per run of text, and a NamedTuple costs a Python-level call each.
    """

    seg_start: int
    src_start: int
    seg_len: int
    src_len: int


class Comment(NamedTuple):
    """A comment in the format's own syntax: where a `factlint-` directive may stand.

    `start`/`end` delimit the whole comment in the source (delimiters included), `text` is
    what stands between the delimiters, unstripped ("<!-- x -->" -> " x ").
    """

    start: int
    end: int
    text: str


class Parsed(NamedTuple):
    """What a format's parser returns: segments and comments, each in source order."""

    segments: list[Segment]
    comments: list[Comment]


@dataclass(frozen=True, slots=True)
class Segment:
    """A block of prose a reader sees (a paragraph, heading, list item, table cell, alt text...).

    `text` is what a reader sees: markup, code, URLs and comments removed, entities decoded,
    line breaks kept as "\n". Characters inserted by the reader (a space for removed inline
    code, "\n" for a CRLF) are covered by pieces too, so every character maps back to the source.
    `row_header` is set on a table cell other than the first of its row: the text of that
    row's first cell, which may name what the cell is about.
    """

    text: str
    pieces: tuple[RawPiece, ...]  # sorted by seg_start, covering `text` without gaps
    kind: SegmentKind = "paragraph"
    row_header: str | None = None

    def _piece_at(self, index: int) -> RawPiece:
        # Pieces are tuples starting with seg_start: (index, inf) sorts after every
        # piece that starts at or before index.
        pieces = self.pieces
        return pieces[max(bisect.bisect_right(pieces, (index, _INF)) - 1, 0)]

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


@dataclass(frozen=True, slots=True, init=False)
class Heading(Segment):
    """A heading segment, with its level (1 for `#`/`<h1>`, 2 for `##`/`<h2>`...).

    The matcher uses levels to know what a section is about: a sub-heading keeps the topic of
    the headings above it.
    """

    level: int = 1

    def __init__(self, text: str, pieces: tuple[RawPiece, ...], level: int) -> None:
        _set(self, "text", text)
        _set(self, "pieces", pieces)
        _set(self, "kind", "heading")
        _set(self, "row_header", None)
        _set(self, "level", level)


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded draft and the prose segments to lint, in reading order."""

    path: str  # as shown in reports
    text: str  # the whole decoded file
    format: str  # a key of factlint.documents.FORMATS
    segments: tuple[Segment, ...]
    warnings: tuple[str, ...] = ()  # e.g. "invalid UTF-8 replaced"
    # Where the format puts comments, in source order: the only places a directive counts.
    comments: tuple[Comment, ...] = ()
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
