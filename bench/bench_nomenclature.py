"""Cold load time of the shipped nomenclature index.

Each round is a fresh interpreter that times, with time.perf_counter:
the stdlib modules it needs (pokin's CLI has them loaded already),
importing pokin.nomenclature, the first lookup of each version (which reads
its data file), a warm lookup, and the first search and nearest calls (which
build their lazy tables). The best and the median of the rounds are printed.

    .venv/bin/python bench/bench_nomenclature.py [--rounds 9]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, time
t = time.perf_counter
z = t()
import bisect, dataclasses, pathlib, re, typing  # loaded anyway by pokin's CLI (pydantic, typer)
a = t()
import pokin.nomenclature as n
b = t()
n.lookup("1.06.06.2.01.0001", "kepmendagri-900", "kabupaten")
c = t()
n.lookup("1.06.06.2.01.0001", "pemutakhiran-2027", "kabupaten")
d = t()
n.lookup("1.06.06.2.01.0002", "pemutakhiran-2027", "kabupaten")
e = t()
n.search("permakanan")
f = t()
n.nearest("Penyediaan Makanan Pengungsi", "subkegiatan", "pemutakhiran-2027", "kota")
g = t()
n.nearest("Penyediaan Makanan Pengungsi", "subkegiatan", "pemutakhiran-2027", "kota")
h = t()
print(json.dumps({
    "stdlib modules it uses (already loaded in pokin validate)": a - z,
    "import pokin.nomenclature after them": b - a,
    "first lookup kepmendagri-900 (load)": c - b,
    "first lookup pemutakhiran-2027 (load)": d - c,
    "import + load kepmendagri-900": c - a,
    "import + load pemutakhiran-2027 alone": (b - a) + (d - c),
    "warm lookup": e - d,
    "first search, both versions": f - e,
    "first nearest by name": g - f,
    "second nearest by name": h - g,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    runs: list[dict[str, float]] = []
    for _ in range(args.rounds):
        out = subprocess.run(
            [sys.executable, "-c", CHILD], check=True, capture_output=True, text=True
        ).stdout
        runs.append(json.loads(out))
    data = ROOT / "src" / "pokin" / "nomenclature" / "data"
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.2f} MB" for p in sorted(data.iterdir()))
    print(f"nomenclature index ({sizes}); {args.rounds} fresh interpreters, best / median:")
    for key in runs[0]:
        values = [r[key] * 1000 for r in runs]
        print(f"  {key}: {min(values):.2f} / {statistics.median(values):.2f} ms")


if __name__ == "__main__":
    main()
