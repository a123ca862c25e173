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
  prefilter  Matcher.check minus the close examination: normalise, word sets, lexicon, candidates
  judge      close examination of candidate segments (Judge.examine): sentences, windows, cues
  findings   building Finding objects (Matcher._finding: source offsets, line/column)
  report     JSON rendering of all findings (factlint.report.json)

The split of Matcher.check into prefilter / judge / findings wraps two private methods of the engine;
if they are renamed, those rows read "n/a" and `match` is shown whole. Named stages.py, not
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


def _timed_matcher_class(Matcher):
    """A Matcher whose close examination and finding construction are timed."""

    class TimedMatcher(Matcher):
        judge = 0.0
        build = 0.0
        examined = 0

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            judge = getattr(self, "_judge", None)
            if judge is not None and hasattr(judge, "examine"):
                examine = judge.examine

                def timed_examine(*a, **k):
                    start = time.perf_counter()
                    try:
                        return examine(*a, **k)
                    finally:
                        TimedMatcher.judge += time.perf_counter() - start
                        TimedMatcher.examined += 1

                judge.examine = timed_examine

        def _finding(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return super()._finding(*args, **kwargs)
            finally:
                TimedMatcher.build += time.perf_counter() - start

    split = hasattr(Matcher, "_finding")
    return TimedMatcher, split


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
    TimedMatcher, split = _timed_matcher_class(Matcher)
    t0 = time.perf_counter()
    matcher = TimedMatcher(rulebook)
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
    t0 = time.perf_counter()
    for d in documents:
        findings.extend(matcher.check(d))
    t_match = time.perf_counter() - t0
    t_judge, t_build, examined = TimedMatcher.judge, TimedMatcher.build, TimedMatcher.examined

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
    if split:
        prefilter = t_match - t_judge - t_build
        rows.append(("pre-filter + engine (check minus below)", prefilter, size))
        rows.append(("judge (Judge.examine)", t_judge, size))
        rows.append(("findings (Matcher._finding)", t_build, size))
    else:
        rows.append(("match (Matcher.check)", t_match, size))
    rows.append(("  match again, every cache warm (not in the total)", t_match_warm, size, "sub"))
    rows.append(("report (JSON)", t_report, size))
    # How repetitive the corpus is: the matcher works each distinct segment mask, sentence and
    # paragraph out once (private counters, read here for context only).
    texts_of_segments = [s.text for d in documents for s in d.segments]
    repetition = (
        f"{len(set(texts_of_segments))} distinct segment texts of {len(texts_of_segments)}; "
        f"distinct masks worked out {len(matcher._prefilter._cache)}, "
        f"sentences judged {len(matcher._judge._cache)}, paragraphs examined {len(matcher._judge._segment_cache)} "
        "(cache sizes; each starts afresh past its limit)"
    )
    info = {
        "repetition": repetition,
        "files": len(files), "bytes": size, "segments": segments,
        "examined": examined if split else None, "findings": len(findings),
        "report_bytes": len(out), "rules": len(rulebook.rules),
    }
    return rows, info


def print_table(rows, info) -> None:
    total = sum(r[1] for r in rows if len(r) < 4)
    pipeline = sum(r[1] for r in rows if len(r) < 4 and not r[0].startswith("start-up"))
    print(f"time per stage, in-process, {info['files']} files / {info['bytes'] / MB:.2f} MB, {info['rules']} rules: "
          f"{info['segments']} segments, {info['examined'] if info['examined'] is not None else '?'} examined closely, "
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
