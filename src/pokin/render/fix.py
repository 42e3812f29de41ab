"""`pokin fix`: copy the official nama over one that differs only in spacing, case or punctuation.

A text-level pass, independent of ``pokin fmt``: each ``nama`` scalar to fix
is located through the loader's positions and only its characters are
replaced; comments, quoting elsewhere, line endings and every other byte of
the file stay as they are. The result is loaded again and must give the same
plan with only those names changed, or the file is left untouched.
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pokin.atomic import write_atomic
from pokin.problems import Path, Problem, UsageError
from pokin.source.load import expand_paths, load_text
from pokin.source.parse import MAPPING, SCALAR, SEQUENCE, Document

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class NamaFix:
    """One nama replaced by the official text."""

    node: str
    line: int
    column: int
    old: str
    new: str


@dataclass
class FixResult:
    """One file: the fixes found, and whether they were written.

    ``fixed`` is ``None`` when the file was left alone (``problems`` or
    ``error`` say why).
    """

    file: str
    original: bytes
    fixed: bytes | None = None
    fixes: list[NamaFix] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    note: str | None = None
    written: bool = False

    @property
    def changed(self) -> bool:
        """Whether fixing changes the file's bytes."""
        return self.fixed is not None and self.fixed != self.original


@dataclass
class FixReport:
    """The outcome over several files."""

    results: list[FixResult]

    def exit_code(self, check: bool) -> int:
        """1 for a file left alone (no plan, not a regular file) or, with --check, to change."""
        if any(r.fixed is None or r.error for r in self.results):
            return 1
        return 1 if check and any(r.changed for r in self.results) else 0


def fix_nama_bytes(raw: bytes, file: str) -> FixResult:
    """The fixed bytes of one plan (nothing is written)."""
    from pokin.check.rules.nomenclature import effective_nomenclature, official_entry

    result = FixResult(file, raw)
    loaded = load_text(raw, file)
    plan = loaded.plan
    if plan is None or any(p.severity == "error" for p in loaded.problems):
        result.problems = list(loaded.problems)
        return result
    ctx = effective_nomenclature(plan)
    if not ctx.checked:
        result.fixed, result.note = raw, ctx.describe()
        return result
    text = plan.document.text
    edits: list[tuple[int, int, str, Path, str]] = []
    for ref in plan.nodes:
        entry = official_entry(plan, ref)
        nama = getattr(ref.node, "nama", None)
        if entry is None or not isinstance(nama, str) or not _only_layout(nama, entry.nama):
            continue
        path: Path = (*ref.path, "nama")
        node = _node_at(plan.document, path)
        span = _span(text, node)
        if span is None:
            continue
        start, end = span
        edits.append((start, end, _scalar(entry.nama, node.style), path, entry.nama))
        line, column = plan.position(path)
        result.fixes.append(NamaFix(ref.id, line, column, nama, entry.nama))
    if not edits:
        result.fixed = raw
        return result
    out = text
    for start, end, replacement, _, _ in sorted(edits, reverse=True):
        out = out[:start] + replacement + out[end:]
    reason = _verify(plan.model.model_dump(), out, file, [(p, new) for *_, p, new in edits])
    if reason is not None:
        result.error, result.fixes = reason + "; berkas tidak diubah", []
        return result
    result.fixed = (_BOM if raw.startswith(_BOM) else b"") + out.encode("utf-8")
    return result


def _only_layout(nama: str, official: str) -> bool:
    """Whether two names differ, but only in spacing, case or punctuation.

    A name the list prints in capitals (program names) is not forced on a
    nama that differs from it only in case.
    """
    from pokin.nomenclature import comparable

    if nama == official or comparable(nama) != comparable(official):
        return False
    return not (official.isupper() and " ".join(nama.upper().split()) == official)


def _node_at(document: Document, path: Path) -> Any:
    node = document.root
    for step in path:
        if isinstance(node, MAPPING):
            node = next(
                (v for k, v in node.value if isinstance(k, SCALAR) and str(k.value) == str(step)),
                None,
            )
        elif isinstance(node, SEQUENCE) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            return None
    return node


def _span(text: str, node: Any) -> tuple[int, int] | None:
    """Where a plain or quoted scalar's characters are (block scalars are left alone)."""
    if not isinstance(node, SCALAR) or (node.style or "") not in ("", "'", '"'):
        return None
    start, end = node.start_mark.index, node.end_mark.index
    written = text[start:end]
    if not node.style:
        ok = " ".join(written.split()) == " ".join(str(node.value).split())
    else:
        ok = len(written) >= 2 and written[0] == written[-1] == node.style
    return (start, end) if ok else None


def _scalar(value: str, style: str | None) -> str:
    """``value`` as a YAML scalar in the style it replaces (double quotes when plain is unsafe)."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if not style and _plain_safe(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_safe(value: str) -> bool:
    if not value or value != value.strip() or value[0] in "!&*-?[]{}|>'\"%@`#,:":
        return False
    return ": " not in value and " #" not in value and not value.endswith(":")


def _verify(
    before: dict[str, Any], text: str, file: str, changes: list[tuple[Path, str]]
) -> str | None:
    """None when ``text`` loads as the plan ``before`` with only ``changes`` made."""
    expected = json.loads(json.dumps(before, default=str))
    for path, new in changes:
        holder: Any = expected
        for step in path[:-1]:
            holder = holder[step]
        holder[path[-1]] = new
    loaded = load_text(text, file)
    if loaded.plan is None:
        return "hasil perbaikan tidak dapat dibaca lagi"
    after = json.loads(json.dumps(loaded.plan.model.model_dump(), default=str))
    return None if after == expected else "hasil perbaikan mengubah isi lain rencana"


def fix_nama_file(path: str, write: bool) -> FixResult:
    """Fix one file; with ``write`` a changed regular file is replaced atomically."""
    from pokin.source.load import read_plan_bytes

    fs = FsPath(path)
    try:
        info = fs.lstat()
    except OSError as exc:
        raise UsageError(f"berkas {path} tidak dapat dibaca: {exc.strerror}") from None
    raw = read_plan_bytes(fs)  # a regular file of bounded size: a FIFO never hangs
    result = fix_nama_bytes(raw, path)
    if write and result.changed:
        if not stat.S_ISREG(info.st_mode):
            result.error = "bukan berkas biasa (tautan simbolik, perangkat atau FIFO); tidak diubah"
            return result
        assert result.fixed is not None
        try:
            # the plan itself is the target: plan_ok, as for pokin fmt
            write_atomic(fs, result.fixed, keep_mode=True, plan_ok=True)
        except OSError as exc:  # full disk, read-only folder: the original is untouched
            raise UsageError(
                f"{path} tidak dapat ditulis: {exc.strerror or exc}; berkas tidak diubah"
            ) from None
        result.written = True
    return result


def fix_nama_paths(paths: list[str], write: bool) -> FixReport:
    """Fix files and folders of plans (a UsageError if a path does not exist)."""
    return FixReport([fix_nama_file(f, write) for f in expand_paths(paths)])


def render_fix_report(report: FixReport, check: bool) -> str:
    """What was (or, with --check, would be) replaced, file by file."""
    lines: list[str] = []
    total = 0
    for r in report.results:
        if r.error:
            lines.append(f"{r.file}: {r.error}")
        for fix in r.fixes:
            total += 1
            lines.append(
                f"{r.file}:{fix.line}:{fix.column}: [{fix.node}] nama "
                f"{json.dumps(fix.old, ensure_ascii=False)} → "
                f"{json.dumps(fix.new, ensure_ascii=False)}"
            )
        if r.note and not r.fixes:
            lines.append(f"{r.file}: {r.note}")
    files = len(report.results)
    if check:
        lines.append(f"{total} nama akan diganti dengan nama resmi dalam {files} berkas.")
    else:
        lines.append(f"{total} nama diganti dengan nama resmi dalam {files} berkas.")
    from pokin.render.console import visible

    # file names and ids reach the terminal escaped, like any plan text
    return "\n".join(visible(line) for line in lines)
