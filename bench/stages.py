#!/usr/bin/env python3
"""Where factlint's time goes: each stage of the pipeline timed separately, in this process.

    .venv/bin/python bench/stages.py                      # the cached 10 MB corpus (made if missing)
    .venv/bin/python bench/stages.py --corpus DIR --cprofile 25
    .venv/bin/python bench/run.py --profile               # the same table after the run's figures

Stages, over every file of the corpus, in the order `factlint check --jobs 1` runs them:
  start-up   import factlint, load the rulebook, compile the Matcher (once per process)
  read       file bytes from the page cache
  decode     factlint.documents.decode_bytes (BOM, binary sniffing, UTF-8 / cp1252)
  parse      the Markdown parser alone (pyromark events with ranges; .md files only)
  segment    the rest of factlint.documents.parse_document: prose segments with source maps
  match      Matcher.check, split into the gate (with the page topic and lists), reading segments, reading
             sentences, claim frames, verdicts and phrase rules (_PARTS: methods of the engine wrapped with
             timers; one renamed reads "n/a" and its time stays in the gate row)
  report     JSON rendering of all findings (factlint.report.json)
 Named stages.py, not
profile.py, so that it does not shadow the standard library's `profile` module that cProfile imports.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

MB = 1e6


# The parts of Matcher.check timed on their own: (row, module, class, method). They do not call each other, so
# their times add up; what is left of Matcher.check is the gate, the page topic and the lists.
_PARTS = (
    ("read segments (Matcher.read_segment: normalise, patterns, sentence split, gate)",
     "factlint.matching.engine", "Matcher", "read_segment"),
    ("read sentences (Matcher.read_sentence: words, stems, terms, could_claim)",
     "factlint.matching.engine", "Matcher", "read_sentence"),
    ("claim frames (FrameFinder.find: clauses, assertion, frame parts)",
     "factlint.matching.frames", "FrameFinder", "find"),
    ("verdicts and their findings (_Run._judge)", "factlint.matching.engine", "_Run", "_judge"),
    ("phrase rules and their findings (_Run._phrases)", "factlint.matching.engine", "_Run", "_phrases"),
)


class _Timers:
    """Wraps the methods of _PARTS with timers while active; a method that no longer exists reads "n/a"."""

    def __init__(self) -> None:
        import importlib

        self.seconds: dict[str, float | None] = {}
        self._saved: list[tuple[object, str, object]] = []
        for row, module, cls_name, method in _PARTS:
            owner = getattr(importlib.import_module(module), cls_name, None)
            original = getattr(owner, method, None)
            if original is None:
                self.seconds[row] = None
                continue
            self.seconds[row] = 0.0
            self._saved.append((owner, method, original))
            setattr(owner, method, self._wrap(row, original))

    def _wrap(self, row: str, original):  # noqa: ANN001, ANN202
        seconds = self.seconds

        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                seconds[row] = (seconds[row] or 0.0) + time.perf_counter() - start
        return timed

    def restore(self) -> None:
        for owner, method, original in self._saved:
            setattr(owner, method, original)


def profile(corpus: Path, rules: list[Path] | None = None) -> tuple[list[tuple], dict]:
    t0 = time.perf_counter()
    from factlint.cli import GC_THRESHOLD
    from factlint.documents import decode_bytes, detect_format, parse_document
    from factlint.matching import Matcher
    from factlint.report import ReportOptions, json as json_report
    from factlint.results import LintResult
    from factlint.rulebook import load_rulebook
    t_import = time.perf_counter() - t0
    gc.set_threshold(*GC_THRESHOLD)  # as `factlint` runs

    t0 = time.perf_counter()
    rulebook = load_rulebook(rules or [])
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    matcher = Matcher(rulebook)
    t_compile = time.perf_counter() - t0

    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".html", ".txt") and p.is_file())

    # read
    t0 = time.perf_counter()
    blobs = [p.read_bytes() for p in files]
    t_read = time.perf_counter() - t0
    size = sum(len(b) for b in blobs)

    # decode
    t0 = time.perf_counter()
    texts = [decode_bytes(b)[0] for b in blobs]
    t_decode = time.perf_counter() - t0
    formats = [detect_format(p) or "text" for p in files]

    # parse: the Markdown parser alone (informative: its cost is inside parse_document too)
    t_parse = None
    try:
        import pyromark

        from factlint.documents.markdown import OPTIONS

        md = [t for t, f in zip(texts, formats, strict=True) if f == "markdown"]
        t0 = time.perf_counter()
        for t in md:
            list(pyromark.events_with_range(t, options=OPTIONS))  # the events are made lazily
        t_parse = time.perf_counter() - t0
    except ImportError:
        pass

    # parse + segment, per format
    per_format: dict[str, list[float]] = {}
    documents = []
    for p, t, f in zip(files, texts, formats, strict=True):
        t0 = time.perf_counter()
        documents.append(parse_document(t, str(p.relative_to(corpus)), f))
        dt = time.perf_counter() - t0
        acc = per_format.setdefault(f, [0.0, 0])
        acc[0] += dt
        acc[1] += len(t)
    t_segment_all = sum(v[0] for v in per_format.values())
    segments = sum(len(d.segments) for d in documents)

    # match
    findings = []
    timers = _Timers()
    try:
        t0 = time.perf_counter()
        for d in documents:
            findings.extend(matcher.check(d))
        t_match = time.perf_counter() - t0
    finally:
        timers.restore()

    # the same documents again, same matcher: every mask, sentence and paragraph is known by
    # now, so what remains is the per-segment bookkeeping (context, not a stage of a run)
    t0 = time.perf_counter()
    for d in documents:
        matcher.check(d)
    t_match_warm = time.perf_counter() - t0

    # report
    findings.sort(key=lambda f: f.sort_key)
    result = LintResult(findings=tuple(findings), files_checked=len(documents))
    t0 = time.perf_counter()
    out = json_report.render(result, ReportOptions())
    t_report = time.perf_counter() - t0

    rows: list[tuple] = [("start-up: imports", t_import, None), ("start-up: load rulebook", t_load, None),
                         ("start-up: compile matcher", t_compile, None),
                         ("read", t_read, size), ("decode", t_decode, size)]
    if t_parse is not None:
        md_bytes = per_format.get("markdown", [0, 0])[1]
        rows.append(("parse (pyromark events, .md only)", t_parse, md_bytes))
        rows.append(("segment (parse_document minus parse)", t_segment_all - t_parse, size))
    else:
        rows.append(("parse + segment (parse_document)", t_segment_all, size))
    for name, (seconds, n) in sorted(per_format.items()):
        rows.append((f"  parse_document, {name} files", seconds, n, "sub"))
    parts = {row: t for row, t in timers.seconds.items() if t is not None}
    rows.append(("gate, topic, lists (Matcher.check minus below)", t_match - sum(parts.values()), size))
    rows.extend((row, t, size) for row, t in parts.items())
    rows.extend((f"{row}: n/a (renamed?)", 0.0, None, "sub") for row, t in timers.seconds.items() if t is None)
    rows.append(("  match again, every cache warm (not in the total)", t_match_warm, size, "sub"))
    rows.append(("report (JSON)", t_report, size))
    # How repetitive the corpus is: the matcher works each distinct segment mask, sentence and
    # paragraph out once (private counters, read here for context only).
    texts_of_segments = [s.text for d in documents for s in d.segments]
    repetition = (
        f"{len(set(texts_of_segments))} distinct segment texts of {len(texts_of_segments)}; "
        f"segments read {len(matcher.segments)}, sentences framed {len(matcher.found_frames)} "
        "(cache sizes; each starts afresh past its limit)"
    )
    info = {
        "repetition": repetition,
        "files": len(files), "bytes": size, "segments": segments,
        "findings": len(findings),
        "report_bytes": len(out), "rules": len(rulebook.rules),
    }
    return rows, info


def print_table(rows, info) -> None:
    total = sum(r[1] for r in rows if len(r) < 4)
    pipeline = sum(r[1] for r in rows if len(r) < 4 and not r[0].startswith("start-up"))
    print(f"time per stage, in-process, {info['files']} files / {info['bytes'] / MB:.2f} MB, {info['rules']} rules: "
          f"{info['segments']} segments, "
          f"{info['findings']} findings")
    header = ("stage", "seconds", "% of total", "MB/s")
    body = []
    for row in rows:
        name, t, n = row[0], row[1], row[2]
        share = "" if len(row) > 3 else f"{100 * t / total:.1f}%"
        rate = f"{n / MB / t:.1f}" if n and t > 0 else ""
        body.append((name, f"{t:.3f}", share, rate))
    body.append(("total", f"{total:.3f}", "100%", f"{info['bytes'] / MB / total:.2f}"))
    body.append(("total without start-up", f"{pipeline:.3f}", f"{100 * pipeline / total:.1f}%",
                 f"{info['bytes'] / MB / pipeline:.2f}"))
    print(f"repetition: {info['repetition']}")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *body, strict=True)]
    def fmt(cells) -> str:  # the first column left-aligned, figures right-aligned
        aligned = (str(c).ljust(w) if i == 0 else str(c).rjust(w)
                   for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
        return "| " + " | ".join(aligned) + " |"
    print(fmt(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in body:
        print(fmt(row))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Time per stage of factlint on one corpus, in-process.")
    ap.add_argument("--corpus", type=Path, help="corpus folder (default: bench/corpus/10MB-s<seed>, made if missing)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--rules", type=Path, action="append", help="extra rulebook file or folder (as factlint --rules)")
    ap.add_argument("--cprofile", type=int, metavar="N", default=0,
                    help="also run the pipeline under cProfile and print the top N functions by own time")
    args = ap.parse_args(argv)
    corpus = args.corpus
    if corpus is None:
        import generate
        import run
        corpus = run.ensure_corpus(10, args.seed or generate.DEFAULT_SEED, lambda m: print(m, file=sys.stderr))
    rows, info = profile(corpus, args.rules)
    print_table(rows, info)
    if args.cprofile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        profile(corpus, args.rules)
        prof.disable()
        print()
        pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
