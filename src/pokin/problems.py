"""The one problem type every check reports, with its source position."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

#: A path into the plan document: mapping keys and sequence indexes, e.g.
#: ``("csf", 0, "program", 1, "anggaran")``.
Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding in one plan file.

    ``line`` and ``column`` are 1-based. ``node`` is the id of the nearest
    node (outcome, csf, program, kegiatan, subkegiatan, renstra item or
    jabatan) or ``None`` when the problem is about the file as a whole.
    ``cell`` is set for a problem in a spreadsheet (`pokin import`): the
    sheet and cell, ``Matriks!C12`` (``C12`` in a CSV file); line and column
    are then the cell's row and column numbers.
    """

    code: str
    severity: Severity
    message: str
    file: str
    line: int = 1
    column: int = 1
    node: str | None = None
    path: Path = field(default=(), compare=False, repr=False)
    cell: str | None = None

    @property
    def where(self) -> str:
        """``file:line:column``, or ``file:Sheet!C12`` for a spreadsheet cell."""
        if self.cell is not None:
            return f"{self.file}:{self.cell}"
        return f"{self.file}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by position, then code."""
        return (self.file, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of a problem (``format_version`` 1; ``cell`` only where set)."""
        shape: dict[str, object] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "node": self.node,
        }
        if self.cell is not None:
            shape["cell"] = self.cell
        return shape


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found by a check before it is placed in the file.

    Checks work on the model and only know the document path of what they
    report on; the loader resolves paths to line and column afterwards, so a
    clean plan never pays for position lookups.
    """

    code: str
    message: str
    path: Path
    node: str | None = None
    severity: Severity | None = None  # None: the rule's default severity
    key: bool = False  # True: point at the mapping key rather than its value


class UsageError(Exception):
    """The command could not run (bad path, bad option): exit code 2."""


def shorten(value: object, limit: int = 60) -> str:
    """Plan text quoted in a message: one line, cut at a word near ``limit`` with "…"."""
    text = " ".join(str(value).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


#: At most this many candidates are compared for one "did you mean" suggestion.
SUGGEST_CANDIDATES = 200


def suggest(name: str, options: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The ``n`` options closest to ``name`` (for "mungkin maksudnya …?" hints).

    Only options of similar length are compared, at most
    :data:`SUGGEST_CANDIDATES` of them, so one suggestion costs O(len(options))
    and a plan with many unknown names stays near-linear.
    """
    import difflib

    size = len(name)
    close = [o for o in options if abs(len(o) - size) <= max(3, size // 3)]
    close.sort(key=lambda o: (o[:1] != name[:1], abs(len(o) - size), o))
    return difflib.get_close_matches(name, close[:SUGGEST_CANDIDATES], n=n, cutoff=cutoff)
