from __future__ import annotations

import codecs

import pytest

from factlint.documents import decode_bytes
from factlint.errors import SkippedFile

TEXT = "Esketamine (Spravato®) — approved 2019. Café 😀 中文"


def test_plain_utf8_is_decoded_without_warnings() -> None:
    assert decode_bytes(TEXT.encode("utf-8")) == (TEXT, ())


def test_empty_file_is_empty_text() -> None:
    assert decode_bytes(b"") == ("", ())


@pytest.mark.parametrize(
    "bom, encoding",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_selects_the_encoding_and_is_dropped(bom: bytes, encoding: str) -> None:
    text, warnings = decode_bytes(bom + TEXT.encode(encoding))
    assert text == TEXT  # no U+FEFF: column 1 is the first real character
    assert warnings == ()


def test_utf16_with_bom_is_not_mistaken_for_binary_despite_nul_bytes() -> None:
    data = codecs.BOM_UTF16_LE + "ketamine".encode("utf-16-le")
    assert b"\x00" in data
    assert decode_bytes(data) == ("ketamine", ())


def test_truncated_utf16_is_replaced_with_a_warning() -> None:
    data = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x41"
    text, warnings = decode_bytes(data)
    assert text == "ok\ufffd"
    assert warnings and "UTF-16" in warnings[0]


def test_latin1_bytes_fall_back_to_windows_1252() -> None:
    data = "Café “quoted” – 5€".encode("cp1252")
    text, warnings = decode_bytes(data)
    assert text == "Café “quoted” – 5€"
    assert warnings == ("not valid UTF-8; decoded as Windows-1252",)


def test_bytes_undefined_in_windows_1252_decode_as_latin1() -> None:
    text, warnings = decode_bytes(b"a\x81b\x8dc\xe9")
    assert text == "a\x81b\x8dcé"
    assert warnings == ("not valid UTF-8; decoded as Windows-1252",)


def test_damaged_utf8_keeps_the_valid_characters() -> None:
    data = "Café ".encode() + b"\xff\xfe" + " 😀".encode()
    text, warnings = decode_bytes(data)
    assert text == "Café \ufffd\ufffd 😀"
    assert warnings == ("invalid UTF-8 byte sequences replaced with U+FFFD",)


@pytest.mark.parametrize(
    "data, name",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    ],
)
def test_known_binary_formats_are_skipped_with_their_name(data: bytes, name: str) -> None:
    with pytest.raises(SkippedFile) as caught:
        decode_bytes(data)
    assert caught.value.reason == f"binary file ({name})"


def test_nul_bytes_near_the_start_mean_binary() -> None:
    with pytest.raises(SkippedFile) as caught:
        decode_bytes(b"some text\x00more")
    assert caught.value.reason == "binary file (contains NUL bytes)"


def test_nul_bytes_after_the_first_8_kib_are_not_sniffed() -> None:
    data = b"a" * 8192 + b"\x00"
    text, _ = decode_bytes(data)
    assert text.endswith("\x00") and len(text) == 8193
