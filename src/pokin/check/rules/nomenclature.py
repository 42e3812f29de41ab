"""Nomenclature rules: Permendagri 90/2019 (Kepmendagri 900) codes.

Shapes: program ``U.BB.PP``, kegiatan ``U.BB.PP.K.KK``, sub kegiatan
``U.BB.PP.K.KK.SSSS``; ``U`` (urusan) is a digit or ``X`` and ``BB`` (bidang
urusan) two digits or ``XX`` for the supporting programs shared by every
perangkat daerah (``X.XX.01``).
"""

from __future__ import annotations

from collections.abc import Iterable

from pokin.check.rules.registry import rule
from pokin.levels import BY_KEY, KODE_PATTERNS, LEVEL_WORD
from pokin.plan import LoadedPlan
from pokin.problems import Finding


def _kode(node: object) -> str | None:
    kode = getattr(node, "kode", None)
    return kode.strip() if isinstance(kode, str) else None


@rule("N001", "malformed-kode", "nomenclature")
def malformed_kode(plan: LoadedPlan) -> Iterable[Finding]:
    """A `kode` does not have the shape of its level.

    Program `U.BB.PP`, kegiatan `U.BB.PP.K.KK`, sub kegiatan
    `U.BB.PP.K.KK.SSSS`; U is a digit or X, BB two digits or XX.

    Failing:
        - id: bencana-permakanan
          nama: Penyediaan Makanan
          kode: "1.06.06.2.1.1"
    Passing:
        - id: bencana-permakanan
          nama: Penyediaan Makanan
          kode: "1.06.06.2.01.0001"
    """
    for ref in plan.nodes:
        pattern = KODE_PATTERNS.get(ref.level)
        kode = _kode(ref.node) if pattern is not None else None
        if kode is None or pattern is None or pattern.fullmatch(kode):
            continue
        yield Finding(
            "N001",
            f"Kode {LEVEL_WORD[ref.level]} '{kode}' tidak berbentuk {BY_KEY[ref.level].kode_shape} "
            f"(contoh: {BY_KEY[ref.level].kode_example}).",
            (*ref.path, "kode"),
            ref.id,
        )


@rule("N002", "kode-not-nested", "nomenclature")
def kode_not_nested(plan: LoadedPlan) -> Iterable[Finding]:
    """A `kode` does not start with its parent's `kode` (when both are given and well formed).

    Failing:
        - id: bencana
          kode: "1.06.06"
          kegiatan:
            - id: bencana-kebutuhan-dasar
              kode: "1.06.04.2.01"
    Passing:
        - id: bencana
          kode: "1.06.06"
          kegiatan:
            - id: bencana-kebutuhan-dasar
              kode: "1.06.06.2.01"
    """
    for ref in plan.nodes:
        if ref.level not in ("kegiatan", "subkegiatan") or ref.parent is None:
            continue
        kode, parent_kode = _kode(ref.node), _kode(ref.parent.node)
        if kode is None or parent_kode is None or kode.startswith(parent_kode + "."):
            continue
        if not (
            KODE_PATTERNS[ref.level].fullmatch(kode)
            and KODE_PATTERNS[ref.parent.level].fullmatch(parent_kode)
        ):
            continue  # N001 reports the malformed one
        yield Finding(
            "N002",
            f"Kode {LEVEL_WORD[ref.level]} '{kode}' tidak berada di bawah kode "
            f"{LEVEL_WORD[ref.parent.level]} induknya '{parent_kode}' "
            f"({ref.parent.id}).",
            (*ref.path, "kode"),
            ref.id,
        )
