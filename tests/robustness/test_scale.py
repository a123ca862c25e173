"""Size and shape extremes: no crash, work linear in the input, memory bounded.

All of it is marked slow (FACTLINT_SLOW_TESTS=1, as CI runs it): the issue's full sizes, a 50 MB
Markdown file and 100,000 small files, and the nesting and growth checks. factlint runs in a child
process, whose own CPU time and peak resident set size come from os.wait4: they measure factlint, not
the test process, and CPU time is far steadier than wall-clock time on a shared machine. A time limit
on each child turns a hang into a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from robust_support import CLAIM, MATCH, cli_env, write

pytestmark = pytest.mark.slow

BLOCK = """## Section {i}

Esketamine nasal spray is used with an oral antidepressant. {claim} Some *emphasis* and a [link](https://example.com/{i}).

- first item with `code` and text
- second item: patients may feel dissociation

> A quote about treatment-resistant depression.

"""


def markdown_of_size(size: int) -> str:
    out, total, i = [], 0, 0
    while total < size:
        block = BLOCK.format(i=i, claim=CLAIM if i % 10 == 0 else "Plain words here.")
        out.append(block)
        total += len(block)
        i += 1
    return "".join(out)


def measured(args: list[str], cwd: Path, timeout: float = 600) -> tuple[int, dict, float, int]:
    """Run factlint; return (exit code, JSON report, CPU seconds, peak RSS in MB) of the factlint process."""
    out = cwd / "report.json"
    with out.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "factlint", "check", "--format", "json", *args],
                                cwd=cwd, stdout=sink, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                env=cli_env())
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                pytest.fail(f"factlint {' '.join(args)} ran over {timeout} s")
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert "Traceback" not in stderr, stderr
    return proc.returncode, json.loads(out.read_text()), usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def test_one_megabyte_line_without_newline(tmp_path):
    sentence = "Patients should talk to their doctor about treatment options. "
    body = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000 - len(CLAIM) - 1] + " " + CLAIM
    for name in ("line.txt", "line.md", "line.html"):
        write(tmp_path / name, body)  # no trailing newline
        code, data, _, rss = measured([name, "--select", "FL401", "-j", "1"], tmp_path, timeout=120)
        assert code == 1
        [finding] = data["findings"]
        assert (finding["line"], finding["column"]) == (1, body.index(MATCH) + 1)
        assert rss < 500, (name, rss)


@pytest.mark.parametrize("name,content", [
    ("bullets.md", "- " * 10_000 + CLAIM + "\n"),
    ("ordered.md", "1. " * 10_000 + CLAIM + "\n"),
    ("quotes.md", ">" * 10_000 + " " + CLAIM + "\n"),
    ("staircase.md", "".join("  " * k + "- item " + CLAIM + "\n" for k in range(0, 2_000))),
    ("divs.html", "<div><ul><li>" * 10_000 + CLAIM + "</li></ul></div>" * 10_000),
    ("unclosed.html", "<div>" * 10_000 + "<p>" + CLAIM),
    ("spans.html", "<span>" * 10_000 + CLAIM + "</span>" * 10_000),
])
def test_ten_thousand_levels_of_nesting(tmp_path, name, content):
    write(tmp_path / name, content)
    code, data, _, rss = measured([name, "--select", "FL401", "-j", "1"], tmp_path, timeout=120)
    assert code == 1 and data["problems"] == [], data["problems"]
    assert data["findings"] and all(f["text"] == MATCH for f in data["findings"])
    assert rss < 1000, rss


def test_markdown_time_grows_linearly(tmp_path):
    small, large = 8_000_000, 16_000_000
    write(tmp_path / "small.md", markdown_of_size(small))
    write(tmp_path / "large.md", markdown_of_size(large))
    measured(["small.md", "-j", "1"], tmp_path)  # warm the file cache and bytecode
    _, a, t_small, rss_small = measured(["small.md", "-j", "1"], tmp_path)
    _, b, t_large, rss_large = measured(["large.md", "-j", "1"], tmp_path)
    assert b["summary"]["findings"] >= 2 * a["summary"]["findings"] - 10
    # CPU time, linear: ~2x (less, with start-up time); quadratic would give ~4x.
    assert t_large / t_small < 3.2, (t_small, t_large)
    assert rss_large < 150 + rss_small * 3, (rss_small, rss_large)


def test_fifty_megabyte_markdown_file(tmp_path):
    write(tmp_path / "big.md", markdown_of_size(50_000_000))
    code, data, seconds, rss = measured(["big.md", "-j", "1"], tmp_path, timeout=900)
    print(f"50 MB Markdown: {seconds:.1f} s CPU, peak RSS {rss} MB, {data['summary']['findings']} findings")
    assert code == 1 and data["summary"]["files_checked"] == 1
    assert rss < 3000


def _many_files(root: Path, count: int) -> None:
    for i in range(count):
        text = f"# Page {i}\n\n{CLAIM}\n" if i % 100 == 0 else f"# Page {i}\n\nPlain words about care.\n"
        write(root / f"{i // 1000:03d}" / f"page{i}.md", text)


@pytest.mark.parametrize("count", [100_000, 3_000])
def test_many_small_files(tmp_path, count):
    _many_files(tmp_path / "site", count)
    write(tmp_path / "site" / "broken.md", b"\x89PNG\r\n\x1a\nrest")
    code, data, seconds, rss = measured(["site", "--select", "FL401", "--jobs", "2"], tmp_path, timeout=900)
    print(f"{count} files, --jobs 2: {seconds:.1f} s CPU (main process), peak RSS {rss} MB")
    assert code == 1
    assert data["summary"]["files_checked"] == count  # every file checked, none silently dropped
    assert data["summary"]["findings"] == count // 100
    assert [s["path"] for s in data["skipped"]] == ["site/broken.md"]
    assert rss < 500 + count // 200, rss  # measured 41 MB (10,000 files) and 130 MB (100,000)
