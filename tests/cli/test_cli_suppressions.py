"""Inline suppressions with reasons (audit trail in JSON and SARIF), notices, per-file-ignores."""

from __future__ import annotations

import json

from cli_support import CLAIM, write

PTSD = "Spravato is FDA-approved for PTSD."


def report(run_cli, *args, cwd=None):
    result = run_cli("check", *args, "--format", "json", cwd=cwd)
    return result.code, json.loads(result.stdout)


def test_disable_next_line_with_reason_is_audited_in_json_sarif_and_text(run_cli, tmp_path):
    write(tmp_path / "page.md",
          f"# Spravato\n\n<!-- factlint-disable-next-line FL206 -- approved by MLR-123 -->\n{PTSD}\n\n{PTSD}\n")
    code, data = report(run_cli, "page.md", "--select", "FL206")
    assert code == 1
    assert [f["line"] for f in data["findings"]] == [6]  # only the next line is covered
    (waived,) = data["suppressed"]
    assert waived["rule"] == "FL206" and waived["line"] == 4
    assert waived["suppressed"] == {"reason": "approved by MLR-123", "directive": "factlint-disable-next-line",
                                    "line": 3}
    assert data["summary"]["suppressed"] == 1 and data["notices"] == []

    sarif = json.loads(run_cli("check", "page.md", "--select", "FL206", "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(results) == 2 and len(suppressed) == 1
    assert suppressed[0]["suppressions"][0]["kind"] == "inSource"
    assert suppressed[0]["suppressions"][0]["justification"] == "approved by MLR-123"

    text = run_cli("check", "page.md", "--select", "FL206").stdout
    assert text.rstrip().splitlines()[-1].endswith("(1 suppressed)")


def test_disable_enable_range_and_several_ids(run_cli, tmp_path):
    write(tmp_path / "page.html",
          "<p>Intro.</p>\n<!-- factlint-disable FL206,FL401 -- quoted from a complaint we rebut -->\n"
          f"<p>{PTSD} {CLAIM}</p>\n<!-- factlint-enable FL206 -->\n<p>{PTSD} {CLAIM}</p>\n"
          "<!-- factlint-enable FL401 -->\n")
    code, data = report(run_cli, "page.html", "--select", "FL206,FL401")
    assert sorted((f["rule"], f["line"]) for f in data["findings"]) == [("FL206", 5)]
    assert sorted((s["rule"], s["line"]) for s in data["suppressed"]) == [("FL206", 3), ("FL401", 3), ("FL401", 5)]


def test_disable_file_without_ids_waives_every_rule(run_cli, tmp_path):
    write(tmp_path / "quote.md",
          f"<!-- factlint-disable-file -- verbatim patient testimonial, legal OK -->\n{CLAIM}\n{PTSD}\n")
    code, data = report(run_cli, "quote.md")
    assert code == 0 and data["findings"] == [] and len(data["suppressed"]) >= 2


def test_plain_text_directives_after_hash_or_slashes(run_cli, tmp_path):
    write(tmp_path / "post.txt", f"# factlint-disable-next-line FL401 -- satire\n{CLAIM}\n"
                                 f"// factlint-disable-next-line FL401 -- satire too\n{CLAIM}\n{CLAIM}\n")
    code, data = report(run_cli, "post.txt", "--select", "FL401")
    assert [f["line"] for f in data["findings"]] == [5]
    assert [s["line"] for s in data["suppressed"]] == [2, 4]


def test_missing_reason_and_unused_directives_are_reported(run_cli, tmp_path):
    write(tmp_path / "page.md",
          f"<!-- factlint-disable-next-line FL401 -->\n{CLAIM}\n\n<!-- factlint-disable-next-line FL206 -- stale -->\n"
          "Nothing to see here.\n")
    code, data = report(run_cli, "page.md", "--select", "FL401,FL206")
    assert code == 0 and data["findings"] == []
    assert [(n["line"], n["code"]) for n in data["notices"]] == [
        (1, "suppression-without-reason"), (4, "unused-suppression")]
    text = run_cli("check", "page.md", "--select", "FL401,FL206").stdout
    assert "page.md:1: note: factlint-disable-next-line (FL401) has no reason" in text
    assert "page.md:4: note: unused factlint-disable-next-line (FL206)" in text
    github = run_cli("check", "page.md", "--select", "FL401,FL206", "--format", "github").stdout
    assert "::warning file=page.md,line=4,title=factlint unused-suppression::" in github


def test_per_file_ignores_by_glob_with_ids_and_categories(run_cli, tmp_path):
    write(tmp_path / ".factlint.yaml",
          "per-file-ignores:\n  'press/*.md': [FL401]\n  legacy: [indication, FL5]\n")
    write(tmp_path / "press" / "a.md", f"{CLAIM} {PTSD}\n")
    write(tmp_path / "legacy" / "b.md", f"{CLAIM} {PTSD}\n")
    write(tmp_path / "blog" / "c.md", f"{CLAIM} {PTSD}\n")
    code, data = report(run_cli, ".")
    rules = {}
    for f in data["findings"]:
        rules.setdefault(f["path"], set()).add(f["rule"])
    assert "FL401" not in rules["press/a.md"] and "FL206" in rules["press/a.md"]
    assert "FL206" not in rules["legacy/b.md"] and "FL401" in rules["legacy/b.md"]
    assert not any(r.startswith("FL5") for r in rules["legacy/b.md"])
    assert {"FL401", "FL206"} <= rules["blog/c.md"]


def test_per_file_ignores_with_an_unknown_rule_is_a_config_error(run_cli, tmp_path):
    write(tmp_path / ".factlint.yaml", "per-file-ignores:\n  '*.md': [FL9999]\n")
    write(tmp_path / "a.md", f"{CLAIM}\n")
    code, out, err = run_cli("check", "a.md")
    assert code == 2 and out == ""
    assert err.startswith("factlint: error: .factlint.yaml: per-file-ignores '*.md': 'FL9999' matches no rule")


def test_mdx_comment_directive(run_cli, tmp_path):
    write(tmp_path / "page.mdx", f"{{/* factlint-disable-next-line FL401 -- quoted headline */}}\n{CLAIM}\n")
    code, data = report(run_cli, "page.mdx", "--select", "FL401")
    assert code == 0 and data["findings"] == []
    assert data["suppressed"][0]["suppressed"]["reason"] == "quoted headline"


def test_disable_line_waives_the_claims_on_its_own_line(run_cli, tmp_path):
    """markdownlint's convention: the directive stands on the line it waives."""
    write(tmp_path / "page.md", f"# Ketamine\n\n{CLAIM} <!-- factlint-disable-line FL401 -- quoted headline -->\n\n"
                                f"{CLAIM}\n")
    code, data = report(run_cli, "page.md", "--select", "FL401")
    assert code == 1
    assert [f["line"] for f in data["findings"]] == [5]  # the next line is not covered
    (waived,) = data["suppressed"]
    assert waived["line"] == 3
    assert waived["suppressed"] == {"reason": "quoted headline", "directive": "factlint-disable-line", "line": 3}
    assert data["notices"] == []
    write(tmp_path / "page.html", f"<p>{CLAIM}\n<!-- factlint-disable-line -- a quotation --></p>\n")
    code, data = report(run_cli, "page.html", "--select", "FL401")  # on another line than the claim
    assert code == 1 and [n["code"] for n in data["notices"]] == ["unused-suppression"]


def test_an_unknown_directive_is_reported_with_a_guess(run_cli, tmp_path):
    write(tmp_path / "page.md", f"<!-- factlint-disabel-next-line FL401 -- typo -->\n{CLAIM}\n\n"
                                "<!-- factlint-disable-nextline -->\n\n<!-- factlint-ignore FL401 -->\n")
    code, data = report(run_cli, "page.md", "--select", "FL401")
    assert code == 1 and [f["line"] for f in data["findings"]] == [2]  # the typo waives nothing
    assert [(n["line"], n["code"]) for n in data["notices"]] == [
        (1, "unknown-directive"), (4, "unknown-directive"), (6, "unknown-directive")]
    assert data["notices"][0]["message"] == ("'factlint-disabel-next-line' is not a factlint directive (did you mean "
                                             "'factlint-disable-next-line'?); it suppresses nothing")
    assert "did you mean 'factlint-disable-next-line'" in data["notices"][1]["message"]
    assert "(directives: factlint-disable-next-line, factlint-disable-line," in data["notices"][2]["message"]
    text = run_cli("check", "page.md", "--select", "FL401")
    assert "page.md:1: note: 'factlint-disabel-next-line' is not a factlint directive" in text.stdout
    strict = run_cli("check", "page.md", "--select", "FL401", "--strict")
    assert strict.code == 2 and "--strict: 3 unknown directives" in strict.stderr
