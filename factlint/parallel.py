"""Checking files in worker processes, each holding its own `FileChecker`.

Each worker receives the checker once, when it starts: a forked worker inherits the one the main process
built (matcher compiled, caches warm); a spawned one unpickles the rulebook and compiles its own. It then
checks chunks of targets until told to stop, keeping the checker in a local variable: no module state.
Outcomes come back tagged with their chunk's index and are yielded in order, so the report never depends
on the number of workers or on scheduling.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from factlint.checker import CLEAN, FileChecker, FileOutcome
from factlint.discovery import Target

# Starting worker processes costs ~30 ms, and each fills its own caches (and loads the English
# word list) again: below about half a megabyte one process is faster (the pre-commit case).
PARALLEL_MIN_BYTES = 512 * 1024
_STAT_LIMIT = 64  # files; a run with more is taken to be large without asking the disk
_SMALLEST_CHUNK = 4  # files
_POLL_SECONDS = 0.5  # how often the main process checks that no worker died while it waits


def automatic_jobs(targets: Sequence[Target]) -> int:
    """`--jobs 0` (the default): one process per CPU, or one for a run too small to repay them."""
    cpus = os.cpu_count() or 1
    if cpus == 1 or len(targets) > _STAT_LIMIT:
        return cpus
    size = 0
    for target in targets:
        try:
            size += os.stat(target.path).st_size
        except OSError:  # reported when the file is read
            continue
        if size >= PARALLEL_MIN_BYTES:
            return cpus
    return 1


def chunks(items: Sequence[Any], workers: int) -> list[Sequence[Any]]:
    """Consecutive runs of items, shrinking: big chunks first (little pickling per file), small ones at
    the end, so that no worker is left alone with a big last chunk while the others idle."""
    out = []
    start = 0
    while start < len(items):
        size = max(_SMALLEST_CHUNK, (len(items) - start) // (workers * 4))
        out.append(items[start : start + size])
        start += size
    return out


def check_in_workers(checker: FileChecker, targets: Sequence[Target], workers: int) -> Iterator[FileOutcome]:
    """The outcome of each target, in order, checked by `workers` processes."""
    fields = [(t.path, t.display, t.format) for t in targets]
    work = chunks(fields, workers)
    context = multiprocessing.get_context()
    tasks: Any = context.Queue()
    results: Any = context.Queue()
    processes = [context.Process(target=_serve, args=(checker, tasks, results), daemon=True)
                 for _ in range(min(workers, len(work)))]
    for process in processes:  # before any queue starts its feeder thread: forking copies no thread
        process.start()
    try:
        for index, chunk in enumerate(work):
            tasks.put((index, chunk))
        for _ in processes:
            tasks.put(None)
        done: dict[int, list[FileOutcome | None]] = {}
        for index in range(len(work)):
            while index not in done:
                done.update([_next_result(results, processes)])
            for outcome in done.pop(index):
                yield CLEAN if outcome is None else outcome
    except BaseException:  # interrupted (Ctrl-C, SIGTERM), a failed worker, or the caller stopped early
        for process in processes:
            if process.is_alive():
                process.terminate()
        raise
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()
        tasks.close()
        results.close()


def _next_result(results: Any, processes: Sequence[Any]) -> tuple[int, list[FileOutcome | None]]:
    while True:
        try:
            index, outcomes = results.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            failed = [p for p in processes if p.exitcode not in (None, 0)]
            if failed or not any(p.is_alive() for p in processes):
                code = failed[0].exitcode if failed else 0
                raise RuntimeError(f"a worker process ended unexpectedly (exit code {code})") from None
            continue
        if isinstance(outcomes, str):  # the worker's own error, already described
            raise RuntimeError(outcomes)
        return index, outcomes


def _serve(checker: FileChecker, tasks: Any, results: Any) -> None:
    """A worker's whole life: check chunks until the `None` that says stop."""
    _end_with_parent()
    try:
        for index, chunk in iter(tasks.get, None):
            results.put((index, checker.check_chunk(chunk)))
    except KeyboardInterrupt:  # the main process is interrupted too, and reports it
        pass
    except BaseException as exc:  # sent to the main process, which ends the run with it
        results.put((-1, f"a worker process failed: {type(exc).__name__}: {exc}"))


def _end_with_parent() -> None:
    """In a worker: SIGTERM ends it at once (not the main process's handler, inherited by forking),
    and on Linux the kernel sends it SIGTERM if the main process dies, however it dies, so no worker
    outlives a run holding its standard output open (a CI step would hang on it)."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        parent = multiprocessing.parent_process()
        if parent is not None and os.getppid() != parent.pid:  # it died before the line above
            os._exit(1)
