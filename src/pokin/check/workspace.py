"""Checking a workspace: every plan, and the links between them, in one report."""

from __future__ import annotations

from pokin.check.config import find_settings
from pokin.check.engine import Selection, check_loaded
from pokin.check.result import FileReport, Report
from pokin.check.rules.registry import all_rules
from pokin.source.workspace import Workspace, WorkspaceConfig, load_workspace


def check_workspace(
    config: WorkspaceConfig, selection: Selection = Selection(), use_config: bool = True
) -> tuple[Workspace, Report]:
    """Load a workspace once and check every plan and the links between them.

    A plan that does not load is reported like any plan and the others are
    still checked; a reference into it is not reported again.
    """
    from pokin.check.rules.workspace import workspace_problems

    ws = load_workspace(config)
    cross = workspace_problems(ws)
    files: list[FileReport] = []
    if ws.problems:
        rules = all_rules()
        kept = [p for p in ws.problems if selection.enabled(p.code, rules[p.code].group)]
        files.append(FileReport(config.file, kept))
    for result in ws.results:
        settings = find_settings(result.file) if use_config else None
        files.append(check_loaded(result, selection, settings, cross.get(result.file, ())))
    return ws, Report(files)


def check_paths_or_workspaces(
    paths: list[str], selection: Selection = Selection(), use_config: bool = True
) -> Report:
    """Like :func:`~pokin.check.engine.check_paths`, with a workspace folder checked as one."""
    from pokin.check.engine import check_paths
    from pokin.source.workspace import find_workspace

    files: list[FileReport] = []
    plain: list[str] = []
    for path in paths:
        config = find_workspace(path)
        if config is None:
            plain.append(path)
            continue
        if plain:
            files.extend(check_paths(plain, selection, use_config).files)
            plain = []
        files.extend(check_workspace(config, selection, use_config)[1].files)
    if plain:
        files.extend(check_paths(plain, selection, use_config).files)
    return Report(files)
