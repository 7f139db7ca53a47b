"""Where the time of one ``vereistenlint check --jobs 1`` goes, stage by stage.

A deterministic profiler (cProfile) slows markdown-it-py, which makes millions of small calls,
far more than the rest, so its percentages overstate the Markdown share; a sampling profiler
is not a dependency of the project. This script instead wraps some twenty functions of
vereistenlint at the places the engine looks them up, times each call with a clock, and
reports per stage the calls, the cumulative time and the own time (cumulative minus the
wrapped stages called inside it). The run is the real command line, in this process, on the
repo in the current folder; the overhead is a microsecond or so per wrapped call.

With ``--cprofile N`` it instead runs the command under cProfile and prints the top N functions
by cumulative and by own time, for detail inside a stage.

Usage (inside a repo written by generate.py):
``python benchmarks/breakdown.py [--jobs 1] [--cprofile 25] [PATH...]``.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402 - the imports below are part of the start-up that is timed
import contextlib  # noqa: E402
import cProfile  # noqa: E402
import difflib  # noqa: E402
import functools  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from typing import Any  # noqa: E402

from vereistenlint import (  # noqa: E402
    checks,
    cli,
    config,
    decide,
    discover,
    document,
    engine,
    index,
    labels,
    yamlpos,
)
from vereistenlint.rules import Registered  # noqa: E402
from vereistenlint.rules import schema as schema_rules  # noqa: E402

IMPORTED = time.perf_counter()


@dataclass
class Stage:
    calls: int = 0
    cumulative: float = 0.0
    own: float = 0.0
    active: int = 0  # recursion depth: only the outermost call adds to `cumulative`


STAGES: dict[str, Stage] = {}
_stack: list[float] = []  # time spent in wrapped callees of each open call


def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    stage = STAGES.setdefault(name, Stage())

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        stage.calls += 1
        stage.active += 1
        _stack.append(0.0)
        start = time.perf_counter()
        try:
            result = fn(*args, **kwargs)
            if hasattr(result, "__next__"):  # a generator: its work happens while consumed
                result = list(result)
            return result
        finally:
            elapsed = time.perf_counter() - start
            inner = _stack.pop()
            stage.own += elapsed - inner
            stage.active -= 1
            if stage.active == 0:
                stage.cumulative += elapsed
            if _stack:
                _stack[-1] += elapsed

    return wrapper


def patch(owner: Any, attr: str, name: str) -> None:
    setattr(owner, attr, timed(name, getattr(owner, attr)))


def instrument() -> None:
    """Wrap the stages where the engine and the rules look them up at call time."""
    patch(config, "discover_config", "config: find and validate vereistenlint.toml")
    patch(labels, "vocabularies", "labels: read the label folders")
    patch(engine, "select_files", "files: select_files (walk + include globs)")
    patch(discover, "included", "files: included() glob matching")
    patch(engine, "load", "load: read, decode, split lines, front matter")
    patch(index, "load", "load: read, decode, split lines, front matter")
    patch(yamlpos, "parse", "load: yamlpos.parse (YAML compose, index, construct)")
    patch(document.MD, "parse", "markdown: MD.parse (markdown-it tokenize)")
    for prop in ("sections", "code_free_lines"):
        cached = getattr(document.Document, prop)
        cached.func = timed(f"document: Document.{prop}", cached.func)
    patch(document.Document, "tables", "document: Document.tables (tab tables)")
    patch(engine, "choose_profile", "choose: choose_profile (profile globs)")
    patch(index, "choose_profile", "choose: choose_profile (profile globs)")
    patch(schema_rules, "validate", "rule: schema.validate (jsonschema)")
    checks.CHECKS = tuple(
        Registered(
            timed(f"rule: {r.check.__module__.rsplit('.', 1)[-1]}.{r.check.__name__}", r.check),
            r.codes,
        )
        for r in checks.CHECKS
    )
    patch(decide, "directives", "decide: suppression directives")
    patch(decide, "suppress", "decide: suppress")
    patch(decide, "per_file_ignores", "decide: per_file_ignores")
    patch(engine, "to_diagnostic", "decide: to_diagnostic (render messages)")
    patch(engine, "entry_for", "engine: entry_for (repository index entry)")
    patch(index, "index_file", "index: index_file (files not checked)")
    engine.REPO_CHECKS = tuple(
        Registered(timed(f"repo: {r.check.__name__}", r.check), r.codes) for r in engine.REPO_CHECKS
    )
    patch(difflib, "get_close_matches", "difflib.get_close_matches (suggestions, every rule)")
    patch(cli, "emit", "report: emit (format and write)")


def command(args: argparse.Namespace, out: str) -> list[str]:
    return ["check", "--format", "json", "--jobs", str(args.jobs), "-o", out, *args.paths]


def invoke(argv: list[str]) -> None:
    with contextlib.suppress(SystemExit):  # the command exits 1 when it finds errors
        cli.cli.main(argv, prog_name="vereistenlint", standalone_mode=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="what to check (default: the configuration)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vl-breakdown-") as folder:
        report(args, os.path.join(folder, "out.json"))
    return 0


def report(args: argparse.Namespace, out: str) -> None:
    if args.cprofile:
        profile(args, out)
        return
    instrument()
    began = time.perf_counter()
    invoke(command(args, out))
    total = time.perf_counter() - began
    startup = IMPORTED - START
    print(f"start-up (interpreter excluded): imports {startup:.2f} s; check: {total:.2f} s")
    print(f"{'stage':<62} {'calls':>7} {'cum s':>8} {'own s':>8} {'own %':>6}")
    for name, stage in sorted(STAGES.items(), key=lambda item: -item[1].own):
        if stage.calls:
            print(
                f"{name:<62} {stage.calls:>7} {stage.cumulative:>8.2f} {stage.own:>8.2f} "
                f"{100 * stage.own / total:>5.1f}%"
            )
    rest = total - sum(s.own for s in STAGES.values())
    print(
        f"{'everything not wrapped (click, engine glue, GC, ...)':<62} {'':>7} {'':>8} "
        f"{rest:>8.2f} {100 * rest / total:>5.1f}%"
    )


def profile(args: argparse.Namespace, out: str) -> None:
    """The same command under cProfile only (the stage wrappers would clutter its listing)."""
    profiler = cProfile.Profile()
    profiler.runcall(invoke, command(args, out))
    for key, title in (("cumulative", "cumulative time"), ("tottime", "own time")):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.sort_stats(key).print_stats(args.cprofile)
        print(f"\ncProfile, top {args.cprofile} by {title} (the profiler inflates times):")
        print(stream.getvalue().split("\n\n", 2)[-1].rstrip())


if __name__ == "__main__":
    sys.exit(main())
