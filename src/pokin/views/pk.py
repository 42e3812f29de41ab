"""Perjanjian Kinerja (PK) as data: what one position promises, and to whom.

A position's PK holds the nodes it answers for (``pj``, inherited by the
nodes below that name no ``pj`` of their own), with indicators and the plan
year's targets; for eselon III and below also the program / kegiatan / sub
kegiatan it manages with their anggaran from the one budget roll-up.

The form follows PermenPAN-RB 53/2014 by level (:data:`FORMS`): the kepala
daerah signs alone under the pemda's heading; the head of a PD (JPT, or the
eselon III head of a kantor or kecamatan) lists its sasaran strategis and the
programs with their anggaran and total; administrator, pengawas and JF list
their program / kegiatan / sub kegiatan with anggaran.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pokin.levels import BUDGET_LEVELS
from pokin.model import Jabatan, RenstraItem
from pokin.plan import LoadedPlan, NodeRef
from pokin.problems import UsageError
from pokin.views.report import IndicatorView, NodeView, build_views, indicator_view, walk_views
from pokin.views.rollup import budget_rollup

#: Eselon whose PK lists the budget they manage.
BUDGET_ESELON = frozenset({"III", "IV", "JF"})

#: The PK forms of PermenPAN-RB 53/2014 by signer, with the word the document uses.
FORMS: dict[str, str] = {
    "kepala_daerah": "Kepala Daerah",
    "jpt": "Jabatan Pimpinan Tinggi",
    "administrator": "Administrator",
    "pengawas": "Pengawas",
    "jf": "Jabatan Fungsional",
}

#: ``pejabat.status`` → the prefix of the jabatan's name (Pelaksana Tugas / Harian).
STATUS_PREFIX = {"definitif": "", "plt": "Plt. ", "plh": "Plh. "}

_PEMDA = re.compile(r"\b((?:Kabupaten|Kota|Provinsi)\s.+)$", re.IGNORECASE)


def pemda_of(perangkat_daerah: str) -> str | None:
    """The pemda in a PD's name: ``Dinas Sosial Kabupaten X`` → ``Kabupaten X``."""
    m = _PEMDA.search(perangkat_daerah)
    return m.group(1).strip() if m else None


def pk_form(plan: LoadedPlan, jab: Jabatan) -> str:
    """The PK form of ``jab``: ``kepala_daerah``, ``jpt``, ``administrator``, ``pengawas``, ``jf``.

    The head of the PD (its atasan is the kepala daerah, in another plan, or
    none) signs the JPT form whatever its eselon, as it owns the strategic level.
    """
    grade = jab.grade
    if grade == "kepala_daerah":
        return "kepala_daerah"
    if grade in ("I", "II"):
        return "jpt"
    atasan = plan.jabatan_by_id.get(jab.atasan) if jab.atasan else None
    is_head = (
        jab.atasan is None
        or ":" in jab.atasan
        or (atasan is not None and atasan.grade == "kepala_daerah")
    )
    if is_head and grade in ("III", "IV"):
        return "jpt"
    return {"III": "administrator", "IV": "pengawas"}.get(grade, "jf")


def signer_title(jab: Jabatan | None) -> str:
    """The jabatan's name as it is signed: ``Plt. Kepala Dinas Sosial`` for a Plt."""
    if jab is None:
        return ""
    status = jab.pejabat.status if jab.pejabat is not None else "definitif"
    return STATUS_PREFIX.get(status, "") + jab.nama


@dataclass(frozen=True)
class PkSasaran:
    """A row group of the PK's target table: a statement and its indicators."""

    level: str
    kinerja: str
    indikator: list[IndicatorView]


@dataclass(frozen=True)
class PkBudgetLine:
    """A program, kegiatan or sub kegiatan in the PK's budget table."""

    node: NodeView
    depth: int


@dataclass(frozen=True)
class PkCrosscutting:
    """A sasaran of the PK that another PD (or an outside mitra) helps to realise."""

    kinerja: str
    partner: str
    peran: str
    outside: bool


@dataclass(frozen=True)
class PerjanjianKinerja:
    """The Perjanjian Kinerja of one position for the plan year."""

    perangkat_daerah: str
    tahun: int
    jabatan: Jabatan
    atasan: Jabatan | None
    sasaran: list[PkSasaran]
    anggaran: list[PkBudgetLine]
    total_anggaran: int
    show_anggaran: bool
    date: dt.date | None = None
    place: str | None = None
    #: Crosscutting links of the nodes it answers for (Additions: crosscutting).
    crosscutting: tuple[PkCrosscutting, ...] = ()
    #: The form of PermenPAN-RB 53/2014 (a key of :data:`FORMS`).
    form: str = "jf"
    #: The pemda (``Kabupaten Kotawaringin Timur``), for the kepala daerah's heading.
    pemda: str | None = None
    #: The PK's number, printed under its title when given.
    nomor: str | None = None
    #: The logo as a ``data:`` URI (HTML) and as a file path (Word), when given.
    logo: str | None = None
    logo_path: str | None = None

    @property
    def pihak_pertama(self) -> str:
        """The first party's jabatan as signed (``Plt. …`` for a Plt)."""
        return signer_title(self.jabatan)

    @property
    def pihak_kedua(self) -> str:
        """The second party's jabatan as signed, or empty without an atasan."""
        return signer_title(self.atasan)

    @property
    def heading(self) -> str:
        """The organisation under the title: the pemda for a kepala daerah, else the PD."""
        if self.form == "kepala_daerah":
            return f"Pemerintah {self.pemda}" if self.pemda else self.perangkat_daerah
        return self.perangkat_daerah

    @property
    def missing_targets(self) -> int:
        """How many indicator rows have no target for the year (rule I012)."""
        return sum(1 for s in self.sasaran for i in s.indikator if i.target is None)


def build_pk(
    plan: LoadedPlan,
    jabatan_id: str,
    date: dt.date | None = None,
    place: str | None = None,
    views: NodeView | None = None,
    index: PkIndex | None = None,
) -> PerjanjianKinerja:
    """The PK of position ``jabatan_id`` (a :class:`UsageError` if there is none).

    ``views`` is the plan's :func:`~pokin.views.report.build_views` tree, and
    ``index`` its :class:`PkIndex`, when the caller builds several PKs of one
    plan: each PK then costs O(its own nodes), not O(all nodes).
    """
    jab = plan.jabatan_by_id.get(jabatan_id)
    if jab is None:
        known = ", ".join(j.id for j in plan.model.jabatan) or "(tidak ada)"
        raise UsageError(
            f"jabatan '{jabatan_id}' tidak ada dalam rencana; jabatan yang ada: {known}"
        )
    model = plan.model
    tahun = model.tahun
    atasan = plan.jabatan_by_id.get(jab.atasan) if jab.atasan else None
    if index is None:
        index = PkIndex.of(plan, views or build_views(plan, budget_rollup(plan)))
    refs = index.refs

    sasaran: list[PkSasaran] = []
    rpjmd = model.rpjmd
    if rpjmd is not None and rpjmd.pj == jab.id:
        if rpjmd.tujuan:
            ind = (
                [IndicatorView(rpjmd.indikator_tujuan, None, None, {})]
                if rpjmd.indikator_tujuan
                else []
            )
            sasaran.append(PkSasaran("rpjmd-tujuan", rpjmd.tujuan, ind))
        if rpjmd.sasaran:
            sasaran.append(PkSasaran("rpjmd-sasaran", rpjmd.sasaran, []))
    mine = index.by_owner.get(jab.id, [])
    renstra_ids: set[str] = set()
    for node in mine:
        sasaran.append(PkSasaran(node.level, node.kinerja, node.indikator))
        link = getattr(refs[id(node)].node, "renstra", None)
        if isinstance(link, str):
            renstra_ids.add(link)
    if model.renstra is not None:
        items = sorted(
            (index.renstra[r] for r in renstra_ids if r in index.renstra), key=lambda p: p[0]
        )
        for _, item in items:
            sasaran.append(
                PkSasaran(
                    "renstra-sasaran",
                    item.kinerja,
                    [indicator_view(i, tahun) for i in item.indikator],
                )
            )

    form = pk_form(plan, jab)
    lines: list[PkBudgetLine] = []
    total = 0
    if form in ("kepala_daerah", "jpt"):
        # the programs below what it answers for (the kepala daerah: every program of the plan)
        roots = [index.root] if form == "kepala_daerah" else mine
        seen: set[int] = set()
        for root in roots:
            for node in walk_views(root):
                if node.level == "program" and id(node) not in seen:
                    seen.add(id(node))
                    lines.append(PkBudgetLine(node, 0))
                    total += node.anggaran or 0
    else:
        chosen = {id(n) for n in mine if n.level in BUDGET_LEVELS}
        for node in mine:  # in file order, as the plan's nodes are
            if id(node) not in chosen:
                continue
            depth = 0
            parent = node.parent
            while parent is not None and id(parent) in chosen:
                depth += 1
                parent = parent.parent
            lines.append(PkBudgetLine(node, depth))
            if depth == 0:
                total += node.anggaran or 0
    return PerjanjianKinerja(
        perangkat_daerah=model.perangkat_daerah,
        tahun=tahun,
        jabatan=jab,
        atasan=atasan,
        sasaran=sasaran,
        anggaran=lines,
        total_anggaran=total,
        show_anggaran=jab.grade in BUDGET_ESELON or form in ("kepala_daerah", "jpt"),
        date=date,
        place=place,
        form=form,
        pemda=pemda_of(model.perangkat_daerah),
        crosscutting=tuple(
            PkCrosscutting(node.kinerja, link.ke or link.mitra or "", link.peran, not link.ke)
            for node in mine
            for link in refs[id(node)].node.crosscutting
        ),
    )


def build_all(
    plan: LoadedPlan, date: dt.date | None = None, place: str | None = None
) -> list[PerjanjianKinerja]:
    """The PK of every position of the plan, in the order of ``jabatan``."""
    seen: set[str] = set()
    out: list[PerjanjianKinerja] = []
    index = PkIndex.of(plan, build_views(plan, budget_rollup(plan)))  # O(N), once
    for jab in plan.model.jabatan:
        if jab.id not in seen:
            seen.add(jab.id)
            out.append(build_pk(plan, jab.id, date, place, index=index))
    return out


@dataclass(frozen=True)
class PkIndex:
    """What every PK of one plan looks up: built once, O(N) for N nodes."""

    refs: dict[int, NodeRef]
    by_owner: dict[str, list[NodeView]]
    renstra: dict[str, tuple[int, RenstraItem]]
    root: NodeView

    @classmethod
    def of(cls, plan: LoadedPlan, views: NodeView) -> PkIndex:
        """The index of ``plan`` and its :func:`~pokin.views.report.build_views` tree."""
        nodes = walk_views(views)
        refs = {id(view): ref for ref, view in zip(plan.root.walk(), nodes, strict=True)}
        by_owner: dict[str, list[NodeView]] = {}
        for ref, view in zip(plan.root.walk(), nodes, strict=True):
            owner = ref.owner()
            if owner is not None:
                by_owner.setdefault(owner, []).append(view)
        renstra: dict[str, tuple[int, RenstraItem]] = {}
        if plan.model.renstra is not None:
            for n, item in enumerate(plan.model.renstra.sasaran):
                renstra.setdefault(item.id, (n, item))
        return cls(refs, by_owner, renstra, views)


#: Image types a logo may have, by file suffix.
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


def with_extras(
    pk: PerjanjianKinerja, nomor: str | None = None, logo: str | None = None
) -> PerjanjianKinerja:
    """``pk`` with its number and its logo (a PNG, JPEG or SVG file) embedded.

    A logo that cannot be read is a :class:`UsageError` in Indonesian.
    """
    import dataclasses

    return dataclasses.replace(pk, nomor=nomor or None, logo=logo_uri(logo), logo_path=logo)


def logo_uri(logo: str | None) -> str | None:
    """A logo file (PNG, JPEG or SVG) as a ``data:`` URI; a :class:`UsageError` if unreadable."""
    import base64
    from pathlib import Path

    uri = None
    if logo is not None:
        path = Path(logo)
        kind = LOGO_TYPES.get(path.suffix.lower())
        if kind is None:
            raise UsageError(f"--logo {logo}: gunakan berkas PNG, JPEG atau SVG")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(
                f"--logo {logo}: berkas logo tidak dapat dibaca ({exc.strerror})"
            ) from None
        uri = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
    return uri
