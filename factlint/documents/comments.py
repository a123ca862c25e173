"""Finding comments in each format's own syntax (see formats.CommentSyntax).

A reader calls these only on source it knows is markup, not prose or code: the range of a
Markdown HTML block or inline HTML comment, a plain-text file. (HTML files get theirs from
the tokenizer, MDX `{/* */}` comments from mdx.scan_mdx.) What they return becomes
`Document.comments`, the only places an inline directive counts.
"""

from __future__ import annotations

import re

from factlint.documents.model import Comment

# "<!-->" and "<!--->" are complete (empty) comments in HTML; "--!>" also closes one.
_HTML_COMMENT = re.compile(r"<!--(?:-?>|(.*?)--!?>)", re.S)
# A plain-text line holding nothing but a directive: "# factlint-…", "// factlint-…" or
# "<!-- factlint-… -->", each alone on its line.
# Lines end at CRLF, CR or LF.
# (No lazy repetition before trailing blanks: a long line of spaces must not take quadratic time.)
_DIRECTIVE_LINE = re.compile(
    r"(?:\A|(?<=[\r\n]))[ \t]*"
    r"(?:(?:#|//)(?P<line>[ \t]*factlint-[a-z][^\r\n]*)"
    r"|<!--(?P<html>[ \t]*factlint-[a-z](?:(?!-->)[^\r\n])*)-->[ \t]*)"
    r"(?=[\r\n]|\Z)"
)


def html_comments(text: str, start: int, end: int) -> list[Comment]:
    """The complete `<!-- ... -->` comments inside text[start:end]."""
    return [
        Comment(m.start(), m.end(), m.group(1) or "")
        for m in _HTML_COMMENT.finditer(text, start, end)
    ]


def directive_lines(text: str) -> list[Comment]:
    """Plain text's comments: lines that hold only a directive (plain text has no comment syntax).

    The comment spans the line without its line break; `text` is what follows the marker.
    """
    if "factlint-" not in text:
        return []
    return [
        Comment(m.start(), m.end(), m.group("line") if m.group("line") is not None else m.group("html"))
        for m in _DIRECTIVE_LINE.finditer(text)
    ]
