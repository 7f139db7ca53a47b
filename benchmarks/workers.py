"""What a worker process costs against what a file costs: the numbers behind
``parallel.MIN_FILES_PER_WORKER``.

Run inside a repository (a generated one, or a copy of the content repo). Measured in this
process, each the median of a few repetitions:

- the cost of checking one file (``engine.check_file`` over the repository's files, serially);
- the cost of starting a worker: a pool of one forked worker started, handed the first file
  and shut down, as ``parallel.map_files`` does it, less the cost of that file: measured in a
  fresh interpreter each time, because a worker forked before any file was checked compiles
  the schemas and reads the label folders itself;
- the cost of bringing one file's outcome back from a worker (pickling it there and unpickling
  it here), which the main process pays for every file.

With ``w`` workers on ``n`` files the run takes about ``w*start + n*cost/w + n*transfer``
against ``n*cost`` in one process; workers pay off above ``start / (cost*(1 - 1/w) -
transfer)`` files per worker. The script prints that break-even and the threshold in force.

Usage: ``python benchmarks/workers.py [--repeats 5]`` (inside the repository).
"""

from __future__ import annotations

import argparse
import multiprocessing
import pickle
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from vereistenlint import config, discover, engine, labels, parallel
from vereistenlint.options import Options


def _setup() -> tuple[list[discover.Target], partial[engine.Outcome]]:
    conf = config.discover_config()
    if conf is None:
        sys.exit("no configuration found here: run inside a content repository")
    files = discover.repo_files(conf)
    options = Options(config=conf, jobs=1)
    vocabularies = labels.vocabularies(conf.labels)
    return files, partial(engine.check_file, options=options, vocabularies=vocabularies)


def _first(work: partial[engine.Outcome], target: discover.Target) -> engine.Outcome:
    return work(*target)


def cold_worker() -> float:
    """In a fresh interpreter: a forked worker's first file, start-up and shut-down included."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import workers; "
        "print(workers._cold_worker_here())"
    )
    here = str(Path(__file__).resolve().parent)
    out = subprocess.run([sys.executable, "-c", code, here], capture_output=True, text=True)
    return float(out.stdout.strip())


def _cold_worker_here() -> float:
    files, work = _setup()
    start = time.perf_counter()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        list(pool.map(partial(_first, work), files[:1]))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    files, work = _setup()
    outcomes = [work(p, d) for p, d in files]  # warm: schemas compiled, vocabularies read
    costs, transfers, starts = [], [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for path, display in files:
            work(path, display)
        costs.append((time.perf_counter() - start) / len(files))
        start = time.perf_counter()
        for outcome in outcomes:
            pickle.loads(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
        transfers.append((time.perf_counter() - start) / len(files))
        starts.append(cold_worker())
    cost, transfer, cold = (statistics.median(v) for v in (costs, transfers, starts))
    begin = cold - cost
    print(f"files: {len(files)} in {Path.cwd()}")
    print(f"check one file: {cost * 1000:.2f} ms")
    print(f"bring one outcome back from a worker: {transfer * 1000:.3f} ms")
    print(f"start a worker: {begin * 1000:.1f} ms")
    for workers in (2, 4):
        gain = cost * (1 - 1 / workers) - transfer
        even = begin / gain if gain > 0 else float("inf")
        print(f"{workers} workers pay off above {even:.0f} files per worker")
    print(f"threshold in force: {parallel.MIN_FILES_PER_WORKER} files per worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
