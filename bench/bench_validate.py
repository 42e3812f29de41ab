"""Start-up, validating the example, large plans (block and flow) vs check-jsonschema.

    python bench/bench_validate.py

Needs the ``bench`` extra (PyYAML for the start-up floor, check-jsonschema).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    EXAMPLE,
    best_times_interleaved,
    ensure_plan,
    pokin,
    python,
    report,
    seconds,
)


def check_jsonschema() -> list[str]:
    """The check-jsonschema command next to this Python."""
    exe = Path(sys.executable).with_name("check-jsonschema")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("check-jsonschema")
    if not found:
        raise SystemExit("check-jsonschema is missing: pip install -e '.[bench]'")
    return [found]


def main() -> int:
    """Run the measurements and print the ratios."""
    ok = True
    from pokin.source.parse import c_parser_in_use

    print(f"pokin validate (C parser in use: {c_parser_in_use()})")
    floor, helptime, example = best_times_interleaved(
        [python("-c", "import yaml"), pokin("--help"), pokin("validate", str(EXAMPLE))], runs=10
    )
    seconds("python -c 'import yaml'", floor)
    seconds("pokin --help", helptime)
    ok &= report("pokin --help / import yaml", helptime / floor, 2)
    seconds("pokin validate example", example)
    ok &= report("pokin validate example / import yaml", example / floor, 6)

    with tempfile.TemporaryDirectory() as tmp:
        schema = Path(tmp) / "pokin.schema.json"
        out = subprocess.run(pokin("schema"), capture_output=True, text=True, check=True).stdout
        json.loads(out)
        schema.write_text(out, encoding="utf-8")
        for nodes, target in ((1_000, 3), (10_000, 5)):
            for style in ("block", "flow"):
                plan = ensure_plan(nodes, style)
                ours, theirs = best_times_interleaved(
                    [
                        pokin("validate", str(plan)),
                        [*check_jsonschema(), "--schemafile", str(schema), str(plan)],
                    ],
                    runs=3,
                )
                seconds(f"pokin validate, {nodes} nodes, {style}", ours)
                seconds(f"check-jsonschema, {nodes} nodes, {style}", theirs)
                ok &= report(
                    f"check-jsonschema / pokin validate, {nodes} nodes, {style}",
                    theirs / ours,
                    target,
                    lower_is_better=False,
                )
        block, flow = best_times_interleaved(
            [pokin("validate", str(ensure_plan(10_000, s))) for s in ("block", "flow")]
        )
        seconds("pokin validate, 10,000 nodes, block (alternating with flow)", block)
        seconds("pokin validate, 10,000 nodes, flow (alternating with block)", flow)
        ok &= report("pokin validate flow / block, 10,000 nodes", flow / block, 1.1)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
