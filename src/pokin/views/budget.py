"""Budget views: the rows `pokin budget` shows, built from the one roll-up.

Three views of :func:`pokin.views.rollup.budget_rollup`:

* ``program`` — the nomenclature tree program → kegiatan → sub kegiatan
  (no CSF rows; ``depth`` 1 shows programs only);
* ``csf`` — money per critical success factor (``depth`` 1, the default),
  optionally down to programs, kegiatan and sub kegiatan;
* ``jabatan`` — money each position answers for, in the order of the atasan
  tree: a position answers for the topmost nodes it owns
  (:meth:`~pokin.plan.NodeRef.owner`) with everything under them, as its
  Perjanjian Kinerja does; positions nest, so a Kepala Bidang's row holds the
  money of the fungsional indented under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pokin import gc_paused
from pokin.levels import LEVEL_KEYS
from pokin.plan import LoadedPlan
from pokin.problems import UsageError
from pokin.views.rollup import Amounts, BudgetRow, Rollup, budget_rollup

VIEWS: tuple[str, ...] = ("program", "csf", "jabatan")
#: The id of the row collecting money of nodes nobody answers for.
NO_OWNER = "(tanpa pj)"

_TREE_TOP = {"program": "program", "csf": "csf"}
_DEFAULT_DEPTH = {"program": None, "csf": 1}


@dataclass(frozen=True, slots=True)
class ViewRow:
    """One row of a budget view, with amounts by year."""

    level: str
    id: str
    name: str
    indent: int
    declared: Amounts | None
    computed: Amounts
    difference: Amounts
    #: The budget row it shows (None for a position in the jabatan view).
    source: BudgetRow | None = None

    @property
    def effective(self) -> Amounts:
        """What the row counts for in the total: declared, else computed."""
        return self.declared if self.declared is not None else self.computed

    @property
    def mismatch(self) -> bool:
        """Whether a declared figure disagrees with the sum of its parts."""
        return any(self.difference.values())

    @property
    def is_line(self) -> bool:
        """Whether the row is a budget line (a node without parts)."""
        return self.source is not None and not self.source.has_children


@dataclass(frozen=True)
class BudgetView:
    """A budget view of a plan: its rows, the plan total and every mismatch."""

    plan: LoadedPlan
    rollup: Rollup
    by: str
    depth: int | None
    rows: list[ViewRow]

    @property
    def tahun(self) -> int:
        """The plan's budget year."""
        return self.rollup.tahun

    @property
    def years(self) -> list[int]:
        """Every year that carries an amount (the plan year for plain amounts)."""
        return self.rollup.years

    @property
    def yearly(self) -> bool:
        """Whether the plan holds amounts for other years than its ``tahun``."""
        return self.rollup.years != [self.rollup.tahun]

    @property
    def total(self) -> Amounts:
        """The plan total by year: the sum over all programs."""
        return self.rollup.total

    @property
    def mismatches(self) -> list[BudgetRow]:
        """Every node in the plan whose declared figure differs from its parts."""
        return self.rollup.mismatches

    @property
    def exit_code(self) -> int:
        """0 when every declared figure matches its parts, else 1."""
        return 1 if self.mismatches else 0

    def share(self, row: ViewRow, year: int | None = None) -> float:
        """The row's part of the plan total for one year (plan year by default)."""
        year = self.tahun if year is None else year
        total = self.total.get(year, 0)
        return row.effective.get(year, 0) / total if total else 0.0

    def line_of(self, row: BudgetRow) -> int:
        """The 1-based line of a node's ``anggaran`` (or of the node)."""
        path = (*row.ref.path, "anggaran") if row.declared is not None else row.ref.path
        return self.plan.position(path)[0]


def node_name(row: BudgetRow) -> str:
    """The nomenclature ``nama`` of a node, falling back to its ``kinerja``."""
    node = row.ref.node
    nama = getattr(node, "nama", None)
    return nama if isinstance(nama, str) and nama else node.kinerja


def budget_view(plan: LoadedPlan, by: str = "program", depth: int | None = None) -> BudgetView:
    """The rows of one view of the plan's budget, down to ``depth`` levels.

    ``depth`` counts the levels shown from the view's top level (1: only the
    top level); ``None`` is the view's default (program: every level, csf: 1).
    The jabatan view is flat and takes no depth.
    """
    if by not in VIEWS:
        raise UsageError(f"tampilan '{by}' tidak dikenal (pilihan: {', '.join(VIEWS)})")
    if depth is not None and depth < 1:
        raise UsageError("--depth harus 1 atau lebih")
    if by == "jabatan" and depth is not None:
        raise UsageError("--depth tidak berlaku untuk --by jabatan (tampilan ini tidak bertingkat)")
    rollup = budget_rollup(plan)
    with gc_paused():  # thousands of small rows
        if by == "jabatan":
            rows = _jabatan_rows(plan, rollup)
        else:
            rows = _tree_rows(rollup, _TREE_TOP[by], depth or _DEFAULT_DEPTH[by])
    return BudgetView(plan, rollup, by, depth, rows)


def _tree_rows(rollup: Rollup, top: str, depth: int | None) -> list[ViewRow]:
    rows: list[ViewRow] = []

    def visit(row: BudgetRow, indent: int) -> None:
        rows.append(
            ViewRow(
                row.ref.level,
                row.ref.id,
                node_name(row),
                indent,
                row.declared,
                row.computed,
                row.difference,
                row,
            )
        )
        if depth is None or indent + 1 < depth:
            for child in row.children:
                visit(child, indent + 1)

    first = LEVEL_KEYS.index(top)

    def start(row: BudgetRow) -> None:
        # the first rows at or below ``top`` (a partial plan may start lower)
        if LEVEL_KEYS.index(row.ref.level) >= first:
            visit(row, 0)
        else:
            for child in row.children:
                start(child)

    for child in rollup.root.children:
        start(child)
    return rows


def _accumulate(target: Amounts, amounts: Amounts) -> None:
    for year, amount in amounts.items():
        target[year] = target.get(year, 0) + amount


def owned_tops(rollup: Rollup) -> dict[str, list[BudgetRow]]:
    """For each owner, the topmost nodes it answers for (their parent it does not).

    A node's owner is its ``pj`` or the nearest ancestor's
    (:meth:`~pokin.plan.NodeRef.owner`); nodes nobody answers for are under
    :data:`NO_OWNER`. A Kepala Bidang's program and the kegiatan its
    fungsional signs for are both listed, each under its own owner.
    """
    tops: dict[str, list[BudgetRow]] = {}
    owners: dict[int, str] = {}
    for row in rollup.rows:  # file order: a parent comes before its children
        ref = row.ref
        owner = ref.node.pj or (owners[id(ref.parent)] if ref.parent is not None else NO_OWNER)
        owners[id(ref)] = owner
        if ref.parent is None or owners[id(ref.parent)] != owner:
            tops.setdefault(owner, []).append(row)
    return tops


def _jabatan_rows(plan: LoadedPlan, rollup: Rollup) -> list[ViewRow]:
    """Positions in the order of the atasan tree, each with what it answers for.

    Iterative (no recursion however long an atasan chain is): O(J + N) for J
    positions and N nodes.
    """
    tops = owned_tops(rollup)
    known = plan.jabatan_by_id
    children: dict[str | None, list[str]] = {}
    parent_of: dict[str, str] = {}
    for jab in plan.model.jabatan:
        parent = jab.atasan if jab.atasan in known and jab.atasan != jab.id else None
        children.setdefault(parent, []).append(jab.id)
        if parent is not None:
            parent_of.setdefault(jab.id, parent)

    # a position has money below it when it, or anyone under it, answers for money
    money_below: set[str] = set()
    for owner in tops:
        current: str | None = owner
        while current is not None and current in known and current not in money_below:
            money_below.add(current)  # each position is marked once: an atasan loop ends
            current = parent_of.get(current)

    order: list[tuple[str, int]] = []
    placed: set[str] = set()

    def visit(start: str, start_indent: int) -> None:
        pending = [(start, start_indent)]
        while pending:
            jab_id, indent = pending.pop()
            if jab_id in placed:
                continue
            placed.add(jab_id)
            shown = jab_id in tops
            if shown:
                order.append((jab_id, indent))
            below = indent + 1 if shown else indent
            pending.extend(
                (child, below)
                for child in reversed(children.get(jab_id, []))
                if child in money_below
            )

    for root in children.get(None, []):
        visit(root, 0)
    for jab in plan.model.jabatan:  # positions in an atasan loop
        if jab.id not in placed and jab.id in tops:
            visit(jab.id, 0)
    order += [(owner, 0) for owner in tops if owner not in known and owner != NO_OWNER]
    if NO_OWNER in tops:
        order.append((NO_OWNER, 0))

    rows: list[ViewRow] = []
    for owner, indent in order:
        declared: Amounts = {}
        computed: Amounts = {}
        difference: Amounts = {}
        for row in tops[owner]:
            _accumulate(declared, row.effective)
            _accumulate(computed, row.computed)
            _accumulate(difference, row.difference)
        years = rollup.years
        if owner == NO_OWNER:
            name = "Tanpa penanggung jawab (pj)"
        elif owner in known:
            name = known[owner].nama
        else:
            name = "(jabatan tidak dikenal)"
        rows.append(
            ViewRow(
                "jabatan",
                owner,
                name,
                indent,
                {y: declared.get(y, 0) for y in years},
                {y: computed.get(y, 0) for y in years},
                {y: difference.get(y, 0) for y in years} if any(difference.values()) else {},
            )
        )
    return rows
