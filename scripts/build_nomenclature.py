"""Build the shipped nomenclature index from the published spreadsheets.

Reads the two official lists in the reference folder with python-calamine and
writes one tab-separated file per version, plus ``repairs.txt`` (every text
repair applied, with counts), into ``src/pokin/nomenclature/data/``. The output
is sorted and carries no timestamps, so a rebuild from the same spreadsheets
gives byte-identical files; ``--check`` rebuilds in memory and exits 1 when the
committed files differ.

    python scripts/build_nomenclature.py [--reference DIR] [--out DIR] [--check]

The loader, ``pokin.nomenclature``, reads the files with the standard library
only; nothing on the path of ``pokin validate`` reads a spreadsheet.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "pokin" / "nomenclature" / "data"

SOURCE_900 = "nomenklatur_subkegiatan_kepmendagri_900.xlsx"
SOURCE_2027 = "nomenklatur_subkegiatan_pemutakhiran_2027.xlsx"
FORMAT = 1

# Short keys of the data files (the loader holds the same table).
LEVEL_KEY = {"urusan": "u", "bidang": "b", "program": "p", "kegiatan": "k", "subkegiatan": "s"}
JENIS_KEY = {"kabkot": "k", "prov": "p", "both": "b"}
TEXT_FIELDS = ("nama", "kinerja", "indikator", "satuan")

# --- Repairs -----------------------------------------------------------------
# Whole-value fixes of satuan: typos of the published lists. Applied after the
# whitespace is collapsed; each (field, before, after) applied is counted and
# listed in repairs.txt.
SATUAN_REPAIRS: dict[str, str] = {
    "Dokuman": "Dokumen",
    "Doumen": "Dokumen",
    "Organiasasi": "Organisasi",
    "Unit Managemen": "Unit Manajemen",
    "Kegiatan Usaha.": "Kegiatan Usaha",
}
MOJIBAKE = re.compile("[ÃÂ]|â€")
# "Perundang-\nUndangan" and "Kabupaten/\nKota" in the PDF-derived layout
# become "Perundang- Undangan" once the line break is a space.
HYPHEN_BREAK = re.compile(r"(?<=\w)- (?=\w)")
SLASH_BREAK = re.compile(r"(?<=\w)/ (?=\w)")
# Four 2027 sub kegiatan carry their previous kode in front of the nama.
LEADING_KODE = re.compile(r"^[0-9X]+(?:\.[0-9X]+)+ ")


def unmojibake(text: str) -> str:
    """UTF-8 bytes that were read as Windows-1252 (``MÂ³`` → ``M³``)."""
    if not MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


@dataclass(frozen=True)
class Rule:
    """One repair: where it applies, what it does, and why."""

    name: str
    fields: tuple[str, ...]
    apply: Callable[[str], str]
    why: str


RULES: tuple[Rule, ...] = (
    Rule("mojibake", TEXT_FIELDS, unmojibake, "UTF-8 terbaca sebagai Windows-1252"),
    Rule(
        "tanda hubung terpotong",
        TEXT_FIELDS,
        lambda s: HYPHEN_BREAK.sub("-", s),
        "pindah baris setelah '-' pada tata letak asli",
    ),
    Rule(
        "garis miring terpotong",
        TEXT_FIELDS,
        lambda s: SLASH_BREAK.sub("/", s),
        "pindah baris setelah '/' pada tata letak asli",
    ),
    Rule(
        "kode di depan nama",
        ("nama",),
        lambda s: LEADING_KODE.sub("", s),
        "nama diawali kode (sub kegiatan sebelumnya)",
    ),
    Rule(
        "salah ketik satuan",
        ("satuan",),
        lambda s: SATUAN_REPAIRS.get(s, s),
        "ejaan satuan",
    ),
)


class Repairs:
    """Applies RULES to text and counts what changed."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str, str, str, str]] = Counter()

    def clean(self, version: str, field: str, raw: object) -> str:
        text = " ".join(str(raw).split())
        for rule in RULES:
            if field not in rule.fields:
                continue
            fixed = rule.apply(text)
            if fixed != text:
                self.counts[(version, rule.name, field, text, fixed)] += 1
                text = fixed
        return text

    def report(self) -> str:
        lines = [
            "# REPAIRS: perbaikan teks oleh scripts/build_nomenclature.py",
            "# Aturan (setelah spasi dan baris baru diringkas menjadi satu spasi):",
        ]
        for each in RULES:
            lines.append(f"#   {each.name} ({', '.join(each.fields)}): {each.why}")
        for before, after in sorted(SATUAN_REPAIRS.items()):
            lines.append(f"#     satuan {before!r} -> {after!r}")
        lines.append("# versi | aturan | kolom | sebelum -> sesudah | jumlah sel")
        for (version, rule, field, before, after), n in sorted(self.counts.items()):
            lines.append(f"{version} | {rule} | {field} | {before} -> {after} | {n}")
        return "\n".join(lines) + "\n"


# --- Reading -----------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One entry of the index as written to the data file."""

    kode: str
    level: str
    jenis: str
    nama: str
    kinerja: str = ""
    indikator: str = ""
    satuan: str = ""
    previous: str = ""

    def content(self) -> tuple[str, ...]:
        """Everything but jenis: rows equal in this merge into ``both``."""
        return (
            self.kode,
            self.level,
            self.nama,
            self.kinerja,
            self.indikator,
            self.satuan,
            self.previous,
        )


LEVELS = ("urusan", "bidang", "program", "kegiatan", "subkegiatan")
# U, U.BB, U.BB.PP, U.BB.PP.K.KK, U.BB.PP.K.KK.SSSS (X.XX: penunjang)
KODE = re.compile(
    r"^[0-9X](?:\.(?:[0-9]{2}|XX)(?:\.[0-9]{2}(?:\.[0-9]\.[0-9]{2}(?:\.[0-9]{4})?)?)?)?$"
)


def level_of(kode: str) -> str:
    """The level of a well-formed kode: kegiatan ``K.KK`` counts as one part."""
    n = kode.count(".") + 1
    return LEVELS[{1: 0, 2: 1, 3: 2, 5: 3, 6: 4}[n]]


def read_sheet(path: Path) -> list[list[object]]:
    from python_calamine import CalamineWorkbook  # build-time only

    book = CalamineWorkbook.from_path(str(path))
    if len(book.sheet_names) != 1:
        raise SystemExit(f"{path.name}: diharapkan satu lembar kerja, ada {book.sheet_names}")
    return [list[object](row) for row in book.get_sheet_by_index(0).to_python()]


def part(value: object, width: int) -> str:
    """A code cell: ``1.0`` → ``01`` (width 2), ``'X'`` stays, ``'2.01'`` stays."""
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"bagian kode bukan bilangan bulat: {value!r}")
        return f"{int(value):0{width}d}"
    return str(value).strip()


def read_900(path: Path, repairs: Repairs) -> list[Row]:
    """The Kepmendagri 900 list: code parts in five cells, one row per level."""
    rows = read_sheet(path)
    header = [str(c).strip() for c in rows[0]]
    if header[:5] != [
        "URUSAN/UNSUR",
        "BIDANG URUSAN/BIDANG UNSUR",
        "PROGRAM",
        "KEGIATAN",
        "SUB KEGIATAN",
    ]:
        raise SystemExit(f"{path.name}: kolom tidak dikenal: {header}")
    version = "kepmendagri-900"
    out: list[Row] = []
    for row in rows[1:]:
        widths = (1, 2, 2, 0, 4)
        parts = [part(cell, w) for cell, w in zip(row[:5], widths, strict=True)]
        while parts and not parts[-1]:
            parts.pop()
        if not parts:
            continue  # the blank separator row
        if "" in parts:
            raise SystemExit(f"{path.name}: kode berlubang: {row[:5]}")
        kode = ".".join(parts)
        if not KODE.match(kode):
            raise SystemExit(f"{path.name}: kode tidak dikenal: {kode!r}")
        level = level_of(kode)
        cells = zip(TEXT_FIELDS, row[5:9], strict=True)
        texts = {field: repairs.clean(version, field, cell) for field, cell in cells}
        out.append(Row(kode, level, "kabkot", **texts))
    return out


def split_kode(cell: object, source: str) -> tuple[str, str]:
    text = " ".join(str(cell).split())
    kode, _, nama = text.partition(" ")
    if not KODE.match(kode):
        raise SystemExit(f"{source}: kode tidak dikenal: {text[:60]!r}")
    return kode, nama


def read_2027(path: Path, repairs: Repairs) -> list[Row]:
    """The pemutakhiran 2027 list: one row per sub kegiatan, parents in its cells."""
    rows = read_sheet(path)
    header = [str(c).strip() for c in rows[0]]
    col = {
        name: header.index(name)
        for name in (
            "JENIS PEMDA",
            "BIDANG",
            "PROGRAM",
            "KEGIATAN",
            "SUBKEGIATAN",
            "KINERJA",
            "INDIKATOR",
            "SATUAN",
            "SUBKEGIATAN SEBELUMNYA",
        )
    }
    version = "pemutakhiran-2027"
    jenis_of = {"PROV": "prov", "KABKOT": "kabkot"}
    found: dict[tuple[str, str], Row] = {}
    for row in rows[1:]:
        jenis = jenis_of[str(row[col["JENIS PEMDA"]]).strip()]
        for level, name in (("bidang", "BIDANG"), ("program", "PROGRAM"), ("kegiatan", "KEGIATAN")):
            kode, nama = split_kode(row[col[name]], path.name)
            if level_of(kode) != level:
                raise SystemExit(f"{path.name}: {kode} bukan kode {level}")
            entry = Row(kode, level, jenis, repairs.clean(version, "nama", nama))
            seen = found.setdefault((jenis, kode), entry)
            if seen != entry:
                raise SystemExit(f"{path.name}: {jenis} {kode} bernama ganda")
        kode, nama = split_kode(row[col["SUBKEGIATAN"]], path.name)
        if level_of(kode) != "subkegiatan":
            raise SystemExit(f"{path.name}: {kode} bukan kode sub kegiatan")
        previous = " ".join(str(row[col["SUBKEGIATAN SEBELUMNYA"]]).split())
        if previous:
            previous, _ = split_kode(previous, path.name)
        sub = Row(
            kode,
            "subkegiatan",
            jenis,
            repairs.clean(version, "nama", nama),
            repairs.clean(version, "kinerja", row[col["KINERJA"]]),
            repairs.clean(version, "indikator", row[col["INDIKATOR"]]),
            repairs.clean(version, "satuan", row[col["SATUAN"]]),
            previous,
        )
        if (jenis, kode) in found:
            raise SystemExit(f"{path.name}: {jenis} {kode} ganda")
        found[(jenis, kode)] = sub
    return merge_jenis(found.values())


def merge_jenis(rows: Iterable[Row]) -> list[Row]:
    """A kode identical for PROV and KABKOT becomes one row of jenis ``both``."""
    by_kode: dict[str, list[Row]] = {}
    for row in rows:
        by_kode.setdefault(row.kode, []).append(row)
    out: list[Row] = []
    for same in by_kode.values():
        if len(same) == 2 and same[0].content() == same[1].content():
            r = same[0]
            out.append(
                Row(r.kode, r.level, "both", r.nama, r.kinerja, r.indikator, r.satuan, r.previous)
            )
        else:
            out.extend(same)
    return out


# --- Writing -----------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def render(version: str, source: Path, rows: list[Row]) -> str:
    """The data file of one version.

    Three comment lines, then the kode of every row (tab-separated, in row
    order) and the jenis of every row (one letter each), so the loader builds
    its dictionaries without touching the rows; then one row per line.
    """
    ordered = sorted(rows, key=lambda r: (r.kode, r.jenis))
    lines = [
        f"# pokin nomenclature index {FORMAT}: {version}",
        f"# source: {source.name} sha256={sha256(source)}",
        "# next two lines: kode and jenis of each row; rows: jenis(k=kabkot,p=prov,b=both)"
        " level(u,b,p,k,s) kode nama kinerja indikator satuan previous",
        "\t".join(r.kode for r in ordered),
        "".join(JENIS_KEY[r.jenis] for r in ordered),
    ]
    for r in ordered:
        fields = (
            JENIS_KEY[r.jenis],
            LEVEL_KEY[r.level],
            r.kode,
            r.nama,
            r.kinerja,
            r.indikator,
            r.satuan,
            r.previous,
        )
        if any("\t" in f or "\n" in f for f in fields):
            raise SystemExit(f"{r.kode}: tab atau baris baru tersisa")
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def build(reference: Path) -> tuple[dict[str, bytes], Repairs]:
    """Every data file, by name, built in memory."""
    repairs = Repairs()
    src_900, src_2027 = reference / SOURCE_900, reference / SOURCE_2027
    for src in (src_900, src_2027):
        if not src.is_file():
            raise SystemExit(f"berkas sumber tidak ada: {src}")
    files = {
        "kepmendagri-900.tsv": render("kepmendagri-900", src_900, read_900(src_900, repairs)),
        "pemutakhiran-2027.tsv": render(
            "pemutakhiran-2027", src_2027, read_2027(src_2027, repairs)
        ),
        "repairs.txt": repairs.report(),
    }
    return {name: text.encode("utf-8") for name, text in files.items()}, repairs


def read_or_none(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def default_reference() -> Path:
    """$POKIN_REFERENCE, else the nearest ``shared/reference`` above the checkout.

    The main checkout sits next to ``shared/`` (``../shared/reference``); a
    worktree one level deeper finds the same folder further up.
    """
    env = os.environ.get("POKIN_REFERENCE")
    if env:
        return Path(env)
    for parent in ROOT.parents:
        if (parent / "shared" / "reference").is_dir():
            return parent / "shared" / "reference"
    return ROOT.parent / "shared" / "reference"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bangun indeks nomenklatur dari spreadsheet.")
    parser.add_argument("--reference", type=Path, default=None, help="folder spreadsheet sumber")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder keluaran")
    parser.add_argument(
        "--check",
        action="store_true",
        help="bangun di memori; keluar 1 bila berbeda dari berkas tersimpan",
    )
    args = parser.parse_args(argv)
    files, repairs = build(args.reference or default_reference())
    if args.check:
        stale = [n for n, data in files.items() if read_or_none(args.out / n) != data]
        for name in stale:
            print(f"berbeda dari hasil bangun ulang: {args.out / name}", file=sys.stderr)
        if stale:
            print("jalankan: python scripts/build_nomenclature.py", file=sys.stderr)
            return 1
        print(f"indeks nomenklatur mutakhir ({len(files)} berkas)")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    for (version, rule, field, before, after), n in sorted(repairs.counts.items()):
        print(f"perbaikan {version} {rule} [{field}] {before!r} -> {after!r} ×{n}")
    for name, data in files.items():
        print(f"ditulis {args.out / name} ({len(data):,} bita)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
