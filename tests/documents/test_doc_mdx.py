"""MDX: JSX props, expressions, ESM and comments around Markdown prose."""

from __future__ import annotations

import pytest
from documents_support import all_text, at, check_document, findings, kinds, span_of

from factlint.documents import ReadOptions, parse_document


def mdx(text: str, options: ReadOptions | None = None):
    document = parse_document(text, "page.mdx", "mdx", *([options] if options else []))
    check_document(document)
    return document


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_page_whose_only_claim_is_an_mdx_prop(newline: str) -> None:
    source = newline.join([
        "import { Hero } from '../components/Hero'",
        "",
        "<Hero",
        '  headline="Ketamine cures depression"',
        "  className=\"hero hero--large\"",
        "/>",
        "",
        "Book a consultation.",
        "",
    ])
    document = mdx(source)
    assert kinds(document) == [("prop", "Ketamine cures depression"), ("paragraph", "Book a consultation.")]
    assert at(document, "cures depression") == (4, 22)
    assert ("FL401", 4, 22, "cures depression") in findings(document)


def test_prop_forms_and_what_is_not_a_prop_read() -> None:
    source = (
        "<Banner title='No side effects' cta={\"Book now \\u2014 today\"} note={`Works for everyone`}\n"
        "  tagline=\"Fish &amp; chips\" count={3} onClick={() => go('cures')} href=\"/cures depression\"\n"
        "  data-label=\"cures depression\" variant=\"primary large\" single=\"Cure!\" word=\"cure\" {...rest}\n"
        "  expr={'a' + 'b c'} tpl={`Hi ${name} there`} />\n"
    )
    document = mdx(source)
    assert kinds(document) == [
        ("attribute", "No side effects"),
        ("prop", "Book now — today"),
        ("prop", "Works for everyone"),
        ("prop", "Fish & chips"),
        ("prop", "Cure!"),
    ]
    start, end = span_of(document, "today")
    assert source[start:end] == "today"
    dash = document.segments[1].text.index("—")
    assert source[slice(*document.segments[1].source_span(dash, dash + 1))] == "\\u2014"


def test_html_elements_only_give_their_visible_attributes() -> None:
    document = mdx('<div className="two words" title="Tooltip text"><img alt="An alt text" src="x.png" /></div>\n')
    assert kinds(document) == [("attribute", "Tooltip text"), ("attribute", "An alt text")]


def test_mdx_props_setting_names_the_props_read() -> None:
    source = '<Hero headline="Ketamine cures depression" subtitle="Second line here" label="Cure" />\n'
    assert [s.text for s in mdx(source, ReadOptions(mdx_props=("label",))).segments] == ["Cure"]
    assert [s.text for s in mdx(source, ReadOptions(mdx_props=("*", "label"))).segments] == [
        "Ketamine cures depression", "Second line here", "Cure"]
    assert [s.text for s in mdx(source, ReadOptions(mdx_props=())).segments] == []


def test_children_of_jsx_are_markdown_prose_even_when_indented() -> None:
    source = (
        "<Callout type=\"warning\">\n"
        "  Ketamine is **not** for everyone.\n"
        "</Callout>\n\n"
        "<Tabs>\n\n"
        "    Indented child text is prose in MDX.\n\n"
        "</Tabs>\n\n"
        "Inline <Tooltip text=\"Fast relief for many\">term</Tooltip> here.\n"
    )
    document = mdx(source)
    assert kinds(document) == [
        ("paragraph", "Ketamine is not for everyone."),
        ("paragraph", "Indented child text is prose in MDX."),
        ("paragraph", "Inline  term  here."),
        ("prop", "Fast relief for many"),
    ]
    start, _ = span_of(document, "Indented")
    assert document.position(start) == (7, 5)


def test_expressions_esm_and_comments_are_not_prose() -> None:
    source = (
        "import Chart from './chart'\n"
        "export const meta = {\n  title: 'cures depression',\n}\n\n"
        "# Title {props.cures}\n\n"
        "Text {/* factlint-disable-next-line FL401 -- quoted */} and {`template ${'cures'} }`} end.\n\n"
        "{/*\n  a block comment with cures\n*/}\n\n"
        "Escaped \\{not an expression\\} and a < b.\n"
    )
    document = mdx(source)
    assert "cures" not in all_text(document)
    assert [s.text for s in document.segments] == [
        "Title", "Text   and   end.", "Escaped {not an expression} and a < b."]
    assert [c.text.strip() for c in document.comments] == [
        "factlint-disable-next-line FL401 -- quoted", "a block comment with cures"]


def test_code_is_left_alone() -> None:
    source = (
        "```jsx\n<Hero headline=\"Ketamine cures depression\" />\n{/* not a comment */}\n```\n\n"
        "Use `<Hero headline=\"x y\" />` in a page.\n"
    )
    document = mdx(source)
    assert [s.text for s in document.segments] == ["Use   in a page."]
    assert document.comments == ()


def test_front_matter_in_mdx() -> None:
    document = mdx("---\ntitle: Ketamine cures depression\n---\n\n<Hero cta=\"Book a visit today\" />\n")
    assert kinds(document) == [("title", "Ketamine cures depression"), ("prop", "Book a visit today")]


def test_broken_jsx_is_text_and_never_raises() -> None:
    for source in ["<Hero headline=\"unterminated", "<Hero {...", "{ unclosed", "<>fragment</>", "a <3 b",
                   "<A b={`x ${ {} }`} />ok", "</Closing>", "<A b=c />", "{'}'}"]:
        check_document(parse_document(source, "x.mdx", "mdx"))
    assert [s.text for s in mdx("<>fragment text</>\n").segments] == ["fragment text"]


def test_javascript_escapes_and_template_line_breaks() -> None:
    source = '<Hero a={"Line\\none \\x41 \\u{1F600}"} b={`first line\r\nsecond line`} c={"a \\"quoted\\" word"} />\n'
    document = mdx(source)
    assert [s.text for s in document.segments] == ["Line\none A 😀", "first line\nsecond line", 'a "quoted" word']
    start, _ = span_of(document, "second")
    assert document.position(start) == (2, 1)
