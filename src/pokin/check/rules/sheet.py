"""Codes reported while reading a spreadsheet (`pokin import`).

A cell that holds a bad value gets the code `pokin validate` gives the same
value in a plan (S002 missing, S004 invalid, S005 malformed number, S006
invalid id); the codes here are about the sheet's shape.
"""

from __future__ import annotations

from pokin.check.rules.registry import declare

declare(
    "X001",
    "sheet-missing",
    "sheet",
    """
    The workbook lacks a sheet or a column pokin needs to read it.

    `pokin import` reads the `Matriks` sheet that `pokin export` writes (its
    columns Tingkat and Kinerja at least), or the columns named with
    `--columns` / `--mapping`. Nothing is imported from a sheet it cannot read.
""",
)
declare(
    "X002",
    "unknown-column",
    "sheet",
    """
    A column whose title pokin does not know; its cells are not imported.

    Rename the column to one of the titles `pokin export` writes (see
    docs/excel.md), or delete it; with `--columns` only the mapped columns are read.
""",
    severity="warning",
)
declare(
    "X003",
    "row-out-of-place",
    "sheet",
    """
    A row that cannot be placed in the tree: its level is unknown or skips one,
    or the row above it at the next higher level could not be read.

    The row (and the rows under it) is not imported; nothing is guessed.
    Fill its Tingkat (or a kode of the right shape) and the rows above it.
""",
)
