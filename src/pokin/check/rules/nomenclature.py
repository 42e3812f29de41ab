"""Nomenclature rules: the shape of a `kode` and the official lists it comes from.

Shapes (N001, N002): program ``U.BB.PP``, kegiatan ``U.BB.PP.K.KK``, sub
kegiatan ``U.BB.PP.K.KK.SSSS``; ``U.BB`` (urusan, bidang) digits, or ``X.XX``
for the supporting programs shared by every perangkat daerah.

The official lists (N003–N007) are those of :mod:`pokin.nomenclature`. Which
list applies — the version and the jenis pemda — is
:func:`effective_nomenclature`: the plan's keys, else a workspace's, else
inferred (the version holding the plan's codes, the jenis from the words of
``perangkat_daerah``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pokin.check.rules.registry import rule
from pokin.levels import BY_KEY, KODE_PATTERNS, LEVEL_WORD
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import Finding, shorten

if TYPE_CHECKING:
    from pokin.nomenclature import Entry


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


# --- The official lists: which one applies (effective_nomenclature) ----------

#: Words of ``perangkat_daerah`` that say the jenis pemda (the first one found wins).
_JENIS_WORD = re.compile(r"\b(kabupaten|kab|kota|provinsi|prov)\b", re.IGNORECASE)
_JENIS_OF = {"kab": "kabupaten", "prov": "provinsi"}
_KEY = "nomenclature"
_DEFAULTS = "nomenclature.defaults"
_VERDICTS = "nomenclature.verdicts"
_JENIS_LIST = {"kabupaten": "kabupaten/kota", "kota": "kabupaten/kota", "provinsi": "provinsi"}
#: The kegiatan digit of a well-formed kode (``U.BB.PP.K``) → whose kegiatan it is.
_KEWENANGAN = {"1": "provinsi", "2": "kabkot"}
_COMPARABLE: dict[str, str] = {}


def _comparable(text: str) -> str:
    """:func:`pokin.nomenclature.comparable`, remembered (names and satuan repeat)."""
    found = _COMPARABLE.get(text)
    if found is None:
        from pokin.nomenclature import comparable

        found = comparable(text)
        if len(_COMPARABLE) < 50_000:
            _COMPARABLE[text] = found
    return found


@dataclass(frozen=True)
class Nomenclature:
    """The official list a plan is checked against, and where each choice came from."""

    #: ``kepmendagri-900`` or ``pemutakhiran-2027`` (``None``: not known).
    version: str | None
    #: ``kabupaten``, ``kota`` or ``provinsi`` (``None``: not known).
    jenis_pemda: str | None
    #: ``rencana`` (the plan's key), ``workspace``, ``kode`` (the version that
    #: holds the plan's codes) or ``tahun`` (no code decides: the plan year).
    version_from: str | None
    #: ``rencana``, ``workspace`` or ``perangkat_daerah``.
    jenis_from: str | None
    #: Whether the codes are checked against a list (N003–N006): both are known
    #: and the version has a list for the jenis (Kepmendagri 900 has none for provinsi).
    checked: bool
    #: Whether the plan has any ``kode`` at all (a plan without one needs no note).
    has_kode: bool = False

    def as_dict(self) -> dict[str, str | bool | None]:
        """The JSON shape (``pokin validate --format json``, field ``nomenklatur``)."""
        return {
            "versi": self.version,
            "versi_dari": self.version_from,
            "jenis_pemda": self.jenis_pemda,
            "jenis_pemda_dari": self.jenis_from,
            "diperiksa": self.checked,
        }

    def describe(self) -> str:
        """One Indonesian sentence for the human summary."""
        if self.jenis_pemda is None:
            return (
                "kode tidak dicocokkan dengan nomenklatur resmi: jenis pemda tidak diketahui "
                "(tulis 'jenis_pemda: kabupaten', 'kota' atau 'provinsi')."
            )
        source = {
            "rencana": "ditetapkan rencana",
            "workspace": "ditetapkan workspace",
            "kode": "menurut kode-kode rencana; tetapkan dengan 'nomenklatur:'",
            "tahun": "menurut tahun rencana; tetapkan dengan 'nomenklatur:'",
        }
        jenis = {
            "rencana": "ditetapkan rencana",
            "workspace": "ditetapkan workspace",
            "perangkat_daerah": "menurut perangkat_daerah",
        }
        text = (
            f"nomenklatur {self.version} ({source.get(self.version_from or '', '-')}), "
            f"jenis pemda {self.jenis_pemda} ({jenis.get(self.jenis_from or '', '-')})"
        )
        if not self.checked:
            text += f"; {self.version} tidak memuat daftar {_JENIS_LIST[self.jenis_pemda]}"
        return text + "."


def infer_jenis_pemda(perangkat_daerah: str) -> str | None:
    """``kabupaten``, ``kota`` or ``provinsi`` from the first such word of a name."""
    match = _JENIS_WORD.search(perangkat_daerah)
    if match is None:
        return None
    word = match.group(1).lower()
    return _JENIS_OF.get(word, word)


def effective_nomenclature(
    plan: LoadedPlan, default_version: str | None = None, default_jenis: str | None = None
) -> Nomenclature:
    """The nomenclature version and jenis pemda a plan is checked against.

    The plan's keys first, then the defaults (a workspace's ``nomenklatur`` and
    ``jenis_pemda``), then inference: the jenis from ``perangkat_daerah``, the
    version that holds the most of the plan's codes (the plan year breaks a
    tie: 2027 on is ``pemutakhiran-2027``). Decided once per plan: the first
    call wins, so a workspace passes its defaults before the rules run.
    """
    defaults = plan.cached(_DEFAULTS, lambda: (default_version, default_jenis))
    return plan.cached(_KEY, lambda: _decide(plan, *defaults))


def _decide(
    plan: LoadedPlan, default_version: str | None, default_jenis: str | None
) -> Nomenclature:
    from pokin import nomenclature as nm

    # a workspace value that names no list is no value (the workspace reports it)
    default_version = default_version if default_version in nm.VERSIONS else None
    default_jenis = default_jenis if default_jenis in nm.JENIS_PEMDA else None
    model = plan.model
    jenis: str | None = model.jenis_pemda
    jenis_from: str | None = "rencana"
    if jenis is None:
        jenis, jenis_from = default_jenis, "workspace"
    if jenis is None:
        jenis = infer_jenis_pemda(model.perangkat_daerah)
        jenis_from = "perangkat_daerah" if jenis is not None else None
    version: str | None = model.nomenklatur
    version_from: str | None = "rencana"
    if version is None:
        version, version_from = default_version, "workspace"
    if version is None:
        version, version_from = _by_kodes(plan, jenis) if jenis is not None else (None, None)
    checked = version is not None and jenis is not None and nm.covers(version, jenis)
    has_kode = any(getattr(ref.node, "kode", None) for ref in plan.nodes)
    return Nomenclature(version, jenis, version_from, jenis_from, checked, has_kode)


def _by_kodes(plan: LoadedPlan, jenis: str) -> tuple[str | None, str | None]:
    """The version holding the most of the plan's codes, the plan year's first on a tie."""
    from pokin import nomenclature as nm

    order = list(nm.VERSIONS)
    if plan.model.tahun >= 2027:
        order.reverse()
    kodes = {kode for _, kode in coded_nodes(plan)}
    best: str | None = None
    best_hits = 0
    for version in order:  # a list is read only when the one before misses a kode
        if not nm.covers(version, jenis):
            continue
        hits = sum(1 for kode in kodes if nm.contains(kode, version, jenis))
        if hits == len(kodes):
            return version, "kode" if kodes else "tahun"
        if best is None or hits > best_hits:
            best, best_hits = version, hits
    if best is None:
        return None, None
    return best, "kode" if best_hits else "tahun"


def coded_nodes(plan: LoadedPlan) -> list[tuple[NodeRef, str]]:
    """(node, normalised kode) of every node whose `kode` has its level's shape."""

    def build() -> list[tuple[NodeRef, str]]:
        from pokin.nomenclature import normalise_kode

        # one shape check per distinct (level, kode): large plans repeat their codes
        shapes: dict[str, dict[str, str | None]] = {level: {} for level in KODE_PATTERNS}
        found = []
        for ref in plan.nodes:
            known = shapes.get(ref.level)
            kode = getattr(ref.node, "kode", None) if known is not None else None
            if not kode or known is None:
                continue
            if kode in known:
                norm = known[kode]
            else:
                text = kode.strip()
                norm = None
                if KODE_PATTERNS[ref.level].fullmatch(text):
                    # only a 2-digit sub kegiatan part needs normalising
                    short = ref.level == "subkegiatan" and len(text) - text.rfind(".") == 3
                    norm = normalise_kode(text) if short else text
                known[kode] = norm
            if norm is not None:
                found.append((ref, norm))
        return found

    return plan.cached("nomenclature.kodes", build)


def official_entry(plan: LoadedPlan, ref: NodeRef) -> Entry | None:
    """The official entry of a node's `kode` in the plan's version (``None``: none, unchecked)."""
    entries = plan.cached(
        "nomenclature.entries", lambda: {id(v.ref): v.entry for v in _verdicts(plan) if v.entry}
    )
    return entries.get(id(ref))


@dataclass(slots=True)
class _Verdict:
    """What the official lists say about one node's kode."""

    ref: NodeRef
    kode: str
    entry: Entry | None  # in the plan's version
    others: tuple[str, ...]  # other versions holding it (when entry is None)
    foreign: bool  # a kegiatan outside the pemda's kewenangan
    unknown: bool  # in no list for the jenis pemda


def _verdicts(plan: LoadedPlan) -> list[_Verdict]:
    return plan.cached(_VERDICTS, lambda: _judge(plan))


def _judge(plan: LoadedPlan) -> list[_Verdict]:
    from pokin import nomenclature as nm

    ctx = effective_nomenclature(plan)
    jenis, version = ctx.jenis_pemda, ctx.version
    if jenis is None:
        return []
    alien = "kabkot" if jenis == "provinsi" else "provinsi"
    others: list[str] | None = None  # read only when a kode is not in the plan's version
    checked = ctx.checked and version is not None
    seen: dict[str, tuple[Entry | None, tuple[str, ...], bool]] = {}
    unknown_refs: set[int] = set()
    verdicts = []
    for ref, kode in coded_nodes(plan):
        known = seen.get(kode)
        if known is None:
            parts = kode.split(".", 4)
            foreign = len(parts) > 4 and _KEWENANGAN.get(parts[3]) == alien
            found: Entry | None = None
            held: tuple[str, ...] = ()
            if checked and not foreign:
                assert version is not None
                found = nm.lookup(kode, version, jenis)
                if found is None:
                    if others is None:
                        others = [v for v in nm.VERSIONS if v != version and nm.covers(v, jenis)]
                    held = tuple(v for v in others if nm.contains(kode, v, jenis))
            known = seen[kode] = (found, held, foreign)
        entry, holders, foreign = known
        unknown = checked and not foreign and entry is None and not holders
        if unknown:
            unknown_refs.add(id(ref))
            if ref.parent is not None and id(ref.parent) in unknown_refs:
                unknown = False  # reported once, on the topmost unknown kode
        verdicts.append(_Verdict(ref, kode, entry, holders, foreign, unknown))
    return verdicts


# --- Messages -----------------------------------------------------------------


def _parent_prefix(kode: str) -> str:
    """The kode of the parent level in the list's own form (``U.BB.01`` → ``X.XX.01``)."""
    parts = kode.split(".")[:-1]
    if len(parts) >= 3 and parts[2] == "01":
        parts[:2] = ["X", "XX"]
    return ".".join(parts)


def _as_written(official: str, written: str) -> str:
    """An official ``X.XX.01…`` kode in the plan's own urusan (``1.06.01…``) when it writes one."""
    if official.startswith("X.XX.") and not written.startswith("X.XX."):
        return ".".join(written.split(".")[:2] + official.split(".")[2:])
    return official


def _entry_text(entry: Entry, written: str) -> str:
    return f"'{_as_written(entry.kode, written)}' {entry.nama}"


def _nearest(ref: NodeRef, kode: str, version: str, jenis: str, skip: str = "") -> list[Entry]:
    """Up to three official entries near a node's nama (under its parent) and its kode."""
    from pokin import nomenclature as nm

    found: list[Entry] = []
    nama = getattr(ref.node, "nama", None)
    if isinstance(nama, str) and nama.strip():
        found += nm.nearest(nama, ref.level, version, jenis, n=3, parent=_parent_prefix(kode))
    found += nm.nearest(kode, ref.level, version, jenis, n=3)
    result: list[Entry] = []
    for entry in found:
        if entry.kode != skip and all(e.kode != entry.kode for e in result):
            result.append(entry)
    return result[:3]


def _suggestion(entries: list[Entry], written: str) -> str:
    if not entries:
        return " Cari kode yang benar dengan 'pokin nomenklatur KATA'."
    return " Yang terdekat: " + "; ".join(_entry_text(e, written) for e in entries) + "."


def _kode_text(ref: NodeRef) -> str:
    return f"Kode {LEVEL_WORD[ref.level]} '{_kode(ref.node)}'"


# --- N003–N007 --------------------------------------------------------------------


@rule("N003", "unknown-kode", "nomenclature")
def unknown_kode(plan: LoadedPlan) -> Iterable[Finding]:
    """A `kode` is in no version of the official nomenclature for the plan's jenis pemda.

    Checked when the jenis pemda is known (`jenis_pemda`, or a word of
    `perangkat_daerah`: Kabupaten, Kota, Provinsi). `U.BB.01…` is looked up
    as the penunjang `X.XX.01…`. A kegiatan of another kewenangan is N007's;
    under an unknown kode only the topmost is reported.

    Failing:
        # perangkat_daerah: Dinas Sosial Kabupaten Kotawaringin Timur
        - id: bencana-permakanan
          nama: Penyediaan Makanan
          kode: "1.06.06.2.01.0099"
    Passing:
        - id: bencana-permakanan
          nama: Penyediaan Makanan
          kode: "1.06.06.2.01.0001"
    """
    ctx = effective_nomenclature(plan)
    for verdict in _verdicts(plan):
        if not verdict.unknown or ctx.version is None or ctx.jenis_pemda is None:
            continue
        from pokin import nomenclature as nm

        ref, written = verdict.ref, _kode(verdict.ref.node) or verdict.kode
        lists = ", ".join(v for v in nm.VERSIONS if nm.covers(v, ctx.jenis_pemda))
        near = _nearest(ref, verdict.kode, ctx.version, ctx.jenis_pemda)
        yield Finding(
            "N003",
            f"{_kode_text(ref)} tidak ada dalam nomenklatur resmi ({lists}) untuk "
            f"{_JENIS_LIST[ctx.jenis_pemda]}.{_suggestion(near, written)}",
            (*ref.path, "kode"),
            ref.id,
        )


@rule("N004", "nama-not-official", "nomenclature", "warning")
def nama_not_official(plan: LoadedPlan) -> Iterable[Finding]:
    """A `nama` differs from the official name of its `kode`.

    Differences of spacing, case and punctuation only are not reported
    (`pokin fmt --fix-nama` copies the official text). The message gives the
    official name to copy, and the kode whose name the plan's `nama` is, when
    another one under the same parent is nearer.

    Failing:
        - id: penunjang-barang-cetak
          nama: Penyediaan Barang Cetak dan Penggandaan
          kode: "1.06.01.2.06.0005"
    Passing:
        - id: penunjang-barang-cetak
          nama: Penyediaan Barang Cetakan dan Penggandaan
          kode: "1.06.01.2.06.0005"
    """
    from pokin import nomenclature as nm

    ctx = effective_nomenclature(plan)
    for verdict in _verdicts(plan):
        entry, ref = verdict.entry, verdict.ref
        nama = getattr(ref.node, "nama", None)
        if entry is None or not isinstance(nama, str) or ctx.jenis_pemda is None:
            continue
        if nama == entry.nama or _comparable(nama) == _comparable(entry.nama):
            continue
        written = _kode(ref.node) or verdict.kode
        message = (
            f"Nama {LEVEL_WORD[ref.level]} '{shorten(nama)}' berbeda dengan nama resmi kode "
            f"'{written}' dalam {entry.version}: '{entry.nama}'."
        )
        other = nm.nearest(
            nama,
            ref.level,
            entry.version,
            ctx.jenis_pemda,
            n=1,
            parent=_parent_prefix(verdict.kode),
        )
        if other and other[0].kode != entry.kode:
            message += f" Bila namanya yang dimaksud, kodenya {_entry_text(other[0], written)}."
        yield Finding("N004", message, (*ref.path, "nama"), ref.id)


@rule("N005", "satuan-not-official", "nomenclature", "warning")
def satuan_not_official(plan: LoadedPlan) -> Iterable[Finding]:
    """No indicator of a sub kegiatan has the official satuan of its `kode`.

    Compared without case, spacing and punctuation. Reported on the
    indicator worded as the official one, else the first.

    Failing:
        - id: tmp-pemeliharaan-makam
          kode: "1.06.07.2.01.0002"
          indikator:
            - {uraian: Jumlah Makam yang Terpenuhi Pemeliharannya, satuan: TMP, target: 1}
    Passing:
        - id: tmp-pemeliharaan-makam
          kode: "1.06.07.2.01.0002"
          indikator:
            - {uraian: Jumlah Makam yang Terpenuhi Pemeliharannya, satuan: Makam, target: 1}
    """
    from pokin import nomenclature as nm

    for verdict in _verdicts(plan):
        entry, ref = verdict.entry, verdict.ref
        if entry is None or not entry.satuan or entry.level != "subkegiatan":
            continue
        satuan = entry.satuan
        if any(ind.satuan == satuan for ind in ref.node.indikator):
            continue
        rows = [(i, ind) for i, ind in enumerate(ref.node.indikator) if ind.satuan]
        if not rows:
            continue
        official = _comparable(entry.satuan)
        if any(_comparable(ind.satuan or "") == official for _, ind in rows):
            continue
        wording = nm.comparable(entry.indikator or "")
        i, ind = next(
            ((i, ind) for i, ind in rows if nm.comparable(ind.uraian) == wording), rows[0]
        )
        yield Finding(
            "N005",
            f"Satuan '{ind.satuan}' indikator sub kegiatan '{ref.id}' berbeda dengan satuan "
            f"resmi '{entry.satuan}' (indikator resmi: '{entry.indikator}').",
            (*ref.path, "indikator", i, "satuan"),
            ref.id,
        )


@rule("N006", "kode-of-other-version", "nomenclature", "warning")
def kode_of_other_version(plan: LoadedPlan) -> Iterable[Finding]:
    """A `kode` belongs to another nomenclature version, or the plan mixes versions.

    With `nomenklatur` declared, a kode only in the other version; without,
    a kode only in the version the rest of the plan does not use. Names the
    successor when the 2027 list gives one (SUBKEGIATAN SEBELUMNYA) or has the
    same nama in the same kegiatan (or program), else the nearest entries.

    Failing:
        # a Kepmendagri 900 plan (no `nomenklatur`), one kode of the 2027 list
        - id: bencana-penampungan
          nama: Penyediaan Tempat Penampungan Pengungsi
          kode: "1.06.06.2.01.0007"
    Passing:
        - id: bencana-penampungan
          nama: Penyediaan Tempat Penampungan Pengungsi
          kode: "1.06.06.2.01.0003"
    """
    ctx = effective_nomenclature(plan)
    for verdict in _verdicts(plan):
        if not verdict.others or ctx.version is None or ctx.jenis_pemda is None:
            continue
        ref, written = verdict.ref, _kode(verdict.ref.node) or verdict.kode
        other = verdict.others[0]
        if ctx.version_from in ("rencana", "workspace"):
            head = (
                f"{_kode_text(ref)} tidak ada dalam nomenklatur {ctx.version} yang ditetapkan; "
                f"kode ini dari {other}."
            )
        else:
            head = (
                f"{_kode_text(ref)} hanya ada dalam {other}, sedangkan kode lain rencana ini "
                f"dari {ctx.version}: jangan mencampur versi nomenklatur."
            )
        heirs = _heirs(ref, verdict.kode, ctx.version, other, ctx.jenis_pemda)
        if heirs:
            tail = (
                f" Penggantinya dalam {ctx.version}: "
                + "; ".join(_entry_text(e, written) for e in heirs)
                + "."
            )
        else:
            near = _nearest(ref, verdict.kode, ctx.version, ctx.jenis_pemda)
            tail = _suggestion(near, written)
        yield Finding("N006", head + tail, (*ref.path, "kode"), ref.id)


def _heirs(ref: NodeRef, kode: str, version: str, other: str, jenis: str) -> list[Entry]:
    """The entries of ``version`` that take the place of ``kode`` of ``other``."""
    from pokin import nomenclature as nm

    if version == "pemutakhiran-2027":
        return (
            nm.successors(kode, jenis)
            or nm.same_name_in_parent(kode, other, jenis)
            or nm.same_name_in_parent(kode, other, jenis, within="program")
        )
    # Back from 2027: the kode it names as previous, or the same nama under the same parent.
    newer = nm.lookup(kode, other, jenis)
    if newer is None:
        return []
    if newer.previous is not None:
        older = nm.lookup(newer.previous, version, jenis)
        if older is not None:
            return [older]
    same = nm.nearest(newer.nama, ref.level, version, jenis, n=1, parent=_parent_prefix(kode))
    return [e for e in same if nm.comparable(e.nama) == nm.comparable(newer.nama)]


@rule("N007", "kegiatan-outside-kewenangan", "nomenclature")
def kegiatan_outside_kewenangan(plan: LoadedPlan) -> Iterable[Finding]:
    """A kegiatan outside the pemda's kewenangan: `.1.` (provinsi) in a kabupaten/kota plan.

    And `.2.` (kabupaten/kota) in a provinsi plan.

    The kegiatan digit (`U.BB.PP.K`) says whose kegiatan it is: 1 provinsi,
    2 kabupaten/kota (3–8 are special kewenangan, not checked). Checked on
    kegiatan, and on sub kegiatan whose kegiatan has no well-formed kode.

    Failing:
        # perangkat_daerah: Dinas Sosial Kabupaten Kotawaringin Timur
        - id: bencana-kebutuhan-dasar
          kode: "1.06.06.1.01"
    Passing:
        - id: bencana-kebutuhan-dasar
          kode: "1.06.06.2.01"
    """
    ctx = effective_nomenclature(plan)
    coded = {id(ref) for ref, _ in coded_nodes(plan)}
    for verdict in _verdicts(plan):
        ref = verdict.ref
        if not verdict.foreign or ctx.jenis_pemda is None:
            continue
        if ref.level == "subkegiatan" and ref.parent is not None and id(ref.parent) in coded:
            continue
        if ctx.jenis_pemda == "provinsi":
            own, whose = "provinsi ('.1.')", "kabupaten/kota ('.2.')"
        else:
            own, whose = "kabupaten/kota ('.2.')", "provinsi ('.1.')"
        yield Finding(
            "N007",
            f"{_kode_text(ref)} adalah kegiatan kewenangan {whose}; rencana "
            f"{ctx.jenis_pemda} hanya memuat kegiatan kewenangan {own}.",
            (*ref.path, "kode"),
            ref.id,
        )
