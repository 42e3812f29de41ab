"""Realisasi files (``pokin_realisasi: 1``): the model, and loading one like a plan.

What happened is written after the plan, one file per reporting period
(FORMAT.md, "Realisasi files"). A realisasi file is read by the same parser
as a plan (positions, duplicate keys, no aliases), checked against the model
below, and every problem is located in the realisasi file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)
from pydantic import WithJsonSchema as _Schema
from pydantic_core import PydanticCustomError

from pokin import gc_paused
from pokin.model import _NUMBER_SCHEMA, _RUPIAH_SCHEMA, GRADES, YEAR_MAX, YEAR_MIN, Id
from pokin.numbers import BULAN, NumberFormatError, parse_rupiah, parse_target
from pokin.problems import Path, Problem
from pokin.source.parse import Document, decode, parse

REALISASI_VERSION = 1

#: The reporting periods and the month each one ends (FORMAT.md).
PERIODE_END_MONTH: dict[str, int] = {
    "tw1": 3,
    "tw2": 6,
    "tw3": 9,
    "tw4": 12,
    "s1": 6,
    "s2": 12,
    "tahunan": 12,
    **{f"b{m:02d}": m for m in range(1, 13)},
}
#: The month each period starts.
PERIODE_START_MONTH: dict[str, int] = {
    "tw1": 1,
    "tw2": 4,
    "tw3": 7,
    "tw4": 10,
    "s1": 1,
    "s2": 7,
    "tahunan": 1,
    **{f"b{m:02d}": m for m in range(1, 13)},
}
#: How each period is named in a report.
PERIODE_LABEL: dict[str, str] = {
    "tw1": "Triwulan I",
    "tw2": "Triwulan II",
    "tw3": "Triwulan III",
    "tw4": "Triwulan IV",
    "s1": "Semester I",
    "s2": "Semester II",
    "tahunan": "Tahunan",
    **{f"b{m:02d}": BULAN[m - 1] for m in range(1, 13)},
}
Periode = Literal[
    "tw1", "tw2", "tw3", "tw4", "s1", "s2", "tahunan",
    "b01", "b02", "b03", "b04", "b05", "b06", "b07", "b08", "b09", "b10", "b11", "b12",
]  # fmt: skip


def _value(value: Any) -> float | int | str:
    if isinstance(value, str) and value.strip().upper() in GRADES:
        return value.strip().upper()  # a grade of an ordinal scale (WTP, AA, ...)
    return _number(value)


def _number(value: Any) -> float | int:
    try:
        # a realisasi may be written "93,59%" whatever the unit; the rules judge the unit
        return parse_target(value, True)
    except NumberFormatError as exc:
        message = str(exc).replace("target", "nilai realisasi", 1)
        raise PydanticCustomError("number", message) from None


def _rupiah(value: Any) -> int:
    try:
        return parse_rupiah(value)
    except NumberFormatError as exc:
        raise PydanticCustomError("number", str(exc)) from None


#: A realisasi or a stated capaian: a number, Indonesian notation accepted ("93,59"), or
#: the grade of an indicator on an ordinal scale (WTP…, AA…D).
Nilai = Annotated[
    float | int | str,
    BeforeValidator(_value),
    _Schema({"anyOf": [_NUMBER_SCHEMA, {"enum": sorted(GRADES)}]}),
]


def _shape(value: Any) -> str | None:
    if isinstance(value, list):
        return "list[nilai]"
    return "dict[nilai]" if isinstance(value, dict) else None


#: Values in the order of the node's ``indikator`` (``null`` skips one), or by ``uraian``.
#: The shape decides which is validated, so a bad value is reported once, where it is.
NilaiIndikator = Annotated[
    Annotated[list[Nilai | None], Tag("list[nilai]")]
    | Annotated[dict[str, Nilai], Tag("dict[nilai]")],
    Discriminator(
        _shape,
        custom_error_type="shape",
        custom_error_message="tulis daftar nilai menurut urutan indikator node, misalnya [12], "
        "atau pemetaan uraian indikator: nilai",
    ),
]


def _tanggal(value: Any) -> Any:
    if isinstance(value, date) or value is None:
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise PydanticCustomError(
            "shape",
            "tanggal '{value}' tidak sah; tulis TAHUN-BULAN-HARI, misalnya 2025-04-10",
            {"value": str(value)[:30]},
        ) from None


#: A percentage (serapan): a number, Indonesian notation accepted.
Persen = Annotated[float | int, BeforeValidator(_number), _Schema(_NUMBER_SCHEMA)]
Rupiah = Annotated[int, BeforeValidator(_rupiah), _Schema(_RUPIAH_SCHEMA)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class RealisasiNode(_Strict):
    """What one node achieved to the end of the period (cumulative)."""

    indikator: NilaiIndikator | None = None
    #: Rupiah spent to the end of the period (cumulative).
    anggaran: Rupiah | None = None
    faktor_pendukung: str | None = None
    faktor_penghambat: str | None = None
    bukti: list[Annotated[str, StringConstraints(min_length=1)]] = Field(default_factory=list)
    #: The capaian an agency published, per indicator: checked against the computed one.
    capaian_tertulis: NilaiIndikator | None = None
    #: The serapan anggaran (%) an agency published.
    serapan_tertulis: Persen | None = None
    catatan: str | None = None


class Realisasi(_Strict):
    """One realisasi file: the figures of one plan for one reporting period."""

    pokin_realisasi: Literal[1]
    #: The plan reported on: a path relative to this file.
    rencana: Annotated[str, StringConstraints(min_length=1)]
    tahun: Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
    periode: Periode
    #: The date of the data; reports never use the clock.
    tanggal: Annotated[
        date | None, BeforeValidator(_tanggal), _Schema({"type": "string", "format": "date"})
    ] = None
    realisasi: dict[Id, RealisasiNode] = Field(default_factory=dict)
    catatan: str | None = None


@dataclass(eq=False)
class LoadedRealisasi:
    """A realisasi file that passed the schema: its model and source document.

    A file loaded in a worker process comes back without its document (the
    composed YAML does not cross processes cheaply); it is parsed again from
    ``text`` only when a problem needs a position.
    """

    file: str
    model: Realisasi
    document: Document | None
    text: str = ""
    #: What rules derive from the file once (values by node), by key.
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def position(self, path: Path, key: bool = False) -> tuple[int, int]:
        """1-based line and column of a document path."""
        if self.document is None:
            self.document = parse(self.text, self.file)
        return self.document.position(path, key)

    @property
    def end_month(self) -> int:
        """The month the period ends (``tw2`` → 6)."""
        return PERIODE_END_MONTH[self.model.periode]

    @property
    def label(self) -> str:
        """The period as a report names it (``Triwulan II 2025``)."""
        return f"{PERIODE_LABEL[self.model.periode]} {self.model.tahun}"

    @property
    def rencana_path(self) -> str:
        """The plan's path, relative to the realisasi file's folder."""
        return os.path.normpath(os.path.join(os.path.dirname(self.file), self.model.rencana))


@dataclass
class RealisasiResult:
    """A realisasi file's load outcome: the loaded file when it passed the schema, and problems."""

    file: str
    realisasi: LoadedRealisasi | None
    problems: list[Problem] = field(default_factory=list)


_FATAL = frozenset({"Y001", "Y003", "Y004", "Y005", "Y006", "Y007", "Y008"})


def load_realisasi_text(text: str | bytes, file: str) -> RealisasiResult:
    """Load a realisasi file from text (or bytes) under the display name ``file``."""
    if isinstance(text, bytes):
        decoded, problem = decode(text, file)
        if decoded is None:
            assert problem is not None
            return RealisasiResult(file, None, [problem])
        text = decoded
    with gc_paused():
        doc = parse(text, file)
        result = RealisasiResult(file, None, list(doc.problems))
        if doc.data is None or any(p.code in _FATAL for p in doc.problems):
            return result
        from pydantic import ValidationError

        from pokin.source.schema_errors import problems_from_validation

        try:
            model = Realisasi.model_validate(doc.data)
        except ValidationError as exc:
            result.problems.extend(problems_from_validation(exc, doc, Realisasi))
            return result
        result.realisasi = LoadedRealisasi(file, model, doc, text)
        return result


def load_realisasi_file(path: str) -> RealisasiResult:
    """Load one realisasi file; an unreadable file is a :class:`~pokin.problems.UsageError`."""
    from pokin.source.load import read_plan_bytes

    return load_realisasi_text(read_plan_bytes(path), os.fsdecode(path))


def _load_detached(path: str) -> RealisasiResult:
    """Load in a worker process: the result without its composed document."""
    result = load_realisasi_file(path)
    if result.realisasi is not None:
        result.realisasi.document = None
    return result


class RealisasiLoading:
    """Realisasi files being loaded while the caller does other work (loads the plan).

    With several cores and enough input, the files are loaded in worker
    processes (fork) started here; :meth:`results` waits for them, in the
    order given. Otherwise :meth:`results` loads them in this process.
    """

    def __init__(self, paths: list[str]) -> None:
        import threading
        from concurrent.futures import Future

        from pokin.source.parallel import MIN_PARALLEL_BYTES, cpu_count

        self.paths = paths
        self._futures: list[Future[RealisasiResult]] = []
        self._pool: Any = None
        sizes = sum(_size(p) for p in paths)
        if cpu_count() < 2 or sizes < MIN_PARALLEL_BYTES or threading.active_count() != 1:
            return
        try:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            workers = max(1, min(cpu_count() - 1, len(paths)))
            self._pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"))
            self._futures = [self._pool.submit(_load_detached, p) for p in paths]
        except (OSError, ValueError, NotImplementedError):  # pragma: no cover
            self.close()

    def results(self) -> list[RealisasiResult]:
        """The load results, in the order of the paths (a UsageError as serially)."""
        try:
            if self._futures:
                return [future.result() for future in self._futures]
            return [load_realisasi_file(p) for p in self.paths]
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers (pending loads are cancelled)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


_TOP_KEY = re.compile(rb"^pokin_realisasi[ \t]*:", re.M)
#: How much of a file is read to tell a realisasi file from a plan.
SNIFF_BYTES = 8192


def is_realisasi_text(head: bytes | str) -> bool:
    """Whether a file's beginning has the top-level key ``pokin_realisasi``."""
    raw = head.encode("utf-8", "replace") if isinstance(head, str) else head
    return _TOP_KEY.search(raw[:SNIFF_BYTES]) is not None


def is_realisasi_file(path: str) -> bool:
    """Whether ``path`` is a realisasi file (``pokin_realisasi:`` in its first 8 KB)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        import stat

        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return is_realisasi_text(os.read(fd, SNIFF_BYTES))
    finally:
        os.close(fd)
