"""The one table of plan levels: every fact about outcome → csf → program → kegiatan → sub kegiatan.

Every other table of level facts (words, labels, child keys, money, eselon,
kode shapes, diagram and console styles) is derived from :data:`LEVELS`, and
the document templates receive it as the Jinja global ``levels``. A new level
or label is a change of this one table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    """How a level's boxes look in the diagram and in the terminal."""

    fill: str
    border: str
    font: str
    fontsize: int
    console: str


@dataclass(frozen=True)
class Level:
    """One level of the cascade and everything pokin says or checks about it."""

    #: The plan key its list sits under.
    key: str
    #: The word a planner uses in a sentence ("sub kegiatan").
    word: str
    #: The heading in documents and tables ("Sub Kegiatan").
    label: str
    #: The legend of the diagram ("CSF (sasaran strategis)").
    legend: str
    #: What a PK calls a statement of this level ("Sasaran Program").
    sasaran: str
    #: The key of its children's list, or ``None`` for the deepest level.
    child: str | None
    #: Whether nodes of this level carry ``anggaran``, ``nama`` and ``kode``.
    money: bool
    #: The eselon that may own it (``pj``) — PermenPAN-RB 89/2021, Tahap 5.
    eselon: tuple[str, ...]
    #: The shape of its ``kode`` (``None`` where it has none), e.g. ``U.BB.PP``.
    kode_shape: str | None
    #: An example kode of that shape.
    kode_example: str | None
    #: The regular expression a ``kode`` of this level matches.
    kode_pattern: re.Pattern[str] | None
    style: Style


# Urusan and bidang: digits (``1.06``), or ``X.XX`` for the penunjang programs
# shared by every perangkat daerah; a mixed ``1.XX`` or ``X.06`` is no code.
_PREFIX = r"(?:[0-9]\.[0-9]{2}|X\.XX)\.[0-9]{2}"

#: The levels, outcome first.
LEVELS: tuple[Level, ...] = (
    Level(
        key="outcome",
        word="outcome",
        label="Tujuan",
        legend="Outcome",
        sasaran="Tujuan",
        child=None,  # the CSFs are the top-level ``csf`` list
        money=False,
        eselon=("kepala_daerah", "II"),
        kode_shape=None,
        kode_example=None,
        kode_pattern=None,
        style=Style("#1F4E79", "#12304B", "#FFFFFF", 16, "bold magenta"),
    ),
    Level(
        key="csf",
        word="CSF",
        label="Sasaran",
        legend="CSF (sasaran strategis)",
        sasaran="Sasaran Strategis",
        child="program",
        money=False,
        eselon=("II",),
        kode_shape=None,
        kode_example=None,
        kode_pattern=None,
        style=Style("#2E75B6", "#1F4E79", "#FFFFFF", 14, "bold blue"),
    ),
    Level(
        key="program",
        word="program",
        label="Program",
        legend="Program",
        sasaran="Sasaran Program",
        child="kegiatan",
        money=True,
        eselon=("II", "III"),
        kode_shape="U.BB.PP",
        kode_example="1.06.06",
        kode_pattern=re.compile(_PREFIX),
        style=Style("#DDEBF7", "#2E75B6", "#1B1B1B", 12, "cyan"),
    ),
    Level(
        key="kegiatan",
        word="kegiatan",
        label="Kegiatan",
        legend="Kegiatan",
        sasaran="Sasaran Kegiatan",
        child="subkegiatan",
        money=True,
        eselon=("III", "IV", "JF"),
        kode_shape="U.BB.PP.K.KK",
        kode_example="1.06.06.2.01",
        kode_pattern=re.compile(_PREFIX + r"\.[0-9]\.[0-9]{2}"),
        style=Style("#E2EFDA", "#548235", "#1B1B1B", 11, "green"),
    ),
    Level(
        key="subkegiatan",
        word="sub kegiatan",
        label="Sub Kegiatan",
        legend="Sub kegiatan",
        sasaran="Sasaran Sub Kegiatan",
        child=None,
        money=True,
        eselon=("III", "IV", "JF"),
        kode_shape="U.BB.PP.K.KK.SSSS",
        kode_example="1.06.06.2.01.0001",
        # SSSS, or the two digits some SIPD prints use (``4.01.05.1.01.01``)
        kode_pattern=re.compile(_PREFIX + r"\.[0-9]\.[0-9]{2}\.(?:[0-9]{4}|[0-9]{2})"),
        style=Style("#FFF2CC", "#BF9000", "#1B1B1B", 10, "yellow"),
    ),
)

#: Level key → its record.
BY_KEY: dict[str, Level] = {level.key: level for level in LEVELS}
#: Level keys, outcome first.
LEVEL_KEYS: tuple[str, ...] = tuple(BY_KEY)
#: Level → the word a planner uses for it in a sentence.
LEVEL_WORD: dict[str, str] = {level.key: level.word for level in LEVELS}
#: Level → the key of its children list (levels that have children).
CHILD_KEY: dict[str, str] = {level.key: level.child for level in LEVELS if level.child}
#: The levels that carry money, top first.
BUDGET_LEVELS: tuple[str, ...] = tuple(level.key for level in LEVELS if level.money)
#: Level → the regular expression its ``kode`` matches (levels that have one).
KODE_PATTERNS: dict[str, re.Pattern[str]] = {
    level.key: level.kode_pattern for level in LEVELS if level.kode_pattern is not None
}


def level(key: str) -> Level:
    """The record of a level key (a ``KeyError`` for a key that is not a level)."""
    return BY_KEY[key]


# --- Document kinds (format "Additions": dokumen) -------------------------------------------


@dataclass(frozen=True)
class DocumentKind:
    """A kind of planning document (``dokumen``): the levels it holds and the rules that fit it."""

    #: The value of ``dokumen``.
    key: str
    #: Its name in a sentence and in document headings.
    label: str
    #: The level keys its first list may sit under (``outcome`` implies ``csf`` below it).
    top: tuple[str, ...]
    #: The deepest level it may hold.
    deepest: str
    #: Rule codes that do not fit it (a program without kegiatan in an RPJMD).
    skip: frozenset[str]
    #: Whether it covers a five-year ``periode`` (``tahun`` may then be left out).
    five_year: bool = False


#: Every document kind; ``penjenjangan`` (today's plans) is the default.
DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        "penjenjangan",
        "Penjenjangan Kinerja",
        ("outcome",),
        "subkegiatan",
        frozenset(),
    ),
    DocumentKind(
        "rpjmd",
        "RPJMD",
        ("outcome",),
        "program",
        # stops at program; a program's kegiatan are in the PD's Renstra/Renja
        frozenset({"C002", "C003", "C004", "I016"}),
        five_year=True,
    ),
    DocumentKind(
        "renstra",
        "Renstra Perangkat Daerah",
        ("outcome",),
        "subkegiatan",
        # a Renstra may stop at kegiatan
        frozenset({"C003", "I016"}),
        five_year=True,
    ),
    DocumentKind(
        "renja",
        "Renja Perangkat Daerah",
        ("program",),
        "subkegiatan",
        # no outcome or CSF: the sasaran are the Renstra's
        frozenset({"C001", "C004", "I016"}),
    ),
    DocumentKind(
        "pk",
        "Perjanjian Kinerja",
        ("outcome", "csf", "program", "kegiatan", "subkegiatan"),
        "subkegiatan",
        # one jabatan's slice: it may stop at any level
        frozenset({"C001", "C002", "C003", "C004", "C005", "I016"}),
    ),
)
#: ``dokumen`` value → its record.
KINDS: dict[str, DocumentKind] = {kind.key: kind for kind in DOCUMENT_KINDS}
#: The level keys a plan's first list may sit under (any kind).
TOP_KEYS: tuple[str, ...] = ("outcome", "csf", "program", "kegiatan", "subkegiatan")


def document_kind(key: str | None) -> DocumentKind:
    """The record of a ``dokumen`` value (``penjenjangan`` when absent)."""
    return KINDS[key or "penjenjangan"]


def rule_kinds(code: str) -> tuple[str, ...]:
    """The document kinds a rule code applies to."""
    return tuple(kind.key for kind in DOCUMENT_KINDS if code not in kind.skip)
