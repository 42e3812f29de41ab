"""Rendering `pokin nomenklatur`: plain text and JSON."""

from __future__ import annotations

import json

from pokin.views.nomenclature import LookupRow, LookupView

JSON_FORMAT_VERSION = 1
_LEVEL_WORD = {
    "urusan": "urusan",
    "bidang": "bidang urusan",
    "program": "program",
    "kegiatan": "kegiatan",
    "subkegiatan": "sub kegiatan",
}
_LIST_WORD = {"kabkot": "kabupaten/kota", "prov": "provinsi", "both": "provinsi dan kabupaten/kota"}


def _other(row: LookupRow) -> str:
    from pokin.nomenclature import VERSIONS

    return next(v for v in VERSIONS if v != row.entry.version)


def render_human(view: LookupView) -> str:
    """Each entry: kode, level, version and list, nama, kinerja, indikator, satuan, counterpart."""
    from pokin.problems import shorten
    from pokin.render.console import visible

    if not view.rows:
        # the query is shown shortened, and escaped like any text pokin prints
        return f"Tidak ada kode nomenklatur yang cocok dengan '{visible(shorten(view.query))}'."
    lines: list[str] = []
    for row in view.rows:
        e = row.entry
        lines.append(f"{e.kode}  {_LEVEL_WORD[e.level]} · {e.version} ({_LIST_WORD[e.jenis]})")
        lines.append(f"  nama:      {e.nama}")
        if e.kinerja:
            lines.append(f"  kinerja:   {e.kinerja}")
        if e.indikator:
            lines.append(f"  indikator: {e.indikator}")
        if e.satuan:
            lines.append(f"  satuan:    {e.satuan}")
        if e.previous:
            lines.append(f"  sebelumnya: {e.previous}")
        if not row.in_other:
            if row.counterpart:
                for c in row.counterpart:
                    lines.append(f"  → {c.version}: {c.kode} {c.nama}")
            else:
                lines.append(f"  → tidak ada dalam {_other(row)}")
        lines.append("")
    lines = [visible(line) for line in lines]  # shipped data, but never raw on a terminal
    if view.truncated:
        lines.append(f"(hanya {len(view.rows)} hasil pertama; pakai --limit untuk lebih banyak)")
    return "\n".join(lines).rstrip("\n")


def _entry(e: object) -> dict[str, object]:
    from pokin.nomenclature import Entry

    assert isinstance(e, Entry)
    return {
        "kode": e.kode,
        "level": e.level,
        "versi": e.version,
        "daftar": e.jenis,
        "nama": e.nama,
        "kinerja": e.kinerja,
        "indikator": e.indikator,
        "satuan": e.satuan,
        "sebelumnya": e.previous,
    }


def render_json(view: LookupView) -> str:
    """One JSON object: the query and every entry with its counterpart in the other version."""
    return json.dumps(
        {
            "format_version": JSON_FORMAT_VERSION,
            "query": view.query,
            "versi": view.version,
            "jenis_pemda": view.jenis_pemda,
            "hasil": [
                {
                    **_entry(row.entry),
                    "ada_di_versi_lain": row.in_other,
                    "pengganti": [_entry(c) for c in row.counterpart],
                }
                for row in view.rows
            ],
            "terpotong": view.truncated,
        },
        ensure_ascii=False,
        indent=2,
    )
