"""The LKjIP chapter III (Akuntabilitas Kinerja) as data for its templates.

Per sasaran (the CSF of a penjenjangan; the top-level nodes of a partial
plan): the indicator table with target, realisasi and capaian of the
sasaran and its programs, last year's realisasi and capaian when the
previous year's realisasi is given, the faktor pendukung and penghambat
written in the realisasi files; then anggaran, realisasi, serapan and
efisiensi per program. Every figure comes from :mod:`pokin.views.capaian`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pokin.views.capaian import CapaianView, IndicatorRow, NodeRow, serapan_of


@dataclass
class LkjipIndicator:
    """One row of a sasaran's table: a node's indicator, with last year's figures."""

    node: NodeRow
    item: IndicatorRow
    previous: IndicatorRow | None = None

    @property
    def level(self) -> str:
        """The node's level key."""
        return self.node.ref.level


@dataclass
class Faktor:
    """A faktor pendukung or penghambat, with the node it was written for."""

    node: NodeRow
    text: str


@dataclass
class LkjipSasaran:
    """One sasaran: its indicator rows, its programs' rows, and the factors written."""

    number: int
    node: NodeRow
    rows: list[LkjipIndicator]
    pendukung: list[Faktor] = field(default_factory=list)
    penghambat: list[Faktor] = field(default_factory=list)


@dataclass
class LkjipDoc:
    """Everything the LKjIP chapter templates print."""

    view: CapaianView
    sasaran: list[LkjipSasaran]
    programs: list[NodeRow]
    date: dt.date | None
    previous: CapaianView | None = None

    @property
    def perangkat_daerah(self) -> str:
        """The agency's name."""
        return self.view.plan.model.perangkat_daerah

    @property
    def tahun(self) -> int:
        """The plan year."""
        return self.view.plan.model.tahun

    @property
    def budget_level(self) -> str:
        """The level of the rows of the budget table (program, or a partial plan's top)."""
        return self.programs[0].ref.level if self.programs else "program"

    @property
    def anggaran(self) -> int | None:
        """The pagu of the programs shown."""
        amounts = [row.anggaran for row in self.programs if row.anggaran is not None]
        return sum(amounts) if amounts else None

    @property
    def realisasi_anggaran(self) -> int | None:
        """The realisasi anggaran of the programs shown."""
        amounts = [r.realisasi_anggaran for r in self.programs if r.realisasi_anggaran is not None]
        return sum(amounts) if amounts else None

    @property
    def serapan(self) -> float | None:
        """Realisasi ÷ anggaran × 100 over the programs shown."""
        return serapan_of(self.anggaran, self.realisasi_anggaran)


def _key(item: IndicatorRow) -> str:
    return " ".join(item.indikator.uraian.lower().split())


def build_lkjip(
    view: CapaianView, previous: CapaianView | None = None, date: dt.date | None = None
) -> LkjipDoc:
    """The chapter of ``view``; ``previous`` is last year's view, matched by node id and uraian."""
    plan = view.plan
    prior: dict[tuple[str, str], IndicatorRow] = {}
    if previous is not None:
        for row in previous.rows:
            for item in row.indicators:
                prior[(row.ref.id, _key(item))] = item
    tops = [ref for ref in plan.nodes if ref.level == "csf"] or plan.roots
    sections: list[LkjipSasaran] = []
    for number, top in enumerate(tops, 1):
        node = view.by_id[top.id]
        members = [node] + [
            view.by_id[child.id] for child in top.children if child.level == "program"
        ]
        rows = [
            LkjipIndicator(member, item, prior.get((member.ref.id, _key(item))))
            for member in members
            for item in member.indicators
        ]
        section = LkjipSasaran(number, node, rows)
        for ref in top.walk():
            entry = view.by_id[ref.id].entry
            if entry is None:
                continue
            if entry.faktor_pendukung:
                section.pendukung.append(Faktor(view.by_id[ref.id], entry.faktor_pendukung))
            if entry.faktor_penghambat:
                section.penghambat.append(Faktor(view.by_id[ref.id], entry.faktor_penghambat))
        sections.append(section)
    programs = [row for row in view.rows if row.ref.level == "program"]
    if not programs:  # a Renja slice or PK below program: its top-level nodes
        programs = [view.by_id[ref.id] for ref in plan.roots if ref.level != "outcome"]
    return LkjipDoc(view, sections, programs, date, previous)
