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
            help="LAMA BARU (dua berkas rencana), atau PLAN dengan --rev; dengan "
            "--git-external 7 (atau 9) argumen yang diberikan git kepada diff eksternal.",
            show_default=False,
        ),
    ],
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            "-r",
            metavar="REV",
            help="Bandingkan PLAN pada revisi git ini dengan berkas kerja (bawaan HEAD), "
            "atau dua revisi: A..B.",
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat | None,
        typer.Option("--format", "-f", help="Format keluaran: human, md atau json (bawaan human)."),
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code", help="Keluar 1 bila ada perubahan (seperti git diff --exit-code)."
        ),
    ] = False,
    git_external: Annotated[
        bool,
        typer.Option(
            "--git-external",
            help="Berjalan sebagai diff eksternal git (diff.pokin.command): 7 argumen git.",
        ),
    ] = False,
) -> None:
    """Bandingkan dua rencana menurut id node: apa yang ditambah, dihapus, dipindah, diubah.

    Node, indikator, anggaran, pj, Renstra dan jabatan, lalu perubahan
    anggaran per CSF dan program serta ringkasan satu baris.

    Kode keluar: 0 dibandingkan (tanpa perubahan, atau ada perubahan tanpa
    --exit-code), 1 ada perubahan dengan --exit-code, 2 tidak dapat dibandingkan.
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
        typer.Argument(
            metavar="PATH", help="Berkas rencana, atau folder yang dicari *.yaml / *.yml."
        ),
    ],
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Jangan mengubah apa pun; cetak diff dan keluar 1 bila ada berkas yang "
            "belum berformat baku.",
        ),
    ] = False,
    plans_only: Annotated[
        bool,
        typer.Option(
            "--plans-only",
            help="Lewati berkas yang bukan rencana pokin (tanpa kunci 'pokin:' di tingkat atas).",
        ),
    ] = False,
) -> None:
    """Tulis ulang rencana ke satu tata letak baku, komentar dan urutan node dipertahankan.

    Kode keluar: 0 semua berformat baku (atau sudah baku), 1 dengan --check bila
    ada berkas yang akan berubah, atau bila berkas tidak dapat dibaca (berkas
    itu dibiarkan), 2 tidak dapat berjalan.
    """
    from pokin.problems import UsageError
    from pokin.render.diff import print_fmt_report
    from pokin.render.fmt import format_paths

    if plans_only:
        import os

        from pokin.atomic import is_plan_file

        paths = [p for p in paths if os.path.isdir(p) or is_plan_file(p)]
        if not paths:
            raise typer.Exit(0)
    try:
        report = format_paths(paths, write=not check)
    except UsageError as exc:
        fail(str(exc))
    print_fmt_report(report, check)
    raise typer.Exit(report.exit_code(check))
