"""Visible prose of an HTML document, via the stdlib HTMLParser.

`convert_charrefs=False` makes the parser report entities separately, so each one
becomes its own non-linear piece. Token positions come from the parser's (line,
column) bookkeeping, which counts "\\n" only; offsets are computed against "\\n"-only
line starts, which is exact for CRLF and lone CR too. The parser is iterative and
the element stack is a list, so deep nesting cannot overflow the recursion limit.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from factlint.documents._segments import RawPiece, finish
from factlint.documents.comments import html_comments
from factlint.documents.model import Comment, Parsed, Segment, SegmentKind

# Elements whose content a reader does not see as prose.
_HIDDEN = frozenset(
    {"script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas",
     "textarea", "select", "datalist", "code", "pre", "kbd", "samp"}
)
# Elements that end a segment, with the kind of the text inside them.
_BLOCK_KIND: dict[str, SegmentKind] = {
    **{f"h{level}": "heading" for level in range(1, 7)},
    "title": "heading",
    "li": "list_item",
    "td": "table_cell",
    "th": "table_cell",
    **{
        tag: "paragraph"
        for tag in (
            "p", "div", "blockquote", "section", "article", "header", "footer", "main",
            "nav", "aside", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody",
            "tfoot", "tr", "caption", "figure", "figcaption", "address", "details",
            "summary", "fieldset", "legend", "form", "html", "body", "head", "hgroup",
            "menu", "center",
        )
    },
}
# Void elements that still separate text: a line break, a rule.
_BREAK = frozenset({"br", "hr"})
class _Extractor(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        # "\n"-only line starts, matching how HTMLParser counts lines.
        nl = [0]
        find = text.find
        index = find("\n")
        while index >= 0:
            nl.append(index + 1)
            index = find("\n", index + 1)
        self.nl = nl
        self.segments: list[Segment] = []
        self.parts: list[str] = []
        self.pieces: list[RawPiece] = []
        self.pos = 0
        self.hidden: dict[str, int] = {}
        self.hidden_depth = 0
        self.stack: list[tuple[str, SegmentKind]] = []
        self.open_count: dict[str, int] = {}
        self.kind: SegmentKind = "paragraph"
        self.comments: list[Comment] = []

    # -- positions and output ---------------------------------------------------------

    def _offset(self) -> int:
        return self.nl[self.lineno - 1] + self.offset

    def _flush(self) -> None:
        if self.parts:
            level = 1
            if self.kind == "heading" and self.stack and self.stack[-1][0][1:].isdigit():
                level = int(self.stack[-1][0][1:])
            segment = finish(self.parts, self.pieces, self.kind, level=level)
            if segment is not None:
                self.segments.append(segment)
            self.parts = []
            self.pieces = []
            self.pos = 0

    def _add(self, value: str, src_start: int, src_len: int) -> None:
        n = len(value)
        self.parts.append(value)
        self.pieces.append((self.pos, src_start, n, src_len))
        self.pos += n

    # -- parser callbacks -------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden[tag] = self.hidden.get(tag, 0) + 1
            self.hidden_depth += 1
            return
        if tag in _BREAK:
            if self.parts:
                self._flush()
            return
        kind = _BLOCK_KIND.get(tag)
        if kind is None:
            return
        if self.parts:
            self._flush()
        self.stack.append((tag, kind))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        self.kind = kind

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<div/>" or "<br/>": nothing opens, but a block or break still separates text.
        if tag in _BREAK or (tag in _BLOCK_KIND and not self.hidden_depth):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        count = self.hidden.get(tag)
        if count:
            self.hidden[tag] = count - 1
            self.hidden_depth -= 1
            return
        if tag in _BREAK:  # "</br>" is a line break in browsers
            self._flush()
            return
        if not self.open_count.get(tag):
            return
        if self.parts:
            self._flush()
        # Pop to the matching element, closing what was left open inside it.
        stack = self.stack
        open_count = self.open_count
        while stack:
            name, _ = stack.pop()
            open_count[name] -= 1
            if name == tag:
                break
        self.kind = stack[-1][1] if stack else "paragraph"

    def handle_data(self, data: str) -> None:
        if self.hidden_depth:
            return
        start = self.nl[self.lineno - 1] + self.offset
        if self.text.startswith(data, start):
            n = len(data)
            self.parts.append(data)
            self.pieces.append((self.pos, start, n, n))
            self.pos += n

    def handle_comment(self, data: str) -> None:
        if not self.hidden_depth:
            start = self._offset()
            self.comments.extend(html_comments(self.text, start, start + len(data) + 8))

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, prefix: str) -> None:
        if self.hidden_depth:
            return
        start = self._offset()
        text = self.text
        if not text.startswith(prefix, start):
            return
        end = start + len(prefix)
        if text.startswith(";", end):
            end += 1
        source = text[start:end]
        value = html.unescape(source)
        if value == source:  # unknown entity: literal text
            self._add(value, start, len(value))
        elif value:
            self._add(value, start, end - start)

    # Malformed "<![...": HTML5 treats it as a bogus comment; the stdlib asserts.
    def parse_marked_section(self, i: int, report: bool = True) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)

    def parse_html_declaration(self, i: int) -> int:
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            return self.parse_bogus_comment(i)


def parse_html(text: str) -> Parsed:
    """Prose segments and comments of an HTML document, in reading order."""
    extractor = _Extractor(text)
    try:
        extractor.feed(text)
        extractor.close()
    except (AssertionError, ValueError, IndexError):
        pass  # keep what was extracted before the parser gave up
    extractor._flush()
    return Parsed(extractor.segments, extractor.comments)
