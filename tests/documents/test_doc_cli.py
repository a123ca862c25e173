"""The command line on real files: what a user sees for copy outside the body text, and the
`text-fields` / `extend-text-fields` / `mdx-props` settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_harness import run_in_process

CLAIM = "Ketamine cures depression."


def check(folder: Path, *args: str) -> tuple[int, list[tuple[str, int, int, str]], str]:
    run = run_in_process("check", ".", "--format", "json", "--select", "FL401", *args, cwd=folder)
    if run.code == 2:
        return 2, [], run.stderr
    report = json.loads(run.stdout)
    return run.code, [(f["path"], f["line"], f["column"], f["rule"]) for f in report["findings"]], run.stderr


def test_claims_outside_the_body_text_are_found_at_their_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "meta.html").write_bytes(
        f'<html>\r\n<head>\r\n<meta name="description" content="{CLAIM}">\r\n</head>\r\n<body>Hi.</body></html>\r\n'
        .encode())
    (tmp_path / "alt.html").write_text(f'<p>Photo: <img src="a.jpg" alt="{CLAIM}"></p>\n', encoding="utf-8")
    (tmp_path / "front.md").write_text(f"---\ntitle: Clinic\nsummary: {CLAIM}\n---\n\nHello.\n", encoding="utf-8")
    (tmp_path / "hero.mdx").write_text(f'import Hero from "./Hero"\n\n<Hero\n  headline="{CLAIM}"\n/>\n',
                                       encoding="utf-8")
    (tmp_path / "post.txt").write_text(f"New post ✨\r\n• {CLAIM}\r\n#ketamine\r\n", encoding="utf-8")
    code, found, _ = check(tmp_path)
    assert code == 1
    assert found == [
        ("alt.html", 1, 42, "FL401"),
        ("front.md", 3, 19, "FL401"),
        ("hero.mdx", 4, 22, "FL401"),
        ("meta.html", 3, 44, "FL401"),
        ("post.txt", 2, 12, "FL401"),
    ]


@pytest.mark.parametrize("config_name, config", [
    ("pyproject.toml", '[tool.factlint]\ntext-fields = ["hero_copy"]\nmdx-props = ["tagline"]\n'),
    (".factlint.yaml", "text-fields: [hero_copy]\nmdx-props: [tagline]\n"),
])
def test_text_fields_and_mdx_props_settings(tmp_path: Path, config_name: str, config: str) -> None:
    (tmp_path / "page.md").write_text(f"---\ndescription: {CLAIM}\nhero_copy: {CLAIM}\n---\n", encoding="utf-8")
    (tmp_path / "page.mdx").write_text(f'<Hero headline="{CLAIM}" tagline="{CLAIM}" />\n', encoding="utf-8")
    code, found, _ = check(tmp_path)  # by default: description, and every prop that reads as prose
    assert [(p, line, column) for p, line, column, _ in found] == [
        ("page.md", 2, 23), ("page.mdx", 1, 26), ("page.mdx", 1, 63)]
    (tmp_path / config_name).write_text(config, encoding="utf-8")
    code, found, _ = check(tmp_path)
    assert code == 1
    assert [(p, line, column) for p, line, column, _ in found] == [("page.md", 3, 21), ("page.mdx", 1, 63)]


def test_extend_text_fields_adds_to_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(f"---\ndescription: {CLAIM}\nhero_copy: {CLAIM}\n---\n", encoding="utf-8")
    (tmp_path / ".factlint.yaml").write_text("extend-text-fields: [hero_copy]\n", encoding="utf-8")
    _, found, _ = check(tmp_path)
    assert [(p, line) for p, line, _, _ in found] == [("page.md", 2), ("page.md", 3)]


def test_a_wrong_setting_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("Hello.\n", encoding="utf-8")
    (tmp_path / ".factlint.yaml").write_text("text-fields: 3\n", encoding="utf-8")
    code, _, err = check(tmp_path)
    assert code == 2
    assert "text-fields" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
