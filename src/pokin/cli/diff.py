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
