"""Speed and memory benchmark of vereistenlint: one command that prints every figure with its target.

Not a timed test: timings depend on the machine and on what else runs on it, so they are
measured here and recorded in the README with the machine they ran on, instead of failing a
build at random. Every figure comes from a fresh interpreter started as a subprocess, timed by
wall clock from outside, because that is what an editor or a CI job waits for: interpreter
start-up and imports included. Each run is repeated and the best (shortest) run is reported,
with the median next to it; ratios are taken between best runs. A run during which other
processes used the CPU is counted as disturbed.

What is measured, on a synthetic repo written by generate.py (10,000 files by default):

- the parse floor (floor.py): read every file, YAML with the C loader, Markdown tokenized;
- ``vereistenlint check --jobs 1`` and ``--jobs 2`` over the repo (its vereistenlint.toml);
- peak memory of both, the workers of ``--jobs 2`` included;
- one file, as pre-commit checks it, against an interpreter that only imports the dependencies;
- the real 2026-06 corpus against its own parse floor (skipped when the corpus is absent);
- that the JSON output of ``--jobs 1``, ``2`` and ``4`` is byte for byte the same.

Usage: ``python benchmarks/run.py [--files N] [--repeats R] [--quick] [--keep DIR] [--corpus DIR]
[--max-wait SECONDS]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402 - a sibling script, not an installed module

PY = sys.executable
CHECK = [PY, "-m", "vereistenlint", "check", "--format", "json"]
#: what vereistenlint imports at start-up from outside the standard library (and tomllib)
DEPENDENCIES = (
    "import click, jsonschema, yaml, markdown_it, wcmatch.glob, tomllib; "
    "from referencing import Registry"
)
FOLDERS = ("docs/vereisten", "docs/vereisten-2024", "docs/maatregelen")
#: the real content repo, where the tests find it: ../shared/corpus beside the checkout
CORPUS = (
    HERE.parent.parent / "shared/corpus/algoritmekader-2026-06/docs/voldoen-aan-wetten-en-regels"
)
MB = 1024 * 1024

# targets, from the issue
FLOOR_RATIO = 2.0
SPEEDUP = 1.7
MEMORY_MB = 300.0
STARTUP_RATIO = 1.3
CORPUS_RATIO = 1.5


# -- running ------------------------------------------------------------------------------------
#: bytecode cache of the children, outside the source tree (set by `main`)
PYCACHE: list[str] = []


def clean_env() -> dict[str, str]:
    """The environment of every child.

    No CI variables (they would change the output format), and compiled bytecode kept in a
    cache folder of this run: an installed vereistenlint has its .pyc files, but a checkout
    run with PYTHONDONTWRITEBYTECODE would compile every module of it at each start and
    measure the compiler instead of the linter. The cache lives outside the source tree.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(LC_ALL="C.UTF-8", NO_COLOR="1")
    if PYCACHE:
        env["PYTHONPYCACHEPREFIX"] = PYCACHE[0]
    return env


def load_average() -> str:
    """Other work on the machine skews every timing; the load average shows whether there was any."""
    try:
        with open("/proc/loadavg") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return "unknown"


@dataclass
class Run:
    seconds: float
    stdout: bytes = b""
    #: CPU seconds that other processes of the machine used while this run went on
    others: float = 0.0
    #: CPU seconds of the command itself, its workers included
    own: float = 0.0
    #: memory, filled only by `measure_memory`
    peak_sum_mb: float = 0.0  # sum over processes of each one's RSS high-water mark
    peak_live_mb: float = 0.0  # highest sum of RSS seen at one moment
    maxrss_mb: float = 0.0  # largest single process (wait4's ru_maxrss)
    processes: int = 0

    @property
    def disturbed(self) -> bool:
        """Others used a tenth of a CPU or more while the CPUs were all taken.

        A single-process run on two CPUs leaves one free, so a little other work does not
        slow it; the same work during a ``--jobs 2`` run does.
        """
        if self.others < max(0.05, 0.1 * self.seconds):
            return False
        cpus = os.cpu_count() or 1
        return self.own + self.others > (cpus - 0.5) * self.seconds


def busy_seconds() -> float:
    """CPU time the whole machine has spent busy (all CPUs, steal included), from /proc/stat."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(v) for v in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


#: longest wait for a quiet machine before each timed run (seconds; 0: do not wait)
QUIET_WAIT: list[float] = [120.0]


def wait_quiet() -> None:
    """Wait, up to QUIET_WAIT, until other processes use less than a tenth of a CPU.

    Other developers' test runs share this machine's CPUs; a timing taken meanwhile says
    more about them than about vereistenlint.
    """
    deadline = time.monotonic() + QUIET_WAIT[0]
    while time.monotonic() < deadline:
        busy = busy_seconds()
        time.sleep(0.5)
        if busy_seconds() - busy < 0.05:
            return
        time.sleep(1.5)


def run(cmd: Sequence[str], cwd: Path) -> Run:
    """One timed run; exit codes 0 and 1 (findings) are success, anything else stops the run.

    The machine's busy time before and after, less the CPU time of the command and its
    workers, tells how much other processes ran meanwhile: a run they disturbed is marked.
    """
    wait_quiet()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy = busy_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=clean_env(), stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        own = usage.ru_utime + usage.ru_stime
        others = max(0.0, busy_seconds() - busy - own)
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in (0, 1):
            sys.exit(f"failed ({code}): {' '.join(cmd)}\n{err.read().decode()}")
        return Run(seconds, out.read(), others=others, own=own)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
    except OSError:
        pass  # the process ended between two reads
    return found


def _status_kb(pid: int) -> tuple[int, int] | None:
    """(VmHWM, VmRSS) in KB of a live process, None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            fields = dict(line.split(":", 1) for line in handle if line.startswith("Vm"))
        return int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


def measure_memory(cmd: Sequence[str], cwd: Path, interval: float = 0.005) -> Run:
    """Peak memory of a command and all its worker processes.

    A child's own ru_maxrss counts one process; with ``--jobs 2`` the workers hold memory
    at the same time as the main process, so the process tree is sampled from /proc every
    few milliseconds: each process's high-water mark (VmHWM never decreases, so the last
    sample is close to the final peak) is summed, which over-counts pages that forked
    workers share with their parent and is therefore an upper bound.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    hwm: dict[int, int] = {}
    live_peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree, live = [proc.pid], 0
        while tree:
            current = tree.pop()
            sample = _status_kb(current)
            if sample is not None:
                hwm[current] = max(hwm.get(current, 0), sample[0])
                live += sample[1]
            tree.extend(_children(current))
        live_peak = max(live_peak, live)
        time.sleep(interval)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    maxrss = usage.ru_maxrss / 1024  # KB on Linux
    if len(hwm) <= 1:  # one process: wait4's figure is its exact high-water mark
        hwm[proc.pid] = max(hwm.get(proc.pid, 0), usage.ru_maxrss)
    return Run(
        seconds,
        peak_sum_mb=sum(hwm.values()) / 1024,
        peak_live_mb=live_peak / 1024,
        maxrss_mb=maxrss,
        processes=len(hwm),
    )


CONTENT_CONFIG = """\
include = ["docs/{folder}/**/*.md"]

[profiles]
"docs/{folder}/vereisten/*.md" = "vereiste"
"docs/{folder}/maatregelen/*.md" = "maatregel"
"""
CONTENT_LABELS = {
    "levenscyclus": ("levenscyclus", ["over-de-levenscyclus"]),
    "onderwerp": ("onderwerpen", []),
    "rollen": ("rollen", []),
}


def linked_content_repo(corpus: Path, into: Path) -> Path:
    """The corpus as a content repo with a vereistenlint.toml, for the pre-commit case.

    The corpus is read-only data and nothing is copied out of it: each Markdown file is
    linked into a temporary tree (file links; vereistenlint does not follow folder links)
    with the configuration a content repo would have, label folders included.
    """
    docs = corpus.parent
    for source in docs.rglob("*.md"):
        target = into / "docs" / source.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(source)
    text = CONTENT_CONFIG.format(folder=corpus.name)
    for label, (folder, not_labels) in CONTENT_LABELS.items():
        if (docs / folder).is_dir():
            text += f'\n[labels.{label}]\nfolder = "docs/{folder}"\n'
            text += f"not-labels = {json.dumps(not_labels)}\n" if not_labels else ""
    (into / "vereistenlint.toml").write_text(text)
    return into


@dataclass
class Series:
    """Repeated timings of one command.

    The figure is the best (shortest) run: on a shared machine other work can only add
    time, never take it away, so the minimum is the closest to what the command costs. The
    median and the number of runs that other processes disturbed are shown next to it.
    """

    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    def describe(self) -> str:
        disturbed = sum(r.disturbed for r in self.runs)
        note = f"; {disturbed} disturbed" if disturbed else ""
        if len(self.runs) == 1:
            return f"{self.best:.2f} s (1 run{note})"
        return f"{self.best:.2f} s (best of {len(self.runs)}; median {self.median:.2f}{note})"


def one_in_repo(root: Path, target: Path, times: int) -> list[tuple[str, Series]]:
    """One file checked inside a repo with a configuration, as pre-commit checks it.

    The repository-wide rules then need every other file of the repository too. Where
    vereistenlint keeps an index cache (``--no-cache`` turns it off), both are measured:
    every file read, as on the first run, and the cache filled by an earlier run.
    """
    name = str(target.relative_to(root))
    if (
        "--no-cache"
        not in subprocess.run(
            [*CHECK[:4], "--help"], capture_output=True, text=True, env=clean_env(), check=False
        ).stdout
    ):
        return [("", repeat([*CHECK, name], root, times))]
    cold = repeat([*CHECK, "--no-cache", name], root, times)
    run([*CHECK, name], root)  # fills the cache
    warm = repeat([*CHECK, name], root, times)
    return [(", every file read (--no-cache)", cold), (", index cache filled", warm)]


def repeat(cmd: Sequence[str], cwd: Path, times: int) -> Series:
    """`times` runs, plus up to as many again while runs are disturbed."""
    series = Series()
    while len(series.runs) < 2 * times:
        series.runs.append(run(cmd, cwd))
        if sum(not r.disturbed for r in series.runs) >= times:
            break
    return series


# -- the machine --------------------------------------------------------------------------------
def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next(
                line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")
            )
    except (OSError, StopIteration):
        cpu = platform.processor() or cpu
    ram = "?"
    try:
        with open("/proc/meminfo") as handle:
            kb = next(int(line.split()[1]) for line in handle if line.startswith("MemTotal"))
        ram = f"{kb / MB:.1f} GB"
    except (OSError, StopIteration):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("vereistenlint", "PyYAML", "markdown-it-py", "jsonschema", "click", "wcmatch")
    )
    import yaml

    libyaml = "with libyaml" if hasattr(yaml, "CSafeLoader") else "WITHOUT libyaml"
    return [
        f"CPU: {cpu}, {os.cpu_count()} logical CPUs ({usable} usable)",
        f"RAM: {ram}",
        f"OS: {platform.platform()}",
        f"Python: {platform.python_implementation()} {platform.python_version()}",
        f"Packages: {versions} ({libyaml})",
    ]


# -- judging ------------------------------------------------------------------------------------
@dataclass
class Row:
    figure: str
    measured: str
    target: str
    verdict: str


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%" if share < 0.1 else f"{share * 100:.0f}%"


def at_most(value: float, limit: float, unit: str = "x") -> str:
    if value <= limit:
        return "pass"
    return f"MISS by {_percent(value / limit - 1)} ({value:.2f}{unit} > {limit:g}{unit})"


def at_least(value: float, limit: float, unit: str = "x") -> str:
    if value >= limit:
        return "pass"
    return f"MISS by {_percent(1 - value / limit)} ({value:.2f}{unit} < {limit:g}{unit})"


def table(rows: list[Row]) -> str:
    lines = ["| figure | measured | target | verdict |", "|---|---|---|---|"]
    lines += [f"| {r.figure} | {r.measured} | {r.target} | {r.verdict} |" for r in rows]
    return "\n".join(lines)


def say(text: str) -> None:
    print(text, flush=True)


# -- the benchmark ------------------------------------------------------------------------------
def benchmark(args: argparse.Namespace, repo: Path) -> list[Row]:
    rows: list[Row] = []
    files = args.files
    n = f"{files:,}"
    floor_cmd = [PY, str(HERE / "floor.py"), *FOLDERS]
    j1_cmd, j2_cmd = [*CHECK, "--jobs", "1"], [*CHECK, "--jobs", "2"]

    # one small run of each kind first: the bytecode cache is filled before anything is timed
    one = sorted((repo / "docs" / "vereisten").glob("*-*.md"))[0]
    run([PY, str(HERE / "floor.py"), str(one)], repo)
    run([*CHECK, str(one)], repo)
    run([PY, "-c", DEPENDENCIES], repo)

    # (a)-(c) interleaved, so that a slow moment of the machine touches all three alike
    say(f"\n[speed] {n} files, {args.repeats} run(s) each of: floor, --jobs 1, --jobs 2")
    floor, jobs1, jobs2 = Series(), Series(), Series()
    for i in range(2 * args.repeats):  # extra rounds only while runs are disturbed
        if i >= args.repeats and all(
            sum(not r.disturbed for r in s.runs) >= args.repeats for s in (floor, jobs1, jobs2)
        ):
            break
        floor.runs.append(run(floor_cmd, repo))
        jobs1.runs.append(run(j1_cmd, repo))
        jobs2.runs.append(run(j2_cmd, repo))
        say(
            f"  run {i + 1}: "
            + ", ".join(
                f"{name} {s.runs[-1].seconds:.2f} s"
                + (" (disturbed)" if s.runs[-1].disturbed else "")
                for name, s in (("floor", floor), ("--jobs 1", jobs1), ("--jobs 2", jobs2))
            )
        )
    inside = json.loads(floor.runs[0].stdout)
    say(
        f"  floor inside the process: imports {inside['import_seconds']:.2f} s, "
        f"parsing {inside['parse_seconds']:.2f} s ({inside['files']} files, "
        f"{inside['bytes'] / MB:.1f} MB)"
    )
    ratio = jobs1.best / floor.best
    speedup = jobs1.best / jobs2.best
    rows += [
        Row(f"parse floor, {n} files", floor.describe(), "(reference)", ""),
        Row(f"check --jobs 1, {n} files", jobs1.describe(), "", ""),
        Row(
            "check --jobs 1 / parse floor",
            f"{ratio:.2f}x",
            f"≤ {FLOOR_RATIO:g}x",
            at_most(ratio, FLOOR_RATIO),
        ),
        Row(f"check --jobs 2, {n} files", jobs2.describe(), "", ""),
        Row(
            "speed-up --jobs 2 over --jobs 1",
            f"{speedup:.2f}x",
            f"≥ {SPEEDUP:g}x",
            at_least(speedup, SPEEDUP),
        ),
    ]

    # (d) memory, in runs of its own: sampling /proc must not disturb the timings above
    say("\n[memory] peak RSS of --jobs 1 and --jobs 2 (workers included)")
    for jobs, cmd in ((1, j1_cmd), (2, j2_cmd)):
        mem = measure_memory(cmd, repo)
        say(
            f"  --jobs {jobs}: {mem.processes} process(es), sum of high-water marks "
            f"{mem.peak_sum_mb:.0f} MB, highest simultaneous {mem.peak_live_mb:.0f} MB, "
            f"largest single process {mem.maxrss_mb:.0f} MB"
        )
        rows.append(
            Row(
                f"peak memory, --jobs {jobs}, {n} files"
                + (" (main + workers)" if jobs > 1 else ""),
                f"{mem.peak_sum_mb:.0f} MB",
                f"< {MEMORY_MB:g} MB",
                at_most(mem.peak_sum_mb, MEMORY_MB, " MB"),
            )
        )

    # (e) the pre-commit case: one file, start-up dominated
    say(f"\n[one file] {args.startup_repeats} runs each")
    outside = Path(tempfile.mkdtemp(prefix="vl-noconfig-"))
    times = args.startup_repeats
    try:
        imports = repeat([PY, "-c", DEPENDENCIES], outside, times)
        bare = repeat([PY, "-c", "pass"], outside, times)
        single = repeat([*CHECK, str(one)], outside, times)
        in_repos = [(f"the {n}-file repo", files, one_in_repo(repo, one, times))]
        if args.corpus.is_dir():
            linked = linked_content_repo(args.corpus, outside / "inhoud")
            first = sorted(linked.glob(f"docs/{args.corpus.name}/vereisten/*-*.md"))[0]
            count = sum(1 for p in args.corpus.rglob("*.md") if p.name != "index.md")
            in_repos.insert(
                0, ("the 2026-06 content repo", count, one_in_repo(linked, first, times))
            )
    finally:
        shutil.rmtree(outside)
    say(f"  bare interpreter: {bare.describe()}")
    say(f"  import the dependencies: {imports.describe()}")
    say(f"  check one file (no configuration): {single.describe()}")
    for where, _, variants in in_repos:
        for how, series in variants:
            say(f"  check one file in {where} (its configuration{how}): {series.describe()}")

    def versus_imports(figure: str, series: Series) -> Row:
        ratio = series.best / imports.best
        return Row(
            figure,
            f"{ratio:.2f}x ({series.best:.2f} s)",
            f"≤ {STARTUP_RATIO:g}x",
            at_most(ratio, STARTUP_RATIO),
        )

    rows += [
        Row("import the dependencies (fresh interpreter)", imports.describe(), "(reference)", ""),
        Row("check one file, no configuration", single.describe(), "", ""),
        versus_imports("check one file, no configuration / imports", single),
    ]
    for where, count, variants in in_repos:
        for how, series in variants:
            rows.append(
                versus_imports(
                    f"check one file in {where} with its configuration{how} (pre-commit; the "
                    f"repository-wide rules see all {count:,} files) / imports",
                    series,
                )
            )

    # (f) the real corpus
    corpus = args.corpus
    if corpus.is_dir():
        say(f"\n[corpus] {corpus}, {args.corpus_repeats} runs each")
        elsewhere = Path(tempfile.mkdtemp(prefix="vl-corpus-"))
        try:
            c_floor = repeat(
                [PY, str(HERE / "floor.py"), str(corpus)], elsewhere, args.corpus_repeats
            )
            c_check = repeat([*CHECK, str(corpus)], elsewhere, args.corpus_repeats)
        finally:
            shutil.rmtree(elsewhere)
        count = json.loads(c_floor.runs[0].stdout)["files"]
        c_ratio = c_check.best / c_floor.best
        say(f"  floor: {c_floor.describe()}; check: {c_check.describe()}")
        rows += [
            Row(
                f"2026-06 corpus ({count} files): parse floor",
                c_floor.describe(),
                "(reference)",
                "",
            ),
            Row("2026-06 corpus: check", c_check.describe(), "", ""),
            Row(
                "2026-06 corpus: check / parse floor",
                f"{c_ratio:.2f}x",
                f"≤ {CORPUS_RATIO:g}x",
                at_most(c_ratio, CORPUS_RATIO),
            ),
        ]
    else:
        say(f"\n[corpus] {corpus} not found: skipped")
        rows.append(Row("2026-06 corpus: check / parse floor", "skipped (no corpus)", "≤ 1.5x", ""))

    # (g) the same output for any number of workers
    say("\n[identity] JSON output of --jobs 1, 2 and 4")
    jobs4 = run([*CHECK, "--jobs", "4"], repo)
    outputs = {1: jobs1.runs[0].stdout, 2: jobs2.runs[0].stdout, 4: jobs4.stdout}
    same = len(set(outputs.values())) == 1
    findings = len(json.loads(outputs[1]))
    say(
        f"  {findings} findings; "
        + ", ".join(f"--jobs {j}: {len(o):,} bytes" for j, o in outputs.items())
    )
    rows.append(
        Row(
            "JSON output of --jobs 1, 2, 4",
            f"{'identical' if same else 'DIFFERENT'} ({findings} findings)",
            "identical",
            "OK" if same else "DIFFERENT",
        )
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=generate.DEFAULT_FILES)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each big check")
    parser.add_argument("--quick", action="store_true", help="1,000 files, one run each")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the 2026-06 folder to check")
    parser.add_argument("--keep", type=Path, help="generate the repo here and keep it")
    parser.add_argument(
        "--max-wait",
        type=float,
        default=QUIET_WAIT[0],
        help="seconds to wait for a quiet machine before each run (0: never wait)",
    )
    args = parser.parse_args(argv)
    args.startup_repeats, args.corpus_repeats = 10, 5
    QUIET_WAIT[0] = args.max_wait
    if args.quick:
        if "--files" not in (argv if argv is not None else sys.argv[1:]):
            args.files = 1000
        args.repeats, args.startup_repeats, args.corpus_repeats = 1, 3, 2

    say("vereistenlint benchmark")
    for line in machine():
        say(f"  {line}")
    say(f"  load average before: {load_average()}")
    repo = args.keep or Path(tempfile.mkdtemp(prefix="vl-bench-"))
    PYCACHE.append(tempfile.mkdtemp(prefix="vl-pycache-"))
    try:
        start = time.perf_counter()
        plan = generate.generate(repo, args.files, args.seed)
        say(
            f"\ngenerated {args.files:,} files ({sum(plan.defects.values())} with a defect) "
            f"in {repo} in {time.perf_counter() - start:.1f} s"
        )
        rows = benchmark(args, repo)
    finally:
        shutil.rmtree(PYCACHE[0], ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(repo, ignore_errors=True)
    say(f"\nload average after: {load_average()} (1, 5, 15 min; {os.cpu_count()} CPUs)")
    say("\n" + table(rows))
    missed = [r for r in rows if r.verdict.startswith(("MISS", "DIFFERENT"))]
    say(f"\n{len(missed)} target(s) missed." if missed else "\nEvery target met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
