"""What a check found: the result type every renderer reads.

Renderers depend on these records, never on the engine that makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pokin.plan import LoadedPlan
from pokin.problems import Problem
from pokin.source.load import LoadResult

if TYPE_CHECKING:
    from pokin.check.rules.nomenclature import Nomenclature


@dataclass
class FileReport:
    """What checking one file found."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    result: LoadResult | None = None
    strict: bool = False  # the project settings ask warnings to fail
    #: The nomenclature the codes were checked against (rules N003–N007), when they ran.
    nomenklatur: Nomenclature | None = None

    @property
    def plan(self) -> LoadedPlan | None:
        """The plan, when it passed the schema."""
        return self.result.plan if self.result is not None else None


@dataclass
class Report:
    """What checking several files found."""

    files: list[FileReport]

    @property
    def problems(self) -> list[Problem]:
        """All problems, file by file."""
        return [p for f in self.files for p in f.problems]

    def count(self, severity: str) -> int:
        """How many problems of this severity."""
        return sum(1 for p in self.problems if p.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        """0 clean (warnings allowed unless strict here or in a file's settings), 1 problems."""
        if self.count("error"):
            return 1
        for f in self.files:
            if (strict or f.strict) and any(p.severity == "warning" for p in f.problems):
                return 1
        return 0
