"""The one rule registry: every check pokin runs, with its stable code.

A rule is a small pure function over a :class:`~pokin.plan.LoadedPlan` that
yields :class:`~pokin.problems.Finding` objects (a document path and a
message). The engine places them in the file, applies the user's selection
and turns a rule that raises into a reported internal problem.

Codes that the loader itself reports (YAML and schema problems) are
registered too, without a check function, so ``pokin rules`` documents every
code a user can see.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pokin.problems import Finding, Severity

CheckFn = Callable[..., Iterable[Finding]]

#: Group name → one-line description, in display order.
GROUPS: dict[str, str] = {
    "yaml": "the file itself: encoding, YAML syntax, duplicate keys, aliases",
    "schema": "keys, types and numbers of the plan format",
    "reference": "ids and the references between them",
    "budget": "anggaran roll-up and budget lines",
    "cascade": "the shape of the cascade and who answers for each node",
    "indicator": "indicators, units and targets",
    "nomenclature": "kode, nama and satuan against the official nomenclature (Kepmendagri 900)",
    "engine": "pokin's own operation (suppressions, internal failures)",
    "rencana-aksi": "targets per triwulan (rencana aksi) and the capaian method of indicators",
    "realisasi": "realisasi files: node ids, figures, periods and the plan they report on",
    "sheet": "spreadsheets read by pokin import: sheets, columns and rows",
}

#: Modules that define rules; imported on first use so start-up stays quick.
RULE_MODULES: tuple[str, ...] = (
    "pokin.check.rules.loading",
    "pokin.check.rules.reference",
    "pokin.check.rules.budget",
    "pokin.check.rules.cascade",
    "pokin.check.rules.indicator",
    "pokin.check.rules.nomenclature",
    "pokin.check.rules.workspace",
    "pokin.check.rules.evaluator",  # I013–I016, C010, C011
    "pokin.check.rules.rencana_aksi",  # T001–T005
    "pokin.check.rules.realisasi",  # M001–M016 (realisasi files)
    "pokin.check.rules.sheet",  # X001–X003: pokin import
)


@dataclass(frozen=True)
class Rule:
    """A registered rule: code, name, group, default severity and its check."""

    code: str
    name: str
    group: str
    severity: Severity
    check: CheckFn | None
    doc: str

    @property
    def kinds(self) -> tuple[str, ...]:
        """The document kinds (``dokumen``) the rule applies to (the kinds table says)."""
        from pokin.levels import rule_kinds

        return rule_kinds(self.code)

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


_RULES: dict[str, Rule] = {}
_loaded = False


def rule(
    code: str, name: str, group: str, severity: Severity = "error"
) -> Callable[[CheckFn], CheckFn]:
    """Register a check function as rule ``code`` (decorator)."""

    def register(fn: CheckFn) -> CheckFn:
        _add(Rule(code, name, group, severity, fn, inspect.getdoc(fn) or ""))
        return fn

    return register


def declare(code: str, name: str, group: str, doc: str, severity: Severity = "error") -> None:
    """Register a code that the loader reports itself (no check function)."""
    _add(Rule(code, name, group, severity, None, inspect.cleandoc(doc)))


def _add(new: Rule) -> None:
    if new.group not in GROUPS:
        raise ValueError(f"rule {new.code}: unknown group {new.group!r}")
    old = _RULES.get(new.code)
    if old is not None and old.check is not new.check:
        raise ValueError(f"rule code {new.code} registered twice")
    _RULES[new.code] = new


def all_rules() -> dict[str, Rule]:
    """Every registered rule by code, in code order."""
    global _loaded
    if not _loaded:
        for module in RULE_MODULES:
            importlib.import_module(module)
        _loaded = True
    return dict(sorted(_RULES.items()))


def get_rule(code: str) -> Rule | None:
    """The rule with this code (case-insensitive), or ``None``."""
    return all_rules().get(code.upper())
