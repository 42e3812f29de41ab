"""Budget rules: declared anggaran against the sum of its parts, and budget lines."""

from __future__ import annotations

from collections.abc import Iterable

from pokin.numbers import format_rupiah
from pokin.plan import LoadedPlan
from pokin.problems import Finding
from pokin.rollup import budget_rollup
from pokin.rules.registry import rule

_PARTS = {"program": "kegiatannya", "kegiatan": "sub kegiatannya", "csf": "programnya"}


@rule("B001", "budget-mismatch", "budget")
def budget_mismatch(plan: LoadedPlan) -> Iterable[Finding]:
    """A declared anggaran differs from the sum of its children's anggaran.

    Checked at every level (and year by year for yearly mappings); a child that
    declares no anggaran counts with the sum of its own children.

    Failing:
        - id: pemberdayaan-psks
          anggaran: 100000000
          subkegiatan:
            - {id: karang-taruna, anggaran: 150000000, ...}
    Passing:
        - id: pemberdayaan-psks
          anggaran: 150000000
          subkegiatan:
            - {id: karang-taruna, anggaran: 150000000, ...}
    """
    rollup = budget_rollup(plan)
    single_year = rollup.years == [rollup.tahun]
    for row in rollup.mismatches:
        parts = _PARTS.get(row.ref.level, "rinciannya")
        assert row.declared is not None
        details = []
        for year, diff in row.difference.items():
            if not diff:
                continue
            declared = row.declared.get(year, 0)
            computed = row.computed.get(year, 0)
            prefix = "" if single_year else f"tahun {year}: "
            details.append(
                f"{prefix}tertulis {format_rupiah(declared)}, jumlah {parts} "
                f"{format_rupiah(computed)}, selisih {format_rupiah(diff)}"
            )
        yield Finding(
            "B001",
            f"Anggaran {row.ref.level} '{row.ref.id}' tidak sama dengan jumlah {parts}: "
            + "; ".join(details)
            + ".",
            (*row.ref.path, "anggaran"),
            row.ref.id,
        )
