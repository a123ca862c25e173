"""Segment, Heading and Document as values: frozen, slotted, comparable, picklable."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from factlint.documents import Document, Heading, Piece, Segment, line_starts, parse_document


def test_segment_is_a_frozen_slotted_dataclass() -> None:
    segment = Segment("abc", (Piece(0, 10, 3, 3),), "table_cell", row_header="Ketamine")
    assert dataclasses.is_dataclass(segment) and not hasattr(segment, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        segment.text = "x"  # type: ignore[misc]
    assert segment == Segment("abc", (Piece(0, 10, 3, 3),), "table_cell", "Ketamine")
    assert segment != Segment("abc", (Piece(0, 10, 3, 3),), "table_cell")
    assert hash(segment) == hash(Segment("abc", (Piece(0, 10, 3, 3),), "table_cell", "Ketamine"))
    assert Segment("x", (Piece(0, 0, 1, 1),)).kind == "paragraph"


def test_heading_keeps_its_level_and_pickles() -> None:
    heading = Heading("Title", (Piece(0, 2, 5, 5),), 2)
    assert (heading.kind, heading.level, heading.row_header) == ("heading", 2, None)
    assert heading != Heading("Title", (Piece(0, 2, 5, 5),), 3)
    for value in (heading, Segment("a b", (Piece(0, 0, 3, 3),), "meta")):
        assert pickle.loads(pickle.dumps(value)) == value


def test_source_offsets_through_linear_and_replaced_pieces() -> None:
    # "A & B" from "A &amp; B": the entity maps onto its whole source range.
    segment = Segment("A & B", (Piece(0, 0, 2, 2), Piece(2, 2, 1, 5), Piece(3, 7, 2, 2)))
    assert [segment.source_offset(i) for i in range(5)] == [0, 1, 2, 7, 8]
    assert segment.source_span(2, 3) == (2, 7)
    assert segment.source_span(0, 5) == (0, 9)


def test_document_position_and_the_one_line_starts() -> None:
    text = "a\r\nb\rc\nd"
    assert line_starts(text) == (0, 3, 5, 7)
    assert line_starts("x\ny") == (0, 2)
    document = Document("x", text, "text", ())
    assert [document.position(i) for i in (0, 3, 5, 7, 8)] == [(1, 1), (2, 1), (3, 1), (4, 1), (4, 2)]


def test_parsed_documents_pickle_with_their_comments() -> None:
    document = parse_document("<!-- c -->\n\n# Title\n\nText.\n", "a.md", "markdown")
    again = pickle.loads(pickle.dumps(document))
    assert again == document and again.comments == document.comments
