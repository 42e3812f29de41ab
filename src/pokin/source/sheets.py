"""Spreadsheets into plan data (`pokin import`): the exported workbook, a CSV, a mapped sheet.

:func:`read_tables` reads a workbook (python-calamine: .xlsx, .xlsm, .xls,
.ods) or a CSV file into :class:`Table` s. :func:`import_workbook` reads the
layout `pokin export` writes (sheets Matriks, Renstra, Jabatan,
Crosscutting, Rencana); :func:`import_mapped` reads one sheet of the kind
agencies keep, with the columns a :class:`Mapping` names. Both return an
:class:`Imported`: the plan as plain data, the cell every document path came
from, and a located problem for every row that could not be read. A row that
cannot be read is left out, never guessed.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pokin.levels import BY_KEY, CHILD_KEY, KODE_PATTERNS, LEVEL_KEYS, LEVELS
from pokin.model import ID_PATTERN
from pokin.numbers import NumberFormatError, is_percent_unit, parse_rupiah, parse_target
from pokin.problems import Path, Problem, Severity, UsageError, shorten
from pokin.render.cells import FORMULA_STARTS
from pokin.views.sheets import (
    ANGGARAN_PREFIX,
    MATRIX_HEAD,
    MATRIX_TAIL,
    OPTIONAL_COLUMNS,
    PLAN_KEYS,
    SHEET_CROSSCUTTING,
    SHEET_JABATAN,
    SHEET_MATRIX,
    SHEET_PLAN,
    SHEET_RENSTRA,
    TARGET_PREFIX,
    TRIWULAN_TITLES,
)

#: The file types `pokin import` reads.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
#: A spreadsheet larger than this is refused (a plan's sheet is a few megabytes).
MAX_BYTES = 200 * 1024 * 1024
_ID_RE = re.compile(ID_PATTERN)
_LEVEL_NAMES: dict[str, str] = {}
for _lvl in LEVELS:
    for _name in (_lvl.key, _lvl.word, _lvl.label, _lvl.legend):
        _LEVEL_NAMES[" ".join(_name.lower().replace("_", " ").split())] = _lvl.key
_LEVEL_NAMES |= {
    "sub kegiatan": "subkegiatan",
    "subkegiatan": "subkegiatan",
    "sasaran strategis": "csf",
}


@dataclass
class Table:
    """One sheet's cells as rows (row 0 is the sheet's row 1), and how to name a cell."""

    file: str
    sheet: str | None  # None: a CSV file
    rows: list[list[Any]]
    #: Cells holding a formula error (``#DIV/0!``), which the reader shows as empty.
    errors: dict[tuple[int, int], str] = field(default_factory=dict)

    def cell(self, row: int, col: int) -> str:
        """The cell's name: ``Matriks!C12`` (``C12`` in a CSV file)."""
        name = f"{column_letters(col)}{row + 1}"
        return f"{self.sheet}!{name}" if self.sheet is not None else name

    def value(self, row: int, col: int | None) -> Any:
        """The cell's value; ``None`` for an empty or missing cell."""
        if col is None or row >= len(self.rows) or col >= len(self.rows[row]):
            return None
        value = self.rows[row][col]
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return value


def column_letters(index: int) -> str:
    """The letters of a 0-based column index (0 → A, 27 → AB)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def column_index(letters: str) -> int:
    """The 0-based index of column letters (``A`` → 0); a ValueError for anything else."""
    text = letters.strip().upper()
    if not text or not text.isascii() or not text.isalpha() or len(text) > 3:
        raise ValueError(letters)
    index = 0
    for char in text:
        index = index * 26 + ord(char) - 64
    return index - 1


def read_tables(path: str) -> dict[str, Table]:
    """The sheets of a workbook, or the one table of a CSV file (key ``""``).

    A file that does not exist or cannot be read as a spreadsheet is a
    :class:`UsageError` (exit 2).
    """
    shown = os.fsdecode(path)
    target = FsPath(path)
    if not target.is_file():
        raise UsageError(f"{shown} tidak ditemukan atau bukan berkas")
    if target.stat().st_size > MAX_BYTES:
        raise UsageError(f"{shown} lebih besar dari {MAX_BYTES // 2**20} MB; tidak dibaca")
    suffix = target.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return {"": _read_csv(target, shown)}
    if suffix not in WORKBOOK_SUFFIXES:
        raise UsageError(
            f"{shown}: jenis berkas '{suffix or '(tanpa akhiran)'}' tidak dikenal; "
            "pokin import membaca .xlsx, .xlsm, .xls, .ods dan .csv"
        )
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(target))
        tables: dict[str, Table] = {}
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            tables[name] = Table(shown, name, sheet.to_python(skip_empty_area=False))
    except Exception as exc:  # calamine raises its own errors for broken files
        raise UsageError(
            f"{shown} tidak dapat dibaca sebagai spreadsheet: {shorten(exc, 120)}"
        ) from None
    if suffix in (".xlsx", ".xlsm"):
        for name, errors in error_cells(target).items():
            if name in tables:
                tables[name].errors = errors
    return tables


_SHEET_ENTRY = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL_ENTRY = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_ENTRY_2 = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_ERROR_CELL = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]+)([0-9]+)"[^>]*?\bt="e"[^>]*>(?:.*?<v>([^<]*)</v>)?'
)


def error_cells(path: FsPath) -> dict[str, dict[tuple[int, int], str]]:
    """The formula-error cells of each sheet of an .xlsx file (python-calamine reads them as empty).

    A file whose parts cannot be read this way gives no errors; calamine has
    already read its values.
    """
    import html
    import zipfile

    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml")
            rels = z.read("xl/_rels/workbook.xml.rels")
            targets = {rid: target for rid, target in _REL_ENTRY.findall(rels)}
            targets |= {rid: target for target, rid in _REL_ENTRY_2.findall(rels)}
            names = set(z.namelist())
            for raw_name, rid in _SHEET_ENTRY.findall(book):
                target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
                part = target if target.startswith("xl/") else "xl/" + target
                if part not in names:
                    continue
                data = z.read(part)
                if b't="e"' not in data:
                    continue
                errors = {
                    (int(row) - 1, column_index(col.decode())): html.unescape(
                        (text or b"#ERROR").decode("utf-8", "replace")
                    )
                    for col, row, text in _ERROR_CELL.findall(data)
                }
                if errors:
                    found[html.unescape(raw_name.decode("utf-8", "replace"))] = errors
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return {}
    return found


def _read_csv(target: FsPath, shown: str) -> Table:
    raw = target.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{shown} bukan teks UTF-8; simpan CSV sebagai UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return Table(shown, None, rows)


@dataclass
class Imported:
    """A spreadsheet read into plan data: the data, where each part came from, its problems."""

    data: dict[str, Any]
    #: Document path → cell (``Matriks!C12``) it was read from.
    cells: dict[Path, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Rows read as nodes.
    nodes: int = 0

    def cell_of(self, path: Path) -> str | None:
        """The cell of ``path``, or of its nearest enclosing part that came from a cell."""
        for end in range(len(path), 0, -1):
            cell = self.cells.get(path[:end])
            if cell is not None:
                return cell
        return None


class _RowError(Exception):
    """A cell that cannot be read: its code, column and message."""

    def __init__(self, code: str, col: int | None, message: str) -> None:
        super().__init__(message)
        self.code, self.col, self.message = code, col, message


class _Reader:
    """Collects problems at cells while tables are read."""

    def __init__(self, imported: Imported) -> None:
        self.out = imported

    def row_error(self, table: Table, row: int, columns: Any = None) -> bool:
        """Report a formula error in the row (within ``columns``): the row is left out."""
        if not table.errors:
            return False
        wanted = None if columns is None else set(columns)
        for (r, c), text in sorted(table.errors.items()):
            if r == row and (wanted is None or c in wanted):
                self.problem(
                    table, row, c, "S004",
                    f"sel berisi galat rumus {shorten(text, 20)}; perbaiki rumusnya di "
                    "spreadsheet, baris ini tidak diimpor",
                )  # fmt: skip
                return True
        return False

    def problem(
        self,
        table: Table,
        row: int,
        col: int,
        code: str,
        message: str,
        node: str | None = None,
        severity: Severity = "error",
    ) -> None:
        self.out.problems.append(
            Problem(
                code,
                severity,
                message,
                table.file,
                row + 1,
                col + 1,
                node,
                (),
                table.cell(row, col),
            )
        )


# ---------------------------------------------------------------- cell values


def text_of(value: Any) -> str | None:
    """A text cell: trimmed, a neutralised formula's apostrophe removed, numbers as written."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        value = int(value) if value.is_integer() else value
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text or None


def number_of(value: Any) -> Any:
    """A number cell as the plan writes it (a whole float becomes an int); text stays text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return text_of(value)
    return value


def _money(value: Any, col: int) -> int:
    try:
        return parse_rupiah(number_of(value))
    except NumberFormatError as exc:
        raise _RowError("S005", col, str(exc)) from None


def _target(value: Any, col: int, satuan: str | None) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _RowError("S005", col, f"target '{shorten(value, 30)}' bukan angka")
    try:
        number = parse_target(number_of(value), is_percent_unit(satuan))
    except NumberFormatError as exc:
        raise _RowError("S005", col, str(exc)) from None
    return int(number) if isinstance(number, float) and number.is_integer() else number


def _id(value: Any, col: int) -> str:
    text = text_of(value) or ""
    if not _ID_RE.fullmatch(text) or len(text) > 80:
        raise _RowError(
            "S006",
            col,
            f"id '{shorten(text, 40)}' tidak sah: pakai huruf kecil, angka dan '-' "
            "(misalnya bencana-permakanan)",
        )
    return text


def level_of(value: Any) -> str | None:
    """The level key a Tingkat cell names (``Sub Kegiatan``, ``subkegiatan``, ``CSF`` …)."""
    text = text_of(value)
    if text is None:
        return None
    return _LEVEL_NAMES.get(" ".join(text.lower().replace("_", " ").split()))


def level_of_kode(kode: str) -> str | None:
    """The level a kode's shape gives (``1.06.06`` → program), deepest first."""
    for key in reversed(LEVEL_KEYS):
        pattern = KODE_PATTERNS.get(key)
        if pattern is not None and pattern.fullmatch(kode):
            return key
    return None


def slug(text: str, taken: set[str]) -> str:
    """An id derived from a name: lower-case words joined by '-', made unique with -2, -3 …"""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    base = "-".join(words)[:60].strip("-") or "node"
    unique, n = base, 2
    while unique in taken:
        unique, n = f"{base}-{n}", n + 1
    taken.add(unique)
    return unique


# ---------------------------------------------------------------- the tree


@dataclass
class _NodeRow:
    """A node row read from a sheet, before it is placed in the tree."""

    row: int
    level: str
    data: dict[str, Any]
    cells: dict[str, int]  # field -> column
    indicators: list[tuple[int, dict[str, Any], dict[str, int]]]


class _TreeBuilder:
    """Places node rows under the last row of the level above, as the matrix lists them."""

    def __init__(self, reader: _Reader, table: Table, data: dict[str, Any]) -> None:
        self.reader = reader
        self.table = table
        self.data = data
        self.top: str | None = None
        self.stack: dict[str, tuple[Path, dict[str, Any]]] = {}
        self.dropped_from: int | None = None  # depth of the last row left out

    def add(self, node: _NodeRow, level_col: int) -> None:
        depth = LEVEL_KEYS.index(node.level)
        if self.top is None:
            self.top = node.level
        top_depth = LEVEL_KEYS.index(self.top)
        if self.dropped_from is not None and depth > self.dropped_from:
            row_id = node.data.get("id")
            self.reader.problem(
                self.table, node.row, level_col, "X003",
                f"{BY_KEY[node.level].word} ini berada di bawah baris yang tidak terbaca; "
                "baris ini tidak diimpor",
                row_id,
            )  # fmt: skip
            return
        self.dropped_from = None
        if depth < top_depth or (depth == top_depth == 0 and "outcome" in self.data):
            self.reader.problem(
                self.table, node.row, level_col, "X003",
                f"tingkat {BY_KEY[node.level].word} tidak dapat berada di sini: rencana ini "
                f"dimulai pada tingkat {BY_KEY[self.top].word}",
                node.data.get("id"),
            )  # fmt: skip
            self.dropped_from = depth
            return
        if depth == top_depth:
            key = node.level
            if key == "outcome":
                self.data["outcome"] = node.data
                path: Path = ("outcome",)
            else:
                items = self.data.setdefault(key, [])
                path = (key, len(items))
                items.append(node.data)
        elif node.level == "csf" and "outcome" in self.stack:
            items = self.data.setdefault("csf", [])
            path = ("csf", len(items))
            items.append(node.data)
        else:
            parent_level = LEVEL_KEYS[depth - 1]
            parent = self.stack.get(parent_level)
            if parent is None:
                self.reader.problem(
                    self.table, node.row, level_col, "X003",
                    f"{BY_KEY[node.level].word} ini tidak punya baris {BY_KEY[parent_level].word} "
                    "di atasnya (tingkat tidak boleh dilompati); baris ini tidak diimpor",
                    node.data.get("id"),
                )  # fmt: skip
                self.dropped_from = depth
                return
            parent_path, parent_data = parent
            key = CHILD_KEY[parent_level]
            items = parent_data.setdefault(key, [])
            path = (*parent_path, key, len(items))
            items.append(node.data)
        self.stack[node.level] = (path, node.data)
        for deeper in LEVEL_KEYS[depth + 1 :]:
            self.stack.pop(deeper, None)
        self.record(node, path)

    def drop(self, depth: int) -> None:
        """A row of this depth could not be read: the rows under it cannot be placed."""
        self.dropped_from = depth
        for deeper in LEVEL_KEYS[depth:]:
            self.stack.pop(deeper, None)

    def record(self, node: _NodeRow, path: Path) -> None:
        cells = self.reader.out.cells
        cells[path] = self.table.cell(node.row, node.cells.get("id", 0))
        for key, col in node.cells.items():
            cells[(*path, key)] = self.table.cell(node.row, col)
        for i, (row, _, ind_cells) in enumerate(node.indicators):
            base = (*path, "indikator", i)
            cells[base] = self.table.cell(row, ind_cells.get("uraian", 0))
            for key, col in ind_cells.items():
                cells[(*base, key)] = self.table.cell(row, col)
        self.reader.out.nodes += 1


# ---------------------------------------------------------------- the exported workbook


def _headers(table: Table, reader: _Reader, known: set[str]) -> dict[str, int]:
    """Column titles (row 1) → column; unknown titles reported as X002 and ignored."""
    found: dict[str, int] = {}
    for col, value in enumerate(table.rows[0] if table.rows else []):
        title = text_of(value)
        if title is None:
            continue
        norm = " ".join(title.split())
        match = next((k for k in known if k.lower() == norm.lower()), None)
        if match is None and _year_column(norm) is not None:
            match = norm.title()
        if match is None:
            reader.problem(
                table, 0, col, "X002",
                f"kolom '{shorten(title, 40)}' tidak dikenal; isinya tidak diimpor",
                severity="warning",
            )  # fmt: skip
            continue
        found.setdefault(match, col)
    return found


def _year_column(title: str) -> tuple[str, int] | None:
    """("target" | "anggaran", year) of a year column title."""
    for prefix, kind in ((TARGET_PREFIX, "target"), (ANGGARAN_PREFIX, "anggaran")):
        if title.lower().startswith(prefix.lower()):
            rest = title[len(prefix) :].strip()
            if rest.isascii() and rest.isdigit() and len(rest) == 4:
                return kind, int(rest)
    return None


_MATRIX_FIELDS = {
    "ID": "id",
    "Kode": "kode",
    "Nama": "nama",
    "Kinerja": "kinerja",
    "PJ": "pj",
    "Renstra": "renstra",
    "RPJMD": "rpjmd",
    "Induk": "induk",
    "Catatan": "catatan",
    "Anggaran Dokumen": "anggaran_dokumen",
}
_INDICATOR_FIELDS = {
    "Indikator": "uraian",
    "Satuan": "satuan",
    "Catatan Indikator": "catatan",
    "Arah": "arah",
    "Metode Capaian": "metode_capaian",
}


def import_workbook(
    tables: dict[str, Table], tahun: int | None = None, perangkat_daerah: str | None = None
) -> Imported:
    """The layout `pokin export` writes: Matriks (or the CSV's one table) and its companions."""
    data: dict[str, Any] = {"pokin": 1}
    out = Imported(data)
    reader = _Reader(out)
    plan_table = tables.get(SHEET_PLAN)
    outcome_lists: dict[str, Any] = {}
    if plan_table is not None:
        _read_plan_sheet(plan_table, reader, data, outcome_lists)
    if perangkat_daerah is not None:
        data["perangkat_daerah"] = perangkat_daerah
    if tahun is not None:
        data["tahun"] = tahun
    matrix = tables.get("") or tables.get(SHEET_MATRIX)
    if matrix is None:
        any_table = next(iter(tables.values()), None)
        if any_table is not None:
            reader.problem(
                any_table, 0, 0, "X001",
                f"buku kerja ini tidak punya lembar '{SHEET_MATRIX}' (lembar matriks dari "
                "pokin export); untuk lembar lain pakai --columns atau --mapping",
            )  # fmt: skip
        return out
    _read_matrix(matrix, reader, data, data.get("tahun"))
    if isinstance(data.get("outcome"), dict):
        data["outcome"].update(outcome_lists)
    if "dokumen" not in data and "program" in data and "outcome" not in data:
        data["dokumen"] = "renja"  # rows from program down, no Rencana sheet: a Renja
    for name, read in (
        (SHEET_RENSTRA, _read_renstra),
        (SHEET_JABATAN, _read_jabatan),
        (SHEET_CROSSCUTTING, _read_crosscutting),
    ):
        table = tables.get(name)
        if table is not None and len(table.rows) > 1:
            read(table, reader, data)
    return out


def _read_plan_sheet(
    table: Table, reader: _Reader, data: dict[str, Any], outcome: dict[str, Any]
) -> None:
    for r in range(1, len(table.rows)):
        if reader.row_error(table, r, (0, 1, 2)):
            continue
        key = text_of(table.value(r, 0))
        if key is None:
            continue
        values = [table.value(r, c) for c in (1, 2)]
        if key not in PLAN_KEYS:
            reader.problem(
                table, r, 0, "S001",
                f"kunci '{shorten(key, 40)}' tidak dikenal di lembar {SHEET_PLAN}; "
                f"kunci yang dibaca: {', '.join(PLAN_KEYS)}",
            )  # fmt: skip
            continue
        owner_key, _, name = key.rpartition(".")
        if owner_key == "outcome":
            owner = outcome
        else:
            owner = data.setdefault(owner_key, {}) if owner_key else data
        path: Path = (owner_key, name) if owner_key else (name,)
        if name in ("ekspektasi", "mandat", "isu_strategis"):
            items = owner.setdefault(name, [])
            reader.out.cells[(*path, len(items))] = table.cell(r, 1)
            items.append(text_of(values[0]))
            continue
        reader.out.cells[path] = table.cell(r, 1)
        if name == "periode":
            owner[name] = [number_of(v) for v in values]
        elif name in ("pokin", "tahun"):
            owner[name] = number_of(values[0])
        else:
            owner[name] = text_of(values[0])


def _read_matrix(table: Table, reader: _Reader, data: dict[str, Any], tahun: Any) -> None:
    known = {*MATRIX_HEAD, *MATRIX_TAIL, *OPTIONAL_COLUMNS}
    cols = _headers(table, reader, known)
    for required in ("Tingkat", "Kinerja"):
        if required not in cols:
            reader.problem(
                table, 0, 0, "X001",
                f"kolom '{required}' tidak ada di baris judul; matriks tidak dapat dibaca",
            )  # fmt: skip
            return
    if "ID" not in cols:
        reader.problem(
            table, 0, 0, "X001",
            "kolom 'ID' tidak ada di baris judul; tanpa id node tidak dapat dicocokkan",
        )  # fmt: skip
        return
    years: dict[str, dict[int, int]] = {"target": {}, "anggaran": {}}
    for title, col in cols.items():
        kind_year = _year_column(title)
        if kind_year is not None:
            years[kind_year[0]][kind_year[1]] = col
    plan_year = tahun if isinstance(tahun, int) else None
    builder = _TreeBuilder(reader, table, data)
    level_col = cols["Tingkat"]
    pending: _NodeRow | None = None

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            if pending.indicators:
                pending.data["indikator"] = [ind for _, ind, _ in pending.indicators]
            builder.add(pending, level_col)
            pending = None

    for r in range(1, len(table.rows)):
        raw_level = table.value(r, level_col)
        if reader.row_error(table, r, cols.values()):
            flush()
            level = level_of(raw_level)
            if level is not None:
                builder.drop(LEVEL_KEYS.index(level))
            continue
        try:
            indicator = _matrix_indicator(table, r, cols, years["target"], plan_year)
        except _RowError as exc:
            flush()
            reader.problem(table, r, exc.col or 0, exc.code, exc.message)
            if raw_level is not None and level_of(raw_level) is not None:
                builder.drop(LEVEL_KEYS.index(level_of(raw_level) or "outcome"))
            continue
        if raw_level is None:
            if not any(table.value(r, c) is not None for c in cols.values()):
                continue  # an empty row
            if indicator is not None and pending is not None:
                pending.indicators.append((r, *indicator))
                continue
            if indicator is not None and builder.dropped_from is not None:
                continue  # a further indicator of a row left out
            reader.problem(
                table, r, level_col, "X003",
                "baris tanpa Tingkat yang bukan indikator lanjutan dari node di atasnya; "
                "baris ini tidak diimpor",
            )  # fmt: skip
            continue
        flush()
        level = level_of(raw_level)
        if level is None:
            reader.problem(
                table, r, level_col, "S004",
                f"tingkat '{shorten(text_of(raw_level), 30)}' tidak dikenal; pilihan: "
                + ", ".join(lvl.label for lvl in LEVELS),
            )  # fmt: skip
            builder.drop(0)
            builder.dropped_from = None  # rows below are placed on their own
            continue
        try:
            node = _matrix_node(table, r, level, cols, years["anggaran"], plan_year)
        except _RowError as exc:
            reader.problem(table, r, exc.col or 0, exc.code, exc.message)
            builder.drop(LEVEL_KEYS.index(level))
            continue
        if indicator is not None:
            node.indicators.append((r, *indicator))
        pending = node
    flush()


def _matrix_node(
    table: Table, r: int, level: str, cols: dict[str, int], anggaran: dict[int, int],
    plan_year: int | None,
) -> _NodeRow:  # fmt: skip
    data: dict[str, Any] = {}
    cells: dict[str, int] = {}
    for title, key in _MATRIX_FIELDS.items():
        col = cols.get(title)
        value = table.value(r, col) if col is not None else None
        if value is None:
            continue
        assert col is not None
        data[key] = _id(value, col) if key in ("id", "pj", "renstra") else text_of(value)
        cells[key] = col
    level_word = BY_KEY[level].word
    if "id" not in data:
        raise _RowError("S002", cols["ID"], f"{level_word} ini tidak punya id (kolom ID kosong)")
    if "kinerja" not in data:
        raise _RowError("S002", cols["Kinerja"], f"{level_word} '{data['id']}' tidak punya kinerja")
    if BY_KEY[level].money:
        if "nama" not in data:
            raise _RowError(
                "S002",
                cols.get("Nama", cols["ID"]),
                f"{level_word} '{data['id']}' tidak punya nama",
            )
        money: dict[int, int] = {}
        for year, col in sorted(anggaran.items()):
            value = table.value(r, col)
            if value is not None:
                money[year] = _money(value, col)
                cells.setdefault("anggaran", col)
        if money:
            data["anggaran"] = (
                money[plan_year] if plan_year is not None and list(money) == [plan_year] else money
            )
    return _NodeRow(r, level, data, cells, [])


def _matrix_indicator(
    table: Table, r: int, cols: dict[str, int], targets: dict[int, int], plan_year: int | None
) -> tuple[dict[str, Any], dict[str, int]] | None:
    ind: dict[str, Any] = {}
    cells: dict[str, int] = {}
    for title, key in _INDICATOR_FIELDS.items():
        col = cols.get(title)
        value = text_of(table.value(r, col)) if col is not None else None
        if value is not None and col is not None:
            ind[key] = value
            cells[key] = col
    found: dict[int, Any] = {}
    for year, col in sorted(targets.items()):
        value = table.value(r, col)
        if value is not None:
            found[year] = _target(value, col, ind.get("satuan"))
            cells.setdefault("target", col)
    quarters: list[tuple[int, Any]] = []
    for title in TRIWULAN_TITLES:
        col = cols.get(title)
        value = table.value(r, col) if col is not None else None
        if value is not None and col is not None:
            quarters.append((col, _target(value, col, ind.get("satuan"))))
    if quarters:
        if len(quarters) != len(TRIWULAN_TITLES):
            raise _RowError(
                "S004",
                quarters[0][0],
                "target triwulan harus diisi keempatnya (Target TW I sampai TW IV), "
                f"terisi {len(quarters)}",
            )
        ind["target_triwulan"] = [value for _, value in quarters]
        cells["target_triwulan"] = quarters[0][0]
    if not ind and not found:
        return None
    if "uraian" not in ind:
        raise _RowError(
            "S002", cols.get("Indikator", 0), "indikator tanpa uraian (kolom Indikator kosong)"
        )
    if found:
        ind["target"] = (
            found[plan_year] if plan_year is not None and list(found) == [plan_year] else found
        )
    order = ("uraian", "satuan", "target", "target_triwulan", "arah", "metode_capaian", "catatan")
    return {k: ind[k] for k in order if k in ind}, cells


def _read_renstra(table: Table, reader: _Reader, data: dict[str, Any]) -> None:
    titles = {"Jenis", "ID", "Kinerja", "Indikator", "Satuan", "Catatan", "Catatan Indikator"}
    cols = _headers(table, reader, titles)
    targets = {
        kind_year[1]: col
        for title, col in cols.items()
        if (kind_year := _year_column(title)) is not None and kind_year[0] == "target"
    }
    renstra: dict[str, list[dict[str, Any]]] = {}
    current: dict[str, Any] | None = None
    current_path: Path = ()
    for r in range(1, len(table.rows)):
        jenis = text_of(table.value(r, cols.get("Jenis", 0)))
        if reader.row_error(table, r, cols.values()):
            if jenis is not None:
                current = None
            continue
        try:
            indicator = _matrix_indicator(table, r, cols, targets, None)
            if jenis is not None:
                kind = jenis.lower()
                if kind not in ("tujuan", "sasaran"):
                    raise _RowError("S004", cols.get("Jenis", 0), f"jenis '{shorten(jenis, 20)}' "
                                    "tidak dikenal; pilihan: Tujuan, Sasaran")  # fmt: skip
                item: dict[str, Any] = {
                    "id": _id(table.value(r, cols.get("ID", 1)), cols.get("ID", 1))
                }
                kinerja = text_of(table.value(r, cols.get("Kinerja", 2)))
                if kinerja is None:
                    raise _RowError(
                        "S002",
                        cols.get("Kinerja", 2),
                        f"{jenis} '{item['id']}' tidak punya kinerja",
                    )
                item["kinerja"] = kinerja
                catatan = text_of(table.value(r, cols.get("Catatan", -1)))
                items = renstra.setdefault(kind, [])
                current_path = ("renstra", kind, len(items))
                items.append(item)
                reader.out.cells[current_path] = table.cell(r, cols.get("ID", 1))
                current = item
                if catatan is not None:
                    item["catatan"] = catatan
            elif indicator is None:
                continue
        except _RowError as exc:
            reader.problem(table, r, exc.col or 0, exc.code, exc.message)
            if jenis is not None:
                current = None
            continue
        if indicator is not None:
            if current is None:
                continue  # belongs to a row left out
            inds = current.setdefault("indikator", [])
            base = (*current_path, "indikator", len(inds))
            reader.out.cells[base] = table.cell(r, cols.get("Indikator", 3))
            for key, col in indicator[1].items():
                reader.out.cells[(*base, key)] = table.cell(r, col)
            inds.append(indicator[0])
    for item in (i for items in renstra.values() for i in items):
        if "catatan" in item:  # after the indicators, as fmt writes it
            item["catatan"] = item.pop("catatan")
    if renstra:
        data["renstra"] = {k: renstra[k] for k in ("tujuan", "sasaran") if k in renstra}


_PEJABAT_COLS = (("Pejabat", "nama"), ("NIP", "nip"), ("Pangkat", "pangkat"), ("Status", "status"))
_LINK_COLS = (("Ke", "ke"), ("Mitra", "mitra"), ("Peran", "peran"), ("Catatan", "catatan"))
_JABATAN_COLS = ("ID", "Nama", "Eselon", "Atasan", "Pejabat", "NIP", "Pangkat", "Status", "Catatan")


def _read_jabatan(table: Table, reader: _Reader, data: dict[str, Any]) -> None:
    cols = _headers(table, reader, set(_JABATAN_COLS))
    items: list[dict[str, Any]] = []
    for r in range(1, len(table.rows)):
        if reader.row_error(table, r, cols.values()):
            continue
        values = {t: table.value(r, c) for t, c in cols.items()}
        if not any(v is not None for v in values.values()):
            continue
        try:
            jab: dict[str, Any] = {"id": _id(values.get("ID"), cols.get("ID", 0))}
            for title, key in (("Nama", "nama"), ("Eselon", "eselon"), ("Atasan", "atasan")):
                text = text_of(values.get(title))
                if text is not None:
                    jab[key] = text
            pejabat = {
                key: text_of(values.get(title))
                for title, key in _PEJABAT_COLS
                if text_of(values.get(title)) is not None
            }  # fmt: skip
            if pejabat:
                jab["pejabat"] = pejabat
            catatan = text_of(values.get("Catatan"))
            if catatan is not None:
                jab["catatan"] = catatan
        except _RowError as exc:
            reader.problem(table, r, exc.col or 0, exc.code, exc.message)
            continue
        path: Path = ("jabatan", len(items))
        reader.out.cells[path] = table.cell(r, cols.get("ID", 0))
        for title, key in (("Nama", "nama"), ("Eselon", "eselon"), ("Atasan", "atasan")):
            if title in cols:
                reader.out.cells[(*path, key)] = table.cell(r, cols[title])
        if "Pejabat" in cols:
            reader.out.cells[(*path, "pejabat")] = table.cell(r, cols["Pejabat"])
        items.append(jab)
    if items:
        data["jabatan"] = items


def _read_crosscutting(table: Table, reader: _Reader, data: dict[str, Any]) -> None:
    cols = _headers(table, reader, {"ID", "Ke", "Mitra", "Peran", "Catatan"})
    by_id = {node["id"]: node for node in _walk(data) if "id" in node}
    for r in range(1, len(table.rows)):
        if reader.row_error(table, r, cols.values()):
            continue
        node_id = text_of(table.value(r, cols.get("ID", 0)))
        if node_id is None:
            continue
        node = by_id.get(node_id)
        if node is None:
            reader.problem(
                table, r, cols.get("ID", 0), "X003",
                f"node '{shorten(node_id, 40)}' tidak ada di lembar {SHEET_MATRIX}; "
                "crosscutting ini tidak diimpor",
            )  # fmt: skip
            continue
        link = {
            key: text_of(table.value(r, cols[title]))
            for title, key in _LINK_COLS
            if title in cols and text_of(table.value(r, cols[title])) is not None
        }  # fmt: skip
        node.setdefault("crosscutting", []).append(link)


def _walk(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    stack: list[dict[str, Any]] = []
    if isinstance(data.get("outcome"), dict):
        stack.append(data["outcome"])
    for key in ("csf", "program", "kegiatan", "subkegiatan"):
        stack.extend(reversed(data.get(key, [])))
    while stack:
        node = stack.pop()
        yield node
        for key in ("program", "kegiatan", "subkegiatan"):
            stack.extend(reversed(node.get(key, [])))


# ---------------------------------------------------------------- a mapped sheet


#: Fields a mapped column may hold (plan keys; ``tingkat`` is the level).
MAPPED_FIELDS = ("id", "tingkat", "kode", "nama", "kinerja", "indikator", "satuan", "target",
                 "anggaran", "pj", "catatan")  # fmt: skip


@dataclass
class Mapping:
    """Which column holds which field, on which sheet, from which row."""

    columns: dict[str, int]
    sheet: str | None = None
    #: 0-based index of the first data row (row 2 of the sheet by default).
    start: int = 1


def parse_columns(text: str) -> dict[str, int]:
    """``kode=A,nama=B,kinerja=B`` → field → column (a UsageError for anything else)."""
    columns: dict[str, int] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, letters = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in MAPPED_FIELDS:
            raise UsageError(
                f"--columns: '{shorten(part, 30)}' tidak dapat dibaca; tulis FIELD=KOLOM, "
                f"FIELD salah satu dari {', '.join(MAPPED_FIELDS)}, misalnya kode=A,nama=B"
            )
        try:
            columns[key] = column_index(letters)
        except ValueError:
            raise UsageError(
                f"--columns: kolom '{shorten(letters, 10)}' untuk {key} "
                "bukan huruf kolom (A, B, … AA)"
            ) from None
    return columns


def read_mapping_file(path: str) -> Mapping:
    """A mapping file (TOML): ``sheet``, ``start_row`` and a ``[columns]`` table."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except OSError as exc:
        raise UsageError(f"{path} tidak dapat dibaca: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path} bukan TOML yang sah: {exc}") from None
    unknown = set(raw) - {"sheet", "start_row", "columns"}
    if unknown:
        raise UsageError(
            f"{path}: kunci {', '.join(sorted(unknown))} tidak dikenal; "
            "yang dibaca: sheet, start_row, [columns]"
        )
    columns = raw.get("columns")
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise UsageError(
            f'{path}: [columns] harus memetakan field ke huruf kolom, misalnya kode = "A"'
        )
    start = raw.get("start_row", 2)
    if not isinstance(start, int) or start < 1:
        raise UsageError(f"{path}: start_row harus nomor baris (1, 2, …)")
    sheet = raw.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise UsageError(f"{path}: sheet harus nama lembar")
    return Mapping(
        parse_columns(",".join(f"{k}={v}" for k, v in columns.items())), sheet, start - 1
    )


def import_mapped(
    tables: dict[str, Table], mapping: Mapping, tahun: int, perangkat_daerah: str
) -> Imported:
    """One sheet whose columns ``mapping`` names: program / kegiatan / sub kegiatan rows.

    The level of a row is its ``tingkat`` cell, else the shape of its ``kode``;
    a row without an id gets one derived from its nama (or kinerja). The plan
    is a Renja (``dokumen: renja``) when its rows start at program.
    """
    if "kinerja" not in mapping.columns:
        raise UsageError(
            "--columns: kinerja belum dipetakan; petakan kolom pernyataan kinerja, atau kolom "
            "nama yang sama bila sheet tidak punya pernyataan kinerja (misalnya nama=B,kinerja=B)"
        )
    if "tingkat" not in mapping.columns and "kode" not in mapping.columns:
        raise UsageError("--columns: petakan kode (atau tingkat) agar tingkat tiap baris diketahui")
    if mapping.sheet is not None:
        table = tables.get(mapping.sheet)
        if table is None:
            raise UsageError(
                f"lembar '{mapping.sheet}' tidak ada; lembar yang ada: "
                + (", ".join(tables) or "(tidak ada)")
            )
    else:
        table = next(iter(tables.values()))
    data: dict[str, Any] = {"pokin": 1, "perangkat_daerah": perangkat_daerah, "tahun": tahun}
    out = Imported(data)
    reader = _Reader(out)
    builder = _TreeBuilder(reader, table, data)
    cols = mapping.columns
    taken: set[str] = set()
    pending: _NodeRow | None = None
    level_col = cols.get("tingkat", cols.get("kode", 0))

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            if pending.indicators:
                pending.data["indikator"] = [ind for _, ind, _ in pending.indicators]
            builder.add(pending, level_col)
            pending = None

    for r in range(mapping.start, len(table.rows)):
        values = {key: table.value(r, col) for key, col in cols.items()}
        if reader.row_error(table, r, cols.values()):
            flush()
            lvl = level_of(values.get("tingkat")) or level_of_kode(
                text_of(values.get("kode")) or ""
            )
            builder.drop(LEVEL_KEYS.index(lvl) if lvl else 2)
            continue
        if not any(v is not None for v in values.values()):
            continue
        level_text = values.get("tingkat")
        kode = text_of(values.get("kode"))
        try:
            indicator = _mapped_indicator(values, cols)
            if level_text is None and kode is None and values.get("nama") is None:
                if indicator is not None and pending is not None:
                    pending.indicators.append((r, *indicator))
                    continue
                if indicator is not None and builder.dropped_from is not None:
                    continue
                raise _RowError(
                    "X003", level_col,
                    "baris tanpa kode, tingkat dan nama yang bukan indikator lanjutan; "
                    "baris ini tidak diimpor",
                )  # fmt: skip
            flush()
            level = level_of(level_text) if level_text is not None else level_of_kode(kode or "")
            if level is None:
                shown = text_of(level_text) if level_text is not None else kode
                raise _RowError(
                    "S004" if level_text is not None else "X003", level_col,
                    f"tingkat baris ini tidak dapat ditentukan dari '{shorten(shown, 30)}'; "
                    "tulis kode program/kegiatan/sub kegiatan (misalnya 1.06.06.2.01) "
                    "atau petakan kolom tingkat",
                )  # fmt: skip
            node = _mapped_node(values, cols, level, kode, taken)
        except _RowError as exc:
            flush()
            reader.problem(table, r, exc.col if exc.col is not None else 0, exc.code, exc.message)
            lvl = level_of(level_text) if level_text is not None else level_of_kode(kode or "")
            builder.drop(LEVEL_KEYS.index(lvl) if lvl else 2)
            continue
        node.row = r
        if indicator is not None:
            node.indicators.append((r, *indicator))
        pending = node
    flush()
    if "program" in data:  # rows from program down: a Renja
        data["dokumen"] = "renja"
    return out


def _mapped_node(
    values: dict[str, Any], cols: dict[str, int], level: str, kode: str | None,
    taken: set[str],
) -> _NodeRow:  # fmt: skip
    lvl = BY_KEY[level]
    data: dict[str, Any] = {}
    cells: dict[str, int] = {}
    nama = text_of(values.get("nama"))
    kinerja = text_of(values.get("kinerja"))
    if values.get("id") is not None:
        data["id"] = _id(values["id"], cols["id"])
        taken.add(data["id"])
        cells["id"] = cols["id"]
    else:
        source = nama or kinerja
        if source is None:
            raise _RowError(
                "S002", cols.get("nama", cols["kinerja"]), f"{lvl.word} ini tidak punya nama"
            )
        data["id"] = slug(source, taken)
    if kinerja is None:
        raise _RowError("S002", cols["kinerja"], f"{lvl.word} '{data['id']}' tidak punya kinerja")
    data["kinerja"] = kinerja
    cells["kinerja"] = cols["kinerja"]
    if lvl.money:
        if nama is None:
            raise _RowError(
                "S002",
                cols.get("nama", cols["kinerja"]),
                f"{lvl.word} '{data['id']}' tidak punya nama",
            )
        data["nama"] = nama
        cells["nama"] = cols.get("nama", cols["kinerja"])
        if kode is not None:
            data["kode"] = kode
            cells["kode"] = cols["kode"]
        if values.get("anggaran") is not None:
            data["anggaran"] = _money(values["anggaran"], cols["anggaran"])
            cells["anggaran"] = cols["anggaran"]
    for key in ("pj", "catatan"):
        if values.get(key) is not None:
            data[key] = _id(values[key], cols[key]) if key == "pj" else text_of(values[key])
            cells[key] = cols[key]
    return _NodeRow(0, level, data, cells, [])


def _mapped_indicator(
    values: dict[str, Any], cols: dict[str, int]
) -> tuple[dict[str, Any], dict[str, int]] | None:
    uraian = text_of(values.get("indikator"))
    satuan = text_of(values.get("satuan"))
    target = values.get("target")
    if uraian is None and satuan is None and target is None:
        return None
    if uraian is None:
        raise _RowError("S002", cols.get("indikator", cols.get("satuan", 0)),
                        "satuan atau target tanpa indikator (kolom indikator kosong)")  # fmt: skip
    ind: dict[str, Any] = {"uraian": uraian}
    cells = {"uraian": cols["indikator"]}
    if satuan is not None:
        ind["satuan"] = satuan
        cells["satuan"] = cols["satuan"]
    if target is not None:
        ind["target"] = _target(target, cols["target"], satuan)
        cells["target"] = cols["target"]
    return ind, cells


def cell_position(cell: str) -> tuple[int, int]:
    """1-based (row, column) of a cell name (``Matriks!C12`` → (12, 3))."""
    name = cell.rpartition("!")[2]
    match = re.fullmatch(r"([A-Z]+)([0-9]+)", name)
    if match is None:
        return 1, 1
    return int(match.group(2)), column_index(match.group(1)) + 1
