"""`pokin nomenklatur`: look a kode or words up in the official nomenclature lists."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from pokin.cli.app import app
from pokin.render.formats import NOMENCLATURE_FORMATS, choice, emit

if TYPE_CHECKING:
    NomenclatureFormat = enum.StrEnum
else:
    NomenclatureFormat = choice("NomenclatureFormat", NOMENCLATURE_FORMATS)


class Versi(enum.StrEnum):
    """The nomenclature versions pokin ships."""

    kepmendagri_900 = "kepmendagri-900"
    pemutakhiran_2027 = "pemutakhiran-2027"


class JenisPemda(enum.StrEnum):
    """Whose list: kabupaten and kota share one."""

    kabupaten = "kabupaten"
    kota = "kota"
    provinsi = "provinsi"


@app.command()
def nomenklatur(
    query: Annotated[
        list[str],
        typer.Argument(
            metavar="QUERY",
            help="Kode atau awalannya (1.06.06, 1.06.06.2.01.0003) atau kata-kata nama "
            "(permakanan bencana).",
        ),
    ],
    versi: Annotated[
        Versi | None,
        typer.Option("--versi", help="Hanya versi ini (default: kedua versi)."),
    ] = None,
    jenis_pemda: Annotated[
        JenisPemda | None,
        typer.Option(
            "--jenis-pemda", help="Hanya daftar untuk jenis pemda ini (default: semua daftar)."
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Paling banyak sekian hasil.")] = 20,
    output_format: Annotated[
        NomenclatureFormat,
        typer.Option("--format", "-f", help="Format keluaran."),
    ] = "human",  # type: ignore[assignment]
) -> None:
    """Cari kode atau kata dalam nomenklatur resmi (Kepmendagri 900, pemutakhiran 2027).

    Untuk setiap kode: tingkat, nama, kinerja, indikator dan satuan resmi per
    versi, serta penggantinya di versi lain bila kode itu tidak ada di sana.
    Kode keluar: 0 ada hasil, 1 tidak ada hasil, 2 tidak dapat dijalankan.
    """
    from pokin.views.nomenclature import lookup_view

    view = lookup_view(
        " ".join(query),
        versi.value if versi else None,
        jenis_pemda.value if jenis_pemda else None,
        limit,
    )
    emit(NOMENCLATURE_FORMATS, NOMENCLATURE_FORMATS[output_format].name, view)
    raise typer.Exit(0 if view.rows else 1)
