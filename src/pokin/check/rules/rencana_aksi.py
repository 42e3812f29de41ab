"""Rencana aksi rules: the targets per triwulan of an indicator (FORMAT.md, "Rencana aksi").

``target_triwulan`` holds four values cumulative to the end of TW I..IV, so
the fourth is the year target, and the values move the way ``arah`` says is
better: they do not fall for ``naik`` nor rise for ``turun``.
"""

from __future__ import annotations

from collections.abc import Iterable

from pokin.check.rules.indicator import PERCENT_UNITS, _growth, _indicators, unit_of
from pokin.check.rules.registry import rule
from pokin.levels import LEVEL_WORD
from pokin.model import Indikator
from pokin.numbers import format_number
from pokin.plan import LoadedPlan
from pokin.problems import Finding, shorten

#: The names of the quarters, for messages.
TRIWULAN = ("TW I", "TW II", "TW III", "TW IV")


def year_target(ind: Indikator, tahun: int) -> float | int | None:
    """The indicator's target for the plan year (a yearly mapping's entry for ``tahun``)."""
    target = ind.target
    if isinstance(target, dict):
        return target.get(tahun)
    return target


@rule("T001", "triwulan-year-mismatch", "rencana-aksi")
def triwulan_year_mismatch(plan: LoadedPlan) -> Iterable[Finding]:
    """The TW IV target differs from the year target.

    `target_triwulan` is cumulative to the end of each triwulan, so the value
    for TW IV is the target of the whole year.

    Failing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Jumlah orang yang mendapatkan permakanan, satuan: orang, target: 55, target_triwulan: [10, 25, 40, 50]}
    Passing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Jumlah orang yang mendapatkan permakanan, satuan: orang, target: 55, target_triwulan: [10, 25, 40, 55]}
    """  # noqa: E501
    tahun = plan.model.tahun
    for ref, i, ind in _indicators(plan):
        quarters = ind.target_triwulan
        year = year_target(ind, tahun)
        if quarters is None or year is None or quarters[3] == year:
            continue
        yield Finding(
            "T001",
            f"Target TW IV indikator '{shorten(ind.uraian)}' ({format_number(quarters[3])}) "
            f"berbeda dengan target tahun {tahun} ({format_number(year)}); target triwulan "
            "bersifat kumulatif, maka TW IV sama dengan target setahun.",
            (*ref.path, "indikator", i, "target_triwulan", 3),
            ref.id,
        )


@rule("T002", "triwulan-direction", "rencana-aksi")
def triwulan_direction(plan: LoadedPlan) -> Iterable[Finding]:
    """A quarter target moves against the indicator's `arah`.

    Cumulative targets of an indicator where higher is better (`arah: naik`,
    the default) do not fall from one triwulan to the next; those of a
    lower-is-better indicator (`arah: turun`) do not rise.

    Failing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Jumlah orang yang mendapatkan permakanan, satuan: orang, target: 55, target_triwulan: [10, 30, 25, 55]}
    Passing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Jumlah orang yang mendapatkan permakanan, satuan: orang, target: 55, target_triwulan: [10, 25, 40, 55]}
    """  # noqa: E501
    for ref, i, ind in _indicators(plan):
        quarters = ind.target_triwulan
        if quarters is None or ind.arah == "tetap":
            continue
        turun = ind.arah == "turun"
        for q in range(1, 4):
            before, now = quarters[q - 1], quarters[q]
            if (now > before) if turun else (now < before):
                moved = "naik" if turun else "turun"
                better = "lebih rendah lebih baik (arah: turun)" if turun else "arah: naik"
                yield Finding(
                    "T002",
                    f"Target {TRIWULAN[q]} indikator '{shorten(ind.uraian)}' "
                    f"{moved} dari {format_number(before)} ke {format_number(now)}; target "
                    f"triwulan kumulatif dengan {better} tidak boleh {moved}.",
                    (*ref.path, "indikator", i, "target_triwulan", q),
                    ref.id,
                )


@rule("T003", "triwulan-percent-range", "rencana-aksi")
def triwulan_percent_range(plan: LoadedPlan) -> Iterable[Finding]:
    """A quarter target in "%" lies outside 0–100.

    Not reported for an indicator of growth or a ratio (worded with
    peningkatan, pertumbuhan, kenaikan or rasio), as I004.

    Failing:
        - id: dayasos
          indikator:
            - {uraian: Persentase PSKS yang diberdayakan, satuan: "%", target: 98, target_triwulan: [25, 50, 75, 980]}
    Passing:
        - id: dayasos
          indikator:
            - {uraian: Persentase PSKS yang diberdayakan, satuan: "%", target: 98, target_triwulan: [25, 50, 75, 98]}
    """  # noqa: E501
    for ref, i, ind in _indicators(plan):
        quarters = ind.target_triwulan
        if quarters is None or unit_of(ind.satuan) not in PERCENT_UNITS or _growth(ind.uraian):
            continue
        for q, value in enumerate(quarters):
            if not 0 <= value <= 100:
                yield Finding(
                    "T003",
                    f"Target {TRIWULAN[q]} indikator '{shorten(ind.uraian)}' "
                    f"{format_number(value)}% di luar rentang 0–100%.",
                    (*ref.path, "indikator", i, "target_triwulan", q),
                    ref.id,
                )


@rule("T004", "triwulan-without-target", "rencana-aksi", "warning")
def triwulan_without_target(plan: LoadedPlan) -> Iterable[Finding]:
    """An indicator has quarter targets but no target for the plan year.

    Failing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Jumlah orang yang mendapatkan permakanan, satuan: orang, target_triwulan: [10, 25, 40, 55]}
    Passing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Jumlah orang yang mendapatkan permakanan, satuan: orang, target: 55, target_triwulan: [10, 25, 40, 55]}
    """  # noqa: E501
    tahun = plan.model.tahun
    for ref, i, ind in _indicators(plan):
        if ind.target_triwulan is not None and year_target(ind, tahun) is None:
            yield Finding(
                "T004",
                f"Indikator '{shorten(ind.uraian)}' pada {LEVEL_WORD[ref.level]} '{ref.id}' "
                f"mempunyai target triwulan tetapi tidak mempunyai target tahun {tahun}; "
                f"tulis 'target: {format_number(ind.target_triwulan[3])}'.",
                (*ref.path, "indikator", i, "target_triwulan"),
                ref.id,
            )


@rule("T005", "metode-capaian-arah", "rencana-aksi", "warning")
def metode_capaian_arah(plan: LoadedPlan) -> Iterable[Finding]:
    """`metode_capaian: kebalikan` on an indicator whose `arah` is not `turun`.

    The kebalikan method (target ÷ realisasi) is meant for lower-is-better
    indicators; on any other it rewards a lower realisasi.

    Failing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Jumlah orang yang mendapatkan permakanan, satuan: orang, target: 55, metode_capaian: kebalikan}
    Passing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Jumlah orang yang mendapatkan permakanan, satuan: orang, target: 55, arah: turun, metode_capaian: kebalikan}
    """  # noqa: E501
    for ref, i, ind in _indicators(plan):
        if ind.metode_capaian == "kebalikan" and ind.arah != "turun":
            yield Finding(
                "T005",
                f"Indikator '{shorten(ind.uraian)}' memakai metode_capaian 'kebalikan' "
                "(target ÷ realisasi) padahal arahnya bukan 'turun'; metode itu hanya untuk "
                "indikator yang makin rendah makin baik.",
                (*ref.path, "indikator", i, "metode_capaian"),
                ref.id,
            )
