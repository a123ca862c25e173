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

import regex

# C0, DEL and C1 controls; format characters (bidi controls U+202A-202E and U+2066-2069, LRM/RLM,
# word joiner, tag characters, BOM, soft hyphen...) except the zero-width (non-)joiners; line and
# paragraph separators; surrogates.
_UNSAFE = regex.compile(r"[[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]--[\u200c\u200d]]", regex.V1)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMAND = regex.compile(r"^(\s*):(?=:)")  # a line GitHub's runner would read as a workflow command


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
