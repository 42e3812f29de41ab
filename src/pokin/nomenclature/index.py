"""The official nomenclature lists shipped with pokin, read with the stdlib only.

Each version is one tab-separated file in ``data/`` built by
``scripts/build_nomenclature.py``. A file is read on first use and kept; its
rows stay bytes until an entry is asked for, so loading is one read and two
splits.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

Version = Literal["kepmendagri-900", "pemutakhiran-2027"]
JenisPemda = Literal["kabupaten", "kota", "provinsi"]
Level = Literal["urusan", "bidang", "program", "kegiatan", "subkegiatan"]
Jenis = Literal["kabkot", "prov", "both"]
Kewenangan = Literal["provinsi", "kabkot", "khusus"]
Side = Literal["kabkot", "prov"]

VERSIONS: tuple[Version, ...] = get_args(Version)
JENIS_PEMDA: tuple[JenisPemda, ...] = get_args(JenisPemda)
LEVELS: tuple[Level, ...] = get_args(Level)

DATA = Path(__file__).with_name("data")
_LEVEL: dict[str, Level] = {
    "u": "urusan",
    "b": "bidang",
    "p": "program",
    "k": "kegiatan",
    "s": "subkegiatan",
}
_LEVEL_KEY: dict[str, str] = {v: k for k, v in _LEVEL.items()}
_JENIS: dict[str, Jenis] = {"k": "kabkot", "p": "prov", "b": "both"}
_SIDE: dict[str, Side] = {"kabupaten": "kabkot", "kota": "kabkot", "provinsi": "prov"}
# The jenis letter of rows that do NOT belong to a side.
_OTHER = {"kabkot": "p", "prov": "k"}
_KEWENANGAN: dict[str, Kewenangan] = {"1": "provinsi", "2": "kabkot"}
_KEWENANGAN.update(dict.fromkeys("345678", "khusus"))
_KODE_PREFIX = re.compile(r"^[0-9X]+(?:\.[0-9X]*)*$")
_WORD = re.compile(r"\w+")
_PUNCT = re.compile(r"[\W_]+")
# Bounds that keep nearest() cheap on the 7,000-entry lists.
_NEAR_KODES = 200
_NEAR_NAMES = 60
_NEAR_CUTOFF = 0.5
_COMMON_WORD = 2000


@dataclass(frozen=True, slots=True)
class Entry:
    """One official kode: its level, nama and (sub kegiatan) kinerja, indikator, satuan.

    ``jenis`` is the list it comes from (``both``: the same in PROV and
    KABKOT); ``previous`` the kode it replaces (pemutakhiran-2027 only).
    """

    kode: str
    level: Level
    nama: str
    kinerja: str | None
    indikator: str | None
    satuan: str | None
    jenis: Jenis
    version: Version
    previous: str | None


def normalise_text(text: str) -> str:
    """Whitespace runs (line breaks included) collapsed to one space, stripped."""
    return " ".join(text.split())


def comparable(text: str) -> str:
    """Casefolded, without punctuation or spacing: equal when texts differ only so."""
    return _PUNCT.sub("", text.casefold())


def normalise_kode(kode: str) -> str:
    """Spaces removed, ``x`` upper-cased, a 1–2 digit sub kegiatan part padded (01 → 0001)."""
    parts = "".join(kode.split()).upper().split(".")
    if len(parts) == 6 and parts[5].isdigit() and 1 <= len(parts[5]) <= 2:
        parts[5] = parts[5].zfill(4)
    return ".".join(parts)


def kewenangan(kode: str) -> Kewenangan | None:
    """Whose kegiatan a kode is, from its kegiatan digit (1 provinsi, 2 kabkot, 3–8 khusus)."""
    parts = normalise_kode(kode).split(".")
    return _KEWENANGAN.get(parts[3]) if len(parts) >= 5 else None


def _aliases(kode: str) -> Iterator[str]:
    """The kode, then its penunjang form: any ``U.BB.01…`` is ``X.XX.01…``."""
    yield kode
    parts = kode.split(".")
    if len(parts) >= 3 and parts[2] == "01" and parts[:2] != ["X", "XX"]:
        yield ".".join(["X", "XX", *parts[2:]])


def _side(jenis_pemda: str) -> Side:
    try:
        return _SIDE[jenis_pemda]
    except KeyError:
        raise ValueError(
            f"jenis_pemda tidak dikenal: {jenis_pemda!r}; pilih salah satu: "
            + ", ".join(JENIS_PEMDA)
        ) from None


def _check_version(version: str) -> Version:
    for known in VERSIONS:
        if version == known:
            return known
    raise ValueError(
        f"versi nomenklatur tidak dikenal: {version!r}; pilih salah satu: " + ", ".join(VERSIONS)
    )


class _Table:
    """One version's file: rows as bytes, dictionaries built on first use."""

    def __init__(self, version: Version) -> None:
        self.version = version
        lines = (DATA / f"{version}.tsv").read_bytes().split(b"\n")
        self.kodes = lines[3].decode("ascii").split("\t")
        self.jenis = lines[4].decode("ascii")
        self.rows = lines[5 : 5 + len(self.kodes)]
        if len(self.jenis) != len(self.kodes) or len(self.rows) != len(self.kodes):
            raise RuntimeError(f"berkas nomenklatur rusak: {version}.tsv")
        self._by_side: dict[Side, dict[str, bytes]] = {}
        self._sorted: dict[tuple[Side, str], list[str]] = {}
        self._words: dict[tuple[Side, str], dict[str, list[str]]] = {}
        self._previous: dict[Side, dict[str, list[str]]] | None = None
        self._haystack: list[tuple[str, str]] | None = None

    def side(self, side: Side) -> dict[str, bytes]:
        """kode → row of the entries a side (kabkot or prov) uses."""
        found = self._by_side.get(side)
        if found is None:
            other = _OTHER[side]
            found = {
                k: r
                for k, j, r in zip(self.kodes, self.jenis, self.rows, strict=True)
                if j != other
            }
            self._by_side[side] = found
        return found

    def entry(self, row: bytes) -> Entry:
        j, lv, kode, nama, kinerja, indikator, satuan, previous = row.decode("utf-8").split("\t")
        return Entry(
            kode,
            _LEVEL[lv],
            nama,
            kinerja or None,
            indikator or None,
            satuan or None,
            _JENIS[j],
            self.version,
            previous or None,
        )

    def sorted_kodes(self, side: Side, level: str = "") -> list[str]:
        """Sorted kodes of a side, of one level (``""``: every level)."""
        key = (side, level)
        found = self._sorted.get(key)
        if found is None:
            rows = self.side(side)
            if level:
                mark = _LEVEL_KEY[level].encode("ascii")[0]
                found = sorted(k for k, r in rows.items() if r[2] == mark)
            else:
                found = sorted(rows)
            self._sorted[key] = found
        return found

    def under(self, side: Side, prefix: str, level: str = "") -> list[str]:
        """Sorted kodes starting with ``prefix``."""
        kodes = self.sorted_kodes(side, level)
        lo = bisect.bisect_left(kodes, prefix)
        hi = bisect.bisect_left(kodes, prefix + "\U0010ffff")
        return kodes[lo:hi]

    def previous(self, side: Side) -> dict[str, list[str]]:
        """previous kode → kodes that name it (only rows with a previous kode are read)."""
        if self._previous is None:
            self._previous = {"kabkot": {}, "prov": {}}
            for s in ("kabkot", "prov"):
                for kode, row in self.side(s).items():
                    if not row.endswith(b"\t"):
                        prev = row.rsplit(b"\t", 1)[1].decode("ascii")
                        self._previous[s].setdefault(prev, []).append(kode)
        return self._previous[side]

    def haystack(self) -> list[tuple[str, str]]:
        """Per row: casefolded nama, and casefolded nama + kinerja + indikator."""
        if self._haystack is None:
            found = []
            for row in self.rows:
                fields = row.decode("utf-8").casefold().split("\t")
                found.append((fields[3], "\t".join(fields[3:6])))
            self._haystack = found
        return self._haystack

    def words(self, side: Side, level: str) -> dict[str, list[str]]:
        """word of nama → kodes (one side, one level): the candidates of nearest()."""
        key = (side, level)
        found = self._words.get(key)
        if found is None:
            found = {}
            rows = self.side(side)
            for kode in self.sorted_kodes(side, level):
                nama = rows[kode].split(b"\t", 4)[3].decode("utf-8").casefold()
                for word in set(_WORD.findall(nama)):
                    found.setdefault(word, []).append(kode)
            self._words[key] = found
        return found


_TABLES: dict[str, _Table] = {}


def _table(version: str) -> _Table:
    table = _TABLES.get(version)
    if table is None:
        table = _TABLES[version] = _Table(_check_version(version))
    return table


def covers(version: str, jenis_pemda: str) -> bool:
    """Whether a version has a list for a jenis pemda (kepmendagri-900: kabupaten/kota only)."""
    return bool(_table(version).side(_side(jenis_pemda)))


def lookup(kode: str, version: str, jenis_pemda: str) -> Entry | None:
    """The official entry of a kode (normalised; ``U.BB.01…`` also tried as ``X.XX.01…``)."""
    table = _table(version)
    rows = table.side(_side(jenis_pemda))
    row = rows.get(kode)  # a kode written as the list writes it: no normalising
    if row is not None:
        return table.entry(row)
    for candidate in _aliases(normalise_kode(kode)):
        row = rows.get(candidate)
        if row is not None:
            return table.entry(row)
    return None


def contains(kode: str, version: str, jenis_pemda: str) -> bool:
    """Whether a version's list has this kode for this jenis pemda (no entry is built)."""
    rows = _table(version).side(_side(jenis_pemda))
    return kode in rows or any(c in rows for c in _aliases(normalise_kode(kode)))


def versions_with(kode: str, jenis_pemda: str) -> tuple[str, ...]:
    """The versions whose list has this kode for this jenis pemda."""
    return tuple(v for v in VERSIONS if lookup(kode, v, jenis_pemda) is not None)


def successors(kode: str, jenis_pemda: str) -> list[Entry]:
    """pemutakhiran-2027 entries whose SUBKEGIATAN SEBELUMNYA is this kode."""
    table = _table("pemutakhiran-2027")
    side = _side(jenis_pemda)
    rows, previous = table.side(side), table.previous(side)
    found: list[str] = []
    for candidate in _aliases(normalise_kode(kode)):
        found.extend(previous.get(candidate, ()))
    return [table.entry(rows[k]) for k in sorted(set(found))]


def same_name_in_parent(
    kode: str,
    version: str,
    jenis_pemda: str,
    within: Literal["kegiatan", "program"] = "kegiatan",
) -> list[Entry]:
    """pemutakhiran-2027 entries of the same level and comparable nama under the same parent.

    The fallback when ``successors`` finds nothing: the entry of ``kode`` in
    ``version``, then entries with its nama in the 2027 list under the same
    kegiatan (or, with ``within="program"``, the same program), itself excluded.
    """
    entry = lookup(kode, version, jenis_pemda)
    if entry is None:
        return []
    parts = entry.kode.split(".")
    keep = 5 if within == "kegiatan" else 3
    if len(parts) <= keep:
        return []
    prefix = ".".join(parts[:keep]) + "."
    target = comparable(entry.nama)
    table = _table("pemutakhiran-2027")
    side = _side(jenis_pemda)
    rows = table.side(side)
    found = []
    for k in table.under(side, prefix, entry.level):
        if k == entry.kode and version == "pemutakhiran-2027":
            continue
        candidate = table.entry(rows[k])
        if comparable(candidate.nama) == target:
            found.append(candidate)
    return found


def _scopes(version: str | None, jenis_pemda: str | None) -> list[tuple[_Table, str]]:
    """(table, jenis letters kept) for each version asked."""
    tables = [_table(version)] if version is not None else [_table(v) for v in VERSIONS]
    keep = "kpb" if jenis_pemda is None else "b" + ("k" if _side(jenis_pemda) == "kabkot" else "p")
    return [(t, keep) for t in tables]


def search(
    query: str, version: str | None = None, jenis_pemda: str | None = None, limit: int = 20
) -> list[Entry]:
    """Entries by kode prefix (``1.06.06``) or by words (all must occur in nama/kinerja/indikator).

    Word results put first entries whose nama holds every word, then the whole
    phrase, words at the start of a word, shorter nama; then kode order.
    """
    text = normalise_text(query)
    if not text:
        return []
    scopes = _scopes(version, jenis_pemda)
    order = {v: i for i, v in enumerate(VERSIONS)}
    if _KODE_PREFIX.match(text.upper()):
        prefixes = list(_aliases(normalise_kode(text)))
        hits: list[tuple[str, int, str, bytes, _Table]] = []
        for table, keep in scopes:
            for i, (kode, j) in enumerate(zip(table.kodes, table.jenis, strict=True)):
                if j in keep and kode.startswith(tuple(prefixes)):
                    hits.append((kode, order[table.version], j, table.rows[i], table))
        hits.sort(key=lambda h: h[:3])
        return [table.entry(row) for *_, row, table in hits[:limit]]
    words = _WORD.findall(text.casefold())
    if not words:
        return []
    phrase = " ".join(words)
    ranked: list[tuple[tuple[int, int, int, int, str, int, str], bytes, _Table]] = []
    for table, keep in scopes:
        for i, (nama, hay) in enumerate(table.haystack()):
            j = table.jenis[i]
            if j not in keep or not all(w in hay for w in words):
                continue
            starts = sum(1 for w in words if re.search(r"\b" + re.escape(w), nama))
            key = (
                0 if all(w in nama for w in words) else 1,
                0 if phrase in nama else 1,
                -starts,
                len(nama),
                table.kodes[i],
                order[table.version],
                j,
            )
            ranked.append((key, table.rows[i], table))
    ranked.sort(key=lambda r: r[0])
    return [table.entry(row) for _, row, table in ranked[:limit]]


def nearest(
    kode_or_name: str,
    level: str,
    version: str,
    jenis_pemda: str,
    n: int = 3,
    *,
    parent: str | None = None,
) -> list[Entry]:
    """Up to ``n`` entries of ``level`` closest to a kode or a nama ("did you mean").

    A kode is compared with the kodes sharing its longest prefix (at most a
    few hundred); a nama with the entries sharing its rarer words, or with
    every entry under ``parent`` (a kode prefix) when given. Names below a
    similarity of 0.5 are not suggested.
    """
    if level not in _LEVEL_KEY:
        raise ValueError(f"level tidak dikenal: {level!r}; pilih salah satu: " + ", ".join(LEVELS))
    table = _table(version)
    side = _side(jenis_pemda)
    rows = table.side(side)
    text = normalise_text(kode_or_name)
    if not text:
        return []
    if _KODE_PREFIX.match(text.upper()):
        scored = _near_kodes(table, side, level, normalise_kode(text))
    else:
        scored = _near_names(table, side, level, text.casefold(), parent)
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [table.entry(rows[k]) for _, k in scored[:n]]


def _near_kodes(table: _Table, side: Side, level: str, kode: str) -> list[tuple[float, str]]:
    kodes = table.sorted_kodes(side, level)
    candidates: list[str] = []
    for alias in _aliases(kode):
        parts = alias.split(".")
        for cut in range(len(parts) - 1, -1, -1):
            prefix = ".".join(parts[:cut]) + "." if cut else ""
            lo = bisect.bisect_left(kodes, prefix)
            hi = bisect.bisect_left(kodes, prefix + "\U0010ffff")
            if hi - lo >= 1:
                at = bisect.bisect_left(kodes, alias, lo, hi)
                half = _NEAR_KODES // 2
                candidates.extend(kodes[max(lo, at - half) : min(hi, at + half)])
                break
    import difflib  # only when a suggestion is asked for

    matcher = difflib.SequenceMatcher(None, b="", autojunk=False)
    matcher.set_seq2(kode)
    scored = []
    for k in set(candidates):
        matcher.set_seq1(k)
        scored.append((matcher.ratio(), k))
    return scored


def _near_names(
    table: _Table, side: Side, level: str, name: str, parent: str | None
) -> list[tuple[float, str]]:
    rows = table.side(side)
    if parent is not None:
        candidates = table.under(side, normalise_kode(parent).rstrip(".") + ".", level)
        candidates = candidates[: _NEAR_KODES * 2]
    else:
        index = table.words(side, level)
        weight: dict[str, float] = {}
        for word in set(_WORD.findall(name)):
            kodes = index.get(word, ())
            if len(kodes) > _COMMON_WORD:
                continue
            for k in kodes:
                weight[k] = weight.get(k, 0.0) + 1.0 / len(kodes)
        candidates = sorted(weight, key=lambda k: (-weight[k], k))[:_NEAR_NAMES]
    import difflib

    matcher = difflib.SequenceMatcher(None, b="", autojunk=False)
    matcher.set_seq2(name)
    scored = []
    for k in candidates:
        matcher.set_seq1(rows[k].split(b"\t", 4)[3].decode("utf-8").casefold())
        if matcher.real_quick_ratio() < _NEAR_CUTOFF or matcher.quick_ratio() < _NEAR_CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio >= _NEAR_CUTOFF:
            scored.append((ratio, k))
    return scored


_SATUAN: frozenset[str] | None = None


def official_satuan() -> frozenset[str]:
    """Every satuan of a sub kegiatan indicator in any version, as published (read once)."""
    global _SATUAN
    if _SATUAN is None:
        found: set[str] = set()
        for version in VERSIONS:
            for row in _table(version).rows:
                fields = row.split(b"\t", 7)
                if len(fields) > 6 and fields[6]:
                    found.add(fields[6].decode("utf-8"))
        _SATUAN = frozenset(found)
    return _SATUAN
