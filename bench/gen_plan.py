"""Generate a synthetic, consistent plan of about N nodes in pokin's format.

Realistic text lengths, official Kepmendagri 900 codes with their names,
sub kegiatan indicators and satuan, yearly-free budgets that add up, every
node owned and indicated, so ``pokin validate`` finds nothing to report on it (the clean
path a large agency's plan takes in CI).

    python bench/gen_plan.py --nodes 10000 -o bench/data/plan_10000.yaml
    python bench/gen_plan.py --nodes 10000 --style flow -o bench/data/plan_10000_flow.yaml
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

WORDS = [
    "pelayanan",
    "sosial",
    "penyandang",
    "disabilitas",
    "terlantar",
    "anak",
    "lanjut",
    "usia",
    "gelandangan",
    "pengemis",
    "korban",
    "bencana",
    "alam",
    "kebutuhan",
    "dasar",
    "permakanan",
    "sandang",
    "tempat",
    "penampungan",
    "pengungsi",
    "kelompok",
    "rentan",
    "dukungan",
    "psikososial",
    "reunifikasi",
    "keluarga",
    "bimbingan",
    "fisik",
    "mental",
    "spiritual",
    "pembuatan",
    "nomor",
    "induk",
    "kependudukan",
    "akta",
    "kelahiran",
    "layanan",
    "rujukan",
    "kedaruratan",
    "penelusuran",
    "pemberdayaan",
    "potensi",
    "sumber",
    "kesejahteraan",
    "kelembagaan",
    "masyarakat",
    "karang",
    "taruna",
    "pemeliharaan",
    "taman",
    "makam",
    "pahlawan",
    "perencanaan",
    "penganggaran",
    "evaluasi",
    "kinerja",
    "perangkat",
    "daerah",
    "administrasi",
    "keuangan",
    "kepegawaian",
    "umum",
]

# results, not activities (I015 warns on "Terlaksananya …" above sub kegiatan)
STATEMENT_PREFIX = ("Terwujudnya", "Terpenuhinya", "Tersedianya", "Terkelolanya", "Meningkatnya")
UNITS = ("orang", "paket", "dokumen", "laporan", "unit", "lembaga")


def text(rng: random.Random, lo: int, hi: int) -> str:
    """A phrase of lo..hi words from the pool."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def shape(nodes: int) -> tuple[int, int, int, int]:
    """Fan-out (csf, program per csf, kegiatan per program, sub per kegiatan)."""
    f = max(2, round((nodes - 1) ** 0.25))
    csf, prog, keg = f, f, f
    upper = 1 + csf + csf * prog + csf * prog * keg
    sub = max(1, math.ceil((nodes - upper) / (csf * prog * keg)))
    return csf, prog, keg, sub


def q(value: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_indicators(lines: list[str]) -> list[str]:
    """Each block indicator item as one flow mapping: ``- {uraian: …, satuan: …}``."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip(" ")
        if not stripped.startswith("- uraian: "):
            out.append(line)
            i += 1
            continue
        pad = line[: len(line) - len(stripped)]
        parts = [stripped[2:]]
        i += 1
        while (
            i < len(lines)
            and lines[i].startswith(pad + "  ")
            and not lines[i].startswith(pad + "   ")
        ):
            parts.append(lines[i].strip())
            i += 1
        out.append(pad + "- {" + ", ".join(parts) + "}")
    return out


Sub = tuple[str, str, str, str]  # kode, nama, indikator, satuan
Keg = tuple[str, str, list[Sub]]
Prog = tuple[str, str, list[Keg]]


def official_programs() -> list[Prog]:
    """Kepmendagri 900 (kabupaten/kota) programs with their kegiatan and sub kegiatan.

    The plan's codes, names, sub kegiatan indicators and satuan are the
    official ones, so the nomenclature checks take the path of a real plan.
    """
    from pokin.nomenclature import search

    entries = [
        e
        for head in "0123456789X"
        for e in search(head, "kepmendagri-900", "kabupaten", limit=1_000_000)
    ]
    subs: dict[str, list[Sub]] = {}
    kegs: dict[str, list[Keg]] = {}
    for e in entries:
        if e.level == "subkegiatan":
            parent = e.kode.rsplit(".", 1)[0]
            subs.setdefault(parent, []).append((e.kode, e.nama, e.indikator or "", e.satuan or ""))
    for e in entries:
        if e.level == "kegiatan" and subs.get(e.kode):
            kegs.setdefault(e.kode.rsplit(".", 2)[0], []).append((e.kode, e.nama, subs[e.kode]))
    return [
        (e.kode, e.nama, kegs[e.kode]) for e in entries if e.level == "program" and e.kode in kegs
    ]


def generate(nodes: int, seed: int = 2025, style: str = "block") -> str:
    """The plan text; ``style="flow"`` writes every indicator as a flow mapping."""
    rng = random.Random(seed)
    n_csf, n_prog, n_keg, n_sub = shape(nodes)
    programs = official_programs()
    out: list[str] = [
        "pokin: 1",
        "perangkat_daerah: Dinas Sintetis Kabupaten Contoh",
        "tahun: 2025",
        "periode: [2021, 2025]",
        "renstra:",
        "  sasaran:",
    ]
    for c in range(n_csf):
        out += [
            f"    - id: rs-{c}",
            f"      kinerja: {q('Meningkatnya ' + text(rng, 4, 8))}",
            "      indikator:",
            f"        - uraian: {q('Persentase ' + text(rng, 4, 9))}",
            '          satuan: "%"',
            "          target: {2021: 60.5, 2022: 65.5, 2023: 70.5, 2024: 75.5, 2025: 80.5}",
        ]
    out += ["jabatan:", "  - id: kadis", "    nama: Kepala Dinas", "    eselon: II"]
    for c in range(n_csf):
        out += [
            f"  - id: kabid-{c}",
            f"    nama: {q('Kepala Bidang ' + text(rng, 2, 4))}",
            "    eselon: III",
            "    atasan: kadis",
        ]
        out += [
            f"  - id: jf-{c}",
            f"    nama: {q('Pejabat Fungsional ' + text(rng, 2, 4))}",
            "    eselon: JF",
            f"    atasan: kabid-{c}",
        ]
    out += [
        "outcome:",
        "  id: outcome",
        f"  kinerja: {q('Meningkatnya ' + text(rng, 5, 9))}",
        "  indikator:",
        f"    - uraian: {q('Persentase ' + text(rng, 5, 9))}",
        '      satuan: "%"',
        "  pj: kadis",
        f"  ekspektasi: [{q(text(rng, 5, 9))}]",
        f"  mandat: [{q(text(rng, 5, 9))}]",
        f"  isu_strategis: [{q(text(rng, 5, 9))}]",
        "csf:",
    ]
    for c in range(n_csf):
        out += [
            f"  - id: csf-{c}",
            f"    kinerja: {q('Meningkatnya ' + text(rng, 4, 8))}",
            "    indikator:",
            f"      - uraian: {q('Persentase ' + text(rng, 4, 8))}",
            '        satuan: "%"',
            "        target: 80.5",
            "    pj: kadis",
            f"    renstra: rs-{c}",
            "    program:",
        ]
        for p in range(n_prog):
            pcode, pnama, pkegs = programs[(c * n_prog + p) % len(programs)]
            kegs: list[list[str]] = []
            prog_total = 0
            for k in range(n_keg):
                kcode, knama, ksubs = pkegs[k % len(pkegs)]
                subs: list[str] = []
                keg_total = 0
                for s in range(n_sub):
                    scode, snama, sindikator, ssatuan = ksubs[s % len(ksubs)]
                    amount = rng.randrange(1_000, 500_000) * 1_000
                    keg_total += amount
                    ident = f"s-{c}-{p}-{k}-{s}"
                    subs += [
                        f"              - id: {ident}",
                        f"                kinerja: {q(rng.choice(STATEMENT_PREFIX) + ' ' + text(rng, 6, 14))}",
                        f"                nama: {q(snama)}",
                        f'                kode: "{scode}"',
                        f"                anggaran: {amount}",
                        "                indikator:",
                        f"                  - uraian: {q(sindikator)}",
                        f"                    satuan: {q(ssatuan)}",
                        f"                    target: {rng.randint(1, 500)}",
                    ]
                prog_total += keg_total
                kegs.append(
                    [
                        f"          - id: k-{c}-{p}-{k}",
                        f"            kinerja: {q(rng.choice(STATEMENT_PREFIX) + ' ' + text(rng, 5, 12))}",
                        f"            nama: {q(knama)}",
                        f'            kode: "{kcode}"',
                        f"            anggaran: {keg_total}",
                        "            indikator:",
                        f"              - uraian: {q('Jumlah ' + text(rng, 5, 12))}",
                        f"                satuan: {rng.choice(UNITS)}",
                        f"                target: {rng.randint(1, 500)}",
                        f"            pj: jf-{c}",
                        "            subkegiatan:",
                        *subs,
                    ]
                )
            out += [
                f"      - id: p-{c}-{p}",
                f"        kinerja: {q(rng.choice(STATEMENT_PREFIX) + ' ' + text(rng, 4, 10))}",
                f"        nama: {q(pnama)}",
                f'        kode: "{pcode}"',
                f"        anggaran: {prog_total}",
                "        indikator:",
                f"          - uraian: {q('Persentase ' + text(rng, 5, 12))}",
                '            satuan: "%"',
                f"            target: {rng.randint(50, 100)}",
                f"        pj: kabid-{c}",
                "        kegiatan:",
            ]
            for lines in kegs:
                out += lines
    if style == "flow":
        out = flow_indicators(out)
    return "\n".join(out) + "\n"


def count_nodes(nodes: int) -> int:
    """How many tree nodes ``generate(nodes)`` writes."""
    c, p, k, s = shape(nodes)
    return 1 + c + c * p + c * p * k + c * p * k * s


def main() -> None:
    """Command line: --nodes N -o FILE."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--style", choices=("block", "flow"), default="block")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(generate(args.nodes, args.seed, args.style), encoding="utf-8")
    print(f"{args.output}: {count_nodes(args.nodes)} nodes")


if __name__ == "__main__":
    main()
