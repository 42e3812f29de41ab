"""No silent pass, no crash, no injection: the commands on unusual input."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import MINIMAL, run_pokin, write

MISMATCH = MINIMAL.replace("anggaran: 200\n", "anggaran: 250\n")
ESC = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\u202e"


def _lines(text: str) -> list[str]:
    return text.split("\n")


# ---- a plan that cannot be loaded always fails ------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["--select", "B001"], ["--ignore", "yaml,schema"], ["--select", "budget", "--ignore", "Y001"]],
)
def test_unloadable_plan_fails_whatever_is_selected(tmp_path: Path, args: list[str]) -> None:
    plan = write(tmp_path, "pokin: 1\nperangkat_daerah: [\n")
    run = run_pokin("validate", *args, str(plan))
    assert run.code == 1, run.stdout
    assert "Y001" in run.stdout and "Tidak ada masalah" not in run.stdout


def test_unloadable_plan_fails_with_select_in_pokin_toml(tmp_path: Path) -> None:
    write(tmp_path, 'select = ["budget"]\n', "pokin.toml")
    plan = write(tmp_path, MINIMAL.replace("tahun: 2025", "tahun: dua ribu"))
    run = run_pokin("validate", str(plan))
    assert run.code == 1 and "S003" in run.stdout


# ---- folder search ----------------------------------------------------------------------


def test_folder_below_a_hidden_folder_is_searched(tmp_path: Path) -> None:
    plans = tmp_path / ".jenkins" / "workspace" / "plans"
    plans.mkdir(parents=True)
    write(plans, MISMATCH)
    (plans / ".cache").mkdir()
    write(plans / ".cache", "pokin: [\n", "skipped.yaml")
    run = run_pokin("validate", str(plans))
    assert run.code == 1 and "B001" in run.stdout and "skipped" not in run.stdout
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    run = run_pokin("validate", "../../.jenkins/workspace/plans", cwd=deep)
    assert run.code == 1 and "B001" in run.stdout


def test_no_plan_found_exits_2(tmp_path: Path) -> None:
    (tmp_path / "kosong").mkdir()
    run = run_pokin("validate", str(tmp_path / "kosong"))
    assert run.code == 2 and "tidak ada berkas rencana" in run.stderr
    run = run_pokin("fmt", str(tmp_path / "kosong"))
    assert run.code == 2


# ---- suppressions are comments ----------------------------------------------------------


def test_suppression_inside_a_quoted_string_suppresses_nothing() -> None:
    from tests.helpers import found

    text = MINIMAL.replace(
        "              - id: sub-2\n",
        '              - {id: sub-0, kinerja: "Tersedia # pokin: ignore[B003]", nama: X, '
        "anggaran: 0}\n              - id: sub-2\n",
    )
    line = next(i for i, t in enumerate(text.split("\n"), 1) if "sub-0" in t)
    assert ("B003", line) in found(text)
    real = text.replace("anggaran: 0}", "anggaran: 0}  # pokin: ignore[B003]")
    assert ("B003", line) not in found(real)
    block = MINIMAL.replace(
        "            pj: jf\n",
        "            pj: jf\n            catatan: |\n              # pokin: ignore[B001]\n",
    ).replace("anggaran: 200\n", "anggaran: 250\n")
    assert any(code == "B001" for code, _ in found(block))


# ---- exit codes of the document commands ------------------------------------------------


def test_pk_on_a_plan_whose_budget_does_not_add_up_exits_1(tmp_path: Path) -> None:
    plan = write(tmp_path, MISMATCH)
    out = tmp_path / "pk.html"
    run = run_pokin("pk", str(plan), "-j", "kabid", "-o", str(out))
    assert run.code == 1 and out.exists()
    run = run_pokin("pk", str(plan), "--all", "-o", str(tmp_path / "pk"))
    assert run.code == 1 and (tmp_path / "pk" / "pk-kabid.html").exists()


def test_pk_all_that_writes_nothing_exits_2(tmp_path: Path) -> None:
    lines = MINIMAL.split("\n")
    start, end = lines.index("jabatan:"), lines.index("outcome:")
    kept = [line for line in lines[:start] + lines[end:] if "pj:" not in line]
    plan = write(tmp_path, "\n".join(kept))
    run = run_pokin("pk", str(plan), "--all", "-o", str(tmp_path / "pk"))
    assert run.code == 2 and "tidak ada PK" in run.stderr


@pytest.mark.parametrize("name", ["laporan.pdf", "laporan.odt", "laporan.yaml", "laporan.txt"])
def test_unknown_output_suffix_exits_2_naming_the_suffixes(tmp_path: Path, name: str) -> None:
    plan = write(tmp_path, MINIMAL)
    run = run_pokin("report", str(plan), "-o", str(tmp_path / name))
    assert run.code == 2 and ".html" in run.stderr and ".md" in run.stderr
    assert not (tmp_path / name).exists()
    run = run_pokin("pk", str(plan), "-j", "kadis", "-o", str(tmp_path / name))
    assert run.code == 2 and not (tmp_path / name).exists()


def test_every_command_obeys_the_project_settings(tmp_path: Path) -> None:
    plan = write(tmp_path, MISMATCH)
    for args in (["tree"], ["report", "-o", str(tmp_path / "r.html")], ["budget"]):
        assert run_pokin(*args, str(plan)).code == 1, args
    assert run_pokin("pk", str(plan), "-j", "kabid").code == 1
    write(tmp_path, 'ignore = ["B001"]\n', "pokin.toml")
    for args in (["tree"], ["report", "-o", str(tmp_path / "r.html")], ["budget"]):
        assert run_pokin(*args, str(plan)).code == 0, args
    assert run_pokin("pk", str(plan), "-j", "kabid").code == 0
    write(tmp_path, '[severity]\nB001 = "warning"\n', "pokin.toml")
    assert run_pokin("budget", str(plan)).code == 0
    assert run_pokin("tree", str(plan)).code == 0


def test_non_utf8_pokin_toml_is_a_located_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pokin.toml").write_bytes(b'# catatan\nignore = ["B001"] # caf\xe9\n')
    plan = write(tmp_path, MINIMAL)
    for args in (["validate"], ["tree"], ["budget"]):
        run = run_pokin(*args, str(plan))
        assert run.code == 2 and "pokin.toml:2" in run.stderr, (args, run.stderr)
        assert "internal error" not in run.stderr


# ---- crashes on content -----------------------------------------------------------------


def test_rich_markup_in_plan_text_is_text(tmp_path: Path) -> None:
    old = write(tmp_path, MINIMAL, "old.yaml")
    markup = "'[/] [link=https://contoh.test]klik[/link] [bold]x\\'"
    new = write(tmp_path, MINIMAL.replace("Penyediaan Makanan", markup), "new.yaml")
    for fmt in ("human", "md", "json"):
        run = run_pokin("diff", "-f", fmt, str(old), str(new))
        assert run.code == 0, run.stderr
        assert "klik" in run.stdout and "internal error" not in run.stderr
    run = run_pokin("diff", str(old), str(new))
    assert "[/]" in run.stdout and "[link=https://contoh.test]" in run.stdout
    tree = run_pokin("tree", "--show", "indikator", str(new))
    assert tree.code == 0, tree.stderr


def test_budget_by_jabatan_on_a_long_atasan_chain(tmp_path: Path) -> None:
    chain = "".join(
        f"  - id: j{k}\n    nama: Jabatan {k}\n    eselon: IV\n"
        + (f"    atasan: j{k - 1}\n" if k else "")
        for k in range(5000)
    )
    text = MINIMAL.replace("jabatan:\n", "jabatan:\n" + chain, 1).replace("pj: jf", "pj: j4999")
    plan = write(tmp_path, text)
    run = run_pokin("budget", "--by", "jabatan", str(plan))
    assert run.code == 0, run.stderr
    assert "j4999" in run.stdout


def test_wide_tree_in_embedded_graphviz_says_what_to_do(tmp_path: Path) -> None:
    subs = "".join(
        f"              - id: w-{k}\n                kinerja: Tersedianya layanan {k}\n"
        f"                nama: Sub {k}\n"
        for k in range(3100)
    )
    text = MINIMAL.replace("              - id: sub-2\n", subs + "              - id: sub-2\n")
    plan = write(tmp_path, text)
    run = run_pokin(
        "tree", "--svg", str(tmp_path / "p.svg"), str(plan), env={"POKIN_GRAPHVIZ": "wasm"}
    )
    assert run.code == 2 and "--depth" in run.stderr and "--root" in run.stderr
    assert "internal error" not in run.stderr and len(run.stderr) < 1000


def test_non_utf8_and_newline_file_names_print_visibly(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    name = folder + b"/rencana\xff\n::error::x.yaml"
    with open(name, "wb") as fh:
        fh.write(MISMATCH.encode())
    proc = subprocess.run(
        [sys.executable, "-m", "pokin", "validate", os.fsdecode(folder)],
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert "rencana\\xff\\n::error::x.yaml" in out
    assert not any(line.startswith("::error::x") for line in out.split("\n"))
    gh = subprocess.run(
        [sys.executable, "-m", "pokin", "validate", "-f", "github", os.fsdecode(folder)],
        capture_output=True,
    )
    assert gh.returncode == 1
    assert all(
        line.startswith(("::error ", "::warning ")) or not line.startswith("::")
        for line in gh.stdout.decode().split("\n")
    )


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("pk.html.j2", b"{{ pk.jabatan.nama }} caf\xe9", "UTF-8"),
        ("pk.html.j2", b"{% for x in %}", "templat salah"),
        ("pk.html.j2", b"{{ 1 + 'a' }}", "gagal"),
    ],
)
def test_bad_agency_templates_exit_2(
    tmp_path: Path, name: str, content: bytes, needle: str
) -> None:
    plan = write(tmp_path, MINIMAL)
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / name).write_bytes(content)
    run = run_pokin("pk", str(plan), "-j", "kadis", "--template-dir", str(tmp_path / "tpl"))
    assert run.code == 2 and needle in run.stderr, run.stderr
    assert "internal error" not in run.stderr


def test_closed_stdout_pipe_exits_0_quietly(tmp_path: Path) -> None:
    old = write(tmp_path, MINIMAL, "old.yaml")
    many = "".join(
        f"              - id: n-{k}\n                kinerja: Tersedianya {k}\n"
        f"                nama: Sub {k}\n"
        for k in range(3000)
    )
    new = write(
        tmp_path,
        MINIMAL.replace("              - id: sub-2\n", many + "              - id: sub-2\n"),
        "new.yaml",
    )
    for args in (["diff", str(old), str(new)], ["diff", "-f", "md", str(old), str(new)]):
        proc = subprocess.Popen(
            [sys.executable, "-m", "pokin", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1"},
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # as `| head -1` does
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 0, err
        assert err == b"", err


# ---- the one writer ---------------------------------------------------------------------


def test_report_to_dev_null_leaves_it_a_device(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL)
    run = run_pokin("report", str(plan), "-o", "/dev/null")
    assert run.code == 0, run.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_report_into_a_fifo_is_streamed(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL)
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    run = run_pokin("report", str(plan), "-o", str(fifo))
    reader.join(timeout=60)
    assert run.code == 0, run.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and b"<html" in got[0]


def test_a_folder_is_never_replaced(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL)
    (tmp_path / "out.html").mkdir()
    run = run_pokin("report", str(plan), "-o", str(tmp_path / "out.html"))
    assert run.code == 2 and (tmp_path / "out.html").is_dir()


def test_writes_go_through_a_symlink_keeping_it(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL)
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "laporan.html"
    target.write_text("lama")
    link = tmp_path / "laporan.html"
    link.symlink_to(target)
    run = run_pokin("report", str(plan), "-o", str(link))
    assert run.code == 0, run.stderr
    assert link.is_symlink() and "<html" in target.read_text()


MESSY = MINIMAL.replace("tahun: 2025\n", "tahun:   2025\n").replace(
    "anggaran: 300\n", 'anggaran: "Rp 300"\n', 1
)


def test_fmt_keeps_links_mode_owner_and_hard_links(tmp_path: Path) -> None:
    real = write(tmp_path, MESSY, "asli.yaml")
    os.chmod(real, 0o640)
    os.chown(real, 1234, 5678)
    (tmp_path / "rencana").mkdir()
    link = tmp_path / "rencana" / "tautan.yaml"
    link.symlink_to(real)
    run = run_pokin("fmt", str(link))
    assert run.code == 0, run.stderr
    assert link.is_symlink() and "anggaran: 300\n" in real.read_text()
    info = os.stat(real)
    assert stat.S_IMODE(info.st_mode) == 0o640 and (info.st_uid, info.st_gid) == (1234, 5678)
    # a symlink that `fmt FOLDER` finds
    real.write_text(MESSY)
    assert run_pokin("fmt", str(tmp_path / "rencana")).code == 0
    assert link.is_symlink() and "anggaran: 300\n" in real.read_text()
    # hard links: every name sees the new text
    hard = tmp_path / "hard.yaml"
    hard.write_text(MESSY)
    other = tmp_path / "other-name.yml"
    os.link(hard, other)
    assert run_pokin("fmt", str(hard)).code == 0
    assert os.stat(hard).st_ino == os.stat(other).st_ino
    assert "anggaran: 300\n" in other.read_text()


def test_fmt_write_failure_exits_2_and_leaves_the_original(tmp_path: Path) -> None:
    plan = write(tmp_path, MESSY)
    folder = tmp_path
    # a full disk: the temporary file cannot be written (a tmpfs of one block)
    small = tmp_path / "kecil"
    small.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", str(small)])
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        full = small / "plan.yaml"
        full.write_text(MESSY)
        filler = small / "isi"
        with contextlib.suppress(OSError), open(filler, "wb") as fh:
            fh.write(b"x" * 8192)  # the disk is full now
        run = run_pokin("fmt", str(full))
        assert run.code == 2, run.stderr
        assert "tidak dapat ditulis" in run.stderr and "internal error" not in run.stderr
        assert full.read_text() == MESSY
    finally:
        subprocess.run(["umount", str(small)])
    assert plan.read_text() == MESSY and folder.is_dir()


def test_no_command_overwrites_a_plan(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL)
    other = write(tmp_path, MINIMAL, "lain.yaml")
    for args in (
        ["report", str(plan), "-o", str(plan), "-f", "md"],
        ["report", str(plan), "-o", str(other), "-f", "html"],
        ["pk", str(plan), "-j", "kadis", "-o", str(other), "-f", "html"],
        ["tree", str(plan), "--svg", str(other)],
    ):
        run = run_pokin(*args)
        assert run.code == 2, (args, run.stderr)
        assert other.read_text() == MINIMAL and plan.read_text() == MINIMAL
    # the Markdown report's companion SVG has the name of a plan
    companion = tmp_path / "laporan-pohon-01.svg"
    companion.write_text("pokin: 1\nperangkat_daerah: X\n")
    run = run_pokin("report", str(plan), "-o", str(tmp_path / "laporan.md"))
    assert run.code == 2 and companion.read_text().startswith("pokin: 1")
    assert not (tmp_path / "laporan.md").exists()


# ---- plans are regular files of bounded size --------------------------------------------


def test_fifo_and_devices_are_not_read_as_plans(tmp_path: Path) -> None:
    fifo = tmp_path / "rencana.yaml"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/zero"):
        for command in ("validate", "tree", "fmt"):
            run = run_pokin(command, path)
            assert run.code == 2 and "bukan berkas biasa" in run.stderr, (command, run.stderr)


def test_oversized_plan_is_refused(tmp_path: Path) -> None:
    from pokin.source.load import MAX_PLAN_BYTES

    big = tmp_path / "besar.yaml"
    with open(big, "wb") as fh:
        fh.write(MINIMAL.encode())
        fh.write(b"#" * (MAX_PLAN_BYTES + 1))
    run = run_pokin("validate", str(big))
    assert run.code == 2 and "MB" in run.stderr


# ---- injection through plan text --------------------------------------------------------


def _hostile(tmp_path: Path, name: str = "plan.yaml") -> Path:
    # YAML escapes: ESC ] 52 (OSC clipboard write), BEL, ESC [ 2J (clear screen), RLO
    text = MINIMAL.replace(
        "nama: Penyediaan Makanan", 'nama: "Makanan\\e]52;c;cHduZWQ=\\a\\e[2J\\u202e"'
    )
    text = text.replace(
        "kinerja: Terpenuhinya kebutuhan permakanan korban bencana",
        'kinerja: "Permakanan \\e[31m merah \\u202e \\x9b"',
    )
    text = text.replace("anggaran: 200\n", "anggaran: 250\n")
    return write(tmp_path, text, name)


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    plan = _hostile(tmp_path)
    old = write(tmp_path, MINIMAL, "old.yaml")
    for args in (
        ["validate", str(plan)],
        ["validate", "-f", "github", str(plan)],
        ["tree", "--show", "indikator,target,anggaran,pj", str(plan)],
        ["budget", str(plan)],
        ["budget", "--by", "jabatan", str(plan)],
        ["diff", str(old), str(plan)],
    ):
        run = run_pokin(*args)
        assert run.code in (0, 1), (args, run.stderr)
        for stream in (run.stdout, run.stderr):
            assert "\x1b" not in stream and "\u202e" not in stream and "\x07" not in stream, args
    diff = run_pokin("diff", str(old), str(plan)).stdout
    assert "\\x1b" in diff and "\\u202e" in diff


def test_github_annotations_cannot_be_forged(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "    pj: kadis\n    renstra: rs-1\n",
        '    pj: kadis\n    renstra: rs-1\n    "x\\n::add-mask::rahasia\\n::stop-commands::t": 1\n',
    )
    plan = write(tmp_path, text)
    run = run_pokin("validate", "-f", "github", str(plan))
    assert run.code == 1
    for line in run.stdout.split("\n"):
        assert not line.startswith(("::add-mask", "::stop-commands")), line
    assert "::add-mask::rahasia" in run.stdout  # inside the one annotation line
    from pokin.problems import Problem
    from pokin.render.github import annotation

    forged = annotation(Problem("S001", "error", "a\n::add-mask::x\r\x1b[31m%", "p,1:x.yaml"))
    assert "\n" not in forged and "\r" not in forged and "\x1b" not in forged
    assert "%0A::add-mask::x\\r\\x1b[31m%25" in forged and "file=p%2C1%3Ax.yaml" in forged


def test_csv_cells_are_neutralised_numbers_stay_numbers(tmp_path: Path) -> None:
    text = MINIMAL.replace("nama: Penyediaan Makanan", 'nama: "=HYPERLINK(\\"http://x\\")"')
    text = text.replace("nama: Penyediaan Sandang", 'nama: "@SUM(A1)"')
    text = text.replace("anggaran: 200\n", "anggaran: 150\n")
    plan = write(tmp_path, text)
    run = run_pokin("budget", "-f", "csv", str(plan))
    assert run.code == 1
    rows = [line.split(";") for line in run.stdout.lstrip("\ufeff").splitlines()]
    names = [row[2] for row in rows]
    assert any(n.startswith("\"'=HYPERLINK") or n.startswith("'=HYPERLINK") for n in names)
    assert "'@SUM(A1)" in names
    assert any(cell == "-50" or cell == "50" for row in rows for cell in row)
    from pokin.render.cells import neutralise_cell

    for bad in ("=1+1", "+A1", "-x", "@x", "\tx", "\rx"):
        assert neutralise_cell(bad) == "'" + bad
    assert neutralise_cell(-50) == -50 and neutralise_cell("-50") == "-50"


def test_markdown_outputs_pass_no_html_and_no_links(tmp_path: Path) -> None:
    old = write(tmp_path, MINIMAL, "old.yaml")
    evil = '"<img src=x onerror=alert(1)> ![x](http://e.test/a.png) [k](javascript:x) `c`"'
    text = MINIMAL.replace(
        "kinerja: Terpenuhinya kebutuhan permakanan korban bencana", f"kinerja: {evil}"
    )
    text = text.replace('kode: "1.06.06.2.01.0001"', 'kode: "<script>x</script>"')
    new = write(tmp_path, text, "new.yaml")
    md = run_pokin("diff", "-f", "md", str(old), str(new)).stdout
    report = tmp_path / "laporan.md"
    run = run_pokin("report", str(new), "-o", str(report))
    assert run.code in (0, 1), run.stderr
    for out in (md, report.read_text()):
        assert "<img" not in out and "<script" not in out
        assert "![x](" not in out and "[k](javascript" not in out


def test_git_external_locates_problems_in_the_repository_file(tmp_path: Path) -> None:
    old = write(tmp_path, MINIMAL, "git-tmp-abc123.yaml")
    new = write(tmp_path, MINIMAL.replace("tahun: 2025", "tahun: [2025"), "git-tmp-def456.yaml")
    run = run_pokin(
        "diff",
        "--git-external",
        "plans/dinsos.yaml",
        str(old),
        "1" * 40,
        "100644",
        str(new),
        "0" * 40,
        "100644",
    )
    assert run.code == 0, run.stderr
    assert "plans/dinsos.yaml:" in run.stdout and "git-tmp" not in run.stdout


def test_fmt_keeps_large_quoted_targets_exact(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL.replace("target: 93.59", 'target: "12.345.678.901.234.567"'))
    run = run_pokin("fmt", str(plan))
    assert run.code == 0, run.stderr
    assert "target: 12345678901234567\n" in plan.read_text()


def test_fmt_accepts_a_tab_before_a_comment(tmp_path: Path) -> None:
    plan = write(tmp_path, MINIMAL.replace("anggaran: 300\n", "anggaran: 300\t# dokumen: 300\n", 1))
    run = run_pokin("fmt", str(plan))
    assert run.code == 0, run.stderr
    assert "anggaran: 300  # dokumen: 300\n" in plan.read_text()


def test_markup_around_a_word_diff_is_text(tmp_path: Path) -> None:
    base = MINIMAL.replace(
        "uraian: Jumlah orang yang mendapatkan permakanan",
        "uraian: '[/] Jumlah [link=https://x.test]orang[/link]'\n"
        "                    catatan: catatan lama",
    )
    old = write(tmp_path, base, "old.yaml")
    new = write(tmp_path, base.replace("catatan lama", "catatan baru"), "new.yaml")
    run = run_pokin("diff", str(old), str(new))
    assert run.code == 0, run.stderr
    assert "[/] Jumlah [link=https://x.test]orang[/link]" in run.stdout
