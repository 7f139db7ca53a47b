"""The parse floor: the least work any checker of these files must do, timed on its own.

vereistenlint's speed targets are stated relative to this floor rather than in seconds, so
that they hold on any machine: read each file, parse its YAML front matter with PyYAML's C
loader and tokenize its Markdown body with markdown-it-py (CommonMark with tables, the parser
vereistenlint itself uses). Nothing is checked. run.py starts this script in a fresh
interpreter and times it from outside, exactly as it times ``vereistenlint check``, so both
figures include interpreter start-up and the imports each needs.

Usage: ``python benchmarks/floor.py PATH...`` (files, or folders searched for ``*.md`` without
``index.md``, as vereistenlint searches them). Prints one JSON object: files read, bytes, and
seconds spent importing and parsing inside the process.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time

START = time.perf_counter()

import yaml  # noqa: E402 - the imports are part of what is timed
from markdown_it import MarkdownIt  # noqa: E402

IMPORTED = time.perf_counter()


def markdown_files(paths: list[str]) -> list[str]:
    """The files vereistenlint would check: named files, and *.md under folders, sorted."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, names in os.walk(path):
                dirs.sort()
                found.extend(
                    os.path.join(folder, n)
                    for n in sorted(names)
                    if n.endswith(".md") and n != "index.md"
                )
        else:
            found.append(path)
    return found


def parse(path: str, md: MarkdownIt) -> None:
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8-sig")
    lines = text.splitlines()
    body_start = 0
    if lines and lines[0].rstrip() == "---":
        close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if close is not None:
            # a broken front matter still costs its parse; nothing more to do with it
            with contextlib.suppress(yaml.YAMLError):
                yaml.load("\n".join(lines[1:close]), Loader=yaml.CSafeLoader)
            body_start = close + 1
    md.parse("\n".join(lines[body_start:]))


def main(argv: list[str]) -> int:
    files = markdown_files(argv)
    md = MarkdownIt("commonmark").enable("table")
    size = 0
    for path in files:
        parse(path, md)
        size += os.path.getsize(path)
    done = time.perf_counter()
    report = {
        "files": len(files),
        "bytes": size,
        "import_seconds": IMPORTED - START,
        "parse_seconds": done - IMPORTED,
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
