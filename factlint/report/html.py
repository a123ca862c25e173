"""`--format html`: one self-contained review report a medical-legal reviewer can open, print or email.

One file, nothing fetched: styles and the few lines of script are inline, and a Content-Security-Policy
forbids every other source (a script the draft smuggled in could not run even if escaping failed).
For each file: the draft as text, line by line, every claim highlighted by severity, and beside its line
a margin note per finding (rule, what is wrong, the fact, the verbatim quote and its citable source, the
suggested rewrite; suppressed findings greyed with their reason). Above: the summary by category and
severity, the list of findings (a row links to its note), per-file navigation, and the run's notes
(unreadable, skipped and re-decoded files). A print stylesheet lays it out for a PDF attachment.

Every piece of text from a draft, a file name or a rulebook is escaped; ids are numbers, never names.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from factlint import __version__
from factlint.escape import visible as printable
from factlint.findings import Finding, Severity
from factlint.report import ReportOptions
from factlint.report.source import line_bounds
from factlint.ruledocs import doc_url

if TYPE_CHECKING:
    from factlint.results import LintResult, Suppression
    from factlint.rulebook.model import Rule, Rulebook

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True, slots=True)
class Item:
    """A finding as the report numbers it: active or suppressed."""

    number: int
    finding: Finding
    suppression: Suppression | None = None

    @property
    def css(self) -> str:
        return "suppressed" if self.suppression is not None else self.finding.severity.label


# ------------------------------------------------------------------------------------------ the page


def render(result: LintResult, options: ReportOptions) -> str:
    items = _numbered(result)
    by_path: dict[str, list[Item]] = {}
    for item in items:
        by_path.setdefault(item.finding.path, []).append(item)
    paths = sorted(set(result.files) | set(by_path))
    book = options.rulebook
    body = [
        _header(result, items),
        _navigation(paths, by_path),
        "<main>",
        _summary(items, book),
        _index(items),
        _run_notes(result),
        *(_file(n, path, by_path.get(path, []), options, book) for n, path in enumerate(paths, 1)),
        "</main>",
    ]
    return _document("\n".join(part for part in body if part))


def render_rules(rules: Sequence[Rule], options: ReportOptions) -> str:
    rows = "\n".join(
        f"<tr><td>{_e(r.id)}</td><td>{_e(r.name)}</td><td>{_e(r.category)}</td>"
        f"<td><span class=\"badge {r.severity.label}\">{r.severity.label}</span></td><td>{_e(r.summary)}</td></tr>"
        for r in rules)
    return _document(f"<main><h1>factlint rules</h1><table class=\"grid\"><thead><tr><th>Rule</th><th>Name</th>"
                     f"<th>Category</th><th>Severity</th><th>Summary</th></tr></thead><tbody>\n{rows}\n"
                     "</tbody></table></main>", title="factlint rules")


def _numbered(result: LintResult) -> list[Item]:
    pairs: list[tuple[Finding, Suppression | None]] = [(f, None) for f in result.findings]
    pairs += [(s.finding, s.suppression) for s in result.suppressed]
    pairs.sort(key=lambda pair: (pair[0].sort_key, pair[1] is not None))
    return [Item(n, finding, suppression) for n, (finding, suppression) in enumerate(pairs, 1)]


def _header(result: LintResult, items: list[Item]) -> str:
    counts = Counter(item.finding.severity for item in items if item.suppression is None)
    suppressed = sum(1 for item in items if item.suppression is not None)
    files = result.files_checked
    tiles = "".join(f'<span class="badge {s.label}">{counts[s]} {s.label}</span> ' for s in SEVERITIES)
    extra = f'<span class="badge suppressed">{suppressed} suppressed</span>' if suppressed else ""
    baselined = f" {result.baselined} more are in the baseline and not shown." if result.baselined else ""
    return (f'<header><h1>factlint review report</h1><p class="totals">{files} file{"s" if files != 1 else ""} '
            f"checked: {tiles}{extra}</p><p class=\"meta\">factlint {_e(__version__)}. Each highlighted claim "
            f"has a note beside its line: what is wrong, the fact, the source to cite and a compliant rewrite."
            f"{baselined}</p></header>")


def _navigation(paths: list[str], by_path: dict[str, list[Item]]) -> str:
    if not paths:
        return ""
    links = []
    for n, path in enumerate(paths, 1):
        items = by_path.get(path, [])
        active = sum(1 for item in items if item.suppression is None)
        worst = max((item.finding.severity for item in items if item.suppression is None), default=None)
        badge = f'<span class="count {worst.label if worst else "clean"}">{active}</span>'
        links.append(f'<li><a href="#file-{n}">{badge} {_e(printable(path))}</a></li>')
    return f'<nav aria-label="Files"><h2>Files</h2><ol>{"".join(links)}</ol></nav>'


def _summary(items: list[Item], book: Rulebook | None) -> str:
    if not items:
        return '<section id="summary"><h2>Summary</h2><p class="clean-run">No findings.</p></section>'
    categories = sorted({item.finding.category for item in items}, key=lambda c: _category_order(c, book))
    rows = []
    for category in categories:
        mine = [item for item in items if item.finding.category == category]
        active = [item for item in mine if item.suppression is None]
        cells = "".join(f'<td class="num">{sum(1 for i in active if i.finding.severity == s) or ""}</td>'
                        for s in SEVERITIES)
        suppressed = len(mine) - len(active)
        title = book.categories[category].title if book is not None and category in book.categories else ""
        label = f"{_e(title)} <code>{_e(category)}</code>" if title else f"<code>{_e(category)}</code>"
        first = mine[0].number
        rows.append(f'<tr class="jump" data-target="finding-{first}"><th scope="row"><a href="#finding-{first}">'
                    f'{label}</a></th>{cells}<td class="num">{suppressed or ""}</td><td class="num">{len(active)}'
                    "</td></tr>")
    totals = Counter(item.finding.severity for item in items if item.suppression is None)
    foot = "".join(f'<td class="num">{totals[s]}</td>' for s in SEVERITIES)
    suppressed_total = sum(1 for item in items if item.suppression is not None)
    return ('<section id="summary"><h2>Summary by category and severity</h2><table class="grid summary"><thead>'
            '<tr><th scope="col">Category</th><th scope="col">error</th><th scope="col">warning</th>'
            '<th scope="col">info</th><th scope="col">suppressed</th><th scope="col">total</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody><tfoot><tr><th scope="row">All</th>{foot}<td class="num">'
            f'{suppressed_total}</td><td class="num">{sum(totals.values())}</td></tr></tfoot></table></section>')


def _category_order(category: str, book: Rulebook | None) -> tuple[int, str]:
    order = list(book.categories) if book is not None else []
    return (order.index(category) if category in order else len(order), category)


def _index(items: list[Item]) -> str:
    if not items:
        return ""
    rows = []
    for item in items:
        f = item.finding
        state = "suppressed" if item.suppression is not None else f.severity.label
        rows.append(f'<tr class="jump {item.css}" data-target="finding-{item.number}"><td><a href="#finding-'
                    f'{item.number}">{_e(printable(f.path))}:{f.line}:{f.column}</a></td><td>{_e(f.rule)}</td>'
                    f'<td><span class="badge {item.css}">{state}</span></td><td>{_e(f.category)}</td>'
                    f"<td>{_e(f.message)}</td></tr>")
    return ('<section id="findings"><h2>Findings</h2><table class="grid index"><thead><tr><th scope="col">Where'
            '</th><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">Category</th>'
            f'<th scope="col">What is wrong</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _run_notes(result: LintResult) -> str:
    notes = [f"<li><b>Could not be read:</b> {_e(printable(p.path))}: {_e(p.message)}</li>" for p in result.problems]
    notes += [f"<li><b>Skipped:</b> {_e(printable(s.path))} ({_e(s.reason)})</li>" for s in result.skipped]
    notes += [f"<li><b>Decoding:</b> {_e(printable(w.path))}: {_e(w.message)}</li>" for w in result.warnings]
    notes += [f"<li><b>Findings left out:</b> {_e(printable(t.path))}: {_e(t.message())}</li>"
              for t in result.truncated]
    notes += [f"<li><b>Directive:</b> {_e(printable(n.path))}, line {n.line}: {_e(n.message)}</li>"
              for n in result.notices]
    if not notes:
        return ""
    return f'<section id="run-notes"><h2>Notes on this run</h2><ul>{"".join(notes)}</ul></section>'


# ------------------------------------------------------------------------------------------ one file


def _file(number: int, path: str, items: list[Item], options: ReportOptions, book: Rulebook | None) -> str:
    active = sum(1 for item in items if item.suppression is None)
    head = (f'<section class="file" id="file-{number}"><h2><span class="path">{_e(printable(path))}</span> '
            f'<span class="file-count">{active} finding{"s" if active != 1 else ""}'
            f'{f", {len(items) - active} suppressed" if len(items) > active else ""}</span></h2>')
    text = _text_of(path, items, options)
    if text is None:
        notes = "".join(_note(item, book) for item in items)
        why = "The draft could not be read again for this report" if items else "No findings"
        return f'{head}<p class="unavailable">{why}.</p><div class="notes-only">{notes}</div></section>'
    if not items:
        return f'{head}<p class="clean-file">No findings in this file.</p></section>'
    return f"{head}{_draft(number, text, items, book)}</section>"


def _text_of(path: str, items: list[Item], options: ReportOptions) -> str | None:
    sources = options.sources
    if sources is None:
        return None
    if not items:
        return ""
    text = sources.text(path)
    if text is None or any(text[i.finding.start:i.finding.end] != i.finding.text for i in items):
        return None  # changed since it was linted: the notes are still right, the offsets may not be
    return text


def _draft(file_number: int, text: str, items: list[Item], book: Rulebook | None) -> str:
    """The draft line by line: number, text with the claims marked, and the notes of the claims that start there."""
    starts: dict[int, list[Item]] = {}
    spans: dict[int, list[Item]] = {}  # line -> the findings on it (a claim may run over a line break)
    for item in items:
        starts.setdefault(item.finding.line, []).append(item)
        for line in range(item.finding.line, item.finding.end_line + 1):
            spans.setdefault(line, []).append(item)
    rows = []
    for number, (start, end) in enumerate(_lines(text), 1):
        notes = "".join(_note(item, book) for item in starts.get(number, ()))
        row_id = f' id="line-{file_number}-{number}"' if notes else ""
        marked = _marked(text, start, end, spans.get(number, []))
        rows.append(f'<tr{row_id}><td class="ln">{number}</td><td class="src">{marked}'
                    f'</td><td class="notes">{notes}</td></tr>')
    return ('<table class="draft"><colgroup><col class="ln"><col class="src"><col class="notes"></colgroup><tbody>'
            + "".join(rows) + "</tbody></table>")


def _lines(text: str) -> Iterable[tuple[int, int]]:
    offset = 0
    while True:
        start, end = line_bounds(text, offset)
        yield start, end
        if end >= len(text):
            return
        offset = end + (2 if text.startswith("\r\n", end) else 1)
        if offset > len(text):
            return


def _marked(text: str, start: int, end: int, items: list[Item]) -> str:
    """One line's text, escaped, with a <mark> over every stretch some finding covers (overlaps split)."""
    covering = [item for item in items if item.finding.start < end and item.finding.end > start]
    if not covering:
        return _e(printable(_tabs(text[start:end]))) or "&#8203;"
    cuts = sorted({start, end, *(max(start, min(end, i.finding.start)) for i in covering),
                   *(max(start, min(end, i.finding.end)) for i in covering)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = _e(printable(_tabs(text[a:b])))
        over = [i for i in covering if i.finding.start <= a and i.finding.end >= b]
        if not over or a == b:
            out.append(piece)
            continue
        active = [i for i in over if i.suppression is None]
        css = max(active, key=lambda i: i.finding.severity).css if active else "suppressed"
        numbers = " ".join(str(i.number) for i in over)
        label = "; ".join(f"{i.finding.rule} {i.css}" for i in over)
        out.append(f'<mark class="{css}" data-findings="{numbers}" title="{_e(label)}">{piece}</mark>')
    return "".join(out) or "&#8203;"


def _tabs(text: str) -> str:
    return text.replace("\t", "    ")


def _note(item: Item, book: Rulebook | None) -> str:
    f = item.finding
    rule = book.rule(f.rule) if book is not None else None
    name = f" {_e(rule.name)}" if rule is not None else ""
    url = doc_url(rule) if rule is not None else None
    rule_link = f'<a href="{_e(url)}">{_e(f.rule)}</a>' if url else _e(f.rule)
    parts = [f'<aside class="note {item.css}" id="finding-{item.number}" data-finding="{item.number}" '
             f'data-rule="{_e(f.rule)}" data-path="{_e(printable(f.path))}" data-line="{f.line}" '
             f'data-column="{f.column}">',
             f'<p class="rule">{rule_link}{name} <span class="badge {item.css}">{f.severity.label}</span> '
             f'<span class="cat">{_e(f.category)}</span> <span class="where">line {f.line}, column {f.column}'
             "</span></p>"]
    if item.suppression is not None:
        s = item.suppression
        reason = _e(s.reason) if s.reason else "<i>no reason given</i>"
        parts.append(f'<p class="waived">Suppressed by <code>factlint-{_e(s.kind)}</code> on line {s.line}: '
                     f"{reason}</p>")
    parts.append(f'<p class="wrong"><b>What is wrong:</b> {_e(f.message)}</p>')
    parts.append(f'<p class="matched"><b>Claim:</b> &ldquo;{_e(printable(f.claim or f.text))}&rdquo;</p>')
    if f.merged:
        parts.append(f'<p class="merged"><b>Also flagged by:</b> {_e(", ".join(f.merged))}</p>')
    parts.append(f'<p class="fact"><b>Fact:</b> {_e(f.fact.statement)}</p>')
    parts.append(_quote_and_source(f))
    parts.append(f'<p class="rewrite"><b>Suggested rewrite:</b> <span class="suggestion">{_e(f.suggestion)}'
                 "</span></p></aside>")
    return "".join(parts)


def _quote_and_source(f: Finding) -> str:
    fact = f.fact
    via = (f' <span class="via" title="factlint&rsquo;s summary of the source; words in inner quotation marks are '
           f'the source&rsquo;s own">(as summarised in the {_e(fact.quote_via)})</span>') if fact.quote_via else ""
    quote = f'<blockquote class="quote">{_e(" ".join(fact.quote.split()))}{via}</blockquote>' if fact.quote else ""
    citation = fact.citation
    if citation is None:
        return f'{quote}<p class="source"><b>Source:</b> {_e(fact.source)}</p>'
    title = _e(citation.title)
    if citation.address:
        title = f'<a href="{_e(citation.address)}">{title}</a>'
    bits = [b for b in (citation.publisher, citation.date, citation.locator) if b]
    details = "".join(f". {_e(b)}" for b in bits)
    kind = f' <span class="kind {_e(citation.kind)}">{_e(citation.kind)} source</span>' if citation.kind else ""
    note = f'<span class="source-note">{_e(citation.note)}</span>' if citation.note else ""
    address = f'<span class="address">{_e(citation.address)}</span>' if citation.address else ""
    return f'{quote}<p class="source"><b>Source:</b> <cite>{title}</cite>{details}.{kind} {address}{note}</p>'


def _e(text: object) -> str:
    return escape(str(text), quote=True)


# ------------------------------------------------------------------------------------------ shell

_STYLE = """
:root{--error:#fdd;--error-b:#c00;--warning:#ffe8b0;--warning-b:#b36b00;--info:#dde8ff;--info-b:#2655b3;
--suppressed:#eee;--suppressed-b:#888;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a}
body{margin:0;display:grid;grid-template-columns:16rem 1fr;grid-template-areas:"head head" "nav main"}
header{grid-area:head;padding:1rem 1.5rem;border-bottom:1px solid #ccc;background:#fafafa}
header h1{margin:0 0 .3rem;font-size:1.4rem}.meta{color:#555;margin:.2rem 0;font-size:.9rem}
nav{grid-area:nav;position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding:1rem;
border-right:1px solid #ddd;font-size:.85rem}nav ol{list-style:none;padding:0;margin:0}nav li{margin:.25rem 0}
nav a{text-decoration:none;color:#124;word-break:break-all}main{grid-area:main;padding:0 1.5rem 3rem;min-width:0}
h2{font-size:1.15rem;margin:1.6rem 0 .6rem}.file h2{border-top:2px solid #333;padding-top:.8rem}
.path{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}.file-count{color:#555;font-weight:normal}
table.grid{border-collapse:collapse;font-size:.88rem;width:100%}table.grid th,table.grid td{border:1px solid #ddd;
padding:.3rem .5rem;text-align:left;vertical-align:top}table.grid thead th{background:#f2f2f2}.num{text-align:right}
tr.jump{cursor:pointer}tr.jump:hover{background:#f5f9ff}tr.suppressed{color:#777}
.badge{display:inline-block;border-radius:.6rem;padding:0 .45rem;font-size:.78rem;border:1px solid}
.badge.error{background:var(--error);border-color:var(--error-b)}.badge.warning{background:var(--warning);
border-color:var(--warning-b)}.badge.info{background:var(--info);border-color:var(--info-b)}
.badge.suppressed{background:var(--suppressed);border-color:var(--suppressed-b);color:#555}
.count{display:inline-block;min-width:1.4rem;text-align:center;border-radius:.5rem;background:var(--suppressed)}
.count.error{background:var(--error)}.count.warning{background:var(--warning)}.count.info{background:var(--info)}
table.draft{border-collapse:collapse;width:100%;table-layout:fixed}table.draft col.ln{width:3.2rem}
table.draft col.notes{width:42%}table.draft td{vertical-align:top;padding:0 .4rem}
td.ln{color:#888;text-align:right;font:12px/1.6 ui-monospace,Menlo,Consolas,monospace;user-select:none}
td.src{font:13px/1.6 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
mark{padding:1px 0;border-bottom:2px solid;color:inherit}mark.error{background:var(--error);border-color:var(--error-b)}
mark.warning{background:var(--warning);border-color:var(--warning-b)}mark.info{background:var(--info);
border-color:var(--info-b)}mark.suppressed{background:var(--suppressed);border-color:var(--suppressed-b);
border-bottom-style:dotted}
.note{border-left:4px solid;border-radius:4px;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.15);
margin:.2rem 0 .6rem;padding:.4rem .7rem;font-size:.84rem;line-height:1.4}.note p{margin:.25rem 0}
.note.error{border-color:var(--error-b)}.note.warning{border-color:var(--warning-b)}.note.info{border-color:var(--info-b)}
.note.suppressed{border-color:var(--suppressed-b);opacity:.6;filter:grayscale(1)}.note .rule{font-weight:600}
.note .where,.note .cat{color:#666;font-weight:normal}.note:target{outline:3px solid #3b82f6}
.waived{background:#f0f0f0;padding:.2rem .4rem}blockquote.quote{margin:.3rem 0;padding:.2rem .6rem;
border-left:3px solid #999;color:#333;font-style:italic}.via{font-style:normal;color:#666;font-size:.8rem}
.kind{font-size:.75rem;border:1px solid #999;border-radius:.4rem;padding:0 .3rem}.kind.secondary{background:#fff4d6}
.address{display:none}.source-note{display:block;color:#555;font-size:.8rem}
.suggestion{background:#e9f7ec;padding:0 .2rem}.unavailable,.clean-file,.clean-run{color:#555}
@media (max-width:900px){body{display:block}nav{position:static;max-height:none;border-right:0}
table.draft col.notes{width:50%}}
@media print{@page{margin:14mm}body{display:block;font-size:10pt}nav,tr.jump:hover{display:none}
header{background:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.file{break-before:page}.note,tr{break-inside:avoid}.note{box-shadow:none;border:1px solid #999;border-left-width:4px}
.note.suppressed{opacity:1;color:#555}.address{display:inline;font-size:8pt;word-break:break-all}
.address::before{content:" "}a{color:inherit;text-decoration:none}table.draft col.notes{width:48%}}
"""

# Row clicks scroll to the note (the first cell's link works without script too).
_SCRIPT = """
document.querySelectorAll("tr.jump").forEach(function (row) {
  row.addEventListener("click", function (event) {
    if (event.target.closest("a")) return;
    var note = document.getElementById(row.getAttribute("data-target"));
    if (note) { note.scrollIntoView({block: "center"}); history.replaceState(null, "", "#" + note.id); }
  });
});
"""


def _document(body: str, title: str = "factlint review report") -> str:
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; base-uri 'none'; " \
             "form-action 'none'"
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
            f"<script>{_SCRIPT}</script>\n</body>\n</html>\n")
