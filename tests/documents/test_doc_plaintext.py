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


def test_crlf_and_cr_documents_keep_line_breaks_as_newlines() -> None:
    assert texts(text("a\r\nb\r\n\r\nc")) == ["a\nb", "c"]
    assert texts(text("a\rb\r\rc\r")) == ["a\nb", "c"]
    assert texts(text("a\r\n \r\n\r\nb")) == ["a", "b"]
    source = "line one\r\nline two cures\rline three"
    document = text(source)
    (segment,) = document.segments
    assert segment.text == "line one\nline two cures\nline three"
    start, end = span_of(document, "cures")
    assert source[start:end] == "cures" and document.position(start) == (2, 10)
    start, _ = span_of(document, "three")
    assert document.position(start) == (3, 6)
    crlf = segment.text.index("\n")
    assert source[slice(*segment.source_span(crlf, crlf + 1))] == "\r\n"


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


def test_bulleted_lines_are_list_items_without_their_bullet() -> None:
    source = (
        "Why patients choose us:\n"
        "• Fast ✓ caring staff\n"
        "✓Same-day visits\n"
        "→ Ketamine therapy = instant relief\n"
        "- plain dash item\n"
        "  continued on an indented line\n"
        "* star item\n"
        "Back to a paragraph\n"
        "-5% is not a bullet, and neither is *emphasis*\n"
    )
    document = text(source)
    assert kinds(document) == [
        ("text", "Why patients choose us:"),
        ("list_item", "Fast ✓ caring staff"),
        ("list_item", "Same-day visits"),
        ("list_item", "Ketamine therapy = instant relief"),
        ("list_item", "plain dash item\n  continued on an indented line"),
        ("list_item", "star item"),
        ("text", "Back to a paragraph\n-5% is not a bullet, and neither is *emphasis*"),
    ]
    start, _ = span_of(document, "instant")
    assert document.position(start) == (4, 22)


def test_a_social_post_keeps_its_emoji_and_line_breaks() -> None:
    source = "Depression doesn't have to be forever ✨ Ketamine therapy = instant relief.\r\n#ketamine #mentalhealth"
    document = text(source)
    (segment,) = document.segments
    assert segment.text == (
        "Depression doesn't have to be forever ✨ Ketamine therapy = instant relief.\n#ketamine #mentalhealth")
    start, end = span_of(document, "Ketamine therapy")
    assert source[start:end] == "Ketamine therapy" and document.position(start) == (1, 41)
    start, _ = span_of(document, "#mentalhealth")
    assert document.position(start) == (2, 11)


def test_with_and_without_carriage_returns_the_same_segments() -> None:
    # LF-only text without bullets takes a faster path: it must agree with the line-by-line one.
    source = "One\nparagraph here.\n\u00a0\t\nTwo.\n \n\nThree https://x.io/a end.\n"
    assert texts(text(source)) == ["One\nparagraph here.", "Two.", "Three   end."]
    assert texts(text(source.replace("\n", "\r\n"))) == texts(text(source))
