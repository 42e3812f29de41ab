"""Cascade rules: every condition is realised below it, and someone answers for it."""

from __future__ import annotations

from collections.abc import Iterable

from pokin.check.rules.registry import rule
from pokin.levels import LEVEL_WORD, LEVELS
from pokin.plan import LoadedPlan
from pokin.problems import Finding


def _childless(plan: LoadedPlan, level: str, code: str, message: str) -> Iterable[Finding]:
    for ref in plan.nodes:
        if ref.level == level and not ref.children:
            yield Finding(code, message.format(id=ref.id), ref.path, ref.id)


@rule("C001", "orphan-csf", "cascade")
def orphan_csf(plan: LoadedPlan) -> Iterable[Finding]:
    """A CSF (sasaran strategis) has no program: nothing in the plan realises it.

    Failing:
        csf:
          - id: akuntabilitas
            kinerja: Meningkatnya Akuntabilitas Kinerja Perangkat Daerah
            program: []
    Passing:
        csf:
          - id: akuntabilitas
            kinerja: Meningkatnya Akuntabilitas Kinerja Perangkat Daerah
            program:
              - id: penunjang
                ...
    """
    return _childless(
        plan,
        "csf",
        "C001",
        "CSF '{id}' tidak mempunyai program; tidak ada kondisi antara yang mewujudkannya.",
    )


@rule("C002", "program-without-kegiatan", "cascade")
def program_without_kegiatan(plan: LoadedPlan) -> Iterable[Finding]:
    """A program has no kegiatan: the intermediate condition is not broken down.

    Failing:
        - id: tmp
          kinerja: Terkelolanya Taman Makam Pahlawan
          nama: Program Pengelolaan Taman Makam Pahlawan
          kegiatan: []
    Passing:
        - id: tmp
          kinerja: Terkelolanya Taman Makam Pahlawan
          nama: Program Pengelolaan Taman Makam Pahlawan
          kegiatan:
            - id: tmp-pemeliharaan
              ...
    """
    return _childless(
        plan, "program", "C002", "Program '{id}' tidak mempunyai kegiatan yang mewujudkannya."
    )


@rule("C003", "kegiatan-without-subkegiatan", "cascade")
def kegiatan_without_subkegiatan(plan: LoadedPlan) -> Iterable[Finding]:
    """A kegiatan has no sub kegiatan: a condition that no budget line realises.

    Failing:
        - id: tmp-pemeliharaan
          kinerja: Terpeliharanya Taman Makam Pahlawan
          nama: Pemeliharaan taman makam Pahlawan Nasional Kabupaten/Kota
          subkegiatan: []
    Passing:
        - id: tmp-pemeliharaan
          kinerja: Terpeliharanya Taman Makam Pahlawan
          nama: Pemeliharaan taman makam Pahlawan Nasional Kabupaten/Kota
          subkegiatan:
            - id: tmp-pemeliharaan-makam
              ...
    """
    return _childless(
        plan,
        "kegiatan",
        "C003",
        "Kegiatan '{id}' tidak mempunyai sub kegiatan; kondisi ini tidak diwujudkan "
        "oleh baris anggaran mana pun.",
    )


@rule("C004", "unrealised-renstra-sasaran", "cascade", "warning")
def unrealised_renstra_sasaran(plan: LoadedPlan) -> Iterable[Finding]:
    """A `renstra.sasaran` is realised by no CSF (no CSF names it in `renstra`).

    A warning: the Renstra covers five years and may hold a sasaran this
    year's plan deliberately leaves out; say so in its `catatan`.

    Failing:
        renstra:
          sasaran:
            - {id: renstra-pmks-tertangani, kinerja: Meningkatnya PMKS yang tertangani}
        csf:
          - {id: pelayanan-sosial, renstra: null}   # no CSF names the sasaran
          - {id: psks, renstra: null}
    Passing:
        csf:
          - id: pelayanan-sosial
            renstra: renstra-pmks-tertangani
            ...
    """
    renstra = plan.model.renstra
    if renstra is None or not renstra.sasaran:
        return
    realised = {getattr(ref.node, "renstra", None) for ref in plan.level_nodes("csf")}
    for i, sasaran in enumerate(renstra.sasaran):
        if sasaran.id not in realised:
            yield Finding(
                "C004",
                f"Sasaran Renstra '{sasaran.id}' tidak diwujudkan oleh CSF mana pun "
                "(tidak ada CSF dengan 'renstra: " + sasaran.id + "').",
                ("renstra", "sasaran", i),
                sasaran.id,
            )


@rule("C005", "unused-jabatan", "cascade", "warning")
def unused_jabatan(plan: LoadedPlan) -> Iterable[Finding]:
    """A `jabatan` owns nothing: it is no node's `pj` and no atasan of one who is.

    A jabatan counts as used when it is the `pj` of a node or of `rpjmd`, or
    the `atasan` (directly or further up) of a jabatan that is used: a Kepala
    Dinas signs the PK of the Kepala Bidang beneath.

    Failing:
        jabatan:
          - {id: kadis, nama: Kepala Dinas Sosial, eselon: II}
          - {id: kasi-lama, nama: Kepala Seksi (dihapus), eselon: IV}
    Passing:
        jabatan:
          - {id: kadis, nama: Kepala Dinas Sosial, eselon: II}
    """
    known = plan.jabatan_by_id
    used: set[str] = set()
    owners = {ref.node.pj for ref in plan.nodes if ref.node.pj}
    if plan.model.rpjmd is not None and plan.model.rpjmd.pj:
        owners.add(plan.model.rpjmd.pj)
    for owner in owners:
        cursor = known.get(owner)
        while cursor is not None and cursor.id not in used:
            used.add(cursor.id)
            cursor = known.get(cursor.atasan) if cursor.atasan else None
    for i, jab in enumerate(plan.model.jabatan):
        if jab.id not in used:
            yield Finding(
                "C005",
                f"Jabatan '{jab.id}' ({jab.nama}) tidak menjadi pj node mana pun dan bukan "
                "atasan dari jabatan yang menjadi pj; hapus atau tetapkan kinerjanya.",
                ("jabatan", i),
                jab.id,
            )


@rule("C006", "missing-pj", "cascade")
def missing_pj(plan: LoadedPlan) -> Iterable[Finding]:
    """A program or kegiatan has no `pj` of its own.

    Every program and kegiatan goes into someone's Perjanjian Kinerja
    (Tahap 5); a `pj` inherited from the CSF above does not count at these
    levels. Sub kegiatan may inherit the `pj` of their kegiatan.

    Failing:
        - id: tmp
          nama: Program Pengelolaan Taman Makam Pahlawan
          pj: null   # not written
    Passing:
        - id: tmp
          nama: Program Pengelolaan Taman Makam Pahlawan
          pj: kabid-dayasos
    """
    for ref in plan.nodes:
        if ref.level in ("program", "kegiatan") and not ref.node.pj:
            yield Finding(
                "C006",
                f"{LEVEL_WORD[ref.level].capitalize()} '{ref.id}' tidak mempunyai pj "
                "(penanggung jawab); tetapkan jabatan yang memuatnya dalam PK.",
                ref.path,
                ref.id,
            )


#: Which eselon may own which level (PermenPAN-RB 89/2021, Tahap 5 distribution).
ALLOWED_ESELON: dict[str, tuple[str, ...]] = {
    **{level.key: level.eselon for level in LEVELS},
    "rpjmd": ("kepala_daerah",),
}
#: The strategic levels: the head of the PD owns them whatever its eselon.
STRATEGIC = ("outcome", "csf")


def _eselon_word(eselon: str) -> str:
    return "Kepala Daerah" if eselon == "kepala_daerah" else f"eselon {eselon}"


def pd_heads(plan: LoadedPlan) -> set[str]:
    """The head(s) of the PD: jabatan whose atasan is the kepala daerah, another plan's, or none."""
    known = plan.jabatan_by_id
    heads: set[str] = set()
    for jab in plan.model.jabatan:
        if jab.eselon == "kepala_daerah":
            continue
        atasan = known.get(jab.atasan) if jab.atasan else None
        if (
            jab.atasan is None
            or ":" in jab.atasan
            or (atasan is not None and atasan.eselon == "kepala_daerah")
        ):
            heads.add(jab.id)
    return heads


@rule("C007", "pj-eselon-mismatch", "cascade")
def pj_eselon_mismatch(plan: LoadedPlan) -> Iterable[Finding]:
    """A `pj` whose eselon does not fit the level it owns (e.g. a JF owning a CSF).

    Allowed: outcome — Kepala Daerah or eselon II; CSF — II; program — II or
    III; kegiatan and sub kegiatan — III, IV or JF; `rpjmd.pj` — Kepala Daerah.
    `.a`/`.b` grades count as their eselon (II.a is II). The head of the PD
    (the jabatan whose `atasan` is the kepala daerah, or who has none) owns the
    outcome and CSF whatever its eselon: a Camat or Kepala Kantor is eselon III.
    In an RPJMD the kepala daerah owns tujuan and sasaran. Only a node's own
    `pj` is checked.

    Failing:
        jabatan:
          - {id: kadis, nama: Kepala Dinas Sosial, eselon: II}
          - {id: jf-rehsos, nama: Pejabat Fungsional Rehabilitasi Sosial, eselon: JF, atasan: kadis}
        csf:
          - id: pelayanan-sosial
            pj: jf-rehsos
    Passing:
        jabatan:
          - {id: kadis, nama: Kepala Dinas Sosial, eselon: II}
        csf:
          - id: pelayanan-sosial
            pj: kadis
    """
    known = plan.jabatan_by_id
    heads: set[str] | None = None
    rpjmd_kind = plan.kind.key == "rpjmd"
    for ref in plan.nodes:
        pj = ref.node.pj
        jab = known.get(pj) if pj else None
        if jab is None:
            continue  # no pj, or an unknown one (R002)
        allowed = ALLOWED_ESELON[ref.level]
        grade = jab.grade
        if grade in allowed:
            continue
        if ref.level in STRATEGIC:
            if rpjmd_kind and grade == "kepala_daerah":
                continue
            if heads is None:
                heads = pd_heads(plan)
            if jab.id in heads:
                continue
        yield Finding(
            "C007",
            f"pj '{jab.id}' ({_eselon_word(jab.eselon_written)}) tidak sesuai untuk "
            f"{LEVEL_WORD[ref.level]} '{ref.id}'; yang sesuai: "
            + ", ".join(_eselon_word(e) for e in allowed)
            + (" atau kepala perangkat daerah" if ref.level in STRATEGIC else "")
            + ".",
            (*ref.path, "pj"),
            ref.id,
        )
    rpjmd = plan.model.rpjmd
    if rpjmd is not None and rpjmd.pj:
        jab = known.get(rpjmd.pj)
        if jab is not None and jab.grade not in ALLOWED_ESELON["rpjmd"]:
            yield Finding(
                "C007",
                f"pj rpjmd '{jab.id}' ({_eselon_word(jab.eselon_written)}) harus Kepala Daerah: "
                "kinerja RPJMD masuk PK Kepala Daerah.",
                ("rpjmd", "pj"),
            )
