"""The copy an HTML page shows: text by block, the page title, meta descriptions and social
cards, alt/title/aria-label/placeholder attributes and JSON-LD descriptions.

Skipped: scripts (other than JSON-LD), styles, code and preformatted blocks, templates, SVG,
MathML, form controls' content, comments (reported as `comments`), and bare URLs in text.
`HtmlReader` also reads the raw HTML blocks of Markdown, on a range of the source.
"""

from __future__ import annotations

import re

from factlint.documents._segments import code_point, finish, release, unescape_into
from factlint.documents.fields import ATTRIBUTE_NAMES, DEFAULT_OPTIONS, ReadOptions
from factlint.documents.markup import Attribute, attributes, newlines_into, tokens
from factlint.documents.model import Comment, Parsed, RawPiece, Segment, SegmentKind

# Elements whose content a reader does not see as prose (their end tag closes them).
HIDDEN = frozenset(
    {"script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas",
     "textarea", "select", "datalist", "code", "pre", "kbd", "samp", "xmp", "noembed", "noframes"}
)
# Elements that end a segment, with the kind of the text inside them.
_BLOCK_KIND: dict[str, SegmentKind] = {
    **{f"h{level}": "heading" for level in range(1, 7)},
    "title": "title",
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
            "menu", "center", "button", "label", "option", "optgroup", "dialog",
        )
    },
}
# Void elements that still separate text: a line break, a rule.
_BREAK = frozenset({"br", "hr"})
# A start tag whose attributes may hold copy: only these get their attributes parsed.
_MAY_HOLD_COPY = re.compile(r"(?i)\b(?:alt|title|aria-label|placeholder)[\t\n\f\r ]*=")
# JSON-LD string values a reader sees in search results.
_JSON_LD_FIELD = re.compile(r'"(?:description|headline)"[\t\n\r ]*:[\t\n\r ]*"((?:[^"\\\r\n]|\\.)*)"')
_JSON_ESCAPE = re.compile(r'\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])')
_JSON_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\n", "t": "\t"}


class HtmlReader:
    """Reads HTML tokens into segments and comments. `read` may be called on several ranges
    of one source (the HTML blocks of a Markdown page); each range starts afresh."""

    def __init__(self, text: str, options: ReadOptions = DEFAULT_OPTIONS) -> None:
        self.text = text
        self.options = options
        self.segments: list[Segment] = []
        self.comments: list[Comment] = []

    def read(self, start: int = 0, end: int | None = None) -> None:  # noqa: C901 - one dispatch loop
        text = self.text
        segments = self.segments
        parts: list[str] = []
        pieces: list[RawPiece] = []
        pos = 0
        kind: SegmentKind = "paragraph"
        level = 1
        stack: list[tuple[str, SegmentKind]] = []
        open_count: dict[str, int] = {}
        hidden: dict[str, int] = {}
        hidden_depth = 0
        pending: list[Segment] = []  # attribute segments met inside the open block: after it
        json_ld = False
        # Table state: which cell of the row, the first cell's text, inside <thead>.
        cell = 0
        row_header: str | None = None
        header_parts: list[str] = []
        in_thead = 0

        def flush() -> None:
            nonlocal pos, row_header
            header = None
            if kind == "table_cell":
                header = row_header if cell > 1 and not in_thead else None
            segment = finish(parts, pieces, kind, level=level, row_header=header)
            if segment is not None:
                segments.append(segment)
                if kind == "table_cell" and cell == 1 and not in_thead:
                    header_parts.append(segment.text)
                    row_header = " ".join(header_parts)
            parts.clear()
            pieces.clear()
            pos = 0
            release(pending, segments)

        for tk, t_start, t_end, name, inner_start, inner_end, self_closing in tokens(text, start, end):
            if tk == "text":
                if hidden_depth:
                    if json_ld:
                        segments.extend(_json_ld_segments(text, t_start, t_end))
                    continue
                if not parts and text[t_start:t_end].isspace():
                    continue  # white space between tags: a segment never starts with it
                if text.find("&", t_start, t_end) < 0 and text.find("\r", t_start, t_end) < 0:
                    n = t_end - t_start
                    parts.append(text[t_start:t_end])
                    pieces.append((pos, t_start, n, n))
                    pos += n
                else:
                    pos = newlines_into(text, t_start, t_end, parts, pieces, pos)
            elif tk == "start":
                if hidden_depth and name not in HIDDEN:
                    continue
                if name in HIDDEN:
                    was_hidden = hidden_depth
                    if name == "script":
                        json_ld = _is_json_ld(text, inner_start, inner_end)
                    if not self_closing:
                        hidden[name] = hidden.get(name, 0) + 1
                        hidden_depth += 1
                    if was_hidden or name != "textarea":  # a visible textarea's placeholder is read
                        continue
                if inner_end > inner_start:
                    if name == "meta":
                        meta = self._meta(inner_start, inner_end)
                        if meta is not None:
                            (pending if parts else segments).append(meta)
                    elif _MAY_HOLD_COPY.search(text, inner_start, inner_end):
                        found = self._attributes(attributes(text, inner_start, inner_end))
                        (pending if parts else segments).extend(found)
                if name in _BREAK:
                    if parts:
                        flush()
                    continue
                block = _BLOCK_KIND.get(name)
                if block is None:
                    continue
                if parts:
                    flush()
                if self_closing:
                    continue
                if name == "tr":
                    cell, row_header = 0, None
                    header_parts.clear()
                elif name in ("td", "th"):
                    cell += 1
                elif name == "thead":
                    in_thead += 1
                if stack and stack[-1][1] == "table_cell":
                    block = "table_cell"  # a paragraph or list inside a cell is part of the cell
                stack.append((name, block))
                open_count[name] = open_count.get(name, 0) + 1
                kind = block
                level = int(name[1]) if block == "heading" else 1
            elif tk == "end":
                count = hidden.get(name)
                if count:
                    hidden[name] = count - 1
                    hidden_depth -= 1
                    json_ld = False
                    continue
                if hidden_depth:
                    continue
                if name in _BREAK:  # "</br>" is a line break in browsers
                    if parts:
                        flush()
                    continue
                if not open_count.get(name):
                    continue
                if parts:
                    flush()
                if name == "thead" and in_thead:
                    in_thead -= 1
                while stack:  # pop to the matching element, closing what was left open inside it
                    popped, _ = stack.pop()
                    open_count[popped] -= 1
                    if popped == name:
                        break
                kind = stack[-1][1] if stack else "paragraph"
                level = int(stack[-1][0][1]) if kind == "heading" else 1
            elif tk == "comment" and not hidden_depth:
                self.comments.append(Comment(t_start, t_end, name))
        if parts or pending:
            flush()

    # -- attributes ---------------------------------------------------------------------

    def _attributes(self, found: list[Attribute]) -> list[Segment]:
        out = []
        for attribute in found:
            if attribute.name in ATTRIBUTE_NAMES and attribute.end > attribute.start:
                segment = value_segment(self.text, attribute.start, attribute.end, "attribute")
                if segment is not None:
                    out.append(segment)
        return out

    def _meta(self, start: int, end: int) -> Segment | None:
        """`<meta name|property="description|og:title|..." content="...">` as a segment."""
        key = content = None
        for attribute in attributes(self.text, start, end):
            if attribute.name in ("name", "property", "itemprop"):
                key = attribute.value
            elif attribute.name == "content":
                content = attribute
        if key is None or content is None or content.end <= content.start:
            return None
        kind = self.options.field_kind(key.strip())
        if kind is None:
            return None
        return value_segment(self.text, content.start, content.end, kind)


def inline_tag(text: str, start: int, end: int) -> tuple[str, list[Segment], bool] | None:
    """One start tag text[start:end] met inline (in Markdown): (its name, the segments of its
    alt/title/aria-label/placeholder attributes, whether it closes itself), or None when it
    is not a start tag."""
    for tk, _, _, name, inner_start, inner_end, self_closing in tokens(text, start, end):
        if tk != "start":
            return None
        found: list[Segment] = []
        if name not in HIDDEN and inner_end > inner_start and _MAY_HOLD_COPY.search(text, inner_start, inner_end):
            for attribute in attributes(text, inner_start, inner_end):
                if attribute.name in ATTRIBUTE_NAMES and attribute.end > attribute.start:
                    segment = value_segment(text, attribute.start, attribute.end, "attribute")
                    if segment is not None:
                        found.append(segment)
        return name, found, self_closing
    return None


def value_segment(text: str, start: int, end: int, kind: SegmentKind) -> Segment | None:
    """The segment of an attribute value text[start:end]: references decoded, "\\n" for breaks."""
    parts: list[str] = []
    pieces: list[RawPiece] = []
    newlines_into(text, start, end, parts, pieces, 0)
    return finish(parts, pieces, kind)


def _is_json_ld(text: str, start: int, end: int) -> bool:
    if text.find("ld+json", start, end) < 0:
        return False
    return any(a.name == "type" and a.value.strip().lower() == "application/ld+json"
               for a in attributes(text, start, end))


def _json_ld_segments(text: str, start: int, end: int) -> list[Segment]:
    """"description" and "headline" string values of a JSON-LD script, escapes decoded."""
    out = []
    for m in _JSON_LD_FIELD.finditer(text, start, end):
        parts: list[str] = []
        pieces: list[RawPiece] = []
        unescape_into(text, m.start(1), m.end(1), _JSON_ESCAPE, _json_escape, parts, pieces, 0)
        segment = finish(parts, pieces, "meta")
        if segment is not None:
            out.append(segment)
    return out


def _json_escape(escape: str) -> str:
    return code_point(escape[2:]) if escape[1] == "u" else _JSON_SIMPLE[escape[1]]


def parse_html(text: str, options: ReadOptions = DEFAULT_OPTIONS) -> Parsed:
    """Segments and comments of an HTML document, in reading order."""
    reader = HtmlReader(text, options)
    reader.read()
    return Parsed(reader.segments, reader.comments)
