"""Budget rules: declared anggaran against the sum of its parts, and budget lines."""

from __future__ import annotations

from collections.abc import Iterable

from pokin.check.rules.registry import rule
from pokin.numbers import format_rupiah
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import Finding
from pokin.views.rollup import budget_rollup, normalise

_PARTS = {"program": "kegiatannya", "kegiatan": "sub kegiatannya", "csf": "programnya"}


@rule("B001", "budget-mismatch", "budget")
def budget_mismatch(plan: LoadedPlan) -> Iterable[Finding]:
    """A declared anggaran differs from the sum of its children's anggaran.

    Checked at every level (and year by year for yearly mappings); a child that
    declares no anggaran counts with the sum of its own children.

    Failing:
        - id: dayasos-psks
          anggaran: 100000000   # its one sub kegiatan has 150.000.000
    Passing:
        - id: dayasos-psks
          anggaran: 150000000
          subkegiatan:
            - {id: dayasos-karang-taruna, anggaran: 150000000}
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


def _budget_lines(plan: LoadedPlan) -> Iterable[NodeRef]:
    return (ref for ref in plan.nodes if ref.level == "subkegiatan")


@rule("B002", "missing-anggaran", "budget")
def missing_anggaran(plan: LoadedPlan) -> Iterable[Finding]:
    """A sub kegiatan has no `anggaran`; every sub kegiatan is a budget line.

    Write `anggaran: 0` for a condition that has no budget yet (reported as B003).

    Failing:
        - id: tmp-pengamanan
          nama: Pengamanan Taman Makam Pahlawan Nasional Kabupaten/Kota
          anggaran: null   # not written
    Passing:
        - id: tmp-pengamanan
          nama: Pengamanan Taman Makam Pahlawan Nasional Kabupaten/Kota
          anggaran: 32400000
    """
    for ref in _budget_lines(plan):
        if getattr(ref.node, "anggaran", None) is None:
            yield Finding(
                "B002",
                f"Sub kegiatan '{ref.id}' tidak mempunyai anggaran; setiap sub kegiatan "
                "adalah baris anggaran (tulis 'anggaran: 0' bila belum dianggarkan).",
                ref.path,
                ref.id,
            )


@rule("B003", "zero-anggaran", "budget", "warning")
def zero_anggaran(plan: LoadedPlan) -> Iterable[Finding]:
    """A sub kegiatan has anggaran 0 for the plan year: a condition with no budget yet.

    The plan names the condition (Tahap 3/4) but nothing funds it; either
    budget it or explain why in `catatan`. Its indicator may lack a target
    until it is budgeted (I002 is not reported for it).

    Failing:
        - id: tmp-pengamanan
          nama: Pengamanan Taman Makam Pahlawan Nasional Kabupaten/Kota
          anggaran: 0
    Passing:
        - id: tmp-pengamanan
          nama: Pengamanan Taman Makam Pahlawan Nasional Kabupaten/Kota
          anggaran: 15000000
    """
    tahun = plan.model.tahun
    for ref in _budget_lines(plan):
        amounts = normalise(getattr(ref.node, "anggaran", None), tahun)
        if amounts is not None and amounts.get(tahun) == 0:
            yield Finding(
                "B003",
                f"Sub kegiatan '{ref.id}' beranggaran Rp 0 untuk tahun {tahun}: kondisi ini "
                "belum didanai. Anggarkan atau jelaskan di 'catatan'.",
                (*ref.path, "anggaran"),
                ref.id,
            )


@rule("B004", "anggaran-year-outside-periode", "budget")
def anggaran_year_outside_periode(plan: LoadedPlan) -> Iterable[Finding]:
    """A yearly `anggaran` mapping has a year outside the plan's `periode`.

    Failing:
        periode: [2021, 2025]
        csf:
          - id: pelayanan-sosial
            program:
              - id: bencana
                anggaran: {2025: 372250370, 2026: 400000000}
    Passing:
        periode: [2021, 2025]
        csf:
          - id: pelayanan-sosial
            program:
              - id: bencana
                anggaran: {2024: 350000000, 2025: 372250370}
    """
    if plan.model.periode is None:
        return
    first, last = plan.model.periode
    for ref in plan.nodes:
        for year in plan.years_outside_periode(getattr(ref.node, "anggaran", None)):
            yield Finding(
                "B004",
                f"Tahun {year} pada anggaran '{ref.id}' di luar periode {first}–{last}.",
                (*ref.path, "anggaran", year),
                ref.id,
                key=True,
            )
