"""Standard input (empty, binary, closed) and standard output (closed early)."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys

from robust_support import CLAIM, cli_env, write


def test_empty_standard_input(factlint):
    result = factlint("check", "-", stdin=b"")
    assert result.code == 0 and "1 file checked: no findings" in result.stdout


def test_binary_standard_input_is_skipped(factlint):
    result = factlint("check", "-", "--stdin-filename", "upload.md", stdin=b"\x89PNG\r\n\x1a\n\x00\x00rest")
    assert result.code == 0
    assert "skipped: upload.md (binary file (PNG image))" in result.stdout
    assert factlint("check", "-", "--strict", stdin=b"%PDF-1.4\n").code == 2


def test_standard_input_is_decoded_like_a_file(factlint):
    data = json.loads(factlint("check", "-", "--format", "json",
                               stdin=codecs.BOM_UTF16_LE + CLAIM.encode("utf-16-le")).stdout)
    assert [(f["line"], f["column"]) for f in data["findings"] if f["rule"] == "FL401"] == [(1, 10)]
    data = json.loads(factlint("check", "-", "--format", "json", stdin=b"\xe9t\xe9: " + CLAIM.encode()).stdout)
    assert data["warnings"] == [{"path": "<stdin>", "message": "not valid UTF-8; decoded as Windows-1252"}]


def test_closed_standard_input(tmp_path):
    """`factlint check - <&-`: descriptor 0 is closed, not merely empty."""
    proc = subprocess.run(f"{sys.executable} -m factlint check - <&-", shell=True, cwd=tmp_path,
                          capture_output=True, env=cli_env(), timeout=60)
    assert b"Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert b"1 file checked: no findings" in proc.stdout


def test_standard_input_closed_early_by_the_writer(tmp_path):
    """The writer sends part of a draft and goes away: factlint checks what arrived."""
    proc = subprocess.Popen([sys.executable, "-m", "factlint", "check", "-"], cwd=tmp_path, env=cli_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(CLAIM.encode() + b"\nand then the wri")
    proc.stdin.close()
    proc.stdin = None
    out, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
    assert proc.returncode == 1 and b"<stdin>:1:10: FL401" in out


def test_output_to_a_closed_pipe_ends_quietly(tmp_path):
    for i in range(300):
        write(tmp_path / "site" / f"p{i:03}.md", (CLAIM + "\n\n") * 5)
    for fmt in ("text", "json", "sarif"):
        proc = subprocess.run(f"{sys.executable} -m factlint check site --format {fmt} | head -1",
                              shell=True, cwd=tmp_path, capture_output=True, env=cli_env(), timeout=120)
        assert proc.returncode == 0  # head's status
        assert proc.stderr == b"", proc.stderr
        assert len(proc.stdout.splitlines()) == 1
    # the exit status factlint itself gives: 141, like any Unix tool whose reader left
    proc = subprocess.run(
        f"{sys.executable} -m factlint check site | head -1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
        shell=True, executable="/bin/bash", cwd=tmp_path, capture_output=True, env=cli_env(), timeout=120)
    assert proc.stdout.strip() == b"141" and proc.stderr == b""


def test_output_to_a_reader_that_never_reads(tmp_path):
    """stdout closed before factlint starts (`>&-`)."""
    write(tmp_path / "page.md", CLAIM + "\n")
    proc = subprocess.run(f"{sys.executable} -m factlint check page.md >&-", shell=True, cwd=tmp_path,
                          capture_output=False, stderr=subprocess.PIPE, env=cli_env(), timeout=60)
    assert b"Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (1, 2, 141)
    _ = os  # keep the import for readers
