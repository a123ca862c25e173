"""Issue 16 item 17: one long line is linear, whatever the format. A 1 MB line holds ~30,000 findings;
showing each one's line (text) or counting its byte columns (rdjsonl) from the line start per finding
was quadratic (205 s for the text report at 6de4c3f). The timeout below is a hang guard with a wide
margin (a linear run takes ~2 s here), not a speed measurement: figures belong to bench/."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from security_support import run_cli_with_timeout

SENTENCE = "Ketamine cures depression and Spravato is approved for PTSD. "


SIZES = [1]  # MB. An 8 MB case showed rdjsonl's quadratic cost at 6de4c3f (204 s), but matching
# alone now takes about a minute at that size, so it cannot tell the report's cost apart: bench/ measures it


@pytest.mark.slow  # ~8 s a format: a scale test (CI runs it)
@pytest.mark.parametrize("megabytes", SIZES)
@pytest.mark.parametrize("fmt", ["text", "rdjsonl"])
def test_a_long_line_of_claims_is_reported_in_linear_time(tmp_path: Path, fmt: str, megabytes: int) -> None:
    text = SENTENCE * (megabytes * 1_000_000 // len(SENTENCE)) + "caf\u00e9 " + SENTENCE  # one 2-byte char
    (tmp_path / "one-line.md").write_text(text, encoding="utf-8")
    try:
        proc = run_cli_with_timeout("check", "one-line.md", "--format", fmt, "--jobs", "1",
                                    "--max-findings", "0", cwd=tmp_path, timeout=60)  # all ~30,000
    except subprocess.TimeoutExpired:
        pytest.fail(f"--format {fmt} on a {megabytes} MB line took over 60 s")
    assert proc.returncode == 1, proc.stderr
    if fmt == "rdjsonl":
        claims = [json.loads(line) for line in proc.stdout.splitlines() if '"FL401"' in line]
        last = claims[-1]["location"]["range"]["start"]["column"]
        assert last == len(text[: text.rindex("cures depression")].encode("utf-8")) + 1  # the é counts two bytes
    else:
        shown = [line for line in proc.stdout.splitlines() if line.startswith("1 | ")]
        assert len(shown) >= 10_000 and max(map(len, shown)) < 140  # every finding's line, cut to a window
