"""Plain text: paragraphs separated by blank lines.

Line breaks inside a paragraph stay in the segment as they are (the matcher treats
any whitespace as a space), so each paragraph is a single linear piece before URLs
are cut out.
"""

from __future__ import annotations

import re

from factlint.documents._segments import finish
from factlint.documents.model import Segment

# A line break followed by one or more lines holding only whitespace (CRLF, CR, LF).
# "\r(?!\n)": a CRLF must not be split into a CR line end plus an LF line end.
_EOL = r"(?:\r\n|\r(?!\n)|\n)"
_BLANK_LINES = re.compile(_EOL + r"(?:[^\S\r\n]*" + _EOL + ")+")


def parse_text(text: str) -> list[Segment]:
    """One "text" segment per paragraph."""
    segments: list[Segment] = []
    start = 0
    for match in _BLANK_LINES.finditer(text):
        _add(text, start, match.start(), segments)
        start = match.end()
    _add(text, start, len(text), segments)
    return segments


def _add(text: str, start: int, end: int, segments: list[Segment]) -> None:
    if end <= start:
        return
    chunk = text[start:end]
    n = end - start
    segment = finish([chunk], [(0, start, n, n)], "text")
    if segment is not None:
        segments.append(segment)
