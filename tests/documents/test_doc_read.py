from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from factlint.documents import detect_format, read_document
from factlint.errors import InputError, SkippedFile


@pytest.mark.parametrize(
    "name, expected",
    [
        ("a.md", "markdown"), ("a.MD", "markdown"), ("a.markdown", "markdown"), ("a.mdx", "mdx"),
        ("a.html", "html"), ("a.HTM", "html"), ("a.txt", "text"), ("a.Text", "text"),
        ("a.rst", None), ("README", None), ("a.md.bak", None),
    ],
)
def test_detect_format_by_suffix(name: str, expected: str | None) -> None:
    assert detect_format(name) == expected
    assert detect_format(Path("dir.md") / name) == expected


def test_reads_decodes_and_parses_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_bytes("\ufeff# Ketamine\r\n\r\nIt *cures* nothing.\r\n".encode())
    document = read_document(path, "drafts/draft.md")
    assert document.path == "drafts/draft.md"
    assert document.format == "markdown"
    assert document.text.startswith("# Ketamine")  # BOM dropped
    assert [(s.kind, s.text) for s in document.segments] == [
        ("heading", "Ketamine"), ("paragraph", "It cures nothing.")]
    assert document.warnings == ()


def test_unknown_suffix_defaults_to_text_and_format_overrides(tmp_path: Path) -> None:
    path = tmp_path / "notes.rst"
    path.write_text("# not a heading in text\n\n<b>x</b>\n")
    as_text = read_document(path, "notes.rst")
    assert as_text.format == "text"
    assert [s.text for s in as_text.segments] == ["# not a heading in text", "<b>x</b>"]
    as_html = read_document(path, "notes.rst", "html")
    assert as_html.format == "html"
    assert [s.text for s in as_html.segments] == ["# not a heading in text\n\nx"]


def test_decode_warnings_reach_the_document(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Café".encode("cp1252"))
    document = read_document(path, "old.txt")
    assert document.text == "Café"
    assert document.warnings == ("not valid UTF-8; decoded as Windows-1252",)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^gone\.md: no such file"):
        read_document(tmp_path / "gone.md", "gone.md")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^sub\.md: is a directory$"):
        (tmp_path / "sub.md").mkdir()
        read_document(tmp_path / "sub.md", "sub.md")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root reads every file, so a permission error cannot be made: run pytest as a user other "
                           "than root (or see tests/robustness/test_paths.py, which drops to user nobody)")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.md"
    path.write_text("x")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match=r"^secret\.md: permission denied$"):
            read_document(path, "secret.md")
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (os.mkfifo): run the tests on Linux or macOS")
def test_fifo_is_rejected_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    with pytest.raises(InputError, match=r"^pipe\.md: not a regular file$"):
        read_document(path, "pipe.md")


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "logo.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(SkippedFile, match="PNG image"):
        read_document(path, "logo.md")


def test_input_error_message_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_document(tmp_path / "a" / "b.md", "a/b.md")
    assert "\n" not in str(caught.value) and str(caught.value).startswith("a/b.md: ")


def test_permission_denied_message_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.md"
    path.write_text("x")

    def deny(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(InputError, match=r"^secret\.md: permission denied$"):
        read_document(path, "secret.md")


def test_read_error_after_open_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flaky.md"
    path.write_text("x")

    def fail(*args: object, **kwargs: object) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "read", fail)
    with pytest.raises(InputError, match=r"^flaky\.md: input/output error$"):
        read_document(path, "flaky.md")
