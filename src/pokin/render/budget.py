"""Rendering budget views: human table, JSON, CSV and Markdown.

Amounts are whole Rupiah. A plan whose amounts are all for its ``tahun``
gets one declared/computed/difference set of columns; a plan with yearly
mappings (pagu indikatif) gets one column (human, Markdown) or one set of
columns (CSV) per year, and per-year objects in JSON.
"""

from __future__ import annotations

import csv
import io
import json
import sys

from pokin.levels import LEVELS
from pokin.numbers import format_percent, format_rupiah
from pokin.views.budget import BudgetView, ViewRow
from pokin.views.rollup import Amounts, BudgetRow

JSON_FORMAT_VERSION = 1
MARK = "≠"
CSV_DELIMITER = ";"

#: Row level → its column label (a CSF row says "CSF", as the budget views always did).
LEVEL_LABEL = {
    **{level.key: level.label for level in LEVELS if level.money},
    "csf": "CSF",
    "jabatan": "Jabatan",
}
VIEW_LABEL = {
    "program": "per program, kegiatan dan sub kegiatan",
    "csf": "per critical success factor (CSF)",
    "jabatan": "per jabatan penanggung jawab",
}
TOTAL_LABEL = "Jumlah anggaran rencana"
_EMPTY = "—"


# ---------------------------------------------------------------- shared


def _signed(amount: int) -> str:
    return ("+" if amount > 0 else "") + format_rupiah(amount)


def caption(view: BudgetView) -> str:
    """'Anggaran <perangkat daerah>, tahun 2025, per program, ...'."""
    model = view.plan.model
    years = f"tahun {view.tahun}" if not view.yearly else f"tahun {view.years[0]}–{view.years[-1]}"
    return f"Anggaran {model.perangkat_daerah}, {years}, {VIEW_LABEL[view.by]}"


def mismatch_lines(view: BudgetView) -> list[str]:
    """One line per disagreeing declared figure: where, both amounts, difference."""
    out: list[str] = []
    for row in view.mismatches:
        where = f"{view.plan.file}:{view.line_of(row)}"
        out.append(f"{where} {row.ref.level} '{row.ref.id}': {_detail(view, row)}")
    return out


def _detail(view: BudgetView, row: BudgetRow) -> str:
    assert row.declared is not None
    parts = []
    for year, diff in row.difference.items():
        if not diff:
            continue
        prefix = f"tahun {year}: " if view.yearly else ""
        parts.append(
            f"{prefix}tertulis {format_rupiah(row.declared.get(year, 0))}, jumlah rincian "
            f"{format_rupiah(row.computed.get(year, 0))}, selisih {_signed(diff)}"
        )
    return "; ".join(parts)


def summary(view: BudgetView) -> str:
    """The closing sentence: all figures match, or how many do not."""
    count = len(view.mismatches)
    if not count:
        return "Semua anggaran tertulis sama dengan jumlah rinciannya."
    return f"{count} anggaran tertulis tidak sama dengan jumlah rinciannya:"


# ---------------------------------------------------------------- JSON


def _year_entry(view: BudgetView, row: ViewRow, year: int) -> dict[str, object]:
    declared = row.declared.get(year) if row.declared is not None else None
    return {
        "declared": declared,
        "computed": row.computed.get(year, 0),
        "difference": row.difference.get(year, 0),
        "share": round(view.share(row, year), 6),
    }


def render_json(view: BudgetView) -> str:
    """``{"format_version": 1, "total": int, "rows": [...]}`` (plan-year figures).

    Yearly plans add ``tahun``, ``years`` and ``totals`` (by year) at the top
    and a ``years`` object per row; the base fields stay the plan year's.
    """
    rows: list[dict[str, object]] = []
    for row in view.rows:
        entry: dict[str, object] = {
            "id": row.id,
            "level": row.level,
            **_year_entry(view, row, view.tahun),
        }
        if view.yearly:
            entry["years"] = {str(y): _year_entry(view, row, y) for y in view.years}
        rows.append(entry)
    doc: dict[str, object] = {
        "format_version": JSON_FORMAT_VERSION,
        "total": view.total.get(view.tahun, 0),
    }
    if view.yearly:
        doc["tahun"] = view.tahun
        doc["years"] = view.years
        doc["totals"] = {str(y): view.total.get(y, 0) for y in view.years}
    doc["rows"] = rows
    return json.dumps(doc, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- CSV


def _percent_cell(share: float) -> str:
    return f"{share * 100:.2f}".replace(".", ",")


def render_csv(view: BudgetView) -> str:
    """UTF-8 CSV with a BOM, ``;``-separated, plain integer amounts, total last.

    The share column is a percentage with a decimal comma, as spreadsheets
    set to Indonesian read it.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    header = ["Tingkat", "ID", "Nama"]
    for year in view.years:
        suffix = f" {year}" if view.yearly else ""
        header += [f"Anggaran tertulis{suffix}", f"Jumlah rincian{suffix}", f"Selisih{suffix}"]
    header.append(f"Porsi {view.tahun} (%)" if view.yearly else "Porsi (%)")
    writer.writerow(header)
    from pokin.render.cells import neutralise_row

    for row in view.rows:
        cells: list[object] = [row.level, row.id, row.name]
        for year in view.years:
            declared = row.declared.get(year) if row.declared is not None else None
            cells += [
                "" if declared is None else declared,
                row.computed.get(year, 0),
                row.difference.get(year, 0),
            ]
        cells.append(_percent_cell(view.share(row, view.tahun)))
        writer.writerow(neutralise_row(cells))
    total: list[object] = ["total", "", TOTAL_LABEL]
    for year in view.years:
        total += ["", view.total.get(year, 0), 0]
    total.append(_percent_cell(1.0 if view.total.get(view.tahun) else 0.0))
    writer.writerow(total)
    return "\ufeff" + buf.getvalue()


# ---------------------------------------------------------------- cells (human, Markdown)


def _amount(amounts: Amounts | None, year: int) -> str:
    if amounts is None or year not in amounts:
        return _EMPTY
    return format_rupiah(amounts[year])


def _cells(view: BudgetView, row: ViewRow) -> list[str]:
    """The amount cells of a row, formatted."""
    if view.yearly:
        return [
            (MARK + " " if row.difference.get(y) else "") + _amount(row.effective, y)
            for y in view.years
        ] + [format_percent(view.share(row))]
    year = view.tahun
    diff = row.difference.get(year, 0)
    return [
        _amount(row.declared, year),
        "" if row.is_line else _amount(row.computed, year),
        (MARK + " " + _signed(diff)) if diff else "",
        format_percent(view.share(row)),
    ]


def _total_cells(view: BudgetView) -> list[str]:
    share = format_percent(1.0 if view.total.get(view.tahun) else 0.0)
    if view.yearly:
        return [format_rupiah(view.total.get(y, 0)) for y in view.years] + [share]
    return ["", format_rupiah(view.total.get(view.tahun, 0)), "", share]


def _amount_headers(view: BudgetView) -> list[str]:
    if view.yearly:
        return [str(y) for y in view.years] + [f"Porsi {view.tahun}"]
    return ["Anggaran tertulis", "Jumlah rincian", "Selisih", "Porsi"]


# ---------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # no raw HTML
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def render_md(view: BudgetView) -> str:
    """A GitHub pipe table (``|`` escaped), plan total last, then the mismatches."""
    headers = ["", "Tingkat", "ID", "Nama", *_amount_headers(view)]
    lines = [
        caption(view) + ".",
        "",
        "| " + " | ".join(headers) + " |",
        "|" + "|".join([":-:", "---", "---", "---"] + ["--:"] * (len(headers) - 4)) + "|",
    ]
    for row in view.rows:
        ident = "\u00a0\u00a0" * row.indent + row.id
        cells = [
            MARK if row.mismatch else "",
            LEVEL_LABEL.get(row.level, row.level),
            ident,
            row.name,
            *_cells(view, row),
        ]
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    total = [
        "",
        "**Total**",
        "",
        f"**{TOTAL_LABEL}**",
        *(f"**{c}**" if c else "" for c in _total_cells(view)),
    ]
    lines.append("| " + " | ".join(_md(c) for c in total) + " |")
    lines += ["", ("✓ " if not view.mismatches else MARK + " ") + summary(view)]
    if view.mismatches:
        lines.append("")
        lines += [f"- {_md(line)}" for line in mismatch_lines(view)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- human

_NAME = 3  # the name column
_NAME_WIDTH = 72  # names wrap at this width when not writing to a terminal
_NAME_MIN = 24


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def print_human(view: BudgetView) -> None:
    """The budget as an aligned table (rich styles), plan total last.

    Rows are laid out here rather than with ``rich.table.Table``, which takes
    seconds on a plan of thousands of nodes; rows whose declared figure
    differs from its parts are red and marked ``≠``.
    """
    from rich.text import Text

    from pokin.render.console import console

    out = console()
    headers = ["", "Tingkat", "ID", "Nama", *_amount_headers(view)]
    body: list[tuple[list[str], str | None]] = []
    for row in view.rows:
        cells = [
            MARK if row.mismatch else "",
            LEVEL_LABEL.get(row.level, row.level),
            "  " * row.indent + row.id,
            row.name,
            *_cells(view, row),
        ]
        body.append((cells, "bold red" if row.mismatch else None))
    total = ["", "Total", "", TOTAL_LABEL, *_total_cells(view)]
    widths = [
        max(len(h), *(len(c[i]) for c, _ in body), len(total[i])) for i, h in enumerate(headers)
    ]
    others = sum(w for i, w in enumerate(widths) if i != _NAME) + 2 * (len(widths) - 1)
    room = out.width - others if out.is_terminal else _NAME_WIDTH
    widths[_NAME] = min(widths[_NAME], max(room, _NAME_MIN))

    def lines(cells: list[str]) -> str:
        """One table row; a long name wraps onto continuation lines."""
        name = cells[_NAME]
        wrapped = [name] if len(name) <= widths[_NAME] else _wrap(name, widths[_NAME])
        out_lines = []
        for n, part in enumerate(wrapped):
            row = cells if n == 0 else [""] * len(cells)
            parts = []
            for i, width in enumerate(widths):
                cell = part if i == _NAME else row[i]
                parts.append(cell.rjust(width) if i > _NAME else cell.ljust(width))
            out_lines.append("  ".join(parts).rstrip() + "\n")
        return "".join(out_lines)

    pieces: list[tuple[str, str | None]] = [
        (caption(view) + "\n\n", "bold"),
        (lines(headers), "bold"),
    ]
    rule = "─" * (sum(widths) + 2 * (len(widths) - 1)) + "\n"
    pieces.append((rule, "dim"))
    pieces.extend((lines(cells), style) for cells, style in body)
    pieces += [(rule, "dim"), (lines(total), "bold"), ("\n", None)]
    if view.mismatches:
        pieces.append((f"{MARK} {summary(view)}\n", "bold red"))
        pieces.extend((f"  {item}\n", "red") for item in mismatch_lines(view))
    else:
        pieces.append((f"✓ {summary(view)}\n", "bold green"))
    from pokin.render.console import visible

    # plan text never reaches the terminal raw (ESC, CSI, OSC, bidi overrides)
    pieces = [(visible(piece, lines=True), style) for piece, style in pieces]
    if not (out.is_terminal and out.color_system):
        # no styles would show: skip rich's per-segment work (10,000 rows)
        sys.stdout.write("".join(piece for piece, _ in pieces))
        return
    text = Text()
    for piece, style in pieces:
        text.append(piece, style=style)
    out.print(text, end="")


def csv_bytes(view: BudgetView) -> bytes:
    """The CSV view as UTF-8 bytes (with its BOM), for standard output or a file."""
    return render_csv(view).encode("utf-8")
