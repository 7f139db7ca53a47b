"""Positions come from the original text: blank lines, YAML comments and CRLF do not shift them."""

from __future__ import annotations

from pathlib import Path

import pytest

from vereistenlint import check

BASE = (
    Path(__file__).resolve().parents[1]
    / "vereisten"
    / "kwaliteitsbeheersysteem_voor_hoog_risico_ai.md"
)


def _defective(text: str) -> str:
    return (
        text.replace("- nog-niet-geldend", "- Geldend")
        .replace("- governance", "- boubwlok")
        .replace("hoog-risico: Ja\ngeneratieve-ai:", "hoog-risico: Nee\ngeneratieve-ai:")
    )


def _shift_blank(text: str) -> str:
    return text.replace("---\n", "---\n\n\n", 1)


def _shift_comments(text: str) -> str:
    return text.replace("---\n", "---\n# opmerking van de redactie\n   # nog een\n", 1).replace(
        "bouwblok:\n", "# labels\nbouwblok: # onderwerpen\n"
    )


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _where(text: str, needle: str) -> tuple[int, int]:
    for i, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if needle in line:
            return i, line.index(needle) + 1
    raise AssertionError(needle)


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t,
        _shift_blank,
        _shift_comments,
        _crlf,
        lambda t: _crlf(_shift_comments(_shift_blank(t))),
    ],
    ids=["plain", "blank-lines", "comments", "crlf", "all"],
)
def test_positions_follow_the_original_text(tmp_path: Path, variant) -> None:  # type: ignore[no-untyped-def]
    text = variant(_defective(BASE.read_text(encoding="utf-8")))
    path = tmp_path / BASE.name
    path.write_bytes(text.encode("utf-8"))
    found = sorted((d.line, d.column, d.code) for d in check([path]))
    row_line, _ = _where(
        text,
        "| :material-close:{ style='color: #EF5350' } | :material-close:{ style='color: #EF5350' } | :material-check-bold:",
    )
    assert found == sorted(
        [
            (*_where(text, "Geldend"), "VL012"),
            (*_where(text, "boubwlok"), "VL016"),
            (
                row_line,
                len(
                    "    | :material-close:{ style='color: #EF5350' } | :material-close:{ style='color: #EF5350' } | "
                )
                + 1,
                "VL204",
            ),
        ]
    )
