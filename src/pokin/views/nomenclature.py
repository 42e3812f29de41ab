"""`pokin nomenklatur` as data: official entries for a kode, a kode prefix or words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pokin.nomenclature import Entry

#: The jenis pemda whose list an entry's ``jenis`` stands for (for successor look-ups).
_JENIS_OF_LIST = {"kabkot": "kabupaten", "both": "kabupaten", "prov": "provinsi"}


@dataclass(frozen=True)
class LookupRow:
    """One official entry and what takes its place in the other version."""

    entry: Entry
    #: Entries of the other version that replace it (2027 successors of a Kepmendagri 900
    #: kode; for a 2027 kode, the kode it names as previous or one of the same nama).
    counterpart: list[Entry] = field(default_factory=list)
    #: Whether the other version has this very kode.
    in_other: bool = True


@dataclass(frozen=True)
class LookupView:
    """What a query found, in kode order grouped as the search ranked them."""

    query: str
    version: str | None
    jenis_pemda: str | None
    rows: list[LookupRow]
    #: More entries matched than were shown.
    truncated: bool = False


def lookup_view(
    query: str, version: str | None = None, jenis_pemda: str | None = None, limit: int = 20
) -> LookupView:
    """Entries matching a kode (or prefix) or words, each with its counterpart."""
    from pokin import nomenclature as nm

    found = nm.search(query, version, jenis_pemda, limit=limit + 1)
    rows = [_row(e, jenis_pemda) for e in found[:limit]]
    return LookupView(query, version, jenis_pemda, rows, len(found) > limit)


def _row(entry: Entry, jenis_pemda: str | None) -> LookupRow:
    from pokin import nomenclature as nm

    jenis = jenis_pemda or _JENIS_OF_LIST[entry.jenis]
    other = next(v for v in nm.VERSIONS if v != entry.version)
    if not nm.covers(other, jenis):
        return LookupRow(entry, [], False)
    if nm.contains(entry.kode, other, jenis):
        return LookupRow(entry, [], True)
    if entry.version == "kepmendagri-900":
        heirs = (
            nm.successors(entry.kode, jenis)
            or nm.same_name_in_parent(entry.kode, entry.version, jenis)
            or nm.same_name_in_parent(entry.kode, entry.version, jenis, within="program")
        )
        return LookupRow(entry, heirs, False)
    older = nm.lookup(entry.previous, other, jenis) if entry.previous else None
    if older is not None:
        return LookupRow(entry, [older], False)
    parent = ".".join(entry.kode.split(".")[:-1])
    same = nm.nearest(entry.nama, entry.level, other, jenis, n=1, parent=parent) if parent else []
    return LookupRow(
        entry, [e for e in same if nm.comparable(e.nama) == nm.comparable(entry.nama)], False
    )
