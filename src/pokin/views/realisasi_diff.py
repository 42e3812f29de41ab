"""What changed between two versions of a realisasi file: figure by figure, by node id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pokin.source.realisasi import Realisasi, RealisasiNode

#: The fields of a node's entry compared, in display order.
_FIELDS = (
    "indikator",
    "anggaran",
    "capaian_tertulis",
    "serapan_tertulis",
    "faktor_pendukung",
    "faktor_penghambat",
    "bukti",
    "catatan",
)
_TOP = ("rencana", "tahun", "periode", "tanggal", "catatan")


@dataclass
class FigureChange:
    """One changed value: where (node id, key, indicator), before and after."""

    node: str | None
    key: str
    old: Any
    new: Any
    indikator: int | str | None = None


@dataclass
class RealisasiChanges:
    """Every change between two realisasi files."""

    old_file: str
    new_file: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changes: list[FigureChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.added or self.removed or self.changes)


def _values(value: Any) -> dict[int | str, Any]:
    if isinstance(value, list):
        return {i: v for i, v in enumerate(value)}
    if isinstance(value, dict):
        return {" ".join(str(k).lower().split()): v for k, v in value.items()}
    return {}


def _entry_changes(node: str, old: RealisasiNode, new: RealisasiNode) -> list[FigureChange]:
    found: list[FigureChange] = []
    for key in _FIELDS:
        before, after = getattr(old, key), getattr(new, key)
        if before == after:
            continue
        if key in ("indikator", "capaian_tertulis") and not (before is None or after is None):
            a, b = _values(before), _values(after)
            for index in [*a, *(k for k in b if k not in a)]:
                if a.get(index) != b.get(index):
                    found.append(FigureChange(node, key, a.get(index), b.get(index), index))
            continue
        found.append(FigureChange(node, key, before, after))
    return found


def compare_realisasi(
    old: Realisasi, new: Realisasi, old_file: str = "", new_file: str = ""
) -> RealisasiChanges:
    """The changes from ``old`` to ``new`` (nodes by id, figures by key and indicator)."""
    result = RealisasiChanges(old_file, new_file)
    for key in _TOP:
        before, after = getattr(old, key), getattr(new, key)
        if before != after:
            result.changes.append(FigureChange(None, key, before, after))
    result.added = [n for n in new.realisasi if n not in old.realisasi]
    result.removed = [n for n in old.realisasi if n not in new.realisasi]
    for node, entry in new.realisasi.items():
        before = old.realisasi.get(node)
        if before is not None:
            result.changes.extend(_entry_changes(node, before, entry))
    return result
