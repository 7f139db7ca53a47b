"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

One test case per file checked, named by its path; a file with findings fails, and its
failure lists every finding (``path:line:col: CODE [severity] message``). The failure's
type is the worst severity, so a file with only warnings still shows what to fix.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .. import i18n
from ..diagnostics import Diagnostic, Severity
from ..result import Result
from .escape import visible
from .settings import DEFAULT, Settings
from .text import count

#: Characters XML 1.0 cannot hold even escaped; file text quoted in messages may have them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(result: Result, settings: Settings = DEFAULT) -> str:
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in result.files}
    for d in result.diagnostics:
        by_file.setdefault(d.path, []).append(d)
    failures = sum(1 for found in by_file.values() if found)
    counts = {"tests": str(len(by_file)), "failures": str(failures), "errors": "0"}
    root = ET.Element("testsuites", {"name": "vereistenlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "vereistenlint", **counts, "skipped": "0"})
    for path, found in by_file.items():
        name = _xml(path)
        case = ET.SubElement(
            suite, "testcase", {"classname": "vereistenlint", "name": name, "file": name}
        )
        if found:
            errors = sum(d.severity is Severity.ERROR for d in found)
            warnings = len(found) - errors
            failure = ET.SubElement(
                case,
                "failure",
                {
                    "type": "error" if errors else "warning",
                    "message": i18n.ui("junit.failure", result.lang).format(
                        errors=count("error", errors, result.lang),
                        warnings=count("warning", warnings, result.lang),
                    ),
                },
            )
            failure.text = "\n".join(_xml(line(d, result.lang)) for d in found) + "\n"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def line(d: Diagnostic, lang: str = "en") -> str:
    """One finding in a failure's text."""
    severity = i18n.ui(f"severity.{d.severity.value}", lang)
    return f"{d.path}:{d.line}:{d.column}: {d.code} [{severity}] {d.message}"


def _xml(text: str) -> str:
    """Text from the files shown visibly (escape.py), then what XML cannot hold replaced."""
    return _NOT_XML.sub("\ufffd", visible(text))
