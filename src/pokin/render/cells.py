"""Spreadsheet cells: plan text is never read as a formula.

Every spreadsheet pokin writes (CSV today) passes its cells through
:func:`neutralise_cell`, as the OWASP "CSV injection" guidance recommends: a
text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading apostrophe, so Excel, LibreOffice and Google Sheets
show it as text instead of running it. Numbers stay numbers: an ``int`` or
``float`` cell (a negative Selisih) and text that is only a number are kept.
"""

from __future__ import annotations

import re

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?[0-9]+(?:[.,][0-9]+)?%?")


def neutralise_cell(value: object) -> object:
    """A cell value safe for a spreadsheet (text that could be a formula gets a ``'``)."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


def neutralise_row(cells: list[object]) -> list[object]:
    """Every cell of a row through :func:`neutralise_cell`."""
    return [neutralise_cell(cell) for cell in cells]
