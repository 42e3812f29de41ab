"""Official nomenclature lists (Kepmendagri 900, pemutakhiran 2027), shipped as data.

Read with the standard library only, on first use; see ``docs/nomenclature-data.md``.
"""

from __future__ import annotations

from pokin.nomenclature.index import (
    JENIS_PEMDA,
    LEVELS,
    VERSIONS,
    Entry,
    Jenis,
    JenisPemda,
    Kewenangan,
    Level,
    Version,
    comparable,
    contains,
    covers,
    kewenangan,
    lookup,
    nearest,
    normalise_kode,
    normalise_text,
    official_satuan,
    same_name_in_parent,
    search,
    successors,
    versions_with,
)

__all__ = [
    "JENIS_PEMDA",
    "LEVELS",
    "VERSIONS",
    "Entry",
    "Jenis",
    "JenisPemda",
    "Kewenangan",
    "Level",
    "Version",
    "comparable",
    "contains",
    "covers",
    "kewenangan",
    "lookup",
    "nearest",
    "normalise_kode",
    "normalise_text",
    "official_satuan",
    "same_name_in_parent",
    "search",
    "successors",
    "versions_with",
]
