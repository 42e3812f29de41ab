"""Realisasi rules: a realisasi file against the plan it reports on (FORMAT.md, "Realisasi files").

These rules read a realisasi file, not a plan, so they are declared in the
registry (codes, names, documentation, selection and severity settings work
as for every rule) and run by :mod:`pokin.check.realisasi`, never on a plan.
Every problem is located in the realisasi file.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from pokin.check.rules.indicator import PERCENT_UNITS, _growth, unit_of
from pokin.check.rules.registry import declare
from pokin.levels import LEVEL_WORD
from pokin.model import Indikator, ordinal_scale
from pokin.numbers import format_number, format_rupiah
from pokin.plan import LoadedPlan
from pokin.problems import Finding, Path, Severity, shorten, suggest
from pokin.source.realisasi import (
    PERIODE_LABEL,
    PERIODE_START_MONTH,
    LoadedRealisasi,
)
from pokin.views.capaian import numeric


@dataclass
class RealisasiContext:
    """What a realisasi rule reads: the file, its plan, and the run's other files."""

    real: LoadedRealisasi
    plan: LoadedPlan
    #: Files of the same plan for earlier periods, latest last.
    earlier: list[LoadedRealisasi] = field(default_factory=list)
    #: A file of the same plan for the same period, checked before this one.
    same_period: LoadedRealisasi | None = None
    #: Every known indicator value (built once, read by several rules).
    values: list[tuple[str, int, Path, float | int]] | None = None
    #: Whether any value is written as a grade (WTP, AA): only then M018 looks.
    graded: bool = False


RealisasiCheck = Callable[[RealisasiContext], Iterable[Finding]]
#: The checks, in code order, run by :func:`pokin.check.realisasi.check_realisasi`.
CHECKS: list[tuple[str, RealisasiCheck]] = []


def realisasi_rule(
    code: str, name: str, severity: Severity = "error"
) -> Callable[[RealisasiCheck], RealisasiCheck]:
    """Declare a realisasi rule (group ``realisasi``) and keep its check for the runner."""

    def register(fn: RealisasiCheck) -> RealisasiCheck:
        declare(code, name, "realisasi", inspect.getdoc(fn) or "", severity)
        CHECKS.append((code, fn))
        return fn

    return register


declare(
    "M001",
    "rencana-not-found",
    "realisasi",
    """
    The `rencana` of a realisasi file names no file.

    The path is relative to the realisasi file's folder.

    Failing:
        rencana: ../dinsos_kotim_2024.yaml
    Passing:
        rencana: ../dinsos_kotim_2025.yaml
    """,
)
declare(
    "M002",
    "rencana-invalid",
    "realisasi",
    """
    The plan a realisasi file reports on does not load (YAML or schema errors).

    No realisasi is checked, and no capaian computed, against a plan that
    does not load; run `pokin validate` on the plan.

    Failing:
        rencana: rusak.yaml   # a plan with a YAML error (``tahun: [2025``)
    Passing:
        rencana: ../dinsos_kotim_2025.yaml
    """,
)

declare(
    "M017",
    "rencana-differs",
    "realisasi",
    """
    A realisasi file given to `pokin capaian` reports on another plan.

    The `rencana` of every realisasi file must name the plan the capaian is
    computed for; figures of another plan are never mixed in.

    Failing:
        rencana: ../dinsos_kotim_2024.yaml   # pokin capaian dinsos_kotim_2025.yaml ...
    Passing:
        rencana: ../dinsos_kotim_2025.yaml
    """,
)


def _where(real: LoadedRealisasi, node_id: str, *rest: str | int) -> Path:
    return ("realisasi", node_id, *rest)


@realisasi_rule("M003", "unknown-node")
def unknown_node(ctx: RealisasiContext) -> Iterator[Finding]:
    """A realisasi for a node id that is not in the plan.

    Failing:
        realisasi:
          bencana-permakanann: {indikator: [12]}
    Passing:
        realisasi:
          bencana-permakanan: {indikator: [12]}
    """
    for node_id in ctx.real.model.realisasi:
        if node_id in ctx.plan.by_id:
            continue
        guess = suggest(node_id, ctx.plan.by_id)
        hint = f" Mungkin maksudnya '{guess[0]}'?" if guess else ""
        yield Finding(
            "M003",
            f"Node '{node_id}' tidak ada dalam rencana {ctx.real.model.rencana}.{hint}",
            _where(ctx.real, node_id),
            node_id,
            key=True,
        )


@realisasi_rule("M004", "unknown-indicator")
def unknown_indicator(ctx: RealisasiContext) -> Iterator[Finding]:
    """A value for an indicator the node does not have.

    Values are given in the order of the node's `indikator` (a list), or by
    its `uraian` (a mapping); a list longer than the node's indicators, or
    an `uraian` the node does not have, is reported. The same holds for
    `capaian_tertulis`.

    Failing:
        realisasi:
          bencana-permakanan: {indikator: [12, 3]}
    Passing:
        realisasi:
          bencana-permakanan: {indikator: [12]}
    """
    for node_id, entry in ctx.real.model.realisasi.items():
        ref = ctx.plan.by_id.get(node_id)
        if ref is None:
            continue
        count = len(ref.node.indikator)
        for key in ("indikator", "capaian_tertulis"):
            values = getattr(entry, key)
            if isinstance(values, list):
                if len(values) <= count:
                    continue
                for i in range(count, len(values)):
                    yield Finding(
                        "M004",
                        f"Nilai ke-{i + 1} untuk '{key}' node '{node_id}', padahal node itu "
                        f"hanya mempunyai {count} indikator.",
                        _where(ctx.real, node_id, key, i),
                        node_id,
                    )
            elif isinstance(values, dict):
                texts = {" ".join(i.uraian.lower().split()) for i in ref.node.indikator}
                for text in values:
                    if " ".join(text.lower().split()) in texts:
                        continue
                    options = [i.uraian for i in ref.node.indikator]
                    guess = suggest(text, options)
                    hint = f" Mungkin maksudnya '{shorten(guess[0])}'?" if guess else ""
                    yield Finding(
                        "M004",
                        f"Node '{node_id}' tidak mempunyai indikator '{shorten(text)}'.{hint}",
                        _where(ctx.real, node_id, key, text),
                        node_id,
                        key=True,
                    )


def _values(ctx: RealisasiContext) -> list[tuple[str, int, Path, float | int]]:
    """(node id, indicator index, document path, value) of every known indicator value."""
    if ctx.values is None:
        ctx.values = list(_each_value(ctx))
    return ctx.values


def _each_value(ctx: RealisasiContext) -> Iterator[tuple[str, int, Path, float | int]]:
    for node_id, entry in ctx.real.model.realisasi.items():
        ref = ctx.plan.by_id.get(node_id)
        if ref is None or entry.indikator is None:
            continue
        for i, path, written in _written(ctx, node_id, entry.indikator, ref.node.indikator):
            if isinstance(written, str):
                ctx.graded = True
            value = numeric(written, ref.node.indikator[i])
            if value is not None:
                yield node_id, i, path, value


def _written(
    ctx: RealisasiContext, node_id: str, values: object, indikator: list[Indikator]
) -> Iterator[tuple[int, Path, float | int | str]]:
    """(index, path, value as written) of a node's values for indicators it has."""
    if isinstance(values, list):
        for i, value in enumerate(values[: len(indikator)]):
            if value is not None:
                yield i, _where(ctx.real, node_id, "indikator", i), value
    elif isinstance(values, dict):
        by_text = {" ".join(ind.uraian.lower().split()): i for i, ind in enumerate(indikator)}
        for text, value in values.items():
            i_found = by_text.get(" ".join(str(text).lower().split()))
            if i_found is not None:
                yield i_found, _where(ctx.real, node_id, "indikator", text), value


@realisasi_rule("M005", "anggaran-above-pagu")
def anggaran_above_pagu(ctx: RealisasiContext) -> Iterator[Finding]:
    """A realisasi anggaran above the node's pagu (its anggaran for the plan year).

    Failing:
        realisasi:
          bencana-permakanan: {anggaran: 300000000}
    Passing:
        realisasi:
          bencana-permakanan: {anggaran: 65000000}
    """
    from pokin.views.rollup import budget_rollup

    rollup = budget_rollup(ctx.plan)
    tahun = ctx.plan.model.tahun
    for node_id, entry in ctx.real.model.realisasi.items():
        row = rollup.by_id.get(node_id)
        if row is None or entry.anggaran is None:
            continue
        pagu = row.effective.get(tahun, 0)
        if entry.anggaran > pagu:
            yield Finding(
                "M005",
                f"Realisasi anggaran {format_rupiah(entry.anggaran)} node '{node_id}' melebihi "
                f"pagunya {format_rupiah(pagu)} (selisih {format_rupiah(entry.anggaran - pagu)}).",
                _where(ctx.real, node_id, "anggaran"),
                node_id,
            )


def _previous(ctx: RealisasiContext, node_id: str) -> tuple[LoadedRealisasi, object] | None:
    for real in reversed(ctx.earlier):
        entry = real.model.realisasi.get(node_id)
        if entry is not None:
            return real, entry
    return None


def _values_by_node(real: LoadedRealisasi, plan: LoadedPlan) -> dict[str, dict[int, float | int]]:
    """A file's indicator values by node id and indicator index (built once per file)."""
    from pokin.views.capaian import indicator_values

    found: dict[str, dict[int, float | int]] | None = real.cache.get("values")
    if found is None:
        found = {}
        for node_id, entry in real.model.realisasi.items():
            ref = plan.by_id.get(node_id)
            if ref is not None and entry.indikator is not None:
                found[node_id] = indicator_values(entry.indikator, ref.node.indikator)
        real.cache["values"] = found
    return found


@realisasi_rule("M006", "value-falls")
def value_falls(ctx: RealisasiContext) -> Iterator[Finding]:
    """A cumulative realisasi is lower than the one of an earlier period.

    Values are cumulative to the end of the period, so for an indicator where
    higher is better (`arah: naik`, the default) a later period never reports
    less. Compared with the latest earlier file of the same plan in the same
    run (`pokin validate examples/realisasi/`).

    Failing:
        periode: tw2
        realisasi:
          bencana-permakanan: {indikator: [10]}   # TW I reported 12
    Passing:
        periode: tw2
        realisasi:
          bencana-permakanan: {indikator: [30]}
    """
    if not ctx.earlier:
        return
    earlier = [(real, _values_by_node(real, ctx.plan)) for real in reversed(ctx.earlier)]
    for node_id, i, path, value in _values(ctx):
        ind = ctx.plan.by_id[node_id].node.indikator[i]
        if ind.arah not in (None, "naik"):
            continue
        found = next(((r, v[node_id]) for r, v in earlier if node_id in v), None)
        if found is None:
            continue
        real, values = found
        before = values.get(i)
        if before is not None and value < before:
            yield Finding(
                "M006",
                f"Realisasi kumulatif indikator '{shorten(ind.uraian)}' turun dari "
                f"{format_number(before)} ({real.label}) menjadi {format_number(value)}; "
                "realisasi ditulis kumulatif sampai akhir periode.",
                path,
                node_id,
            )


@realisasi_rule("M007", "anggaran-falls")
def anggaran_falls(ctx: RealisasiContext) -> Iterator[Finding]:
    """A cumulative realisasi anggaran is lower than the one of an earlier period.

    Failing:
        periode: tw2
        realisasi:
          bencana-permakanan: {anggaran: 50000000}   # TW I reported 65.000.000
    Passing:
        periode: tw2
        realisasi:
          bencana-permakanan: {anggaran: 140000000}
    """
    if not ctx.earlier:
        return
    for node_id, entry in ctx.real.model.realisasi.items():
        if entry.anggaran is None or node_id not in ctx.plan.by_id:
            continue
        found = _previous(ctx, node_id)
        if found is None:
            continue
        real, before_entry = found
        before = getattr(before_entry, "anggaran", None)
        if before is not None and entry.anggaran < before:
            yield Finding(
                "M007",
                f"Realisasi anggaran kumulatif node '{node_id}' turun dari "
                f"{format_rupiah(before)} ({real.label}) menjadi "
                f"{format_rupiah(entry.anggaran)}.",
                _where(ctx.real, node_id, "anggaran"),
                node_id,
            )


@realisasi_rule("M008", "tahun-mismatch")
def tahun_mismatch(ctx: RealisasiContext) -> Iterator[Finding]:
    """The realisasi's `tahun` is not the plan's year: the period lies outside the plan year.

    Failing:
        tahun: 2024
    Passing:
        tahun: 2025
    """
    if ctx.real.model.tahun != ctx.plan.model.tahun:
        yield Finding(
            "M008",
            f"Realisasi tahun {ctx.real.model.tahun} dilaporkan atas rencana tahun "
            f"{ctx.plan.model.tahun}; periode realisasi harus di dalam tahun rencana.",
            ("tahun",),
        )


@realisasi_rule("M009", "tanggal-outside")
def tanggal_outside(ctx: RealisasiContext) -> Iterator[Finding]:
    """The `tanggal` of the data lies before its period starts or after the next year ends.

    Data of a period is dated at or after the period's start; a TW IV report
    may be dated early in the next year, not later.

    Failing:
        periode: tw1
        tanggal: 2024-12-31
    Passing:
        periode: tw1
        tanggal: 2025-04-10
    """
    model = ctx.real.model
    if model.tanggal is None:
        return
    start = date(model.tahun, PERIODE_START_MONTH[model.periode], 1)
    last = date(model.tahun + 1, 12, 31)
    if not start <= model.tanggal <= last:
        yield Finding(
            "M009",
            f"Tanggal data {model.tanggal.isoformat()} di luar periode "
            f"{PERIODE_LABEL[model.periode]} {model.tahun}: paling awal "
            f"{start.isoformat()}, paling akhir {last.isoformat()}.",
            ("tanggal",),
        )


@realisasi_rule("M010", "duplicate-period")
def duplicate_period(ctx: RealisasiContext) -> Iterator[Finding]:
    """Two realisasi files report on the same plan for the same period.

    One file per period: the figures of a period are written once. Reported
    on the second file (in the order the files are given).

    Failing:
        periode: tw1   # examples/realisasi/2025-tw1.yaml is TW I too
    Passing:
        periode: tw2
    """
    other = ctx.same_period
    if other is not None:
        yield Finding(
            "M010",
            f"Periode {PERIODE_LABEL[ctx.real.model.periode]} {ctx.real.model.tahun} untuk "
            f"rencana ini sudah dilaporkan dalam {other.file}; satu periode satu berkas.",
            ("periode",),
        )


@realisasi_rule("M011", "negative-value")
def negative_value(ctx: RealisasiContext) -> Iterator[Finding]:
    """A negative realisasi of an indicator.

    Failing:
        realisasi:
          bencana-permakanan: {indikator: [-12]}
    Passing:
        realisasi:
          bencana-permakanan: {indikator: [12]}
    """
    for node_id, _, path, value in _values(ctx):
        if value < 0:
            yield Finding(
                "M011",
                f"Realisasi {format_number(value)} node '{node_id}' negatif; realisasi tidak "
                "pernah kurang dari 0.",
                path,
                node_id,
            )


@realisasi_rule("M012", "no-target", "warning")
def no_target(ctx: RealisasiContext) -> Iterator[Finding]:
    """A realisasi for an indicator that has no target: its capaian cannot be computed.

    Failing:
        realisasi:
          kesejahteraan-ppks: {indikator: [90]}   # the outcome's indicator has no target
    Passing:
        realisasi:
          bencana-permakanan: {indikator: [12]}
    """
    from pokin.views.capaian import period_target

    tahun = ctx.plan.model.tahun
    for node_id, i, path, _ in _values(ctx):
        ref = ctx.plan.by_id[node_id]
        ind = ref.node.indikator[i]
        if period_target(ind, tahun, 13) is None:
            yield Finding(
                "M012",
                f"Indikator '{shorten(ind.uraian)}' pada {LEVEL_WORD[ref.level]} '{node_id}' "
                f"tidak mempunyai target tahun {tahun}; capaiannya tidak dapat dihitung.",
                path,
                node_id,
            )


@realisasi_rule("M013", "zero-target", "warning")
def zero_target(ctx: RealisasiContext) -> Iterator[Finding]:
    """A realisasi for an indicator whose target for the period is 0: capaian is undefined.

    pokin never divides by zero: the capaian is shown as not computable. Use
    `metode_capaian: tercapai` when reaching 0 is the goal.

    Failing:
        realisasi:
          tmp-pengamanan: {indikator: [1]}   # with target 0
    Passing:
        realisasi:
          tmp-pengamanan: {indikator: [1]}   # with target 1
    """
    from pokin.views.capaian import period_target

    tahun = ctx.plan.model.tahun
    month = ctx.real.end_month
    for node_id, i, path, _ in _values(ctx):
        ind = ctx.plan.by_id[node_id].node.indikator[i]
        if period_target(ind, tahun, month) == 0 and ind.metode_capaian != "tercapai":
            yield Finding(
                "M013",
                f"Target indikator '{shorten(ind.uraian)}' untuk periode ini 0: capaian "
                "(realisasi ÷ target) tidak dapat dihitung. Tulis 'metode_capaian: tercapai' "
                "bila target 0 memang dituju.",
                path,
                node_id,
            )


@realisasi_rule("M014", "percent-above-100")
def percent_above_100(ctx: RealisasiContext) -> Iterator[Finding]:
    """A realisasi in "%" above 100 for an indicator that is at most 100.

    Not reported for an indicator of growth or a ratio (worded with
    peningkatan, pertumbuhan, kenaikan or rasio).

    Failing:
        realisasi:
          bencana: {indikator: [193.59]}
    Passing:
        realisasi:
          bencana: {indikator: [93.59]}
    """
    for node_id, i, path, value in _values(ctx):
        ind = ctx.plan.by_id[node_id].node.indikator[i]
        if unit_of(ind.satuan) in PERCENT_UNITS and value > 100 and not _growth(ind.uraian):
            yield Finding(
                "M014",
                f"Realisasi {format_number(value)}% indikator '{shorten(ind.uraian)}' melebihi "
                "100%.",
                path,
                node_id,
            )


def stated_tolerance(stated: float | int) -> float:
    """Half a unit of the last decimal written: 80.5 → 0.05, 89 → 0.5 ("beyond rounding")."""
    text = repr(float(stated))
    decimals = 0 if float(stated).is_integer() else len(text.split(".")[1])
    return 0.5 / float(10 ** min(decimals, 6)) + 1e-9


@realisasi_rule("M015", "capaian-tertulis-differs", "warning")
def capaian_tertulis_differs(ctx: RealisasiContext) -> Iterator[Finding]:
    """A published capaian (`capaian_tertulis`) differs from the one its figures give.

    The capaian is computed from the plan's target and the realisasi of this
    file, by the indicator's `arah` and `metode_capaian`. A difference beyond
    the rounding of the published figure is reported with both numbers.

    Failing:
        realisasi:
          bencana-permakanan: {indikator: [12], capaian_tertulis: [80.5]}   # 12 ÷ 10 (TW I) = 120%
    Passing:
        realisasi:
          bencana-permakanan: {indikator: [12], capaian_tertulis: [120]}
    """
    from pokin.views.capaian import capaian_of, indicator_values, metode_of, period_target

    tahun = ctx.plan.model.tahun
    month = ctx.real.end_month
    for node_id, entry in ctx.real.model.realisasi.items():
        ref = ctx.plan.by_id.get(node_id)
        if ref is None or entry.capaian_tertulis is None:
            continue
        values = indicator_values(entry.indikator, ref.node.indikator)
        stated = indicator_values(entry.capaian_tertulis, ref.node.indikator)
        for i, written in stated.items():
            ind = ref.node.indikator[i]
            computed, _ = capaian_of(
                period_target(ind, tahun, month), values.get(i), ind.arah, metode_of(ind)
            )
            if computed is None or abs(computed - written) <= stated_tolerance(written):
                continue
            key: str | int = (
                i
                if isinstance(entry.capaian_tertulis, list)
                else _text(entry.capaian_tertulis, ind.uraian)
            )
            yield Finding(
                "M015",
                f"Capaian tertulis {format_number(written)}% indikator '{shorten(ind.uraian)}' "
                f"berbeda dengan capaian dari angkanya sendiri {format_number(computed, 2)}% "
                f"(selisih {format_number(abs(computed - written), 2)} poin).",
                _where(ctx.real, node_id, "capaian_tertulis", key),
                node_id,
            )


def _text(values: object, uraian: str) -> str:
    wanted = " ".join(uraian.lower().split())
    for text in values if isinstance(values, dict) else ():
        if " ".join(str(text).lower().split()) == wanted:
            return str(text)
    return uraian


@realisasi_rule("M016", "serapan-tertulis-differs", "warning")
def serapan_tertulis_differs(ctx: RealisasiContext) -> Iterator[Finding]:
    """A published serapan anggaran (`serapan_tertulis`) differs from realisasi ÷ pagu.

    The node's realisasi anggaran is its own, or the sum of its children's
    in this file, divided by its pagu for the plan year.

    Failing:
        realisasi:
          bencana-permakanan: {anggaran: 65000000, serapan_tertulis: 30}   # 24,25%
    Passing:
        realisasi:
          bencana-permakanan: {anggaran: 65000000, serapan_tertulis: 24.25}
    """
    from pokin.views.capaian import serapan_of
    from pokin.views.rollup import amounts_rollup, budget_rollup

    if not any(e.serapan_tertulis is not None for e in ctx.real.model.realisasi.values()):
        return
    spent = {
        node_id: entry.anggaran
        for node_id, entry in ctx.real.model.realisasi.items()
        if entry.anggaran is not None
    }
    tahun = ctx.plan.model.tahun
    budget = budget_rollup(ctx.plan)
    realised = amounts_rollup(ctx.plan, spent)
    for node_id, entry in ctx.real.model.realisasi.items():
        written = entry.serapan_tertulis
        if written is None or node_id not in budget.by_id:
            continue
        pagu = budget.by_id[node_id].effective.get(tahun)
        amount = realised.by_id[node_id].effective.get(tahun)
        computed = serapan_of(pagu, amount)
        if computed is None or abs(computed - written) <= stated_tolerance(written):
            continue
        yield Finding(
            "M016",
            f"Serapan tertulis {format_number(written)}% node '{node_id}' berbeda dengan "
            f"realisasi ÷ pagu = {format_rupiah(amount or 0)} ÷ {format_rupiah(pagu or 0)} = "
            f"{format_number(computed, 2)}%.",
            _where(ctx.real, node_id, "serapan_tertulis"),
            node_id,
        )


@realisasi_rule("M018", "grade-not-on-scale")
def grade_not_on_scale(ctx: RealisasiContext) -> Iterator[Finding]:
    """A grade (WTP…, AA…D) for an indicator whose satuan is not that ordinal scale.

    Grades are read on the scale the indicator's `satuan` names: `predikat`
    (SAKIP: D, C, CC, B, BB, A, AA) or `opini` (BPK: TMP, TW, WDP, WTP).

    Failing:
        realisasi:
          bencana-permakanan: {indikator: [WTP]}   # satuan orang
    Passing:
        realisasi:
          bencana-permakanan: {indikator: [12]}
    """
    _values(ctx)
    if not ctx.graded:
        return
    for node_id, entry in ctx.real.model.realisasi.items():
        ref = ctx.plan.by_id.get(node_id)
        if ref is None:
            continue
        for i, path, written in _written(ctx, node_id, entry.indikator, ref.node.indikator):
            ind = ref.node.indikator[i]
            if isinstance(written, str) and numeric(written, ind) is None:
                scale = ordinal_scale(ind.satuan)
                where = (
                    f"skala '{ind.satuan}' ({', '.join(scale)})"
                    if scale
                    else f"satuan '{ind.satuan or '-'}', yang bukan skala predikat atau opini"
                )
                yield Finding(
                    "M018",
                    f"Nilai '{written}' untuk indikator '{shorten(ind.uraian)}' bukan tingkat "
                    f"{where}.",
                    path,
                    node_id,
                )


@realisasi_rule("M019", "realisasi-anggaran-mismatch")
def realisasi_anggaran_mismatch(ctx: RealisasiContext) -> Iterator[Finding]:
    """A node's realisasi anggaran differs from the sum of its children's in the same file.

    The same roll-up as the budget's (B001): where a program or kegiatan
    writes its own realisasi anggaran and its children write theirs, the
    two must agree.

    Failing:
        realisasi:
          bencana-kebutuhan-dasar: {anggaran: 100000000}   # its sub kegiatan: 85.825.000
    Passing:
        realisasi:
          bencana-kebutuhan-dasar: {anggaran: 85825000}
    """
    from pokin.views.rollup import amounts_rollup

    spent = {
        node_id: entry.anggaran
        for node_id, entry in ctx.real.model.realisasi.items()
        if entry.anggaran is not None and node_id in ctx.plan.by_id
    }
    # only a node with children that writes its own figure can disagree with them
    if len(spent) < 2 or not any(ctx.plan.by_id[n].children for n in spent):
        return
    tahun = ctx.plan.model.tahun
    for row in amounts_rollup(ctx.plan, spent).mismatches:
        node_id = row.ref.id
        if node_id not in spent or not row.computed:
            continue
        written, parts = spent[node_id], row.computed.get(tahun, 0)
        yield Finding(
            "M019",
            f"Realisasi anggaran node '{node_id}' tertulis {format_rupiah(written)}, padahal "
            f"jumlah realisasi anak-anaknya {format_rupiah(parts)} (selisih "
            f"{format_rupiah(written - parts)}).",
            _where(ctx.real, node_id, "anggaran"),
            node_id,
        )
