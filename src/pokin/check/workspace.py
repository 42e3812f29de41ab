"""Checking a workspace: every plan, and the links between them, in one report.

Each plan is parsed once. With several processes (:func:`workers`), each
worker loads its share of the plans and keeps them: it sends back their link
summaries (:class:`~pokin.check.rules.workspace.PlanLinks`), receives the
problems of the links that refer from its plans, and checks its plans with
them, sending back only the problems. A loaded plan never crosses a process
boundary (that costs more than parsing it).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pokin.check.config import find_settings
from pokin.check.engine import Selection, check_loaded
from pokin.check.result import FileReport, Report
from pokin.check.rules.registry import all_rules
from pokin.problems import Problem
from pokin.source.workspace import Workspace, WorkspaceConfig, load_workspace, plan_files

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from pokin.source.load import LoadResult

#: Below this many plans per process a worker costs more than it saves.
MIN_PLANS_PER_WORKER = 4


def check_workspace(
    config: WorkspaceConfig, selection: Selection = Selection(), use_config: bool = True
) -> tuple[Workspace, Report]:
    """Load a workspace once (here) and check every plan and the links between them.

    A plan that does not load is reported like any plan and the others are
    still checked; a reference into it is not reported again. The loaded
    workspace is returned for the commands that go on with it.
    """
    from pokin.check.rules.workspace import plan_links, workspace_problems

    ws = load_workspace(config)
    cross = workspace_problems(plan_links(r) for r in ws.results)
    files = _config_report(config, ws.problems, selection)
    for result in ws.results:
        _workspace_nomenclature(result, config.nomenklatur, config.jenis_pemda)
        settings = find_settings(result.file) if use_config else None
        files.append(check_loaded(result, selection, settings, cross.get(result.file, ())))
    return ws, Report(files)


def validate_workspace(
    config: WorkspaceConfig, selection: Selection = Selection(), use_config: bool = True
) -> Report:
    """The report of :func:`check_workspace`, across processes where that pays."""
    files, problems = plan_files(config)
    jobs = workers(len(files))
    if jobs <= 1:
        return check_workspace(config, selection, use_config)[1]
    try:
        return _in_processes(config, files, problems, jobs, selection, use_config)
    except (EOFError, OSError, ValueError):
        # a worker that could not run (or died): the same check, here
        return check_workspace(config, selection, use_config)[1]


def _in_processes(
    config: WorkspaceConfig,
    files: list[str],
    problems: list[Problem],
    jobs: int,
    selection: Selection,
    use_config: bool,
) -> Report:
    import multiprocessing

    from pokin.check.rules.workspace import PlanLinks, workspace_problems

    context = multiprocessing.get_context("fork")
    shares = [files[i::jobs] for i in range(jobs)]
    pipes: list[Connection] = []
    processes = []
    for share in shares:
        here, there = context.Pipe()
        process = context.Process(
            target=_worker,
            args=(there, share, selection, use_config, config.nomenklatur, config.jenis_pemda),
            daemon=True,
        )
        process.start()
        there.close()
        pipes.append(here)
        processes.append(process)
    try:
        summaries: list[PlanLinks] = []
        for pipe in pipes:
            summaries.extend(pipe.recv())
        cross = workspace_problems(sorted(summaries, key=lambda s: files.index(s.file)))
        for pipe, share in zip(pipes, shares, strict=True):
            pipe.send({f: cross.get(f, []) for f in share})
        reports: dict[str, FileReport] = {}
        for pipe in pipes:
            for report in pipe.recv():
                reports[report.file] = report
    except BaseException:
        for process in processes:
            process.terminate()
        raise
    finally:
        for process in processes:
            process.join()
    out = _config_report(config, problems, selection)
    out.extend(reports[f] for f in files)
    return Report(out)


def _worker(
    pipe: Connection,
    share: list[str],
    selection: Selection,
    use_config: bool,
    nomenklatur: str | None,
    jenis_pemda: str | None,
) -> None:  # pragma: no cover - runs in a child process
    """Load a share of the plans, send their summaries, check them with the links' problems."""
    from pokin.check.rules.workspace import plan_links
    from pokin.source.load import load_file

    results = [load_file(f) for f in share]
    pipe.send([plan_links(r) for r in results])
    cross: dict[str, list[Problem]] = pipe.recv()
    reports = []
    for result in results:
        _workspace_nomenclature(result, nomenklatur, jenis_pemda)
        settings = find_settings(result.file) if use_config else None
        report = check_loaded(result, selection, settings, cross.get(result.file, ()))
        reports.append(
            FileReport(report.file, report.problems, None, report.strict, report.nomenklatur)
        )
    pipe.send(reports)
    pipe.close()


def _workspace_nomenclature(
    result: LoadResult, nomenklatur: str | None, jenis_pemda: str | None
) -> None:
    """Give a plan the workspace's ``nomenklatur`` and ``jenis_pemda`` as its defaults.

    The plan's own keys still win; decided once per plan, before the rules run.
    """
    if result.plan is not None and (nomenklatur or jenis_pemda):
        from pokin.check.rules.nomenclature import effective_nomenclature

        effective_nomenclature(result.plan, nomenklatur, jenis_pemda)


def workers(plans: int) -> int:
    """How many processes check a workspace of ``plans`` plans (``POKIN_JOBS`` overrides)."""
    wanted = os.environ.get("POKIN_JOBS", "").strip()
    if wanted.isdigit():
        return max(1, min(int(wanted), plans))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, plans // MIN_PLANS_PER_WORKER))


def _config_report(
    config: WorkspaceConfig, problems: list[Problem], selection: Selection
) -> list[FileReport]:
    if not problems:
        return []
    rules = all_rules()
    kept = [p for p in problems if selection.enabled(p.code, rules[p.code].group)]
    return [FileReport(config.file, kept)]


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
        files.extend(validate_workspace(config, selection, use_config).files)
        files.extend(_workspace_realisasi(config, selection, use_config))
    if plain:
        files.extend(check_paths(plain, selection, use_config).files)
    return Report(files)


def _workspace_realisasi(
    config: WorkspaceConfig, selection: Selection, use_config: bool
) -> list[FileReport]:
    """The realisasi files kept in a workspace folder, checked against their plans."""
    from pokin.source.workspace import realisasi_files

    found = realisasi_files(config)
    if not found:
        return []
    from pokin.check.realisasi import check_realisasi

    return check_realisasi(found, selection, use_config).files
