"""The document formats factlint reads: one table row per format.

Everything that depends on a draft's format reads it here: which suffixes select it (for
the folder walk, `--stdin-filename` and the configuration's default `extensions`), which
function extracts its prose, and where it puts comments (the only places an inline
`factlint-disable` directive counts). Add a format by adding a row.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from factlint.documents.fields import ReadOptions
from factlint.documents.html import parse_html
from factlint.documents.markdown import parse_markdown, parse_mdx
from factlint.documents.model import Parsed
from factlint.documents.plaintext import parse_text


@dataclass(frozen=True, slots=True)
class CommentSyntax:
    """One way a format writes a comment, e.g. `<!--` ... `-->`.

    `close == ""`: the comment runs to the end of the line. `own_line`: the comment must be
    the only thing on its line (plain text has no comments, so a directive line is one only
    when nothing else stands on it).
    """

    open: str
    close: str
    own_line: bool = False

    def example(self, body: str) -> str:
        """How `body` is written as such a comment: "<!-- body -->", "# body"."""
        return f"{self.open} {body} {self.close}" if self.close else f"{self.open} {body}"


HTML_COMMENT = CommentSyntax("<!--", "-->")
MDX_COMMENT = CommentSyntax("{/*", "*/}")


@dataclass(frozen=True, slots=True)
class DocumentFormat:
    name: str  # Document.format, e.g. "markdown"
    label: str  # for help and documentation, e.g. "Markdown"
    suffixes: tuple[str, ...]  # lower case; searched for in folders by default, and recognised
    other_suffixes: tuple[str, ...]  # recognised on a named file, not searched for by default
    parse: Callable[[str, ReadOptions], Parsed]  # segments and comments of decoded text, in source order
    comments: tuple[CommentSyntax, ...]  # where directives may stand, in the format's own syntax


_ROWS = (
    DocumentFormat("markdown", "Markdown", (".md", ".markdown"), (), parse_markdown, (HTML_COMMENT,)),
    DocumentFormat("mdx", "MDX", (".mdx",), (), parse_mdx, (HTML_COMMENT, MDX_COMMENT)),
    DocumentFormat("html", "HTML", (".html", ".htm"), (), parse_html, (HTML_COMMENT,)),
    DocumentFormat(
        "text", "plain text", (".txt",), (".text",), parse_text,
        (CommentSyntax("#", "", own_line=True), CommentSyntax("//", "", own_line=True),
         CommentSyntax("<!--", "-->", own_line=True)),
    ),
)

FORMATS: Mapping[str, DocumentFormat] = MappingProxyType({row.name: row for row in _ROWS})
"""Every format by name, in the order help and documentation list them."""

FALLBACK_FORMAT = "text"
"""The format of a named file whose suffix no format claims."""

DEFAULT_SUFFIXES: tuple[str, ...] = tuple(s for row in _ROWS for s in row.suffixes)
"""The suffixes a folder walk looks for when the configuration names no `extensions`."""

_BY_SUFFIX: dict[str, str] = {s: row.name for row in _ROWS for s in (*row.suffixes, *row.other_suffixes)}


def format_of_suffix(suffix: str) -> str | None:
    """".MD" -> "markdown"; None for a suffix factlint has no reader for."""
    return _BY_SUFFIX.get(suffix.lower())


def detect_format(path: str | os.PathLike[str]) -> str | None:
    """The format implied by the file suffix (case-insensitive), or None."""
    return format_of_suffix(suffix_of(os.fspath(path)))


def suffix_of(path: str) -> str:
    """`Path(path).suffix` without building a Path ("a/b.tar.md" -> ".md", ".md" -> "")."""
    name = path.rstrip(os.sep).rpartition(os.sep)[2]
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""
