"""What every report does with text from the checked files (their names, quoted values and
lines): nothing of it may reach a terminal, a CI log or a viewer as anything but text.

A file name can hold a newline followed by ``::error ...`` (a forged GitHub workflow
command), ESC sequences (CSI recolours or moves the cursor, OSC sets the window title or
writes the clipboard), C1 controls (the 8-bit forms of both), bidirectional controls such as
U+202E (which reorder what a reader sees), line and paragraph separators, and bytes that are
not UTF-8 (which Python keeps as lone surrogates, and which no UTF-8 output can hold).

- `visible` is for reports that people read (text, github, junit, SARIF messages and
  snippets): each such character becomes an escape one can see, ``\\u001b``, ``\\u202e``;
  a byte that is not UTF-8 becomes ``\\xNN``, its value. Messages quote values from the
  files in the same notation (`messages.printable`).
- `dumps` is for JSON (json, sarif): the same characters are written as JSON escapes, so
  the document is plain ASCII where it matters and still decodes to the exact value.

Each format applies its own escaping on top (GitHub's percent-encoding of workflow command
data and properties, XML's entities, URI percent-encoding).
"""

from __future__ import annotations

import json
import re

#: C0 and C1 controls, DEL, bidirectional controls, line/paragraph separators, surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def escaped(char: str) -> str:
    """One character as an escape: ``\\u001b``; a byte that was not UTF-8 as ``\\xff``."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every character that could act on a terminal or log shown as an escape."""
    return _UNSAFE.sub(lambda m: escaped(m.group()), text)


#: The same, less C0: json.dumps escapes those inside strings itself, and the newlines of its
#: indentation stand outside them.
_UNSAFE_IN_JSON = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: object) -> str:
    """JSON as `json.dumps(..., ensure_ascii=False, indent=2)` writes it, but with those
    characters as \\u escapes (they can only stand inside strings, so this stays valid)."""
    return _UNSAFE_IN_JSON.sub(_json_escape, json.dumps(value, ensure_ascii=False, indent=2))
