"""Views of a pemda workspace: budget across plans, coverage per PD, crosscutting, diff pairs.

Money is always the one roll-up of each plan (:func:`pokin.views.rollup.budget_rollup`)
and counts once: the RPJMD's pagu indikatif is the perangkat daerah's money and is
not added again, a top-level node with ``induk`` realises a node counted in its
induk's plan, and crosscutting never moves money.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pokin.levels import BUDGET_LEVELS
from pokin.model import Csf
from pokin.plan import LoadedPlan, NodeRef
from pokin.source.workspace import Workspace
from pokin.views.rollup import BudgetRow, budget_rollup

#: Views of ``pokin budget`` on a workspace.
WORKSPACE_VIEWS = ("pd", "urusan", "program")
NO_KODE = "(tanpa kode)"


def budget_year(ws: Workspace) -> int:
    """The budget year: the ``tahun`` most one-year plans share (the latest on a tie)."""
    years = Counter(p.model.tahun for p in ws.plans if not p.kind.five_year)
    if not years:
        years = Counter(p.model.tahun for p in ws.plans)
    if not years:
        return 0
    best = max(years.values())
    return max(year for year, n in years.items() if n == best)


def counted(plan: LoadedPlan) -> bool:
    """Whether a plan's money counts in the pemda total (not the RPJMD's pagu indikatif)."""
    return plan.model.dokumen != "rpjmd"


def money_tops(plan: LoadedPlan) -> Iterator[BudgetRow]:
    """The topmost budget rows of a plan that count: not under a node with ``induk``."""
    rollup = budget_rollup(plan)
    stack = list(reversed(rollup.root.children))
    while stack:
        row = stack.pop()
        if row.ref.node.induk:
            continue  # realises a node of another plan: counted there
        if row.ref.level in BUDGET_LEVELS:
            yield row
        else:
            stack.extend(reversed(row.children))


def _kode_prefix(kode: str | None, parts: int) -> str:
    if not kode:
        return NO_KODE
    pieces = kode.split(".")
    return ".".join(pieces[:parts]) if len(pieces) >= parts else NO_KODE


@dataclass
class BudgetLine:
    """One row of a workspace budget: a PD, an urusan/bidang or a program kode."""

    key: str
    name: str
    amount: int = 0
    #: The ``kode_pd`` of the plans whose money it holds, in order.
    plans: list[str] = field(default_factory=list)


@dataclass
class WorkspaceBudget:
    """The pemda's money of one budget year, grouped one way, with the pemda total."""

    title: str
    year: int
    by: str
    lines: list[BudgetLine]
    total: int
    #: Plans whose figures are shown for information and not added (the RPJMD).
    not_added: list[tuple[str, int]]
    #: Plans whose declared anggaran disagree with their parts (``pokin budget PLAN``).
    mismatched: list[str]

    @property
    def exit_code(self) -> int:
        """0 when every plan's declared figures match their parts, else 1."""
        return 1 if self.mismatched else 0


def workspace_budget(ws: Workspace, by: str = "pd") -> WorkspaceBudget:
    """Money of every plan for the budget year: per PD, per urusan/bidang or per program kode."""
    year = budget_year(ws)
    lines: dict[str, BudgetLine] = {}
    not_added: list[tuple[str, int]] = []
    mismatched: list[str] = []
    total = 0
    for plan in ws.plans:
        kode_pd = plan.model.kode_pd or plan.file
        rollup = budget_rollup(plan)
        if rollup.mismatches:
            mismatched.append(kode_pd)
        tops = list(money_tops(plan))
        if not counted(plan):
            not_added.append((kode_pd, sum(r.effective.get(year, 0) for r in tops)))
            continue
        for row in tops:
            amount = row.effective.get(year, 0)
            total += amount
            kode = getattr(row.ref.node, "kode", None)
            if by == "pd":
                key, name = kode_pd, plan.model.perangkat_daerah
            elif by == "urusan":
                key, name = _kode_prefix(kode, 2), ""
            else:
                key = _kode_prefix(kode, 3)
                name = getattr(row.ref.node, "nama", "") if row.ref.level == "program" else ""
            line = lines.setdefault(key, BudgetLine(key, name))
            line.name = line.name or name
            line.amount += amount
            if kode_pd not in line.plans:
                line.plans.append(kode_pd)
    ordered = list(lines.values()) if by == "pd" else sorted(lines.values(), key=_kode_key)
    return WorkspaceBudget(ws.title, year, by, ordered, total, not_added, mismatched)


def _kode_key(line: BudgetLine) -> tuple[int, list[str]]:
    return (1 if line.key == NO_KODE else 0, line.key.split("."))


# ------------------------------------------------------------------- crosscutting


@dataclass(frozen=True)
class CrossLink:
    """One crosscutting link: who depends on whom, and for what."""

    plan: str  # kode_pd of the side that writes it
    node: str
    kinerja: str
    owner: str | None  # the jabatan that owns the node
    to: str  # KODE_PD:ID, or the mitra's name
    peran: str
    outside: bool  # a mitra outside the workspace


def crosscutting(plan: LoadedPlan) -> list[CrossLink]:
    """The crosscutting links a plan writes, in file order."""
    kode = plan.model.kode_pd or ""
    out: list[CrossLink] = []
    for ref in plan.nodes:
        for link in ref.node.crosscutting:
            to = link.ke or link.mitra or ""
            out.append(
                CrossLink(kode, ref.id, ref.node.kinerja, ref.owner(), to, link.peran, not link.ke)
            )
    return out


# ----------------------------------------------------------------------- coverage


@dataclass
class Coverage:
    """How complete one PD's plan is: what a Bappeda reviewer checks by hand."""

    kode_pd: str
    perangkat_daerah: str
    file: str
    dokumen: str
    nodes: int
    with_indikator: int
    indikator: int
    with_target: int
    with_pj: int
    csf: int
    csf_linked: int
    anggaran: int
    anggaran_measured: int
    cross_out: list[CrossLink]
    cross_in: list[CrossLink]
    problems: int = 0

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        """``part / whole`` as a percentage (``None`` when there is nothing to count)."""
        return part * 100.0 / whole if whole else None


def coverage(ws: Workspace) -> list[Coverage]:
    """One coverage row per plan file, in file order (an empty row for a plan that did not load)."""
    year = budget_year(ws)
    links = {p.model.kode_pd: crosscutting(p) for p in ws.plans}
    rows: list[Coverage] = []
    for result in ws.results:
        plan = result.plan
        if plan is None:
            rows.append(
                Coverage(
                    Path(result.file).stem,
                    "(tidak dapat dibaca: lihat pokin validate)",
                    result.file,
                    "-",
                    *(0,) * 9,
                    [],
                    [],
                )
            )
            continue
        kode = plan.model.kode_pd or plan.file
        nodes = plan.nodes
        indicators = [ind for ref in nodes for ind in ref.node.indikator]
        csfs = [ref for ref in nodes if ref.level == "csf"]
        lines = [ref for ref in nodes if ref.level in BUDGET_LEVELS and not ref.children]
        rollup = budget_rollup(plan)
        anggaran = measured = 0
        for ref in lines:
            row = rollup.by_id.get(ref.id)
            amount = row.effective.get(year, 0) if row is not None and row.ref is ref else 0
            anggaran += amount
            if _measured(ref):
                measured += amount
        cross_in = [
            link
            for other, items in links.items()
            if other != plan.model.kode_pd
            for link in items
            if link.to.split(":", 1)[0] == plan.model.kode_pd
        ]
        rows.append(
            Coverage(
                kode,
                plan.model.perangkat_daerah,
                plan.file,
                plan.model.dokumen,
                len(nodes),
                sum(1 for ref in nodes if ref.node.indikator),
                len(indicators),
                sum(1 for ind in indicators if ind.target is not None),
                sum(1 for ref in nodes if ref.owner()),
                len(csfs),
                sum(1 for ref in csfs if isinstance(ref.node, Csf) and ref.node.rpjmd),
                anggaran,
                measured,
                links.get(plan.model.kode_pd, []),
                cross_in,
            )
        )
    return rows


def _measured(ref: NodeRef) -> bool:
    """Whether a budget line is tied to a measured kinerja (it has an indicator)."""
    return bool(ref.node.indikator)
