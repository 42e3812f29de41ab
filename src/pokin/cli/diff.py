"""`pokin diff` and `pokin fmt`: reviewing plan changes in git."""

from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import app, fail, write_stdout

if TYPE_CHECKING:
    from pokin.load import LoadResult


class DiffFormat(enum.StrEnum):
    """Output formats of `pokin diff`."""

    human = "human"
    md = "md"
    json = "json"


@app.command()
def diff(
    paths: Annotated[
        list[str],
        typer.Argument(
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
    from pokin.problems import UsageError

    fmt = output_format or DiffFormat.human
    try:
        if git_external:
            _git_external(paths, fmt)
            return
        old, new = _load_pair(paths, rev)
    except UsageError as exc:
        fail(str(exc))
    _report_unloadable([old, new], fmt)
    from pokin.diff import compare

    assert old.plan is not None and new.plan is not None
    changes = compare(old.plan, new.plan)
    _print_changes(changes, fmt)
    raise typer.Exit(1 if exit_code and not changes.empty else 0)


def _load_pair(paths: list[str], rev: str | None) -> tuple[LoadResult, LoadResult]:
    from pokin.gitrev import read_at, split_range
    from pokin.load import load_file, load_text
    from pokin.problems import UsageError

    if rev is None and len(paths) == 2:
        return load_file(paths[0]), load_file(paths[1])
    if len(paths) != 1:
        raise UsageError(
            "berikan dua berkas (pokin diff LAMA BARU) atau satu berkas dengan --rev "
            "(pokin diff RENCANA --rev HEAD)"
        )
    plan = paths[0]
    left, right = split_range(rev or "HEAD")
    old_file = read_at(plan, left)
    old = load_text(old_file.data, old_file.name)
    if right is None:
        return old, load_file(plan)
    new_file = read_at(plan, right)
    return old, load_text(new_file.data, new_file.name)


def _report_unloadable(results: list[LoadResult], fmt: DiffFormat) -> None:
    """Report schema/YAML problems as `pokin validate` does and exit 2."""
    from pokin.engine import Report, check_loaded

    broken = [r for r in results if r.plan is None]
    if not broken:
        return
    report = Report([check_loaded(r) for r in broken])
    from pokin.render.problems import print_human, render_json

    if fmt is DiffFormat.json:
        write_stdout(render_json(report))
    else:
        print_human(report)
    names = ", ".join(r.file for r in broken)
    fail(f"tidak dapat membandingkan: {names} tidak dapat dibaca sebagai rencana")


def _print_changes(changes: object, fmt: DiffFormat, header: str | None = None) -> None:
    from pokin.diff import Changes
    from pokin.render.diff import print_human, render_json, render_markdown

    assert isinstance(changes, Changes)
    if fmt is DiffFormat.json:
        write_stdout(render_json(changes))
    elif fmt is DiffFormat.md:
        write_stdout(render_markdown(changes, header))
    else:
        print_human(changes, header)


def _git_external(args: list[str], fmt: DiffFormat) -> None:
    """git's external diff: ``path old-file old-hex old-mode new-file new-hex new-mode``.

    A side that git passes as ``/dev/null`` (file added or deleted) is no plan.
    A side that is not a readable plan is reported, then the plain line diff
    follows, and the exit code stays 0 so that ``git diff`` goes on to the
    next file.
    """
    from pokin.diff import compare
    from pokin.load import load_file
    from pokin.problems import UsageError

    if len(args) not in (7, 9):
        raise UsageError(
            f"--git-external menerima 7 argumen dari git (path old-file old-hex old-mode "
            f"new-file new-hex new-mode), bukan {len(args)}"
        )
    path, old_file, old_hex, _old_mode, new_file, new_hex, _new_mode = args[:7]
    new_path = args[7] if len(args) == 9 else path

    def side(file: str, hexsha: str, name: str) -> LoadResult | None:
        if file == "/dev/null":
            return None
        result = load_file(file)
        result.file = f"{name}@{hexsha[:7]}" if hexsha.strip("0.") else name
        if result.plan is not None:
            result.plan.file = result.file
        return result

    old = side(old_file, old_hex, path)
    new = side(new_file, new_hex, new_path)
    header = path if new_path == path else f"{path} → {new_path}"
    broken = [r for r in (old, new) if r is not None and r.plan is None]
    if broken:
        _fallback(broken, old_file, new_file, path, new_path)
        return
    changes = compare(old.plan if old else None, new.plan if new else None)
    _print_changes(changes, fmt, header)


def _fallback(
    broken: list[LoadResult], old_file: str, new_file: str, path: str, new_path: str
) -> None:
    import difflib

    from pokin.engine import Report, check_loaded
    from pokin.render.problems import print_human

    print_human(Report([check_loaded(r) for r in broken]))
    write_stdout(f"pokin: {path} tidak dapat dibaca sebagai rencana; berikut diff baris biasa.")

    def lines(file: str) -> list[str]:
        if file == "/dev/null":
            return []
        with open(file, encoding="utf-8", errors="replace", newline="") as fh:
            return fh.readlines()

    sys.stdout.writelines(
        difflib.unified_diff(lines(old_file), lines(new_file), f"a/{path}", f"b/{new_path}")
    )


@app.command()
def fmt(
    paths: Annotated[
        list[str], typer.Argument(help="Plan files, or folders searched for *.yaml / *.yml.")
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
    from pokin.fmt import format_paths
    from pokin.problems import UsageError
    from pokin.render.diff import print_fmt_report

    try:
        report = format_paths(paths, write=not check)
    except UsageError as exc:
        fail(str(exc))
    print_fmt_report(report, check)
    raise typer.Exit(report.exit_code(check))
