"""Comparing two plans by node id: what was added, removed, moved and changed.

Tree nodes, jabatan and Renstra items are matched by ``id``. Indicators have no
id: within one node they are matched by ``uraian`` (exactly, then ignoring case
and spacing), and the ones left over are paired by position, so an indicator
whose wording was edited in place shows as an ``uraian`` change rather than as
one removed and one added. Budget figures come from the one roll-up,
:func:`pokin.views.rollup.budget_rollup`. The order of siblings is not compared.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from pokin.levels import CHILD_KEY
from pokin.model import (
    Csf,
    Indikator,
    Jabatan,
    Kegiatan,
    Outcome,
    Plan,
    Program,
    RenstraItem,
    Rpjmd,
    Subkegiatan,
)
from pokin.plan import LoadedPlan, NodeRef
from pokin.views.rollup import Amounts, BudgetRow, budget_rollup, normalise

ChangeKind = Literal["added", "removed", "moved", "changed"]
#: What a change is about.
Scope = Literal["plan", "jabatan", "renstra", "node"]
#: A word-level diff: ``("=", same)``, ``("-", removed)``, ``("+", added)`` segments.
WordDiff = tuple[tuple[str, str], ...]


#: Node fields compared as plain values, in display order.
def _fields(*models: type[BaseModel], skip: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Every field of ``models`` (in declaration order, once) but ``skip``.

    Derived from the format's models, so a key added to the format is a
    reviewable change in ``pokin diff`` without a second list to keep.
    """
    seen: dict[str, None] = {}
    for model in models:
        for name in model.model_fields:
            if name not in skip:
                seen.setdefault(name, None)
    return tuple(seen)


#: List-of-text fields, diffed item by item.
_LIST_FIELDS = ("ekspektasi", "mandat", "isu_strategis")
#: What a node holds besides its id, indicators, children and text lists.
_NODE_ORDER = ("kinerja", "nama", "kode", "anggaran", "pj", "renstra", "catatan")
_NODE_FIELDS = _fields(
    Outcome,
    Csf,
    Program,
    Kegiatan,
    Subkegiatan,
    skip=frozenset({"id", "indikator", *_LIST_FIELDS, *CHILD_KEY.values()}),
)
# the long-standing order first (the order changes are listed in), any other after
_NODE_FIELDS = tuple(
    sorted(_NODE_FIELDS, key=lambda f: _NODE_ORDER.index(f) if f in _NODE_ORDER else 99)
)
_TEXT_FIELDS = frozenset({"kinerja", "nama", "uraian", "catatan", "tujuan", "sasaran"})
_TEXT_FIELDS |= {"indikator_tujuan", "perangkat_daerah", "ekspektasi", "mandat", "isu_strategis"}
_JABATAN_FIELDS = _fields(Jabatan, skip=frozenset({"id"}))
_RPJMD_FIELDS = _fields(Rpjmd)
#: The plan's own keys (the lists and sections are diffed on their own).
_HEADER_FIELDS = _fields(
    Plan,
    skip=frozenset({"pokin", "rpjmd", "renstra", "jabatan", "outcome", "csf", *CHILD_KEY.values()}),
)
#: An indicator's keys besides its uraian (the match key) and target (per year).
_INDIKATOR_FIELDS = _fields(Indikator, skip=frozenset({"uraian", "target"}))


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two plans.

    ``id`` is the node, jabatan or Renstra item concerned (``None`` for the
    plan header and ``rpjmd``). For ``moved`` the field is ``parent`` and
    old/new are parent ids. For an indicator change ``indikator`` holds its
    ``uraian`` and ``field`` the indicator field (``target``, ``satuan``, …);
    ``year`` is set for one year of a yearly target or anggaran.
    """

    kind: ChangeKind
    scope: Scope
    id: str | None
    level: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None
    label: str | None = None
    indikator: str | None = None
    year: int | None = None
    words: WordDiff | None = None
    parent: str | None = None
    anggaran: int | None = None

    @property
    def delta(self) -> int | None:
        """New minus old, for an anggaran change."""
        if self.field == "anggaran" and self.scope == "node" and self.kind == "changed":
            return int(self.new or 0) - int(self.old or 0)
        return None

    @property
    def percent(self) -> float | None:
        """The anggaran change as a share of the old amount (``0.1`` is +10%)."""
        delta = self.delta
        if delta is None or not self.old:
            return None
        return delta / int(self.old)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a change (``format_version`` 1)."""
        result: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "scope": self.scope,
            "level": self.level,
            "field": self.field,
            "old": _jsonable(self.old),
            "new": _jsonable(self.new),
        }
        optional: dict[str, Any] = {
            "label": self.label,
            "indikator": self.indikator,
            "year": self.year,
            "parent": self.parent,
            "anggaran": self.anggaran,
            "delta": self.delta,
            "percent": None if self.percent is None else round(self.percent * 100, 2),
            "words": [list(seg) for seg in self.words] if self.words else None,
        }
        result.update({k: v for k, v in optional.items() if v is not None})
        return result


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """The budget of one CSF or program in both plans (plan year).

    ``old``/``new`` are what the node counts for in its parent (declared
    anggaran, else the sum of its parts); ``old_sum``/``new_sum`` are the sums
    of its parts. ``None`` where the node does not exist in that plan.
    """

    id: str
    level: str
    label: str
    old: int | None
    new: int | None
    old_sum: int | None
    new_sum: int | None

    @property
    def delta(self) -> int:
        """New minus old."""
        return (self.new or 0) - (self.old or 0)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a budget line."""
        return {
            "id": self.id,
            "level": self.level,
            "label": self.label,
            "old": self.old,
            "new": self.new,
            "delta": self.delta,
            "old_sum": self.old_sum,
            "new_sum": self.new_sum,
        }


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A declared anggaran that differs from the sum of its parts (plan year).

    ``resolved`` is False for a mismatch the new plan introduces (or changes),
    True for one the old plan had and the new plan no longer has.
    """

    id: str
    level: str
    declared: int
    computed: int
    resolved: bool = False

    @property
    def difference(self) -> int:
        """Declared minus the sum of the parts."""
        return self.declared - self.computed

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a mismatch."""
        return {
            "id": self.id,
            "level": self.level,
            "declared": self.declared,
            "sum": self.computed,
            "difference": self.difference,
            "resolved": self.resolved,
        }


@dataclass
class Changes:
    """Everything that differs between two plans, and its budget consequences."""

    old_file: str
    new_file: str
    changes: list[Change] = field(default_factory=list)
    old_total: int = 0
    new_total: int = 0
    tahun: int | None = None
    csf_budget: list[BudgetLine] = field(default_factory=list)
    program_budget: list[BudgetLine] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether the two plans hold the same content."""
        return not self.changes

    def counts(self) -> dict[str, int]:
        """Objects added, changed, moved and removed (each object counted once per kind).

        An object is a tree node, a jabatan, a Renstra item, or the plan header
        (``perangkat_daerah``, ``tahun``, ``periode``, ``rpjmd``) as one.
        """
        seen: dict[str, set[tuple[str, str | None]]] = {
            "added": set(),
            "changed": set(),
            "moved": set(),
            "removed": set(),
        }
        for c in self.changes:
            seen[c.kind].add((c.scope, c.id))
        return {kind: len(objs) for kind, objs in seen.items()}

    def as_dict(self) -> dict[str, Any]:
        """The summary part of the JSON output."""
        return {
            **self.counts(),
            "tahun": self.tahun,
            "anggaran": {
                "old": self.old_total,
                "new": self.new_total,
                "delta": self.new_total - self.old_total,
            },
            "csf": [line.as_dict() for line in self.csf_budget],
            "program": [line.as_dict() for line in self.program_budget],
            "mismatches": [m.as_dict() for m in self.mismatches],
        }


def compare(old: LoadedPlan | None, new: LoadedPlan | None) -> Changes:
    """The differences from ``old`` to ``new``; ``None`` stands for no file."""
    result = Changes(old.file if old else "/dev/null", new.file if new else "/dev/null")
    if old is not None and new is not None:
        result.changes.extend(_header_changes(old, new))
    result.changes.extend(_jabatan_changes(old, new))
    result.changes.extend(_renstra_changes(old, new))
    result.changes.extend(_node_changes(old, new))
    _budget(result, old, new)
    return result


# --------------------------------------------------------------------- header


def _header_changes(old: LoadedPlan, new: LoadedPlan) -> Iterable[Change]:
    o, n = old.model, new.model
    for name in _HEADER_FIELDS:
        a, b = getattr(o, name), getattr(n, name)
        if a != b:
            yield _changed("plan", None, None, name, _plain(a), _plain(b))
    ro, rn = o.rpjmd, n.rpjmd
    for name in _RPJMD_FIELDS:
        a = getattr(ro, name) if ro is not None else None
        b = getattr(rn, name) if rn is not None else None
        if a != b:
            yield _changed("plan", None, "rpjmd", f"rpjmd.{name}", a, b)


# -------------------------------------------------------------------- jabatan


def _jabatan_changes(old: LoadedPlan | None, new: LoadedPlan | None) -> Iterable[Change]:
    before = old.jabatan_by_id if old else {}
    after = new.jabatan_by_id if new else {}
    for jid, jab in after.items():
        prev = before.get(jid)
        if prev is None:
            yield Change("added", "jabatan", jid, "jabatan", label=jab.nama, new=_jabatan(jab))
            continue
        for name in _JABATAN_FIELDS:
            a, b = _shown(getattr(prev, name)), _shown(getattr(jab, name))
            if a != b:
                yield _changed("jabatan", jid, "jabatan", name, a, b, label=jab.nama)
    for jid, jab in before.items():
        if jid not in after:
            yield Change("removed", "jabatan", jid, "jabatan", label=jab.nama, old=_jabatan(jab))


def _jabatan(jab: Jabatan) -> dict[str, Any]:
    return jab.model_dump(exclude_none=True)


# -------------------------------------------------------------------- renstra


def _renstra_items(plan: LoadedPlan | None) -> dict[str, tuple[str, RenstraItem]]:
    result: dict[str, tuple[str, RenstraItem]] = {}
    if plan is None:
        return result
    for part, _, item in plan.renstra_items():
        result.setdefault(item.id, (f"renstra.{part}", item))
    return result


def _renstra_changes(old: LoadedPlan | None, new: LoadedPlan | None) -> Iterable[Change]:
    before, after = _renstra_items(old), _renstra_items(new)
    tahun = new.model.tahun if new else (old.model.tahun if old else 0)
    for rid, (level, item) in after.items():
        found = before.get(rid)
        if found is None:
            yield Change("added", "renstra", rid, level, label=item.kinerja)
            continue
        prev_level, prev = found
        if prev_level != level:
            yield Change(
                "moved", "renstra", rid, level, "parent", prev_level, level, label=item.kinerja
            )
        for name in ("kinerja", "catatan"):
            a, b = getattr(prev, name), getattr(item, name)
            if a != b:
                yield _changed("renstra", rid, level, name, a, b, label=item.kinerja)
        yield from _indicator_changes(
            "renstra", rid, level, item.kinerja, prev.indikator, item.indikator, tahun
        )
    for rid, (level, item) in before.items():
        if rid not in after:
            yield Change("removed", "renstra", rid, level, label=item.kinerja)


# ---------------------------------------------------------------------- nodes


def _node_changes(old: LoadedPlan | None, new: LoadedPlan | None) -> Iterable[Change]:
    before = old.by_id if old else {}
    after = new.by_id if new else {}
    old_rollup = budget_rollup(old) if old else None
    new_rollup = budget_rollup(new) if new else None
    tahun_new = new.model.tahun if new else 0
    for ref in new.nodes if new else []:
        if after.get(ref.id) is not ref:
            continue  # a duplicated id: only the first one is compared
        label = _label(ref)
        parent = ref.parent.id if ref.parent else None
        prev = before.get(ref.id)
        if prev is None:
            assert new_rollup is not None
            amount = _year_amount(new_rollup.by_id[ref.id], tahun_new)
            yield Change(
                "added", "node", ref.id, ref.level, label=label, parent=parent, anggaran=amount
            )
            continue
        prev_parent = prev.parent.id if prev.parent else None
        if prev_parent != parent or prev.level != ref.level:
            yield Change(
                "moved",
                "node",
                ref.id,
                ref.level,
                "parent",
                prev_parent,
                parent,
                label=label,
                parent=parent,
            )
        yield from _field_changes(prev, ref, label, tahun_new)
        order = _order_change(prev, ref)
        if order is not None:
            yield Change("changed", "node", ref.id, ref.level, "urutan", *order, label=label)
    for ref in old.nodes if old else []:
        if ref.id in after or before.get(ref.id) is not ref:
            continue
        assert old_rollup is not None
        amount = _year_amount(old_rollup.by_id[ref.id], old_rollup.tahun)
        parent = ref.parent.id if ref.parent else None
        yield Change(
            "removed", "node", ref.id, ref.level, label=_label(ref), parent=parent, anggaran=amount
        )


def _order_change(prev: NodeRef, ref: NodeRef) -> tuple[list[str], list[str]] | None:
    """Old and new order of the children both versions share, when it changed.

    Reports, documents and the diagram follow the file's order, so putting
    the kegiatan of a program in another order is a change worth reviewing.
    """
    kept = {c.id for c in prev.children} & {c.id for c in ref.children}
    before = [c.id for c in prev.children if c.id in kept]
    after = [c.id for c in ref.children if c.id in kept]
    return (before, after) if before != after else None


def _field_changes(prev: NodeRef, ref: NodeRef, label: str, tahun: int) -> Iterable[Change]:
    a_node, b_node = prev.node, ref.node
    for name in _NODE_FIELDS:
        a, b = getattr(a_node, name, None), getattr(b_node, name, None)
        if a == b:
            continue
        if name == "anggaran":
            yield from _anggaran_changes(ref, label, a, b, tahun)
        else:
            yield _changed("node", ref.id, ref.level, name, _shown(a), _shown(b), label=label)
    for name in _LIST_FIELDS:
        a, b = getattr(a_node, name, None), getattr(b_node, name, None)
        if a == b:
            continue
        # set membership: O(n + m) for lists of n and m items
        old_items, new_items = list(a or []), list(b or [])
        old_set, new_set = set(old_items), set(new_items)
        for text in new_items:
            if text not in old_set:
                yield Change("added", "node", ref.id, ref.level, name, None, text, label=label)
        for text in old_items:
            if text not in new_set:
                yield Change("removed", "node", ref.id, ref.level, name, text, None, label=label)
    if a_node.indikator != b_node.indikator:
        yield from _indicator_changes(
            "node", ref.id, ref.level, label, a_node.indikator, b_node.indikator, tahun
        )


def _anggaran_changes(ref: NodeRef, label: str, a: Any, b: Any, tahun: int) -> Iterable[Change]:
    old_amounts = normalise(a, tahun) or {}
    new_amounts = normalise(b, tahun) or {}
    yearly = isinstance(a, dict) or isinstance(b, dict)
    for year in sorted(set(old_amounts) | set(new_amounts)):
        x, y = old_amounts.get(year), new_amounts.get(year)
        if x != y:
            yield Change(
                "changed",
                "node",
                ref.id,
                ref.level,
                "anggaran",
                x,
                y,
                label=label,
                year=year if yearly else None,
            )


# ----------------------------------------------------------------- indicators


def match_indicators(
    old: Sequence[Indikator], new: Sequence[Indikator]
) -> tuple[list[tuple[Indikator, Indikator]], list[Indikator], list[Indikator]]:
    """Pair indicators of one node: by ``uraian``, then loosely, then by position.

    Returns the pairs, the old ones left unpaired (removed) and the new ones
    left unpaired (added).
    """
    pairs: list[tuple[int, int]] = []
    free_old = list(range(len(old)))
    free_new = list(range(len(new)))
    for key in (lambda i: i.uraian, lambda i: " ".join(i.uraian.lower().split())):
        by_key: dict[str, list[int]] = {}
        for i in free_old:
            by_key.setdefault(key(old[i]), []).append(i)
        still_new = []
        for j in free_new:
            candidates = by_key.get(key(new[j]))
            if candidates:
                i = candidates.pop(0)
                pairs.append((i, j))
                free_old.remove(i)
            else:
                still_new.append(j)
        free_new = still_new
    # what is left: pair by position among the unpaired (wording edited in place)
    for i, j in zip(list(free_old), list(free_new), strict=False):
        pairs.append((i, j))
        free_old.remove(i)
        free_new.remove(j)
    pairs.sort(key=lambda p: p[1])
    return (
        [(old[i], new[j]) for i, j in pairs],
        [old[i] for i in free_old],
        [new[j] for j in free_new],
    )


def _indicator_changes(
    scope: Scope,
    oid: str,
    level: str,
    label: str,
    old: Sequence[Indikator],
    new: Sequence[Indikator],
    tahun: int,
) -> Iterable[Change]:
    pairs, removed, added = match_indicators(old, new)
    for a, b in pairs:
        if a == b:
            continue
        if a.uraian != b.uraian:
            yield _changed(
                scope, oid, level, "indikator.uraian", a.uraian, b.uraian, label, b.uraian
            )
        if a.target != b.target:
            yield from _target_changes(scope, oid, level, label, a, b, tahun)
        for name in _INDIKATOR_FIELDS:
            x, y = getattr(a, name), getattr(b, name)
            if x != y:
                yield _changed(scope, oid, level, f"indikator.{name}", x, y, label, b.uraian)
    for ind in added:
        yield Change(
            "added", scope, oid, level, "indikator", None, _indikator(ind), label, ind.uraian
        )
    for ind in removed:
        yield Change(
            "removed", scope, oid, level, "indikator", _indikator(ind), None, label, ind.uraian
        )


def _target_changes(
    scope: Scope, oid: str, level: str, label: str, a: Indikator, b: Indikator, tahun: int
) -> Iterable[Change]:
    if not isinstance(a.target, dict) and not isinstance(b.target, dict):
        yield _changed(scope, oid, level, "indikator.target", a.target, b.target, label, b.uraian)
        return
    old_t = _yearly(a.target, tahun)
    new_t = _yearly(b.target, tahun)
    for year in sorted(set(old_t) | set(new_t)):
        x, y = old_t.get(year), new_t.get(year)
        if x != y:
            yield Change(
                "changed", scope, oid, level, "indikator.target", x, y, label, b.uraian, year
            )


def _yearly(target: Any, tahun: int) -> dict[int, float | int]:
    if target is None:
        return {}
    if isinstance(target, dict):
        return dict(target)
    return {tahun: target}


def _indikator(ind: Indikator) -> dict[str, Any]:
    return {k: _plain(v) for k, v in ind.model_dump(exclude_none=True).items()}


# --------------------------------------------------------------------- budget


def _budget(result: Changes, old: LoadedPlan | None, new: LoadedPlan | None) -> None:
    old_r = budget_rollup(old) if old else None
    new_r = budget_rollup(new) if new else None
    result.tahun = new_r.tahun if new_r else (old_r.tahun if old_r else None)
    result.old_total = old_r.total_for() if old_r else 0
    result.new_total = new_r.total_for() if new_r else 0
    for level, target in (("csf", result.csf_budget), ("program", result.program_budget)):
        target.extend(_budget_lines(level, old, new))
    if result.changes:
        result.mismatches.extend(_mismatches(old, new))


def _mismatch_map(plan: LoadedPlan | None) -> dict[str, Mismatch]:
    if plan is None:
        return {}
    rollup = budget_rollup(plan)
    result: dict[str, Mismatch] = {}
    for row in rollup.mismatches:
        if row.difference.get(rollup.tahun) and row.declared is not None:
            declared = row.declared.get(rollup.tahun, 0)
            computed = row.computed.get(rollup.tahun, 0)
            result.setdefault(row.ref.id, Mismatch(row.ref.id, row.ref.level, declared, computed))
    return result


def _mismatches(old: LoadedPlan | None, new: LoadedPlan | None) -> list[Mismatch]:
    before, after = _mismatch_map(old), _mismatch_map(new)
    found = [m for nid, m in after.items() if before.get(nid) != m]
    found += [
        Mismatch(m.id, m.level, m.declared, m.computed, resolved=True)
        for nid, m in before.items()
        if nid not in after
    ]
    return found


def _budget_lines(level: str, old: LoadedPlan | None, new: LoadedPlan | None) -> list[BudgetLine]:
    old_rows = _level_rows(old, level)
    new_rows = _level_rows(new, level)
    lines: list[BudgetLine] = []
    ids = list(new_rows) + [i for i in old_rows if i not in new_rows]
    for nid in ids:
        o, n = old_rows.get(nid), new_rows.get(nid)
        ref = n or o
        assert ref is not None
        line = BudgetLine(
            nid,
            level,
            _label(ref[0].ref),
            o[1] if o else None,
            n[1] if n else None,
            o[2] if o else None,
            n[2] if n else None,
        )
        if (line.old, line.old_sum) != (line.new, line.new_sum):
            lines.append(line)
    return lines


def _level_rows(plan: LoadedPlan | None, level: str) -> dict[str, tuple[BudgetRow, int, int]]:
    if plan is None:
        return {}
    rollup = budget_rollup(plan)
    result: dict[str, tuple[BudgetRow, int, int]] = {}
    for row in rollup.rows:
        if row.ref.level == level and row.ref.id not in result:
            result[row.ref.id] = (
                row,
                _year_amount(row, rollup.tahun),
                row.computed.get(rollup.tahun, 0),
            )
    return result


def _year_amount(row: BudgetRow, year: int) -> int:
    amounts: Amounts = row.effective
    return amounts.get(year, 0)


# -------------------------------------------------------------------- helpers


def _label(ref: NodeRef) -> str:
    nama = getattr(ref.node, "nama", None)
    return str(nama) if nama else ref.node.kinerja


def _shown(value: Any) -> Any:
    """A crosscutting list or a pejabat as one line of text; other values unchanged."""
    from pokin.model import Crosscutting, Pejabat

    if isinstance(value, Pejabat):
        parts = [f"NIP {value.nip}" if value.nip else None, value.pangkat, value.status]
        return f"{value.nama} ({', '.join(p for p in parts if p)})"
    if isinstance(value, list) and value and isinstance(value[0], Crosscutting):
        return "; ".join(f"{c.ke or c.mitra}: {c.peran}" for c in value)
    if value == []:
        return None
    return value


def _changed(
    scope: Scope,
    oid: str | None,
    level: str | None,
    name: str,
    old: Any,
    new: Any,
    label: str | None = None,
    indikator: str | None = None,
) -> Change:
    words = None
    base = name.rsplit(".", 1)[-1]
    if base in _TEXT_FIELDS and isinstance(old, str) and isinstance(new, str):
        words = word_diff(old, new)
    return Change("changed", scope, oid, level, name, old, new, label, indikator, words=words)


#: Above this many word pairs the changed middle of two texts is shown as one
#: replacement instead of being matched word by word (SequenceMatcher is quadratic).
WORD_DIFF_PAIRS = 250_000


def word_diff(old: str, new: str) -> WordDiff:
    """A word-level diff of two texts as ``(op, words)`` segments.

    The common prefix and suffix are found in O(n); only the changed middle
    is matched word by word, and only while it has at most
    :data:`WORD_DIFF_PAIRS` word pairs (else it is one replacement). So the
    cost is O(n) for n words, however long the texts are.
    """
    a, b = old.split(), new.split()
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    mid_a, mid_b = a[start : len(a) - end], b[start : len(b) - end]
    segments: list[tuple[str, str]] = []
    if start:
        segments.append(("=", " ".join(a[:start])))
    if len(mid_a) * len(mid_b) > WORD_DIFF_PAIRS:
        segments += [("-", " ".join(mid_a)), ("+", " ".join(mid_b))]
    else:
        matcher = difflib.SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                segments.append(("=", " ".join(mid_a[i1:i2])))
                continue
            if tag in ("delete", "replace"):
                segments.append(("-", " ".join(mid_a[i1:i2])))
            if tag in ("insert", "replace"):
                segments.append(("+", " ".join(mid_b[j1:j2])))
    if end:
        segments.append(("=", " ".join(a[len(a) - end :])))
    return tuple(s for s in segments if s[1])


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
