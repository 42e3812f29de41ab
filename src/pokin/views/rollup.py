"""The one budget roll-up every command uses.

A node's declared ``anggaran`` must equal the sum of its children's; a child
that declares none counts with its own computed sum. Amounts are kept per
year: a plain amount is the amount for the plan's ``tahun``, a yearly mapping
(pagu indikatif) gives one amount per year.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pokin import gc_paused
from pokin.model import Money
from pokin.plan import LoadedPlan, NodeRef

#: Amounts by year.
Amounts = dict[int, int]


@dataclass(eq=False, slots=True)
class BudgetRow:
    """The budget figures of one node."""

    ref: NodeRef
    declared: Amounts | None
    computed: Amounts
    has_children: bool
    children: list[BudgetRow] = field(default_factory=list)

    @property
    def effective(self) -> Amounts:
        """What the node counts for in its parent: declared, else computed."""
        return self.declared if self.declared is not None else self.computed

    @property
    def difference(self) -> Amounts:
        """Declared minus computed, per year (empty where nothing is compared)."""
        if self.declared is None or not self.has_children:
            return {}
        years = sorted(set(self.declared) | set(self.computed))
        return {y: self.declared.get(y, 0) - self.computed.get(y, 0) for y in years}

    @property
    def mismatch(self) -> bool:
        """Whether the declared figure disagrees with the sum of its parts."""
        if self.declared is None or not self.has_children or self.declared == self.computed:
            return False
        return any(self.difference.values())


@dataclass(eq=False)
class Rollup:
    """Budget rows of a plan, in file order, and its total."""

    root: BudgetRow
    rows: list[BudgetRow]
    by_id: dict[str, BudgetRow]
    years: list[int]
    tahun: int

    @property
    def total(self) -> Amounts:
        """The plan total: the sum over all programs."""
        return self.root.computed

    def total_for(self, year: int | None = None) -> int:
        """The plan total for one year (the plan year by default)."""
        return self.total.get(self.tahun if year is None else year, 0)

    @property
    def mismatches(self) -> list[BudgetRow]:
        """Rows whose declared figure differs from the sum of their parts."""
        return [row for row in self.rows if row.mismatch]


def normalise(money: Money | None, tahun: int) -> Amounts | None:
    """A declared anggaran as amounts by year (a plain amount is for ``tahun``)."""
    if money is None:
        return None
    if isinstance(money, dict):
        return dict(sorted(money.items()))
    return {tahun: money}


def budget_rollup(plan: LoadedPlan) -> Rollup:
    """The roll-up of ``plan`` (computed once per loaded plan)."""
    return plan.cached("rollup", lambda: _rollup(plan))


def amounts_rollup(plan: LoadedPlan, amounts: Mapping[str, int]) -> Rollup:
    """The same roll-up over other amounts given per node id (realisasi anggaran).

    A node's amount is the one given for it, else the sum of its children's,
    exactly as a declared ``anggaran`` is rolled up: a program's realisasi
    is the sum of its sub kegiatan's.
    """
    return _rollup(plan, lambda ref: amounts.get(ref.id))


def _rollup(
    plan: LoadedPlan, declared_of: Callable[[NodeRef], Money | None] | None = None
) -> Rollup:
    tahun = plan.model.tahun
    if declared_of is None:

        def declared_of(ref: NodeRef) -> Money | None:
            return getattr(ref.node, "anggaran", None)

    rows: list[BudgetRow] = []
    by_id: dict[str, BudgetRow] = {}
    years: set[int] = set()

    def build(ref: NodeRef) -> BudgetRow:
        declared = normalise(declared_of(ref), tahun)
        children = ref.children
        row = BudgetRow(ref, declared, {}, bool(children))
        rows.append(row)
        if children:
            computed: Amounts = {}
            for child in children:
                child_row = build(child)
                row.children.append(child_row)
                part = child_row.declared if child_row.declared is not None else child_row.computed
                for year, amount in part.items():
                    computed[year] = computed.get(year, 0) + amount
            row.computed = dict(sorted(computed.items())) if len(computed) > 1 else computed
        elif declared is not None:
            row.computed = dict(declared)
        return row

    # thousands of small rows: the collector's passes would cost 20x the roll-up
    with gc_paused():
        root = build(plan.root)
    if root.ref.virtual:  # a partial plan's stand-in root is no budget row
        rows.remove(root)
    for row in rows:
        by_id.setdefault(row.ref.node.id, row)
        years.update(row.computed)
        if row.declared is not None:
            years.update(row.declared)
    return Rollup(root, rows, by_id, sorted(years) or [tahun], tahun)
