"""Rendering plan differences: human (rich), Markdown and JSON.

Every line carries a marker that reads without colour: ``+`` added, ``-``
removed, ``~`` changed, ``→`` moved. Word-level differences are written as
``[-removed-]{+added+}`` (as ``git diff --word-diff=plain``), coloured on a
terminal.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from pokin.levels import LEVEL_WORD
from pokin.numbers import format_number, format_percent, format_rupiah
from pokin.views.diff import BudgetLine, Change, Changes, Mismatch, WordDiff

if TYPE_CHECKING:
    from pokin.render.fmt import FormatReport

JSON_FORMAT_VERSION = 1

MARK = {"added": "+", "removed": "-", "changed": "~", "moved": "→"}
_STYLE = {"added": "green", "removed": "red", "changed": "yellow", "moved": "cyan"}
_LEVEL_WORD = {
    **LEVEL_WORD,
    "jabatan": "jabatan",
    "renstra.tujuan": "tujuan Renstra",
    "renstra.sasaran": "sasaran Renstra",
    "rpjmd": "RPJMD",
}
_FIELD_WORD = {
    "parent": "induk",
    "urutan": "urutan turunan",
    "indikator.uraian": "uraian indikator",
    "indikator.satuan": "satuan",
    "indikator.target": "target",
    "indikator.catatan": "catatan indikator",
}


# ----------------------------------------------------------------------- json


def render_json(changes: Changes, header: str | None = None) -> str:
    """One JSON object: ``format_version``, files, every change and the summary.

    ``header`` (git's external diff) is not needed: the JSON names both files.
    """
    return json.dumps(
        {
            "format_version": JSON_FORMAT_VERSION,
            "old": changes.old_file,
            "new": changes.new_file,
            "changes": [c.as_dict() for c in changes.changes],
            "summary": changes.as_dict(),
        },
        ensure_ascii=False,
        indent=2,
    )


# -------------------------------------------------------------------- summary


def summary_line(changes: Changes) -> str:
    """'2 ditambah, 5 diubah, 1 dipindah, 1 dihapus; anggaran Rp X → Rp Y (+Z)'."""
    if changes.empty:
        return "Tidak ada perubahan."
    n = changes.counts()
    counts = (
        f"{n['added']} ditambah, {n['changed']} diubah, "
        f"{n['moved']} dipindah, {n['removed']} dihapus"
    )
    return f"{counts}; anggaran {_money_change(changes.old_total, changes.new_total)}"


def _money_change(old: int | None, new: int | None) -> str:
    if old is None:
        return f"(baru) {format_rupiah(new or 0)}"
    if new is None:
        return f"{format_rupiah(old)} → (dihapus)"
    delta = new - old
    if not delta:
        return f"{format_rupiah(new)} (tetap)"
    return f"{format_rupiah(old)} → {format_rupiah(new)} ({_signed_rupiah(delta)})"


def _signed_rupiah(delta: int) -> str:
    return ("+" if delta > 0 else "") + format_rupiah(delta)


def _value(value: Any) -> str:
    if value is None:
        return "(kosong)"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    return f'"{value}"'


def _subject(c: Change) -> str:
    level = _LEVEL_WORD.get(c.level or "", c.level or "")
    if c.scope == "plan":
        return "rencana"
    return f"{level} {c.id}"


def describe(c: Change, words: str | None = None) -> str:
    """One change as plain Indonesian text, without its marker."""
    subject = _subject(c)
    label = f' "{c.label}"' if c.label and c.kind in ("added", "removed") else ""
    if c.kind in ("added", "removed") and c.field is None:
        verb = "ditambahkan" if c.kind == "added" else "dihapus"
        where = f" di bawah {c.parent}" if c.parent else ""
        money = f" (anggaran {format_rupiah(c.anggaran)})" if c.anggaran else ""
        return f"{subject}{label} {verb}{where}{money}"
    if c.kind == "moved":
        return f"{subject} dipindah: {c.old or '(akar)'} → {c.new or '(akar)'}"
    field = _FIELD_WORD.get(c.field or "", c.field or "")
    if c.field == "indikator":
        verb = "ditambahkan" if c.kind == "added" else "dihapus"
        return f'{subject}: indikator "{c.indikator}" {verb}'
    if c.kind in ("added", "removed"):  # an item of ekspektasi / mandat / isu_strategis
        verb = "ditambahkan" if c.kind == "added" else "dihapus"
        return f"{subject}: {field} {verb}: {_value(c.new if c.kind == 'added' else c.old)}"
    where = f'indikator "{c.indikator}": ' if c.indikator and c.field != "indikator.uraian" else ""
    year = f" {c.year}" if c.year is not None else ""
    if c.field == "anggaran":
        pct = (
            f", {'+' if (c.percent or 0) > 0 else ''}{format_percent(c.percent)}"
            if c.percent
            else ""
        )
        delta = c.delta or 0
        return (
            f"{subject}: anggaran{year} {_rupiah_or_empty(c.old)} → "
            f"{_rupiah_or_empty(c.new)} ({_signed_rupiah(delta)}{pct})"
        )
    if words is not None:
        return f"{subject}: {where}{field}: {words}"
    return f"{subject}: {where}{field}{year} {_value(c.old)} → {_value(c.new)}"


def _rupiah_or_empty(value: Any) -> str:
    return "(kosong)" if value is None else format_rupiah(int(value))


def _budget_line_text(line: BudgetLine) -> str:
    text = f"{_LEVEL_WORD[line.level]} {line.id}: {_money_change(line.old, line.new)}"
    parts_changed = line.old_sum != line.new_sum
    declared_differs = (line.old_sum, line.new_sum) != (line.old, line.new)
    if parts_changed and declared_differs and line.old is not None and line.new is not None:
        text += f"; jumlah rinciannya {_money_change(line.old_sum, line.new_sum)}"
    return text


def mismatch_text(m: Mismatch) -> str:
    """A budget mismatch the change introduces or resolves."""
    level = _LEVEL_WORD.get(m.level, m.level)
    if m.resolved:
        return (
            f"{level} {m.id}: anggaran tertulis kini sama dengan jumlah rinciannya "
            f"(sebelumnya {format_rupiah(m.declared)} lawan {format_rupiah(m.computed)})"
        )
    return (
        f"{level} {m.id}: anggaran tertulis {format_rupiah(m.declared)}, jumlah rinciannya "
        f"{format_rupiah(m.computed)} (selisih {format_rupiah(m.difference)})"
    )


# ---------------------------------------------------------------------- human


def print_human(changes: Changes, header: str | None = None) -> None:
    """The changes for a terminal, marked ``+ ~ - →``, with budget and summary."""
    from pokin.render.console import console, safe_markup

    escape = safe_markup
    out = console()
    title = header or f"{changes.old_file} → {changes.new_file}"
    out.print(f"[bold]pokin diff {escape(title)}[/bold]")
    if changes.empty:
        out.print("[green]Tidak ada perubahan.[/green]")
        return
    out.print()
    for c in changes.changes:
        style = _STYLE[c.kind]
        if c.words:
            body = _around_words(c, escape, _rich_words(c.words, escape))
        else:
            body = escape(describe(c, None))
        out.print(f"[{style}]{MARK[c.kind]}[/{style}] {body}")
    _print_budget(out, changes, escape)
    out.print()
    out.print(f"[bold]{escape(summary_line(changes))}[/bold]")


#: Stands for the word diff while the rest of a change's text is escaped.
_WORDS_SLOT = "\ue000pokin-words\ue000"


def _around_words(c: Change, escape: Any, words: str) -> str:
    """The change's text escaped with ``escape``, the (already escaped) word diff inside."""
    before, _, after = describe(c, _WORDS_SLOT).partition(_WORDS_SLOT)
    return f"{escape(before)}{words}{escape(after)}"


def _rich_words(words: WordDiff, escape: Any) -> str:
    parts = []
    for op, text in words:
        if op == "=":
            parts.append(escape(text))
        elif op == "-":
            parts.append(f"[red strike]\\[-{escape(text)}-][/red strike]")
        else:
            parts.append(f"[green]{{+{escape(text)}+}}[/green]")
    return " ".join(p for p in parts if p)


def _print_budget(out: Any, changes: Changes, escape: Any) -> None:
    lines = changes.csf_budget + changes.program_budget
    if not lines:
        _print_mismatches(out, changes, escape)
        return
    out.print()
    out.print(f"[bold]Perubahan anggaran {changes.tahun or ''}:[/bold]")
    for line in lines:
        mark = "+" if line.old is None else ("-" if line.new is None else "~")
        style = {"+": "green", "-": "red", "~": "yellow"}[mark]
        out.print(f"  [{style}]{mark}[/{style}] {escape(_budget_line_text(line))}")
    _print_mismatches(out, changes, escape)


def _print_mismatches(out: Any, changes: Changes, escape: Any) -> None:
    if not changes.mismatches:
        return
    out.print()
    out.print("[bold]Anggaran yang tidak sama dengan jumlah rinciannya:[/bold]")
    for m in changes.mismatches:
        mark, style = ("✓", "green") if m.resolved else ("!", "red")
        out.print(f"  [{style}]{mark}[/{style}] {escape(mismatch_text(m))}")


def plain_words(words: WordDiff) -> str:
    """A word diff as ``same [-removed-]{+added+}`` text."""
    parts = []
    for op, text in words:
        if op == "=":
            parts.append(text)
        elif op == "-":
            parts.append(f"[-{text}-]")
        else:
            parts.append(f"{{+{text}+}}")
    return " ".join(p for p in parts if p)


def plain_text(changes: Changes, header: str | None = None) -> str:
    """The human output without colour (for git's external diff and tests)."""
    from pokin.render.console import visible

    lines = [f"pokin diff {header or f'{changes.old_file} → {changes.new_file}'}"]
    if changes.empty:
        lines.append("Tidak ada perubahan.")
        return "\n".join(lines) + "\n"
    lines.append("")
    for c in changes.changes:
        words = plain_words(c.words) if c.words else None
        lines.append(f"{MARK[c.kind]} {describe(c, words)}")
    budget = changes.csf_budget + changes.program_budget
    if budget:
        lines += ["", f"Perubahan anggaran {changes.tahun or ''}:"]
        for line in budget:
            mark = "+" if line.old is None else ("-" if line.new is None else "~")
            lines.append(f"  {mark} {_budget_line_text(line)}")
    if changes.mismatches:
        lines += ["", "Anggaran yang tidak sama dengan jumlah rinciannya:"]
        lines += [f"  {'✓' if m.resolved else '!'} {mismatch_text(m)}" for m in changes.mismatches]
    lines += ["", summary_line(changes)]
    # plan text never reaches the terminal raw (git shows this output as it is)
    return "\n".join(visible(line) for line in lines) + "\n"


# ------------------------------------------------------------------- markdown


def render_markdown(changes: Changes, header: str | None = None) -> str:
    """A pull-request comment: summary, the changes as a list, budget tables."""
    title = header or f"{changes.old_file} → {changes.new_file}"
    out = [f"### Perubahan rencana: {_md_escape(title)}", ""]
    if changes.empty:
        out.append("Tidak ada perubahan.")
        return "\n".join(out) + "\n"
    out += [f"**{summary_line(changes)}**", ""]
    for c in changes.changes:
        if c.words:
            body = _around_words(c, _md_escape, _md_words(c.words))
        else:
            body = _md_escape(describe(c, None))
        out.append(f"- `{MARK[c.kind]}` {body}")
    budget = changes.csf_budget + changes.program_budget
    if budget:
        out += [
            "",
            f"#### Anggaran {changes.tahun or ''}",
            "",
            "| | tingkat | id | sebelum | sesudah | selisih |",
            "|---|---|---|---:|---:|---:|",
        ]
        for line in budget:
            mark = "+" if line.old is None else ("-" if line.new is None else "~")
            out.append(
                f"| `{mark}` | {_LEVEL_WORD[line.level]} | {_md_escape(line.id)} | "
                f"{_rupiah_or_empty(line.old)} | {_rupiah_or_empty(line.new)} | "
                f"{_signed_rupiah(line.delta) if line.delta else '0'} |"
            )
    if changes.mismatches:
        out += ["", "#### Anggaran yang tidak sama dengan jumlah rinciannya", ""]
        out += [
            f"- `{'✓' if m.resolved else '!'}` {_md_escape(mismatch_text(m))}"
            for m in changes.mismatches
        ]
    return "\n".join(out) + "\n"


def _md_words(words: WordDiff) -> str:
    parts = []
    for op, text in words:
        t = _md_escape(text)
        if op == "=":
            parts.append(t)
        elif op == "-":
            parts.append(f"~~{t}~~")
        else:
            parts.append(f"**{t}**")
    return " ".join(p for p in parts if p)


def _md_escape(text: str) -> str:
    """Plan text as literal Markdown: one line, no raw HTML, no link or image syntax."""
    from pokin.render.markdown import md_text

    return md_text(text)


# ------------------------------------------------------------------------ fmt


def print_fmt_report(report: FormatReport, check: bool) -> None:
    """What `pokin fmt` did: diffs (with --check), files left alone and why, a summary."""
    from pokin.check.result import FileReport, Report
    from pokin.render.fmt import unified_diff
    from pokin.render.problems import print_human as print_problems

    broken = [r for r in report.results if r.problems]
    if broken:
        print_problems(Report([FileReport(r.file, r.problems) for r in broken]))
    for r in report.results:
        if r.error:
            sys.stderr.write(f"pokin fmt: {r.file}: {r.error}\n")
        elif r.problems:
            sys.stderr.write(
                f"pokin fmt: {r.file}: tidak dapat dibaca sebagai rencana; tidak diubah\n"
            )
        elif check and r.changed:
            sys.stdout.write(unified_diff(r))
    changed = sum(1 for r in report.results if r.changed)
    failed = sum(1 for r in report.results if not r.ok)
    total = len(report.results)
    if check:
        text = f"{changed} dari {total} berkas belum berformat baku"
    else:
        text = f"{changed} dari {total} berkas diformat ulang"
    if failed:
        text += f", {failed} berkas tidak dapat diformat"
    sys.stderr.write(text + ".\n")
