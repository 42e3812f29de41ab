"""The planning report as data: the five stages of a plan, ready for a template.

:func:`build_report` walks a loaded plan the way the method does (Tahap 1 to
5) and returns plain dataclasses: statements, indicators, targets and
anggaran taken from the plan and the one budget roll-up, plus the validation
problems. Nothing here formats text; the templates do (see
:mod:`pokin.render.documents`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from pokin.model import Indikator, Jabatan, RenstraItem, Rpjmd
from pokin.numbers import roman
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import Problem
from pokin.views.rollup import BudgetRow, Rollup, budget_rollup

Number = float | int


@dataclass(frozen=True)
class IndicatorView:
    """An indicator with its target for the plan year and its yearly targets."""

    uraian: str
    satuan: str | None
    target: Number | None
    targets: dict[int, Number]


@dataclass(eq=False)
class NodeView:
    """One node of the tree as the documents show it."""

    id: str
    level: str
    kinerja: str
    indikator: list[IndicatorView]
    nama: str | None
    kode: str | None
    #: anggaran for the plan year: declared, else the sum of its parts
    anggaran: int | None
    #: sum of the children's anggaran for the plan year (None for a leaf)
    anggaran_rincian: int | None
    #: whether the declared anggaran differs from the sum of its parts
    anggaran_selisih: bool
    pj: str | None
    pj_nama: str | None
    catatan: str | None
    line: int
    number: str = ""
    parent: NodeView | None = None
    children: list[NodeView] = field(default_factory=list)
    #: the anggaran as the source document prints it, where the plan corrected it
    anggaran_dokumen: str | None = None


@dataclass(frozen=True)
class RenstraView:
    """A Renstra tujuan or sasaran with its yearly targets (Tahap 5.1)."""

    id: str
    kinerja: str
    indikator: list[IndicatorView]


@dataclass(frozen=True)
class Sheet:
    """A Tahap 3 worksheet: one condition and the conditions it needs."""

    level: str
    parent: NodeView
    children: list[NodeView]
    csf: NodeView


@dataclass(frozen=True)
class GridCell:
    """A cell of the distribution matrix, spanning ``colspan`` leaf columns."""

    texts: list[str]
    colspan: int


@dataclass(frozen=True)
class GridRow:
    """A row of the distribution matrix: its label and cells."""

    label: str
    cells: list[GridCell]


@dataclass(frozen=True)
class Band:
    """A level kinerja of the distribution matrix and the PK it goes into."""

    level_kinerja: str
    pk: str
    jabatan: list[str]
    rows: list[GridRow]


@dataclass(frozen=True)
class Distribution:
    """Tahap 5.4: level kinerja × jabatan, one column per kegiatan."""

    columns: int
    bands: list[Band]


@dataclass(frozen=True)
class BudgetLine:
    """A program's amounts by year in the budget summary."""

    node: NodeView
    amounts: dict[int, int]


@dataclass(frozen=True)
class Mismatch:
    """A declared anggaran that differs from the sum of its parts."""

    node: NodeView
    declared: dict[int, int]
    computed: dict[int, int]
    difference: dict[int, int]


@dataclass(frozen=True)
class BudgetSummary:
    """The budget roll-up as the report shows it."""

    tahun: int
    years: list[int]
    total: dict[int, int]
    programs: list[BudgetLine]
    mismatches: list[Mismatch]
    zero_lines: list[NodeView]
    subkegiatan_count: int


@dataclass(frozen=True)
class ProblemSummary:
    """Validation problems of the plan."""

    problems: list[Problem]
    errors: int
    warnings: int


@dataclass
class Report:
    """Everything the planning report shows, stage by stage."""

    file: str
    perangkat_daerah: str
    tahun: int
    periode: tuple[int, int] | None
    date: dt.date | None
    rpjmd: Rpjmd | None
    outcome: NodeView
    #: Tahap 1 sources side by side: (ekspektasi, mandat, isu strategis) per row
    sumber: list[tuple[str | None, str | None, str | None]]
    csf: list[NodeView]
    sheets: list[Sheet]
    renstra_years: list[int]
    renstra_tujuan: list[RenstraView]
    renstra_sasaran: list[RenstraView]
    programs: list[NodeView]
    kegiatan: list[NodeView]
    distribution: Distribution
    budget: BudgetSummary
    problems: ProblemSummary
    jabatan: list[Jabatan]
    svg_file: str | None = None
    #: Tahap 5.4 split by CSF, one table per CSF that fits a landscape page.
    distribution_by_csf: list[tuple[NodeView, Distribution]] = field(default_factory=list)
    #: Who signs the report (the head of the PD), when the plan names one.
    penandatangan: Jabatan | None = None
    #: Every ``catatan`` of the plan: (where, what, the note), in file order.
    catatan: list[CatatanRow] = field(default_factory=list)
    #: The place printed above the signature.
    place: str | None = None
    #: The pohon kinerja as a table (Level | Kinerja | Indikator | Target | PJ), pj inherited.
    tree_rows: list[TreeRow] = field(default_factory=list)
    #: Nodes whose anggaran the plan corrected from the source document (``anggaran_dokumen``).
    perbedaan: list[NodeView] = field(default_factory=list)
    #: The pemda's logo as a ``data:`` URI, on the cover when given.
    logo: str | None = None


@dataclass(frozen=True)
class TreeRow:
    """A row of the pohon kinerja as a table: level, statement, indicators, pj."""

    level: str
    number: str
    depth: int
    kinerja: str
    indikator: list[IndicatorView]
    pj_nama: str | None


def _tree_rows(outcome: NodeView) -> list[TreeRow]:
    rows: list[TreeRow] = []

    def walk(node: NodeView, depth: int, owner: str | None) -> None:
        pj = node.pj_nama or owner
        if node.id:
            rows.append(TreeRow(node.level, node.number, depth, node.kinerja, node.indikator, pj))
        for child in node.children:
            walk(child, depth + 1 if node.id else depth, pj)

    walk(outcome, 0, None)
    return rows


@dataclass(frozen=True)
class CatatanRow:
    """A plan's note where it belongs: ``Program``, its name, the note."""

    where: str
    what: str
    catatan: str


def _catatan(plan: LoadedPlan, every: list[NodeView]) -> list[CatatanRow]:
    from pokin.levels import BY_KEY

    model = plan.model
    rows: list[CatatanRow] = []
    if model.rpjmd is not None and model.rpjmd.catatan:
        rows.append(CatatanRow("RPJMD", model.rpjmd.tujuan or "", model.rpjmd.catatan))
    for kind, _, item in plan.renstra_items():
        if item.catatan:
            rows.append(CatatanRow(f"{kind.capitalize()} Renstra", item.kinerja, item.catatan))
    for jab in model.jabatan:
        if jab.catatan:
            rows.append(CatatanRow("Jabatan", jab.nama, jab.catatan))
    for node in every:
        if node.catatan:
            label = BY_KEY[node.level].label if node.level in BY_KEY else node.level
            rows.append(CatatanRow(label, node.nama or node.kinerja, node.catatan))
    return rows


def _signer(plan: LoadedPlan) -> Jabatan | None:
    """The head of the PD (who signs the report), or ``None``."""
    from pokin.views.pk import pk_form

    return next((j for j in plan.model.jabatan if pk_form(plan, j) == "jpt"), None)


def indicator_view(ind: Indikator, tahun: int) -> IndicatorView:
    """An indicator with its plan-year target (a yearly mapping gives ``tahun``'s)."""
    if isinstance(ind.target, dict):
        targets: dict[int, Number] = dict(sorted(ind.target.items()))
        target = targets.get(tahun)
    elif ind.target is None:
        targets, target = {}, None
    else:
        targets, target = {tahun: ind.target}, ind.target
    return IndicatorView(ind.uraian, ind.satuan, target, targets)


def renstra_view(item: RenstraItem, tahun: int) -> RenstraView:
    """A Renstra item with its indicators."""
    return RenstraView(item.id, item.kinerja, [indicator_view(i, tahun) for i in item.indikator])


def build_views(plan: LoadedPlan, rollup: Rollup) -> NodeView:
    """The tree of :class:`NodeView`, rooted at the outcome, numbered as in the seed."""
    rows = {id(row.ref): row for row in rollup.rows}
    tahun = plan.model.tahun

    def view(ref: NodeRef, parent: NodeView | None, number: str) -> NodeView:
        row: BudgetRow | None = rows.get(id(ref))
        anggaran = rincian = None
        selisih = False
        if row is not None:
            if row.declared is not None or row.has_children:
                anggaran = row.effective.get(tahun, 0)
            if row.has_children:
                rincian = row.computed.get(tahun, 0)
            selisih = row.mismatch
        pj = ref.node.pj
        jab = plan.jabatan_by_id.get(pj) if pj else None
        node = NodeView(
            id=ref.id,
            level=ref.level,
            kinerja=ref.node.kinerja,
            indikator=[indicator_view(i, tahun) for i in ref.node.indikator],
            nama=getattr(ref.node, "nama", None),
            kode=getattr(ref.node, "kode", None),
            anggaran=anggaran,
            anggaran_rincian=rincian,
            anggaran_selisih=selisih,
            pj=pj,
            pj_nama=jab.nama if jab else None,
            catatan=ref.node.catatan,
            line=plan.position(ref.path)[0],
            number=number,
            parent=parent,
            anggaran_dokumen=getattr(ref.node, "anggaran_dokumen", None),
        )
        for i, child in enumerate(ref.children, start=1):
            child_number = roman(i) if ref.level == "outcome" else f"{number}.{i}"
            node.children.append(view(child, node, child_number))
        return node

    return view(plan.root, None, "")


def walk_views(node: NodeView) -> list[NodeView]:
    """A view and its descendants, in file order."""
    out = [node]
    for child in node.children:
        out.extend(walk_views(child))
    return out


def _sheets(csfs: list[NodeView]) -> list[Sheet]:
    sheets: list[Sheet] = []
    for csf in csfs:
        for node in walk_views(csf):
            if node.children:
                sheets.append(Sheet(node.level, node, node.children, csf))
    return sheets


def _renstra_years(plan: LoadedPlan) -> list[int]:
    model = plan.model
    if model.periode is not None:
        return list(range(model.periode[0], model.periode[1] + 1))
    years: set[int] = set()
    for _, _, item in plan.renstra_items():
        for ind in item.indikator:
            if isinstance(ind.target, dict):
                years.update(ind.target)
    return sorted(years) or [model.tahun]


def _leaves(node: NodeView) -> int:
    """How many kegiatan columns a node spans in the distribution matrix."""
    if node.level == "kegiatan" or not node.children:
        return 1
    return sum(_leaves(c) for c in node.children)


def _names(nodes: list[NodeView]) -> list[str]:
    seen: list[str] = []
    for node in nodes:
        name = node.pj_nama or node.pj
        if name and name not in seen:
            seen.append(name)
    return seen


def _distribution(plan: LoadedPlan, outcome: NodeView) -> Distribution:
    csfs = outcome.children
    programs = [p for c in csfs for p in c.children]
    columns = max(1, sum(_leaves(c) for c in csfs))
    # one kegiatan slot per column; a program or CSF without children keeps its column
    kegiatan_slots: list[NodeView | None] = []
    program_slots: list[tuple[NodeView | None, int]] = []
    for csf in csfs:
        if not csf.children:
            program_slots.append((None, 1))
            kegiatan_slots.append(None)
        for prog in csf.children:
            program_slots.append((prog, _leaves(prog)))
            kegiatan_slots.extend(prog.children or [None])

    def whole(texts: list[str]) -> list[GridCell]:
        return [GridCell(texts, columns)]

    bands: list[Band] = []
    model = plan.model
    rpjmd = model.rpjmd
    if rpjmd is not None:
        kepala = [j for j in model.jabatan if j.eselon == "kepala_daerah"]
        jab = plan.jabatan_by_id.get(rpjmd.pj) if rpjmd.pj else None
        names = [jab.nama] if jab else [j.nama for j in kepala]
        bands.append(
            Band(
                "Kinerja Strategis Daerah",
                "PK Kepala Daerah",
                names,
                [
                    GridRow("Tujuan RPJMD", whole([rpjmd.tujuan] if rpjmd.tujuan else [])),
                    GridRow(
                        "Indikator Tujuan RPJMD",
                        whole([rpjmd.indikator_tujuan] if rpjmd.indikator_tujuan else []),
                    ),
                    GridRow("Sasaran RPJMD", whole([rpjmd.sasaran] if rpjmd.sasaran else [])),
                ],
            )
        )
    strategic: list[GridRow] = []
    renstra = model.renstra
    if renstra is not None and renstra.tujuan:
        strategic.append(GridRow("Tujuan Renstra", whole([t.kinerja for t in renstra.tujuan])))
        strategic.append(
            GridRow(
                "Indikator Tujuan Renstra",
                whole([i.uraian for t in renstra.tujuan for i in t.indikator]),
            )
        )
    strategic.append(
        GridRow("Sasaran Renstra (CSF)", [GridCell([c.kinerja], _leaves(c)) for c in csfs])
    )
    strategic.append(
        GridRow(
            "Indikator Sasaran",
            [GridCell([i.uraian for i in c.indikator], _leaves(c)) for c in csfs],
        )
    )
    bands.append(
        Band(
            "Kinerja Strategis Bidang Urusan",
            "PK Kepala Dinas",
            _names([outcome, *csfs]),
            strategic,
        )
    )

    def program_cells(pick: str) -> list[GridCell]:
        cells = []
        for prog, span in program_slots:
            cells.append(GridCell(_pick(prog, pick), span))
        return cells

    def kegiatan_cells(pick: str) -> list[GridCell]:
        return [GridCell(_pick(keg, pick), 1) for keg in kegiatan_slots]

    bands.append(
        Band(
            "Kinerja Manajerial",
            "PK Eselon III",
            _names(programs),
            [
                GridRow("Program", program_cells("nama")),
                GridRow("Indikator Program", program_cells("indikator")),
                GridRow("Penanggung Jawab", program_cells("pj")),
            ],
        )
    )
    bands.append(
        Band(
            "Kinerja Manajerial",
            "PK Eselon IV / JF",
            _names([k for k in kegiatan_slots if k is not None]),
            [
                GridRow("Kegiatan", kegiatan_cells("nama")),
                GridRow("Indikator Kegiatan", kegiatan_cells("indikator")),
                GridRow("Penanggung Jawab", kegiatan_cells("pj")),
            ],
        )
    )
    return Distribution(columns, bands)


def _pick(node: NodeView | None, what: str) -> list[str]:
    if node is None:
        return []
    if what == "nama":
        return [node.nama or node.kinerja]
    if what == "indikator":
        return [i.uraian for i in node.indikator]
    name = node.pj_nama or node.pj
    return [name] if name else []


def _budget(plan: LoadedPlan, rollup: Rollup, outcome: NodeView) -> BudgetSummary:
    nodes = walk_views(outcome)
    by_ref = {id(row.ref): row for row in rollup.rows}
    view_of = {id(ref): node for ref, node in zip(plan.root.walk(), nodes, strict=True)}
    programs = [
        BudgetLine(view_of[id(row.ref)], row.effective)
        for row in rollup.rows
        if row.ref.level == "program"
    ]
    mismatches = [
        Mismatch(view_of[id(row.ref)], row.declared or {}, row.computed, row.difference)
        for row in rollup.mismatches
    ]
    zero = [
        view_of[id(ref)]
        for ref in plan.nodes
        if ref.level == "subkegiatan"
        and (row := by_ref.get(id(ref))) is not None
        and row.declared is not None
        and not any(row.declared.values())
    ]
    count = sum(1 for n in nodes if n.level == "subkegiatan")
    return BudgetSummary(
        rollup.tahun, rollup.years, rollup.total, programs, mismatches, zero, count
    )


def build_report(plan: LoadedPlan, problems: list[Problem], date: dt.date | None = None) -> Report:
    """The planning report of ``plan``: the five stages, problems and budget."""
    model = plan.model
    rollup = budget_rollup(plan)
    outcome = build_views(plan, rollup)
    o = model.outcome  # None in a partial plan (a Renja, a PK slice)
    ekspektasi, mandat, isu = (o.ekspektasi, o.mandat, o.isu_strategis) if o else ([], [], [])
    width = max(len(ekspektasi), len(mandat), len(isu))

    def at(items: list[str], i: int) -> str | None:
        return items[i] if i < len(items) else None

    sumber = [(at(ekspektasi, i), at(mandat, i), at(isu, i)) for i in range(width)]
    every = walk_views(outcome)
    staged = outcome  # the tree as the five stages read it: outcome → CSF → program → …
    if plan.root.virtual:
        outcome.kinerja = f"— ({plan.kind.label} ini tidak memuat outcome)"
        staged = _staged(outcome)
    programs = [v for v in every if v.level == "program"]
    renstra = model.renstra
    return Report(
        file=plan.file,
        perangkat_daerah=model.perangkat_daerah,
        tahun=model.tahun,
        periode=model.periode,
        date=date,
        rpjmd=model.rpjmd,
        outcome=outcome,
        sumber=sumber,
        csf=[c for c in staged.children if c.id],
        sheets=[s for s in _sheets(staged.children) if s.parent.id],
        renstra_years=_renstra_years(plan),
        renstra_tujuan=[renstra_view(t, model.tahun) for t in renstra.tujuan] if renstra else [],
        renstra_sasaran=[renstra_view(s, model.tahun) for s in renstra.sasaran] if renstra else [],
        programs=programs,
        kegiatan=[v for v in every if v.level == "kegiatan"],
        distribution=_distribution(plan, staged),
        budget=_budget(plan, rollup, outcome),
        problems=ProblemSummary(
            problems,
            sum(1 for p in problems if p.severity == "error"),
            sum(1 for p in problems if p.severity == "warning"),
        ),
        jabatan=list(model.jabatan),
        distribution_by_csf=[
            (csf, _distribution(plan, dataclasses.replace(staged, children=[csf])))
            for csf in staged.children
        ],
        penandatangan=_signer(plan),
        catatan=_catatan(plan, every),
        tree_rows=_tree_rows(staged),
        perbedaan=[v for v in every if v.anggaran_dokumen is not None],
    )


def _staged(root: NodeView) -> NodeView:
    """A partial plan's views under stand-in CSF (and program) views, as the stages expect.

    Stand-ins have an empty id and ``—`` as statement; the real views keep
    their own parents.
    """
    import dataclasses

    def stand_in(level: str, children: list[NodeView]) -> NodeView:
        return dataclasses.replace(
            root, id="", level=level, kinerja="—", indikator=[], pj=None, pj_nama=None,
            children=children,
        )  # fmt: skip

    csfs = [c for c in root.children if c.level == "csf"]
    programs = [c for c in root.children if c.level == "program"]
    lower = [c for c in root.children if c.level in ("kegiatan", "subkegiatan")]
    if lower:
        programs.append(stand_in("program", lower))
    if programs:
        csfs.append(stand_in("csf", programs))
    return dataclasses.replace(root, children=csfs)
