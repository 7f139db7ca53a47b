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

#: Below this many files per worker, one process is faster than several.
MIN_FILES_PER_WORKER = 32


def workers(jobs: int | None, files: int) -> int:
    wanted = jobs if jobs is not None else (os.cpu_count() or 1)
    return max(1, min(wanted, files // MIN_FILES_PER_WORKER))


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
