"""A new plan's skeleton (`pokin init`): the header, two jabatan, outcome, one CSF, kode chains.

Each kode given adds the program → kegiatan → sub kegiatan chain down to it
with the official nama (and, for a sub kegiatan, kinerja, indikator and
satuan) from the shipped nomenclature; chains that share a program or
kegiatan share its node. Ids are derived from the names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pokin.levels import KODE_PATTERNS
from pokin.problems import UsageError, shorten

#: Where a chain's kode is cut for each level: parts of the kode (``1.06.06.2.01.0001``).
_PARTS = {"program": 3, "kegiatan": 5, "subkegiatan": 6}


#: The ids the skeleton always has (outcome, CSF, jabatan); derived ids avoid them.
FIXED_IDS = ("tujuan", "sasaran-1", "kepala", "kabid")


@dataclass
class SkeletonNode:
    """A program, kegiatan or sub kegiatan of the skeleton."""

    level: str
    id: str
    kode: str
    nama: str
    #: The official kinerja, indikator and satuan (sub kegiatan only).
    kinerja: str | None = None
    indikator: str | None = None
    satuan: str | None = None
    children: list[SkeletonNode] = field(default_factory=list)


@dataclass
class Skeleton:
    """What `pokin init` writes."""

    perangkat_daerah: str
    tahun: int
    nomenklatur: str | None
    jenis_pemda: str | None
    programs: list[SkeletonNode]


def level_of_kode(kode: str) -> str | None:
    """Program, kegiatan or sub kegiatan by the kode's shape."""
    for key in ("subkegiatan", "kegiatan", "program"):
        if KODE_PATTERNS[key].fullmatch(kode):
            return key
    return None


def build_skeleton(
    perangkat_daerah: str,
    tahun: int,
    kodes: list[str],
    version: str = "kepmendagri-900",
    jenis_pemda: str | None = None,
) -> Skeleton:
    """The skeleton, a :class:`UsageError` for a kode that is not in the official list."""
    from pokin.nomenclature.index import lookup
    from pokin.source.sheets import slug

    jenis = jenis_pemda
    if kodes and jenis is None:
        from pokin.check.rules.nomenclature import infer_jenis_pemda

        jenis = infer_jenis_pemda(perangkat_daerah)
        if jenis is None:
            raise UsageError(
                f"jenis pemda tidak terbaca dari '{shorten(perangkat_daerah, 60)}'; "
                "beri --jenis-pemda kabupaten, kota atau provinsi"
            )
    taken: set[str] = set(FIXED_IDS)
    programs: list[SkeletonNode] = []
    by_kode: dict[str, SkeletonNode] = {}
    for raw in kodes:
        kode = raw.strip()
        level = level_of_kode(kode)
        if level is None:
            raise UsageError(
                f"--kode '{shorten(kode, 30)}' bukan kode program (1.06.06), kegiatan "
                "(1.06.06.2.01) atau sub kegiatan (1.06.06.2.01.0001)"
            )
        assert jenis is not None
        parts = kode.split(".")
        parent: SkeletonNode | None = None
        for lvl in ("program", "kegiatan", "subkegiatan"):
            if _PARTS[lvl] > len(parts):
                break
            part = ".".join(parts[: _PARTS[lvl]])
            node = by_kode.get(part)
            if node is None:
                entry = lookup(part, version, jenis)
                if entry is None:
                    raise UsageError(
                        f"kode '{part}' tidak ada dalam nomenklatur {version} untuk {jenis}; "
                        "cari kode dengan: pokin nomenklatur CARI"
                    )
                node = SkeletonNode(lvl, slug(entry.nama, taken), part, entry.nama)
                if lvl == "subkegiatan":
                    node.kinerja, node.indikator = entry.kinerja, entry.indikator
                    node.satuan = entry.satuan
                by_kode[part] = node
                (parent.children if parent is not None else programs).append(node)
            parent = node
    return Skeleton(perangkat_daerah, tahun, version if kodes else None, jenis_pemda, programs)
