"""Paths that used to be quadratic, timed at 1× and 10× size.

Each path is timed in-process (best of several runs) on a synthetic input of
size n and 10·n. A near-linear path takes about ten times as long at 10×; a
quadratic one about a hundred times. The limit per path is 50× (between the
two on a log scale: cache effects of the larger input and a shared machine's
noise allowed, a quadratic path caught).

* R002 "did you mean" suggestions over many unknown ``pj``
* R003 the atasan chain walk on a long chain
* I009 near-duplicate statements among many siblings
* diff: the word diff of two long statements, and a long list field
* ``pk --all``: every jabatan's PK rendered with templates compiled once

    .venv/bin/python bench/bench_quadratic.py [--n 400]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable

from common import ROOT, report

sys.path.insert(0, str(ROOT / "src"))

from pokin.plan import LoadedPlan
from pokin.source.load import load_text

LIMIT = 50.0

HEAD = """\
pokin: 1
perangkat_daerah: Dinas Contoh
tahun: 2025
periode: [2021, 2025]
"""


def _plan(text: str) -> LoadedPlan:
    result = load_text(text, "bench.yaml")
    assert result.plan is not None, [p.message for p in result.problems][:3]
    return result.plan


def _tree(children: list[str], ekspektasi: list[str] | None = None) -> str:
    """An outcome → csf → program → kegiatan with the given sub kegiatan blocks."""
    eks = "".join(f"    - {e}\n" for e in ekspektasi or [])
    return (
        "outcome:\n  id: outcome\n  kinerja: Meningkatnya kesejahteraan\n"
        + ("  ekspektasi:\n" + eks if eks else "")
        + "csf:\n  - id: csf-1\n    kinerja: Meningkatnya pelayanan\n    program:\n"
        "      - id: prog-1\n        kinerja: Terwujudnya layanan\n        nama: Program\n"
        "        kegiatan:\n          - id: keg-1\n            kinerja: Terpenuhinya kebutuhan\n"
        "            nama: Kegiatan\n            subkegiatan:\n" + "".join(children)
    )


def _sub(k: int, kinerja: str, pj: str | None = None) -> str:
    line = f"              - id: sub-{k}\n                kinerja: {kinerja}\n"
    line += f"                nama: Sub kegiatan {k}\n"
    if pj:
        line += f"                pj: {pj}\n"
    return line


def _jabatan(ids: list[tuple[str, str | None]]) -> str:
    out = "jabatan:\n"
    for jid, atasan in ids:
        out += f"  - id: {jid}\n    nama: Jabatan {jid}\n    eselon: IV\n"
        if atasan:
            out += f"    atasan: {atasan}\n"
    return out


# ---------------------------------------------------------------- the inputs


def r002(n: int) -> Callable[[], object]:
    from pokin.check.rules.reference import unknown_pj

    jab = _jabatan([(f"kasi-bidang-{k}", None) for k in range(n)])
    subs = [_sub(k, f"Tersedianya layanan {k}", f"kasie-bidang-{k}x") for k in range(n)]
    plan = _plan(HEAD + jab + _tree(subs))
    return lambda: list(unknown_pj(plan))


def r003(n: int) -> Callable[[], object]:
    from pokin.check.rules.reference import unknown_atasan

    chain = [(f"j{k}", f"j{k - 1}" if k else None) for k in range(n)]
    chain[0] = ("j0", f"j{n - 1}")  # one loop through the whole chain
    plan = _plan(HEAD + _jabatan(chain) + _tree([_sub(0, "Tersedianya layanan")]))
    return lambda: list(unknown_atasan(plan))


def i009(n: int) -> Callable[[], object]:
    from pokin.check.rules.indicator import duplicate_statement

    def statement(k: int) -> str:
        # the same letters, split into words differently: equal squeezed, different norms
        letters = "a" * 40
        return "".join(ch + (" " if (k >> i) & 1 else "") for i, ch in enumerate(letters)).strip()

    plan = _plan(HEAD + _tree([_sub(k, statement(k)) for k in range(3 * n)]))
    return lambda: list(duplicate_statement(plan))


def word_diff(n: int) -> Callable[[], object]:
    from pokin.views.diff import word_diff as diff

    words = [f"kata{k}" for k in range(n * 30)]
    old = " ".join(["awal", *words, "akhir"])
    new = " ".join(["mula", *words[::-1], "selesai"])
    return lambda: diff(old, new)


def list_diff(n: int) -> Callable[[], object]:
    from pokin.views.diff import compare

    old = _plan(HEAD + _tree([_sub(0, "Tersedianya layanan")], [f"lama {k}" for k in range(n)]))
    new = _plan(HEAD + _tree([_sub(0, "Tersedianya layanan")], [f"baru {k}" for k in range(n)]))
    return lambda: compare(old, new)


def pk_all(n: int) -> Callable[[], object]:
    from pokin.render.documents import render
    from pokin.views.pk import build_all

    jab = _jabatan([(f"j{k}", None) for k in range(n // 10)])
    subs = [_sub(k, f"Tersedianya layanan {k}", f"j{k % (n // 10)}") for k in range(n // 10)]
    plan = _plan(HEAD + jab + _tree(subs))

    def run() -> object:
        return [render("pk", "html", {"pk": doc}) for doc in build_all(plan)]

    return run


PATHS: dict[str, Callable[[int], Callable[[], object]]] = {
    "R002 suggestions": r002,
    "R003 atasan chain": r003,
    "I009 near-duplicates": i009,
    "diff word diff": word_diff,
    "diff list field": list_diff,
    "pk --all templates": pk_all,
}


def best(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up (imports, template compilation)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="the 1× size (default 1000)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    gc.disable()  # as the pokin command does: the collector's passes are not the paths timed
    ok = True
    print(f"Quadratic paths, n = {args.n} and {10 * args.n}:")
    for name, make in PATHS.items():
        one = best(make(args.n), args.runs)
        ten = best(make(10 * args.n), args.runs)
        print(f"  {name}: 1× {one * 1000:.1f} ms, 10× {ten * 1000:.1f} ms")
        ok &= report(f"{name} 10×/1×", ten / max(one, 1e-9), LIMIT)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
