"""Check files in worker processes when there are enough of them to pay for the workers.

The pre-commit case (a handful of files) stays in this process: starting workers would cost
more than checking. Results come back in input order, so the output is the same for any
number of workers.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: Below this many files per worker, one process is faster than several. Measured with
#: benchmarks/workers.py on a 2-CPU machine (the content repo and a generated repo): a file
#: costs 1.2-2.1 ms, a forked worker 15-27 ms to start (it compiles the schemas and reads the
#: label folders itself) and 0.02-0.03 ms per file to bring its outcome back, so two workers
#: pay off above about 27 files each when the second CPU is free. The threshold is more than
#: twice that, so that a second CPU half taken by other work still leaves a gain.
MIN_FILES_PER_WORKER = 64


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


def map_files(
    fn: Callable[[Path, str], T], files: Sequence[tuple[Path, str]], jobs: int | None
) -> Iterator[T]:
    count = workers(jobs, len(files))
    if count == 1:
        for path, display in files:
            yield fn(path, display)
        return
    import multiprocessing  # only here: the one-file case should not pay for importing them
    from concurrent.futures import ProcessPoolExecutor

    # fork is cheapest and safe while this process runs no other thread
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    chunk = max(1, len(files) // (count * 8))
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context(method)) as pool:
        yield from pool.map(_call, [(fn, p, d) for p, d in files], chunksize=chunk)


def _call(args: tuple[Callable[[Path, str], T], Path, str]) -> T:
    fn, path, display = args
    return fn(path, display)
