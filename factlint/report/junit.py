"""JUnit XML (GitLab CI `artifacts:reports:junit`, Jenkins, Azure): one testsuite, one testcase
per linted file, one <failure> per finding. A clean file is a passing test case."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from factlint.report import ReportOptions

if TYPE_CHECKING:
    from factlint.results import LintResult
    from factlint.rulebook.model import Rule


def render(result: LintResult, options: ReportOptions) -> str:
    by_path = {path: list(items) for path, items in groupby(result.findings, key=lambda f: f.path)}
    files = sorted(set(result.files) | set(by_path))
    suite = ET.Element("testsuite", {
        "name": "factlint",
        "tests": str(len(files)),
        "failures": str(sum(1 for p in files if by_path.get(p))),
        "errors": str(len(result.problems)),
        "skipped": str(len(result.skipped)),
    })
    for path in files:
        case = ET.SubElement(suite, "testcase", {"classname": "factlint", "name": path, "file": path})
        for f in by_path.get(path, ()):
            failure = ET.SubElement(case, "failure", {
                "type": f.rule,
                "message": f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.label}] {f.message}",
            })
            failure.text = (f"line {f.line}, column {f.column}: {f.rule} [{f.severity.label}] {f.category}\n"
                            f"matched: \"{f.text}\"\n{f.message}\nfact: {f.fact.statement}\n"
                            f"source: {f.fact.cited_as}\nsuggestion: {f.suggestion}")
    for skip in result.skipped:
        case = ET.SubElement(suite, "testcase", {"classname": "factlint", "name": skip.path, "file": skip.path})
        ET.SubElement(case, "skipped", {"message": skip.reason})
    for problem in result.problems:
        case = ET.SubElement(suite, "testcase", {"classname": "factlint", "name": problem.path})
        ET.SubElement(case, "error", {"message": problem.message})
    root = ET.Element("testsuites", {"name": "factlint", "tests": suite.get("tests", "0"),
                                     "failures": suite.get("failures", "0")})
    root.append(suite)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _NOT_XML.sub("\ufffd", xml) + "\n"


# Characters XML 1.0 cannot carry even escaped (a draft may contain them); ElementTree would emit them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_rules(rules: Sequence[Rule], options: ReportOptions) -> str:
    from factlint.report import text

    return text.render_rules(rules, options)
