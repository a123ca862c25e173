"""HTML tokens, attributes and character references, with source offsets.

Shared by the HTML reader, the raw HTML inside Markdown and the JSX inside MDX. A
tokenizer of our own rather than `html.parser`: it reports exact offsets for every
token, attribute value and entity, and runs several times faster (one regex match per
tag, one `find` per run of text). It follows the HTML5 tokenizer where that matters for
prose: comments (`<!-->` and `--!>` included), raw text elements, quoted attribute values
containing `>`, a `<` that does not start a tag being text, an unterminated comment
hiding the rest of the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import NamedTuple

from factlint.documents._segments import unescape_into
from factlint.documents.model import RawPiece

# One tag, comment or declaration starting at "<". Attribute values in quotes may hold ">";
# possessive repetition keeps a tag that never closes from backtracking.
_TAG = re.compile(
    r"""<(?:
        !--(?P<comment>-?>|.*?--!?>)
      | /(?P<end>[A-Za-z][^\t\n\f\r />]*)[^>]*>
      | (?P<start>[A-Za-z][^\t\n\f\r />]*)
        (?P<attrs>(?:=[\t\n\f\r ]*(?:"[^"]*"|'[^']*')|[^>])*+)>
      | [!?][^>]*>
      | /[^A-Za-z>][^>]*>
      | />
    )""",
    re.S | re.X,
)
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\t\n\f\r />"'=][^\t\n\f\r />"'=]*)
        (?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<uq>[^\t\n\f\r >]+)))?""",
    re.X,
)
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)")
# Elements whose content is raw text up to their end tag: no tags or comments inside.
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
                      "plaintext"})
_RAW_END: dict[str, re.Pattern[str]] = {
    name: re.compile(r"</" + name + r"[\t\n\f\r />]", re.I) for name in RAW_TEXT
}


class Token(NamedTuple):
    """One piece of markup (`tokens` yields plain tuples of this shape: they are made by the
    hundred thousand). `kind`: "text", "start", "end", "comment" or "other" (doctype,
    processing instruction, bogus comment).

    For "start", `name` is lower-cased and `inner` is the attribute source range
    [inner_start, inner_end); for "comment" it is the comment's text; for "text" the token
    itself. `self_closing`: a start tag written `<x ... />`.
    """

    kind: str
    start: int
    end: int
    name: str
    inner_start: int
    inner_end: int
    self_closing: bool = False


class Attribute(NamedTuple):
    name: str  # lower-cased for HTML, as written for JSX
    value: str  # as written, character references not yet decoded
    start: int  # source range of the value (inside the quotes)
    end: int
    quoted: bool


TokenTuple = tuple[str, int, int, str, int, int, bool]


def tokens(
    text: str, start: int = 0, end: int | None = None, raw_text: frozenset[str] = RAW_TEXT
) -> Iterator[TokenTuple]:
    """The tokens of text[start:end], in order, covering it without gaps.

    Text between tags comes as one "text" token; so does the content of a raw text element
    (its start tag is reported, then its content as text, then its end tag).
    """
    if end is None:
        end = len(text)
    find = text.find
    match_tag = _TAG.match
    # Every tag ends with ">" and every comment with "-->" or "--!>": past the last of them none
    # can start, so a hostile run of "<a <a <a" or "<!-- <!--" is not rescanned to the end each time.
    last_gt = text.rfind(">", start, end)
    last_close = max(text.rfind("-->", start, end), text.rfind("--!>", start, end))
    pos = start
    while pos < end:
        lt = find("<", pos, end)
        if lt < 0 or lt > last_gt:
            if lt >= 0 and text.startswith("<!--", lt):
                yield from _unterminated_comment(pos, lt, end)
            else:
                yield ("text", pos, end, "", pos, end, False)
            return
        if text.startswith("<!--", lt) and last_close < lt + 2:
            yield from _unterminated_comment(pos, lt, end)
            return
        m = match_tag(text, lt, end)
        if m is None:
            # "<" that starts no tag is text: keep scanning after it
            nxt = find("<", lt + 1, end)
            stop = end if nxt < 0 else nxt
            yield ("text", pos, stop, "", pos, stop, False)
            pos = stop
            continue
        if lt > pos:
            yield ("text", pos, lt, "", pos, lt, False)
        tag_end = m.end()
        name = m.group("start")
        if name is not None:
            name = name.lower()
            attrs_start, attrs_end = m.span("attrs")
            closing = text[tag_end - 2] == "/" and tag_end - 2 >= attrs_start
            yield ("start", lt, tag_end, name, attrs_start, attrs_end, closing)
            if name in raw_text and not closing:
                close = _RAW_END[name].search(text, tag_end, end)
                if name == "plaintext" or close is None:
                    if tag_end < end:
                        yield ("text", tag_end, end, "", tag_end, end, False)
                    return
                if close.start() > tag_end:
                    yield ("text", tag_end, close.start(), "", tag_end, close.start(), False)
                gt = find(">", close.start(), end)
                close_end = end if gt < 0 else gt + 1
                yield ("end", close.start(), close_end, name, close_end, close_end, False)
                pos = close_end
                continue
        elif m.group("end") is not None:
            yield ("end", lt, tag_end, m.group("end").lower(), tag_end, tag_end, False)
        elif m.group("comment") is not None:
            body_end = tag_end - (4 if text.startswith("--!>", tag_end - 4) else 3)
            body_start = lt + 4
            if body_end < body_start:  # "<!-->" / "<!--->"
                body_start = body_end = tag_end
            yield ("comment", lt, tag_end, text[body_start:body_end], body_start, body_end, False)
        else:
            yield ("other", lt, tag_end, "", lt, tag_end, False)
        pos = tag_end


def _unterminated_comment(pos: int, lt: int, end: int) -> Iterator[TokenTuple]:
    """Text up to `lt`, then a comment that never closes: it hides the rest, as in a browser."""
    if lt > pos:
        yield ("text", pos, lt, "", pos, lt, False)
    yield ("other", lt, end, "", lt, end, False)


def attributes(text: str, start: int, end: int, lower: bool = True) -> list[Attribute]:
    """The attributes in text[start:end] (a start tag's attribute source)."""
    found = []
    for m in _ATTRIBUTE.finditer(text, start, end):
        name = m.group("name")
        if lower:
            name = name.lower()
        for group in ("dq", "sq", "uq"):
            value = m.group(group)
            if value is not None:
                a, b = m.span(group)
                found.append(Attribute(name, value, a, b, group != "uq"))
                break
        else:
            found.append(Attribute(name, "", m.end(), m.end(), False))
    return found


def decode_into(
    text: str, start: int, end: int, parts: list[str], pieces: list[RawPiece], pos: int
) -> int:
    """Append text[start:end] with character references decoded; return the new `pos`.

    A reference becomes a piece of its own mapped onto its whole source; an unknown one
    ("&unknown;", "AT&T") stays literal text.
    """
    if text.find("&", start, end) < 0:
        return _copy_into(text, start, end, parts, pieces, pos)
    return unescape_into(text, start, end, _REFERENCE, html.unescape, parts, pieces, pos)


def newlines_into(
    text: str, start: int, end: int, parts: list[str], pieces: list[RawPiece], pos: int, entities: bool = True
) -> int:
    """Like `decode_into` (without decoding when `entities` is false), also turning each CRLF
    and lone CR into one "\n" (every format's segments hold line breaks as "\n"), mapped onto
    its source."""
    add = decode_into if entities else _copy_into
    if text.find("\r", start, end) < 0:
        return add(text, start, end, parts, pieces, pos)
    kept = start
    for m in _CR.finditer(text, start, end):
        a, b = m.span()
        pos = add(text, kept, a, parts, pieces, pos)
        parts.append("\n")
        pieces.append((pos, a, 1, 2 if b - a == 2 else 0))  # a lone CR: an empty range at itself
        pos += 1
        kept = b
    return add(text, kept, end, parts, pieces, pos)


def _copy_into(text: str, start: int, end: int, parts: list[str], pieces: list[RawPiece], pos: int) -> int:
    n = end - start
    if n > 0:
        parts.append(text[start:end])
        pieces.append((pos, start, n, n))
        return pos + n
    return pos


_CR = re.compile(r"\r\n?")
