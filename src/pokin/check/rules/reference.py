"""Reference rules: ids are unique and every reference names something that exists."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from pokin.check.rules.registry import rule
from pokin.plan import LoadedPlan
from pokin.problems import Finding, Path


def _all_ids(plan: LoadedPlan) -> Iterator[tuple[str, Path, str]]:
    """(id, path, what) of every node, Renstra item and jabatan, in file order."""
    model = plan.model
    if model.renstra is not None:
        for kind in ("tujuan", "sasaran"):
            for i, item in enumerate(getattr(model.renstra, kind)):
                yield item.id, ("renstra", kind, i, "id"), f"renstra.{kind}"
    for i, jab in enumerate(model.jabatan):
        yield jab.id, ("jabatan", i, "id"), "jabatan"
    for ref in plan.nodes:
        yield ref.id, (*ref.path, "id"), ref.level


@rule("R001", "duplicate-id", "reference")
def duplicate_id(plan: LoadedPlan) -> Iterable[Finding]:
    """An id is used twice; ids must be unique across the whole file.

    Reviews, diffs, `pj` and `renstra` references key on ids, so two things
    with one id would be confused.

    Failing:
        program:
          - id: bencana
            ...
          - id: bencana
    Passing:
        program:
          - id: bencana
            ...
          - id: rehabilitasi
    """
    first: dict[str, tuple[Path, str]] = {}
    for ident, path, what in _all_ids(plan):
        if ident in first:
            prev_path, prev_what = first[ident]
            line, _ = plan.position(prev_path)
            yield Finding(
                "R001",
                f"Id '{ident}' sudah dipakai oleh {prev_what} di baris {line}; "
                "setiap id harus unik dalam satu berkas.",
                path,
                ident,
            )
        else:
            first[ident] = (path, what)


def _suggest(name: str, options: Iterable[str]) -> str:
    guess = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f" Mungkin maksudnya '{guess[0]}'?" if guess else ""


@rule("R002", "unknown-pj", "reference")
def unknown_pj(plan: LoadedPlan) -> Iterable[Finding]:
    """A `pj` names no `jabatan` in the file.

    Failing:
        jabatan:
          - {id: kadis, nama: Kepala Dinas Sosial, eselon: II}
        ...
            pj: kabid-rehsos
    Passing:
        jabatan:
          - {id: kadis, nama: Kepala Dinas Sosial, eselon: II}
          - {id: kabid-rehsos, nama: Kepala Bidang Rehabilitasi Sosial, eselon: III}
        ...
            pj: kabid-rehsos
    """
    known = plan.jabatan_by_id
    for ref in plan.nodes:
        pj = ref.node.pj
        if pj is not None and pj not in known:
            yield Finding(
                "R002",
                f"pj '{pj}' tidak ada dalam daftar jabatan.{_suggest(pj, known)}",
                (*ref.path, "pj"),
                ref.id,
            )
    rpjmd = plan.model.rpjmd
    if rpjmd is not None and rpjmd.pj is not None and rpjmd.pj not in known:
        yield Finding(
            "R002",
            f"pj '{rpjmd.pj}' pada rpjmd tidak ada dalam daftar jabatan."
            + _suggest(rpjmd.pj, known),
            ("rpjmd", "pj"),
        )


@rule("R003", "unknown-atasan", "reference")
def unknown_atasan(plan: LoadedPlan) -> Iterable[Finding]:
    """A jabatan's `atasan` names no jabatan in the file, or the chain of atasan loops.

    Failing:
        - {id: kabid-rehsos, nama: Kepala Bidang Rehabilitasi Sosial, eselon: III, atasan: kadin}
    Passing:
        - {id: kabid-rehsos, nama: Kepala Bidang Rehabilitasi Sosial, eselon: III, atasan: kadis}
    """
    known = plan.jabatan_by_id
    for i, jab in enumerate(plan.model.jabatan):
        if jab.atasan is None or ":" in jab.atasan:
            continue  # none, or a jabatan of another plan (R005, in a workspace)
        path = ("jabatan", i, "atasan")
        if jab.atasan not in known:
            yield Finding(
                "R003",
                f"atasan '{jab.atasan}' tidak ada dalam daftar jabatan."
                + _suggest(jab.atasan, known),
                path,
                jab.id,
            )
            continue
        seen = {jab.id}
        cursor = known[jab.atasan]
        while True:
            if cursor.id in seen:
                yield Finding(
                    "R003",
                    f"Rantai atasan jabatan '{jab.id}' berputar kembali ke '{cursor.id}'.",
                    path,
                    jab.id,
                )
                break
            seen.add(cursor.id)
            if cursor.atasan is None or cursor.atasan not in known:  # incl. KODE_PD:ID
                break
            cursor = known[cursor.atasan]


@rule("R004", "unknown-renstra", "reference")
def unknown_renstra(plan: LoadedPlan) -> Iterable[Finding]:
    """A CSF's `renstra` names no `renstra.sasaran` in the file.

    Failing:
        renstra:
          sasaran:
            - {id: renstra-pmks-tertangani, kinerja: Meningkatnya PMKS yang tertangani}
        csf:
          - id: pelayanan-sosial
            renstra: pmks-tertangani
    Passing:
        csf:
          - id: pelayanan-sosial
            renstra: renstra-pmks-tertangani
    """
    renstra = plan.model.renstra
    sasaran = {s.id for s in renstra.sasaran} if renstra is not None else set()
    for ref in plan.level_nodes("csf"):
        target = getattr(ref.node, "renstra", None)
        if target is not None and target not in sasaran:
            where = "renstra.sasaran" if sasaran else "renstra.sasaran (yang belum ditulis)"
            yield Finding(
                "R004",
                f"renstra '{target}' tidak ada di {where}.{_suggest(target, sasaran)}",
                (*ref.path, "renstra"),
                ref.id,
            )
