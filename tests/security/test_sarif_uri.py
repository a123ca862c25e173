"""Issue 16 item 7: SARIF artifact URIs are percent-encoded, so every file is the file it names."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from file_support import write

NAMES = {
    "docs%2Fguide.md": "docs%252Fguide.md",  # not docs/guide.md
    "a#frag.md": "a%23frag.md",  # not "a" with a fragment
    "q?x=1.md": "q%3Fx%3D1.md",  # not a query
    "with space.md": "with%20space.md",
    "café.md": "caf%C3%A9.md",
    "100%.md": "100%25.md",
    "promo, v2: 50%.md": "promo%2C%20v2%3A%2050%25.md",  # issue 14: a ':' in the first segment is no scheme
}


@pytest.mark.parametrize("name", list(NAMES))
def test_a_sarif_uri_is_percent_encoded_and_reads_back_as_the_file(run_cli, tmp_path: Path, name: str) -> None:
    write(tmp_path / "site" / name, "Ketamine cures depression.\n")
    code, out, err = run_cli("check", "site", "--format", "sarif")
    assert code == 1, err
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in json.loads(out)["runs"][0]["results"]}
    assert uris == {f"site/{NAMES[name]}"}
    assert (tmp_path / unquote(uris.pop())).is_file()
