"""The plan as a workbook (`pokin export`): XlsxWriter for .xlsx, the matrix as CSV.

Sheets, in order: the cascading matrix (outline grouped by level), the budget
roll-up (amounts as numbers in a Rupiah format, every "Jumlah rincian" a
formula over the cells of the node's parts, with pokin's own figure as the
cached result, and every difference highlighted), the Renstra targets per
year, the jabatan, crosscutting links, one sheet per Perjanjian Kinerja and the
plan's header (``Rencana``). Every text cell goes through
:func:`pokin.render.cells.neutralise_cell` and is written as text, never as a
formula.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from pokin.levels import BY_KEY
from pokin.plan import LoadedPlan
from pokin.render.cells import FORMULA_STARTS, neutralise_cell, neutralise_row
from pokin.views.report import IndicatorView
from pokin.views.rollup import BudgetRow, budget_rollup
from pokin.views.sheets import (
    SHEET_BUDGET,
    SHEET_CROSSCUTTING,
    SHEET_JABATAN,
    SHEET_MATRIX,
    SHEET_PLAN,
    SHEET_RENSTRA,
    TRIWULAN_TITLES,
    IndicatorCells,
    Matrix,
    indicator_cells,
    matrix_cells,
    matrix_view,
    plan_rows,
)

#: Excel's number format for whole Rupiah (the reader's locale picks the separators).
RUPIAH_FORMAT = '"Rp "#,##0'
#: The first amount column of the Anggaran sheet (after Tingkat, ID, Kode, Nama).
_MONEY_COL = 4
#: Targets: whole numbers without decimals, fractions as written (up to four places).
TARGET_FORMAT = "#,##0.####"
#: A sum longer than this is written as a SUMIFS over the node's rows instead.
_MAX_FORMULA = 8000
#: Worksheet.write_string / write_number without their cell-name parsing (see _Book).
_WRITE_STRING: Any = None
_WRITE_NUMBER: Any = None
#: First characters that make :func:`neutralise_cell` look at a text.
_FORMULA_FIRST = frozenset(c[0] for c in FORMULA_STARTS)
#: Sheet names: at most 31 characters, none of these.
_SHEET_BAD = str.maketrans({c: "-" for c in "[]:*?/\\"})


def _col(index: int) -> str:
    """The letters of a 0-based column index (0 → A, 27 → AB)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


class _Book:
    """A workbook with pokin's formats, writing every cell as the kind of value it is."""

    def __init__(self) -> None:
        import xlsxwriter

        global _WRITE_STRING, _WRITE_NUMBER
        if _WRITE_STRING is None:
            # XlsxWriter's write methods also accept "A1" cell names, parsed by a
            # decorator on every call; pokin always gives row and column numbers, so
            # it calls the methods the decorator wraps (a tenth of the export's time
            # on a large plan), or the decorated ones where there is no wrapper
            sheet_class = xlsxwriter.worksheet.Worksheet
            _WRITE_STRING = getattr(
                sheet_class.write_string, "__wrapped__", sheet_class.write_string
            )
            _WRITE_NUMBER = getattr(
                sheet_class.write_number, "__wrapped__", sheet_class.write_number
            )
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer, {"in_memory": True, "strings_to_numbers": False}
        )
        book = self.book
        self.head = book.add_format(
            {"bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "text_wrap": True}
        )
        # every cell top-aligned, beside wrapped text: set on the default format
        # (XlsxWriter's documented way to change it), so plain cells carry no style
        book.formats[0].set_align("top")
        self.text = None
        self.wrap = book.add_format({"valign": "top", "text_wrap": True})
        self.rupiah = book.add_format({"num_format": RUPIAH_FORMAT, "valign": "top"})
        self.rupiah_bold = book.add_format(
            {"num_format": RUPIAH_FORMAT, "bold": True, "top": 1, "valign": "top"}
        )
        self.number = book.add_format({"num_format": TARGET_FORMAT, "valign": "top"})
        self.bold = book.add_format({"bold": True, "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.mismatch = book.add_format(
            {"bg_color": "#F8CBAD", "font_color": "#9C0006", "valign": "top", "text_wrap": True}
        )
        self.level = {
            key: book.add_format(
                {"bg_color": lvl.style.fill, "font_color": lvl.style.font, "valign": "top"}
            )
            for key, lvl in BY_KEY.items()
        }
        self.names: set[str] = set()

    def sheet(self, name: str) -> Any:
        """A new worksheet under a valid, unique name."""
        base = name.translate(_SHEET_BAD)[:31]
        unique, n = base, 2
        while unique.lower() in self.names:
            suffix = f" ({n})"
            unique, n = base[: 31 - len(suffix)] + suffix, n + 1
        self.names.add(unique.lower())
        ws = self.book.add_worksheet(unique)
        # printed on A4 landscape, the title row on every page; sheets that fit
        # are scaled to the page width (the matrix repeats Tingkat and ID instead)
        ws.set_paper(9)
        ws.set_landscape()
        if name == SHEET_MATRIX:
            ws.repeat_columns(0, 1)
        else:
            ws.fit_to_pages(1, 0)
        return ws

    def put(self, ws: Any, row: int, col: int, value: object, fmt: Any = None) -> None:
        """One cell: text as neutralised text, numbers as numbers, ``None`` left empty."""
        if value is None:
            return
        kind = type(value)
        if kind is str:
            text = str(value)
            if text:
                if text[0] in _FORMULA_FIRST:
                    text = str(neutralise_cell(text))
                _WRITE_STRING(ws, row, col, text, fmt)
            return
        if kind is int or kind is float:
            _WRITE_NUMBER(ws, row, col, value, fmt if fmt is not None else self.number)
            return
        if isinstance(value, bool):
            value = "ya" if value else "tidak"
        self.put(ws, row, col, str(value), fmt)

    def header(self, ws: Any, titles: list[str], widths: dict[int, int] | None = None) -> None:
        """Row 1: bold titles, frozen, with an autofilter."""
        for col, title in enumerate(titles):
            ws.write_string(0, col, title, self.head)
        ws.freeze_panes(1, 0)
        ws.repeat_rows(0)
        ws.autofilter(0, 0, 0, max(len(titles) - 1, 0))
        for col, width in (widths or {}).items():
            ws.set_column(col, col, width)

    def close(self) -> bytes:
        """The finished .xlsx file."""
        self.book.close()
        return self.buffer.getvalue()


def render_xlsx(plan: LoadedPlan) -> bytes:
    """The whole workbook of ``plan`` as .xlsx bytes."""
    from pokin.views.pk import build_all

    book = _Book()
    matrix = matrix_view(plan)
    _matrix_sheet(book, matrix)
    _budget_sheet(book, plan)
    _renstra_sheet(book, plan)
    _jabatan_sheet(book, plan)
    _crosscutting_sheet(book, plan)
    for pk in build_all(plan):
        _pk_sheet(book, pk)
    _plan_sheet(book, plan)
    return book.close()


def _matrix_sheet(book: _Book, matrix: Matrix) -> None:
    ws = book.sheet(SHEET_MATRIX)
    titles = matrix.header()
    first_target = 7
    first_money = first_target + len(matrix.target_years)
    tail = first_money + len(matrix.anggaran_years)
    widths = {0: 13, 1: 28, 2: 18, 3: 40, 4: 50, 5: 50, 6: 10}
    widths |= {c: 11 for c in range(first_target, first_money)}
    widths |= {c: 17 for c in range(first_money, tail)}
    widths |= {tail: 14, tail + 1: 18, tail + 2: 14, tail + 3: 14, tail + 4: 40, tail + 5: 30}
    extra = tail + 6  # the optional columns: anggaran dokumen, TW I–IV, arah, metode
    widths |= {c: 14 for c in range(extra, len(titles))}
    book.header(ws, titles, widths)
    ws.outline_settings(True, False, True, False)
    formats: list[Any] = [None] * len(titles)
    for c in range(len(titles)):
        if first_money <= c < tail:
            formats[c] = book.rupiah
        elif first_target <= c < first_money:
            formats[c] = book.number
        elif c in (3, 4, 5, tail + 4, tail + 5):  # nama, kinerja, indikator, catatan
            formats[c] = book.wrap
        elif titles[c] in TRIWULAN_TITLES:
            formats[c] = book.number
    put = book.put
    wrapped = [(c, _per_line(widths[c])) for c in range(len(titles)) if formats[c] is book.wrap]
    for r, row in enumerate(matrix.rows, start=1):
        cells = matrix_cells(matrix, row)
        if row.first:
            put(ws, r, 0, cells[0], book.level[row.level])
        for c in range(1, len(cells)):
            value = cells[c]
            if value is not None:
                put(ws, r, c, value, formats[c])
        lines = 1
        for c, per_line in wrapped:
            value = cells[c]
            if value is not None and len(value) > per_line:  # type: ignore[arg-type]
                lines = max(lines, -(-len(value) // per_line))  # type: ignore[arg-type]
        height = _line_height(lines)
        if row.depth or height is not None:
            ws.set_row(r, height, None, {"level": min(row.depth, 7)})


def _budget_sheet(book: _Book, plan: LoadedPlan) -> None:
    """The roll-up: Anggaran (declared), Jumlah rincian (formula), Selisih (formula) per year."""
    rollup = budget_rollup(plan)
    ws = book.sheet(SHEET_BUDGET)
    years = rollup.years
    yearly = len(years) > 1 or years != [rollup.tahun]
    titles = ["Tingkat", "ID", "Kode", "Nama"]
    for year in years:
        suffix = f" {year}" if yearly else ""
        titles += [f"Anggaran{suffix}", f"Jumlah rincian{suffix}", f"Selisih{suffix}"]
    widths = {0: 13, 1: 28, 2: 18, 3: 50}
    widths |= {c: 18 for c in range(_MONEY_COL, len(titles))}
    book.header(ws, titles, widths)
    ws.outline_settings(True, False, True, False)
    line: dict[int, int] = {}  # id(row) -> 0-based sheet row
    for r, row in enumerate(rollup.rows, start=1):
        line[id(row)] = r
    start = min((row.ref.depth for row in rollup.rows), default=0)
    put = book.put
    name_per_line = _per_line(widths[3])
    for row in rollup.rows:
        r = line[id(row)]
        node = row.ref.node
        level = row.ref.level
        put(ws, r, 0, BY_KEY[level].label, book.level[level])
        put(ws, r, 1, node.id, book.text)
        put(ws, r, 2, getattr(node, "kode", None), book.text)
        name_fmt = book.mismatch if row.mismatch else book.wrap
        put(ws, r, 3, getattr(node, "nama", None) or node.kinerja, name_fmt)
        for y, year in enumerate(years):
            col = _MONEY_COL + 3 * y
            declared = row.declared.get(year) if row.declared is not None else None
            book.put(ws, r, col, declared, book.rupiah)
            if row.has_children:
                ws.write_formula(
                    r, col + 1, _sum_formula(row, line, col, r), book.rupiah,
                    row.computed.get(year, 0),
                )  # fmt: skip
                if declared is not None:
                    a, b = f"{_col(col)}{r + 1}", f"{_col(col + 1)}{r + 1}"
                    ws.write_formula(
                        r, col + 2, f"={a}-{b}", book.rupiah, row.difference.get(year, 0)
                    )
        depth = row.ref.depth - start
        name = getattr(node, "nama", None) or node.kinerja
        height = _line_height(-(-len(name) // name_per_line)) if len(name) > name_per_line else None
        if depth or height is not None:
            ws.set_row(r, height, None, {"level": min(depth, 7)})
    last = len(rollup.rows)
    total_row = last + 1
    tops = [row for row in rollup.rows if _is_top_budget(row)]
    ws.write_string(total_row, 3, "Total anggaran (jumlah program)", book.bold)
    for y, year in enumerate(years):
        col = _MONEY_COL + 3 * y
        refs = [_effective_cell(row, line[id(row)], col) for row in tops]
        formula = "=SUM(" + ",".join(refs) + ")" if refs else "=0"
        if len(formula) > _MAX_FORMULA:
            labels = dict.fromkeys(BY_KEY[row.ref.level].label for row in tops)
            formula = "=" + "+".join(_sum_if(label, col, 2, last + 1) for label in labels)

        ws.write_formula(total_row, col + 1, formula, book.rupiah_bold, rollup.total.get(year, 0))
        # a difference anywhere is highlighted, whatever the cell holds now
        ws.conditional_format(
            1, col + 2, last, col + 2,
            {"type": "cell", "criteria": "!=", "value": 0, "format": book.mismatch},
        )  # fmt: skip
    ws.write_string(
        total_row + 2,
        0,
        "Jumlah rincian adalah rumus atas sel rinciannya (anggaran tertulis, atau jumlah "
        "rinciannya bila tidak tertulis); Selisih = Anggaran − Jumlah rincian. Selisih bukan "
        "nol ditandai merah.",
    )


#: Points per line of wrapped text, and characters of a line per unit of column width.
_LINE_HEIGHT = 15
_CHARS_PER_WIDTH = 1.15


def _per_line(width: int) -> int:
    """Characters of wrapped text on one line of a column this wide."""
    return max(int(width * _CHARS_PER_WIDTH), 1)


def _line_height(lines: int) -> float | None:
    """The height of a row of ``lines`` lines (``None``: the default, one line)."""
    return float(min(lines, 27) * _LINE_HEIGHT) if lines > 1 else None


def _height(cells: list[tuple[object, int]]) -> float | None:
    """A row height that shows every wrapped text cell whole (``None``: one line suffices).

    Spreadsheets keep the height a file gives; LibreOffice does not fit rows
    to wrapped text when it opens a file, so pokin sets it from the length of
    the text and the width of its column.
    """
    lines = 1
    for value, width in cells:
        if isinstance(value, str) and len(value) > width:
            per_line = _per_line(width)
            lines = max(lines, -(-len(value) // per_line))
    return _line_height(lines)


def _is_top_budget(row: BudgetRow) -> bool:
    """A budget line whose parent carries no money (a program, or a partial plan's top)."""
    if not BY_KEY[row.ref.level].money:
        return False
    parent = row.ref.parent
    return parent is None or parent.virtual or not BY_KEY[parent.level].money


def _effective_cell(row: BudgetRow, r: int, col: int) -> str:
    """The cell a row counts with in its parent: its Anggaran, else its Jumlah rincian."""
    return f"{_col(col if row.declared is not None else col + 1)}{r + 1}"


def _sum_formula(row: BudgetRow, line: dict[int, int], col: int, r: int) -> str:
    refs = [_effective_cell(child, line[id(child)], col) for child in row.children]
    formula = "=SUM(" + ",".join(refs) + ")"
    if len(formula) <= _MAX_FORMULA:
        return formula
    # thousands of parts: the rows are in file order, so the node's subtree is the
    # rows below it down to its last descendant, and its parts are the rows of
    # their level there
    last = row
    while last.children:
        last = last.children[-1]
    label = BY_KEY[row.children[0].ref.level].label
    return "=" + _sum_if(label, col, r + 2, line[id(last)] + 1)


def _sum_if(label: str, col: int, first: int, last: int) -> str:
    """The effective amounts of the rows of one level in rows ``first..last`` (1-based)."""
    c, d = _col(col), _col(col + 1)
    values, blank = f"{c}{first}:{c}{last}", f"{d}{first}:{d}{last}"
    levels = f"$A{first}:$A{last}"
    return f'SUMIFS({values},{levels},"{label}")+SUMIFS({blank},{levels},"{label}",{values},"")'


def _renstra_sheet(book: _Book, plan: LoadedPlan) -> None:
    tahun = plan.model.tahun
    items = list(plan.renstra_items())
    year_set = {tahun}
    for _, _, item in items:
        for indikator in item.indikator:
            year_set.update(indicator_cells(indikator, tahun).targets)
    ws = book.sheet(SHEET_RENSTRA)
    titles = ["Jenis", "ID", "Kinerja", "Indikator", "Satuan"]
    years = sorted(year_set)
    titles += [f"Target {y}" for y in years] + ["Catatan", "Catatan Indikator"]
    widths = {0: 10, 1: 24, 2: 45, 3: 50, 4: 10} | {c: 11 for c in range(5, 5 + len(years))}
    widths |= {5 + len(years): 50, 6 + len(years): 30}
    book.header(ws, titles, widths)
    r = 1
    for kind, _, item in items:
        cells_list: list[IndicatorCells | None] = [
            indicator_cells(i, tahun) for i in item.indikator
        ] or [None]
        for n, ind in enumerate(cells_list):
            if n == 0:
                book.put(ws, r, 0, "Tujuan" if kind == "tujuan" else "Sasaran", book.bold)
                book.put(ws, r, 1, item.id, book.text)
                book.put(ws, r, 2, item.kinerja, book.wrap)
                book.put(ws, r, 5 + len(years), item.catatan, book.wrap)
            if ind is not None:
                book.put(ws, r, 3, ind.uraian, book.wrap)
                book.put(ws, r, 4, ind.satuan, book.text)
                for c, year in enumerate(years, start=5):
                    book.put(ws, r, c, ind.targets.get(year), book.number)
                book.put(ws, r, 6 + len(years), ind.catatan, book.wrap)
            height = _height(
                [
                    (item.kinerja if n == 0 else None, 45),
                    (ind.uraian if ind else None, 50),
                    (item.catatan if n == 0 else None, 50),
                ]
            )
            if height is not None:
                ws.set_row(r, height)
            r += 1


def _jabatan_sheet(book: _Book, plan: LoadedPlan) -> None:
    ws = book.sheet(SHEET_JABATAN)
    titles = ["ID", "Nama", "Eselon", "Atasan", "Pejabat", "NIP", "Pangkat", "Status", "Catatan"]
    book.header(ws, titles, {0: 20, 1: 45, 2: 14, 3: 20, 4: 30, 5: 22, 6: 20, 7: 11, 8: 30})
    for r, jab in enumerate(plan.model.jabatan, start=1):
        p = jab.pejabat
        status = p.status if p is not None and "status" in p.model_fields_set else None
        cells = [jab.id, jab.nama, jab.eselon_written, jab.atasan]
        cells += [p.nama, p.nip, p.pangkat, status] if p is not None else [None] * 4
        cells.append(jab.catatan)
        for c, value in enumerate(cells):
            book.put(ws, r, c, value, book.text)  # a NIP stays text: 18 digits


def _crosscutting_sheet(book: _Book, plan: LoadedPlan) -> None:
    ws = book.sheet(SHEET_CROSSCUTTING)
    book.header(ws, ["ID", "Ke", "Mitra", "Peran", "Catatan"], {0: 22, 1: 22, 2: 30, 3: 45, 4: 30})
    r = 1
    for ref in plan.nodes:
        for link in ref.node.crosscutting:
            for c, value in enumerate([ref.id, link.ke, link.mitra, link.peran, link.catatan]):
                book.put(ws, r, c, value, book.text)
            r += 1


def _plan_sheet(book: _Book, plan: LoadedPlan) -> None:
    ws = book.sheet(SHEET_PLAN)
    book.header(ws, ["Kunci", "Nilai", "Nilai 2"], {0: 22, 1: 80, 2: 12})
    for r, (key, values) in enumerate(plan_rows(plan), start=1):
        book.put(ws, r, 0, key, book.bold)
        for c, value in enumerate(values, start=1):
            book.put(ws, r, c, value, book.wrap if isinstance(value, str) else None)


def _pk_sheet(book: _Book, pk: Any) -> None:
    from pokin.views.pk import PerjanjianKinerja

    assert isinstance(pk, PerjanjianKinerja)
    ws = book.sheet(f"PK {pk.jabatan.id}")
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 45)
    ws.set_column(2, 2, 50)
    ws.set_column(3, 3, 20)
    ws.set_column(4, 4, 14)
    book.put(ws, 0, 0, f"PERJANJIAN KINERJA TAHUN {pk.tahun}", book.title)
    book.put(ws, 1, 0, pk.perangkat_daerah, book.bold)
    book.put(ws, 2, 0, f"Pihak pertama: {pk.jabatan.nama}")
    if pk.atasan is not None:
        book.put(ws, 3, 0, f"Pihak kedua: {pk.atasan.nama}")
    r = 5
    for c, title in enumerate(["No", "Sasaran", "Indikator", "Target", "Satuan"]):
        ws.write_string(r, c, title, book.head)
    r += 1
    for n, sasaran in enumerate(pk.sasaran, start=1):
        indicators: list[IndicatorView | None] = list(sasaran.indikator) or [None]
        for i, ind in enumerate(indicators):
            if i == 0:
                book.put(ws, r, 0, n, book.text)
                book.put(ws, r, 1, sasaran.kinerja, book.wrap)
            if ind is not None:
                book.put(ws, r, 2, ind.uraian, book.wrap)
                book.put(ws, r, 3, ind.target, book.number)
                book.put(ws, r, 4, ind.satuan, book.text)
            height = _height(
                [(sasaran.kinerja if i == 0 else None, 45), (ind.uraian if ind else None, 50)]
            )
            if height is not None:
                ws.set_row(r, height)
            r += 1
    if pk.show_anggaran and pk.anggaran:
        r += 1
        for c, title in enumerate(["No", "Program / Kegiatan / Sub Kegiatan", "Kode", "Anggaran"]):
            ws.write_string(r, c, title, book.head)
        r += 1
        for n, line in enumerate(pk.anggaran, start=1):
            book.put(ws, r, 0, n, book.text)
            name = "   " * line.depth + (line.node.nama or line.node.kinerja)
            book.put(ws, r, 1, name, book.wrap)
            book.put(ws, r, 2, line.node.kode, book.text)
            book.put(ws, r, 3, line.node.anggaran, book.rupiah)
            height = _height([(name, 45)])
            if height is not None:
                ws.set_row(r, height)
            r += 1
        book.put(ws, r, 1, "Jumlah", book.bold)
        ws.write_number(r, 3, pk.total_anggaran, book.rupiah_bold)


# ---------------------------------------------------------------- CSV


def render_matrix_csv(plan: LoadedPlan) -> bytes:
    """The cascading matrix as CSV: ``;``-separated, UTF-8 with a BOM, as `pokin budget`."""
    from pokin.render.budget import CSV_DELIMITER

    matrix = matrix_view(plan)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(matrix.header())
    for row in matrix.rows:
        cells = ["" if v is None else _csv_number(v) for v in matrix_cells(matrix, row)]
        writer.writerow(neutralise_row(cells))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_number(value: object) -> object:
    """Numbers as an Indonesian spreadsheet reads them: integers plain, a decimal comma."""
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text.replace(".", ",")
    return value
