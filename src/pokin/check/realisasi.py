"""Checking realisasi files: load each, find its plan, run the ``realisasi`` rules.

Files of the same plan checked together are compared with each other: a
cumulative figure that falls from one period to the next (M006, M007) and two
files for one period (M010). A file whose plan is missing (M001) or does not
load (M002) is checked no further.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pokin.check.config import Settings, find_settings
from pokin.check.engine import LOAD_GROUPS, Selection, combine
from pokin.check.result import FileReport
from pokin.check.rules.realisasi import CHECKS, RealisasiContext
from pokin.check.rules.registry import GROUPS, Rule, all_rules
from pokin.check.suppress import apply_suppressions, may_suppress
from pokin.plan import LoadedPlan
from pokin.problems import Finding, Path, Problem, Severity, UsageError
from pokin.source.load import LoadResult, load_file
from pokin.source.parse import Document
from pokin.source.realisasi import LoadedRealisasi, RealisasiResult, load_realisasi_file


@dataclass
class RealisasiReport:
    """Realisasi files checked together: per file its problems, and the files that loaded."""

    files: list[FileReport]
    loaded: list[LoadedRealisasi] = field(default_factory=list)
    #: The plan each loaded realisasi file reports on, by realisasi file name.
    plans: dict[str, LoadedPlan] = field(default_factory=dict)


def _plan_for(real: LoadedRealisasi, cache: dict[str, LoadResult | None]) -> LoadResult | None:
    path = real.rencana_path
    key = os.path.realpath(path)
    if key not in cache:
        try:
            cache[key] = load_file(path) if os.path.isfile(path) else None
        except UsageError:
            cache[key] = None
    return cache[key]


def _place(real: LoadedRealisasi, code: str, severity: Severity, finding: Finding) -> Problem:
    line, column = real.position(finding.path, finding.key)
    return Problem(
        code,
        finding.severity or severity,
        finding.message,
        real.file,
        line,
        column,
        finding.node,
        finding.path,
    )


def check_realisasi(
    files: Sequence[str | RealisasiResult],
    selection: Selection = Selection(),
    use_config: bool = True,
    plan: LoadResult | None = None,
) -> RealisasiReport:
    """Check realisasi files (paths, or already loaded results), in the order given.

    ``plan``, when given, is the plan every file reports on (``pokin
    capaian PLAN ...``); otherwise each file's ``rencana`` is loaded.
    """
    rules = all_rules()
    results = [load_realisasi_file(f) if isinstance(f, str) else f for f in files]
    plans: dict[str, LoadResult | None] = {}
    problems: dict[str, list[Problem]] = {r.file: list(r.problems) for r in results}
    contexts: list[RealisasiContext] = []
    for result in results:
        real = result.realisasi
        if real is None:
            continue
        if plan is not None and not _same_file(real.rencana_path, plan.file):
            problems[real.file].append(
                _place(
                    real,
                    "M017",
                    "error",
                    Finding(
                        "M017",
                        f"Berkas realisasi ini melaporkan rencana '{real.model.rencana}', bukan "
                        f"{plan.file} yang diberikan; capaiannya tidak dihitung atas rencana lain.",
                        ("rencana",),
                    ),
                )
            )
            continue
        loaded = plan if plan is not None else _plan_for(real, plans)
        if plan is None and loaded is None:
            problems[real.file].append(
                _place(
                    real,
                    "M001",
                    "error",
                    Finding(
                        "M001",
                        f"Rencana '{real.model.rencana}' tidak ditemukan (dicari di "
                        f"{real.rencana_path}); path ditulis relatif terhadap folder berkas "
                        "realisasi ini.",
                        ("rencana",),
                    ),
                )
            )
            continue
        assert loaded is not None
        errors = [p for p in loaded.problems if p.severity == "error"]
        if loaded.plan is None or errors:
            first = errors[0] if errors else None
            detail = (
                f" Masalah pertama: {first.file}:{first.line}: {first.message}" if first else ""
            )
            problems[real.file].append(
                _place(
                    real,
                    "M002",
                    "error",
                    Finding(
                        "M002",
                        f"Rencana '{real.model.rencana}' tidak dapat dimuat ({len(errors)} galat); "
                        f"realisasi tidak diperiksa dan capaian tidak dihitung.{detail}",
                        ("rencana",),
                    ),
                )
            )
            continue
        contexts.append(RealisasiContext(real, loaded.plan))
    _link_periods(contexts)
    report = RealisasiReport([])
    for ctx in contexts:
        for code, check in CHECKS:
            rule = rules[code]
            settings = _settings(ctx.real.file, use_config)
            if not combine(selection, settings).enabled(code, rule.group):
                continue
            try:
                found = list(check(ctx))
            except Exception as exc:  # a broken rule must never crash a user's run
                problems[ctx.real.file].append(
                    Problem(
                        "E001",
                        "error",
                        f"Aturan {code} ({rule.name}) gagal dijalankan: {type(exc).__name__}: "
                        f"{exc}. Laporkan ini ke pengelola pokin.",
                        ctx.real.file,
                    )
                )
                continue
            problems[ctx.real.file].extend(_place(ctx.real, code, rule.severity, f) for f in found)
        report.loaded.append(ctx.real)
        report.plans[ctx.real.file] = ctx.plan
    for result in results:
        settings = _settings(result.file, use_config)
        chosen = combine(selection, settings)
        kept = [
            p
            for p in problems[result.file]
            if chosen.enabled(p.code, _group(p.code, rules))
            or (p.severity == "error" and _group(p.code, rules) in LOAD_GROUPS)
            or p.code in _NEVER_DESELECTED
        ]
        real = result.realisasi
        if real is not None and may_suppress(real.text):
            kept = _suppress(real, kept, chosen, rules)
        kept = [_severity(p, settings, rules) for p in kept]
        kept.sort(key=Problem.sort_key)
        report.files.append(FileReport(result.file, kept, None, settings.strict))
    return report


@dataclass
class _Parsed:
    """A realisasi file with its document parsed (for its suppression comments)."""

    file: str
    document: Document

    def position(self, path: Path, key: bool = False) -> tuple[int, int]:
        return self.document.position(path, key)


def _suppress(
    real: LoadedRealisasi, problems: list[Problem], chosen: Selection, rules: dict[str, Rule]
) -> list[Problem]:
    """``# pokin: ignore[CODE]`` on a problem's line, as in a plan (E002 when unused)."""
    real.position(())  # parses the document again if it was loaded in a worker
    assert real.document is not None

    def ran(name: str) -> bool:
        """Whether the rule (or group) ``name`` ran on this realisasi file."""
        if name in GROUPS:
            return name in _RAN_GROUPS and any(
                chosen.enabled(r.code, r.group) for r in rules.values() if r.group == name
            )
        group = _group(name, rules)
        return group in _RAN_GROUPS and chosen.enabled(name, group)

    return apply_suppressions(
        _Parsed(real.file, real.document),
        problems,
        lambda code: _group(code, rules),
        ran,
        lambda name: name in rules or name in GROUPS,
        report_unused=chosen.enabled("E002", "engine"),
    )


#: The groups of the rules a realisasi file is checked by.
_RAN_GROUPS = frozenset({"yaml", "schema", "realisasi"})


#: A realisasi file whose plan is missing or broken always fails, whatever is selected.
_NEVER_DESELECTED = frozenset({"M001", "M002", "M017"})


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _group(code: str, rules: dict[str, Rule]) -> str:
    rule = rules.get(code)
    return rule.group if rule is not None else ""


def _severity(problem: Problem, settings: Settings, rules: dict[str, Rule]) -> Problem:
    severity = settings.severity_of(problem.code, _group(problem.code, rules), problem.severity)
    return problem if severity == problem.severity else replace(problem, severity=severity)


def _settings(file: str, use_config: bool) -> Settings:
    """The settings of the nearest pokin.toml / [tool.pokin] (cached per folder by config)."""
    return find_settings(file) if use_config else Settings()


def _link_periods(contexts: list[RealisasiContext]) -> None:
    """Give each file the earlier periods and any earlier file of the same period."""
    by_plan: dict[int, list[RealisasiContext]] = {}
    for ctx in contexts:
        by_plan.setdefault(id(ctx.plan.model), []).append(ctx)
    for group in by_plan.values():
        seen: dict[str, LoadedRealisasi] = {}
        for ctx in group:
            periode = ctx.real.model.periode
            if periode in seen:
                ctx.same_period = seen[periode]
            else:
                seen[periode] = ctx.real
        for ctx in group:
            month = ctx.real.end_month
            earlier = [other.real for other in group if other.real.end_month < month]
            ctx.earlier = sorted(earlier, key=lambda r: r.end_month)
