"""Workspace rules: the links between the plans of one pemda (R005–R008).

These rules read several plans at once, so they run on a loaded
:class:`~pokin.source.workspace.Workspace`, not on one plan; every problem is
located at the referring line of the plan that refers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from pokin.check.rules.registry import declare
from pokin.model import Csf, split_ref
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import Path, Problem, Severity
from pokin.source.workspace import Workspace

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
    """One ``KODE_PD:ID`` reference written in a plan."""

    plan: LoadedPlan
    what: str  # induk | rpjmd | crosscutting | atasan
    target: str
    path: Path
    node: str | None


def links(plan: LoadedPlan) -> Iterator[Link]:
    """Every reference into another plan that ``plan`` writes, in file order."""
    for i, jab in enumerate(plan.model.jabatan):
        if jab.atasan and ":" in jab.atasan:
            yield Link(plan, "atasan", jab.atasan, ("jabatan", i, "atasan"), jab.id)
    for ref in plan.nodes:
        node = ref.node
        if node.induk:
            yield Link(plan, "induk", node.induk, (*ref.path, "induk"), ref.id)
        if isinstance(node, Csf) and node.rpjmd:
            yield Link(plan, "rpjmd", node.rpjmd, (*ref.path, "rpjmd"), ref.id)
        for j, link in enumerate(node.crosscutting):
            if link.ke:
                path = (*ref.path, "crosscutting", j, "ke")
                yield Link(plan, "crosscutting", link.ke, path, ref.id)


def resolve(ws: Workspace, target: str) -> tuple[LoadedPlan | None, NodeRef | None]:
    """The plan and node a ``KODE_PD:ID`` reference names (``None`` where missing)."""
    parts = split_ref(target)
    if parts is None:
        return None, None
    plan = ws.by_kode.get(parts[0])
    return plan, plan.by_id.get(parts[1]) if plan is not None else None


def workspace_problems(ws: Workspace) -> dict[str, list[Problem]]:
    """Problems of the links between a workspace's plans, by the file that refers."""
    out: dict[str, list[Problem]] = {}

    def add(plan: LoadedPlan, code: str, severity: Severity, message: str, path: Path,
            node: str | None) -> None:  # fmt: skip
        line, column = plan.position(path)
        out.setdefault(plan.file, []).append(
            Problem(code, severity, message, plan.file, line, column, node, path)
        )

    _kode_pd(ws, add)
    _references(ws, add)
    _induk_cycles(ws, add)
    _rpjmd_links(ws, add)
    return out


def _kode_pd(ws: Workspace, add: _Add) -> None:
    first: dict[str, LoadedPlan] = {}
    for plan in ws.plans:
        kode = plan.model.kode_pd
        if kode is None:
            add(
                plan,
                "R007",
                "error",
                "Rencana dalam workspace harus mempunyai 'kode_pd' (misalnya 'kode_pd: dinsos'; "
                "rencana pemda memakai 'pemda').",
                (),
                None,
            )
        elif kode in first:
            add(
                plan,
                "R007",
                "error",
                f"kode_pd '{kode}' sudah dipakai oleh {first[kode].file}; setiap rencana dalam "
                "workspace harus mempunyai kode_pd sendiri.",
                ("kode_pd",),
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


def _references(ws: Workspace, add: _Add) -> None:
    failed = ws.failed_kode
    unknown_failed = None in failed
    for plan in ws.plans:
        for link in links(plan):
            parts = split_ref(link.target)
            assert parts is not None
            kode, ident = parts
            target = ws.by_kode.get(kode)
            if target is None:
                if kode in failed or unknown_failed:
                    continue  # its plan did not load: reported there
                known = ", ".join(sorted(ws.by_kode)) or "-"
                add(
                    plan,
                    "R005",
                    "error",
                    f"{_WHAT[link.what].capitalize()} '{link.target}' menunjuk rencana "
                    f"'{kode}' yang tidak ada di workspace (kode_pd yang ada: {known}).",
                    link.path,
                    link.node,
                )
                continue
            exists = (
                ident in target.jabatan_by_id if link.what == "atasan" else ident in target.by_id
            )
            if not exists:
                thing = "jabatan" if link.what == "atasan" else "node"
                add(
                    plan,
                    "R005",
                    "error",
                    f"{_WHAT[link.what].capitalize()} '{link.target}': rencana '{kode}' "
                    f"({target.file}) tidak mempunyai {thing} '{ident}'.",
                    link.path,
                    link.node,
                )
                continue
            if link.what == "crosscutting":
                _two_sided(ws, plan, link, add)


def _two_sided(ws: Workspace, plan: LoadedPlan, link: Link, add: _Add) -> None:
    _, node = resolve(ws, link.target)
    assert node is not None
    back = f"{plan.model.kode_pd}:{link.node}"
    if any(c.ke == back for c in node.node.crosscutting):
        return
    add(
        plan,
        "R006",
        "warning",
        f"Crosscutting ke '{link.target}' hanya ditulis di sisi ini: node tersebut tidak "
        f"mempunyai crosscutting 'ke: {back}'. Tuliskan di kedua sisi agar kedua PD "
        "memuatnya.",
        link.path,
        link.node,
    )


def _induk_cycles(ws: Workspace, add: _Add) -> None:
    reported: set[str] = set()
    for plan in ws.plans:
        for ref in plan.nodes:
            if not ref.node.induk:
                continue
            start = f"{plan.model.kode_pd}:{ref.id}"
            chain = [start]
            cursor: NodeRef | None = ref
            while cursor is not None and cursor.node.induk:
                nxt = cursor.node.induk
                if nxt in chain:
                    cycle = [*chain[chain.index(nxt) :], nxt]
                    key = min(cycle[:-1])
                    if nxt == start and key not in reported:
                        reported.add(key)
                        add(
                            plan,
                            "R005",
                            "error",
                            "Rantai induk berputar: " + " → ".join(cycle) + ".",
                            (*ref.path, "induk"),
                            ref.id,
                        )
                    break
                chain.append(nxt)
                _, cursor = resolve(ws, nxt)


def _rpjmd_links(ws: Workspace, add: _Add) -> None:
    if ws.rpjmd is None:
        return
    for plan in ws.plans:
        if plan.model.dokumen == "rpjmd":
            continue
        for ref in plan.level_nodes("csf"):
            if isinstance(ref.node, Csf) and not ref.node.rpjmd:
                add(
                    plan,
                    "R008",
                    "warning",
                    f"CSF '{ref.id}' tidak menyebut sasaran RPJMD yang dilayaninya; tambahkan "
                    f"'rpjmd: {ws.rpjmd.model.kode_pd or 'pemda'}:ID-SASARAN'.",
                    (*ref.path, "id"),
                    ref.id,
                )


class _Add(Protocol):
    """The signature of the problem adder the rules receive."""

    def __call__(
        self,
        plan: LoadedPlan,
        code: str,
        severity: Severity,
        message: str,
        path: Path,
        node: str | None,
    ) -> None: ...
