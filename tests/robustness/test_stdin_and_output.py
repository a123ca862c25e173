"""Standard input: empty, binary, decoded like a file. (Closed descriptors and pipes: tests/cli/test_cli_smoke.py.)"""

from __future__ import annotations

import codecs
import json

from robust_support import CLAIM


def test_empty_standard_input(run_cli):
    result = run_cli("check", "-", input=b"")
    assert result.code == 0 and "1 file checked: no findings" in result.stdout


def test_binary_standard_input_is_skipped(run_cli):
    result = run_cli("check", "-", "--stdin-filename", "upload.md", input=b"\x89PNG\r\n\x1a\n\x00\x00rest")
    assert result.code == 0
    assert "skipped: upload.md (binary file (PNG image))" in result.stdout
    assert run_cli("check", "-", "--strict", input=b"%PDF-1.4\n").code == 2


def test_standard_input_is_decoded_like_a_file(run_cli):
    data = json.loads(run_cli("check", "-", "--format", "json",
                               input=codecs.BOM_UTF16_LE + CLAIM.encode("utf-16-le")).stdout)
    assert [(f["line"], f["column"]) for f in data["findings"] if f["rule"] == "FL401"] == [(1, 10)]
    data = json.loads(run_cli("check", "-", "--format", "json", input=b"\xe9t\xe9: " + CLAIM.encode()).stdout)
    assert data["warnings"] == [{"path": "<stdin>", "message": "not valid UTF-8; decoded as Windows-1252"}]
