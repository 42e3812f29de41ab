"""SARIF 2.1.0 output, for code scanning dashboards (GitHub, Azure DevOps, …).

One run of the tool ``pokin``; its driver lists every rule code (id, name,
descriptions, default level, help with the rule's examples); each problem is a
result pointing at its rule, file, line and column. File paths under the
current folder are written relative to ``%SRCROOT%``.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from pokin import __version__
from pokin.check.result import Report
from pokin.check.rules.registry import Rule, all_rules
from pokin.problems import Problem

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SRCROOT = "%SRCROOT%"


def _rule_entry(rule: Rule) -> dict[str, object]:
    doc = rule.doc.strip() or rule.name
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc},
        "defaultConfiguration": {"level": rule.severity},
        "help": {"text": doc, "markdown": _markdown(rule)},
        "properties": {"tags": [rule.group]},
    }


def _markdown(rule: Rule) -> str:
    body = rule.doc.strip()
    return f"**{rule.code} {rule.name}** ({rule.group})\n\n```\n{body}\n```"


def artifact_location(file: str, cwd: Path | None = None) -> dict[str, str]:
    """A SARIF artifactLocation: relative to %SRCROOT% when under ``cwd``."""
    base = (cwd or Path.cwd()).resolve()
    path = Path(file)
    absolute = path if path.is_absolute() else base / path
    try:
        relative = absolute.resolve().relative_to(base)
    except ValueError:
        return {"uri": absolute.resolve().as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": _SRCROOT}


def _result(problem: Problem, index: int | None, cwd: Path) -> dict[str, object]:
    message = f"[{problem.node}] {problem.message}" if problem.node else problem.message
    if problem.cell is not None:
        message = f"{problem.cell}: {message}"
    result: dict[str, object] = {
        "ruleId": problem.code,
        "level": problem.severity,
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(problem.file, cwd),
                    "region": {"startLine": problem.line, "startColumn": problem.column},
                }
            }
        ],
    }
    if index is not None:
        result["ruleIndex"] = index
    if problem.node:
        result["properties"] = {"node": problem.node}
    return result


def render_sarif(report: Report, cwd: Path | None = None) -> str:
    """The report as one SARIF 2.1.0 log (JSON text)."""
    base = (cwd or Path.cwd()).resolve()
    rules = list(all_rules().values())
    index = {rule.code: i for i, rule in enumerate(rules)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pokin",
                        "version": __version__,
                        "rules": [_rule_entry(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {_SRCROOT: {"uri": base.as_uri() + "/"}},
                "results": [_result(p, index.get(p.code), base) for p in report.problems],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
