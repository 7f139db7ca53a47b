"""How many workers a run gets: never more than pay for their start-up (parallel.py's
threshold, measured by benchmarks/workers.py), and by default none on CPUs already busy; the
output is the same for any number of them."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from vereistenlint import config, engine, parallel
from vereistenlint.options import Options

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # the benchmark generator, a script beside the tests

PER = parallel.MIN_FILES_PER_WORKER


@pytest.mark.parametrize(
    ("jobs", "files", "expected"),
    [
        (2, 0, 1),
        (2, 2 * PER - 1, 1),
        (2, 2 * PER, 2),
        (4, 3 * PER, 3),
        (1, 100 * PER, 1),
        (8, 10_000, 8),
    ],
)
def test_workers_only_where_they_pay(jobs: int, files: int, expected: int) -> None:
    assert parallel.workers(jobs, files) == expected


@pytest.mark.parametrize(("load", "expected"), [(0.0, 2), (1.0, 2), (1.6, 1), (6.0, 1)])
def test_default_workers_leave_busy_cpus_alone(
    monkeypatch: pytest.MonkeyPatch, load: float, expected: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert parallel.free_cpus() == expected
    assert parallel.workers(None, 10_000) == expected


def test_chunks_cover_every_file_once_in_order() -> None:
    for count, procs in [(0, 2), (1, 2), (5, 2), (171, 2), (10_000, 2), (10_001, 3)]:
        parts = parallel.chunks(count, procs)
        assert [i for start, stop in parts for i in range(start, stop)] == list(range(count))
        assert all(stop - start <= parallel.MAX_CHUNK for start, stop in parts)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "site"
    generate.generate(root, 3 * PER + 40, seed=3, config=True)
    return root


@pytest.mark.parametrize("cache", [False, True])
def test_the_output_is_the_same_for_any_number_of_workers(
    generated: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """--jobs 1, 2 and 4 (a forked worker and this process; three and this process), with
    the link stage's outlines made in the workers, give the same result byte for byte."""
    monkeypatch.chdir(generated)
    conf = config.discover_config()
    assert conf is not None
    runs = []
    for jobs in (1, 2, 4, 1):
        result = engine.run_check([], Options(config=conf, jobs=jobs, cache=cache))
        runs.append((result.diagnostics, result.files))
    assert parallel.workers(4, len(runs[0][1])) >= 3
    assert all(run == runs[0] for run in runs)
    assert any(d.code.startswith("VL6") for d in runs[0][0])  # the link rules took part


def _where(path: Path, display: str) -> tuple[str, int]:
    time.sleep(0.001)  # a file takes a while: the worker gets its share (nothing is timed)
    return display, os.getpid()


def test_map_files_keeps_the_input_order_and_shares_the_work() -> None:
    files = [(Path(f"f{i}.md"), f"f{i}.md") for i in range(4 * PER)]
    found = list(parallel.map_files(_where, files, 2))
    assert [display for display, _ in found] == [display for _, display in files]
    pids = {pid for _, pid in found}
    assert os.getpid() in pids and len(pids) == 2  # this process and one forked worker


def test_handing_freed_memory_back_before_the_fork_is_harmless() -> None:
    """`_trim` (glibc's malloc_trim, nothing elsewhere) changes no object, only how much
    freed memory a forked worker inherits."""
    kept = [str(i) * 100 for i in range(10_000)]
    del kept[::2]
    parallel._trim()
    assert kept[0] == "1" * 100 and len(kept) == 5_000
