"""The evaluator's checks: what PermenPAN-RB 89/2021 and the LKE of 88/2021 look at.

Warnings all: they point at what an SAKIP evaluator would question (a
Renstra series that jumps, a CSF target that is not the Renstra's, a
statement of an activity instead of a result, an outcome without its three
sources, a position with nothing to sign, a CSF tied to no Renstra sasaran),
but a plan may have its reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from statistics import median

from pokin.check.rules.registry import rule
from pokin.levels import LEVEL_WORD
from pokin.model import Indikator, RenstraItem
from pokin.numbers import format_number
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import Finding, Path, shorten

#: First words of a statement of an activity (a process), not of a result (I015).
ACTIVITY_WORDS = frozenset(
    {
        "pelaksanaan",
        "penyusunan",
        "penyelenggaraan",
        "penyediaan",
        "pengadaan",
        "pembuatan",
        "pemberian",
        "fasilitasi",
        "koordinasi",
        "terlaksananya",
        "terselenggaranya",
        "dilaksanakannya",
    }
)
_TOLERANCE = 1e-9


def _key(text: str) -> str:
    from pokin.nomenclature import comparable

    return comparable(text)


def _series(ind: Indikator) -> list[tuple[int, float]]:
    target = ind.target
    if not isinstance(target, dict):
        return []
    return sorted((year, float(value)) for year, value in target.items())


@rule("I013", "renstra-target-unsteady", "indicator", "warning")
def renstra_target_unsteady(plan: LoadedPlan) -> Iterable[Finding]:
    """A Renstra target series does not move steadily in the indicator's direction.

    Over three or more years, a yearly step more than twice the median step
    (per year), or a step back against the direction of the series (first
    to last year; `arah` where the indicator gives it).

    Failing:
        renstra:
          tujuan:
            - id: renstra-tujuan
              indikator:
                - uraian: Peningkatan Pelayanan Kepada PMKS yang Memperoleh Bantuan Sosial
                  satuan: "%"
                  target: {2021: 63.32, 2022: 69.65, 2023: 75.99, 2024: 82.32, 2025: 99.99}
    Passing:
        renstra:
          tujuan:
            - id: renstra-tujuan
              indikator:
                - uraian: Peningkatan Pelayanan Kepada PMKS yang Memperoleh Bantuan Sosial
                  satuan: "%"
                  target: {2021: 63.32, 2022: 69.65, 2023: 75.99, 2024: 82.32, 2025: 88.65}
    """
    for _, path, item in plan.renstra_items():
        for i, ind in enumerate(item.indikator):
            series = _series(ind)
            if len(series) < 3:
                continue
            steps = [(y2, (v2 - v1) / (y2 - y1)) for (y1, v1), (y2, v2) in pairwise(series)]
            arah = getattr(ind, "arah", None)
            direction = {"naik": 1.0, "turun": -1.0, "tetap": 0.0}.get(
                str(arah), series[-1][1] - series[0][1]
            )
            typical = median(abs(s) for _, s in steps)
            for year, step in steps:
                if direction and step * direction < -_TOLERANCE:
                    why = "berbalik arah"
                elif typical > 0 and abs(step) > 2 * typical + _TOLERANCE:
                    why = (
                        f"melonjak {format_number(round(abs(step), 2))} per tahun, lebih dari "
                        f"dua kali langkah tengahnya ({format_number(round(typical, 2))})"
                    )
                else:
                    continue
                yield Finding(
                    "I013",
                    f"Target Renstra tahun {year} indikator '{shorten(ind.uraian)}' {why}; "
                    "target lima tahun semestinya bergerak ajek ke satu arah.",
                    (*path, "indikator", i, "target", year),
                    item.id,
                )


def _renstra_of(plan: LoadedPlan, ref: NodeRef) -> RenstraItem | None:
    """The Renstra sasaran a CSF (or the CSF above a program) names."""
    csf = (
        ref if ref.level == "csf" else next((a for a in ref.ancestors() if a.level == "csf"), None)
    )
    renstra = plan.model.renstra
    target = getattr(csf.node, "renstra", None) if csf is not None else None
    if renstra is None or target is None:
        return None
    return next((s for s in renstra.sasaran if s.id == target), None)


def _year_values(ind: Indikator, tahun: int) -> dict[int, float]:
    target = ind.target
    if target is None:
        return {}
    if isinstance(target, dict):
        return {year: float(value) for year, value in target.items()}
    return {tahun: float(target)}


@rule("I014", "target-differs-from-renstra", "indicator", "warning")
def target_differs_from_renstra(plan: LoadedPlan) -> Iterable[Finding]:
    """A CSF or program target differs from the Renstra target of the same indicator.

    The same indicator: the same `uraian` (case, spacing and punctuation
    ignored) in the Renstra sasaran the CSF names, else in any Renstra item.
    Compared for every year both give (a single target is the plan year's).

    Failing:
        renstra:
          sasaran:
            - id: renstra-pmks-tertangani
              indikator:
                - {uraian: Persentase PMKS yang tertangani, satuan: "%", target: {2025: 90.05}}
        csf:
          - id: pelayanan-sosial
            renstra: renstra-pmks-tertangani
            indikator:
              - {uraian: Persentase PMKS yang tertangani, satuan: "%", target: 92}
    Passing:
        csf:
          - id: pelayanan-sosial
            renstra: renstra-pmks-tertangani
            indikator:
              - {uraian: Persentase PMKS yang tertangani, satuan: "%", target: 90.05}
    """
    if plan.model.renstra is None:
        return
    everywhere: dict[str, tuple[str, Indikator]] = {}
    for _, _, item in plan.renstra_items():
        for ind in item.indikator:
            everywhere.setdefault(_key(ind.uraian), (item.id, ind))
    if not everywhere:
        return
    tahun = plan.model.tahun
    for ref in plan.nodes:
        if ref.level not in ("csf", "program") or not ref.node.indikator:
            continue
        linked = _renstra_of(plan, ref)
        own = {_key(ind.uraian): (linked.id, ind) for ind in linked.indikator} if linked else {}
        for i, ind in enumerate(ref.node.indikator):
            key = _key(ind.uraian)
            match = own.get(key) or everywhere.get(key)
            if match is None or ind.target is None:
                continue
            source, official = match
            theirs = _year_values(official, tahun)
            for year, value in sorted(_year_values(ind, tahun).items()):
                expected = theirs.get(year)
                if expected is None or abs(expected - value) <= _TOLERANCE:
                    continue
                path: Path = (*ref.path, "indikator", i, "target")
                yield Finding(
                    "I014",
                    f"Target {year} indikator '{shorten(ind.uraian)}' pada "
                    f"{LEVEL_WORD[ref.level]} '{ref.id}' ({format_number(value)}) berbeda "
                    f"dengan target Renstra '{source}' ({format_number(expected)}).",
                    (*path, year) if isinstance(ind.target, dict) else path,
                    ref.id,
                )


@rule("I015", "kinerja-is-activity", "indicator", "warning")
def kinerja_is_activity(plan: LoadedPlan) -> Iterable[Finding]:
    """A `kinerja` above sub kegiatan is worded as an activity, not as a result.

    From kegiatan up, a statement says the condition achieved
    ("Meningkatnya …", "Terpenuhinya …"); "Pelaksanaan …", "Penyusunan …",
    "Terlaksananya …" (and Penyelenggaraan, Penyediaan, Pengadaan,
    Pembuatan, Pemberian, Fasilitasi, Koordinasi, Terselenggaranya,
    Dilaksanakannya) state the work done. Sub kegiatan may.

    Failing:
        - id: penunjang-perencanaan
          kinerja: Penyusunan Dokumen Perencanaan Perangkat Daerah
    Passing:
        - id: penunjang-perencanaan
          kinerja: Tersedianya Dokumen Perencanaan Perangkat Daerah yang Berkualitas
    """
    for ref in plan.nodes:
        if ref.level == "subkegiatan":
            continue
        head = ref.node.kinerja.split(None, 1)
        if head and head[0].lower().strip(",.;:") in ACTIVITY_WORDS:
            yield Finding(
                "I015",
                f"Pernyataan kinerja {LEVEL_WORD[ref.level]} '{ref.id}' berbunyi kegiatan "
                f"('{head[0]} …'), bukan hasil; rumuskan kondisi yang dicapai "
                "(Meningkatnya …, Terpenuhinya …, Tersedianya …).",
                (*ref.path, "kinerja"),
                ref.id,
            )


@rule("I016", "outcome-without-sources", "indicator", "warning")
def outcome_without_sources(plan: LoadedPlan) -> Iterable[Finding]:
    """The outcome lacks one of its three sources: mandat, isu strategis, ekspektasi (Tahap 1).

    Failing:
        outcome:
          id: kesejahteraan-ppks
          kinerja: Meningkatnya Kesejahteraan PPKS
          ekspektasi: [Fasilitasi bantuan KUBE]
          mandat: []
          isu_strategis: []
    Passing:
        outcome:
          id: kesejahteraan-ppks
          kinerja: Meningkatnya Kesejahteraan PPKS
          ekspektasi: [Fasilitasi bantuan KUBE]
          mandat: ["Penanganan Bencana: penyediaan kebutuhan dasar"]
          isu_strategis: [Belum optimalnya perlindungan sosial kelompok rentan]
    """
    outcome = plan.model.outcome
    if outcome is None:  # a partial plan (renja, pk) holds no outcome
        return
    missing = [
        word
        for key, word in (
            ("mandat", "mandat"),
            ("isu_strategis", "isu strategis"),
            ("ekspektasi", "ekspektasi"),
        )
        if not getattr(outcome, key)
    ]
    if missing:
        yield Finding(
            "I016",
            f"Outcome '{outcome.id}' tidak mencantumkan {_and(missing)}: Tahap 1 merumuskan "
            "outcome dari mandat, isu strategis dan ekspektasi pemangku kepentingan.",
            ("outcome",),
            outcome.id,
        )


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " dan " + words[-1]


def _targeted(ind: Indikator, tahun: int) -> bool:
    target = ind.target
    return target is not None and (not isinstance(target, dict) or tahun in target)


@rule("C010", "jabatan-nothing-to-sign", "cascade", "warning")
def jabatan_nothing_to_sign(plan: LoadedPlan) -> Iterable[Finding]:
    """A `jabatan` has no kinerja with a target for `tahun` to sign in its PK.

    A jabatan's PK holds the nodes it answers for (its `pj`, inherited by the
    nodes beneath that name none); when none of their indicators has a
    target for the plan year, the PK has nothing to promise. Not reported
    for `rpjmd.pj` (the Kepala Daerah signs the RPJMD's kinerja), for a
    jabatan that owns nothing and is no one's atasan (C005), nor, outside a
    penjenjangan, for a jabatan that owns nothing in the document: in a
    Renja, Renstra or PK slice it is listed to sign as atasan, and its own
    kinerja are in another document.

    Failing:
        jabatan:
          - id: kadis
            nama: Kepala Dinas Sosial
        csf:
          - id: pelayanan-sosial
            pj: kadis
            indikator:
              - {uraian: Persentase PPKS yang terlayani, satuan: "%"}
    Passing:
        csf:
          - id: pelayanan-sosial
            pj: kadis
            indikator:
              - {uraian: Persentase PPKS yang terlayani, satuan: "%", target: 90}
    """
    tahun = plan.model.tahun
    owners: dict[str, bool] = {}
    owner_of = plan.owners()
    for ref in plan.nodes:
        owner = owner_of[id(ref)]
        if owner is not None:
            targeted = any(_targeted(ind, tahun) for ind in ref.node.indikator)
            owners[owner] = owners.get(owner, False) or targeted
    atasan = {j.atasan for j in plan.model.jabatan if j.atasan}
    rpjmd = plan.model.rpjmd.pj if plan.model.rpjmd is not None else None
    for i, jab in enumerate(plan.model.jabatan):
        if jab.id == rpjmd or owners.get(jab.id):
            continue
        if jab.id not in owners and (jab.id not in atasan or plan.kind.key != "penjenjangan"):
            continue
        yield Finding(
            "C010",
            f"Jabatan '{jab.id}' ({shorten(jab.nama)}) tidak mempunyai kinerja bertarget untuk "
            f"tahun {tahun}: Perjanjian Kinerjanya tidak berisi target yang dapat ditandatangani.",
            ("jabatan", i),
            jab.id,
        )


@rule("C011", "csf-without-renstra", "cascade", "warning")
def csf_without_renstra(plan: LoadedPlan) -> Iterable[Finding]:
    """A CSF is linked to no Renstra sasaran (no `renstra`), in a plan that lists them.

    A CSF is a sasaran strategis: the LKE asks that it be the Renstra's.
    An unknown `renstra` id is R004's.

    Failing:
        csf:
          - id: pelayanan-sosial
            kinerja: Meningkatnya Pelayanan Sosial PPKS
            renstra: null
    Passing:
        csf:
          - id: pelayanan-sosial
            kinerja: Meningkatnya Pelayanan Sosial PPKS
            renstra: renstra-pmks-tertangani
    """
    renstra = plan.model.renstra
    if renstra is None or not renstra.sasaran:
        return
    for ref in plan.root.children:
        if getattr(ref.node, "renstra", None) is None:
            yield Finding(
                "C011",
                f"CSF '{ref.id}' tidak dikaitkan dengan sasaran Renstra mana pun; tulis "
                f"'renstra: <id>' (sasaran yang ada: {_ids(renstra.sasaran)}).",
                ref.path,
                ref.id,
            )


def _ids(items: list[RenstraItem]) -> str:
    ids = [s.id for s in items]
    return ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
