"""Every rule's documented examples are true: it fires on ``Failing`` and is silent on ``Passing``.

A rule's docstring shows its examples as YAML fragments of a plan. Each is
merged into the example plan (examples/dinsos_kotim_2025.yaml) — see
:func:`merge` — and the rule is run on the result, which must still load.
"""

from __future__ import annotations

import io
import re
import textwrap
from typing import Any

import pytest
from ruamel.yaml import YAML

from pokin.check.engine import Selection, check_loaded
from pokin.check.rules.registry import Rule, all_rules
from pokin.source.load import load_text
from tests.helpers import EXAMPLE

_BLOCK = re.compile(r"^(Failing|Passing):\n((?:[ \t]+.*\n?|\n)+)", re.M)


def examples(rule: Rule) -> dict[str, str]:
    """The rule's ``Failing`` and ``Passing`` fragments, dedented, ``...`` lines left out."""
    found = {}
    for name, body in _BLOCK.findall(rule.doc + "\n"):
        lines = [line for line in textwrap.dedent(body).splitlines() if line.strip() != "..."]
        found[name] = "\n".join(lines).strip() + "\n"
    return found


def _ids(value: Any) -> set[str]:
    """The ids named in a fragment, at any depth."""
    found: set[str] = set()
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            found.add(value["id"])
        for item in value.values():
            found |= _ids(item)
    elif isinstance(value, list):
        for item in value:
            found |= _ids(item)
    return found


def _find(base: Any, wanted: str) -> dict[str, Any] | None:
    """The mapping with ``id: wanted`` anywhere in ``base`` (depth first, file order)."""
    stack = [base]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if value.get("id") == wanted:
                return value
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return None


def _is_items(value: Any) -> bool:
    return (
        bool(value)
        and isinstance(value, list)
        and all(isinstance(i, dict) and "id" in i for i in value)
    )


def _merge_list(base: list[Any], fragment: list[Any]) -> list[Any]:
    result = list(base)
    seen: set[str] = set()
    for item in fragment:
        match = next((b for b in result if isinstance(b, dict) and b.get("id") == item["id"]), None)
        if match is None or item["id"] in seen:
            result.append({k: v for k, v in item.items() if v is not None})
        else:
            _merge_dict(match, item)
        seen.add(item["id"])
    return result


def _merge_dict(base: dict[str, Any], fragment: dict[str, Any]) -> None:
    for key, value in fragment.items():
        old = base.get(key)
        if value is None:
            base.pop(key, None)
        elif _is_items(value) and isinstance(old, list):
            base[key] = _merge_list(old, value)
        elif (
            isinstance(value, dict) and isinstance(old, dict) and key not in ("target", "anggaran")
        ):
            _merge_dict(old, value)
        else:
            base[key] = value


def merge(fragment_text: str) -> str:
    """The example plan with a documented fragment merged in, as YAML text.

    The fragment's mappings update the example's key by key, and ``null``
    removes a key. A list of items with ``id`` is merged by id: an item whose
    id is in that list is updated, an item with a new id (or an id listed a
    second time) is added to it. The fragment reaches into the plan through
    ids: a mapping or a top-level list item with an ``id`` updates the node,
    jabatan or Renstra item of that id wherever it is; a top-level list item
    with a new id and an ``eselon`` is a new jabatan. A mapping without ``id``
    holds top-level keys of the plan.
    """
    yaml = YAML(typ="safe")
    base = yaml.load(EXAMPLE.read_text(encoding="utf-8"))
    fragment = yaml.load(fragment_text)
    items = fragment if isinstance(fragment, list) else [fragment]
    for item in items:
        assert isinstance(item, dict), f"fragment item is not a mapping: {item!r}"
        if "id" not in item:
            _merge_dict(base, item)
            continue
        target = _find(base, item["id"])
        if target is not None:
            _merge_dict(target, item)
        else:
            assert "eselon" in item, f"new id {item['id']!r} needs its parent in the fragment"
            base["jabatan"].append(item)
    out = io.StringIO()
    yaml.dump(base, out)
    return out.getvalue()


def _reported(rule: Rule, text: str) -> list[tuple[str | None, int]]:
    result = load_text(text, "contoh.yaml")
    assert result.plan is not None, [(p.code, p.line, p.message) for p in result.problems]
    report = check_loaded(result, Selection.of([rule.code]))
    return [(p.node, p.line) for p in report.problems if p.code == rule.code]


RULES = [r for r in all_rules().values() if r.check is not None and examples(r)]
_YAML = YAML(typ="safe")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_fires_on_failing_and_silent_on_passing(rule: Rule) -> None:
    found = examples(rule)
    assert set(found) == {"Failing", "Passing"}, f"{rule.code} documents {sorted(found)}"
    before = _reported(rule, EXAMPLE.read_text(encoding="utf-8"))
    failing_ids = _ids(_YAML.load(found["Failing"]))
    failing = _reported(rule, merge(found["Failing"]))
    assert [p for p in failing if p[0] in failing_ids] or len(failing) > len(before), (
        f"{rule.code} does not fire on its Failing example"
    )
    passing_ids = _ids(_YAML.load(found["Passing"]))
    passing = _reported(rule, merge(found["Passing"]))
    assert not [p for p in passing if p[0] in passing_ids], (
        f"{rule.code} fires on Passing: {passing}"
    )
    assert len(passing) <= len(before), f"{rule.code} fires on its Passing example: {passing}"


def test_every_rule_with_a_check_documents_both_examples() -> None:
    missing = [r.code for r in all_rules().values() if r.check is not None and not examples(r)]
    assert not missing
