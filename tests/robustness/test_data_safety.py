"""factlint only reads drafts unless --fix is given, and --fix never leaves a half-written file."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from robust_support import CLAIM, cli_env, write

DRAFTS = {
    "a.md": f"# Title\r\n\r\n{CLAIM}\r\n".encode(),
    "b.html": codecs.BOM_UTF8 + f"<p>{CLAIM}</p>".encode(),
    "c.txt": f"Caf\xe9 {CLAIM}\n".encode("cp1252"),
    "d.md": codecs.BOM_UTF16_LE + f"{CLAIM}\n".encode("utf-16-le"),
    "e.md": b"\x89PNG\r\n\x1a\nbinary",
    "f.md": b"",
    "sub/g.md": b"Spravato is approved for depression.\n",  # has a safe fix
}


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            info = path.stat()
            out[path.relative_to(root).as_posix()] = (path.read_bytes(), info.st_mtime_ns, info.st_mode)
    return out


@pytest.fixture
def site(tmp_path):
    for name, data in DRAFTS.items():
        write(tmp_path / "site" / name, data)
        os.utime(tmp_path / "site" / name, ns=(1_000_000_000, 1_000_000_000))  # a known mtime
    return tmp_path / "site"


@pytest.mark.parametrize("args", [
    [], ["--format", "json"], ["--format", "sarif"], ["--format", "github"], ["--format", "rdjsonl"],
    ["--format", "junit"], ["--diff"], ["--jobs", "2"], ["--exit-zero"], ["--strict"],
])
def test_a_normal_run_changes_no_byte_and_no_mtime(run_cli, site, tmp_path, args):
    before = snapshot(tmp_path)
    result = run_cli("check", "site", *args)
    assert result.code in (0, 1, 2) and result.out
    assert snapshot(tmp_path) == before


def test_write_baseline_writes_only_the_baseline(run_cli, site, tmp_path):
    before = snapshot(site)
    assert run_cli("check", "site", "--write-baseline", "baseline.json").code == 0
    assert snapshot(site) == before and (tmp_path / "baseline.json").is_file()


FAIL_BETWEEN_WRITE_AND_RENAME = """
import os, sys
def broken_replace(src, dst, *a, **k):
    assert open(src, 'rb').read()  # the new content was written to the temporary file...
    raise OSError(28, 'No space left on device')  # ...then the rename fails
os.replace = broken_replace
from factlint.cli import main
main(sys.argv[1:])
"""

FAIL_DURING_WRITE = """
import os, sys
real_fsync = os.fsync
def broken_fsync(fd):
    raise OSError(5, 'Input/output error')
os.fsync = broken_fsync
from factlint.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("script", [FAIL_BETWEEN_WRITE_AND_RENAME, FAIL_DURING_WRITE], ids=["rename", "fsync"])
def test_fix_leaves_the_original_untouched_when_writing_fails(site, tmp_path, script):
    before = snapshot(tmp_path)
    proc = subprocess.run([sys.executable, "-c", script, "check", "site", "--fix", "--jobs", "1"], cwd=tmp_path,
                          capture_output=True, env=cli_env(), stdin=subprocess.DEVNULL, timeout=120)
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert proc.returncode == 2, err
    assert "factlint: error: site/sub/g.md: could not write the fix, the file is unchanged" in err
    assert snapshot(tmp_path) == before  # same bytes, same mtimes, no temporary file left behind


def test_fix_changes_only_the_fixed_file(run_cli, site, tmp_path):
    before = snapshot(tmp_path)
    result = run_cli("check", "site", "--fix")
    assert "fixed 1 finding in 1 file" in result.stderr
    after = snapshot(tmp_path)
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed == {"site/sub/g.md"} and set(after) == set(before)
    assert after["site/sub/g.md"][0] == b"Spravato is approved for treatment-resistant depression.\n"
    assert after["site/sub/g.md"][2] == before["site/sub/g.md"][2]  # mode kept
