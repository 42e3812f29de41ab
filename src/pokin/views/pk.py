"""Perjanjian Kinerja (PK) as data: what one position promises, and to whom.

A position's PK holds the nodes it answers for (``pj``, inherited by the
nodes below that name no ``pj`` of their own), with indicators and the plan
year's targets; for eselon III and below also the program / kegiatan / sub
kegiatan it manages with their anggaran from the one budget roll-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pokin.levels import BUDGET_LEVELS
from pokin.model import Jabatan, RenstraItem
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import UsageError
from pokin.views.report import IndicatorView, NodeView, build_views, indicator_view, walk_views
from pokin.views.rollup import budget_rollup

#: Eselon whose PK lists the budget they manage.
BUDGET_ESELON = frozenset({"III", "IV", "JF"})


@dataclass(frozen=True)
class PkSasaran:
    """A row group of the PK's target table: a statement and its indicators."""

    level: str
    kinerja: str
    indikator: list[IndicatorView]


@dataclass(frozen=True)
class PkBudgetLine:
    """A program, kegiatan or sub kegiatan in the PK's budget table."""

    node: NodeView
    depth: int


@dataclass(frozen=True)
class PkCrosscutting:
    """A sasaran of the PK that another PD (or an outside mitra) helps to realise."""

    kinerja: str
    partner: str
    peran: str
    outside: bool


@dataclass(frozen=True)
class PerjanjianKinerja:
    """The Perjanjian Kinerja of one position for the plan year."""

    perangkat_daerah: str
    tahun: int
    jabatan: Jabatan
    atasan: Jabatan | None
    sasaran: list[PkSasaran]
    anggaran: list[PkBudgetLine]
    total_anggaran: int
    show_anggaran: bool
    date: dt.date | None = None
    place: str | None = None
    #: Crosscutting links of the nodes it answers for (Additions: crosscutting).
    crosscutting: tuple[PkCrosscutting, ...] = ()


def build_pk(
    plan: LoadedPlan,
    jabatan_id: str,
    date: dt.date | None = None,
    place: str | None = None,
    views: NodeView | None = None,
    index: PkIndex | None = None,
) -> PerjanjianKinerja:
    """The PK of position ``jabatan_id`` (a :class:`UsageError` if there is none).

    ``views`` is the plan's :func:`~pokin.views.report.build_views` tree, and
    ``index`` its :class:`PkIndex`, when the caller builds several PKs of one
    plan: each PK then costs O(its own nodes), not O(all nodes).
    """
    jab = plan.jabatan_by_id.get(jabatan_id)
    if jab is None:
        known = ", ".join(j.id for j in plan.model.jabatan) or "(tidak ada)"
        raise UsageError(
            f"jabatan '{jabatan_id}' tidak ada dalam rencana; jabatan yang ada: {known}"
        )
    model = plan.model
    tahun = model.tahun
    atasan = plan.jabatan_by_id.get(jab.atasan) if jab.atasan else None
    if index is None:
        index = PkIndex.of(plan, views or build_views(plan, budget_rollup(plan)))
    refs = index.refs

    sasaran: list[PkSasaran] = []
    rpjmd = model.rpjmd
    if rpjmd is not None and rpjmd.pj == jab.id:
        if rpjmd.tujuan:
            ind = (
                [IndicatorView(rpjmd.indikator_tujuan, None, None, {})]
                if rpjmd.indikator_tujuan
                else []
            )
            sasaran.append(PkSasaran("rpjmd-tujuan", rpjmd.tujuan, ind))
        if rpjmd.sasaran:
            sasaran.append(PkSasaran("rpjmd-sasaran", rpjmd.sasaran, []))
    mine = index.by_owner.get(jab.id, [])
    renstra_ids: set[str] = set()
    for node in mine:
        sasaran.append(PkSasaran(node.level, node.kinerja, node.indikator))
        link = getattr(refs[id(node)].node, "renstra", None)
        if isinstance(link, str):
            renstra_ids.add(link)
    if model.renstra is not None:
        items = sorted(
            (index.renstra[r] for r in renstra_ids if r in index.renstra), key=lambda p: p[0]
        )
        for _, item in items:
            sasaran.append(
                PkSasaran(
                    "renstra-sasaran",
                    item.kinerja,
                    [indicator_view(i, tahun) for i in item.indikator],
                )
            )

    lines: list[PkBudgetLine] = []
    total = 0
    chosen = {id(n) for n in mine if n.level in BUDGET_LEVELS}
    for node in mine:  # in file order, as the plan's nodes are
        if id(node) not in chosen:
            continue
        depth = 0
        parent = node.parent
        while parent is not None and id(parent) in chosen:
            depth += 1
            parent = parent.parent
        lines.append(PkBudgetLine(node, depth))
        if depth == 0:
            total += node.anggaran or 0
    return PerjanjianKinerja(
        perangkat_daerah=model.perangkat_daerah,
        tahun=tahun,
        jabatan=jab,
        atasan=atasan,
        sasaran=sasaran,
        anggaran=lines,
        total_anggaran=total,
        show_anggaran=jab.grade in BUDGET_ESELON,
        date=date,
        place=place,
        crosscutting=tuple(
            PkCrosscutting(node.kinerja, link.ke or link.mitra or "", link.peran, not link.ke)
            for node in mine
            for link in refs[id(node)].node.crosscutting
        ),
    )


def build_all(
    plan: LoadedPlan, date: dt.date | None = None, place: str | None = None
) -> list[PerjanjianKinerja]:
    """The PK of every position of the plan, in the order of ``jabatan``."""
    seen: set[str] = set()
    out: list[PerjanjianKinerja] = []
    index = PkIndex.of(plan, build_views(plan, budget_rollup(plan)))  # O(N), once
    for jab in plan.model.jabatan:
        if jab.id not in seen:
            seen.add(jab.id)
            out.append(build_pk(plan, jab.id, date, place, index=index))
    return out


@dataclass(frozen=True)
class PkIndex:
    """What every PK of one plan looks up: built once, O(N) for N nodes."""

    refs: dict[int, NodeRef]
    by_owner: dict[str, list[NodeView]]
    renstra: dict[str, tuple[int, RenstraItem]]

    @classmethod
    def of(cls, plan: LoadedPlan, views: NodeView) -> PkIndex:
        """The index of ``plan`` and its :func:`~pokin.views.report.build_views` tree."""
        nodes = walk_views(views)
        refs = {id(view): ref for ref, view in zip(plan.root.walk(), nodes, strict=True)}
        by_owner: dict[str, list[NodeView]] = {}
        for ref, view in zip(plan.root.walk(), nodes, strict=True):
            owner = ref.owner()
            if owner is not None:
                by_owner.setdefault(owner, []).append(view)
        renstra: dict[str, tuple[int, RenstraItem]] = {}
        if plan.model.renstra is not None:
            for n, item in enumerate(plan.model.renstra.sasaran):
                renstra.setdefault(item.id, (n, item))
        return cls(refs, by_owner, renstra)
