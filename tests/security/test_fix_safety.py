"""Issue 16 items 6, 8, 9 and 10: `--diff` and `--fix` never write where they should not, never
lose an edit saved meanwhile, and stop cleanly on a signal."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from file_support import write
from security_support import run_with

BROAD = "Spravato is FDA-approved for depression."  # FL105 has a safe fix
FIXED = "Spravato is FDA-approved for treatment-resistant depression."
needs_patch = pytest.mark.skipif(shutil.which("patch") is None,
                                 reason="needs the 'patch' program (apt-get install patch)")


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- item 6: --diff headers and line endings ------------------------------------------------


def headers_are_sound(diff: str, files_in_diff: int) -> None:
    """Every line is a header, a hunk line or a no-newline marker, with one ---/+++ pair per file."""
    lines = diff.splitlines()
    assert sum(line.startswith("--- ") for line in lines) == files_in_diff
    assert sum(line.startswith("+++ ") for line in lines) == files_in_diff
    assert all(line[:1] in (" ", "+", "-", "@", "\\") for line in lines)


@needs_patch
@pytest.mark.parametrize("name", [
    "g.md\n+++ victim.md",
    "g.md\n--- victim.md\n+++ victim.md\n@@ -0,0 +1 @@\n+owned\n.md",
    'quote " and back\\slash.md',
    "tab\tand\x1b[2Kescape.md",
])
def test_a_file_name_cannot_add_lines_to_the_patch(run_cli, tmp_path: Path, name: str) -> None:
    write(tmp_path / "docs" / name, BROAD + "\n")
    before = files(tmp_path)
    code, diff, err = run_cli("check", "docs", "--diff")
    assert code == 1, err
    headers_are_sound(diff, 1)
    subprocess.run(["patch", "-p1", "--quiet", "--batch"], input=diff.encode(), cwd=tmp_path, check=True,
                   capture_output=True)
    after = files(tmp_path)
    assert set(after) == set(before)  # no other file written
    assert after[f"docs/{name}"] == (FIXED + "\n").encode()


@needs_patch
@pytest.mark.parametrize("text", [
    f"Intro.\r{BROAD}\rEnd.\r",  # classic Mac line endings
    f"Intro.\r\n{BROAD}\rMiddle.\n{BROAD}\r\nEnd.",  # mixed, no final newline
])
def test_diff_is_a_well_formed_patch_for_any_line_endings(run_cli, tmp_path: Path, text: str) -> None:
    draft = write(tmp_path / "a.txt", text.encode())
    code, diff, err = run_cli("check", "a.txt", "--diff")
    assert code == 1, err
    subprocess.run(["patch", "-p1", "--quiet", "--batch", "--binary"], input=diff.encode(), cwd=tmp_path,
                   check=True, capture_output=True)
    assert draft.read_bytes() == text.replace(BROAD, FIXED).encode()


# --- item 8: an edit saved during --fix is not lost -------------------------------------------

EDIT_DURING_FIX = """
real_fsync = os.fsync
def fsync_then_the_user_saves(fd):
    real_fsync(fd)
    with open("site/a.md", "a", encoding="utf-8") as draft:  # the editor saves a new line
        draft.write("A line the user just wrote.\\n")
    os.fsync = real_fsync
os.fsync = fsync_then_the_user_saves
"""


def test_an_edit_saved_during_fix_is_not_overwritten(tmp_path: Path) -> None:
    draft = write(tmp_path / "site" / "a.md", BROAD + "\n")
    proc = run_with(EDIT_DURING_FIX, "check", "site", "--fix", "--jobs", "1", cwd=tmp_path)
    err = proc.stderr.decode()
    assert draft.read_text(encoding="utf-8") == BROAD + "\nA line the user just wrote.\n"
    assert proc.returncode == 2 and "site/a.md: not fixed: the file changed on disk" in err, err
    assert files(tmp_path) == {"site/a.md": draft.read_bytes()}  # no temporary file left


# --- item 9: read-only files, hard links, symlinks out of the project --------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "outside").mkdir()
    return root


def fix_in(run_cli, project: Path, *paths: str):
    return run_cli("check", *paths, "--fix", "--jobs", "1", cwd=project)


def test_a_symlink_out_of_the_project_is_not_written_through(run_cli, project: Path) -> None:
    secret = write(project.parent / "outside" / "notes.md", BROAD + "\n")
    os.symlink(secret, project / "link.md")
    write(project / "own.md", BROAD + "\n")
    code, _, err = fix_in(run_cli, project, ".")
    assert secret.read_text(encoding="utf-8") == BROAD + "\n"
    assert code == 2 and "link.md: not fixed: it is reached through a symbolic link that leads outside" in err
    assert (project / "own.md").read_text(encoding="utf-8") == FIXED + "\n"  # the rest is still fixed
    assert (project / "link.md").is_symlink()


def test_a_symlink_inside_the_project_is_written_through_and_stays_a_symlink(run_cli, project: Path) -> None:
    target = write(project / "real" / "page.md", BROAD + "\n")
    os.symlink("real/page.md", project / "link.md")
    code, _, err = fix_in(run_cli, project, "link.md")
    assert (project / "link.md").is_symlink() and target.read_text(encoding="utf-8") == FIXED + "\n", err


def test_a_read_only_file_is_not_replaced(run_cli, project: Path) -> None:
    draft = write(project / "locked.md", BROAD + "\n")
    draft.chmod(0o444)
    code, _, err = fix_in(run_cli, project, "locked.md")
    assert draft.read_text(encoding="utf-8") == BROAD + "\n" and oct(draft.stat().st_mode & 0o777) == "0o444"
    assert code == 2 and "locked.md: not fixed: the file is read-only" in err


def test_a_hard_link_is_not_split(run_cli, project: Path) -> None:
    draft = write(project / "a.md", BROAD + "\n")
    other = project.parent / "outside" / "same-file.md"
    os.link(draft, other)
    code, _, err = fix_in(run_cli, project, "a.md")
    assert os.path.samefile(draft, other) and other.read_text(encoding="utf-8") == BROAD + "\n"
    assert code == 2 and "a.md: not fixed: it has 2 hard links" in err


# --- item 10: signals during --fix -------------------------------------------------------------

SIGNAL_ON_SECOND_WRITE = """
real_fsync = os.fsync
calls = []
def fsync_then_signal(fd):
    real_fsync(fd)
    calls.append(fd)
    if len(calls) == 2:  # the second draft is written to its temporary file, not yet renamed
        os.kill(os.getpid(), signal.{name})
os.fsync = fsync_then_signal
"""


# one signal by default; the other two in the full suite (each starts factlint in a fresh process)
@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), pytest.param("SIGINT", 130, marks=pytest.mark.slow),
                                            pytest.param("SIGHUP", 129, marks=pytest.mark.slow)])
def test_a_signal_during_fix_leaves_no_trace_and_says_what_was_done(tmp_path: Path, name: str, code: int) -> None:
    for letter in "abcd":
        write(tmp_path / "site" / f"{letter}.md", BROAD + "\n")
    proc = run_with(SIGNAL_ON_SECOND_WRITE.format(name=name), "check", "site", "--fix", "--jobs", "1", cwd=tmp_path)
    err = proc.stderr.decode()
    after = files(tmp_path)
    assert sorted(after) == [f"site/{letter}.md" for letter in "abcd"], "a temporary file was left behind"
    assert [data == (FIXED + "\n").encode() for data in after.values()] == [True, False, False, False]
    assert proc.returncode == code, err
    assert (f"factlint: interrupted by {name}: fixed 1 finding in 1 file before stopping; "
            "3 files with fixes left as they were") in err
    assert "Traceback" not in err


def test_signals_mean_what_they_did_after_fix(tmp_path: Path) -> None:
    """The handlers installed while writing are removed again: the re-check runs as before."""
    write(tmp_path / "site" / "a.md", BROAD + "\n")
    prelude = ("from factlint import fixes\nreal = fixes.apply\n"
               "def apply(planned):\n    before = signal.getsignal(signal.SIGTERM)\n    result = real(planned)\n"
               "    assert signal.getsignal(signal.SIGTERM) is before\n    return result\n"
               "fixes.apply = apply\n")
    proc = run_with(prelude, "check", "site", "--fix", cwd=tmp_path)
    assert proc.returncode == 0 and b"fixed 1 finding in 1 file" in proc.stderr, proc.stderr

