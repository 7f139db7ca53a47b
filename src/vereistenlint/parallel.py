"""Check files in worker processes when there are enough of them to pay for the workers.

The pre-commit case (a handful of files) stays in this process: starting workers would cost
more than checking. With N workers, N - 1 processes are forked and this process is the N-th:
it would otherwise only wait, and what it checks itself is never pickled. The files are cut
into small chunks, handed out in order; this process takes its chunks from the end (a chunk
no worker has started yet), so all finish within about one chunk of each other. The first
file is checked before the fork, so that the workers inherit what a first check sets up (the
compiled schemas, the parsers), and the objects made so far are frozen out of the garbage
collector's reach (`gc.freeze`), so that a worker's collections neither scan nor copy them;
a forked worker finds the function and the files in `_WORK`, so a task is two numbers.
Results come back in input order, so the output is the same for any number of workers.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Below this many files per worker, one process is faster than several. Measured on a 2-CPU
#: machine after this process became one of the N (December 2026, the content repo and a
#: generated repo, fresh interpreters, medians of 5-9): a file costs 1.4-2.1 ms; going parallel
#: costs 18-25 ms once (importing multiprocessing and the pool, the fork, the shut-down: the
#: worker inherits the warm checker and compiles nothing), and 0.04 ms per file a worker checks
#: (its outcome pickled there and unpickled here). With the second CPU free, two processes pay
#: off above about 11 files each (20 ms / (1.9 / 2 - 0.04) ms = 22 files in all); with it
#: half taken, above about 16. Measured with both CPUs taken by other work, two processes were
#: slower even at 171 files (1.39x): the default leaves out CPUs the load average shows busy
#: (`free_cpus`). The threshold keeps a fourfold margin over the free-CPU break-even.
MIN_FILES_PER_WORKER = 64
#: A chunk is at most this many files (about a tenth of a second of checking): the most that
#: one process can be left working on alone at the end.
MAX_CHUNK = 64


def workers(jobs: int | None, files: int) -> int:
    wanted = jobs if jobs is not None else free_cpus()
    return max(1, min(wanted, files // MIN_FILES_PER_WORKER))


def free_cpus() -> int:
    """The default number of workers: the CPUs this process may use that other work does not
    already keep busy (by the one-minute load average, of which this process is one).

    A worker on a CPU that is taken only adds its start-up to the run.
    """
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - no load average on this system
        return usable
    return max(1, min(usable, int(usable - load + 1.5)))


def chunks(count: int, workers: int) -> list[tuple[int, int]]:
    """(start, stop) of each chunk of `count` files shared by `workers` processes: at least
    sixteen per process, so that the last ones are small against the whole."""
    size = max(1, min(MAX_CHUNK, count // (workers * 16)))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def map_files(
    fn: Callable[[Path, str], T], files: Sequence[tuple[Path, str]], jobs: int | None
) -> Iterator[T]:
    count = workers(jobs, len(files))
    if count == 1:
        for path, display in files:
            yield fn(path, display)
        return
    yield from _shared(fn, files, count)


def _shared(fn: Callable[[Path, str], T], files: Sequence[tuple[Path, str]], count: int) -> list[T]:
    import multiprocessing  # only here: the one-file case should not pay for importing them
    from concurrent.futures import Future, ProcessPoolExecutor

    first = fn(*files[0])
    rest = files[1:]
    parts = chunks(len(rest), count)
    # fork is cheapest and safe while this process runs no other thread
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    results: list[list[T] | None] = [None] * len(parts)
    key = id(rest)
    _WORK[key] = (fn, rest)  # a forked worker finds it here: no task carries more than numbers
    gc.freeze()  # the workers are forked at the first submit
    if method == "fork":
        _trim()
    pool = ProcessPoolExecutor(count - 1, mp_context=multiprocessing.get_context(method))
    try:
        futures: list[Future[list[T]]] = [
            pool.submit(_forked_chunk, key, start, stop)
            if method == "fork"
            else pool.submit(_chunk, fn, rest[start:stop])
            for start, stop in parts
        ]
        gc.unfreeze()
        for k in range(len(parts) - 1, -1, -1):
            if futures[k].cancel():  # no worker has started it: this process checks it
                start, stop = parts[k]
                results[k] = _chunk(fn, rest[start:stop])
        for k, future in enumerate(futures):
            if results[k] is None:
                results[k] = future.result()
    finally:
        gc.unfreeze()
        pool.shutdown(wait=True, cancel_futures=True)
        del _WORK[key]
    found = [first]
    for part in results:
        assert part is not None
        found.extend(part)
    return found


def _trim() -> None:
    """Hand the memory this process has freed back to the system before it forks: a forked
    worker's resident set starts as this process's, so what the C library keeps for reuse
    (reading the site cache leaves some 15 MB of it at 30,000 pages) would count in every
    worker. glibc's `malloc_trim`, where there is one (elsewhere nothing is done); about a
    millisecond."""
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return
    trim(0)


#: the function and files of the runs under way, by key: what forked workers inherit
_WORK: dict[int, tuple[Callable[[Path, str], Any], Sequence[tuple[Path, str]]]] = {}


def _forked_chunk(key: int, start: int, stop: int) -> list[Any]:
    fn, files = _WORK[key]
    return _chunk(fn, files[start:stop])


def _chunk(fn: Callable[[Path, str], T], files: Sequence[tuple[Path, str]]) -> list[T]:
    return [fn(path, display) for path, display in files]
