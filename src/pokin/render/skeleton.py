"""A new plan as commented YAML (`pokin init`): every key explained where it is written."""

from __future__ import annotations

import json
import re

from pokin.views.skeleton import Skeleton, SkeletonNode

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()/&-]*[A-Za-z0-9).]")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def quote(text: str) -> str:
    """A YAML scalar for ``text``: plain where that is safe, else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def render_skeleton(sk: Skeleton, schema: str = "pokin.schema.json") -> str:
    """The commented YAML text of a new plan, in ``pokin fmt``'s layout (comments kept)."""
    from pokin.render.fmt import format_bytes

    text = _skeleton_text(sk, schema)
    formatted = format_bytes(text.encode("utf-8"), "rencana.yaml").formatted
    return formatted.decode("utf-8") if formatted is not None else text


def _skeleton_text(sk: Skeleton, schema: str) -> str:
    pd = sk.perangkat_daerah
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "# (skema untuk editor: pokin schema -o pokin.schema.json)",
        "#",
        f"# Penjenjangan Kinerja {pd}, tahun {sk.tahun}: kerangka dari `pokin init`.",
        "# Isi bagian bertanda GANTI, lalu periksa dengan: pokin validate BERKAS.yaml",
        "# Arti setiap kode masalah: pokin rules KODE; semua perintah: pokin --help.",
        "",
        "pokin: 1  # versi format rencana",
        f"perangkat_daerah: {quote(pd)}  # nama perangkat daerah",
        f"tahun: {sk.tahun}  # tahun anggaran yang direncanakan",
        f"# periode: [{sk.tahun}, {sk.tahun + 4}]  # periode Renstra (target tahunan di dalamnya)",
    ]
    lines += [
        "",
        "# Jabatan yang menandatangani Perjanjian Kinerja (PK); node menunjuknya dengan pj.",
        "jabatan:",
        "  - id: kepala  # id singkat: huruf kecil, angka, '-'",
        f"    nama: {quote('Kepala ' + pd)}",
        "    eselon: II  # kepala_daerah, II, III, IV, JF",
        "  - id: kabid  # GANTI: satu jabatan per bidang yang memegang program/kegiatan",
        "    nama: Kepala Bidang",
        "    eselon: III",
        "    atasan: kepala",
        "",
        "# Tahap 1: outcome yang dijenjangkan, dengan sumbernya.",
        "outcome:",
        "  id: tujuan",
        "  kinerja: Meningkatnya GANTI  # pernyataan kinerja: kondisi yang ingin dicapai",
        "  ekspektasi: []  # ekspektasi masyarakat",
        "  mandat: []  # mandat (UU 23/2014)",
        "  isu_strategis: []  # isu strategis Renstra",
        "  indikator:",
        "    - uraian: Persentase GANTI  # apa yang diukur",
        '      satuan: "%"  # %, orang, unit, paket, dokumen, …',
        "  pj: kepala  # penanggung jawab: id jabatan",
        "",
        "# Tahap 2: faktor kunci keberhasilan (CSF) = sasaran strategis; di bawahnya",
        "# program → kegiatan → sub kegiatan (Tahap 3–5).",
        "csf:",
        "  - id: sasaran-1"
        + ("" if sk.programs else "  # pokin: ignore[C001] tambahkan program, lalu hapus"),
        "    kinerja: Meningkatnya GANTI",
        "    indikator:",
        "      - uraian: Persentase GANTI",
        '        satuan: "%"',
        "    pj: kepala",
    ]
    if sk.programs:
        lines.append("    program:")
        for program in sk.programs:
            lines += _node(program, 6)
    else:
        lines += [
            "    # program: tiap program punya id, kinerja, nama, kode, indikator, pj dan",
            "    # kegiatan → subkegiatan (lihat contoh); `pokin init --kode 1.06.06.2.01.0001`",
            "    # menuliskannya dari nomenklatur resmi.",
        ]
    if sk.nomenklatur or sk.jenis_pemda:
        lines += ["", "# Daftar kode resmi yang dipakai kode di atas (diperiksa pokin validate)."]
    if sk.nomenklatur:
        lines.append(f"nomenklatur: {sk.nomenklatur}  # kepmendagri-900 atau pemutakhiran-2027")
    if sk.jenis_pemda:
        lines.append(f"jenis_pemda: {sk.jenis_pemda}  # kabupaten, kota atau provinsi")
    return "\n".join(lines) + "\n"


def _node(node: SkeletonNode, indent: int) -> list[str]:
    pad = " " * indent
    word = {"program": "program", "kegiatan": "kegiatan", "subkegiatan": "sub kegiatan"}
    lines = [
        f"{pad}- id: {node.id}",
    ]
    inner = pad + "  "
    if node.kinerja:
        lines.append(f"{inner}kinerja: {quote(node.kinerja)}")
    else:
        lines.append(
            f"{inner}kinerja: Meningkatnya GANTI  # kondisi yang dicapai {word[node.level]} ini"
        )
    lines.append(f"{inner}nama: {quote(node.nama)}  # nama resmi")
    lines.append(f'{inner}kode: "{node.kode}"')
    if node.level == "subkegiatan":
        lines.append(f"{inner}anggaran: 0  # GANTI: pagu dalam Rupiah, misalnya 268037410")
    lines.append(f"{inner}indikator:")
    uraian = node.indikator or "Persentase GANTI"
    satuan = node.satuan or "%"
    # a program's or kegiatan's missing target is an error (I002): the skeleton
    # silences it on the line, and an unused silence is reported once it is filled
    silence = (
        "" if node.level == "subkegiatan" else "  # pokin: ignore[I002] isi target, lalu hapus"
    )
    lines.append(f"{inner}  - uraian: {quote(uraian)}{silence}")
    lines.append(f"{inner}    satuan: {quote(satuan)}")
    lines.append(f"{inner}    # target: 100  # GANTI: target tahun ini")
    if node.level != "subkegiatan":
        lines.append(f"{inner}pj: kabid")
    child = {"program": "kegiatan", "kegiatan": "subkegiatan"}.get(node.level)
    if child and node.children:
        lines.append(f"{inner}{child}:")
        for c in node.children:
            lines += _node(c, indent + 4)
    return lines
