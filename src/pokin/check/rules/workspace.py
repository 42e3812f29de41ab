"""Workspace rules: the links between the plans of one pemda (R005–R008).

These rules read several plans at once. Each plan is first reduced to its
:class:`PlanLinks` (ids, references and their positions: small, and cheap to
send between processes); the rules run on those summaries, and every problem
is located at the referring line of the plan that refers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pokin.check.rules.registry import declare
from pokin.model import Csf, split_ref
from pokin.plan import LoadedPlan
from pokin.problems import Path, Problem, Severity
from pokin.source.load import LoadResult

declare(
    "R005",
    "unknown-reference",
    "reference",
    """
    A `KODE_PD:ID` reference (`induk`, `csf.rpjmd`, `crosscutting.ke`, a jabatan's
    `atasan`) names no plan of the workspace, or no node (jabatan) in that plan; or
    the `induk` links run in a circle; or a `plans` pattern in `pokin.toml` matches
    no file.

    A reference into a plan that failed to load is not reported again.

    Failing:
        induk: pemda:sasaran-kesra        # the RPJMD has no such sasaran
    Passing:
        induk: pemda:penanganan-pmks
    """,
)
declare(
    "R006",
    "one-sided-crosscutting",
    "reference",
    """
    A crosscutting link `ke: KODE_PD:ID` is declared on one side only: the node it
    names has no crosscutting link back. Reported on the side that has it.

    Failing:
        # dinsos                              # dinkes: gizi-balita has no crosscutting
        crosscutting:
          - {ke: dinkes:gizi-balita, peran: Pendataan keluarga miskin dengan balita gizi kurang}
    Passing:
        # dinkes, node gizi-balita:
        crosscutting:
          - {ke: dinsos:linjamsos, peran: Pemberian makanan tambahan bagi keluarga miskin}
    """,
    severity="warning",
)
declare(
    "R007",
    "kode-pd",
    "reference",
    """
    A plan of a workspace has no `kode_pd`, or a `kode_pd` another plan already uses.

    Failing:
        kode_pd: dinsos     # in two plans
    Passing:
        kode_pd: dinkes
    """,
)
declare(
    "R008",
    "csf-not-linked-to-rpjmd",
    "reference",
    """
    A CSF of a perangkat daerah names no RPJMD sasaran (`rpjmd: pemda:ID`) while the
    workspace has an RPJMD: the reviewer cannot see which sasaran it serves.

    Failing:
        csf:
          - id: pelayanan-sosial
            kinerja: Meningkatnya Pelayanan Sosial PPKS
    Passing:
        csf:
          - id: pelayanan-sosial
            kinerja: Meningkatnya Pelayanan Sosial PPKS
            rpjmd: pemda:penanganan-pmks
    """,
    severity="warning",
)


@dataclass(frozen=True)
class Link:
    """One ``KODE_PD:ID`` reference written in a plan, with its position."""

    what: str  # induk | rpjmd | crosscutting | atasan
    target: str
    path: Path
    line: int
    column: int
    node: str | None


@dataclass
class PlanLinks:
    """What the workspace rules need of one plan file."""

    file: str
    #: The plan's ``kode_pd`` (read from the raw data when the plan did not load).
    kode_pd: str | None
    loaded: bool
    dokumen: str = "penjenjangan"
    kode_position: tuple[int, int] = (1, 1)
    node_ids: frozenset[str] = frozenset()
    jabatan_ids: frozenset[str] = frozenset()
    links: list[Link] = field(default_factory=list)
    #: Node id → the ``ke`` targets of its crosscutting (nodes that have any).
    crosscutting: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: CSFs without an ``rpjmd`` link: (id, path, line, column).
    unlinked_csf: list[tuple[str, Path, int, int]] = field(default_factory=list)

    def induk_of(self, ident: str) -> Link | None:
        """The ``induk`` link of a node of this plan, if it has one."""
        return next((k for k in self.links if k.what == "induk" and k.node == ident), None)


def plan_links(result: LoadResult) -> PlanLinks:
    """The summary of one loaded (or failed) plan file."""
    plan = result.plan
    if plan is None:
        data = result.document.data if result.document is not None else None
        kode = data.get("kode_pd") if isinstance(data, dict) else None
        return PlanLinks(result.file, kode if isinstance(kode, str) else None, False)
    return summarise(plan)


def summarise(plan: LoadedPlan) -> PlanLinks:
    """The ids, references and unlinked CSFs of a loaded plan."""
    model = plan.model
    summary = PlanLinks(
        plan.file,
        model.kode_pd,
        True,
        model.dokumen,
        plan.position(("kode_pd",)),
        frozenset(plan.by_id),
        frozenset(plan.jabatan_by_id),
    )

    def link(what: str, target: str, path: Path, node: str | None) -> None:
        line, column = plan.position(path)
        summary.links.append(Link(what, target, path, line, column, node))

    for i, jab in enumerate(model.jabatan):
        if jab.atasan and ":" in jab.atasan:
            link("atasan", jab.atasan, ("jabatan", i, "atasan"), jab.id)
    for ref in plan.nodes:
        node = ref.node
        if node.induk:
            link("induk", node.induk, (*ref.path, "induk"), ref.id)
        if isinstance(node, Csf):
            if node.rpjmd:
                link("rpjmd", node.rpjmd, (*ref.path, "rpjmd"), ref.id)
            else:
                path = (*ref.path, "id")
                summary.unlinked_csf.append((ref.id, path, *plan.position(path)))
        targets = tuple(c.ke for c in node.crosscutting if c.ke)
        if targets:
            summary.crosscutting[ref.id] = targets
        for j, cross in enumerate(node.crosscutting):
            if cross.ke:
                link("crosscutting", cross.ke, (*ref.path, "crosscutting", j, "ke"), ref.id)
    return summary


class _Problems:
    """Problems collected per referring file."""

    def __init__(self) -> None:
        self.by_file: dict[str, list[Problem]] = {}

    def add(
        self,
        plan: PlanLinks,
        code: str,
        severity: Severity,
        message: str,
        path: Path,
        at: tuple[int, int],
        node: str | None,
    ) -> None:
        self.by_file.setdefault(plan.file, []).append(
            Problem(code, severity, message, plan.file, at[0], at[1], node, path)
        )


def workspace_problems(plans: Iterable[PlanLinks]) -> dict[str, list[Problem]]:
    """Problems of the links between a workspace's plans, by the file that refers."""
    every = list(plans)
    loaded = [p for p in every if p.loaded]
    by_kode: dict[str, PlanLinks] = {}
    for plan in loaded:
        if plan.kode_pd is not None:
            by_kode.setdefault(plan.kode_pd, plan)
    failed = {p.kode_pd for p in every if not p.loaded}
    out = _Problems()
    _kode_pd(loaded, out)
    _references(loaded, by_kode, failed, out)
    _induk_cycles(loaded, by_kode, out)
    _rpjmd_links(loaded, out)
    return out.by_file


def _kode_pd(plans: list[PlanLinks], out: _Problems) -> None:
    first: dict[str, PlanLinks] = {}
    for plan in plans:
        kode = plan.kode_pd
        if kode is None:
            out.add(
                plan,
                "R007",
                "error",
                "Rencana dalam workspace harus mempunyai 'kode_pd' (misalnya 'kode_pd: dinsos'; "
                "rencana pemda memakai 'pemda').",
                (),
                (1, 1),
                None,
            )
        elif kode in first:
            out.add(
                plan,
                "R007",
                "error",
                f"kode_pd '{kode}' sudah dipakai oleh {first[kode].file}; setiap rencana dalam "
                "workspace harus mempunyai kode_pd sendiri.",
                ("kode_pd",),
                plan.kode_position,
                None,
            )
        else:
            first[kode] = plan


_WHAT = {
    "induk": "induk",
    "rpjmd": "sasaran RPJMD (rpjmd)",
    "crosscutting": "crosscutting",
    "atasan": "atasan",
}


def _references(
    plans: list[PlanLinks],
    by_kode: dict[str, PlanLinks],
    failed: set[str | None],
    out: _Problems,
) -> None:
    unknown_failed = None in failed
    for plan in plans:
        for link in plan.links:
            parts = split_ref(link.target)
            assert parts is not None
            kode, ident = parts
            target = by_kode.get(kode)
            at = (link.line, link.column)
            if target is None:
                if kode in failed or unknown_failed:
                    continue  # its plan did not load: reported there
                known = ", ".join(sorted(by_kode)) or "-"
                out.add(
                    plan,
                    "R005",
                    "error",
                    f"{_WHAT[link.what].capitalize()} '{link.target}' menunjuk rencana "
                    f"'{kode}' yang tidak ada di workspace (kode_pd yang ada: {known}).",
                    link.path,
                    at,
                    link.node,
                )
                continue
            ids = target.jabatan_ids if link.what == "atasan" else target.node_ids
            if ident not in ids:
                thing = "jabatan" if link.what == "atasan" else "node"
                out.add(
                    plan,
                    "R005",
                    "error",
                    f"{_WHAT[link.what].capitalize()} '{link.target}': rencana '{kode}' "
                    f"({target.file}) tidak mempunyai {thing} '{ident}'.",
                    link.path,
                    at,
                    link.node,
                )
                continue
            back = f"{plan.kode_pd}:{link.node}"
            if link.what == "crosscutting" and back not in target.crosscutting.get(ident, ()):
                out.add(
                    plan,
                    "R006",
                    "warning",
                    f"Crosscutting ke '{link.target}' hanya ditulis di sisi ini: node tersebut "
                    f"tidak mempunyai crosscutting 'ke: {back}'. Tuliskan di kedua sisi agar "
                    "kedua PD memuatnya.",
                    link.path,
                    at,
                    link.node,
                )


def _induk_cycles(plans: list[PlanLinks], by_kode: dict[str, PlanLinks], out: _Problems) -> None:
    reported: set[frozenset[str]] = set()
    for plan in plans:
        for first in plan.links:
            if first.what != "induk":
                continue
            start = f"{plan.kode_pd}:{first.node}"
            chain = [start]
            step: Link | None = first
            while step is not None:
                nxt = step.target
                if nxt in chain:
                    cycle = [*chain[chain.index(nxt) :], nxt]
                    members = frozenset(cycle)
                    if nxt == start and members not in reported:
                        reported.add(members)
                        out.add(
                            plan,
                            "R005",
                            "error",
                            "Rantai induk berputar: " + " → ".join(cycle) + ".",
                            first.path,
                            (first.line, first.column),
                            first.node,
                        )
                    break
                chain.append(nxt)
                parts = split_ref(nxt)
                holder = by_kode.get(parts[0]) if parts else None
                step = holder.induk_of(parts[1]) if holder is not None and parts else None


def _rpjmd_links(plans: list[PlanLinks], out: _Problems) -> None:
    rpjmd = next((p for p in plans if p.dokumen == "rpjmd"), None)
    if rpjmd is None:
        return
    for plan in plans:
        if plan.dokumen == "rpjmd":
            continue
        for ident, path, line, column in plan.unlinked_csf:
            out.add(
                plan,
                "R008",
                "warning",
                f"CSF '{ident}' tidak menyebut sasaran RPJMD yang dilayaninya; tambahkan "
                f"'rpjmd: {rpjmd.kode_pd or 'pemda'}:ID-SASARAN'.",
                path,
                (line, column),
                ident,
            )
