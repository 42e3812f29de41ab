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
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from pokin.numbers import NumberFormatError, parse_rupiah, parse_target

FORMAT_VERSION = 1

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]

Eselon = Literal["kepala_daerah", "II", "III", "IV", "JF"]

#: Money: whole Rupiah, or a yearly mapping of whole Rupiah (pagu indikatif).
Money = int | dict[int, int]
#: A target: a number for the plan year, or a yearly mapping of numbers.
TargetValue = float | int | dict[int, float | int]


def _money(value: Any) -> Money:
    try:
        if isinstance(value, dict):
            result: dict[int, int] = {}
            for year, amount in value.items():
                result[_year(year)] = parse_rupiah(amount)
            return result
        return parse_rupiah(value)
    except NumberFormatError as exc:
        raise PydanticCustomError("number", str(exc)) from None


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise NumberFormatError(f"tahun '{value}' harus berupa angka tahun, misalnya 2025")
    text = str(value).strip()
    if not (text.isdigit() and len(text) == 4):
        raise NumberFormatError(
            f"tahun '{value}' harus berupa angka tahun empat digit, misalnya 2025"
        )
    return int(text)


_RUPIAH_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": r"^\s*([Rr][Pp]\.?\s*)?[0-9]{1,3}(\.[0-9]{3})*\s*$"},
    ]
}
_YEAR_KEY = r"^[0-9]{4}$"
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
        {"type": "number"},
        {"type": "string", "pattern": r"^\s*[-+]?[0-9.]+(,[0-9]+)?\s*%?\s*$"},
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

Anggaran = Annotated[Money, BeforeValidator(_money), WithJsonSchema(_MONEY_SCHEMA)]


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
    catatan: str | None = None

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return None
        satuan = info.data.get("satuan")
        percent = isinstance(satuan, str) and satuan.strip() == "%"
        try:
            if isinstance(value, dict):
                return {_year(y): parse_target(v, percent) for y, v in value.items()}
            return parse_target(value, percent)
        except NumberFormatError as exc:
            raise PydanticCustomError("number", str(exc)) from None


class Node(_Strict):
    """What every node of the tree has."""

    id: Id
    kinerja: Text
    indikator: list[Indikator] = Field(default_factory=list)
    pj: Id | None = None
    catatan: str | None = None


class Subkegiatan(Node):
    """The most operational condition: a budget line (sub kegiatan)."""

    nama: Text
    kode: str | None = None
    anggaran: Anggaran | None = None


class Kegiatan(Node):
    """A kegiatan: a condition realised by its sub kegiatan."""

    nama: Text
    kode: str | None = None
    anggaran: Anggaran | None = None
    subkegiatan: list[Subkegiatan] = Field(default_factory=list)


class Program(Node):
    """A program: an intermediate condition (kondisi antara) of a CSF."""

    nama: Text
    kode: str | None = None
    anggaran: Anggaran | None = None
    kegiatan: list[Kegiatan] = Field(default_factory=list)


class Csf(Node):
    """A critical success factor = sasaran strategis of the outcome."""

    renstra: Id | None = None
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


class Jabatan(_Strict):
    """A position that signs a Perjanjian Kinerja."""

    id: Id
    nama: Text
    eselon: Eselon
    atasan: Id | None = None
    catatan: str | None = None


class Plan(_Strict):
    """One perangkat daerah's Penjenjangan Kinerja for one budget year."""

    pokin: Literal[1]
    perangkat_daerah: Text
    tahun: Annotated[int, Field(ge=1900, le=2200)]
    periode: tuple[int, int] | None = None
    rpjmd: Rpjmd | None = None
    renstra: Renstra | None = None
    jabatan: list[Jabatan] = Field(default_factory=list)
    outcome: Outcome
    csf: list[Csf] = Field(default_factory=list)

    @field_validator("periode")
    @classmethod
    def _periode(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and value[0] > value[1]:
            raise PydanticCustomError(
                "periode", "periode harus [tahun awal, tahun akhir] dengan awal ≤ akhir"
            )
        return value
