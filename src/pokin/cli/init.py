"""`pokin init`: a new plan skeleton that validates, with comments that explain each key."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from pokin.cli.app import app, fail


@app.command()
def init(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="Berkas rencana baru (YAML).")],
    perangkat_daerah: Annotated[
        str,
        typer.Option("--perangkat-daerah", metavar="NAMA", help="Nama perangkat daerah."),
    ],
    tahun: Annotated[
        int,
        typer.Option("--tahun", min=1900, max=2200, metavar="TAHUN", help="Tahun anggaran."),
    ],
    kode: Annotated[
        list[str] | None,
        typer.Option(
            "--kode",
            metavar="KODE",
            help="Kode program, kegiatan atau sub kegiatan (boleh berulang): rantai sampai "
            "kode itu ditambahkan dengan nama, indikator dan satuan resmi.",
        ),
    ] = None,
    nomenklatur: Annotated[
        str,
        typer.Option(
            "--nomenklatur",
            metavar="VERSI",
            help="Daftar kode resmi: kepmendagri-900 atau pemutakhiran-2027.",
        ),
    ] = "kepmendagri-900",
    jenis_pemda: Annotated[
        str | None,
        typer.Option(
            "--jenis-pemda",
            metavar="JENIS",
            help="kabupaten, kota atau provinsi (bawaan: dibaca dari nama perangkat daerah).",
        ),
    ] = None,
) -> None:
    """Buat kerangka rencana baru yang lolos pokin validate, dengan komentar tiap kunci.

    Tidak menimpa berkas yang sudah ada. Kode keluar: 0 ditulis, 2 tidak
    dapat berjalan (berkas sudah ada, kode tidak dikenal).
    """
    from pokin.atomic import write_atomic
    from pokin.nomenclature.index import JENIS_PEMDA, VERSIONS
    from pokin.problems import UsageError
    from pokin.render.skeleton import render_skeleton
    from pokin.views.skeleton import build_skeleton

    if os.path.lexists(plan):
        fail(f"{plan} sudah ada; pokin init tidak menimpa berkas, pilih nama lain")
    if nomenklatur not in VERSIONS:
        fail(f"--nomenklatur '{nomenklatur}' tidak dikenal; pilihan: {', '.join(VERSIONS)}")
    if jenis_pemda is not None and jenis_pemda not in JENIS_PEMDA:
        fail(f"--jenis-pemda '{jenis_pemda}' tidak dikenal; pilihan: {', '.join(JENIS_PEMDA)}")
    if not perangkat_daerah.strip():
        fail("--perangkat-daerah tidak boleh kosong")
    try:
        skeleton = build_skeleton(
            perangkat_daerah.strip(), tahun, kode or [], nomenklatur, jenis_pemda
        )
        write_atomic(plan, render_skeleton(skeleton))
    except UsageError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{plan} tidak dapat ditulis: {exc.strerror or exc}")
    sys.stderr.write(
        f"pokin: kerangka rencana ditulis ke {plan}; isi bagian GANTI lalu "
        f"periksa dengan: pokin validate {plan}\n"
    )
