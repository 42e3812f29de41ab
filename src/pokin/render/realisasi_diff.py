"""Rendering the changes between two realisasi files: text, Markdown, JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pokin.numbers import format_number, format_rupiah
from pokin.views.realisasi_diff import FigureChange, RealisasiChanges


def _shown(change: FigureChange, value: Any) -> str:
    if value is None:
        return "—"
    if change.key == "anggaran" and isinstance(value, int):
        return format_rupiah(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_shown(change, v) for v in value) + "]"
    return str(value)


def _where(change: FigureChange) -> str:
    where = change.key if change.node is None else f"{change.node}: {change.key}"
    if isinstance(change.indikator, int):
        where += f" ke-{change.indikator + 1}"
    elif change.indikator is not None:
        where += f" '{change.indikator}'"
    return where


def _lines(changes: RealisasiChanges) -> list[str]:
    lines = [f"+ {node} (node baru dilaporkan)" for node in changes.added]
    lines += [f"- {node} (tidak dilaporkan lagi)" for node in changes.removed]
    lines += [f"~ {_where(c)}: {_shown(c, c.old)} → {_shown(c, c.new)}" for c in changes.changes]
    return lines


def summary(changes: RealisasiChanges) -> str:
    """One line: how many figures changed."""
    if changes.empty:
        return "Tidak ada angka realisasi yang berubah."
    return (
        f"{len(changes.changes)} angka berubah, {len(changes.added)} node ditambahkan, "
        f"{len(changes.removed)} node dihapus."
    )


def render_text(changes: RealisasiChanges) -> str:
    """Plain lines (plan text made visible for the terminal), then the summary."""
    from pokin.render.console import visible

    head = f"Realisasi {changes.old_file} → {changes.new_file}"
    return visible("\n".join([head, *_lines(changes), summary(changes)]), lines=True)


def render_md(changes: RealisasiChanges) -> str:
    """A Markdown list for a pull request."""
    from pokin.render.console import visible

    def md(text: str) -> str:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")

    lines = [f"**Realisasi** `{changes.old_file}` → `{changes.new_file}`", ""]
    lines += [f"- {md(line)}" for line in _lines(changes)]
    lines += ["", summary(changes)]
    return visible("\n".join(lines), lines=True)


def render_json(changes: RealisasiChanges) -> str:
    """One JSON object: nodes added and removed, and every changed figure."""

    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value

    return json.dumps(
        {
            "format_version": 1,
            "old": changes.old_file,
            "new": changes.new_file,
            "added": changes.added,
            "removed": changes.removed,
            "changes": [
                {
                    "node": c.node,
                    "key": c.key,
                    "indikator": c.indikator,
                    "old": plain(c.old),
                    "new": plain(c.new),
                }
                for c in changes.changes
            ],
        },
        ensure_ascii=False,
        indent=2,
    )
