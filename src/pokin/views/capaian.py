"""Capaian: target, realisasi and capaian per node, "as of" the latest period given.

The formulas are FORMAT.md's ("Capaian"):

* ``arah: naik`` (the default): capaian = realisasi ÷ target × 100;
* ``arah: turun`` (lower is better): capaian = (2 × target − realisasi) ÷ target × 100,
  never below 0;
* ``arah: tetap``: 100 when realisasi equals target, less by the relative distance
  (100 − |realisasi − target| ÷ target × 100), never below 0;
* serapan anggaran = realisasi anggaran ÷ anggaran × 100;
* efisiensi = capaian − serapan (the node's capaian is the mean of its indicators').

An indicator may name another method (``metode_capaian``, :data:`pokin.model.METODE_CAPAIAN`).
A target of 0 leaves the capaian undefined (never a division by zero), and
so does a missing target or realisasi; the reason is kept for the report.
Nothing here reads the clock: the period is the latest of the files given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from pokin.model import Indikator, Jabatan, grade_rank, ordinal_scale
from pokin.plan import LoadedPlan, NodeRef
from pokin.source.realisasi import PERIODE_END_MONTH, LoadedRealisasi, RealisasiNode
from pokin.views.rollup import amounts_rollup, budget_rollup

Number = float | int


def rounded(value: float | None, places: int = 2) -> float | None:
    """``value`` rounded half up to ``places`` decimals (as people round, not banker's)."""
    if value is None:
        return None
    scaled = value * 10**places
    if abs(abs(scaled - int(scaled)) - 0.5) > 1e-6:  # no tie: round() rounds the same way
        return round(value, places)
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def capaian_of(
    target: Number | None,
    realisasi: Number | None,
    arah: str | None = None,
    metode: str | None = None,
) -> tuple[float | None, str | None]:
    """``(capaian in %, None)``, or ``(None, why it is undefined)``.

    ``arah`` is naik (default), turun or tetap; ``metode`` one of
    :data:`pokin.model.METODE_CAPAIAN` (default ``standar``).
    """
    if target is None:
        return None, "tanpa target"
    if realisasi is None:
        return None, "belum ada realisasi"
    arah = arah or "naik"
    metode = metode or "standar"
    if metode == "tercapai":
        reached = {
            "naik": realisasi >= target,
            "turun": realisasi <= target,
            "tetap": realisasi == target,
        }[arah]
        return (100.0 if reached else 0.0), None
    if target == 0:
        return None, "target 0: capaian tidak dapat dihitung"
    if metode == "kebalikan" and arah == "turun":
        if realisasi == 0:
            return None, "realisasi 0: target ÷ realisasi tidak dapat dihitung"
        value = target / realisasi * 100
    elif arah == "turun":
        value = max(0.0, (2 * target - realisasi) / target * 100)
    elif arah == "tetap":
        value = max(0.0, 100 - abs(realisasi - target) / abs(target) * 100)
    else:
        value = realisasi / target * 100
    if metode == "dibatasi":
        value = min(value, 100.0)
    return value, None


def serapan_of(anggaran: int | None, realisasi: int | None) -> float | None:
    """Realisasi anggaran ÷ anggaran × 100, ``None`` without a pagu (or a pagu of 0)."""
    if not anggaran or realisasi is None:
        return None
    return realisasi / anggaran * 100


def numeric(value: Number | str | None, ind: Indikator) -> Number | None:
    """A value as a number: a grade (``WTP``) is its rank on the indicator's ordinal scale.

    A grade the indicator's satuan has no scale for is ``None`` (rule M018).
    """
    if isinstance(value, str):
        return grade_rank(value, ind.satuan)
    return value


def indicator_values(
    values: list[Number | str | None] | dict[str, Number | str] | None,
    indikator: Sequence[Indikator],
) -> dict[int, Number]:
    """A node's values by indicator index (a list in order, or a mapping by ``uraian``)."""
    if values is None:
        return {}
    found: dict[int, Number] = {}
    if isinstance(values, list):
        for i, v in enumerate(values[: len(indikator)]):
            number = numeric(v, indikator[i])
            if number is not None:
                found[i] = number
        return found
    by_text = {_norm(ind.uraian): i for i, ind in enumerate(indikator)}
    for text, value in values.items():
        index = by_text.get(_norm(text))
        if index is not None:
            number = numeric(value, indikator[index])
            if number is not None:
                found[index] = number
    return found


def grade_of(value: Number | None, satuan: object) -> Number | str | None:
    """A value as shown: the grade name for a rank on an ordinal scale (4 → ``WTP``)."""
    scale = ordinal_scale(satuan)
    if scale is not None and isinstance(value, int | float) and float(value).is_integer():
        rank = int(value)
        if 1 <= rank <= len(scale):
            return scale[rank - 1]
    return value


def metode_of(ind: Indikator) -> str:
    """The indicator's capaian method: its own, ``tercapai`` on an ordinal scale, else standar."""
    if ind.metode_capaian:
        return ind.metode_capaian
    return "tercapai" if ordinal_scale(ind.satuan) is not None else "standar"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def period_target(ind: Indikator, tahun: int, end_month: int) -> Number | None:
    """The target for a period ending in ``end_month``: the TW target where one is given."""
    if ind.target_triwulan is not None and end_month % 3 == 0:
        return ind.target_triwulan[end_month // 3 - 1]
    if isinstance(ind.target, dict):
        return ind.target.get(tahun)
    return ind.target


@dataclass
class IndicatorRow:
    """One indicator of a node: target, realisasi and capaian for the period."""

    index: int
    indikator: Indikator
    target: Number | None
    target_tahun: Number | None
    realisasi: Number | None
    capaian: float | None
    reason: str | None
    tertulis: Number | None = None

    @property
    def arah(self) -> str:
        """naik, turun or tetap."""
        return self.indikator.arah or "naik"

    @property
    def metode(self) -> str:
        """The capaian method's name."""
        return metode_of(self.indikator)


@dataclass
class NodeRow:
    """One node's figures as of the period."""

    ref: NodeRef
    indicators: list[IndicatorRow]
    anggaran: int | None
    realisasi_anggaran: int | None
    periode: str | None
    entry: RealisasiNode | None

    @property
    def capaian(self) -> float | None:
        """The mean capaian of the node's indicators that have one."""
        values = [row.capaian for row in self.indicators if row.capaian is not None]
        return sum(values) / len(values) if values else None

    @property
    def serapan(self) -> float | None:
        """Realisasi anggaran ÷ anggaran × 100."""
        return serapan_of(self.anggaran, self.realisasi_anggaran)

    @property
    def efisiensi(self) -> float | None:
        """Capaian − serapan (both in %), where both exist."""
        capaian, serapan = self.capaian, self.serapan
        if capaian is None or serapan is None:
            return None
        return capaian - serapan

    @property
    def reported(self) -> bool:
        """Whether any realisasi is known for the node (its own or rolled up)."""
        return self.entry is not None or self.realisasi_anggaran is not None


@dataclass
class CapaianView:
    """Every node's capaian as of the latest period of the files given."""

    plan: LoadedPlan
    files: list[LoadedRealisasi]
    rows: list[NodeRow]
    by_id: dict[str, NodeRow] = field(default_factory=dict)

    @property
    def latest(self) -> LoadedRealisasi | None:
        """The file of the latest period (the "as of" of every figure)."""
        return self.files[-1] if self.files else None

    @property
    def periode(self) -> str | None:
        """The latest period's key (``tw2``)."""
        latest = self.latest
        return latest.model.periode if latest is not None else None

    @property
    def label(self) -> str:
        """``Triwulan II 2025``, or the plan year when no realisasi is given."""
        latest = self.latest
        return latest.label if latest is not None else f"Tahun {self.plan.model.tahun}"

    @property
    def tanggal(self) -> str | None:
        """The date of the latest data (ISO), when the file gives one."""
        latest = self.latest
        if latest is None or latest.model.tanggal is None:
            return None
        return latest.model.tanggal.isoformat()

    def by_jabatan(self) -> list[JabatanRow]:
        """What each PK signer achieved: the nodes of its PK, in jabatan order.

        As in the PK (:mod:`pokin.views.pk`), a node belongs to its own ``pj``
        or, without one, to its nearest ancestor's.
        """
        owners = {id(row): row.ref.owner() for row in self.rows}
        groups: list[JabatanRow] = []
        for jab in self.plan.model.jabatan:
            rows = [row for row in self.rows if owners[id(row)] == jab.id]
            if rows:
                groups.append(JabatanRow(jab, rows))
        return groups


@dataclass
class JabatanRow:
    """One jabatan's nodes, with its capaian and money.

    Money counts each of the jabatan's nodes once: a node under another of
    its nodes is already inside that one's anggaran.
    """

    jabatan: Jabatan
    rows: list[NodeRow]

    @property
    def top_rows(self) -> list[NodeRow]:
        """The rows not below another row of the jabatan."""
        ids = {row.ref.id for row in self.rows}
        return [r for r in self.rows if not any(a.id in ids for a in r.ref.ancestors())]

    @property
    def capaian(self) -> float | None:
        """The mean capaian of the jabatan's indicators that have one."""
        values = [i.capaian for row in self.rows for i in row.indicators if i.capaian is not None]
        return sum(values) / len(values) if values else None

    @property
    def anggaran(self) -> int | None:
        """The pagu of the jabatan's nodes."""
        amounts = [r.anggaran for r in self.top_rows if r.anggaran is not None]
        return sum(amounts) if amounts else None

    @property
    def realisasi_anggaran(self) -> int | None:
        """The realisasi anggaran of the jabatan's nodes."""
        amounts = [r.realisasi_anggaran for r in self.top_rows if r.realisasi_anggaran is not None]
        return sum(amounts) if amounts else None

    @property
    def serapan(self) -> float | None:
        """Realisasi anggaran ÷ anggaran × 100."""
        return serapan_of(self.anggaran, self.realisasi_anggaran)


def in_period_order(files: Sequence[LoadedRealisasi]) -> list[LoadedRealisasi]:
    """Files sorted by the end of their period (a stable sort keeps ties in given order)."""
    return sorted(files, key=lambda f: PERIODE_END_MONTH[f.model.periode])


def capaian_view(plan: LoadedPlan, files: Sequence[LoadedRealisasi]) -> CapaianView:
    """Target, realisasi and capaian of every node, from the latest figures given.

    Values are cumulative, so a node's figures are those of the latest
    period that reports it. Realisasi anggaran is rolled up through
    :func:`pokin.views.rollup.amounts_rollup`, as anggaran is.
    """
    ordered = in_period_order(files)
    tahun = plan.model.tahun
    end_month = ordered[-1].end_month if ordered else 12
    latest: dict[str, tuple[LoadedRealisasi, RealisasiNode]] = {}
    for real in ordered:
        for node_id, reported in real.model.realisasi.items():
            if node_id in plan.by_id:
                latest[node_id] = (real, reported)
    spent = {
        node_id: given.anggaran
        for node_id, (_, given) in latest.items()
        if given.anggaran is not None
    }
    budget = budget_rollup(plan)
    realised = amounts_rollup(plan, spent)
    rows: list[NodeRow] = []
    for ref in plan.nodes:
        real_entry = latest.get(ref.id)
        entry = real_entry[1] if real_entry else None
        values = indicator_values(entry.indikator if entry else None, ref.node.indikator)
        stated = indicator_values(entry.capaian_tertulis if entry else None, ref.node.indikator)
        indicators: list[IndicatorRow] = []
        for i, ind in enumerate(ref.node.indikator):
            target = period_target(ind, tahun, end_month)
            value = values.get(i)
            capaian, reason = capaian_of(target, value, ind.arah, metode_of(ind))
            year = period_target(ind, tahun, 13)  # 13: never a quarter end → the year target
            indicators.append(
                IndicatorRow(i, ind, target, year, value, capaian, reason, stated.get(i))
            )
        budget_row = budget.by_id.get(ref.id)
        real_row = realised.by_id.get(ref.id)
        anggaran = budget_row.effective.get(tahun) if budget_row is not None else None
        spent_amounts = real_row.effective if real_row is not None else {}
        row = NodeRow(
            ref,
            indicators,
            anggaran,
            spent_amounts.get(tahun) if spent_amounts else None,
            real_entry[0].model.periode if real_entry else None,
            entry,
        )
        rows.append(row)
    return CapaianView(plan, ordered, rows, {row.ref.id: row for row in rows})
