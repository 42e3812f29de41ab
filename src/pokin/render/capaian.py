"""Rendering a capaian view: a table for the terminal, JSON, CSV and Markdown.

Percentages are rounded half up to two decimals; Rupiah are whole. Text from
the plan reaches a terminal only through :func:`pokin.render.console.visible`
and a spreadsheet only through :func:`pokin.render.cells.neutralise_row`.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from typing import Any

from pokin.levels import BY_KEY
from pokin.numbers import format_number, format_rupiah
from pokin.problems import shorten
from pokin.views.capaian import (
    CapaianView,
    IndicatorRow,
    JabatanRow,
    NodeRow,
    grade_of,
    rounded,
)

JSON_FORMAT_VERSION = 1
_EMPTY = "—"
CSV_DELIMITER = ";"


def percent_text(value: float | None) -> str:
    """``77.142…`` → ``77,14%``; ``—`` when undefined."""
    if value is None:
        return _EMPTY
    shown = rounded(value)
    assert shown is not None
    return format_number(shown, 2) + "%"


def _number(value: float | int | None, satuan: str | None = None) -> str:
    shown = grade_of(value, satuan)
    if isinstance(shown, str):
        return shown
    return _EMPTY if shown is None else format_number(shown)


def _rupiah(value: int | None) -> str:
    return _EMPTY if value is None else format_rupiah(value, prefix=False)


def caption(view: CapaianView) -> str:
    """One line saying whose capaian, as of which period and data date (``8 Juli 2025``)."""
    from pokin.source.realisasi import PERIODE_LABEL

    model = view.plan.model
    latest = view.latest
    day = latest.model.tanggal if latest is not None else None
    when = f", data per {day.day} {PERIODE_LABEL[f'b{day.month:02d}']} {day.year}" if day else ""
    return f"Capaian kinerja {model.perangkat_daerah} sampai {view.label}{when}"


def _name(row: NodeRow) -> str:
    return str(getattr(row.ref.node, "nama", None) or row.ref.node.kinerja)


# ---------------------------------------------------------------- JSON


def _indicator_json(item: IndicatorRow) -> dict[str, Any]:
    return {
        "uraian": item.indikator.uraian,
        "satuan": item.indikator.satuan,
        "arah": item.arah,
        "metode_capaian": item.metode,
        "target": grade_of(item.target, item.indikator.satuan),
        "target_tahun": grade_of(item.target_tahun, item.indikator.satuan),
        "realisasi": grade_of(item.realisasi, item.indikator.satuan),
        "capaian": rounded(item.capaian),
        "keterangan": item.reason if item.realisasi is not None else None,
        "capaian_tertulis": item.tertulis,
    }


def _node_json(row: NodeRow) -> dict[str, Any]:
    entry = row.entry
    return {
        "id": row.ref.id,
        "tingkat": row.ref.level,
        "nama": getattr(row.ref.node, "nama", None),
        "kinerja": row.ref.node.kinerja,
        "pj": row.ref.node.pj,
        "periode": row.periode,
        "indikator": [_indicator_json(item) for item in row.indicators],
        "capaian": rounded(row.capaian),
        "anggaran": row.anggaran,
        "realisasi_anggaran": row.realisasi_anggaran,
        "serapan": rounded(row.serapan),
        "efisiensi": rounded(row.efisiensi),
        "faktor_pendukung": entry.faktor_pendukung if entry else None,
        "faktor_penghambat": entry.faktor_penghambat if entry else None,
    }


def _jabatan_json(group: JabatanRow) -> dict[str, Any]:
    jab = group.jabatan
    return {
        "id": jab.id,
        "nama": jab.nama,
        "eselon": jab.eselon,
        "node": [row.ref.id for row in group.rows],
        "capaian": rounded(group.capaian),
        "anggaran": group.anggaran,
        "realisasi_anggaran": group.realisasi_anggaran,
        "serapan": rounded(group.serapan),
    }


_NODES = "\x00node\x00"


def render_json(view: CapaianView, by: str = "node") -> str:
    """Exactly one JSON object: the period, then every node (and jabatan with ``by``).

    Each node is written on one line (the C encoder; an indented encoding of
    a 10,000-node plan takes three times as long).
    """
    data: dict[str, Any] = {
        "format_version": JSON_FORMAT_VERSION,
        "rencana": view.plan.file,
        "tahun": view.plan.model.tahun,
        "periode": view.periode,
        "periode_label": view.label,
        "tanggal": view.tanggal,
        "realisasi": [f.file for f in view.files],
        "node": _NODES,
    }
    if by == "jabatan":
        data["jabatan"] = [_jabatan_json(group) for group in view.by_jabatan()]
    nodes = ",\n    ".join(json.dumps(_node_json(row), ensure_ascii=False) for row in view.rows)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace(json.dumps(_NODES), f"[\n    {nodes}\n  ]" if nodes else "[]", 1)


# ---------------------------------------------------------------- rows of text

HEADERS = [
    "Tingkat",
    "ID",
    "Indikator",
    "Target",
    "Realisasi",
    "Capaian",
    "Anggaran",
    "Realisasi anggaran",
    "Serapan",
    "Efisiensi",
]


def _text_rows(rows: list[NodeRow], width: int | None) -> list[list[str]]:
    """One line per indicator; the node's money on its first line."""
    lines: list[list[str]] = []
    for row in rows:
        money = [
            _rupiah(row.anggaran),
            _rupiah(row.realisasi_anggaran),
            percent_text(row.serapan),
            percent_text(row.efisiensi),
        ]
        items: list[IndicatorRow | None] = [*row.indicators] or [None]
        for n, item in enumerate(items):
            head = [BY_KEY[row.ref.level].label, row.ref.id] if n == 0 else ["", ""]
            if item is None:
                cells = ["(tanpa indikator)", _EMPTY, _EMPTY, _EMPTY]
            else:
                uraian = item.indikator.uraian
                capaian = percent_text(item.capaian)
                if item.capaian is None and item.realisasi is not None and item.reason:
                    capaian = f"{_EMPTY} ({item.reason})"
                cells = [
                    shorten(uraian, width) if width else uraian,
                    _number(item.target, item.indikator.satuan),
                    _number(item.realisasi, item.indikator.satuan),
                    capaian,
                ]
            lines.append(head + cells + (money if n == 0 else ["", "", "", ""]))
    return lines


def _jabatan_line(group: JabatanRow) -> str:
    jab = group.jabatan
    return (
        f"{jab.nama} ({jab.id}, eselon {jab.eselon_written}): capaian rata-rata "
        f"{percent_text(group.capaian)}, anggaran {_rupiah(group.anggaran)}, realisasi "
        f"{_rupiah(group.realisasi_anggaran)}, serapan {percent_text(group.serapan)}"
    )


# ---------------------------------------------------------------- table (terminal)


def _aligned(lines: list[list[str]]) -> str:
    widths = [max(len(line[i]) for line in [HEADERS, *lines]) for i in range(len(HEADERS))]
    out = []
    for line in [HEADERS, ["─" * w for w in widths], *lines]:
        parts = [
            cell.rjust(widths[i]) if i >= 3 else cell.ljust(widths[i])
            for i, cell in enumerate(line)
        ]
        out.append("  ".join(parts).rstrip())
    return "\n".join(out) + "\n"


def render_table(view: CapaianView, by: str = "node") -> str:
    """An aligned plain-text table (indicator text shortened), one block per jabatan with ``by``."""
    from pokin.render.console import visible

    parts = [caption(view) + "\n"]
    if by == "jabatan":
        for group in view.by_jabatan():
            parts.append("\n" + _jabatan_line(group) + "\n")
            parts.append(_aligned(_text_rows(group.rows, 50)))
    else:
        parts.append("\n" + _aligned(_text_rows(view.rows, 50)))
    parts.append(_footer(view))
    return visible("".join(parts), lines=True)


def _footer(view: CapaianView) -> str:
    if not view.files:
        return "\nBelum ada berkas realisasi.\n"
    names = ", ".join(f.file for f in view.files)
    return (
        f"\nSumber: {names}. Capaian = realisasi ÷ target × 100 (arah turun: (2 × target − "
        "realisasi) ÷ target × 100); serapan = realisasi anggaran ÷ anggaran × 100; "
        "efisiensi = capaian − serapan.\n"
    )


def print_table(view: CapaianView, by: str = "node") -> None:
    """Write the table to standard output."""
    sys.stdout.write(render_table(view, by))


# ---------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    from pokin.render.markdown import md_text

    return md_text(text)


def _md_table(rows: list[NodeRow]) -> list[str]:
    lines = [
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join(["---"] * 3 + ["--:"] * (len(HEADERS) - 3)) + "|",
    ]
    lines += ["| " + " | ".join(_md(c) for c in line) + " |" for line in _text_rows(rows, None)]
    return lines


def render_md(view: CapaianView, by: str = "node") -> str:
    """GitHub pipe tables (``|`` escaped), one per jabatan with ``by``."""
    lines = [_md(caption(view)) + ".", ""]
    if by == "jabatan":
        for group in view.by_jabatan():
            lines += [f"### {_md(_jabatan_line(group))}", ""]
            lines += [*_md_table(group.rows), ""]
    else:
        lines += [*_md_table(view.rows), ""]
    lines.append(_md(_footer(view).strip()))
    from pokin.render.console import visible

    return visible("\n".join(lines) + "\n", lines=True)


# ---------------------------------------------------------------- CSV


def _csv_percent(value: float | None) -> str:
    shown = rounded(value)
    return "" if shown is None else f"{shown:.2f}".replace(".", ",")


def _csv_number(value: float | int | None, satuan: str | None = None) -> str:
    shown = grade_of(value, satuan)
    return "" if shown is None else str(shown).replace(".", ",")


def render_csv(view: CapaianView, by: str = "node") -> bytes:
    """UTF-8 CSV with a BOM, ``;``-separated, one row per indicator, decimal commas."""
    from pokin.render.cells import neutralise_row
    from pokin.render.console import visible

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    header = [
        "Tingkat",
        "ID",
        "Jabatan",
        "Indikator",
        "Satuan",
        "Arah",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Keterangan",
        "Anggaran",
        "Realisasi anggaran",
        "Serapan (%)",
        "Efisiensi",
        "Periode",
    ]
    writer.writerow(header)
    for row in view.rows:
        items: list[IndicatorRow | None] = [*row.indicators] or [None]
        for item in items:
            cells: list[object] = [row.ref.level, row.ref.id, row.ref.node.pj or ""]
            if item is None:
                cells += ["", "", "", "", "", "", ""]
            else:
                cells += [
                    item.indikator.uraian,
                    item.indikator.satuan or "",
                    item.arah,
                    _csv_number(item.target, item.indikator.satuan),
                    _csv_number(item.realisasi, item.indikator.satuan),
                    _csv_percent(item.capaian),
                    (item.reason or "") if item.realisasi is not None else "",
                ]
            cells += [
                "" if row.anggaran is None else row.anggaran,
                "" if row.realisasi_anggaran is None else row.realisasi_anggaran,
                _csv_percent(row.serapan),
                _csv_percent(row.efisiensi),
                row.periode or "",
            ]
            shown = [visible(c) if isinstance(c, str) else c for c in cells]
            writer.writerow(neutralise_row(shown))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# ---------------------------------------------------------------- a workspace


def _plan_name(view: CapaianView) -> str:
    model = view.plan.model
    return f"{model.kode_pd or view.plan.file} — {model.perangkat_daerah}"


def workspace_table(views: list[CapaianView], by: str = "node") -> str:
    """One table per plan, under its kode_pd."""
    return "\n".join(f"=== {_plan_name(v)}\n{render_table(v, by)}" for v in views)


def workspace_md(views: list[CapaianView], by: str = "node") -> str:
    """One section per plan, under its kode_pd."""
    from pokin.render.console import visible

    return "\n".join(f"## {visible(_md(_plan_name(v)))}\n\n{render_md(v, by)}" for v in views)


def workspace_json(views: list[CapaianView], by: str = "node") -> str:
    """One JSON object: ``{"format_version": 1, "plans": [...]}``, each as a plan's JSON."""
    plans = ",\n".join(render_json(v, by) for v in views)
    return f'{{"format_version": {JSON_FORMAT_VERSION}, "plans": [\n{plans}\n]}}'


def workspace_csv(views: list[CapaianView], by: str = "node") -> bytes:
    """One CSV for the pemda: each plan's rows, after a ``Rencana`` column (kode_pd)."""
    from pokin.render.cells import neutralise_row

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for n, view in enumerate(views):
        text = render_csv(view, by).decode("utf-8").lstrip("\ufeff")
        rows = list(csv.reader(io.StringIO(text), delimiter=CSV_DELIMITER))
        name = view.plan.model.kode_pd or view.plan.file
        for i, row in enumerate(rows):
            if i == 0 and n > 0:
                continue  # one header
            writer.writerow(neutralise_row(["Rencana" if i == 0 else name, *row]))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


#: The renderers of a workspace's capaian, by format name.
WORKSPACE_RENDERERS: dict[str, Callable[[list[CapaianView], str], str | bytes]] = {
    "table": workspace_table,
    "md": workspace_md,
    "json": workspace_json,
    "csv": workspace_csv,
}
