"""`pokin diff` and `pokin fmt`: reviewing plan changes in git."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import app, fail, print_problems, write_stdout
from pokin.render.formats import DIFF_FORMATS, choice, emit

if TYPE_CHECKING:
    from pokin.plan import LoadedPlan
    from pokin.views.diff import Changes


if TYPE_CHECKING:
    DiffFormat = enum.StrEnum
else:
    DiffFormat = choice("DiffFormat", DIFF_FORMATS)


@app.command()
def diff(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PLAN",
            help="OLD NEW (two plan files), or PLAN with --rev; with --git-external the "
            "7 (or 9) arguments git passes to an external diff.",
            show_default=False,
        ),
    ],
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            "-r",
            metavar="REV",
            help="Compare PLAN at this git revision with the working file (default HEAD), "
            "or two revisions: A..B.",
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat | None,
        typer.Option("--format", "-f", help="Output format: human, md or json (default human)."),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Exit 1 when there are changes (as git diff --exit-code)."
        ),
    ] = False,
    git_external: Annotated[
        bool,
        typer.Option(
            "--git-external",
            help="Run as git's external diff (diff.pokin.command): take git's 7 arguments.",
        ),
    ] = False,
) -> None:
    """Compare two plans by node id: what was added, removed, moved and changed.

    Nodes, indicators, anggaran, pj, Renstra and jabatan, then the budget
    change per CSF and program and a one-line summary.

    Exit codes: 0 compared (no change, or changes without --exit-code), 1
    changes found with --exit-code, 2 could not compare.
    """
    from pokin.check.engine import check_loaded
    from pokin.check.result import Report
    from pokin.problems import UsageError
    from pokin.source.gitrev import line_diff, load_external, load_versions
    from pokin.views.diff import compare

    fmt = str(output_format or "human")
    try:
        if git_external:
            # git goes on to the next file after us: always exit 0 here
            if _realisasi_external(paths, fmt):
                return
            external = load_external(paths)
            if external.broken:
                print_problems(Report([check_loaded(r) for r in external.broken]))
                write_stdout(
                    f"pokin: {external.path} tidak dapat dibaca sebagai rencana; "
                    "berikut diff baris biasa."
                )
                sys.stdout.write(line_diff(external))
                return
            old_plan = external.old.plan if external.old else None
            new_plan = external.new.plan if external.new else None
            _print_changes(compare(old_plan, new_plan), fmt, external.header)
            return
        _workspace_diff(paths, rev, fmt, exit_code)
        _realisasi_diff(paths, rev, fmt, exit_code)
        old, new = load_versions(paths, rev)
    except UsageError as exc:
        fail(str(exc))
    broken = [r for r in (old, new) if r.plan is None]
    if broken:
        print_problems(Report([check_loaded(r) for r in broken]), fmt)
        names = ", ".join(r.file for r in broken)
        fail(f"tidak dapat membandingkan: {names} tidak dapat dibaca sebagai rencana")
    assert old.plan is not None and new.plan is not None
    changes = compare(old.plan, new.plan)
    _print_changes(changes, fmt)
    raise typer.Exit(1 if exit_code and not changes.empty else 0)


def _realisasi_external(args: list[str], fmt: str) -> bool:
    """As git's external diff on a realisasi file: print its changed figures (True if done)."""
    from pokin.render.formats import REALISASI_DIFF_FORMATS
    from pokin.source.load import read_plan_bytes
    from pokin.source.realisasi import (
        Realisasi,
        is_realisasi_text,
        load_realisasi_text,
    )
    from pokin.views.realisasi_diff import RealisasiChanges, compare_realisasi

    if len(args) not in (7, 9):
        return False
    path, old_file, new_file = args[0], args[1], args[4]
    sides = [b"" if f == "/dev/null" else read_plan_bytes(f) for f in (old_file, new_file)]
    if not any(is_realisasi_text(data) for data in sides):
        return False
    names = (path, args[7] if len(args) == 9 else path)
    models: list[Realisasi | None] = []
    for data, name in zip(sides, names, strict=True):
        loaded = load_realisasi_text(data, name) if data else None
        if loaded is not None and loaded.realisasi is None:
            return False  # not a readable realisasi file: git's line diff follows
        models.append(loaded.realisasi.model if loaded and loaded.realisasi else None)
    old, new = models
    if old is not None and new is not None:
        changes = compare_realisasi(old, new, names[0], names[1])
    else:  # added or deleted: every node reported is new or gone
        changes = RealisasiChanges(names[0], names[1])
        changes.added = list(new.realisasi) if new is not None else []
        changes.removed = list(old.realisasi) if old is not None else []
    emit(REALISASI_DIFF_FORMATS, fmt if fmt in REALISASI_DIFF_FORMATS else "human", changes)
    return True


def _realisasi_diff(paths: list[str], rev: str | None, fmt: str, exit_code: bool) -> None:
    """Two versions of a realisasi file: the figures that changed; exit (else return)."""
    from pokin.check.result import FileReport, Report
    from pokin.render.formats import REALISASI_DIFF_FORMATS
    from pokin.source.gitrev import read_at, split_range
    from pokin.source.load import read_plan_bytes
    from pokin.source.realisasi import is_realisasi_text, load_realisasi_text
    from pokin.views.realisasi_diff import compare_realisasi

    if rev is None and len(paths) == 2 and not any(Path(p).is_dir() for p in paths):
        sides = [(p, read_plan_bytes(p)) for p in paths]
    elif rev is not None and len(paths) == 1 and not Path(paths[0]).is_dir():
        left, right = split_range(rev)
        old_file = read_at(paths[0], left)
        new_side = (
            (paths[0], read_plan_bytes(paths[0]))
            if right is None
            else (lambda f: (f.name, f.data))(read_at(paths[0], right))
        )
        sides = [(old_file.name, old_file.data), new_side]
    else:
        return
    if not any(is_realisasi_text(data) for _, data in sides):
        return
    results = [load_realisasi_text(data, name) for name, data in sides]
    broken = [r for r in results if r.realisasi is None]
    if broken:
        print_problems(Report([FileReport(r.file, r.problems) for r in broken]), fmt)
        names = ", ".join(r.file for r in broken)
        fail(f"tidak dapat membandingkan: {names} tidak dapat dibaca sebagai berkas realisasi")
    old, new = (r.realisasi for r in results)
    assert old is not None and new is not None
    changes = compare_realisasi(old.model, new.model, old.file, new.file)
    emit(REALISASI_DIFF_FORMATS, fmt if fmt in REALISASI_DIFF_FORMATS else "human", changes)
    raise typer.Exit(1 if exit_code and not changes.empty else 0)


def _workspace_diff(paths: list[str], rev: str | None, fmt: str, exit_code: bool) -> None:
    """Two workspace folders, or one with --rev: compare plan by plan (by kode_pd); exit."""
    import tempfile

    from pokin.problems import UsageError
    from pokin.source.gitrev import folder_at, split_range

    dirs = [Path(p) for p in paths]
    if not dirs or not all(d.is_dir() for d in dirs) or len(dirs) > 2:
        return
    if len(dirs) == 2 and rev is not None:
        raise UsageError("--rev membandingkan satu folder workspace pada dua revisi")
    with tempfile.TemporaryDirectory(prefix="pokin-diff-") as tmp:
        if len(dirs) == 2:
            old_dir, new_dir, names = dirs[0], dirs[1], ("", "")
        else:
            left, right = split_range(rev or "HEAD")
            old_dir = folder_at(dirs[0], left, Path(tmp) / "a")
            new_dir = dirs[0] if right is None else folder_at(dirs[0], right, Path(tmp) / "b")
            names = (f"{left}:", "" if right is None else f"{right}:")
        old = _load_folder(old_dir, tmp, names[0])
        new = _load_folder(new_dir, tmp, names[1])
        _print_workspace_changes(old, new, fmt, exit_code)


def _load_folder(folder: Path, tmp: str, prefix: str) -> list[LoadedPlan]:
    """Every plan of a workspace (or plain) folder; names shown as ``REV:path`` from git."""
    from pokin.check.engine import check_loaded
    from pokin.check.result import Report
    from pokin.source.workspace import WorkspaceConfig, find_workspace, load_workspace

    config = find_workspace(folder) or WorkspaceConfig(folder, str(folder / "pokin.toml"))
    ws = load_workspace(config)
    broken = [r for r in ws.results if r.plan is None]
    if broken:
        print_problems(Report([check_loaded(r) for r in broken]))
        fail(
            "tidak dapat membandingkan: "
            + ", ".join(r.file for r in broken)
            + " tidak dapat dibaca"
        )
    plans: list[LoadedPlan] = []
    for plan in ws.plans:
        if prefix:
            rel = Path(plan.file).resolve().relative_to(Path(tmp).resolve())
            plan.file = prefix + Path(*rel.parts[1:]).as_posix()
        plans.append(plan)
    return plans


def _print_workspace_changes(
    old: list[LoadedPlan], new: list[LoadedPlan], fmt: str, exit_code: bool
) -> None:
    import json

    from pokin.views.diff import compare

    def key(plan: LoadedPlan) -> str:
        return plan.model.kode_pd or Path(plan.file).name

    before = {key(p): p for p in old}
    after = {key(p): p for p in new}
    order = list(after) + [k for k in before if k not in after]
    pairs = []
    for k in order:
        pairs.append((k, compare(before.get(k), after.get(k))))
    changed = [(k, c) for k, c in pairs if not c.empty]
    if fmt == "json":
        items = [
            {"kode_pd": k, **json.loads(str(DIFF_FORMATS["json"].render(c)))} for k, c in pairs
        ]
        write_stdout(json.dumps({"plans": items}, ensure_ascii=False, indent=2))
    else:
        for k, c in changed:
            write_stdout(f"{'##' if fmt == 'md' else '==='} {k}")
            _print_changes(c, fmt)
        same = [k for k, c in pairs if c.empty]
        if same:
            write_stdout("Tidak berubah: " + ", ".join(same) + ".")
    raise typer.Exit(1 if exit_code and changed else 0)


def _print_changes(changes: Changes, fmt: str, header: str | None = None) -> None:
    emit(DIFF_FORMATS, fmt, changes, header)


@app.command()
def fmt(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help="Plan files, or folders searched for *.yaml / *.yml."),
    ],
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing; print a diff and exit 1 if a file is not formatted."
        ),
    ] = False,
) -> None:
    """Rewrite plans into the one canonical layout, keeping comments and node order.

    Exit codes: 0 all formatted (or already canonical), 1 with --check when a
    file would change, or when a file could not be parsed (it is left
    untouched), 2 could not run.
    """
    from pokin.problems import UsageError
    from pokin.render.diff import print_fmt_report
    from pokin.render.fmt import format_paths

    try:
        report = format_paths(paths, write=not check)
    except UsageError as exc:
        fail(str(exc))
    print_fmt_report(report, check)
    raise typer.Exit(report.exit_code(check))
