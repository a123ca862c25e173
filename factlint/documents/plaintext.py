"""Plain text: paragraphs separated by blank lines; a line that starts with a bullet is a list item.

Social posts and e-mail copy are plain text: a line break there is a break a reader sees,
so it stays in the segment as "\\n" (CRLF and lone CR too, mapped onto their source). A
line holding only a `factlint-` directive (`# factlint-disable ...`) is the format's one
kind of comment: it is reported in `Parsed.comments`, not read as prose, and it ends the
paragraph around it like a blank line.
"""

from __future__ import annotations

import re

from factlint.documents._segments import finish
from factlint.documents.comments import directive_lines
from factlint.documents.fields import DEFAULT_OPTIONS, ReadOptions
from factlint.documents.model import Parsed, RawPiece, Segment, SegmentKind

# A line and its line break (CRLF, CR or LF; none at the end of the text).
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|\Z)")
# A bullet at the start of a line: a symbol, or "-", "*", "+" followed by a space.
BULLETS = "•◦▪▫‣⁃●○■□✓✔✗✘☑✅❌→➜➝➞➡➤►▶▸▹"
_BULLET = re.compile(r"[ \t]*(?:[" + BULLETS + r"][ \t]*|[-*+–][ \t]+)")
_ANY_BULLET = re.compile(r"^[ \t]*(?:[" + BULLETS + r"]|[-*+–][ \t])", re.M)
# A line break followed by lines holding only white space (LF-only text).
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


def parse_text(text: str, options: ReadOptions = DEFAULT_OPTIONS) -> Parsed:
    """One "text" segment per paragraph, one "list_item" per bulleted line (with its indented
    continuation lines)."""
    comments = directive_lines(text)
    if not comments and "\r" not in text and _ANY_BULLET.search(text) is None:
        return Parsed(_paragraphs(text), [])  # the common case, without a loop over lines
    segments: list[Segment] = []
    directive_starts = {c.start for c in comments}
    block: list[tuple[int, int, int]] = []  # (content start, content end, line-break end) per line
    kind: SegmentKind = "text"
    for match in _LINE.finditer(text):
        start, end = match.start(1), match.end(1)
        if start == end and not match.group(2):
            break  # the empty match at the very end
        line = match.group(1)
        blank = not line or line.isspace()
        if blank or start in directive_starts:
            _emit(text, block, kind, segments)
            block, kind = [], "text"
        else:
            bullet = _BULLET.match(text, start, end)
            if bullet is not None and bullet.end() < end:
                _emit(text, block, kind, segments)
                block, kind = [(bullet.end(), end, match.end(2))], "list_item"
            elif kind == "list_item" and not line[0].isspace():
                _emit(text, block, kind, segments)
                block, kind = [(start, end, match.end(2))], "text"
            else:
                block.append((start, end, match.end(2)))
        if match.end() >= len(text):
            break
    _emit(text, block, kind, segments)
    return Parsed(segments, comments)


def _paragraphs(text: str) -> list[Segment]:
    """The paragraphs of LF-only text without bullets or directives: one linear piece each."""
    segments = []
    start = 0
    for match in _BLANK_LINES.finditer(text):
        segment = finish([text[start : match.start()]], [(0, start, match.start() - start, match.start() - start)],
                         "text") if match.start() > start else None
        if segment is not None:
            segments.append(segment)
        start = match.end()
    if len(text) > start:
        segment = finish([text[start:]], [(0, start, len(text) - start, len(text) - start)], "text")
        if segment is not None:
            segments.append(segment)
    return segments


def _emit(text: str, block: list[tuple[int, int, int]], kind: SegmentKind, segments: list[Segment]) -> None:
    """The segment of consecutive lines: their text joined by "\\n"."""
    if not block:
        return
    first, last = block[0][0], block[-1][1]
    if "\r" not in text[first:last]:  # one linear piece (LF line breaks are copied as they are)
        n = last - first
        segment = finish([text[first:last]], [(0, first, n, n)], kind)
    else:
        parts: list[str] = []
        pieces: list[RawPiece] = []
        pos = 0
        for i, (start, end, break_end) in enumerate(block):
            n = end - start
            if n:
                parts.append(text[start:end])
                pieces.append((pos, start, n, n))
                pos += n
            if i < len(block) - 1:
                size = break_end - end  # 2 for CRLF; a lone CR maps to an empty range at itself
                parts.append("\n")
                pieces.append((pos, end, 1, size if size == 2 or text[end] == "\n" else 0))
                pos += 1
        segment = finish(parts, pieces, kind)
    if segment is not None:
        segments.append(segment)
