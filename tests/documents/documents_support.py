"""Helpers shared by the documents tests: the source-map invariants every reader keeps."""

from __future__ import annotations

import re

from factlint.documents import Document, Piece, Segment

WORD = re.compile(r"\w+")


def all_text(document: Document) -> str:
    return "\n".join(segment.text for segment in document.segments)


def texts(document: Document) -> list[str]:
    return [segment.text for segment in document.segments]


def kinds(document: Document) -> list[tuple[str, str]]:
    return [(segment.kind, segment.text) for segment in document.segments]


def check_pieces(segment: Segment, source: str) -> None:
    """Pieces cover the segment text without gaps, stay inside the source, and linear
    pieces are exact copies of their source range."""
    assert segment.text, "empty segments are dropped"
    assert not segment.text.isspace()
    expected_start = 0
    for raw in segment.pieces:
        assert type(raw) is tuple and len(raw) == 4
        piece = Piece(*raw)
        assert piece.seg_start == expected_start, (segment, piece)
        assert piece.seg_len > 0
        assert 0 <= piece.src_start <= piece.src_start + piece.src_len <= len(source)
        if piece.seg_len == piece.src_len:
            seg = segment.text[piece.seg_start : piece.seg_start + piece.seg_len]
            src = source[piece.src_start : piece.src_start + piece.src_len]
            assert seg == src, (piece, seg, src)
        expected_start += piece.seg_len
    assert expected_start == len(segment.text)


def check_document(document: Document) -> None:
    """Every segment keeps the invariants, and every word maps back to itself."""
    source = document.text
    for segment in document.segments:
        check_pieces(segment, source)
        for match in WORD.finditer(segment.text):
            start, end = segment.source_span(match.start(), match.end())
            if _is_linear(segment, match.start(), match.end()):
                assert source[start:end] == match.group(), (segment, match.group())
            else:  # an entity or escape inside the word: the span covers its source
                assert 0 <= start < end <= len(source)


def _is_linear(segment: Segment, start: int, end: int) -> bool:
    for seg_start, _, seg_len, src_len in segment.pieces:
        overlaps = seg_start < end and start < seg_start + seg_len
        if overlaps and seg_len != src_len:
            return False
    return True


def span_of(document: Document, word: str) -> tuple[int, int]:
    """Source span of the first occurrence of `word` in any segment."""
    for segment in document.segments:
        index = segment.text.find(word)
        if index >= 0:
            return segment.source_span(index, index + len(word))
    raise AssertionError(f"{word!r} not in any segment: {texts(document)}")


_MATCHER = None


def findings(document: Document) -> list[tuple[str, int, int, str]]:
    """(rule, line, column, matched text) of the default rulebook's findings in `document`."""
    global _MATCHER
    if _MATCHER is None:
        from factlint.matching import Matcher
        from factlint.rulebook import load_rulebook

        _MATCHER = Matcher(load_rulebook([]))
    return [(f.rule, f.line, f.column, f.text) for f in _MATCHER.check(document)]


def at(document: Document, needle: str) -> tuple[int, int]:
    """Line and column where `needle` first occurs in the source."""
    return document.position(document.text.index(needle))
