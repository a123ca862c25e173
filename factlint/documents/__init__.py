"""Reading drafts: decode bytes, detect the format, extract prose segments with offsets.

Offsets are code-point indexes into the decoded text (a byte order mark is dropped
before counting), and `Document.position` turns them into 1-based line/column.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
from pathlib import Path

from factlint.documents.decode import decode_bytes
from factlint.documents.fields import DEFAULT_OPTIONS, DEFAULT_TEXT_FIELDS, ReadOptions
from factlint.documents.formats import (
    DEFAULT_SUFFIXES,
    FALLBACK_FORMAT,
    FORMATS,
    CommentSyntax,
    DocumentFormat,
    detect_format,
    format_of_suffix,
    suffix_of,
)
from factlint.documents.model import Comment, Document, Heading, Piece, Segment, SegmentKind, line_starts
from factlint.errors import InputError

__all__ = [
    "DEFAULT_OPTIONS",
    "DEFAULT_TEXT_FIELDS",
    "DEFAULT_SUFFIXES",
    "FALLBACK_FORMAT",
    "FORMATS",
    "Comment",
    "CommentSyntax",
    "Document",
    "DocumentFormat",
    "Heading",
    "Piece",
    "ReadOptions",
    "Segment",
    "SegmentKind",
    "decode_bytes",
    "detect_format",
    "format_of_suffix",
    "line_starts",
    "parse_document",
    "read_document",
    "suffix_of",
]


def parse_document(text: str, path: str, format: str, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    """Extract the segments and comments of already-decoded `text`. Pure: no I/O."""
    row = FORMATS.get(format)
    if row is None:
        raise ValueError(f"unknown document format {format!r} (expected one of {', '.join(FORMATS)})")
    segments, comments = row.parse(text, options)
    return Document(path=path, text=text, format=format, segments=tuple(segments), comments=tuple(comments))


def read_document(
    path: str | Path, display_path: str, format: str | None = None, options: ReadOptions = DEFAULT_OPTIONS
) -> Document:
    """Read, decode and parse a draft.

    Raises InputError (message "<display_path>: <reason>") when the file cannot be read,
    and SkippedFile when it is binary.
    """
    data = _read_bytes(path, display_path)
    text, warnings = decode_bytes(data)
    fmt = format or detect_format(path) or FALLBACK_FORMAT
    document = parse_document(text, display_path, fmt, options)
    return dataclasses.replace(document, warnings=warnings) if warnings else document


def _read_bytes(path: str | Path, display_path: str) -> bytes:
    # O_NONBLOCK: opening a FIFO must not hang the run; fstat then rejects it.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"{display_path}: {_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{display_path}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{display_path}: not a regular file")
        chunks = []
        while True:
            chunk = os.read(fd, max(info.st_size + 1, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"{display_path}: {_reason(exc)}") from None
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file (missing, or removed while factlint was running)"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, NotADirectoryError):
        return "no such file (a parent path is not a directory)"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return (exc.strerror or str(exc)).rstrip(".").lower() if exc.strerror else str(exc)
