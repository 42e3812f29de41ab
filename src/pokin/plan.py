"""A loaded plan: the validated model, its node index and its source document."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from pokin.levels import CHILD_KEY, TOP_KEYS, DocumentKind, document_kind
from pokin.model import Jabatan, Node, Outcome, Plan, RenstraItem
from pokin.problems import Path
from pokin.source.parse import Document


@dataclass(eq=False, slots=True)
class NodeRef:
    """A node of the tree with its level, document path, parent and children."""

    level: str
    node: Node
    path: Path
    parent: NodeRef | None
    #: The node's id (kept here: rules read it tens of thousands of times).
    id: str = ""
    children: list[NodeRef] = field(default_factory=list)
    #: The stand-in root of a partial plan (no outcome): not a node of the plan.
    virtual: bool = False

    def walk(self) -> Iterator[NodeRef]:
        """This node and its descendants, in file order (pre-order)."""
        stack = [self]
        while stack:
            ref = stack.pop()
            yield ref
            stack.extend(reversed(ref.children))

    def ancestors(self) -> Iterator[NodeRef]:
        """Parent, grandparent, … up to the outcome."""
        ref = self.parent
        while ref is not None:
            yield ref
            ref = ref.parent

    @property
    def depth(self) -> int:
        """0 for the outcome, 1 for a CSF, … 4 for a sub kegiatan."""
        return sum(1 for _ in self.ancestors())

    def owner(self) -> str | None:
        """The ``pj`` of this node, or of its nearest ancestor that has one."""
        if self.node.pj:
            return self.node.pj
        for ref in self.ancestors():
            if ref.node.pj:
                return ref.node.pj
        return None


T = TypeVar("T")


@dataclass(eq=False)
class LoadedPlan:
    """A plan that passed the schema: model, tree index and source document."""

    file: str
    model: Plan
    document: Document
    #: What views and rules compute once per plan (see :meth:`cached`).
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def cached(self, key: str, build: Callable[[], T]) -> T:
        """The value ``build()`` returns, computed once per loaded plan under ``key``.

        The roll-up and the rules' indicator rows are derived from the plan,
        which does not change once loaded, so every command and rule shares
        one copy.
        """
        if key not in self._cache:
            self._cache[key] = build()
        value: T = self._cache[key]
        return value

    def owners(self) -> dict[int, str | None]:
        """Each node's :meth:`NodeRef.owner`, keyed by ``id(ref)``: one pass, once per plan."""

        def build() -> dict[int, str | None]:
            owners: dict[int, str | None] = {}
            for ref in self.nodes:  # file order: a parent before its children
                inherited = owners.get(id(ref.parent)) if ref.parent is not None else None
                owners[id(ref)] = ref.node.pj or inherited
            return owners

        return self.cached("owners", build)

    def renstra_items(self) -> Iterator[tuple[str, tuple[str | int, ...], RenstraItem]]:
        """Every Renstra item as (``"tujuan"`` or ``"sasaran"``, its path, item), tujuan first."""
        renstra = self.model.renstra
        if renstra is None:
            return
        for kind in ("tujuan", "sasaran"):
            for i, item in enumerate(getattr(renstra, kind)):
                yield kind, ("renstra", kind, i), item

    @cached_property
    def root(self) -> NodeRef:
        """The outcome node, parent of every CSF.

        A partial plan (no outcome: a Renja, a PK slice) gets a stand-in root
        (``virtual``) named after the plan, whose children are its top-level
        nodes; it is not one of :attr:`nodes` and no node's parent.
        """
        return _index(self.model)

    @cached_property
    def roots(self) -> list[NodeRef]:
        """The plan's top-level nodes: the outcome, or a partial plan's first list."""
        return list(self.root.children) if self.root.virtual else [self.root]

    @property
    def kind(self) -> DocumentKind:
        """The plan's document kind (``dokumen``)."""
        return document_kind(self.model.dokumen)

    @cached_property
    def nodes(self) -> list[NodeRef]:
        """Every tree node in file order, outcome first."""
        root = self.root
        if not root.virtual:
            return list(root.walk())
        return [ref for top in root.children for ref in top.walk()]

    @cached_property
    def by_id(self) -> dict[str, NodeRef]:
        """Tree nodes by id (the first one, where an id is duplicated)."""
        result: dict[str, NodeRef] = {}
        for ref in self.nodes:
            result.setdefault(ref.id, ref)
        return result

    @cached_property
    def jabatan_by_id(self) -> dict[str, Jabatan]:
        """Positions by id (the first one, where an id is duplicated)."""
        result: dict[str, Jabatan] = {}
        for jab in self.model.jabatan:
            result.setdefault(jab.id, jab)
        return result

    def years_outside_periode(self, yearly: object) -> list[int]:
        """The years of a yearly mapping that lie outside ``periode`` (none without one)."""
        periode = self.model.periode
        if periode is None or not isinstance(yearly, dict):
            return []
        first, last = periode
        return [year for year in yearly if not first <= year <= last]

    def level_nodes(self, level: str) -> list[NodeRef]:
        """The nodes of one level, in file order."""
        return [ref for ref in self.nodes if ref.level == level]

    def position(self, path: Path, key: bool = False) -> tuple[int, int]:
        """1-based line and column of a document path."""
        return self.document.position(path, key)


def _index(plan: Plan) -> NodeRef:
    if plan.outcome is None:
        return _forest(plan)
    root = NodeRef("outcome", plan.outcome, ("outcome",), None, plan.outcome.id)
    for i, csf in enumerate(plan.csf):
        root.children.append(_subtree("csf", csf, ("csf", i), root))
    return root


#: The id of a partial plan's stand-in root (not a valid node id, so never a real one).
VIRTUAL_ID = "_dokumen"


def _forest(plan: Plan) -> NodeRef:
    """A partial plan: its top-level nodes under a stand-in root (their parent stays None)."""
    stand_in = Outcome.model_construct(
        id=VIRTUAL_ID,
        kinerja=plan.perangkat_daerah,
        indikator=[],
        pj=None,
        catatan=None,
        induk=None,
        crosscutting=[],
        ekspektasi=[],
        mandat=[],
        isu_strategis=[],
    )
    root = NodeRef("outcome", stand_in, (), None, VIRTUAL_ID, virtual=True)
    for key in TOP_KEYS[1:]:
        for i, node in enumerate(getattr(plan, key)):
            top = _subtree(key, node, (key, i), None)
            root.children.append(top)
    return root


def _subtree(level: str, node: Node, path: Path, parent: NodeRef | None) -> NodeRef:
    ref = NodeRef(level, node, path, parent, node.id)
    child_key = CHILD_KEY.get(level)
    if child_key is not None:
        for i, child in enumerate(getattr(node, child_key)):
            ref.children.append(_subtree(child_key, child, (*path, child_key, i), ref))
    return ref
