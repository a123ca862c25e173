"""Text from drafts, file names and rulebooks made safe to print on a terminal or a CI log.

Such text is untrusted: a file named `a\\n::error file=x::forged.md`, a draft holding ESC sequences
(OSC 52 clipboard writes, line erases) or a U+202E that reverses what a reviewer reads. Every
human-facing output passes it through `visible` (the text report, stderr messages, `explain`,
`rules`) or through a format's own escaping built on the same character class (`c_quote` for
diff headers, the github format's percent-escapes). JSON, SARIF and rdjsonl escape by themselves.

What is escaped, as Python writes it (`\\n`, `\\x1b`, `\\u202e`): control characters (C0, DEL,
C1), bidi and other invisible format characters (except the zero-width (non-)joiners that emoji
and several scripts need), line and paragraph separators, and lone surrogates (a file name byte
that is not UTF-8, shown as `\\xNN`). A line must also never start with `::` (a GitHub Actions
workflow command): `visible(..., line_start=True)` escapes such a colon.
"""

from __future__ import annotations

import re

# C0, DEL and C1 controls (Cc); format characters (Cf: bidi controls U+202A-202E and U+2066-2069,
# LRM/RLM/ALM, word joiner, invisible operators, tag characters, BOM, soft hyphen...) except the
# zero-width (non-)joiners that emoji and several scripts need; line and paragraph separators
# (Zl, Zp); surrogates (Cs). Written out (Unicode 14, as Python 3.11 has it; a test compares it
# with the running Python's database) so that printing an error needs no Unicode tables loaded.
_UNSAFE_CLASS = (
    "\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b"
    "\u200e-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMAND = re.compile(r"^(\s*):(?=:)")  # a line GitHub's runner would read as a workflow command


def _escape(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (PEP 383)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str, *, line_start: bool = False) -> str:
    """`text` with every character that could act on a terminal or log shown as an escape.
    `line_start`: the text begins an output line, so a leading `::` is escaped too."""
    plain = text.isascii() and text.isprintable()  # the common case: nothing to escape
    escaped = text if plain else _UNSAFE.sub(lambda m: _escape(m.group()), text)
    if line_start and "::" in escaped:
        escaped = _COMMAND.sub(r"\1\\x3a", escaped, count=1)
    return escaped


def needs_quoting(text: str) -> bool:
    """True when `text` holds a character `visible` would escape (or a quote or backslash)."""
    return '"' in text or "\\" in text or _UNSAFE.search(text) is not None


def c_quote(name: str) -> str:
    """A file name as git writes it in a diff header when it must: in double quotes, with C
    escapes (`\\n`, `\\t`, `\\"`, `\\\\`, octal bytes for other unsafe characters), which GNU
    patch and `git apply` read back. A plain name is returned unchanged."""
    if not needs_quoting(name):
        return name
    out = []
    for char in name:
        if char in '"\\':
            out.append("\\" + char)
        elif char in _NAMED:
            out.append(_NAMED[char])
        elif _UNSAFE.match(char):
            out.extend(f"\\{byte:03o}" for byte in _bytes_of(char))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _bytes_of(char: str) -> bytes:
    try:
        return char.encode("utf-8", "surrogateescape")  # a file name byte that is not UTF-8: itself
    except UnicodeEncodeError:
        return char.encode("utf-8", "surrogatepass")


def visible_lines(text: str) -> str:
    """A multi-line text (a rule page, a listing) with its line breaks kept and every line made
    `visible`: nothing in it can act on a terminal, and no line can start a workflow command."""
    return "\n".join(visible(line, line_start=True) for line in text.split("\n"))
