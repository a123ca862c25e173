from __future__ import annotations

from documents_support import check_document, kinds, span_of, texts

from factlint.documents import parse_document


def text(source: str):
    document = parse_document(source, "notes.txt", "text")
    check_document(document)
    return document


def test_paragraphs_split_on_blank_lines() -> None:
    document = text("First line\nsame paragraph.\n\n  \t\nSecond paragraph.\n\n\n\nThird.")
    assert kinds(document) == [
        ("text", "First line\nsame paragraph."), ("text", "Second paragraph."), ("text", "Third.")]


def test_crlf_and_cr_documents() -> None:
    assert texts(text("a\r\nb\r\n\r\nc")) == ["a\r\nb", "c"]
    assert texts(text("a\rb\r\rc\r")) == ["a\rb", "c"]
    assert texts(text("a\r\n \r\n\r\nb")) == ["a", "b"]


def test_markup_is_literal_in_text() -> None:
    assert texts(text("# Not a heading *here*\n\n<b>tag</b>")) == ["# Not a heading *here*", "<b>tag</b>"]


def test_positions_and_round_trip() -> None:
    source = "\tCafé 😀 e\u0301\r\n\r\n  ketamine 中文 cures\r\n"
    document = text(source)
    assert texts(document) == ["Café 😀 e\u0301", "ketamine 中文 cures"]
    start, end = span_of(document, "cures")
    assert source[start:end] == "cures"
    assert document.position(start) == (3, 15)


def test_bare_urls_are_removed_but_punctuation_stays() -> None:
    document = text("See https://example.com/cures. Or www.example.org/cures, ok (http://x.io/a).")
    (segment,) = document.segments
    assert segment.text == "See  . Or  , ok ( )."
    start, end = segment.source_span(4, 5)
    assert document.text[start:end] == "https://example.com/cures"


def test_whitespace_only_input_has_no_segments() -> None:
    assert text("").segments == ()
    assert text(" \r\n\t\n").segments == ()
