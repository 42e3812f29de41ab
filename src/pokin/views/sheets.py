"""The plan as spreadsheet rows: the cascading matrix and what `pokin export` adds to it.

One :class:`MatrixRow` per node in file order (outcome first), carrying its
first indicator; each further indicator of the node is a continuation row
(``first=False``) with only the indicator cells. Targets and anggaran are
spread over year columns: a plain target or anggaran counts for the plan's
``tahun``. The same layout is what `pokin import` reads back
(:mod:`pokin.source.sheets`), so the names of the columns live here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pokin.levels import BY_KEY, LEVEL_KEYS
from pokin.model import Indikator, Node
from pokin.plan import LoadedPlan, NodeRef
from pokin.views.rollup import normalise

Number = float | int

#: Sheet names of the workbook `pokin export` writes (and `pokin import` reads).
SHEET_MATRIX = "Matriks"
SHEET_BUDGET = "Anggaran"
SHEET_RENSTRA = "Renstra"
SHEET_JABATAN = "Jabatan"
SHEET_CROSSCUTTING = "Crosscutting"
SHEET_PLAN = "Rencana"

#: The matrix's columns before the year columns, then after them.
MATRIX_HEAD = ("Tingkat", "ID", "Kode", "Nama", "Kinerja", "Indikator", "Satuan")
MATRIX_TAIL = ("PJ", "Renstra", "RPJMD", "Induk", "Catatan", "Catatan Indikator")
TARGET_PREFIX = "Target "
ANGGARAN_PREFIX = "Anggaran "
#: Columns written only when some node or indicator of the plan uses the key, after the tail.
ANGGARAN_DOKUMEN = "Anggaran Dokumen"
TRIWULAN_TITLES = ("Target TW I", "Target TW II", "Target TW III", "Target TW IV")
ARAH = "Arah"
METODE_CAPAIAN = "Metode Capaian"
OPTIONAL_COLUMNS = (ANGGARAN_DOKUMEN, *TRIWULAN_TITLES, ARAH, METODE_CAPAIAN)


@dataclass(frozen=True, slots=True)
class IndicatorCells:
    """One indicator's cells: uraian, satuan, targets by year, catatan, rencana aksi."""

    uraian: str
    satuan: str | None
    targets: dict[int, Number]
    catatan: str | None
    triwulan: tuple[Number, ...] | None = None
    arah: str | None = None
    metode_capaian: str | None = None


@dataclass(slots=True)
class MatrixRow:
    """A row of the cascading matrix: a node (``first``) or a further indicator of it."""

    level: str
    depth: int
    ref: NodeRef
    first: bool
    indicator: IndicatorCells | None
    anggaran: dict[int, int] = field(default_factory=dict)

    @property
    def node(self) -> Node:
        """The plan node of the row."""
        return self.ref.node

    @property
    def label(self) -> str:
        """The level as a planner reads it (``Sub Kegiatan``)."""
        return BY_KEY[self.level].label


@dataclass
class Matrix:
    """The cascading matrix of a plan: rows and the years of its target and anggaran columns."""

    tahun: int
    target_years: list[int]
    anggaran_years: list[int]
    rows: list[MatrixRow]
    #: The :data:`OPTIONAL_COLUMNS` the plan uses, in that order.
    optional: tuple[str, ...] = ()

    def header(self) -> list[str]:
        """The column titles of the matrix, in order."""
        return [
            *MATRIX_HEAD,
            *(f"{TARGET_PREFIX}{y}" for y in self.target_years),
            *(f"{ANGGARAN_PREFIX}{y}" for y in self.anggaran_years),
            *MATRIX_TAIL,
            *self.optional,
        ]


def indicator_cells(ind: Indikator, tahun: int) -> IndicatorCells:
    """An indicator with its targets by year (a plain target is for ``tahun``)."""
    if isinstance(ind.target, dict):
        targets: dict[int, Number] = dict(sorted(ind.target.items()))
    elif ind.target is None:
        targets = {}
    else:
        targets = {tahun: ind.target}
    triwulan = tuple(ind.target_triwulan) if ind.target_triwulan is not None else None
    return IndicatorCells(
        ind.uraian, ind.satuan, targets, ind.catatan, triwulan, ind.arah, ind.metode_capaian
    )


def matrix_view(plan: LoadedPlan) -> Matrix:
    """The cascading matrix of ``plan``: one row per node, then one per further indicator."""
    tahun = plan.model.tahun
    rows: list[MatrixRow] = []
    target_years: set[int] = set()
    anggaran_years: set[int] = set()
    start = LEVEL_KEYS.index(plan.roots[0].level) if plan.roots else 0
    for ref in plan.nodes:
        depth = LEVEL_KEYS.index(ref.level) - start
        node = ref.node
        money = normalise(getattr(node, "anggaran", None), tahun) or {}
        anggaran_years.update(money)
        cells = [indicator_cells(ind, tahun) for ind in node.indikator]
        for ind in cells:
            target_years.update(ind.targets)
        rows.append(MatrixRow(ref.level, depth, ref, True, cells[0] if cells else None, money))
        rows.extend(MatrixRow(ref.level, depth, ref, False, ind) for ind in cells[1:])
    target_years.add(tahun)
    if any(BY_KEY[r.level].money for r in rows):
        anggaran_years.add(tahun)
    used = {
        ANGGARAN_DOKUMEN: any(getattr(r.node, "anggaran_dokumen", None) for r in rows if r.first),
        **dict.fromkeys(TRIWULAN_TITLES, any(r.indicator and r.indicator.triwulan for r in rows)),
        ARAH: any(r.indicator and r.indicator.arah for r in rows),
        METODE_CAPAIAN: any(r.indicator and r.indicator.metode_capaian for r in rows),
    }
    optional = tuple(title for title in OPTIONAL_COLUMNS if used[title])
    return Matrix(tahun, sorted(target_years), sorted(anggaran_years), rows, optional)


def matrix_cells(matrix: Matrix, row: MatrixRow) -> list[object]:
    """The cells of one matrix row, in the order of :meth:`Matrix.header` (``None``: empty)."""
    node = row.node
    ind = row.indicator
    cells: list[object]
    if row.first:
        cells = [
            row.label,
            node.id,
            getattr(node, "kode", None),
            getattr(node, "nama", None),
            node.kinerja,
        ]
    else:
        cells = [None] * 5
    cells += [ind.uraian if ind else None, ind.satuan if ind else None]
    cells += [ind.targets.get(y) if ind else None for y in matrix.target_years]
    cells += [row.anggaran.get(y) if row.first else None for y in matrix.anggaran_years]
    if row.first:
        cells += [
            node.pj,
            getattr(node, "renstra", None),
            getattr(node, "rpjmd", None),
            node.induk,
            node.catatan,
        ]
    else:
        cells += [None] * 5
    cells.append(ind.catatan if ind else None)
    for title in matrix.optional:
        if title == ANGGARAN_DOKUMEN:
            cells.append(getattr(node, "anggaran_dokumen", None) if row.first else None)
        elif title in TRIWULAN_TITLES:
            quarter = TRIWULAN_TITLES.index(title)
            cells.append(ind.triwulan[quarter] if ind and ind.triwulan else None)
        elif title == ARAH:
            cells.append(ind.arah if ind else None)
        else:
            cells.append(ind.metode_capaian if ind else None)
    return cells


#: The plan header keys of the ``Rencana`` sheet, in order (dotted: a key of ``rpjmd``
#: or ``outcome``); list keys take one row per item.
PLAN_KEYS = (
    "pokin",
    "dokumen",
    "kode_pd",
    "perangkat_daerah",
    "tahun",
    "periode",
    "nomenklatur",
    "jenis_pemda",
    "rpjmd.tujuan",
    "rpjmd.indikator_tujuan",
    "rpjmd.sasaran",
    "rpjmd.pj",
    "rpjmd.catatan",
    "outcome.ekspektasi",
    "outcome.mandat",
    "outcome.isu_strategis",
)


def plan_rows(plan: LoadedPlan) -> list[tuple[str, list[object]]]:
    """The plan's header as (key, values) rows: what the tree and the other sheets leave out.

    Only keys the plan writes are listed (a default ``dokumen`` is not), so a
    plan read back from the sheet is the same plan.
    """
    model = plan.model
    rows: list[tuple[str, list[object]]] = []
    for key in PLAN_KEYS:
        owner_key, _, name = key.rpartition(".")
        owner: object = getattr(model, owner_key) if owner_key else model
        if owner is None or name not in owner.model_fields_set:  # type: ignore[attr-defined]
            continue
        value = getattr(owner, name)
        if value is None:
            continue
        if isinstance(value, list):
            rows.extend((key, [item]) for item in value)
        elif isinstance(value, tuple):
            rows.append((key, list(value)))
        else:
            rows.append((key, [value]))
    return rows
