"""HTML copy outside the body text: meta tags, social cards, attributes, JSON-LD, tables."""

from __future__ import annotations

import pytest
from documents_support import at, check_document, findings, kinds, texts

from factlint.documents import ReadOptions, parse_document

CLAIM = "Ketamine cures depression."


def html(text: str, options: ReadOptions | None = None):
    document = parse_document(text, "page.html", "html", *([options] if options else []))
    check_document(document)
    return document


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_page_whose_only_claim_is_its_meta_description(newline: str) -> None:
    source = newline.join([
        "<!DOCTYPE html>",
        "<html><head>",
        "  <title>Our clinic</title>",
        f'  <meta name="description" content="{CLAIM}">',
        "</head><body><p>Book a consultation.</p></body></html>",
    ])
    document = html(source)
    assert ("meta", CLAIM) in kinds(document)
    line, column = at(document, "cures depression")
    assert (line, column) == (4, 46)
    assert ("FL401", 4, 46, "cures depression") in findings(document)


def test_social_cards_title_and_description() -> None:
    source = (
        "<head>\n"
        "<meta property='og:title' content='Ketamine: the cure'>\n"
        "<meta property=\"og:description\" content=\"Ketamine &amp; esketamine cure depression\">\n"
        "<meta name=\"twitter:title\" content=\"Spravato\">\n"
        "<meta name=\"twitter:description\" content=\"For PTSD too\">\n"
        "<meta name=\"twitter:image:alt\" content=\"A happy patient\">\n"
        "<meta name=\"keywords\" content=\"ketamine, cure\">\n"
        "<meta charset=\"utf-8\"><meta name=description>\n"
        "</head>"
    )
    document = html(source)
    assert kinds(document) == [
        ("title", "Ketamine: the cure"),
        ("meta", "Ketamine & esketamine cure depression"),
        ("title", "Spravato"),
        ("meta", "For PTSD too"),
        ("attribute", "A happy patient"),
    ]
    segment = document.segments[1]
    amp = segment.text.index("&")
    assert source[slice(*segment.source_span(amp, amp + 1))] == "&amp;"
    assert at(document, "esketamine cure") == (3, 57)


def test_meta_names_follow_text_fields() -> None:
    source = "<meta name='description' content='one two'><meta name='slogan' content='three four'>"
    assert texts(html(source)) == ["one two"]
    assert texts(html(source, ReadOptions(text_fields=("slogan",)))) == ["three four"]


def test_alt_title_aria_label_and_placeholder_attributes() -> None:
    source = (
        "<p>Before <img src='a.png' alt=\"Ketamine cures depression\"> after</p>\n"
        "<a href='/x' title='No side effects'>link</a>\n"
        "<button aria-label=\"Works for everyone\">Go</button>\n"
        "<input placeholder='Ask about cures'><textarea placeholder=\"Tell us\">typed</textarea>\n"
        "<img alt=''><img alt>\n"
    )
    document = html(source)
    assert kinds(document) == [
        ("paragraph", "Before  after"),
        ("attribute", "Ketamine cures depression"),
        ("attribute", "No side effects"),
        ("paragraph", "link"),
        ("attribute", "Works for everyone"),
        ("paragraph", "Go"),
        ("attribute", "Ask about cures"),
        ("attribute", "Tell us"),
    ]
    assert ("FL401", 1, 42, "cures depression") in findings(document)


def test_attributes_inside_code_scripts_and_templates_are_not_read() -> None:
    source = "<pre><img alt='cures'></pre><template><img alt='cures'></template><code title='cures'>x</code>"
    assert texts(html(source)) == []


def test_json_ld_description_and_headline() -> None:
    source = (
        '<script type="application/ld+json">\r\n'
        '{"@type": "MedicalWebPage", "headline": "Ketamine \\u2014 a cure",\r\n'
        ' "description": "Ketamine cures depression.", "name": "not read"}\r\n'
        "</script>"
    )
    document = html(source)
    assert kinds(document) == [("meta", "Ketamine — a cure"), ("meta", CLAIM)]
    dash = document.segments[0].text.index("—")
    assert source[slice(*document.segments[0].source_span(dash, dash + 1))] == "\\u2014"
    assert ("FL401", 3, 27, "cures depression") in findings(document)


def test_table_cells_carry_their_row_header() -> None:
    source = (
        "<table>\n"
        "<thead><tr><th>Treatment</th><th>Price</th><th>Notes</th></tr></thead>\n"
        "<tbody>\n"
        "<tr><td>Ketamine infusion (single)</td><td>$450</td><td><p>Per session</p></td></tr>\n"
        "<tr><td>Spravato</td><td>Insurance</td><td>Cures depression</td></tr>\n"
        "<tr><td></td><td>orphan</td></tr>\n"
        "</tbody></table>"
    )
    document = html(source)
    assert [(s.text, s.row_header) for s in document.segments] == [
        ("Treatment", None), ("Price", None), ("Notes", None),
        ("Ketamine infusion (single)", None), ("$450", "Ketamine infusion (single)"),
        ("Per session", "Ketamine infusion (single)"),
        ("Spravato", None), ("Insurance", "Spravato"), ("Cures depression", "Spravato"),
        ("orphan", None),
    ]
    assert {s.kind for s in document.segments} == {"table_cell"}


def test_comments_script_and_style_are_not_prose_but_comments_are_reported() -> None:
    source = "<p>a</p><!-- Ketamine cures depression --><script>'Ketamine cures depression'</script>"
    document = html(source)
    assert texts(document) == ["a"]
    assert [c.text for c in document.comments] == [" Ketamine cures depression "]
