"""The values of front-matter fields a reader sees (title, description...), with exact offsets.

Front matter is the YAML (`---`) or TOML (`+++`) block at the top of a Markdown or MDX page;
site generators print its title and description as the page headline, search snippet and
social card. A YAML or TOML library gives values without source positions, so this is a
small scanner of its own: it finds the keys `ReadOptions.field_kind` accepts, at any nesting
depth, and reads their scalar values (plain, quoted with escapes, block `|`/`>`, and the
items of a block list in YAML; basic, literal and multi-line strings in TOML). Anything
else (numbers, dates, flow collections, anchors) is not prose and is passed over.
"""

from __future__ import annotations

import re

from factlint.documents._segments import code_point, finish, unescape_into
from factlint.documents.fields import ReadOptions
from factlint.documents.model import RawPiece, Segment, SegmentKind

_BREAK = re.compile(r"\r\n|\r|\n")

def front_matter(text: str, start: int, end: int, style: str, options: ReadOptions) -> list[Segment]:
    """The text-field segments of the front matter block text[start:end], fences included.

    `style`: "YamlStyle" (`---`) or "PlusesStyle" (`+++`), as pyromark names them.
    """
    first_break = _BREAK.search(text, start, end)
    if first_break is None:
        return []
    content_start = first_break.end()
    closing = max(text.rfind("\n", content_start, end), text.rfind("\r", content_start, end))
    content_end = closing + 1 if closing >= 0 else content_start  # the closing fence's line starts here
    if content_end <= content_start:
        return []
    scan = toml_fields if style == "PlusesStyle" else yaml_fields
    return scan(text, content_start, content_end, options)


# -- YAML -----------------------------------------------------------------------------------

# "  key: rest", "- key: rest" (a mapping inside a list item), with a plain or quoted key.
_YAML_KEY = re.compile(
    r"""^(?P<indent>[ \t]*)(?:-[ \t]+)*
        (?:"(?P<dq>[^"\r\n]*)"[ \t]*|'(?P<sq>[^'\r\n]*)'[ \t]*
          |(?P<plain>(?:[^\s#'"\-?:\[\]{},&*!|>%@`]|-(?=[^\s]))(?:[^\r\n:]|:(?![ \t\r\n]|\Z))*+))
        :(?=[ \t\r\n]|\Z)[ \t]*""",
    re.X | re.M,
)
_YAML_ITEM = re.compile(r"(?P<indent>[ \t]*)-(?:[ \t]+|(?=[\r\n]|\Z))")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(?:#[^\r\n]*)?(?=[\r\n]|\Z)")
_YAML_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\n",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}


_YAML_DQ = re.compile(r'"((?:[^"\\]|\\[\s\S])*)"')
_YAML_SQ = re.compile(r"'((?:[^']|'')*)'")
_YAML_FOLD = r"[ \t]*(?:\r\n|\r|\n)[ \t]*"
_UNICODE_ESCAPE = r"u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}"
_YAML_DQ_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|" + _UNICODE_ESCAPE + r"|(?:\r\n|\r|\n)[ \t]*|.)|" + _YAML_FOLD)
_YAML_SQ_ESCAPE = re.compile(r"''|" + _YAML_FOLD)


def yaml_fields(text: str, start: int, end: int, options: ReadOptions) -> list[Segment]:
    """Segments of the text fields in the YAML front matter text[start:end]."""
    segments: list[Segment] = []
    skip_to = start  # the lines of a value already read are not searched for keys
    field_kind = options.field_kind
    for m in _YAML_KEY.finditer(text, start, end):
        if m.start() < skip_to:
            continue
        group = m.lastgroup or "plain"  # the key's group: "plain", "dq" or "sq"
        kind = field_kind(m.group(group).strip())
        if kind is None:
            if text[m.end() : m.end() + 1] in ("|", ">") and _BLOCK_HEADER.match(text, m.end(), end):
                # a block scalar's lines are text, not keys
                line_end = _line_end(text, m.end(), end)
                indent = m.start(group) - m.start() - (group != "plain")
                below = _lines_below(text, _next_line(text, line_end, end), end, indent)
                skip_to = below[-1][2] if below else line_end
            continue
        line_end = _line_end(text, m.end(), end)
        # Lines below belong to this value when they are indented more than the key itself.
        indent = m.start(group) - m.start() - (group != "plain")
        below = _lines_below(text, _next_line(text, line_end, end), end, indent)
        skip_to = below[-1][2] if below else line_end
        value_start = m.end()
        if value_start >= line_end or text.startswith("#", value_start):  # the value is on the lines below
            for item_start, item_end in _list_items(text, below):
                segment = _yaml_scalar(text, item_start, item_end, [], kind)
                if segment is not None:
                    segments.append(segment)
            continue
        if _BLOCK_HEADER.match(text, value_start, line_end) is not None:
            segment = _block_scalar(text, below, kind)
        else:
            segment = _yaml_scalar(text, value_start, line_end, below, kind)
        if segment is not None:
            segments.append(segment)
    return segments


def _lines_below(text: str, i: int, end: int, indent: int) -> list[tuple[int, int, int]]:
    """(start, content end, next line start) of the lines from `i` that are blank or indented
    more than `indent`, up to the first that is not (trailing blank lines excluded)."""
    lines: list[tuple[int, int, int]] = []
    while i < end:
        line_end = _line_end(text, i, end)
        j = i
        while j < line_end and text[j] in " \t":
            j += 1
        if j < line_end and j - i <= indent:
            break
        lines.append((i, line_end, _next_line(text, line_end, end)))
        i = lines[-1][2]
    while lines and not text[lines[-1][0] : lines[-1][1]].strip():
        lines.pop()
    return lines


def _list_items(text: str, lines: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The scalar items of a block list ("- item"), as [value start, line end) ranges."""
    items = []
    for a, b, _ in lines:
        m = _YAML_ITEM.match(text, a, b)
        if m is not None and m.end() < b and not _YAML_KEY.match(text, a, b):
            items.append((m.end(), b))
    return items


def _yaml_scalar(
    text: str, start: int, end: int, continuation: list[tuple[int, int, int]], kind: SegmentKind
) -> Segment | None:
    """A plain or quoted scalar starting at text[start:end] (its first line), which may go on
    over the more indented `continuation` lines."""
    first = text[start] if start < end else ""
    if first in ('"', "'"):
        return _quoted(text, start, continuation[-1][1] if continuation else end, kind)
    if first in "[{&*!%@`|>":
        return None  # flow collection, anchor, alias, tag, reserved: not prose
    parts: list[str] = []
    pieces: list[RawPiece] = []
    pos = 0
    spans = [(start, end)] + [(a, b) for a, b, _ in continuation]
    for k, (a, b) in enumerate(spans):
        while a < b and text[a] in " \t":
            a += 1
        comment = _comment_start(text, a, b)
        b = comment if comment is not None else b
        while b > a and text[b - 1] in " \t":
            b -= 1
        if k and b > a and parts:
            parts.append("\n")
            pieces.append((pos, spans[k - 1][1], 1, a - spans[k - 1][1]))
            pos += 1
        if b > a:
            parts.append(text[a:b])
            pieces.append((pos, a, b - a, b - a))
            pos += b - a
        if comment is not None:
            break
    return finish(parts, pieces, kind) if parts else None


def _comment_start(text: str, a: int, b: int) -> int | None:
    index = text.find("#", a, b)
    while index >= 0:
        if index == a or text[index - 1] in " \t":
            return index
        index = text.find("#", index + 1, b)
    return None


def _quoted(text: str, start: int, limit: int, kind: SegmentKind) -> Segment | None:
    """A single- or double-quoted YAML scalar from text[start] (the quote) up to `limit`."""
    double = text[start] == '"'
    m = (_YAML_DQ if double else _YAML_SQ).match(text, start, limit)
    if m is None:
        return None  # unterminated: not a value a site would print
    parts: list[str] = []
    pieces: list[RawPiece] = []
    escapes = _YAML_DQ_ESCAPE if double else _YAML_SQ_ESCAPE
    unescape_into(text, m.start(1), m.end(1), escapes, _yaml_escape, parts, pieces, 0)
    return finish(parts, pieces, kind)


def _yaml_escape(escape: str) -> str:
    if escape == "''":
        return "'"
    if escape[0] != "\\":
        return "\n"  # a line break (and the spaces around it) inside the scalar: one "\n"
    code = escape[1:]
    if code[0] in "\r\n":
        return ""  # an escaped line break joins the lines
    if len(code) > 1:
        return code_point(code[1:])
    return _YAML_ESCAPES.get(code, "\ufffd")


def _block_scalar(text: str, lines: list[tuple[int, int, int]], kind: SegmentKind) -> Segment | None:
    """The `|` or `>` block scalar on `lines`: each line without the block's indentation, joined by "\\n"."""
    indent = None
    parts: list[str] = []
    pieces: list[RawPiece] = []
    pos = 0
    previous_end = None
    for a, b, _ in lines:
        content = text[a:b]
        if not content.strip():
            continue
        if indent is None:
            indent = len(content) - len(content.lstrip(" \t"))
        begin = a + min(indent, len(content) - len(content.lstrip(" \t")))
        if previous_end is not None:
            parts.append("\n")
            pieces.append((pos, previous_end, 1, begin - previous_end))
            pos += 1
        parts.append(text[begin:b])
        pieces.append((pos, begin, b - begin, b - begin))
        pos += b - begin
        previous_end = b
    return finish(parts, pieces, kind) if parts else None


# -- TOML -----------------------------------------------------------------------------------

_TOML_SIMPLE_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"\r\n]*"|'[^'\r\n]*')"""
_TOML_KEY = re.compile(
    r"[ \t]*(?P<key>" + _TOML_SIMPLE_KEY + r"(?:[ \t]*\.[ \t]*" + _TOML_SIMPLE_KEY + r")*)[ \t]*=[ \t]*"
)
_TOML_ESCAPE = re.compile(r"\\(?:" + _UNICODE_ESCAPE + r'|["\\bfnrte])|\r\n?')
# Multi-line basic strings also end a line with a backslash: it takes the break and the indent after it.
_TOML_MULTI_ESCAPE = re.compile(r"\\(?:" + _UNICODE_ESCAPE + r'|["\\bfnrte]|[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*)|\r\n?')
_CR = re.compile(r"\r\n?")
_TOML_SIMPLE = {'"': '"', "\\": "\\", "b": "\b", "f": "\f", "n": "\n", "r": "\n", "t": "\t", "e": "\x1b"}
_TOML_LAST_KEY = re.compile(r'(?:"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))[ \t]*$')


def toml_fields(text: str, start: int, end: int, options: ReadOptions) -> list[Segment]:
    """Segments of the text fields in the TOML front matter text[start:end]."""
    segments: list[Segment] = []
    i = start
    while i < end:
        line_end = _line_end(text, i, end)
        m = _TOML_KEY.match(text, i, line_end)
        next_line = _next_line(text, line_end, end)
        if m is None:
            i = next_line
            continue
        last = _TOML_LAST_KEY.search(m.group("key"))
        key = next(g for g in last.groups() if g is not None) if last else m.group("key")
        kind = options.field_kind(key)
        v = m.end()
        for delimiter, basic in (('"""', True), ("'''", False), ('"', True), ("'", False)):
            if text.startswith(delimiter, v):
                close, segment = _toml_string(text, v, end, delimiter, basic, kind)
                if kind is not None and segment is not None:
                    segments.append(segment)
                i = _next_line(text, _line_end(text, close, end), end) if close > v else next_line
                break
        else:
            i = next_line
    return segments


def _line_end(text: str, i: int, end: int) -> int:
    m = _BREAK.search(text, i, end)
    return m.start() if m else end


def _next_line(text: str, line_end: int, end: int) -> int:
    if text.startswith("\r\n", line_end):
        return line_end + 2
    return min(line_end + 1, end) if line_end < end else end


def _toml_string(
    text: str, start: int, end: int, delimiter: str, basic: bool, kind: SegmentKind | None
) -> tuple[int, Segment | None]:
    """(offset after the closing delimiter, the string's segment); (start, None) when unterminated."""
    a = start + len(delimiter)
    multi = len(delimiter) == 3
    limit = end if multi else _line_end(text, a, end)
    close = a
    while True:
        close = text.find(delimiter, close, limit)
        if close < 0:
            return start, None
        backslashes = 0
        while basic and close - backslashes - 1 >= a and text[close - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            break
        close += 1
    if multi:  # a line break right after the opening delimiter is trimmed
        if text.startswith("\r\n", a):
            a += 2
        elif text.startswith("\n", a):
            a += 1
    if kind is None:
        return close + len(delimiter), None
    parts: list[str] = []
    pieces: list[RawPiece] = []
    escapes = (_TOML_MULTI_ESCAPE if multi else _TOML_ESCAPE) if basic else _CR
    unescape_into(text, a, close, escapes, _toml_escape, parts, pieces, 0)
    return close + len(delimiter), finish(parts, pieces, kind)


def _toml_escape(escape: str) -> str:
    if escape[0] == "\r":
        return "\n"  # a CRLF or lone CR inside a multi-line string: "\n", as everywhere
    code = escape[1:]
    if code[0] in "uU":
        return code_point(code[1:])
    return _TOML_SIMPLE.get(code, "")  # "": a line-ending backslash takes the break and indent with it


