"""How many workers a run gets: never more than pay for their start-up (parallel.py's
threshold, measured by benchmarks/workers.py), and by default none on CPUs already busy."""

from __future__ import annotations

import os

import pytest

from vereistenlint import parallel

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
