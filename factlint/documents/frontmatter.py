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

from factlint.documents._segments import finish
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
        (?:"(?P<dq>[^"\r\n]*)"|'(?P<sq>[^'\r\n]*)'|(?P<plain>[^\s#'"\-?:\[\]{},&*!|>%@`][^\r\n]*?|-[^\s\r\n][^\r\n]*?))
        [ \t]*:(?=[ \t\r\n]|\Z)[ \t]*""",
    re.X | re.M,
)
_YAML_ITEM = re.compile(r"(?P<indent>[ \t]*)-(?:[ \t]+|(?=[\r\n]|\Z))")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(?:#[^\r\n]*)?(?=[\r\n]|\Z)")
_YAML_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\n",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_YAML_ESCAPE = re.compile(r'\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)', re.S)


_DQ_SPECIAL = re.compile(r'["\\\r\n]')
_SQ_SPECIAL = re.compile(r"['\r\n]")


def yaml_fields(text: str, start: int, end: int, options: ReadOptions) -> list[Segment]:
    """Segments of the text fields in the YAML front matter text[start:end]."""
    segments: list[Segment] = []
    skip_to = start  # the lines of a value already read are not searched for keys
    field_kind = options.field_kind
    for m in _YAML_KEY.finditer(text, start, end):
        if m.start() < skip_to:
            continue
        group = "plain" if m.group("plain") is not None else "dq" if m.group("dq") is not None else "sq"
        kind = field_kind(m.group(group).strip())
        if kind is None:
            if _BLOCK_HEADER.match(text, m.end(), end):  # its lines are text, not keys
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
    quote = text[start]
    parts: list[str] = []
    pieces: list[RawPiece] = []
    pos = 0
    i = start + 1
    run = i  # start of the literal run not yet added
    special = _DQ_SPECIAL if quote == '"' else _SQ_SPECIAL
    while i < limit:
        found = special.search(text, i, limit)
        if found is None:
            break
        i = found.start()
        c = text[i]
        if c == quote:
            if quote == "'" and text.startswith("''", i):
                pos = _add(text, run, i, parts, pieces, pos)
                parts.append("'")
                pieces.append((pos, i, 1, 2))
                pos += 1
                i += 2
                run = i
                continue
            pos = _add(text, run, i, parts, pieces, pos)
            return finish(parts, pieces, kind)
        if c == "\\" and quote == '"':
            m = _YAML_ESCAPE.match(text, i)
            if m is not None:
                pos = _add(text, run, i, parts, pieces, pos)
                escape = m.group()[1:]
                if escape in ("\n", "\r", "\r\n") or escape[0] in "\r\n":  # escaped line break: joined
                    j = _skip_break_and_indent(text, i + 1, limit)
                    i = run = j
                    continue
                value = _YAML_ESCAPES.get(escape) if len(escape) == 1 else chr(int(escape[1:], 16))
                if value is None or 0xD800 <= ord(value[0]) <= 0xDFFF:
                    value = "\ufffd"
                parts.append(value)
                pieces.append((pos, i, len(value), m.end() - i))
                pos += len(value)
                i = run = m.end()
                continue
        if c in "\r\n":  # a line break inside the scalar: one "\n" for it and the next line's indent
            end_of_text = i
            while end_of_text > run and text[end_of_text - 1] in " \t":
                end_of_text -= 1
            pos = _add(text, run, end_of_text, parts, pieces, pos)
            j = _skip_break_and_indent(text, i, limit)
            parts.append("\n")
            pieces.append((pos, end_of_text, 1, j - end_of_text))
            pos += 1
            i = run = j
            continue
        i += 1  # a backslash that starts no escape
    return None  # unterminated: not a value a site would print


def _skip_break_and_indent(text: str, i: int, limit: int) -> int:
    if text.startswith("\r\n", i):
        i += 2
    elif i < limit and text[i] in "\r\n":
        i += 1
    while i < limit and text[i] in " \t":
        i += 1
    return i


def _add(text: str, a: int, b: int, parts: list[str], pieces: list[RawPiece], pos: int) -> int:
    if b > a:
        parts.append(text[a:b])
        pieces.append((pos, a, b - a, b - a))
    return pos + max(b - a, 0)


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
_TOML_ESCAPE = re.compile(r'\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|["\\bfnrte])')
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
    pos = 0
    run = a
    i = a
    while i < close:
        c = text[i]
        if basic and c == "\\":
            if multi and _trailing_backslash(text, i, close):
                pos = _add(text, run, i, parts, pieces, pos)  # the backslash, break and indent go
                j = i + 1
                while j < close and text[j] in " \t\r\n":
                    j += 1
                i = run = j
                continue
            m = _TOML_ESCAPE.match(text, i)
            if m is not None:
                pos = _add(text, run, i, parts, pieces, pos)
                code = m.group()[1:]
                value = _TOML_SIMPLE[code] if len(code) == 1 else chr(min(int(code[1:], 16), 0x10FFFF))
                if 0xD800 <= ord(value) <= 0xDFFF:
                    value = "\ufffd"
                parts.append(value)
                pieces.append((pos, i, 1, m.end() - i))
                pos += 1
                i = run = m.end()
                continue
        if c == "\r":
            pos = _add(text, run, i, parts, pieces, pos)
            size = 2 if text.startswith("\r\n", i) else 1
            parts.append("\n")
            pieces.append((pos, i, 1, 2 if size == 2 else 0))
            pos += 1
            i = run = i + size
            continue
        i += 1
    pos = _add(text, run, close, parts, pieces, pos)
    return close + len(delimiter), finish(parts, pieces, kind)


def _trailing_backslash(text: str, i: int, close: int) -> bool:
    """A backslash followed by only spaces up to the line end (a TOML line-ending backslash)."""
    j = i + 1
    while j < close and text[j] in " \t":
        j += 1
    return j < close and text[j] in "\r\n"
