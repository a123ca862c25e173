"""Markdown copy outside the body paragraphs: front matter, alt text, titles, raw HTML, tables."""

from __future__ import annotations

import pytest
from documents_support import at, check_document, findings, kinds, span_of, texts

from factlint.documents import ReadOptions, parse_document

CLAIM = "Ketamine cures depression."


def md(text: str, options: ReadOptions | None = None, fmt: str = "markdown"):
    document = parse_document(text, "page.md", fmt, *([options] if options else []))
    check_document(document)
    return document


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_page_whose_only_claim_is_in_its_front_matter(newline: str) -> None:
    source = newline.join([
        "---",
        "title: Our clinic",
        "date: 2024-05-01",
        f"description: {CLAIM}",
        "---",
        "",
        "Book a consultation.",
        "",
    ])
    document = md(source)
    assert kinds(document) == [("title", "Our clinic"), ("meta", CLAIM), ("paragraph", "Book a consultation.")]
    assert ("FL401", 4, 23, "cures depression") in findings(document)


def test_yaml_front_matter_forms_and_positions() -> None:
    source = (
        "---\r\n"
        'title: "Ketamine \\u2014 fast relief"\r\n'
        "summary: >\r\n"
        "  Ketamine cures\r\n"
        "  depression.\r\n"
        "seo:\r\n"
        "  og:description: 'It''s a cure'\r\n"
        "  meta_title: Plain title # a comment\r\n"
        "excerpt:\r\n"
        "  - No side effects\r\n"
        '  - "Works for everyone"\r\n'
        "tags: [ketamine, cures]\r\n"
        "body: |\r\n"
        "  title: inside a block, not a key\r\n"
        "author: Dr. Cures\r\n"
        "---\r\n"
        "Text.\r\n"
    )
    document = md(source)
    assert kinds(document) == [
        ("title", "Ketamine — fast relief"),
        ("meta", "Ketamine cures\ndepression."),
        ("meta", "It's a cure"),
        ("title", "Plain title"),
        ("meta", "No side effects"),
        ("meta", "Works for everyone"),
        ("paragraph", "Text."),
    ]
    assert at(document, "depression.") == (5, 3)
    start, end = span_of(document, "depression.")
    assert document.position(start) == (5, 3) and source[start:end] == "depression."
    dash = document.segments[0].text.index("—")
    assert source[slice(*document.segments[0].source_span(dash, dash + 1))] == "\\u2014"
    cure = document.segments[2].text.rindex("cure")
    assert document.position(document.segments[2].source_offset(cure)) == (7, 28)


def test_toml_front_matter() -> None:
    source = (
        "+++\n"
        'title = "Ketamine \\"cures\\" depression"\n'
        "[params]\n"
        "description = '''\n"
        "No side effects.\n"
        "Works fast.'''\n"
        'seo.og_title = "Social title"\n'
        "weight = 3\n"
        "+++\n\nBody.\n"
    )
    document = md(source)
    assert kinds(document) == [
        ("title", 'Ketamine "cures" depression'),
        ("meta", "No side effects.\nWorks fast."),
        ("title", "Social title"),
        ("paragraph", "Body."),
    ]
    assert at(document, "Works fast") == (6, 1)
    start, _ = span_of(document, "Works fast")
    assert document.position(start) == (6, 1)


def test_text_fields_are_configurable() -> None:
    source = "---\ntitle: Read by default\nhero_copy: Ketamine cures depression\n---\n"
    assert texts(md(source)) == ["Read by default"]
    assert texts(md(source, ReadOptions(text_fields=("hero_copy",)))) == ["Ketamine cures depression"]
    assert kinds(md(source, ReadOptions(text_fields=("hero_title",)))) == []


def test_image_alt_and_titles_are_attributes_after_their_paragraph() -> None:
    source = (
        "Before ![Ketamine *cures* depression](photo.png \"No side effects\") after "
        "[a link](https://x.example \"Works for everyone\").\n\n"
        "![ref image][img]\n\n[img]: pic.png \"reference title, not read\"\n"
    )
    document = md(source)
    assert kinds(document) == [
        ("paragraph", "Before   after a link."),
        ("attribute", "Ketamine cures depression"),
        ("attribute", "No side effects"),
        ("attribute", "Works for everyone"),
        ("attribute", "ref image"),
    ]
    assert ("FL401", 1, 20, "cures* depression") in findings(document)


def test_raw_html_is_read_as_html() -> None:
    source = (
        "<div class=\"callout\">\nKetamine is not for everyone.\n<img alt=\"Ketamine cures depression\">\n</div>\n\n"
        "Inline <abbr title=\"Works for everyone\">MDD</abbr> text <code>cures</code> end.\n\n"
        "> <div>quoted html <!-- c --></div>\n\n"
        "<script>\nvar claim = 'cures';\n</script>\n"
    )
    document = md(source)
    assert kinds(document) == [
        ("paragraph", "Ketamine is not for everyone."),
        ("attribute", "Ketamine cures depression"),
        ("paragraph", "Inline  MDD  text   end."),
        ("attribute", "Works for everyone"),
    ]
    assert [c.text for c in document.comments] == [" c "]
    assert ("FL401", 3, 20, "cures depression") in findings(document)


def test_table_cells_have_their_row_header_and_keep_their_claims() -> None:
    source = (
        "| Treatment | Price | Notes |\n"
        "|---|---|---|\n"
        "| Ketamine infusion (single) | $450 | Per session |\n"
        "| Spravato | Insurance | Cures depression for good |\n"
    )
    document = md(source)
    assert [(s.text, s.row_header) for s in document.segments] == [
        ("Treatment", None), ("Price", None), ("Notes", None),
        ("Ketamine infusion (single)", None), ("$450", "Ketamine infusion (single)"),
        ("Per session", "Ketamine infusion (single)"),
        ("Spravato", None), ("Insurance", "Spravato"), ("Cures depression for good", "Spravato"),
    ]
    # Each cell is matched on its own: no finding's text runs from one cell into the next.
    for _, _, _, matched in findings(document):
        assert "|" not in matched


def test_emoji_separated_social_copy_is_one_segment_with_exact_positions() -> None:
    source = "Depression doesn't have to be forever ✨ Ketamine therapy = instant relief.\n"
    document = md(source)
    (segment,) = document.segments
    assert segment.text == source.strip()
    start, end = span_of(document, "instant relief")
    assert source[start:end] == "instant relief" and document.position(start) == (1, 60)


def test_escapes_and_folded_lines_in_front_matter_strings_map_to_their_source() -> None:
    source = (
        "---\r\n"
        'title: "Esketamine\\\r\n'
        '  \\x41nd \\"more\\" \\u00e9"\r\n'
        "summary: 'one\r\n"
        "  two ''three'''\r\n"
        "---\r\n"
    )
    document = md(source)
    assert texts(document) == ['EsketamineAnd "more" é', "one\ntwo 'three'"]
    title = document.segments[0]
    accent = title.text.index("é")
    assert source[slice(*title.source_span(accent, accent + 1))] == "\\u00e9"
    start, _ = span_of(document, "two")
    assert document.position(start) == (5, 3)


def test_toml_multi_line_basic_strings() -> None:
    source = '+++\r\ndescription = """\r\nNo side \\\r\n    effects,\r\nfast \\u0026 safe"""\r\n+++\r\n'
    document = md(source)
    assert texts(document) == ["No side effects,\nfast & safe"]
    start, _ = span_of(document, "effects")
    assert document.position(start) == (4, 5)
    newline = document.segments[0].text.index("\n")
    assert source[slice(*document.segments[0].source_span(newline, newline + 1))] == "\r\n"
