"""Running the rules: load → model → checks → located problems (a :class:`Report`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pokin import gc_paused
from pokin.check.config import Settings, find_settings, normalise_name
from pokin.check.result import FileReport, Report
from pokin.check.rules.registry import GROUPS, Rule, all_rules
from pokin.check.suppress import apply_suppressions, may_suppress
from pokin.plan import LoadedPlan
from pokin.problems import Finding, Problem
from pokin.source.load import LoadResult, expand_paths, load_file

if TYPE_CHECKING:
    from pokin.check.rules.nomenclature import Nomenclature


#: The rules that read the official nomenclature lists.
_LIST_RULES = frozenset({"N003", "N004", "N005", "N006", "N007"})


#: Rules that run only when selected by their code (``--select I012``, ``select = ["I012"]``):
#: they judge a plan for a document (the PK) rather than the plan itself.
OPT_IN: frozenset[str] = frozenset({"I012"})


@dataclass(frozen=True)
class Selection:
    """Which rules run: codes or group names to select (empty: all) and ignore."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    @classmethod
    def of(cls, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Selection:
        """Build a selection from user input (case-insensitive codes, group names)."""
        return cls(
            frozenset(normalise_name(s) for s in select),
            frozenset(normalise_name(s) for s in ignore),
        )

    def enabled(self, code: str, group: str) -> bool:
        """Whether a rule with this code and group should report."""
        code_n, group_n = code.upper(), group.lower()
        if code_n in OPT_IN and code_n not in self.select:
            return False
        if self.select and code_n not in self.select and group_n not in self.select:
            return False
        return code_n not in self.ignore and group_n not in self.ignore


def place(plan: LoadedPlan, rule: Rule, finding: Finding) -> Problem:
    """Turn a finding into a problem with a position in the plan's file."""
    line, column = plan.position(finding.path, finding.key)
    return Problem(
        finding.code or rule.code,
        finding.severity or rule.severity,
        finding.message,
        plan.file,
        line,
        column,
        finding.node,
        finding.path,
    )


def run_rules(plan: LoadedPlan, selection: Selection = Selection()) -> list[Problem]:
    """Every enabled rule over ``plan``; a rule that raises becomes problem E001.

    The cyclic garbage collector is paused meanwhile: rules create many small
    short-lived objects and no cycles, and on a large plan the collector's
    passes over the loaded tree would otherwise cost more than the rules.
    """
    with gc_paused():
        return _run_rules(plan, selection)


def _run_rules(plan: LoadedPlan, selection: Selection) -> list[Problem]:
    problems: list[Problem] = []
    skip = plan.kind.skip  # rules that do not fit the document kind
    for rule in all_rules().values():
        if rule.check is None or not selection.enabled(rule.code, rule.group):
            continue
        if rule.code in skip:
            continue
        try:
            findings = list(rule.check(plan))
        except Exception as exc:  # a broken rule must never crash a user's run
            problems.append(
                Problem(
                    "E001",
                    "error",
                    f"Aturan {rule.code} ({rule.name}) gagal dijalankan: "
                    f"{type(exc).__name__}: {exc}. Laporkan ini ke pengelola pokin.",
                    plan.file,
                )
            )
            continue
        problems.extend(place(plan, rule, f) for f in findings)
    return problems


def check_loaded(
    result: LoadResult,
    selection: Selection = Selection(),
    settings: Settings | None = None,
    extra: Sequence[Problem] = (),
) -> FileReport:
    """Problems of a loaded file: load problems, then rules when the schema passed.

    ``settings`` (from a project configuration file) are combined with the
    command line's ``selection``: its ``select`` replaces theirs, its
    ``ignore`` adds to theirs. Inline suppressions apply, then severity
    overrides. ``extra`` are problems found outside the file (a workspace's
    links) that are treated like the file's own.
    """
    settings = settings or Settings()
    selection = combine(selection, settings)
    rules = all_rules()
    # a plan that could not be loaded always fails, whatever is selected
    problems = [
        p
        for p in (*result.problems, *extra)
        if selection.enabled(p.code, _group_of(p.code, rules))
        or (p.severity == "error" and _group_of(p.code, rules) in LOAD_GROUPS)
    ]
    plan = result.plan
    if plan is not None:
        problems.extend(run_rules(plan, selection))
        if may_suppress(plan.document.text):
            problems = apply_suppressions(
                plan,
                problems,
                lambda code: _group_of(code, rules),
                lambda name: _name_enabled(selection, name, rules),
                lambda name: name in rules or name in GROUPS,
                report_unused=selection.enabled("E002", "engine"),
            )
    if settings.severity:
        problems = [_with_severity(p, settings, rules) for p in problems]
    problems.sort(key=Problem.sort_key)
    return FileReport(
        result.file, problems, result, settings.strict, _nomenclature(plan, selection, rules)
    )


def _nomenclature(
    plan: LoadedPlan | None, selection: Selection, rules: dict[str, Rule]
) -> Nomenclature | None:
    """The nomenclature the list rules used (decided once per plan, so free when they ran)."""
    if plan is None or not any(
        selection.enabled(r.code, r.group) for r in rules.values() if r.code in _LIST_RULES
    ):
        return None
    from pokin.check.rules.nomenclature import effective_nomenclature

    return effective_nomenclature(plan)


#: Groups of the problems the loader reports: their errors are never deselected.
LOAD_GROUPS = frozenset(("yaml", "schema"))


def combine(selection: Selection, settings: Settings) -> Selection:
    """The command line's selection over a configuration file's settings."""
    if not settings.select and not settings.ignore:
        return selection
    select = selection.select or frozenset(settings.select)
    return Selection(select, selection.ignore | frozenset(settings.ignore))


def _name_enabled(selection: Selection, name: str, rules: dict[str, Rule]) -> bool:
    if name in GROUPS:
        return any(selection.enabled(r.code, r.group) for r in rules.values() if r.group == name)
    return selection.enabled(name, _group_of(name, rules))


def _with_severity(problem: Problem, settings: Settings, rules: dict[str, Rule]) -> Problem:
    severity = settings.severity_of(problem.code, _group_of(problem.code, rules), problem.severity)
    return problem if severity == problem.severity else replace(problem, severity=severity)


def _group_of(code: str, rules: dict[str, Rule]) -> str:
    rule = rules.get(code)
    return rule.group if rule is not None else ""


def check_file(
    path: str, selection: Selection = Selection(), use_config: bool = True
) -> FileReport:
    """Load and check one plan file, with the project settings that apply to it."""
    settings = find_settings(path) if use_config else None
    return check_loaded(load_file(path), selection, settings)


def check_paths(
    paths: list[str],
    selection: Selection = Selection(),
    use_config: bool = True,
    keep_plans: bool = False,
) -> Report:
    """Check files and folders of plans (a UsageError if a path does not exist).

    Several files are checked in parallel across the machine's cores
    (:func:`pokin.source.parallel.parallel_map`), reported in the same order.
    The loaded plans are let go once checked (``FileReport.result`` is
    ``None``) unless ``keep_plans``, so memory does not grow with the number
    of files.
    """
    from functools import partial

    from pokin.source.parallel import parallel_map

    files = expand_paths(paths)
    check = partial(_check_one, selection=selection, use_config=use_config, keep=keep_plans)
    if keep_plans:
        return Report([check(f) for f in files])
    return Report(parallel_map(check, files, [_size(f) for f in files]))


def _check_one(path: str, selection: Selection, use_config: bool, keep: bool) -> FileReport:
    report = check_file(path, selection, use_config)
    if not keep:
        report.result = None
    return report


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
