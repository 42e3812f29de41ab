"""Every realisasi rule's documented examples are true, on the example's TW I realisasi.

A fragment's top-level keys replace those of examples/realisasi/2025-tw1.yaml
and its ``realisasi`` entries replace (or add) the entries of those node ids;
the result is checked together with the unchanged TW I file as the earlier
period, against a copy of the example plan. The rule must fire on
``Failing`` and stay silent on ``Passing``.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pokin.check.realisasi import check_realisasi
from pokin.check.rules.registry import Rule, all_rules
from tests.helpers import EXAMPLE
from tests.test_rule_examples import examples

TW1 = EXAMPLE.parent / "realisasi" / "2025-tw1.yaml"
#: Rules whose examples need a plan other than the example's (tested in test_realisasi.py).
NEEDS_ANOTHER_PLAN = {"M013": "a target of 0", "M017": "pokin capaian with another plan"}
RULES = [
    r
    for r in all_rules().values()
    if r.group == "realisasi" and examples(r) and r.code not in NEEDS_ANOTHER_PLAN
]


def merged(fragment: str) -> str:
    """The TW I realisasi with the fragment merged in."""
    yaml = YAML(typ="safe")
    base: dict[str, Any] = yaml.load(TW1.read_text(encoding="utf-8"))
    change: dict[str, Any] = yaml.load(fragment)
    for key, value in change.items():
        if key == "realisasi":
            base["realisasi"].update(value)
        else:
            base[key] = value
    out = io.StringIO()
    yaml.dump(base, out)
    return out.getvalue()


def _codes(tmp_path: Path, fragment: str, code: str) -> list[int]:
    folder = tmp_path / "realisasi"
    folder.mkdir(exist_ok=True)
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    (folder / "rusak.yaml").write_text("pokin: 1\ntahun: [2025\n", encoding="utf-8")
    earlier = folder / "tw1.yaml"
    earlier.write_text(TW1.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "contoh.yaml"
    path.write_text(merged(fragment), encoding="utf-8")
    report = check_realisasi([str(earlier), str(path)], use_config=False)
    return [p.line for p in report.files[1].problems if p.code == code]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_fires_on_failing_and_silent_on_passing(rule: Rule, tmp_path: Path) -> None:
    found = examples(rule)
    assert set(found) == {"Failing", "Passing"}, rule.code
    assert _codes(tmp_path, found["Failing"], rule.code), f"{rule.code} silent on Failing"
    assert not _codes(tmp_path, found["Passing"], rule.code), f"{rule.code} fires on Passing"


def test_every_realisasi_rule_documents_both_examples() -> None:
    rules = [r for r in all_rules().values() if r.group == "realisasi"]
    assert len(rules) == 19
    assert all(set(examples(r)) == {"Failing", "Passing"} for r in rules)
