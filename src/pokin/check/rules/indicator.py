"""Indicator rules: every node measurable, units and targets that fit the wording.

The wording checks (I005, I007, I008) are deliberately simple: they look at
the first word of an indicator (``uraian``) and at its ``satuan``, using the
word lists below. A first word one letter off a listed word ("Jualah",
"Presentase") counts as that word, since typos are common in real plans.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from typing import Literal

from pokin.check.rules.registry import rule
from pokin.levels import LEVEL_WORD
from pokin.model import Csf, Indikator
from pokin.numbers import format_number
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import Finding, Path, shorten
from pokin.views.rollup import normalise

#: First words of an indicator that counts things (an output).
COUNT_WORDS = frozenset({"jumlah", "banyaknya", "banyak", "total", "frekuensi"})
#: First words of an indicator that is a share, in percent.
PERCENT_WORDS = frozenset({"persentase", "presentase", "prosentase", "persen", "proporsi"})
#: First words of an indicator that measures an outcome (a rate, index or level).
OUTCOME_WORDS = PERCENT_WORDS | frozenset(
    {
        "rasio",
        "indeks",
        "index",
        "tingkat",
        "nilai",
        "angka",
        "rata-rata",
        "cakupan",
        "capaian",
        "skor",
        "predikat",
        "peringkat",
        "derajat",
        "kualitas",
        "laju",
        "pertumbuhan",
        "prevalensi",
        "opini",
    }
)
#: Units that are a share.
PERCENT_UNITS = frozenset({"%", "persen"})
#: Units of an outcome measure (besides percent).
OUTCOME_UNITS = PERCENT_UNITS | frozenset({"indeks", "nilai", "poin", "skor", "rasio", "predikat"})
#: Units that count things (compared on the part before any "/": "orang/bulan").
COUNT_UNITS = frozenset(
    {
        "orang",
        "jiwa",
        "kk",
        "kpm",
        "keluarga",
        "anak",
        "peserta",
        "unit",
        "paket",
        "dokumen",
        "laporan",
        "lembaga",
        "kelompok",
        "kegiatan",
        "kali",
        "buah",
        "set",
        "eksemplar",
        "makam",
        "tmp",
        "desa",
        "kelurahan",
        "kecamatan",
        "lokasi",
        "titik",
        "rumah",
        "panti",
        "layanan",
        "bulan",
        "hari",
        "jam",
        "kasus",
        "berkas",
        "sertifikat",
    }
)

Kind = Literal["count", "percent", "outcome", "other"]

_WORD = re.compile(r"[a-z][a-z-]*")
_PUNCT_TO_SPACE = str.maketrans({c: " " for c in string.punctuation})


def _near(word: str, target: str) -> bool:
    """Same length and one substitution or one swap of neighbours apart."""
    if len(word) != len(target):
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == target[diff[1]]
        and word[diff[1]] == target[diff[0]]
    )


_KIND_CACHE: dict[str, Kind] = {}


def word_kind(uraian: str) -> Kind:
    """What the first word of an indicator says it measures."""
    head = uraian.split(None, 1)
    token = head[0].lower() if head else ""
    cached = _KIND_CACHE.get(token)
    if cached is not None:
        return cached
    match = _WORD.match(token)
    kind = _classify(match.group(0) if match else "")
    if len(_KIND_CACHE) < 10_000:
        _KIND_CACHE[token] = kind
    return kind


def _classify(word: str) -> Kind:
    for exact in (True, False):
        for words, kind in (
            (COUNT_WORDS, "count"),
            (PERCENT_WORDS, "percent"),
            (OUTCOME_WORDS, "outcome"),
        ):
            if exact and word in words:
                return kind  # type: ignore[return-value]
            if not exact and len(word) >= 6 and any(_near(word, w) for w in words):
                return kind  # type: ignore[return-value]
    return "other"


_UNIT_CACHE: dict[str, str] = {}


def unit_of(satuan: str | None) -> str:
    """The unit as compared: lower case, the part before any '/'."""
    if not satuan:
        return ""
    unit = _UNIT_CACHE.get(satuan)
    if unit is None:
        unit = satuan.strip().lower()
        unit = unit if unit in PERCENT_UNITS else unit.split("/")[0].strip()
        if len(_UNIT_CACHE) < 10_000:
            _UNIT_CACHE[satuan] = unit
    return unit


def _indicators(plan: LoadedPlan) -> list[tuple[NodeRef, int, Indikator]]:
    """(node, index, indicator) of every node's indicators, built once per plan."""
    return plan.cached(
        "indicator_rows",
        lambda: [(ref, i, ind) for ref in plan.nodes for i, ind in enumerate(ref.node.indikator)],
    )


def _all_indicators(plan: LoadedPlan) -> list[tuple[str, Path, int, Indikator]]:
    """(owner id, owner path, index, indicator) of nodes and Renstra items, built once.

    The indicator's own path is ``(*owner_path, "indikator", index)``; it is
    built only for the indicators a rule reports on.
    """

    def build() -> list[tuple[str, Path, int, Indikator]]:
        rows = [
            (item.id, path, i, ind)
            for _, path, item in plan.renstra_items()
            for i, ind in enumerate(item.indikator)
        ]
        rows.extend((ref.id, ref.path, i, ind) for ref, i, ind in _indicators(plan))
        return rows

    return plan.cached("all_indicator_rows", build)


@rule("I001", "missing-indikator", "indicator")
def missing_indikator(plan: LoadedPlan) -> Iterable[Finding]:
    """A node has no indicator, so its performance cannot be measured (Tahap 4).

    Failing:
        - id: tmp
          kinerja: Terkelolanya Taman Makam Pahlawan
          indikator: []
    Passing:
        - id: tmp
          kinerja: Terkelolanya Taman Makam Pahlawan
          indikator:
            - {uraian: Persentase Taman Makam Pahlawan yang terkelola, satuan: "%", target: 100}
    """
    for ref in plan.nodes:
        if not ref.node.indikator:
            yield Finding(
                "I001",
                f"{LEVEL_WORD[ref.level].capitalize()} '{ref.id}' tidak mempunyai indikator; "
                "kinerjanya tidak dapat diukur.",
                ref.path,
                ref.id,
            )


@rule("I002", "missing-target", "indicator")
def missing_target(plan: LoadedPlan) -> Iterable[Finding]:
    """An indicator of a program, kegiatan or sub kegiatan has no `target`.

    Not reported for a sub kegiatan with anggaran 0 for the plan year: that
    condition is not budgeted yet (B003), and its target comes with its budget.

    Failing:
        - id: dayasos
          indikator:
            - {uraian: Persentase PSKS yang diberdayakan, satuan: "%"}
    Passing:
        - id: dayasos
          indikator:
            - {uraian: Persentase PSKS yang diberdayakan, satuan: "%", target: 98}
    """
    tahun = plan.model.tahun
    for ref, i, ind in _indicators(plan):
        if ind.target is not None or ref.level not in ("program", "kegiatan", "subkegiatan"):
            continue
        if ref.level == "subkegiatan":
            amounts = normalise(getattr(ref.node, "anggaran", None), tahun)
            if amounts is not None and amounts.get(tahun) == 0:
                continue
        yield Finding(
            "I002",
            f"Indikator '{shorten(ind.uraian)}' pada {LEVEL_WORD[ref.level]} '{ref.id}' "
            "tidak mempunyai target.",
            (*ref.path, "indikator", i),
            ref.id,
        )


@rule("I003", "missing-satuan", "indicator")
def missing_satuan(plan: LoadedPlan) -> Iterable[Finding]:
    """An indicator has no `satuan` (unit), so its target cannot be read.

    Failing:
        - id: tmp-pemeliharaan-makam
          indikator:
            - {uraian: Jumlah Taman Makam Pahlawan yang dipelihara, target: 1}
    Passing:
        - id: tmp-pemeliharaan-makam
          indikator:
            - {uraian: Jumlah Taman Makam Pahlawan yang dipelihara, satuan: unit, target: 1}
    """
    for owner, base, i, ind in _all_indicators(plan):
        if not ind.satuan:
            yield Finding(
                "I003",
                f"Indikator '{shorten(ind.uraian)}' tidak mempunyai satuan "
                "(%, orang, unit, paket, dokumen, laporan, lembaga, …).",
                (*base, "indikator", i),
                owner,
            )


def _target_values(ind: Indikator) -> Iterator[tuple[int | None, float | int]]:
    target = ind.target
    if target is None:
        return
    if isinstance(target, dict):
        yield from target.items()
    else:
        yield None, target


#: Words of an indicator of growth or a ratio, whose "%" may exceed 100 (I004 warns only).
GROWTH_WORDS = frozenset({"peningkatan", "pertumbuhan", "kenaikan", "rasio"})


def _growth(uraian: str) -> bool:
    return any(word in GROWTH_WORDS for word in _WORD.findall(uraian.lower()))


@rule("I004", "percent-out-of-range", "indicator")
def percent_out_of_range(plan: LoadedPlan) -> Iterable[Finding]:
    """A target in "%" lies outside 0–100.

    A warning, not an error, for an indicator of growth or a ratio (worded
    with peningkatan, pertumbuhan, kenaikan or rasio): 120% growth is possible.

    Failing:
        - id: dayasos
          indikator:
            - {uraian: Persentase PSKS yang diberdayakan, satuan: "%", target: 980}
    Passing:
        - id: dayasos
          indikator:
            - {uraian: Persentase PSKS yang diberdayakan, satuan: "%", target: 98}
    """
    for owner, base, i, ind in _all_indicators(plan):
        if ind.target is None or unit_of(ind.satuan) not in PERCENT_UNITS:
            continue
        for year, value in _target_values(ind):
            if not 0 <= value <= 100:
                when = f" tahun {year}" if year is not None else ""
                path = (*base, "indikator", i, "target")
                where = path if year is None else (*path, year)
                growth = _growth(ind.uraian)
                yield Finding(
                    "I004",
                    f"Target{when} {format_number(value)}% di luar rentang 0–100%"
                    + (
                        "; periksa, walau pertumbuhan atau rasio dapat melebihi 100%."
                        if growth
                        else "."
                    ),
                    where,
                    owner,
                    "warning" if growth else None,
                )


@rule("I005", "wording-unit-mismatch", "indicator", "warning")
def wording_unit_mismatch(plan: LoadedPlan) -> Iterable[Finding]:
    """An indicator worded "Jumlah …" has a "%" unit, or "Persentase …" a count unit.

    "Jumlah" (and Banyaknya, Total, Frekuensi) counts things; "Persentase"
    (Presentase, Prosentase, Proporsi) is a share. The seed is full of
    kegiatan indicators worded "Jumlah …" with a target of 100%: either the
    wording or the unit is wrong. A warning, since the target may be right.

    Failing:
        - id: dayasos-psks
          indikator:
            - {uraian: Jumlah PSKS yang ditingkatkan kemampuannya, satuan: "%", target: 98}
    Passing:
        - id: dayasos-psks
          indikator:
            - {uraian: Persentase PSKS yang ditingkatkan kemampuannya, satuan: "%", target: 98}
    """
    for owner, base, i, ind in _all_indicators(plan):
        unit = unit_of(ind.satuan)
        if not unit:
            continue
        kind = word_kind(ind.uraian)
        if kind == "count" and unit in PERCENT_UNITS:
            message = (
                f"Indikator '{shorten(ind.uraian)}' berbunyi jumlah tetapi satuannya '%'; "
                "ubah rumusannya menjadi 'Persentase …' atau satuannya menjadi satuan hitung."
            )
        elif kind == "percent" and unit in COUNT_UNITS:
            message = (
                f"Indikator '{shorten(ind.uraian)}' berbunyi persentase tetapi satuannya "
                f"'{ind.satuan}'; ubah satuannya menjadi '%' atau rumusannya menjadi 'Jumlah …'."
            )
        else:
            continue
        yield Finding("I005", message, (*base, "indikator", i, "satuan"), owner)


def _norm(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces: for comparing statements."""
    return " ".join(text.lower().translate(_PUNCT_TO_SPACE).split())


_SQUEEZE = bytes.maketrans(b"", b"")
_DROP = (string.punctuation + string.whitespace).encode()


def _squeezed(text: str) -> bytes:
    """Lower case without punctuation and spaces: equal whenever :func:`_norm` is.

    A cheap first key (a C-level byte translation); texts whose keys match
    are then compared with :func:`_norm`.
    """
    return text.lower().encode("utf-8", "surrogatepass").translate(_SQUEEZE, _DROP)


def _may_equal(a: str, b: str) -> bool:
    """False when two texts cannot be equal after :func:`_norm` (cheap first check)."""
    first_a, first_b = a.lstrip()[:1].lower(), b.lstrip()[:1].lower()
    return first_a == first_b or not (first_a.isalnum() and first_b.isalnum())


@rule("I006", "indicator-repeats-statement", "indicator", "warning")
def indicator_repeats_statement(plan: LoadedPlan) -> Iterable[Finding]:
    """An indicator's text repeats the node's own statement (`kinerja`).

    An indicator says how the statement is measured; repeating the statement
    measures nothing. Case, spacing and punctuation are ignored.

    Failing:
        - id: rehsos-rujukan
          kinerja: Terlaksananya Pemberian Layanan Rujukan Kewenangan Kabupaten/Kota
          indikator:
            - uraian: Terlaksananya Pemberian Layanan Rujukan Kewenangan Kabupaten/Kota
              satuan: orang
    Passing:
        - id: rehsos-rujukan
          kinerja: Terlaksananya Pemberian Layanan Rujukan Kewenangan Kabupaten/Kota
          indikator:
            - uraian: Jumlah Orang Mendapatkan Layanan Rujukan Kewenangan Kabupaten/Kota
              satuan: orang
    """
    for ref in plan.nodes:
        kinerja = ref.node.kinerja
        for i, ind in enumerate(ref.node.indikator):
            if not _may_equal(ind.uraian, kinerja):
                continue
            if _norm(ind.uraian) == _norm(kinerja):
                yield Finding(
                    "I006",
                    f"Indikator {LEVEL_WORD[ref.level]} '{ref.id}' sama dengan pernyataan "
                    "kinerjanya; rumuskan apa yang diukur (jumlah, persentase, …).",
                    (*ref.path, "indikator", i, "uraian"),
                    ref.id,
                )


@rule("I007", "subkegiatan-not-output", "indicator", "warning")
def subkegiatan_not_output(plan: LoadedPlan) -> Iterable[Finding]:
    """A sub kegiatan indicator is not an output count.

    A sub kegiatan produces outputs, counted in orang, unit, paket, dokumen,
    laporan, … An indicator counts as an output when it is worded "Jumlah …"
    (or Banyaknya, Total, Frekuensi) or measured in a count unit, and is
    neither worded as a share or rate nor measured in "%".

    The official nomenclature counts too: an indicator worded as the
    official indikator of its `kode` passes, and every satuan of an official
    sub kegiatan indicator (Km, Ha, m³, Unit, Ruang, …) is a count unit.

    Failing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Persentase orang yang mendapatkan permakanan, satuan: "%", target: 100}
    Passing:
        - id: bencana-permakanan
          indikator:
            - {uraian: Jumlah orang yang mendapatkan permakanan, satuan: orang, target: 55}
    """
    for ref, i, ind in _indicators(plan):
        if ref.level != "subkegiatan":
            continue
        kind = word_kind(ind.uraian)
        unit = unit_of(ind.satuan)
        counted = kind == "count" or unit in COUNT_UNITS
        if counted and kind not in ("percent", "outcome") and unit not in PERCENT_UNITS:
            continue
        if _official_output(plan, ref, ind, kind, unit):
            continue
        yield Finding(
            "I007",
            f"Indikator sub kegiatan '{ref.id}' bukan jumlah keluaran (output); "
            "sub kegiatan diukur dengan 'Jumlah …' dalam satuan hitung (orang, paket, dokumen, …).",
            (*ref.path, "indikator", i, "uraian"),
            ref.id,
        )


def _official_output(plan: LoadedPlan, ref: NodeRef, ind: Indikator, kind: Kind, unit: str) -> bool:
    """Whether the official nomenclature makes an indicator an output (I007).

    Asked only for indicators the word lists flag, so the lists are read only then.
    """
    from pokin.check.rules.nomenclature import official_entry
    from pokin.nomenclature import comparable

    entry = official_entry(plan, ref)
    if (
        entry is not None
        and entry.indikator
        and comparable(ind.uraian) == comparable(entry.indikator)
    ):
        return True
    if kind in ("percent", "outcome") or unit in OUTCOME_UNITS or not unit:
        return False
    if entry is not None and entry.satuan and unit == unit_of(entry.satuan):
        return True  # its kode's own official satuan
    return unit in _official_units()


_OFFICIAL_UNITS: frozenset[str] | None = None


def _official_units() -> frozenset[str]:
    """Every official sub kegiatan satuan as compared (:func:`unit_of`), shares left out."""
    global _OFFICIAL_UNITS
    if _OFFICIAL_UNITS is None:
        from pokin.nomenclature import official_satuan

        units = {unit_of(s) for s in official_satuan()}
        _OFFICIAL_UNITS = (
            frozenset(u for u in units if u and u not in OUTCOME_UNITS) - PERCENT_WORDS
        )
    return _OFFICIAL_UNITS


@rule("I008", "not-outcome-measure", "indicator", "warning")
def not_outcome_measure(plan: LoadedPlan) -> Iterable[Finding]:
    """An indicator of a program, CSF or the outcome is not an outcome measure.

    From program up, indicators measure results (hasil): a share, rate, index
    or level — worded Persentase, Rasio, Indeks, Tingkat, Nilai, Angka,
    Cakupan, … or measured in "%", indeks, nilai, poin. A count ("Jumlah …")
    at these levels is an output, which belongs to kegiatan and sub kegiatan.

    Failing:
        - id: bencana
          indikator:
            - {uraian: Jumlah korban bencana yang menerima bantuan, satuan: orang, target: 55}
    Passing:
        - id: bencana
          indikator:
            - {uraian: Persentase korban bencana yang menerima bantuan, satuan: "%", target: 93.59}
    """
    for ref, i, ind in _indicators(plan):
        if ref.level not in ("outcome", "csf", "program"):
            continue
        kind = word_kind(ind.uraian)
        outcome = kind in ("percent", "outcome") or unit_of(ind.satuan) in OUTCOME_UNITS
        if kind != "count" and outcome:
            continue
        yield Finding(
            "I008",
            f"Indikator {LEVEL_WORD[ref.level]} '{ref.id}' bukan ukuran hasil (outcome); "
            "pada tingkat ini gunakan persentase, rasio, indeks atau tingkat.",
            (*ref.path, "indikator", i, "uraian"),
            ref.id,
        )


@rule("I009", "duplicate-statement", "indicator", "warning")
def duplicate_statement(plan: LoadedPlan) -> Iterable[Finding]:
    """Two sibling nodes have the same statement (`kinerja`): a copy left unedited.

    Case, spacing and punctuation are ignored. Silent when both siblings
    carry a `kode` and the two differ: PermenPAN-RB 89/2021 lets one box of
    the pohon kinerja become several components (sub kegiatan) with one
    statement. A sibling without a `kode` (or with the same one) is a copy.

    Failing:
        - id: penunjang-perencanaan
          subkegiatan:
            - id: penunjang-dpa
              kinerja: Tersusunnya Dokumen Perencanaan Perangkat Daerah
            - id: penunjang-laporan-capaian
              kinerja: Tersusunnya Dokumen Perencanaan Perangkat Daerah
              kode: null
    Passing:
        - id: penunjang-perencanaan
          subkegiatan:
            - {id: penunjang-dpa, kinerja: Tersusunnya DPA-SKPD}
            - {id: penunjang-laporan-capaian, kinerja: Tersusunnya Laporan Capaian Kinerja}
    """
    # O(total text): each statement is squeezed once and normalised at most once
    for parent in plan.nodes:
        if len(parent.children) < 2:
            continue
        alone: dict[bytes, NodeRef | None] = {}  # the only child so far with this key
        groups: dict[str, _SameStatement] = {}  # children per normalised statement
        for child in parent.children:
            key = _squeezed(child.node.kinerja)
            single = alone.get(key)
            if single is None and key not in alone:
                alone[key] = child
                continue
            if single is not None:  # a second child with this key: file the first
                groups.setdefault(_norm(single.node.kinerja), _SameStatement()).add(single)
                alone[key] = None
            group = groups.setdefault(_norm(child.node.kinerja), _SameStatement())
            first = group.copy_of(child)
            group.add(child)
            if first is not None:
                yield Finding(
                    "I009",
                    f"Pernyataan kinerja {LEVEL_WORD[child.level]} '{child.id}' sama dengan "
                    f"'{first.id}' di bawah induk yang sama.",
                    (*child.path, "kinerja"),
                    child.id,
                )


class _SameStatement:
    """Siblings with one statement: a copy unless both carry a `kode` and they differ."""

    def __init__(self) -> None:
        self.first: NodeRef | None = None
        self.without_kode: NodeRef | None = None
        self.by_kode: dict[str, NodeRef] = {}

    def copy_of(self, ref: NodeRef) -> NodeRef | None:
        """The earlier sibling ``ref`` repeats, if any."""
        kode = _kode(ref)
        if kode is None:
            return self.first
        return self.by_kode.get(kode) or self.without_kode

    def add(self, ref: NodeRef) -> None:
        """File ``ref`` (the first of each kind is kept)."""
        kode = _kode(ref)
        self.first = self.first or ref
        if kode is None:
            self.without_kode = self.without_kode or ref
        else:
            self.by_kode.setdefault(kode, ref)


def _kode(ref: NodeRef) -> str | None:
    kode = getattr(ref.node, "kode", None)
    return kode.strip() or None if isinstance(kode, str) else None


@rule("I010", "target-year-outside-periode", "indicator")
def target_year_outside_periode(plan: LoadedPlan) -> Iterable[Finding]:
    """A yearly `target` mapping has a year outside the plan's `periode`.

    Failing:
        periode: [2021, 2025]
        csf:
          - id: pelayanan-sosial
            program:
              - id: bencana
                indikator:
                  - uraian: Persentase korban bencana yang menerima bantuan sosial
                    satuan: "%"
                    target: {2025: 93.59, 2026: 95}
    Passing:
        periode: [2021, 2025]
        csf:
          - id: pelayanan-sosial
            program:
              - id: bencana
                indikator:
                  - uraian: Persentase korban bencana yang menerima bantuan sosial
                    satuan: "%"
                    target: {2024: 88.59, 2025: 93.59}
    """
    if plan.model.periode is None:
        return
    first, last = plan.model.periode
    for owner, base, i, ind in _all_indicators(plan):
        for year in plan.years_outside_periode(ind.target):
            yield Finding(
                "I010",
                f"Tahun {year} pada target indikator '{shorten(ind.uraian)}' di luar "
                f"periode {first}–{last}.",
                (*base, "indikator", i, "target", year),
                owner,
                key=True,
            )


def _i002_reports(ref: NodeRef, tahun: int) -> bool:
    """Whether I002 reports an indicator of ``ref`` without target (so I012 need not)."""
    if ref.level not in ("program", "kegiatan", "subkegiatan"):
        return False
    if ref.level == "subkegiatan":
        amounts = normalise(getattr(ref.node, "anggaran", None), tahun)
        return not (amounts is not None and amounts.get(tahun) == 0)
    return True


def _has_target_for(ind: Indikator, tahun: int) -> bool:
    """Whether ``ind`` has a target for ``tahun`` (a number, or that year in a mapping)."""
    if isinstance(ind.target, dict):
        return tahun in ind.target
    return ind.target is not None


@rule("I012", "pk-row-without-target", "indicator", "warning")
def pk_row_without_target(plan: LoadedPlan) -> Iterable[Finding]:
    """An indicator that goes into a Perjanjian Kinerja has no target for `tahun`.

    A node with a `pj` (its own or an ancestor's) is a row of that jabatan's
    PK, and so is a Renstra sasaran a CSF realises (`renstra:`); the PK then
    prints "belum ada target" in that row. Not reported where I002 already
    reports the indicator (a program, kegiatan or sub kegiatan indicator
    without any target); reported for the outcome and CSF, and for a yearly
    mapping that lacks the plan year at any level, and for a sub kegiatan
    with anggaran 0 (which I002 leaves alone).

    Failing:
        - id: pelayanan-sosial
          indikator:
            - {uraian: Persentase PPKS yang terlayani, satuan: "%"}
          pj: kadis
    Passing:
        - id: pelayanan-sosial
          indikator:
            - {uraian: Persentase PPKS yang terlayani, satuan: "%", target: 90.05}
          pj: kadis
    """
    tahun = plan.model.tahun
    known = plan.jabatan_by_id
    linked: set[str] = set()
    owners = plan.owners()
    for ref, i, ind in _indicators(plan):
        owner = owners[id(ref)]
        if owner is None or owner not in known:
            continue
        # only a CSF has `renstra` (getattr on another node costs pydantic's slow path)
        link = ref.node.renstra if isinstance(ref.node, Csf) else None
        if link is not None:
            linked.add(link)
        if _has_target_for(ind, tahun):
            continue
        if ind.target is None and _i002_reports(ref, tahun):
            continue
        yield Finding(
            "I012",
            f"Indikator '{shorten(ind.uraian)}' pada {LEVEL_WORD[ref.level]} '{ref.id}' masuk "
            f"PK {known[owner].nama} tetapi tidak mempunyai target tahun {tahun}; "
            "PK mencetaknya sebagai 'belum ada target'.",
            (*ref.path, "indikator", i),
            ref.id,
        )
    if not linked:
        return
    for kind, path, item in plan.renstra_items():
        if item.id not in linked or kind != "sasaran":
            continue
        for i, ind in enumerate(item.indikator):
            if not _has_target_for(ind, tahun):
                yield Finding(
                    "I012",
                    f"Indikator Renstra '{shorten(ind.uraian)}' pada '{item.id}' masuk PK "
                    f"tetapi tidak mempunyai target tahun {tahun}; PK mencetaknya sebagai "
                    "'belum ada target'.",
                    (*path, "indikator", i),
                    item.id,
                )
