"""Which part of the tree a command shows: root, depth and the problems on each node.

The terminal tree (:mod:`pokin.render.tree`) and the diagram
(:mod:`pokin.render.dot`) both draw a :class:`TreeView`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pokin.levels import BUDGET_LEVELS
from pokin.model import Indikator
from pokin.numbers import format_number, format_rupiah
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import Problem, UsageError, suggest
from pokin.views.rollup import budget_rollup

RANKDIRS: tuple[str, ...] = ("TB", "LR", "BT", "RL")


@dataclass(frozen=True)
class DiagramOptions:
    """What part of the tree to draw, and in which direction."""

    rankdir: str = "TB"
    root: str | None = None
    depth: int | None = None


@dataclass
class TreeView:
    """The part of a plan to show: a root node and how deep below it."""

    plan: LoadedPlan
    root: NodeRef
    depth: int | None
    problems: dict[int, list[Problem]] = field(default_factory=dict)

    def children(self, ref: NodeRef) -> list[NodeRef]:
        """The children of ``ref`` that are shown (none below the depth limit)."""
        if self.depth is not None and ref.depth - self.root.depth >= self.depth:
            return []
        return ref.children

    def walk(self) -> Iterator[NodeRef]:
        """Shown nodes in file order (pre-order)."""
        stack = [self.root]
        while stack:
            ref = stack.pop()
            yield ref
            stack.extend(reversed(self.children(ref)))

    def hidden(self, ref: NodeRef) -> int:
        """How many children of ``ref`` the depth limit hides."""
        return len(ref.children) - len(self.children(ref))

    def problems_of(self, ref: NodeRef) -> list[Problem]:
        """Problems reported on this node (by the id it carries)."""
        return self.problems.get(id(ref), [])


def tree_view(plan: LoadedPlan, problems: list[Problem], options: DiagramOptions) -> TreeView:
    """Select the branch and depth to show, and attach problems to nodes.

    An unknown ``root`` id is a :class:`UsageError` naming the closest ids.
    """
    root = find_node(plan, options.root) if options.root else plan.root
    if options.depth is not None and options.depth < 0:
        raise UsageError("--depth harus 0 atau lebih")
    view = TreeView(plan, root, options.depth)
    for problem in problems:
        ref = plan.by_id.get(problem.node) if problem.node else None
        if ref is not None:
            view.problems.setdefault(id(ref), []).append(problem)
    return view


def find_node(plan: LoadedPlan, node_id: str) -> NodeRef:
    """The node with this id, or a :class:`UsageError` suggesting close ids."""
    ref = plan.by_id.get(node_id)
    if ref is not None:
        return ref
    close = suggest(node_id, plan.by_id, n=3, cutoff=0.5)
    hint = f"; mungkin maksud Anda: {', '.join(close)}" if close else ""
    raise UsageError(f"tidak ada simpul dengan id '{node_id}' di {plan.file}{hint}")


def target_text(ind: Indikator, tahun: int) -> str | None:
    """The indicator's target for the plan year with its unit: "93,59%", "55 orang"."""
    target = ind.target
    if isinstance(target, dict):
        target = target.get(tahun)
    if target is None:
        return None
    number = format_number(target)
    unit = (ind.satuan or "").strip()
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


def anggaran_text(plan: LoadedPlan, ref: NodeRef) -> str | None:
    """'Rp 372.250.370' for the plan year; computed sums are marked as such."""
    if ref.level not in BUDGET_LEVELS:
        return None
    rollup = budget_rollup(plan)
    row = rollup.by_id.get(ref.id)
    if row is None or row.ref is not ref:
        return None
    tahun = plan.model.tahun
    if row.declared is not None:
        amount = row.declared.get(tahun)
        return None if amount is None else format_rupiah(amount)
    amount = row.computed.get(tahun)
    return None if amount is None else f"{format_rupiah(amount)} (jumlah rincian)"
