"""The plan format as pydantic models (see docs/FORMAT.md).

The level of a node is the key its list sits under: ``outcome`` → ``csf`` →
``program`` → ``kegiatan`` → ``subkegiatan``. Unknown keys are errors.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from pokin.numbers import (
    MAX_AMOUNT,
    MAX_DIGITS,
    RUPIAH_PATTERN,
    TARGET_PATTERN,
    NumberFormatError,
    is_percent_unit,
    parse_rupiah,
    parse_target,
)
from pokin.problems import shorten

FORMAT_VERSION = 1

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]

# --- Additions: jabatan vocabulary, references between plans -----------------------------

#: The canonical eselon values (``.a``/``.b`` grades keep their letter).
ESELON_VALUES: tuple[str, ...] = (
    "kepala_daerah",
    *(f"{grade}{sub}" for grade in ("I", "II", "III", "IV") for sub in ("", ".a", ".b")),
    "JF",
    "pelaksana",
)
#: Written forms accepted besides the canonical ones (UU ASN names of the grades).
ESELON_ALIASES: dict[str, str] = {"jpt": "II", "administrator": "III", "pengawas": "IV"}
_ESELON_LOOKUP: dict[str, str] = {
    **{value.lower(): value for value in ESELON_VALUES},
    **ESELON_ALIASES,
}


def eselon_grade(eselon: str) -> str:
    """The grade of a canonical eselon without its ``.a``/``.b`` (``II.a`` → ``II``)."""
    return eselon.split(".", 1)[0]


def _eselon(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else value
    canonical = _ESELON_LOOKUP.get(text.lower()) if isinstance(text, str) else None
    if canonical is None:
        raise PydanticCustomError(
            "eselon",
            "eselon '{value}' tidak dikenal; pilihan: kepala_daerah, I, II, III, IV "
            "(boleh dengan .a/.b, misalnya II.a), JF, pelaksana; jpt, administrator dan "
            "pengawas dibaca sebagai II, III dan IV",
            {"value": str(value)[:40]},
        )
    return canonical


Eselon = Annotated[
    str,
    BeforeValidator(_eselon),
    WithJsonSchema(
        {
            "description": "Eselon: kepala_daerah, I–IV (optionally .a/.b), JF, pelaksana; "
            "jpt/administrator/pengawas are read as II/III/IV.",
            "enum": [*ESELON_VALUES, *ESELON_ALIASES],
        }
    ),
]

#: A reference into another plan of a workspace: ``KODE_PD:ID``.
REF_PATTERN = r"^[a-z0-9][a-z0-9-]*:[a-z0-9][a-z0-9-]*$"
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN, max_length=161)]
#: An id in this plan, or ``KODE_PD:ID`` in another plan of the workspace.
IdOrRef = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$", max_length=161)
]
#: The document kinds (see :data:`pokin.levels.DOCUMENT_KINDS`).
Dokumen = Literal["penjenjangan", "rpjmd", "renstra", "renja", "pk"]


def split_ref(value: str) -> tuple[str, str] | None:
    """``(kode_pd, id)`` of a ``KODE_PD:ID`` reference, ``None`` for a local id."""
    plan, sep, ident = value.partition(":")
    return (plan, ident) if sep else None


#: Money: whole Rupiah, or a yearly mapping of whole Rupiah (pagu indikatif).
Money = int | dict[int, int]
#: A target: a number for the plan year, or a yearly mapping of numbers.
TargetValue = float | int | dict[int, float | int]


#: Years a plan may speak of (tahun, periode, keys of yearly mappings).
YEAR_MIN, YEAR_MAX = 1900, 2200
#: The longest periode, in years (a Renstra or RPJMD period is five).
PERIODE_MAX_YEARS = 10


def _money(value: Any) -> Money:
    if isinstance(value, dict):
        return _yearly(value, parse_rupiah)
    try:
        return parse_rupiah(value)
    except NumberFormatError as exc:
        raise PydanticCustomError("number", str(exc)) from None


def _yearly(mapping: dict[Any, Any], parse: Any) -> dict[int, Any]:
    """A yearly mapping, every bad year or value reported (error type ``yearly``).

    The error's context lists ``(key, message)`` per bad entry; the schema
    error translator turns each into its own located problem.
    """
    result: dict[int, Any] = {}
    seen: set[int] = set()
    bad: list[tuple[Any, str]] = []
    for key, item in mapping.items():
        try:
            year = _year(key)
        except NumberFormatError as exc:
            bad.append((key, str(exc)))
            continue
        if year in seen:
            bad.append((key, f"tahun {year} tertulis dua kali dalam pemetaan tahunan yang sama"))
            continue
        seen.add(year)
        try:
            result[year] = parse(item)
        except NumberFormatError as exc:
            bad.append((key, str(exc)))
    if bad:
        raise PydanticCustomError("yearly", "{first}", {"first": bad[0][1], "bad": bad})
    return result


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise NumberFormatError(f"tahun '{value}' harus berupa angka tahun, misalnya 2025")
    text = str(value).strip()
    # str.isdigit() is also true for '²' and '①', which int() refuses
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise NumberFormatError(
            f"tahun '{shorten(value, 30)}' harus berupa angka tahun empat digit, misalnya 2025"
        )
    year = int(text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise NumberFormatError(f"tahun {year} di luar {YEAR_MIN}–{YEAR_MAX}")
    return year


def _range_pattern(low: int, high: int) -> str:
    """A regular expression matching exactly the four-digit numbers ``low..high``."""
    parts: list[str] = []
    for century in range(low // 100, high // 100 + 1):
        first = max(low, century * 100) % 100
        last = min(high, century * 100 + 99) % 100
        if first == 0 and last == 99:
            parts.append(f"{century}[0-9]{{2}}")
        else:
            parts.extend(f"{century}{n:02d}" for n in range(first, last + 1))
    return "(?:" + "|".join(parts) + ")"


#: The JSON Schema's patterns and bounds come from the constants the loader uses.
_YEAR_PATTERN = _range_pattern(YEAR_MIN, YEAR_MAX)
_RUPIAH_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 0, "maximum": MAX_AMOUNT},
        {"type": "string", "pattern": rf"^\s*{RUPIAH_PATTERN}\s*$", "maxLength": 4 * MAX_DIGITS},
    ]
}
_YEAR_KEY = rf"^\s*{_YEAR_PATTERN}\s*$"
_MONEY_SCHEMA: dict[str, Any] = {
    "description": "Whole Rupiah, or a yearly mapping {2025: 372250370, ...}.",
    "anyOf": [
        _RUPIAH_SCHEMA,
        {
            "type": "object",
            "patternProperties": {_YEAR_KEY: _RUPIAH_SCHEMA},
            "additionalProperties": False,
        },
    ],
}
_NUMBER_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": -MAX_AMOUNT, "maximum": MAX_AMOUNT},
        {"type": "string", "pattern": rf"^\s*{TARGET_PATTERN}\s*$", "maxLength": 4 * MAX_DIGITS},
    ]
}
_TARGET_SCHEMA: dict[str, Any] = {
    "description": "A number for the plan year, or a yearly mapping {2021: 63.32, ...}.",
    "anyOf": [
        _NUMBER_SCHEMA,
        {
            "type": "object",
            "patternProperties": {_YEAR_KEY: _NUMBER_SCHEMA},
            "additionalProperties": False,
        },
    ],
}

_PERIODE_SCHEMA: dict[str, Any] = {
    "description": f"[tahun awal, tahun akhir], at most {PERIODE_MAX_YEARS} years.",
    "type": "array",
    "items": {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
    "minItems": 2,
    "maxItems": 2,
}

Anggaran = Annotated[Money, BeforeValidator(_money), WithJsonSchema(_MONEY_SCHEMA)]

# --- Rencana aksi and capaian (FORMAT.md, "Rencana aksi", "Capaian") ------------------------
#: Which way is better for an indicator.
Arah = Literal["naik", "turun", "tetap"]
#: The named capaian methods (docs/realisasi.md explains each).
METODE_CAPAIAN: dict[str, str] = {
    "standar": "naik: realisasi ÷ target × 100; turun: (2 × target − realisasi) ÷ target × 100, "
    "paling kecil 0; tetap: 100 dikurangi selisih relatif",
    "kebalikan": "untuk arah turun: target ÷ realisasi × 100 (cara sebagian pedoman LKjIP)",
    "tercapai": "100 bila target tercapai menurut arahnya, 0 bila tidak",
    "dibatasi": "seperti standar, tetapi paling tinggi 100",
}
MetodeCapaian = Literal["standar", "kebalikan", "tercapai", "dibatasi"]
#: Ordinal scales agencies report grades on (a satuan of that name), lowest grade first:
#: the SAKIP evaluation predikat and the BPK audit opinion.
SKALA_ORDINAL: dict[str, tuple[str, ...]] = {
    "predikat": ("D", "C", "CC", "B", "BB", "A", "AA"),
    "opini": ("TMP", "TW", "WDP", "WTP"),
}
_SKALA_ALIASES = {"predikat sakip": "predikat", "opini bpk": "opini"}
#: Every grade of every scale.
GRADES: frozenset[str] = frozenset(g for scale in SKALA_ORDINAL.values() for g in scale)


def ordinal_scale(satuan: object) -> tuple[str, ...] | None:
    """The grades of an ordinal satuan (``predikat``, ``opini``), lowest first; else ``None``."""
    if not isinstance(satuan, str):
        return None
    if satuan in _SCALE_OF:
        return _SCALE_OF[satuan]
    key = " ".join(satuan.lower().split())
    scale = SKALA_ORDINAL.get(_SKALA_ALIASES.get(key, key))
    if len(_SCALE_OF) < 10_000:
        _SCALE_OF[satuan] = scale
    return scale


_SCALE_OF: dict[str, tuple[str, ...] | None] = {}


def grade_rank(grade: str, satuan: object) -> int | None:
    """The rank (1 = lowest) of ``grade`` on the satuan's scale, ``None`` when not on it."""
    scale = ordinal_scale(satuan)
    text = grade.strip().upper()
    return scale.index(text) + 1 if scale is not None and text in scale else None


def _graded(value: Any, satuan: object, parse: Any) -> Any:
    """A target on an ordinal scale may be its grade ("WTP"), kept as the grade's rank."""
    if isinstance(value, str) and ordinal_scale(satuan) is not None:
        rank = grade_rank(value, satuan)
        if rank is None:
            grades = ", ".join(ordinal_scale(satuan) or ())
            raise NumberFormatError(
                f"'{shorten(value, 20)}' bukan tingkat skala '{satuan}' ({grades})"
            )
        return rank
    return parse(value)


_TRIWULAN_SCHEMA: dict[str, Any] = {
    "description": "Targets cumulative to the end of TW I..IV, e.g. [10, 25, 40, 55].",
    "type": "array",
    "items": _NUMBER_SCHEMA,
    "minItems": 4,
    "maxItems": 4,
}
# --- end rencana aksi -------------------------------------------------------------------------


def _as_written(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: The anggaran as the source document prints it, kept verbatim (a mistyped
#: "13.2918.000" included), beside the corrected ``anggaran``.
AnggaranDokumen = Annotated[
    str,
    BeforeValidator(_as_written),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "description": "anggaran as the source document prints it, kept as written",
        }
    ),
]


class _Strict(BaseModel):
    # defer_build: the validators are built once, for Plan, on first use,
    # instead of one per class at import (a third of pokin's start-up)
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, frozen=False, defer_build=True
    )


class Indikator(_Strict):
    """A performance indicator: what is measured, its unit and target."""

    uraian: Text
    satuan: Text | None = None
    target: Annotated[TargetValue | None, WithJsonSchema(_TARGET_SCHEMA)] = None
    #: Rencana aksi: the targets cumulative to the end of TW I..IV (FORMAT.md).
    target_triwulan: Annotated[list[float | int] | None, WithJsonSchema(_TRIWULAN_SCHEMA)] = None
    #: Which way is better: naik (default), turun (lower is better), tetap.
    arah: Arah | None = None
    #: How capaian is computed (see :data:`METODE_CAPAIAN`); default ``standar``.
    metode_capaian: MetodeCapaian | None = None
    catatan: str | None = None

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return None
        satuan = info.data.get("satuan")
        percent = is_percent_unit(satuan)

        def parse(v: Any) -> Any:
            return _graded(v, satuan, lambda x: parse_target(x, percent))

        if isinstance(value, dict):
            return _yearly(value, parse)
        try:
            return parse(value)
        except NumberFormatError as exc:
            raise PydanticCustomError("number", str(exc)) from None

    @field_validator("target_triwulan", mode="before")
    @classmethod
    def _triwulan(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return None
        if not isinstance(value, list) or len(value) != 4:
            raise PydanticCustomError(
                "number",
                "target_triwulan harus daftar empat angka kumulatif sampai akhir TW I, II, III "
                "dan IV, misalnya [10, 25, 40, 55]",
            )
        satuan = info.data.get("satuan")
        percent = is_percent_unit(satuan)
        try:
            return [_graded(v, satuan, lambda x: parse_target(x, percent)) for v in value]
        except NumberFormatError as exc:
            raise PydanticCustomError("number", str(exc)) from None

    @property
    def lower_is_better(self) -> bool:
        """Whether a lower realisasi is better (``arah: turun``)."""
        return self.arah == "turun"


class Crosscutting(_Strict):
    """Another body that helps realise a node: a PD node (``ke``) or an outside ``mitra``."""

    ke: Ref | None = None
    mitra: Text | None = None
    peran: Text
    catatan: str | None = None

    @model_validator(mode="after")
    def _one_side(self) -> Crosscutting:
        if (self.ke is None) == (self.mitra is None):
            raise PydanticCustomError(
                "crosscutting",
                "crosscutting harus menyebut tepat satu dari 'ke' (node PD lain, KODE_PD:ID) "
                "atau 'mitra' (lembaga di luar workspace)",
            )
        return self


class Node(_Strict):
    """What every node of the tree has."""

    id: Id
    kinerja: Text
    indikator: list[Indikator] = Field(default_factory=list)
    pj: Id | None = None
    catatan: str | None = None
    #: The node of another plan this (top-level) node realises: ``KODE_PD:ID``.
    induk: Ref | None = None
    crosscutting: list[Crosscutting] = Field(default_factory=list)


class Subkegiatan(Node):
    """The most operational condition: a budget line (sub kegiatan)."""

    nama: Text
    kode: str | None = None
    anggaran: Anggaran | None = None
    anggaran_dokumen: AnggaranDokumen | None = None


class Kegiatan(Node):
    """A kegiatan: a condition realised by its sub kegiatan."""

    nama: Text
    kode: str | None = None
    anggaran: Anggaran | None = None
    anggaran_dokumen: AnggaranDokumen | None = None
    subkegiatan: list[Subkegiatan] = Field(default_factory=list)


class Program(Node):
    """A program: an intermediate condition (kondisi antara) of a CSF."""

    nama: Text
    kode: str | None = None
    anggaran: Anggaran | None = None
    anggaran_dokumen: AnggaranDokumen | None = None
    kegiatan: list[Kegiatan] = Field(default_factory=list)


class Csf(Node):
    """A critical success factor = sasaran strategis of the outcome."""

    renstra: Id | None = None
    #: The RPJMD sasaran this CSF serves: ``pemda:ID``.
    rpjmd: Ref | None = None
    program: list[Program] = Field(default_factory=list)


class Outcome(Node):
    """Tahap 1: the outcome to cascade, with its three sources."""

    ekspektasi: list[Text] = Field(default_factory=list)
    mandat: list[Text] = Field(default_factory=list)
    isu_strategis: list[Text] = Field(default_factory=list)


class RenstraItem(_Strict):
    """A Renstra tujuan or sasaran with yearly targets (Tahap 5.1)."""

    id: Id
    kinerja: Text
    indikator: list[Indikator] = Field(default_factory=list)
    catatan: str | None = None


class Renstra(_Strict):
    """The Renstra goals this plan translates into."""

    tujuan: list[RenstraItem] = Field(default_factory=list)
    sasaran: list[RenstraItem] = Field(default_factory=list)


class Rpjmd(_Strict):
    """The Kepala Daerah performance (RPJMD) the plan serves."""

    tujuan: Text | None = None
    indikator_tujuan: Text | None = None
    sasaran: Text | None = None
    pj: Id | None = None
    catatan: str | None = None


def _nip(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        digits = value.replace(" ", "")
        if len(digits) == 18 and digits.isdigit():
            return digits
    raise PydanticCustomError(
        "nip",
        "NIP '{value}' tidak sah: NIP terdiri atas 18 angka (boleh dipisah spasi)",
        {"value": str(value)[:40]},
    )


class Pejabat(_Strict):
    """Who holds a jabatan, for documents ready to sign."""

    nama: Text
    #: A kepala daerah has none; a PK prints a blank NIP line when it is not given.
    nip: (
        Annotated[
            str,
            BeforeValidator(_nip),
            WithJsonSchema({"type": "string", "pattern": r"^[0-9 ]+$", "description": "18 digits"}),
        ]
        | None
    ) = None
    pangkat: Text | None = None
    status: Literal["definitif", "plt", "plh"] = "definitif"


class Jabatan(_Strict):
    """A position that signs a Perjanjian Kinerja."""

    id: Id
    nama: Text
    eselon: Eselon
    #: A jabatan of this plan, or ``KODE_PD:ID`` (the kepala daerah in the pemda plan).
    atasan: IdOrRef | None = None
    pejabat: Pejabat | None = None
    catatan: str | None = None
    _eselon_written: str | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_written(cls, data: Any, handler: Any) -> Any:
        jab = handler(data)
        if isinstance(data, dict) and isinstance(data.get("eselon"), str):
            jab._eselon_written = data["eselon"].strip()
        return jab

    @property
    def eselon_written(self) -> str:
        """The eselon as the plan writes it (``pengawas``), for display."""
        return self._eselon_written or self.eselon

    @property
    def grade(self) -> str:
        """The eselon without ``.a``/``.b``; ``jpt``/``administrator``/``pengawas`` as II/III/IV."""
        return eselon_grade(self.eselon)


def _plan_schema(schema: dict[str, Any]) -> None:
    # tahun may be left out in a five-year document that gives periode; a
    # penjenjangan (the default) starts at outcome
    schema["required"] = [k for k in schema.get("required", []) if k != "tahun"]
    five_year = {"properties": {"dokumen": {"enum": ["rpjmd", "renstra"]}}, "required": ["dokumen"]}
    default = {"properties": {"dokumen": {"const": "penjenjangan"}}}
    schema["allOf"] = [
        {"if": {"not": five_year}, "then": {"required": ["tahun"]}},
        {"if": {"anyOf": [default, {"not": {"required": ["dokumen"]}}]},
         "then": {"required": ["outcome"]}},
    ]  # fmt: skip


class Plan(_Strict):
    """One perangkat daerah's Penjenjangan Kinerja for one budget year."""

    model_config = ConfigDict(**_Strict.model_config, json_schema_extra=_plan_schema)

    pokin: Literal[1]
    #: What the file is (Additions): which levels it holds and which rules fit it.
    dokumen: Dokumen = "penjenjangan"
    #: The plan's code in a workspace (``pemda`` for the pemda's own plan).
    kode_pd: Id | None = None
    perangkat_daerah: Text
    tahun: Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
    periode: Annotated[tuple[int, int] | None, WithJsonSchema(_PERIODE_SCHEMA)] = None
    rpjmd: Rpjmd | None = None
    renstra: Renstra | None = None
    jabatan: list[Jabatan] = Field(default_factory=list)
    outcome: Outcome | None = None
    csf: list[Csf] = Field(default_factory=list)
    #: A partial plan's first list: top-level program / kegiatan / sub kegiatan.
    program: list[Program] = Field(default_factory=list)
    kegiatan: list[Kegiatan] = Field(default_factory=list)
    subkegiatan: list[Subkegiatan] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _tahun_from_periode(cls, data: Any) -> Any:
        """A five-year document without ``tahun`` is read for the first year of its periode."""
        if (
            isinstance(data, dict)
            and "tahun" not in data
            and data.get("dokumen") in ("rpjmd", "renstra")
            and isinstance(data.get("periode"), list)
            and len(data["periode"]) == 2
            and isinstance(data["periode"][0], int)
        ):
            return {**data, "tahun": data["periode"][0]}
        return data

    # --- Nomenclature (FORMAT.md, "Nomenclature") -------------------------
    #: The official list the plan's ``kode`` come from; absent: the version
    #: that holds them (``pokin validate`` says which).
    nomenklatur: Literal["kepmendagri-900", "pemutakhiran-2027"] | None = None
    #: Whose list applies; absent: read from ``perangkat_daerah``.
    jenis_pemda: Literal["kabupaten", "kota", "provinsi"] | None = None
    # --- end nomenclature -------------------------------------------------

    @field_validator("periode")
    @classmethod
    def _periode(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is None:
            return value
        if value[0] > value[1]:
            raise PydanticCustomError(
                "periode", "periode harus [tahun awal, tahun akhir] dengan awal ≤ akhir"
            )
        if not (value[0] >= YEAR_MIN and value[1] <= YEAR_MAX):
            raise PydanticCustomError(
                "periode", f"tahun periode harus di antara {YEAR_MIN} dan {YEAR_MAX}"
            )
        if value[1] - value[0] + 1 > PERIODE_MAX_YEARS:
            raise PydanticCustomError(
                "periode",
                f"periode {value[0]}–{value[1]} terlalu panjang: paling lama "
                f"{PERIODE_MAX_YEARS} tahun (periode Renstra biasanya lima tahun)",
            )
        return value
