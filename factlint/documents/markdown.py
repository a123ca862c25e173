"""Markdown prose extraction with pyromark (pulldown-cmark) events.

pyromark reports UTF-8 byte ranges. For ASCII text they are code-point offsets already;
otherwise `_ByteMap` converts them, with an inline fast path for offsets inside the
current run of ASCII text. The event loop is the hot path of the whole linter, so it
works on plain tuples and lists, dispatches on one dict lookup per event and does no
per-character work.
"""

from __future__ import annotations

import bisect
import codecs
import gc
import re
import threading
from collections.abc import Callable

import pyromark

from factlint.documents._segments import RawPiece, build, finish, finish_text, space_piece
from factlint.documents.comments import html_comments, mdx_comments
from factlint.documents.fields import DEFAULT_OPTIONS, ReadOptions
from factlint.documents.model import Comment, Parsed, Segment, SegmentKind, _make_piece

_O = pyromark.Options
OPTIONS = (
    _O.ENABLE_TABLES
    | _O.ENABLE_FOOTNOTES
    | _O.ENABLE_STRIKETHROUGH
    | _O.ENABLE_TASKLISTS
    | _O.ENABLE_YAML_STYLE_METADATA_BLOCKS
    | _O.ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
)

# What a Start/End tag means. Tags not listed are blocks whose text is prose.
_BLOCK = 0
_IGNORE = 1  # inline containers of prose: emphasis, strong, strikethrough...
_LINK = 2  # link text is prose, unless it is an autolink (the URL itself)
_IMAGE = 3  # alt text is not prose a reader sees
_HIDDEN = 4  # blocks without prose: code, raw HTML, front matter
_ITEM = 5
_ACTION: dict[str, int] = {
    "Emphasis": _IGNORE,
    "Strong": _IGNORE,
    "Strikethrough": _IGNORE,
    "Superscript": _IGNORE,
    "Subscript": _IGNORE,
    "Link": _LINK,
    "Image": _IMAGE,
    "CodeBlock": _HIDDEN,
    "HtmlBlock": _HIDDEN,
    "MetadataBlock": _HIDDEN,
    "Item": _ITEM,
}
# The kind of a segment ended by a block's End. Text ended by a block Start can only
# sit directly in a tight list item (headings, cells and paragraphs hold no blocks).
_END_KIND: dict[str, SegmentKind] = {
    "Heading": "heading",
    "TableCell": "table_cell",
    "Item": "list_item",
}
_BREAKS = frozenset({"SoftBreak", "HardBreak"})
# Inline events replaced by one space so the words around them stay apart.
_REPLACED = ("Code", "InlineHtml", "InlineMath")
_SURROGATE = re.compile("[\ud800-\udfff]")
_INF = float("inf")


class _ByteMap:
    """UTF-8 byte offset -> code-point offset for text with some non-ASCII characters.

    Between two runs of non-ASCII characters the difference between the two offsets
    is constant; `locate` returns it with the byte range where it holds, so the caller
    can convert further offsets in that range with one subtraction.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.byte_starts: list[int] = []
        self.byte_ends: list[int] = []
        self.char_starts: list[int] = []
        self.char_ends: list[int] = []
        self.extra_after: list[int] = []  # UTF-8 bytes minus code points up to the run's end
        self.surrogates = False
        extra = 0
        for start, end in _non_ascii_runs(text):
            run = text[start:end]
            try:
                size = len(run.encode("utf-8"))
            except UnicodeEncodeError:
                self.surrogates = True
                size = len(run.encode("utf-8", "surrogatepass"))
            self.byte_starts.append(start + extra)
            self.char_starts.append(start)
            self.char_ends.append(end)
            extra += size - (end - start)
            self.byte_ends.append(end + extra)
            self.extra_after.append(extra)

    def locate(self, b: int) -> tuple[int, int, int, int]:
        """(code-point offset, low, high, extra): offsets in [low, high] map by `- extra`."""
        k = bisect.bisect_right(self.byte_starts, b)
        if k == 0:
            return b, 0, self.byte_starts[0], 0
        run = k - 1
        if b >= self.byte_ends[run]:
            extra = self.extra_after[run]
            high = self.byte_starts[k] if k < len(self.byte_starts) else _INF
            return b - extra, self.byte_ends[run], high, extra  # type: ignore[return-value]
        # Inside a run of non-ASCII characters (rare): decode the part before b.
        start = self.char_starts[run]
        run_text = self.text[start : self.char_ends[run]]
        encoded = run_text.encode("utf-8", "surrogatepass")[: b - self.byte_starts[run]]
        char = start + len(encoded.decode("utf-8", "surrogatepass"))
        return char, 1, 0, 0  # empty range: the next offset takes this slow path too


_runs = threading.local()


def _collect_run(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    _runs.found.append((exc.start, exc.end))
    return "", exc.end


codecs.register_error("factlint-non-ascii-runs", _collect_run)


def _non_ascii_runs(text: str) -> list[tuple[int, int]]:
    """[start, end) of each run of non-ASCII characters.

    The ASCII encoder scans in C and calls the error handler once per run: an order of
    magnitude faster than a regex over the whole text.
    """
    found: list[tuple[int, int]] = []
    _runs.found = found
    text.encode("ascii", "factlint-non-ascii-runs")
    del _runs.found
    return found


def parse_markdown(text: str, options: ReadOptions = DEFAULT_OPTIONS) -> Parsed:
    """Prose segments and comments of a Markdown document, in reading order."""
    return _parse_gc_off(text, options, mdx=False)


def parse_mdx(text: str, options: ReadOptions = DEFAULT_OPTIONS) -> Parsed:
    """`parse_markdown` plus MDX's `{/* ... */}` comments."""
    return _parse_gc_off(text, options, mdx=True)


def _parse_gc_off(text: str, options: ReadOptions, mdx: bool) -> Parsed:
    if not text:
        return Parsed([], [])
    # pyromark allocates three containers per event; with the collector on, the
    # generational GC keeps re-scanning the growing result for cycles it cannot have.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, options, mdx)
    finally:
        if gc_was_enabled:
            gc.enable()


def _parse(text: str, options: ReadOptions, mdx: bool) -> Parsed:  # noqa: C901 - one flat loop is the fast loop
    bytemap = None
    parsed = text
    # Byte offsets equal code-point offsets in [low, high] after subtracting `extra`.
    low, high, extra = 0, _INF, 0
    if not text.isascii():
        bytemap = _ByteMap(text)
        low, high, extra = 0, bytemap.byte_starts[0], 0
        if bytemap.surrogates:
            # Lone surrogates cannot cross into Rust. U+FFFD has the same UTF-8 length
            # as a surrogate-passed code unit, so byte offsets stay valid.
            parsed = _SURROGATE.sub("\ufffd", text)
    locate = bytemap.locate if bytemap is not None else None

    # Source offsets of "://", "ww.", "WW.": only segments whose source range holds
    # one can contain a bare URL. The pointer moves forward with the segments.
    hints = _url_hints(text)
    hints.append(len(text) + 1)
    hint_index = 0
    next_hint = hints[0]

    segments: list[Segment] = []
    emit = segments.append
    comments: list[Comment] = []
    code: list[tuple[int, int]] = []  # source ranges of code, where "{/*" is not a comment
    parts: list[str] = []
    pieces: list[RawPiece] = []
    add_part = parts.append
    add_piece = pieces.append
    join = "".join
    pos = 0  # length of the current segment text
    skip = 0  # depth inside code/HTML/metadata blocks, images and autolinks
    items = 0  # depth of list items: their paragraphs are "list_item" segments
    in_autolink = False
    heading_level = 0  # level of the heading being read ("H2" -> 2)
    action_of = _ACTION.get
    new_segment = Segment
    make_piece = _make_piece
    end_kind_of = _END_KIND.get

    for event, rng in pyromark.events_with_range(parsed, options=OPTIONS):
        if event.__class__ is not dict:
            # String events: SoftBreak, HardBreak, Rule.
            if event in _BREAKS:
                if skip:
                    continue
                start = rng["start"]
                end = rng["end"]
                if locate is not None:
                    if low <= start and end <= high:
                        start -= extra
                        end -= extra
                    else:
                        start = locate(start)[0]
                        end, low, high, extra = locate(end)
                # One "\n" for the break: "\n" itself, or "\r\n", "  \n", "\\\n" mapped onto
                # their range (a lone "\r" onto an empty range at itself, see space_piece).
                n = end - start
                add_piece((pos, start, 1, 1) if n == 1 and text[start] == "\n" else space_piece(pos, start, n))
                add_part("\n")
                pos += 1
            elif parts:  # Rule: a block boundary
                _flush(parts, pieces, "list_item" if items else "paragraph", emit)
                pos = 0
            continue

        value = event.get("Text")
        if value is not None:
            if skip:
                continue
            start = rng["start"]
            end = rng["end"]
            if locate is not None:
                if low <= start and end <= high:
                    start -= extra
                    end -= extra
                else:
                    start = locate(start)[0]
                    end, low, high, extra = locate(end)
            n = len(value)
            if end - start == n or (
                # "\\" at a line end: the range also holds the line break
                text.startswith(value, start) and text[start + n : end].isspace()
            ):
                add_piece((pos, start, n, n))
            else:  # an entity, or an expanded tab: maps onto its whole range
                add_piece((pos, start, n, end - start))
            add_part(value)
            pos += n
            continue

        value = event.get("Start")
        if value is not None:
            if value.__class__ is str:
                name = value
            else:
                for name in value:  # noqa: B007 - a one-key dict: {"Heading": {...}}
                    break
            action = action_of(name, _BLOCK)
            if name == "Heading":
                heading_level = int(value["Heading"]["level"][1:])
            if action == _IGNORE:
                continue
            if action == _LINK:
                if value["Link"]["link_type"] in ("Autolink", "Email"):
                    # The link text is the URL itself: one space stands in for it.
                    in_autolink = True
                    skip += 1
                    if skip == 1:
                        start = rng["start"]
                        end = rng["end"]
                        if locate is not None:
                            start = locate(start)[0]
                            end, low, high, extra = locate(end)
                        add_piece(space_piece(pos, start, end - start))
                        add_part(" ")
                        pos += 1
                continue
            if action == _IMAGE:
                skip += 1
                continue
            if parts:  # text directly in a tight list item, before a nested block
                _flush(parts, pieces, "list_item" if items else "paragraph", emit)
                pos = 0
            if action == _ITEM:
                items += 1
            elif action == _HIDDEN:
                skip += 1
                if skip == 1 and name != "MetadataBlock":
                    start = rng["start"]
                    end = rng["end"]
                    if locate is not None:
                        start = locate(start)[0]
                        end, low, high, extra = locate(end)
                    if name == "HtmlBlock":
                        comments.extend(html_comments(text, start, end))
                    else:
                        code.append((start, end))
            continue

        value = event.get("End")
        if value is None:
            if skip:
                continue
            html = event.get("InlineHtml")
            if html is not None or "Code" in event or "InlineMath" in event:
                # Removed, but a space keeps the neighbouring words apart.
                start = rng["start"]
                end = rng["end"]
                if locate is not None:
                    start = locate(start)[0]
                    end, low, high, extra = locate(end)
                if html is None:
                    code.append((start, end))
                elif html.startswith("<!--"):
                    comments.extend(html_comments(text, start, end))
                add_piece(space_piece(pos, start, end - start))
                add_part(" ")
                pos += 1
            # FootnoteReference, TaskListMarker: dropped.
            continue
        if value.__class__ is str:
            name = value
        else:
            for name in value:  # noqa: B007
                break
        action = action_of(name, _BLOCK)
        if action == _IGNORE:
            continue
        if action == _LINK:
            if in_autolink:
                in_autolink = False
                skip -= 1
            continue
        if action == _IMAGE:
            skip -= 1
            continue
        if parts:
            # A block ends: finish its segment (inline: this runs once per segment).
            kind = end_kind_of(name) or ("list_item" if items else "paragraph")
            seg_text = join(parts)
            if seg_text and not seg_text.isspace():
                first = pieces[0][1]
                last = pieces[-1]
                src_end = last[1] + last[3]
                while next_hint < first:
                    hint_index += 1
                    next_hint = hints[hint_index]
                # CPython's strip() returns the very same object when there is nothing
                # to strip; elsewhere this just takes the (correct) slow path.
                if next_hint < src_end or seg_text.strip() is not seg_text:
                    segment = finish_text(seg_text, pieces, kind, next_hint < src_end, heading_level)
                    if segment is not None:
                        emit(segment)
                elif kind == "heading":
                    emit(build(seg_text, pieces, kind, heading_level))
                else:  # build(), inlined: this runs once per segment
                    emit(new_segment(seg_text, tuple(map(make_piece, pieces)), kind))
            parts.clear()
            pieces.clear()
            pos = 0
        if action == _ITEM:
            items -= 1
        elif action == _HIDDEN:
            skip -= 1

    if parts:
        _flush(parts, pieces, "paragraph", emit)
    if mdx and "{/*" in text:
        comments.extend(mdx_comments(text, code))
        comments.sort()
    return Parsed(segments, comments)


def _url_hints(text: str) -> list[int]:
    """Sorted source offsets of "://" and "ww.": where a bare URL could be.

    (Two needles, not three: an all-caps "WWW.EXAMPLE.COM" without a scheme stays.)
    """
    found: list[int] = []
    find = text.find
    for needle in ("://", "ww."):
        index = find(needle)
        while index >= 0:
            found.append(index)
            index = find(needle, index + 3)
    found.sort()
    return found


def _flush(
    parts: list[str], pieces: list[RawPiece], kind: SegmentKind, emit: Callable[[Segment], None]
) -> None:
    """Finish the current segment (slow path: always scans for URLs) and reset collectors."""
    segment = finish(parts, pieces, kind)
    if segment is not None:
        emit(segment)
    parts.clear()
    pieces.clear()
