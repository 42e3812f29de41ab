"""pokin pk: the Perjanjian Kinerja of each position of the example."""

from __future__ import annotations

from pathlib import Path

import pytest

from pokin.plan import LoadedPlan
from pokin.problems import UsageError
from pokin.source.load import load_file
from pokin.views.pk import build_all, build_pk
from tests.helpers import EXAMPLE, MINIMAL, run_pokin, write


@pytest.fixture(scope="module")
def plan() -> LoadedPlan:
    result = load_file(EXAMPLE)
    assert result.plan is not None
    return result.plan


def test_parties_and_budgets_of_every_position(plan: LoadedPlan) -> None:
    got = {
        pk.jabatan.id: (pk.atasan.id if pk.atasan else None, pk.show_anggaran, pk.total_anggaran)
        for pk in build_all(plan)
    }
    # totals by hand from the seed (corrected figures):
    # linjamsos = bencana 372.250.370 + jaminan sosial 100.000.000
    # rehsos = rehabilitasi 306.749.630 + migran 23.000.000
    # dayasos = pemberdayaan 150.000.000 + TMP 32.400.000
    assert got == {
        # the kepala daerah and the head of the PD list every program (PermenPAN-RB 53/2014)
        "bupati": (None, True, 6_312_818_993),
        "kadis": ("bupati", True, 6_312_818_993),
        "sekretaris": ("kadis", True, 5_328_418_993),
        "kabid-linjamsos": ("kadis", True, 472_250_370),
        "kabid-rehsos": ("kadis", True, 329_749_630),
        "kabid-dayasos": ("kadis", True, 182_400_000),
        "jf-sekretariat": ("sekretaris", True, 5_328_418_993),
        "jf-linjamsos": ("kabid-linjamsos", True, 472_250_370),
        "jf-rehsos": ("kabid-rehsos", True, 329_749_630),
        "jf-dayasos": ("kabid-dayasos", True, 182_400_000),
    }


def test_kabid_pk_lists_its_programs(plan: LoadedPlan) -> None:
    pk = build_pk(plan, "kabid-linjamsos")
    assert [(s.level, s.kinerja) for s in pk.sasaran] == [
        ("program", "Terwujudnya Korban Bencana Yang Tertangani Dengan Bantuan"),
        ("program", "Terwujudnya Distribusi Bantuan Jaminan Sosial Yang Tepat Sasaran"),
    ]
    assert [(s.indikator[0].target, s.indikator[0].satuan) for s in pk.sasaran] == [
        (93.59, "%"),
        (93.59, "%"),
    ]
    assert [(line.node.id, line.depth, line.node.anggaran) for line in pk.anggaran] == [
        ("bencana", 0, 372_250_370),
        ("linjamsos", 0, 100_000_000),
    ]


def test_jf_pk_holds_kegiatan_and_their_sub_kegiatan(plan: LoadedPlan) -> None:
    pk = build_pk(plan, "jf-dayasos")
    assert [(line.node.id, line.depth, line.node.anggaran) for line in pk.anggaran] == [
        ("dayasos-psks", 0, 150_000_000),
        ("dayasos-karang-taruna", 1, 150_000_000),
        ("tmp-pemeliharaan", 0, 32_400_000),
        ("tmp-pemeliharaan-makam", 1, 32_400_000),
        ("tmp-pengamanan", 1, 0),
    ]


def test_kadis_pk_holds_the_strategic_targets(plan: LoadedPlan) -> None:
    pk = build_pk(plan, "kadis")
    assert [s.level for s in pk.sasaran] == ["outcome", "csf", "csf", "csf", "renstra-sasaran"]
    renstra = pk.sasaran[-1]
    assert [i.target for i in renstra.indikator] == [85.37, 90.05, 89.93, 82.07, 93.59, 90.91]
    assert pk.form == "jpt"
    # the seven programs with their anggaran, as the JPT form expects
    assert [(line.node.id, line.node.anggaran) for line in pk.anggaran] == [
        ("bencana", 372_250_370),
        ("rehsos", 306_749_630),
        ("linjamsos", 100_000_000),
        ("migran", 23_000_000),
        ("dayasos", 150_000_000),
        ("tmp", 32_400_000),
        ("penunjang", 5_328_418_993),
    ]
    assert pk.total_anggaran == 6_312_818_993
    assert pk.missing_targets == 4  # the outcome and the three CSF (rule I012)


def test_unknown_jabatan(plan: LoadedPlan) -> None:
    with pytest.raises(UsageError, match="jabatan 'kabag' tidak ada"):
        build_pk(plan, "kabag")


def test_cli_markdown_pk(tmp_path: Path) -> None:
    run = run_pokin("pk", str(EXAMPLE), "--jabatan", "kabid-linjamsos", "-f", "md")
    assert run.code == 0, run.stderr
    text = run.stdout
    assert text.startswith("# Perjanjian Kinerja Tahun 2025\n")
    assert "| Jabatan | Kepala Bidang Perlindungan dan Jaminan Sosial |" in text
    assert "| Jabatan | Kepala Dinas Sosial |" in text  # the atasan, PIHAK KEDUA
    assert (
        "| 1 | Sasaran Program: Terwujudnya Korban Bencana Yang Tertangani Dengan Bantuan "
        "| Presentase korban bencana yang menerima bantuan social | 93,59% |" in text
    )
    assert "| 1 | Program: Program Penanganan Bencana | 1.06.06 | Rp 372.250.370 |" in text
    assert "| | **Jumlah anggaran** | | **Rp 472.250.370** |" in text
    # place and date blank for the signatories
    assert "| PIHAK KEDUA, | ……………………, ………………………………<br>PIHAK PERTAMA, |" in text


def test_cli_place_and_date(tmp_path: Path) -> None:
    run = run_pokin(
        "pk", str(EXAMPLE), "-j", "kadis", "-f", "md", "--place", "Sampit", "--date", "2025-01-06"
    )
    assert run.code == 0, run.stderr
    assert "Sampit, 6 Januari 2025<br>PIHAK PERTAMA," in run.stdout
    # eselon II: the programs and their total, rows without a target marked
    assert "| 7 | Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota |" in run.stdout
    assert "| | **Jumlah anggaran** | **Rp 6.312.818.993** | |" in run.stdout
    assert run.stdout.count("**belum ada target\\***") == 4


def test_cli_all_into_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "pk"
    run = run_pokin("pk", str(EXAMPLE), "--all", "-o", str(folder))
    assert run.code == 0, run.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        f"pk-{j}.html"
        for j in (
            "bupati",
            "kadis",
            "sekretaris",
            "kabid-linjamsos",
            "kabid-rehsos",
            "kabid-dayasos",
            "jf-sekretariat",
            "jf-linjamsos",
            "jf-rehsos",
            "jf-dayasos",
        )
    )
    html = (folder / "pk-jf-rehsos.html").read_text(encoding="utf-8")
    assert '<html lang="id">' in html and "<script" not in html
    assert "PIHAK PERTAMA" in html and "Kepala Bidang Rehabilitasi Sosial" in html
    assert '<td class="num">Rp 329.749.630</td>' in html


def test_cli_usage_errors(tmp_path: Path) -> None:
    unknown = run_pokin("pk", str(EXAMPLE), "--jabatan", "kabag")
    assert unknown.code == 2 and "jabatan yang ada: bupati, kadis" in unknown.stderr
    both = run_pokin("pk", str(EXAMPLE), "--jabatan", "kadis", "--all", "-o", str(tmp_path))
    assert both.code == 2
    no_folder = run_pokin("pk", str(EXAMPLE), "--all")
    assert no_folder.code == 2


def test_hostile_jabatan_name_shows_literally(tmp_path: Path) -> None:
    plan = write(
        tmp_path,
        MINIMAL.replace("nama: Kepala Bidang", "nama: '<script>x</script> | *Kabid*'"),
    )
    html = run_pokin("pk", str(plan), "-j", "kabid", "-f", "html")
    assert html.code == 0, html.stderr
    assert (
        "<script>" not in html.stdout and "&lt;script&gt;x&lt;/script&gt; | *Kabid*" in html.stdout
    )
    md = run_pokin("pk", str(plan), "-j", "kabid", "-f", "md")
    assert md.code == 0, md.stderr
    assert "| Jabatan | &lt;script&gt;x&lt;/script&gt; \\| \\*Kabid\\* |" in md.stdout


PEJABAT = """\
    pejabat:
      nama: Drs. Contoh Nama, M.Si
      nip: "197001011990031001"
      pangkat: Pembina Utama Muda (IV/c)
      status: plt
"""


def _with_pejabat(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "    nama: Kepala Dinas Sosial\n    eselon: II\n    atasan: bupati\n",
        "    nama: Kepala Dinas Sosial\n    eselon: II\n    atasan: bupati\n" + PEJABAT,
        1,
    )
    text = text.replace(
        "    eselon: kepala_daerah\n",
        "    eselon: kepala_daerah\n    pejabat:\n      nama: H. Contoh Bupati, S.H.\n",
        1,
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan


def test_every_level_has_its_form(plan: LoadedPlan) -> None:
    assert {pk.jabatan.id: pk.form for pk in build_all(plan)} == {
        "bupati": "kepala_daerah",
        "kadis": "jpt",
        "sekretaris": "administrator",
        "kabid-linjamsos": "administrator",
        "kabid-rehsos": "administrator",
        "kabid-dayasos": "administrator",
        "jf-sekretariat": "jf",
        "jf-linjamsos": "jf",
        "jf-rehsos": "jf",
        "jf-dayasos": "jf",
    }


def test_bupati_pk_has_the_pemda_heading_and_no_nip(tmp_path: Path) -> None:
    run = run_pokin("pk", str(EXAMPLE), "-j", "bupati", "-f", "html")
    assert run.code == 0, run.stderr
    html = run.stdout
    assert "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR" in html
    assert "DINAS SOSIAL" not in html.split("<main>")[1].split("Program dalam rencana")[0]
    assert "NIP" not in html and "PIHAK KEDUA" not in html and "PIHAK PERTAMA" not in html
    assert "menjadi tanggung jawab kami" in html
    assert "Rp 6.312.818.993" in html


def test_plt_wording_name_nip_and_pangkat(tmp_path: Path) -> None:
    plan = _with_pejabat(tmp_path)
    run = run_pokin("pk", str(plan), "-j", "kadis", "-f", "html", "--nomor", "800/12/DINSOS/2025")
    assert run.code == 0, run.stderr
    html = run.stdout
    assert "Plt. Kepala Dinas Sosial" in html
    assert '<p class="signer-name">Drs. Contoh Nama, M.Si</p>' in html
    assert "NIP. 19700101 199003 1 001" in html and "Pembina Utama Muda (IV/c)" in html
    assert '<p class="signer-name">H. Contoh Bupati, S.H.</p>' in html
    assert "Nomor: 800/12/DINSOS/2025" in html
    # the JPT lampiran: the seven programs and the total
    assert html.count("<td>APBD</td>") == 7
    assert '<td class="num">Rp 6.312.818.993</td>' in html
    assert html.count('<td class="num no-target">belum ada target*</td>') == 4


def test_blank_lines_without_pejabat() -> None:
    run = run_pokin("pk", str(EXAMPLE), "-j", "kabid-rehsos", "-f", "html")
    assert run.code == 0, run.stderr
    assert run.stdout.count("NIP. ……………………………") == 4  # two signers, twice
    assert "Sasaran Program" in run.stdout


def test_logo_is_embedded(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    run = run_pokin("pk", str(EXAMPLE), "-j", "kadis", "-f", "html", "--logo", str(logo))
    assert run.code == 0, run.stderr
    assert '<img class="logo" src="data:image/png;base64,iVBORw0KGgo' in run.stdout
    missing = run_pokin("pk", str(EXAMPLE), "-j", "kadis", "--logo", str(tmp_path / "x.png"))
    assert missing.code == 2 and "logo" in missing.stderr


def test_logo_and_place_from_the_settings(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    (tmp_path / "pokin.toml").write_text(
        '[dokumen]\nlogo = "logo.png"\ntempat = "Sampit"\n', encoding="utf-8"
    )
    run = run_pokin("pk", str(plan), "-j", "kabid", "-f", "html")
    assert run.code == 0, run.stderr
    assert 'src="data:image/png;base64,' in run.stdout and "Sampit, ………" in run.stdout
    # the command line wins over the settings
    run = run_pokin("pk", str(plan), "-j", "kabid", "-f", "html", "--place", "Palangka Raya")
    assert "Palangka Raya, ………" in run.stdout
    report = run_pokin("report", str(plan), "-f", "html")
    assert report.code == 0, report.stderr
    assert "Ditetapkan di Sampit," in report.stdout and '<img class="logo"' in report.stdout


def test_wrong_document_settings_exit_2(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL)
    (tmp_path / "pokin.toml").write_text('[dokumen]\nlogoo = "x.png"\n', encoding="utf-8")
    run = run_pokin("pk", str(plan), "-j", "kabid")
    assert run.code == 2 and "kunci 'logoo' tidak dikenal di [dokumen]" in run.stderr
