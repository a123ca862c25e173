#!/usr/bin/env python3
"""CPU time of the document readers (factlint.documents.parse_document) per format, over the bench corpus.

    .venv/bin/python bench/readers.py                      # this checkout, the cached 10 MB corpus
    .venv/bin/python bench/readers.py --code /tmp/main     # another checkout of factlint (before/after)
    .venv/bin/python bench/readers.py --repeat 9

CPU time (time.process_time) and the minimum of `--repeat` passes, so that other processes on a shared
machine count as little as possible; compare two checkouts by running them one after the other, a few
times, in the same session. Decoding is done once beforehand and not timed.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--code", type=Path, default=BENCH.parent, help="the factlint checkout to time (default: this one)")
    ap.add_argument("--corpus", type=Path, help="folder of drafts (default: the cached 10 MB corpus, made if missing)")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the corpus; the minimum is shown (default 5)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    from factlint.documents import decode_bytes, detect_format, parse_document

    corpus = args.corpus
    if corpus is None:
        sys.path.insert(1, str(BENCH))  # after --code: run.py imports factlint too
        import generate
        import run

        corpus = run.ensure_corpus(10, generate.DEFAULT_SEED, lambda m: print(m, file=sys.stderr))
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and detect_format(p))
    drafts = [(decode_bytes(p.read_bytes())[0], detect_format(p) or "text") for p in files]
    gc.set_threshold(200_000, 30, 30)  # as the command line runs
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        spent: dict[str, float] = {}
        for text, fmt in drafts:
            start = time.process_time()
            parse_document(text, "x", fmt)
            spent[fmt] = spent.get(fmt, 0.0) + time.process_time() - start
        for fmt, seconds in spent.items():
            best[fmt] = min(best.get(fmt, seconds), seconds)
    size = sum(len(text) for text, _ in drafts)
    print(f"{args.code}: {len(drafts)} drafts, {size / 1e6:.1f} M characters, min of {args.repeat} passes (CPU s)")
    for fmt, seconds in sorted(best.items()):
        print(f"  {fmt:10s} {seconds:7.3f}")
    print(f"  {'total':10s} {sum(best.values()):7.3f}")


if __name__ == "__main__":
    main()
