"""MDX: the JSX, expressions and ESM of an MDX page, before its Markdown is read.

MDX is Markdown plus JSX tags (`<Hero headline="..." />`), `{expressions}` and
`import`/`export` lines. `scan_mdx` finds them outside code, reads the string props a
reader sees (configurable with `mdx-props`) and the `{/* comments */}`, and returns a
masked copy of the source: every character of those constructs replaced by "\\x01"
(line breaks kept), so the Markdown parser sees the same lines and offsets and reads the
prose around and between the tags. The Markdown reader then cuts the masked runs out of
its segments (`unmask`).

The JSX and JavaScript here are recognised, not parsed: strings, template literals,
comments and nested braces are respected, which is what finding the end of a tag or an
expression needs.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from factlint.documents._segments import code_point, finish, finish_text, replace_runs, unescape_into
from factlint.documents.fields import ATTRIBUTE_NAMES, ReadOptions
from factlint.documents.markup import newlines_into
from factlint.documents.model import Comment, Heading, RawPiece, Segment, SegmentKind

MASK = "\x01"
_MASK_RUN = re.compile(MASK + "+")
# Where something other than prose may start: an escape, a code span, "{", "<", and at a line
# start a code fence or an import/export.
_NEXT = re.compile(
    r"\\[\s\S]|`+|[{<]|(?:(?<=\n)|(?<=\r)|\A)(?:[ \t]*(?P<fence>```|~~~)|(?P<esm>import|export)(?=[\s{*]))"
)
_JSX_OPEN = re.compile(r"<(/?)([A-Za-z_$][\w$.:-]*)?")  # "a < b" is prose: a name follows "<" at once
_JSX_NAME = re.compile(r"[A-Za-z_$][\w$.:-]*")
_SPACE = re.compile(r"[ \t\r\n]*")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_JS_ESCAPE = re.compile(r"\\(?:u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])|\r\n?")
_JS_STRING = re.compile(
    r'"(?P<double>(?:[^"\\\r\n]|\\[\s\S])*)"|\'(?P<single>(?:[^\'\\\r\n]|\\[\s\S])*)\'|`(?P<template>(?:[^`\\]|\\[\s\S])*)`'
)
_JS_SIMPLE = {"n": "\n", "r": "\n", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


class MdxScan(NamedTuple):
    masked: str  # the source with JSX, expressions and ESM masked (same length, same line breaks)
    segments: list[Segment]  # string props and attributes, in source order
    comments: list[Comment]  # {/* ... */}


def scan_mdx(text: str, options: ReadOptions) -> MdxScan:
    masks: list[tuple[int, int]] = []
    segments: list[Segment] = []
    comments: list[Comment] = []
    n = len(text)
    # What a construct that turns out not to close has cost (read up to where it gave up):
    # past a budget linear in the size, "{" and "<" are read as text, so hostile input such as
    # "{ { { ..." cannot make the scan quadratic.
    wasted = 0
    budget = 8 * n + 10_000
    unclosed_backticks: set[str] = set()  # a run of this length found no closing run after it
    i = 0
    while i < n:
        m = _NEXT.search(text, i)
        if m is None:
            break
        at = m.start()
        token = m.group()
        if token[0] == "\\":
            i = m.end()
        elif m.group("fence"):
            i = _fence_end(text, m.end(), m.group("fence"))
        elif m.group("esm"):
            if at == 0 or _blank_before(text, at):
                blank = _BLANK_LINE.search(text, at)
                end = blank.start() if blank else n
                masks.append((at, end))
                i = end
            else:
                i = m.end()
        elif token[0] == "`":
            close = None
            if token not in unclosed_backticks:
                close = re.compile(r"(?<!`)" + token + r"(?!`)").search(text, m.end())
                if close is None:
                    unclosed_backticks.add(token)
            i = close.end() if close else m.end()
        elif wasted > budget:
            i = at + 1
        elif token == "{":
            end = js_expression_end(text, at)
            if end < 0:
                wasted += n - at
                i = at + 1
                continue
            inner = text[at + 1 : end - 1]
            stripped = inner.strip()
            if stripped.startswith("/*") and stripped.endswith("*/") and "*/" not in stripped[2:-2]:
                body_start = at + 1 + inner.index("/*") + 2
                body_end = at + 1 + inner.rindex("*/")
                comments.append(Comment(at, end, text[body_start:body_end]))
            masks.append((at, end))
            i = end
        else:  # "<"
            if text.startswith("<!--", at):
                close_at = text.find("-->", at + 4)
                i = n if close_at < 0 else close_at + 3
                continue
            tag, reach = _jsx_tag(text, at, options, segments)
            if tag < 0:
                wasted += reach - at
                i = at + 1
                continue
            masks.append((at, tag))
            i = tag
    return MdxScan(_mask(text, masks), segments, comments)


def _blank_before(text: str, at: int) -> bool:
    """Whether the line before offset `at` (a line start) is blank."""
    line_end = at - (2 if text.startswith("\r\n", at - 2) else 1)
    line_start = max(text.rfind("\n", 0, line_end), text.rfind("\r", 0, line_end)) + 1
    return not text[line_start:line_end].strip()


def _fence_end(text: str, after_open: int, fence: str) -> int:
    """Offset after the code fence opened by `fence` (or the end of the text)."""
    closing = re.compile(r"(?:\r\n|\r|\n)[ \t]*" + re.escape(fence[0]) + "{3,}[ \t]*(?=\r|\n|\\Z)")
    m = closing.search(text, after_open)
    return m.end() if m else len(text)


def js_expression_end(text: str, start: int) -> int:
    """Offset after the "}" matching the "{" at `start`, or -1 when it never closes.

    Strings, template literals (with nested `${}`) and comments are skipped whole.
    """
    n = len(text)
    stack = ["{"]
    i = start + 1
    while i < n:
        c = text[i]
        if stack[-1] == "`":
            if c == "\\":
                i += 2
            elif c == "`":
                stack.pop()
                i += 1
            elif text.startswith("${", i):
                stack.append("{")
                i += 2
            else:
                i += 1
            continue
        if c == '"' or c == "'":
            i += 1
            while i < n and text[i] != c and text[i] not in "\r\n":
                i += 2 if text[i] == "\\" else 1
            i += 1
        elif c == "`":
            stack.append("`")
            i += 1
        elif text.startswith("//", i):
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
        elif text.startswith("/*", i):
            close = text.find("*/", i + 2)
            if close < 0:
                return -1
            i = close + 2
        else:
            if c == "{":
                stack.append("{")
            elif c == "}":
                stack.pop()
                if not stack:
                    return i + 1
            i += 1
    return -1


def _jsx_tag(text: str, start: int, options: ReadOptions, segments: list[Segment]) -> tuple[int, int]:
    """(offset after the JSX tag at `start` ("<"), -1 when no tag starts there; how far the
    source was read to find out), adding the segments of the tag's string props."""
    m = _JSX_OPEN.match(text, start)
    if m is None:
        return -1, start
    closing, name = m.group(1), m.group(2)
    if name is None and not text.startswith(">", m.end()):
        return -1, start  # "<" then something that is neither a name nor the ">" of a fragment
    # A lower-case name is an HTML element: only its alt/title/aria-label/placeholder are read.
    element = name is None or (name[0].islower() and "." not in name)
    found: list[Segment] = []
    n = len(text)
    j = m.end()
    while True:
        j = _SPACE.match(text, j).end()  # type: ignore[union-attr]
        if j >= n:
            return -1, j
        if text.startswith("/>", j):
            j += 2
            break
        if text[j] == ">":
            j += 1
            break
        if closing:
            return -1, j
        if text[j] == "{":  # {...spread}
            j = js_expression_end(text, j)
            if j < 0:
                return -1, n
            continue
        attribute = _JSX_NAME.match(text, j)
        if attribute is None:
            return -1, j
        prop = attribute.group()
        j = _SPACE.match(text, attribute.end()).end()  # type: ignore[union-attr]
        if not text.startswith("=", j):
            continue  # a boolean prop
        j = _SPACE.match(text, j + 1).end()  # type: ignore[union-attr]
        if j >= n:
            return -1, j
        quote = text[j]
        if quote in "\"'":
            close = text.find(quote, j + 1)
            if close < 0:
                return -1, n
            kind = _kind(prop, text[j + 1 : close], element, options)
            if kind is not None:
                parts: list[str] = []
                pieces: list[RawPiece] = []
                newlines_into(text, j + 1, close, parts, pieces, 0)  # JSX strings take HTML entities
                segment = finish(parts, pieces, kind)
                if segment is not None:
                    found.append(segment)
            j = close + 1
        elif quote == "{":
            end = js_expression_end(text, j)
            if end < 0:
                return -1, n
            literal = _string_literal(text, j + 1, end - 1)
            if literal is not None:
                parts, pieces = literal
                kind = _kind(prop, "".join(parts), element, options)
                segment = finish(parts, pieces, kind) if kind is not None else None
                if segment is not None:
                    found.append(segment)
            j = end
        else:
            return -1, j
    segments.extend(found)
    return j, j


def _kind(prop: str, value: str, element: bool, options: ReadOptions) -> SegmentKind | None:
    if element:
        return "attribute" if prop.lower() in ATTRIBUTE_NAMES else None
    return options.prop_kind(prop, value)


def _string_literal(text: str, start: int, end: int) -> tuple[list[str], list[RawPiece]] | None:
    """The parts and pieces of a JavaScript string literal that is all of text[start:end]
    (spaces around it allowed), or None: `"..."`, `'...'` or a template without `${}`."""
    while start < end and text[start] in " \t\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    literal = _JS_STRING.fullmatch(text, start, end)
    if literal is None or "${" in (literal.group("template") or ""):
        return None  # not one string: "a" + "b", a call, a template with substitutions
    group = next(g for g in ("double", "single", "template") if literal.group(g) is not None)
    parts: list[str] = []
    pieces: list[RawPiece] = []
    unescape_into(text, literal.start(group), literal.end(group), _JS_ESCAPE, _js_escape, parts, pieces, 0)
    return parts, pieces


def _js_escape(escape: str) -> str:
    if escape[0] != "\\":
        return "\n"  # a line break in a template literal: "\n", as everywhere
    code = escape[1:]
    if code.startswith("u{"):
        return code_point(code[2:-1])
    if code[0] in "ux" and len(code) > 1:
        return code_point(code[1:])
    if code[0] in "\r\n\u2028\u2029":
        return ""  # a line continuation
    return _JS_SIMPLE.get(code, code)


def _mask(text: str, masks: list[tuple[int, int]]) -> str:
    if not masks:
        return text
    out = []
    kept = 0
    for a, b in masks:
        out.append(text[kept:a])
        out.append(re.sub(r"[^\r\n]", MASK, text[a:b]))
        kept = b
    out.append(text[kept:])
    return "".join(out)


def unmask(segment: Segment) -> Segment | None:
    """`segment` with each run of masked characters replaced by one space mapped onto it."""
    text, pieces = replace_runs(segment.text, [(a, b, c, d) for a, b, c, d in segment.pieces], _MASK_RUN)
    header = segment.row_header
    if header is not None and MASK in header:
        header = _MASK_RUN.sub(" ", header).strip() or None
    level = segment.level if isinstance(segment, Heading) else 1
    return finish_text(text, pieces, segment.kind, False, level, header)
