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
import heapq
import re
import threading
from collections.abc import Callable

import pyromark

from factlint.documents._segments import finish, finish_text, release, source_range, space_piece
from factlint.documents.comments import html_comments
from factlint.documents.fields import DEFAULT_OPTIONS, ReadOptions
from factlint.documents.frontmatter import front_matter
from factlint.documents.html import HIDDEN, HtmlReader, inline_tag
from factlint.documents.mdx import MASK, MdxScan, scan_mdx, unmask
from factlint.documents.model import Comment, Heading, Parsed, RawPiece, Segment, SegmentKind

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
_LINK = 2  # link text is prose, unless it is an autolink (the URL itself); a title is an attribute
_IMAGE = 3  # alt text is an attribute segment of its own
_ITEM = 4
_TABLE = 5  # head, row, cell: cells know their row's first cell
_QUOTE = 6
_HIDDEN = 7  # blocks not read as Markdown prose: code, raw HTML (read as HTML), front matter (its fields)
_AUTO = ("Autolink", "Email")
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
    "TableHead": _TABLE,
    "TableRow": _TABLE,
    "TableCell": _TABLE,
    "BlockQuote": _QUOTE,
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
        # the byte range [low, high] where the last located offset's difference `extra` holds
        self._low, self._high, self._extra = 1, 0, 0

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Code-point offsets of a byte range; consecutive ranges between two non-ASCII runs (most of them)
        take one subtraction each."""
        if self._low <= start and end <= self._high:
            return start - self._extra, end - self._extra
        end, self._low, self._high, self._extra = self.locate(end)
        return self.locate(start)[0], end

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
    scan = None
    parsed = text  # what pyromark reads: the same code points at the same offsets as `text`
    if mdx:
        # JSX, expressions and ESM become runs of MASK (same offsets, same lines); their
        # string props are segments of their own, merged in by position below.
        scan = scan_mdx(text, options)
        parsed = scan.masked
    bytemap = None  # pyromark's byte offsets are code-point offsets in ASCII text
    if not parsed.isascii():
        bytemap = _ByteMap(parsed)  # of `parsed`: a mask may have replaced a multi-byte character
        if bytemap.surrogates:
            # Lone surrogates cannot cross into Rust. U+FFFD has the same UTF-8 length
            # as a surrogate-passed code unit, so byte offsets stay valid.
            parsed = _SURROGATE.sub("\ufffd", parsed)
    locate = bytemap.locate if bytemap is not None else None
    span = bytemap.span if bytemap is not None else None

    # Source offsets of "://", "ww.", "WW.": only segments whose source range holds
    # one can contain a bare URL. The pointer moves forward with the segments.
    hints = _url_hints(text)
    hints.append(len(text) + 1)
    hint_index = 0
    next_hint = hints[0]

    segments: list[Segment] = []
    emit = segments.append
    comments: list[Comment] = []
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
    quotes = 0  # depth of block quotes
    # Images being read: (len(parts), len(pieces), pos) at their start, their range, their title.
    images: list[tuple[int, int, int, tuple[int, int], str]] = []
    pending: list[Segment] = []  # alt texts, titles, attributes met inside the block: after it
    inline_hidden = ""  # the inline <code>/<script>... element being skipped
    html_reader: HtmlReader | None = None
    cell = 0  # which cell of the table row
    row_header: str | None = None  # the text of the row's first cell
    table_head = False
    indented_code = False  # MDX: an indented code block being read as a paragraph
    action_of = _ACTION.get
    new_segment = Segment
    end_kind_of = _END_KIND.get

    for event, rng in pyromark.events_with_range(parsed, options=OPTIONS):
        if event.__class__ is not dict:
            # String events: SoftBreak, HardBreak, Rule.
            if event in _BREAKS:
                if skip:
                    continue
                start, end = source_range(rng, span)
                # One "\n" for the break: "\n" itself, or "\r\n", "  \n", "\\\n" mapped onto
                # their range (a lone "\r" onto an empty range at itself, see space_piece).
                n = end - start
                add_piece((pos, start, 1, 1) if n == 1 and text[start] == "\n" else space_piece(pos, start, n))
                add_part("\n")
                pos += 1
            elif parts:  # Rule: a block boundary
                _flush(parts, pieces, "list_item" if items else "paragraph", emit, pending)
                pos = 0
            continue

        value = event.get("Text")
        if value is not None:
            if skip:
                continue
            start, end = source_range(rng, span)
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
            if action == _IGNORE:
                continue
            if name == "Heading":
                heading_level = int(value["Heading"]["level"][1:])
            if skip:
                if action >= _HIDDEN or action == _IMAGE or (action == _LINK and value["Link"]["link_type"] in _AUTO):
                    skip += 1
                continue
            if action == _LINK:
                link = value["Link"]
                if link["link_type"] in _AUTO:
                    # The link text is the URL itself: one space stands in for it.
                    in_autolink = True
                    skip += 1
                    start, end = _span(rng, locate)
                    add_piece(space_piece(pos, start, end - start))
                    add_part(" ")
                    pos += 1
                elif link["title"]:
                    _title(text, rng, locate, link["title"], pending)
                continue
            if action == _IMAGE:
                images.append((len(parts), len(pieces), pos, _span(rng, locate), value["Image"]["title"]))
                continue
            if parts:  # text directly in a tight list item, before a nested block
                _flush(parts, pieces, "list_item" if items else "paragraph", emit, pending)
                pos = 0
            if action == _HIDDEN and mdx and name == "CodeBlock" and value["CodeBlock"] == "Indented":
                action = _BLOCK  # MDX has no indented code: indented lines are prose (JSX children)
                indented_code = True
            if action == _ITEM:
                items += 1
            elif action == _TABLE:
                if name == "TableHead":
                    table_head = True
                elif name == "TableRow":
                    cell, row_header = 0, None
                elif name == "TableCell":
                    cell += 1
            elif action == _QUOTE:
                quotes += 1
            elif action >= _HIDDEN:
                skip += 1
                start, end = _span(rng, locate)
                if name == "HtmlBlock":
                    if quotes or _only_a_comment(text, start, end):
                        # (inside a quote the "> " prefixes are in the range: only its comments are sure)
                        comments.extend(html_comments(text, start, end))
                    else:
                        if html_reader is None:
                            html_reader = HtmlReader(text, options)
                        html_reader.read(start, end)
                        segments.extend(html_reader.segments)
                        comments.extend(html_reader.comments)
                        html_reader.segments.clear()
                        html_reader.comments.clear()
                elif name == "MetadataBlock":
                    segments.extend(front_matter(text, start, end, value["MetadataBlock"], options))
            continue

        value = event.get("End")
        if value is None:
            html = event.get("InlineHtml")
            if skip:
                if html is not None and inline_hidden and _closes(html, inline_hidden):
                    inline_hidden = ""
                    skip -= 1
                continue
            if html is not None or "Code" in event or "InlineMath" in event:
                # Removed, but a space keeps the neighbouring words apart.
                start, end = _span(rng, locate)
                if html is not None:
                    if html.startswith("<!--"):
                        comments.extend(html_comments(text, start, end))
                    elif html[1:2].isalpha():
                        tag = inline_tag(text, start, end)
                        if tag is not None:
                            tag_name, found, closed = tag
                            pending.extend(found)
                            if tag_name in HIDDEN and not closed:  # <code>, <script>... inline
                                inline_hidden = tag_name
                                skip += 1
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
        if indented_code and name == "CodeBlock":
            action = _BLOCK
            indented_code = False
        if skip:
            if action >= _HIDDEN or action == _IMAGE or (action == _LINK and in_autolink):
                skip -= 1
                if action == _LINK and not skip:
                    in_autolink = False
            continue
        if action == _LINK:
            continue
        if action == _IMAGE:
            # The alt text becomes an attribute segment of its own; a space stands in for the image.
            mark_parts, mark_pieces, mark_pos, (start, end), title = images.pop()
            alt = finish(parts[mark_parts:], [(a - mark_pos, b, c, d) for a, b, c, d in pieces[mark_pieces:]],
                         "attribute")
            if alt is not None:
                pending.append(alt)
            if title:
                _title(text, rng, locate, title, pending)
            del parts[mark_parts:]
            del pieces[mark_pieces:]
            pos = mark_pos
            add_piece(space_piece(pos, start, end - start))
            add_part(" ")
            pos += 1
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
                header = row_header if kind == "table_cell" and cell > 1 and not table_head else None
                if next_hint < src_end or seg_text.strip() is not seg_text:
                    segment = finish_text(seg_text, pieces, kind, next_hint < src_end, heading_level, header)
                elif kind == "heading":
                    segment = Heading(seg_text, tuple(pieces), heading_level)
                else:  # finish_text(), inlined: this runs once per segment
                    segment = new_segment(seg_text, tuple(pieces), kind, header)
                if segment is not None:
                    emit(segment)
                    if cell == 1 and kind == "table_cell" and not table_head:
                        row_header = segment.text
            parts.clear()
            pieces.clear()
            pos = 0
        release(pending, segments)
        if action == _ITEM:
            items -= 1
        elif action == _QUOTE:
            quotes -= 1
        elif name == "TableHead":
            table_head = False

    if parts or pending:
        _flush(parts, pieces, "paragraph", emit, pending)
    if scan is not None:
        return _merge_mdx(segments, comments, scan)
    return Parsed(segments, comments)


def _merge_mdx(segments: list[Segment], comments: list[Comment], scan: MdxScan) -> Parsed:
    """Markdown segments with masked runs cut out, merged by position with the props."""
    kept = []
    for segment in segments:
        if MASK in segment.text or (segment.row_header is not None and MASK in segment.row_header):
            unmasked = unmask(segment)
            if unmasked is not None:
                kept.append(unmasked)
        else:
            kept.append(segment)
    merged = list(heapq.merge(kept, scan.segments, key=_start))
    return Parsed(merged, sorted(comments + scan.comments))


def _start(segment: Segment) -> int:
    return segment.pieces[0][1]


def _span(rng: dict[str, int], locate: Callable[[int], tuple[int, int, int, int]] | None) -> tuple[int, int]:
    """The code-point range of a pyromark byte range (off the hot path: no cached run)."""
    if locate is None:
        return rng["start"], rng["end"]
    return locate(rng["start"])[0], locate(rng["end"])[0]


def _title(
    text: str, rng: dict[str, int], locate: Callable[[int], tuple[int, int, int, int]] | None,
    title: str, pending: list[Segment],
) -> None:
    """A link's or image's title (a tooltip) as an attribute segment, when it is written as
    is inside the link's own source (a reference link's title stands elsewhere: not read)."""
    start, end = _span(rng, locate)
    at = text.rfind(title, start, end)
    if at >= 0:
        segment = finish([title], [(0, at, len(title), len(title))], "attribute")
        if segment is not None:
            pending.append(segment)


def _only_a_comment(text: str, start: int, end: int) -> bool:
    """Whether the HTML block text[start:end] is one comment and nothing else (a common case)."""
    if not text.startswith("<!--", start):
        return False
    close = text.find("-->", start + 2, end)
    return close >= 0 and not text[close + 3 : end].strip()


def _closes(html: str, name: str) -> bool:
    """Whether inline HTML `html` is the end tag of element `name`."""
    return html[:2] == "</" and html[2 : 2 + len(name)].lower() == name and not html[2 + len(name)].isalnum()


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
    parts: list[str], pieces: list[RawPiece], kind: SegmentKind, emit: Callable[[Segment], None],
    pending: list[Segment],
) -> None:
    """Finish the current segment (slow path: always scans for URLs), then the segments met
    inside it (alt texts, titles), and reset the collectors."""
    segment = finish(parts, pieces, kind) if parts else None
    if segment is not None:
        emit(segment)
    for segment in pending:
        emit(segment)
    parts.clear()
    pieces.clear()
    pending.clear()
