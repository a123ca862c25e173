from __future__ import annotations

from documents_support import check_document, kinds, span_of, texts

from factlint.documents import parse_document


def md(text: str):
    document = parse_document(text, "draft.md", "markdown")
    check_document(document)
    return document


def test_blocks_become_segments_with_their_kind() -> None:
    document = md(
        "# Esketamine *works*\n\n"
        "A paragraph with **strong** and ~~struck~~ words.\n\n"
        "- first item\n- second [link text](https://example.com/x \"title\")\n\n"
        "> Quoted claim.\n\n"
        "| Drug | Claim |\n|---|---|\n| Ketamine | cures |\n"
    )
    assert kinds(document) == [
        ("heading", "Esketamine works"),
        ("paragraph", "A paragraph with strong and struck words."),
        ("list_item", "first item"),
        ("list_item", "second link text"),
        ("attribute", "title"),  # the link's title (a tooltip)
        ("paragraph", "Quoted claim."),
        ("table_cell", "Drug"),
        ("table_cell", "Claim"),
        ("table_cell", "Ketamine"),
        ("table_cell", "cures"),
    ]


def test_setext_heading_loose_and_nested_lists_and_footnotes() -> None:
    document = md(
        "Title\n=====\n\n"
        "1. loose one\n\n   second paragraph\n\n2. two\n\n"
        "- outer\n  - inner\n\n"
        "Claim[^1].\n\n[^1]: Footnote text.\n"
    )
    assert kinds(document) == [
        ("heading", "Title"),
        ("list_item", "loose one"),
        ("list_item", "second paragraph"),
        ("list_item", "two"),
        ("list_item", "outer"),
        ("list_item", "inner"),
        ("paragraph", "Claim."),
        ("paragraph", "Footnote text."),
    ]


def test_code_comments_and_urls_are_not_prose_but_what_a_reader_sees_is() -> None:
    document = md(
        "---\ntitle: Ketamine cures depression\nslug: cures\n---\n\n"
        "Intro `ketamine cures` text.\n\n"
        "```\nketamine cures depression\n```\n\n"
        "    indented cures\n\n"
        "<div>\nvisible in html\n<script>cures()</script>\n</div>\n\n"
        "Inline <span class=\"cures\">kept</span> <!-- cures --> end <code>cures</code> done.\n\n"
        "Auto <https://cures.example/cures> and bare https://example.com/cures-all, "
        "www.cures.org and [label](https://cures.example \"link title\").\n\n"
        "![image alt](cures.png)\n"
    )
    assert kinds(document) == [
        ("title", "Ketamine cures depression"),
        ("paragraph", "Intro   text."),
        ("paragraph", "visible in html"),
        ("paragraph", "Inline  kept    end   done."),
        # autolink, bare URL and www. URL: one space each, so the words stay apart
        ("paragraph", "Auto   and bare  ,   and label."),
        ("attribute", "link title"),
        ("attribute", "image alt"),
    ]


def test_pluses_front_matter_at_start_is_read_for_its_fields() -> None:
    document = md("+++\ntitle = \"cures\"\nslug = \"x\"\n+++\n\nBody.\n")
    assert kinds(document) == [("title", "cures"), ("paragraph", "Body.")]


def test_removed_inline_code_is_one_space_mapped_to_the_code() -> None:
    source = "Run `cure()` now."
    segment = md(source).segments[0]
    assert segment.text == "Run   now."
    index = segment.text.index("  ") + 1
    assert segment.source_span(index, index + 1) == (4, 12)
    assert source[4:12] == "`cure()`"


def test_soft_and_hard_breaks_are_one_newline_each_and_map_exactly() -> None:
    source = "one\r\ntwo  \r\nthree\\\r\nfour\rfive\nsix"
    document = md(source)
    (segment,) = document.segments
    assert segment.text == "one\ntwo\nthree\nfour\nfive\nsix"
    breaks = [segment.source_span(i, i + 1) for i, c in enumerate(segment.text) if c == "\n"]
    assert [source[a:b] for a, b in breaks] == ["\r\n", "  \r\n", "\\\r\n", "", "\n"]
    assert breaks[3] == (source.index("\r", 20), source.index("\r", 20))  # a lone CR: empty range at it
    for word in ("one", "two", "three", "four", "five", "six"):
        start, end = span_of(document, word)
        assert source[start:end] == word


def test_entities_and_escapes_map_to_their_source() -> None:
    source = "Fish &amp; chips \\*not\\* &#169; caf&eacute;"
    document = md(source)
    (segment,) = document.segments
    assert segment.text == "Fish & chips *not* © café"
    amp = segment.text.index("&")
    assert segment.source_span(amp, amp + 1) == (5, 10)
    start, end = span_of(document, "café")
    assert source[start:end] == "caf&eacute;"


def test_positions_with_non_ascii_crlf_and_emoji() -> None:
    source = "# Tïtle 😀\r\n\r\nCafé 😀 ketamine 中文 cures e\u0301\r\nnext line cures\r\n"
    document = md(source)
    assert texts(document) == ["Tïtle 😀", "Café 😀 ketamine 中文 cures e\u0301\nnext line cures"]
    start, end = span_of(document, "ketamine")
    assert source[start:end] == "ketamine"
    assert document.position(start) == (3, 8)  # columns count code points
    start, _ = span_of(document, "next")
    assert document.position(start) == (4, 1)
    segment = document.segments[1]
    second = segment.text.rindex("cures")
    offset = segment.source_offset(second)
    assert source[offset : offset + 5] == "cures"
    assert document.position(offset) == (4, 11)


def test_tabs_cr_only_and_cjk_round_trip() -> None:
    source = "Tab\there and\there\r\rSecond\rparagraph 漢字 with 😀 emoji\r\r- item\tone\r"
    document = md(source)
    assert texts(document) == ["Tab\there and\there", "Second\nparagraph 漢字 with 😀 emoji", "item\tone"]
    start, _ = span_of(document, "emoji")
    assert document.position(start) == (4, 21)  # 😀 is one column


def test_empty_and_whitespace_only_documents_have_no_segments() -> None:
    assert md("").segments == ()
    assert md("  \n\n\t\n").segments == ()
    assert md("```\nonly code\n```\n").segments == ()
    assert md("<!-- only a comment -->\n").segments == ()


def test_large_document_keeps_every_paragraph() -> None:
    source = "".join(f"Paragraph {i} mentions Spravato® here.\n\n" for i in range(2000))
    document = md(source)
    assert len(document.segments) == 2000
    start, end = document.segments[1999].source_span(0, 9)
    assert source[start:end] == "Paragraph"
