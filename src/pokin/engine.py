"""Running the rules: load → model → checks → located problems."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pokin.load import LoadResult, expand_paths, load_file
from pokin.plan import LoadedPlan
from pokin.problems import Finding, Problem
from pokin.rules.registry import Rule, all_rules


@dataclass(frozen=True)
class Selection:
    """Which rules run: codes or group names to select (empty: all) and ignore."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    @classmethod
    def of(cls, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Selection:
        """Build a selection from user input (case-insensitive codes, group names)."""
        return cls(frozenset(_norm(s) for s in select), frozenset(_norm(s) for s in ignore))

    def enabled(self, code: str, group: str) -> bool:
        """Whether a rule with this code and group should report."""
        code_n, group_n = code.upper(), group.lower()
        if self.select and code_n not in self.select and group_n not in self.select:
            return False
        return code_n not in self.ignore and group_n not in self.ignore


def _norm(item: str) -> str:
    item = item.strip()
    return item.upper() if item[:1].isalpha() and item[1:].isdigit() else item.lower()


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
    """Every enabled rule over ``plan``; a rule that raises becomes problem E001."""
    problems: list[Problem] = []
    for rule in all_rules().values():
        if rule.check is None or not selection.enabled(rule.code, rule.group):
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


@dataclass
class FileReport:
    """What checking one file found."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    result: LoadResult | None = None

    @property
    def plan(self) -> LoadedPlan | None:
        """The plan, when it passed the schema."""
        return self.result.plan if self.result is not None else None


def check_loaded(result: LoadResult, selection: Selection = Selection()) -> FileReport:
    """Problems of a loaded file: load problems, then rules when the schema passed."""
    rules = all_rules()
    problems = [
        p for p in result.problems if selection.enabled(p.code, _group_of(p.code, rules))
    ]
    if result.plan is not None:
        problems.extend(run_rules(result.plan, selection))
    problems.sort(key=Problem.sort_key)
    return FileReport(result.file, problems, result)


def _group_of(code: str, rules: dict[str, Rule]) -> str:
    rule = rules.get(code)
    return rule.group if rule is not None else ""


def check_file(path: str, selection: Selection = Selection()) -> FileReport:
    """Load and check one plan file."""
    return check_loaded(load_file(path), selection)


@dataclass
class Report:
    """What checking several files found."""

    files: list[FileReport]

    @property
    def problems(self) -> list[Problem]:
        """All problems, file by file."""
        return [p for f in self.files for p in f.problems]

    def count(self, severity: str) -> int:
        """How many problems of this severity."""
        return sum(1 for p in self.problems if p.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        """0 clean (warnings allowed unless strict), 1 problems found."""
        if self.count("error") or (strict and self.count("warning")):
            return 1
        return 0


def check_paths(paths: list[str], selection: Selection = Selection()) -> Report:
    """Check files and folders of plans (a UsageError if a path does not exist)."""
    return Report([check_file(f, selection) for f in expand_paths(paths)])
