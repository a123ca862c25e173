"""Shared segment finishing: trim whitespace, cut bare URLs, build Segment objects.

Readers collect a segment as a list of text parts plus a list of raw piece tuples
`(seg_start, src_start, seg_len, src_len)` (see model.Piece) and hand both to
`finish`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from typing import Any

from factlint.documents.model import Heading, RawPiece, Segment, SegmentKind

_INF = float("inf")

# Bare URLs (http, https, www.). Trailing sentence punctuation is given back to the prose.
_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>]*")
_URL_TRAILING = ".,;:!?)]}>'\"*_"


def release(pending: list[Segment], segments: list[Segment]) -> None:
    """The segments met inside a block (alt texts, titles, attributes) follow it, once it has ended."""
    if pending:
        segments.extend(pending)
        pending.clear()


def source_range(rng: Mapping[str, Any], span: Callable[[int, int], tuple[int, int]] | None) -> tuple[int, int]:
    """A parser event's range in the source (`span` maps it when the text parsed is a part of the source)."""
    start, end = rng["start"], rng["end"]
    return span(start, end) if span is not None else (start, end)


def finish(
    parts: list[str], pieces: list[RawPiece], kind: SegmentKind, urls: bool = True,
    level: int = 1, row_header: str | None = None,
) -> Segment | None:
    """Build a Segment from collected parts, or None when nothing but whitespace is left.

    `urls=False` skips the bare-URL scan (the caller knows the source has none). A
    "heading" becomes a Heading of `level`.
    """
    return finish_text(parts[0] if len(parts) == 1 else "".join(parts), pieces, kind, urls, level, row_header)


def finish_text(
    text: str, pieces: list[RawPiece], kind: SegmentKind, urls: bool = True,
    level: int = 1, row_header: str | None = None,
) -> Segment | None:
    """`finish` for text already joined from its parts."""
    if not text or text.isspace():
        return None
    if urls and ("://" in text or "ww." in text or "WW." in text):
        text, pieces = _cut_urls(text, pieces)
        if not text or text.isspace():
            return None
    if text[0].isspace() or text[-1].isspace():
        stripped = text.strip()
        start = len(text) - len(text.lstrip())
        pieces = slice_pieces(pieces, start, start + len(stripped), 0)
        text = stripped
    return build(text, pieces, kind, level, row_header)


def build(
    text: str, pieces: list[RawPiece], kind: SegmentKind, level: int = 1, row_header: str | None = None
) -> Segment:
    """The Segment (a Heading for kind "heading") of finished text and its pieces."""
    if kind == "heading":
        return Heading(text, tuple(pieces), level)
    return Segment(text, tuple(pieces), kind, row_header)


def slice_pieces(pieces: list[RawPiece], start: int, end: int, new_start: int) -> list[RawPiece]:
    """The pieces covering segment range [start, end), re-based so `start` becomes `new_start`.

    `pieces` is sorted by seg_start and contiguous. A non-linear piece that is only
    partly kept still maps onto its whole source range.
    """
    out: list[RawPiece] = []
    index = max(bisect.bisect_right(pieces, (start, _INF)) - 1, 0)
    shift = new_start - start
    for seg_start, src_start, seg_len, src_len in pieces[index:]:
        if seg_start >= end:
            break
        lo = seg_start if seg_start > start else start
        seg_end = seg_start + seg_len
        hi = seg_end if seg_end < end else end
        if hi <= lo:
            continue
        if seg_len == src_len:
            out.append((lo + shift, src_start + lo - seg_start, hi - lo, hi - lo))
        else:
            out.append((lo + shift, src_start, hi - lo, src_len))
    return out


def _source_range(pieces: list[RawPiece], start: int, end: int) -> tuple[int, int]:
    covered = slice_pieces(pieces, start, end, start)
    first, last = covered[0], covered[-1]
    return first[1], last[1] + last[3]


def _cut_urls(text: str, pieces: list[RawPiece]) -> tuple[str, list[RawPiece]]:
    """Replace each bare URL by one space mapped onto the URL's source range."""
    spans = []
    kept = 0
    for match in _URL.finditer(text):
        url_start = match.start()
        url_end = url_start + len(match.group().rstrip(_URL_TRAILING))
        if url_end - url_start < 4 or url_start < kept:
            continue
        spans.append((url_start, url_end))
        kept = url_end
    return replace_spans(text, pieces, spans)


def replace_runs(text: str, pieces: list[RawPiece], pattern: re.Pattern[str]) -> tuple[str, list[RawPiece]]:
    """Replace each match of `pattern` by one space mapped onto the match's source range."""
    return replace_spans(text, pieces, [m.span() for m in pattern.finditer(text)])


def replace_spans(
    text: str, pieces: list[RawPiece], spans: list[tuple[int, int]]
) -> tuple[str, list[RawPiece]]:
    """Replace each of the sorted, disjoint segment `spans` by one space mapped onto its source."""
    if not spans:
        return text, pieces
    out_parts: list[str] = []
    out_pieces: list[RawPiece] = []
    kept = 0  # end of the text already handled
    pos = 0  # length of the new text so far
    for start, end in spans:
        if start > kept:
            out_parts.append(text[kept:start])
            out_pieces.extend(slice_pieces(pieces, kept, start, pos))
            pos += start - kept
        src_start, src_end = _source_range(pieces, start, end)
        out_parts.append(" ")
        out_pieces.append(space_piece(pos, src_start, src_end - src_start))
        pos += 1
        kept = end
    out_parts.append(text[kept:])
    out_pieces.extend(slice_pieces(pieces, kept, len(text), pos))
    return "".join(out_parts), out_pieces


def unescape_into(
    text: str, start: int, end: int, escapes: re.Pattern[str], decode: Callable[[str], str],
    parts: list[str], pieces: list[RawPiece], pos: int,
) -> int:
    """Append text[start:end] to parts/pieces, each match of `escapes` replaced by `decode(match)`
    and mapped onto the whole match (an escape sequence, a folded line break); return the new pos.

    One loop for every string syntax with escapes: JSON, JavaScript, YAML and TOML strings.
    """
    kept = start
    for m in escapes.finditer(text, start, end):
        a, b = m.span()
        if a > kept:
            parts.append(text[kept:a])
            pieces.append((pos, kept, a - kept, a - kept))
            pos += a - kept
        source = m.group()
        value = decode(source)
        if value:
            parts.append(value)
            if value == source:
                pieces.append((pos, a, b - a, b - a))
            elif len(value) == b - a:  # "\n" for a lone "\r": an empty range at it (see space_piece)
                pieces.append((pos, a, len(value), 0))
            else:
                pieces.append((pos, a, len(value), b - a))
            pos += len(value)
        kept = b
    if end > kept:
        parts.append(text[kept:end])
        pieces.append((pos, kept, end - kept, end - kept))
        pos += end - kept
    return pos


def code_point(hex_digits: str) -> str:
    """The character of a \\u/\\x escape; U+FFFD for a surrogate or a number past U+10FFFF."""
    value = int(hex_digits, 16)
    return "\ufffd" if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF else chr(value)


def space_piece(seg_start: int, src_start: int, src_len: int) -> RawPiece:
    """A piece for an inserted space standing in for `src_len` removed source characters."""
    if src_len == 1:
        # seg_len == src_len would claim the space is a copy of the source character;
        # map it to an empty source range at that character instead.
        return (seg_start, src_start, 1, 0)
    return (seg_start, src_start, 1, src_len)
