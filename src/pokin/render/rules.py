"""Rendering the rule registry: the list of rules and one rule's documentation."""

from __future__ import annotations

import json
from collections.abc import Iterable

from pokin.check.rules.registry import GROUPS, Rule
from pokin.levels import DOCUMENT_KINDS

_SEVERITY_WORD = {"error": "error", "warning": "warning"}


def render_rule_list(rules: Iterable[Rule]) -> str:
    """One line per rule: code, group, default severity and summary."""
    items = list(rules)
    group_width = max((len(r.group) for r in items), default=5)
    lines = [f"{'CODE':<6}{'GROUP':<{group_width + 2}}{'SEVERITY':<10}SUMMARY"]
    for r in items:
        lines.append(
            f"{r.code:<6}{r.group:<{group_width + 2}}{r.severity:<10}{r.summary}{_kinds_note(r)}"
        )
    lines.append("")
    lines.append("Document kinds (dokumen): " + ", ".join(k.key for k in DOCUMENT_KINDS) + ".")
    lines.append("Details and examples: pokin rules CODE")
    return "\n".join(lines)


def render_rule(rule: Rule) -> str:
    """The full documentation of one rule, with its failing and passing examples."""
    kind = "checked by pokin validate" if rule.check is not None else "reported while loading"
    if rule.group == "realisasi":
        kind = "checked by pokin validate on realisasi files"
    head = [
        f"{rule.code} {rule.name}",
        f"group: {rule.group} ({GROUPS.get(rule.group, '')})",
        f"default severity: {_SEVERITY_WORD[rule.severity]} ({kind})",
        f"document kinds: {', '.join(rule.kinds)}",
        "",
    ]
    return "\n".join(head) + (rule.doc.strip() or rule.name)


def render_rules_json(rules: Iterable[Rule]) -> str:
    """The rules as a JSON list (code, name, group, severity, summary, doc)."""
    return json.dumps(
        [
            {
                "code": r.code,
                "name": r.name,
                "group": r.group,
                "severity": r.severity,
                "summary": r.summary,
                "doc": r.doc.strip(),
                "kinds": list(r.kinds),
            }
            for r in rules
        ],
        ensure_ascii=False,
        indent=2,
    )


def _kinds_note(rule: Rule) -> str:
    """`` (not in: rpjmd, pk)`` for a rule that some document kinds skip."""
    skipped = [k.key for k in DOCUMENT_KINDS if k.key not in rule.kinds]
    return f" (not in: {', '.join(skipped)})" if skipped else ""
