"""Hostile drafts: constructs that never close must not make a reader quadratic (or hang a run).

Each input below took minutes or more at this size before the readers stopped rescanning to the end
of the text for every opening character. They run in a child process with a generous CPU-time limit
(CPU time, so a busy machine does not matter): linear readers need about a second for all of them
together, a quadratic one minutes, so the limit only catches a reader that has gone quadratic again.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

resource = pytest.importorskip("resource", reason="CPU-time limits need the POSIX resource module")

PROGRAM = textwrap.dedent('''
    from factlint.documents import parse_document
    N = 20_000
    cases = [
        ("html", "<a " * N), ("html", "<!-- x " * N), ("html", "</a " * N),
        ("markdown", "text <a " * N), ("markdown", "<div>\\n" + "<a " * N),
        ("mdx", "{ " * N), ("mdx", '{ " ' * N), ("mdx", '<A b="x ' * N), ("mdx", "<A " + "a={1} " * N),
        ("mdx", "".join("`" * (i % 50 + 1) + " x " for i in range(N))),
        ("markdown", "---\\na" + " " * (5 * N) + "b\\n---\\n"), ("markdown", "---\\n-a" + " " * (5 * N) + "b\\n---\\n"),
        ("markdown", "+++\\na" + " " * (5 * N) + "\\n+++\\n"),
        ("text", "# factlint-x" + " " * (5 * N) + "y\\n"), ("text", "<!-- factlint-x" + " " * (5 * N) + "y\\n"),
    ]
    for fmt, source in cases:
        parse_document(source, "x", fmt)
    print("ok", len(cases))
''')


@pytest.mark.slow  # a scale test: long unclosed markup in every reader, in a fresh process
def test_unclosed_constructs_are_read_in_linear_time() -> None:
    def limit_cpu() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))

    proc = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=1800,
                          stdin=subprocess.DEVNULL, preexec_fn=limit_cpu)
    assert proc.returncode == 0, f"a reader went past 60 s of CPU time or failed: {proc.returncode} {proc.stderr}"
    assert proc.stdout.strip() == "ok 15"
