"""The copy behind the findings, for reports that show it (the text report's source lines, the HTML report).

Files are read again at report time, and only those with something to show: workers never ship file texts
back, and a run of 100,000 clean files reads nothing here. A file is decoded exactly as the linter decoded it,
and a finding is shown in context only when the text at its offsets is still the matched text (a file edited
while factlint ran is reported without context rather than with the wrong line).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from factlint.escape import visible
from factlint.findings import Finding

_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(slots=True)
class SourceTexts:
    """Decoded text of the linted files by display path, read on first use."""

    paths: Mapping[str, str] = field(default_factory=dict)  # display path -> path on disk
    given: dict[str, str] = field(default_factory=dict)  # display path -> text already at hand (stdin)
    _cache: dict[str, str | None] = field(default_factory=dict)

    def text(self, display: str) -> str | None:
        if display in self.given:
            return self.given[display]
        if display not in self._cache:
            self._cache = {display: self._read(display)}  # reports go file by file: keep one text
        return self._cache[display]

    def _read(self, display: str) -> str | None:
        from factlint.documents.decode import decode_bytes
        from factlint.errors import SkippedFile

        path = self.paths.get(display)
        if path is None:
            return None
        try:
            with open(path, "rb") as handle:  # a regular file: the linter read it a moment ago
                return decode_bytes(handle.read())[0]
        except (OSError, SkippedFile):  # gone, or binary now
            return None

    def matches(self, finding: Finding) -> str | None:
        """The file's text, if the finding's span in it is still the matched text."""
        text = self.text(finding.path)
        if text is None or text[finding.start:finding.end] != finding.text:
            return None
        return text


def decode_stdin(data: bytes | str | None) -> str:
    from factlint.documents.decode import decode_bytes
    from factlint.errors import SkippedFile

    if data is None:
        return ""
    if isinstance(data, str):
        return data
    try:
        return decode_bytes(data)[0]
    except SkippedFile:  # binary input was skipped: nothing to show
        return ""


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end (before the line break) of the line holding `offset`; CRLF, CR and LF end lines.
    By bisection of the text's line index, so thousands of findings on one long line cost no more
    than on short lines (searching from each offset to the line's ends was quadratic)."""
    starts, ends = _line_index(text)
    line = bisect.bisect_right(starts, offset) - 1
    return starts[line], ends[line]


@functools.lru_cache(maxsize=1)  # reports go file by file; the text's hash is cached on the string
def _line_index(text: str) -> tuple[list[int], list[int]]:
    starts, ends = [0], []
    for match in _LINE_BREAK.finditer(text):
        ends.append(match.start())
        starts.append(match.end())
    ends.append(len(text))
    return starts, ends


# ------------------------------------------------------------------------------------------ printing

def _width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _cell(char: str) -> str:
    return "    " if char == "\t" else visible(char)


@dataclass(frozen=True, slots=True)
class Snippet:
    line: str  # the source line as printed (tabs expanded, control characters escaped, long lines cut)
    underline: str  # spaces, then one ^ per printed column of the span


MAX_WIDTH = 120  # a longer line is cut to a window around the span
KEEP_BEFORE = 40  # characters kept before the span in a cut line


def snippet(text: str, finding: Finding) -> Snippet:
    """The line holding the finding's start, with the span (to the end of that line) underlined."""
    start, end = line_bounds(text, finding.start)
    span_end = min(finding.end, end)
    low, high = start, end  # the window of the line shown; only it is sliced (a line may be megabytes)
    cut_before = cut_after = False
    if end - start > MAX_WIDTH:
        if finding.start - start > KEEP_BEFORE:
            low, cut_before = finding.start - KEEP_BEFORE, True
        room = MAX_WIDTH - (finding.start - low)
        if span_end - finding.start > room:
            span_end = high = finding.start + room
            cut_after = True
        elif end - low > MAX_WIDTH:
            high, cut_after = low + MAX_WIDTH, True
    before, inside, after = text[low:finding.start], text[finding.start:span_end], text[span_end:high]
    shown_before, pad = _shown(before)
    shown_inside, marks = _shown(inside)
    shown_after, _ = _shown(after)
    if cut_before:
        shown_before, pad = "..." + shown_before, pad + 3
    if cut_after:
        shown_after += "..."
    return Snippet(shown_before + shown_inside + shown_after, " " * pad + "^" * max(marks, 1))


def _shown(piece: str) -> tuple[str, int]:
    """A piece of a line as printed, and how many terminal columns it takes."""
    if piece.isascii() and piece.isprintable():  # the common case, without a look at each character
        return piece, len(piece)
    shown = "".join(_cell(c) for c in piece)
    return shown, sum(_width(c) for c in shown)
