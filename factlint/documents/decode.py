"""Bytes to text: BOM sniffing, binary detection, UTF-8 with a Windows-1252 fallback.

Offsets everywhere else are code-point indexes into the text returned here. A byte
order mark is dropped, so column 1 is the first character after the BOM.
"""

from __future__ import annotations

import codecs
import re

from factlint.errors import SkippedFile

# Longest BOM first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of formats people drop into a docs folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"PK\x07\x08", "ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)

_SNIFF = 8192
# One C-level test for the common case (none of them): a run may read 100,000 small files.
_MAGIC_PREFIXES = tuple(magic for magic, _ in _MAGIC)
_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)

# Any well-formed multi-byte UTF-8 sequence. If none occurs, a file that is not valid
# UTF-8 is almost certainly a legacy single-byte encoding, not damaged UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}"
    rb"|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

_CP1252_FALLBACK = "factlint-cp1252-latin1"


def _latin1_for_undefined(exc: UnicodeError) -> tuple[str, int]:
    # Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined; browsers map them
    # to the C1 controls, which is what Latin-1 does.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error(_CP1252_FALLBACK, _latin1_for_undefined)


def sniff_binary(data: bytes) -> str | None:
    """A human reason if `data` looks binary, else None. Only the first 8 KiB are read."""
    head = data[:_SNIFF]
    if head.startswith(_MAGIC_PREFIXES):
        return next(f"binary file ({name})" for magic, name in _MAGIC if head.startswith(magic))
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "binary file (MP4/QuickTime media)"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "binary file (RIFF media)"
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    return None


def decode_bytes(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode a draft. Returns the text (BOM removed) and human-readable warnings.

    Raises SkippedFile for binary content (known signatures, or NUL bytes in the first
    8 KiB of a file without a UTF-16/UTF-32 BOM).
    """
    for bom, encoding in _BOMS if data.startswith(_BOM_PREFIXES) else ():
        if data.startswith(bom):
            body = data[len(bom) :]
            if encoding == "utf-8":
                return _decode_unmarked(body)
            try:
                return body.decode(encoding), ()
            except UnicodeDecodeError:
                name = encoding.split("-le")[0].split("-be")[0].upper()
                warning = f"invalid {name} sequences replaced with U+FFFD"
                return body.decode(encoding, errors="replace"), (warning,)
    return _decode_unmarked(data)


def _decode_unmarked(data: bytes) -> tuple[str, tuple[str, ...]]:
    reason = sniff_binary(data)
    if reason is not None:
        raise SkippedFile(reason)
    try:
        return data.decode("utf-8"), ()  # the common case: one C-level pass
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data) is None:
        text = data.decode("cp1252", errors=_CP1252_FALLBACK)
        return text, ("not valid UTF-8; decoded as Windows-1252",)
    text = data.decode("utf-8", errors="replace")
    return text, ("invalid UTF-8 byte sequences replaced with U+FFFD",)
