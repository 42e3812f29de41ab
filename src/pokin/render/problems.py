"""Rendering validation reports: human (rich) and JSON."""

from __future__ import annotations

import json
import sys
from itertools import groupby

from pokin.check.result import Report
from pokin.problems import Problem

JSON_FORMAT_VERSION = 1

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}
_SEVERITY_WORD = {"error": "galat", "warning": "peringatan"}


def render_json(report: Report) -> str:
    """Exactly one JSON object: files checked and every problem."""
    return json.dumps(
        {
            "format_version": JSON_FORMAT_VERSION,
            "files": [f.file for f in report.files],
            "problems": [p.as_dict() for p in report.problems],
            # which official list each file's codes were checked against
            "nomenklatur": {
                f.file: f.nomenklatur.as_dict() for f in report.files if f.nomenklatur is not None
            },
        },
        ensure_ascii=False,
        indent=2,
    )


def summary_line(report: Report) -> str:
    """'2 galat, 13 peringatan dalam 1 berkas' or a clean message."""
    errors, warnings = report.count("error"), report.count("warning")
    files = len(report.files)
    if not errors and not warnings:
        return f"Tidak ada masalah dalam {files} berkas."
    return f"{errors} galat, {warnings} peringatan dalam {files} berkas."


def nomenclature_lines(report: Report) -> list[str]:
    """'Nomenklatur: …' for each file whose list was not declared by the plan itself."""
    files = [
        f
        for f in report.files
        if f.nomenklatur is not None
        and not (f.nomenklatur.version_from == "rencana" and f.nomenklatur.jenis_from == "rencana")
        and (f.nomenklatur.jenis_pemda is not None or f.nomenklatur.has_kode)
    ]
    lines = []
    for f in files:
        text = f.nomenklatur.describe() if f.nomenklatur is not None else ""
        lines.append(text[:1].upper() + text[1:] if len(report.files) == 1 else f"{f.file}: {text}")
    return lines


def print_human(report: Report) -> None:
    """Problems grouped by file, each with position, code, node and message.

    Without colour (not a terminal, ``NO_COLOR``) the same text is written
    directly, without loading rich; plan text is shown escaped either way.
    """
    from pokin.render.console import colour_wanted

    if not colour_wanted():
        _print_plain(report)
        return
    from pokin.render.console import console, safe_markup

    escape = safe_markup
    out = console()
    for file, problems in groupby(report.problems, key=lambda p: p.file):
        items = list(problems)
        out.print(f"[bold]{escape(file)}[/bold]")
        for p in items:
            out.print("  " + _line(p, escape))
        out.print()
    for line in nomenclature_lines(report):
        out.print(escape(line))
    errors = report.count("error")
    style = "bold red" if errors else ("yellow" if report.count("warning") else "bold green")
    mark = "✗" if errors else ("!" if report.count("warning") else "✓")
    out.print(f"[{style}]{mark} {summary_line(report)}[/{style}]")


def _print_plain(report: Report) -> None:
    """:func:`print_human` without colour: the same lines as plain text."""
    from pokin.render.console import visible

    write = sys.stdout.write
    for file, problems in groupby(report.problems, key=lambda p: p.file):
        write(f"{visible(file)}\n")
        for p in problems:
            node = f" [{visible(p.node)}]" if p.node else ""
            word = _SEVERITY_WORD[p.severity]
            where = visible(p.where)
            write(f"  {where}: {p.code} {word}{node} {visible(p.message)}\n")
        write("\n")
    for line in nomenclature_lines(report):
        write(f"{visible(line)}\n")
    errors = report.count("error")
    mark = "✗" if errors else ("!" if report.count("warning") else "✓")
    write(f"{mark} {summary_line(report)}\n")


def _line(p: Problem, escape: object) -> str:
    esc = escape  # rich.markup.escape
    assert callable(esc)
    style = _SEVERITY_STYLE[p.severity]
    node = f" [cyan]\\[{esc(p.node)}][/cyan]" if p.node else ""
    return (
        f"{esc(p.where)}: [{style}]{p.code} {_SEVERITY_WORD[p.severity]}"
        f"[/{style}]{node} {esc(p.message)}"
    )
