"""JUnit XML (GitLab CI `artifacts:reports:junit`, Jenkins, Azure), as eslint and markdownlint write it: one
<testsuite> per file, one failing <testcase> per finding (so a CI shows every finding, not one per file), and
one passing <testcase> for a file without findings. Skipped and unreadable files are a skipped / an erroring
test case of their own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from factlint.report import ReportOptions

if TYPE_CHECKING:
    from factlint.findings import Finding
    from factlint.results import LintResult
    from factlint.rulebook.model import Rule

CLEAN = "no findings"  # the name of a clean file's passing test case


def render(result: LintResult, options: ReportOptions) -> str:
    by_path = {path: list(items) for path, items in groupby(result.findings, key=lambda f: f.path)}
    cuts = {t.path: t for t in result.truncated}  # files whose findings --max-findings cut short
    root = ET.Element("testsuites", {"name": "factlint"})
    for path in sorted(set(result.files) | set(by_path)):
        findings = by_path.get(path, [])
        cut = cuts.get(path)
        failures = len(findings) + (cut is not None)
        suite = _suite(root, path, tests=max(failures, 1), failures=failures)
        if cut is not None:  # first: the CI lists first that the file's findings were cut short
            case = ET.SubElement(suite, "testcase", {"classname": path, "name": "max-findings", "file": path})
            ET.SubElement(case, "failure", {"type": "max-findings", "message": f"{path}: {cut.message()}"})
        elif not findings:
            ET.SubElement(suite, "testcase", {"classname": path, "name": CLEAN, "file": path})
        for f in findings:
            _failed(suite, f)
    for skip in result.skipped:
        suite = _suite(root, skip.path, tests=1, skipped=1)
        case = ET.SubElement(suite, "testcase", {"classname": skip.path, "name": "skipped", "file": skip.path})
        ET.SubElement(case, "skipped", {"message": skip.reason})
    for problem in result.problems:
        suite = _suite(root, problem.path, tests=1, errors=1)
        case = ET.SubElement(suite, "testcase", {"classname": problem.path, "name": "read", "file": problem.path})
        ET.SubElement(case, "error", {"message": problem.message})
    for name in ("tests", "failures", "errors", "skipped"):
        root.set(name, str(sum(int(suite.get(name, "0")) for suite in root)))
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _NOT_XML.sub("\ufffd", xml) + "\n"


def _suite(root: ET.Element, path: str, *, tests: int, failures: int = 0, errors: int = 0,
           skipped: int = 0) -> ET.Element:
    return ET.SubElement(root, "testsuite", {"name": path, "tests": str(tests), "failures": str(failures),
                                             "errors": str(errors), "skipped": str(skipped)})


def _failed(suite: ET.Element, f: Finding) -> None:
    """A finding as a failing test case: named by rule and place, the report's lines in the failure."""
    case = ET.SubElement(suite, "testcase", {"classname": f.path, "name": f"{f.rule} at {f.line}:{f.column}",
                                             "file": f.path, "line": str(f.line)})
    failure = ET.SubElement(case, "failure", {
        "type": f.rule,
        "message": f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.label}] {f.message}",
    })
    failure.text = (f"line {f.line}, column {f.column}: {f.rule} [{f.severity.label}] {f.category}\n"
                    f"matched: \"{f.text}\"\n{f.message}\nfact: {f.fact.statement}\n"
                    f"source: {f.fact.cited_as}\nsuggestion: {f.suggestion}")


# Characters XML 1.0 cannot carry even escaped (a draft may contain them); ElementTree would emit them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_rules(rules: Sequence[Rule], options: ReportOptions) -> str:
    from factlint.report import text

    return text.render_rules(rules, options)
