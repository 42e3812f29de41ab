"""Rendering the rule registry: the list of rules and one rule's documentation."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from pokin.check.rules.registry import GROUPS, Rule
from pokin.levels import DOCUMENT_KINDS
from pokin.render.rules_text import EXPLANATIONS, GROUP_TEXT, summary

_SEVERITY_WORD = {"error": "galat", "warning": "peringatan"}
#: Where a docstring's examples start, and their labels as `pokin rules` shows them.
_EXAMPLES = re.compile(r"^(Failing|Passing):", re.MULTILINE)
_EXAMPLE_LABEL = {"Failing": "Contoh yang salah:", "Passing": "Contoh yang benar:"}


def rule_summary(rule: Rule) -> str:
    """The rule's one-line summary, in Indonesian where pokin has it."""
    return summary(rule.code) or rule.summary


def rule_text(rule: Rule) -> str:
    """The rule's explanation in Indonesian, then the examples of its docstring."""
    doc = rule.doc.strip()
    text = EXPLANATIONS.get(rule.code)
    if text is None:
        return doc or rule.name
    match = _EXAMPLES.search(doc)
    if match is None:
        return text
    examples = _EXAMPLES.sub(lambda m: _EXAMPLE_LABEL[m.group(1)], doc[match.start() :])
    return text + "\n\n" + examples


def render_rule_list(rules: Iterable[Rule]) -> str:
    """One line per rule: code, group, default severity and summary."""
    items = list(rules)
    group_width = max((len(r.group) for r in items), default=5)
    group_width = max(group_width, len("KELOMPOK"))
    lines = [f"{'KODE':<6}{'KELOMPOK':<{group_width + 2}}{'TINGKAT':<12}RINGKASAN"]
    for r in items:
        word = _SEVERITY_WORD[r.severity]
        lines.append(
            f"{r.code:<6}{r.group:<{group_width + 2}}{word:<12}{rule_summary(r)}{_kinds_note(r)}"
        )
    lines.append("")
    lines.append("Jenis dokumen (dokumen): " + ", ".join(k.key for k in DOCUMENT_KINDS) + ".")
    lines.append("Rincian dan contoh: pokin rules KODE")
    return "\n".join(lines)


def render_rule(rule: Rule) -> str:
    """The full documentation of one rule, with its failing and passing examples."""
    kind = "diperiksa pokin validate" if rule.check is not None else "dilaporkan saat membaca"
    group = GROUP_TEXT.get(rule.group) or GROUPS.get(rule.group, "")
    if rule.group == "realisasi":
        kind = "diperiksa pokin validate pada berkas realisasi"
    head = [
        f"{rule.code} {rule.name}",
        f"kelompok: {rule.group} ({group})",
        f"tingkat bawaan: {_SEVERITY_WORD[rule.severity]} ({kind})",
        f"jenis dokumen: {', '.join(rule.kinds)}",
        "",
    ]
    return "\n".join(head) + rule_text(rule)


def render_rules_json(rules: Iterable[Rule]) -> str:
    """The rules as a JSON list (code, name, group, severity, summary, doc)."""
    return json.dumps(
        [
            {
                "code": r.code,
                "name": r.name,
                "group": r.group,
                "severity": r.severity,
                "summary": rule_summary(r),
                "doc": r.doc.strip(),
                "penjelasan": rule_text(r),
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
    return f" (tidak untuk: {', '.join(skipped)})" if skipped else ""
