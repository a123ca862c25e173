"""Document.comments: where each format puts comments, the only places a directive counts."""

from __future__ import annotations

import pytest
from documents_support import all_text

from factlint.documents import Comment, parse_document


def comments(source: str, fmt: str) -> list[tuple[str, str]]:
    """(the whole comment as written, its text) for each comment."""
    document = parse_document(source, "x", fmt)
    for comment in document.comments:
        assert isinstance(comment, Comment) and comment.start < comment.end
    return [(source[c.start : c.end], c.text) for c in document.comments]


@pytest.mark.parametrize("fmt", ["markdown", "mdx"])
def test_markdown_html_comments_block_inline_and_multiline(fmt: str) -> None:
    source = (
        "<!-- factlint-disable FL401 -- quoted -->\n\n"
        "Text <!-- inline\r\nspans lines --> more.\n\n"
        "<div>\n<!-- inside a block -->\nx\n</div>\n\n"
        "`<!-- code span -->`\n\n"
        "```\n<!-- fenced code -->\n```\n\n"
        "    <!-- indented code -->\n"
    )
    assert comments(source, fmt) == [
        ("<!-- factlint-disable FL401 -- quoted -->", " factlint-disable FL401 -- quoted "),
        ("<!-- inline\r\nspans lines -->", " inline\r\nspans lines "),
        ("<!-- inside a block -->", " inside a block "),
    ]


def test_mdx_expression_comments_outside_code_only() -> None:
    source = (
        "{/* factlint-disable-next-line FL401 -- headline */}\n"
        "Ketamine {/* inline */} text `{/* in code */}`\n\n"
        "```jsx\n{/* in a fence */}\n```\n"
        "<!-- html -->\n"
    )
    assert comments(source, "mdx") == [
        ("{/* factlint-disable-next-line FL401 -- headline */}", " factlint-disable-next-line FL401 -- headline "),
        ("{/* inline */}", " inline "),
        ("<!-- html -->", " html "),
    ]


def test_mdx_comment_syntax_is_plain_text_in_markdown() -> None:
    assert comments("{/* factlint-disable */}\nText\n", "markdown") == []


def test_html_comments_but_not_inside_script_or_style() -> None:
    source = (
        "<p>a</p><!-- factlint-disable -->\n<!---->\n"
        "<script>var s = '<!-- not a comment -->';</script><style>/* <!-- x --> */</style>"
        "<textarea><!-- text, not a comment --></textarea>"
    )
    assert comments(source, "html") == [("<!-- factlint-disable -->", " factlint-disable "), ("<!---->", "")]


def test_plain_text_comments_are_lines_holding_only_a_directive() -> None:
    source = (
        "Intro line\r\n"
        "# factlint-disable-next-line FL401 -- quote\r\n"
        "Ketamine cures depression.\r\n"
        "  // factlint-enable\n"
        "<!-- factlint-disable-file -->\r"
        "# a heading-like line that is not a directive\n"
        "text # factlint-disable not alone on its line\n"
    )
    document = parse_document(source, "x.txt", "text")
    assert [(source[c.start : c.end], c.text) for c in document.comments] == [
        ("# factlint-disable-next-line FL401 -- quote", " factlint-disable-next-line FL401 -- quote"),
        ("  // factlint-enable", " factlint-enable"),
        ("<!-- factlint-disable-file -->", " factlint-disable-file "),
    ]
    assert "factlint-disable-next-line" not in all_text(document)  # a comment is not prose
    assert [s.text for s in document.segments] == [
        "Intro line",
        "Ketamine cures depression.",
        "# a heading-like line that is not a directive\ntext # factlint-disable not alone on its line",
    ]


def test_no_comments() -> None:
    for fmt in ("markdown", "mdx", "html", "text"):
        assert parse_document("Plain words.\n", "x", fmt).comments == ()
