"""Reading a plan file as it was at a git revision (``git show REV:path``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pokin.problems import UsageError

if TYPE_CHECKING:
    from pokin.source.load import LoadResult


@dataclass(frozen=True, slots=True)
class RevFile:
    """A file's bytes at a revision, with the name shown to the user (``REV:path``)."""

    name: str
    data: bytes


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("git")
    if exe is None:
        raise UsageError("program git tidak ditemukan; pasang git untuk memakai --rev")
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    return subprocess.run([exe, *args], cwd=cwd, capture_output=True, env=env, check=False)


def repo_path(path: str | Path) -> tuple[Path, str]:
    """The repository root of ``path`` and the path relative to it (with ``/``).

    A :class:`UsageError` when ``path``'s folder is not inside a git repository.
    """
    target = Path(path)
    folder = target.parent if target.parent != Path("") else Path(".")
    if not folder.is_dir():
        raise UsageError(f"folder {folder} tidak ditemukan")
    proc = _git(["rev-parse", "--show-toplevel"], folder)
    if proc.returncode != 0:
        raise UsageError(f"{path} tidak berada di dalam repositori git")
    root = Path(proc.stdout.decode("utf-8", "replace").strip())
    absolute = Path(os.path.realpath(folder.resolve() / target.name))
    try:
        rel = absolute.relative_to(Path(os.path.realpath(root)))
    except ValueError:
        raise UsageError(f"{path} berada di luar repositori git {root}") from None
    return root, rel.as_posix()


def split_range(rev: str) -> tuple[str, str | None]:
    """``"A..B"`` → ``("A", "B")`` (an empty side is ``HEAD``); ``"A"`` → ``("A", None)``."""
    if "..." in rev:
        raise UsageError(f"rentang revisi '{rev}' tidak didukung; tulis A..B")
    if ".." in rev:
        left, right = rev.split("..", 1)
        return (left or "HEAD", right or "HEAD")
    if not rev.strip():
        raise UsageError("revisi kosong; contoh: --rev HEAD atau --rev main..HEAD")
    return (rev, None)


def read_at(path: str | Path, rev: str) -> RevFile:
    """The bytes of ``path`` at revision ``rev`` (a :class:`UsageError` if impossible)."""
    root, rel = repo_path(path)
    if rev.startswith("-"):
        raise UsageError(f"revisi '{rev}' tidak valid")
    check = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    if check.returncode != 0:
        raise UsageError(f"revisi '{rev}' tidak ditemukan di repositori {root}")
    proc = _git(["cat-file", "blob", f"{rev}:{rel}"], root)
    if proc.returncode != 0:
        raise UsageError(f"berkas {rel} tidak ada pada revisi {rev}")
    return RevFile(f"{rev}:{rel}", proc.stdout)


def load_versions(paths: list[str], rev: str | None) -> tuple[LoadResult, LoadResult]:
    """The two versions `pokin diff` compares.

    ``OLD NEW`` (two files); ``PLAN`` with ``rev`` ``REV`` (the file at REV
    against the working file, HEAD by default); ``PLAN`` with ``A..B`` (the
    file at two revisions).
    """
    from pokin.source.load import load_file, load_text

    if rev is None and len(paths) == 2:
        return load_file(paths[0]), load_file(paths[1])
    if len(paths) != 1:
        raise UsageError(
            "berikan dua berkas (pokin diff LAMA BARU) atau satu berkas dengan --rev "
            "(pokin diff RENCANA --rev HEAD)"
        )
    plan = paths[0]
    left, right = split_range(rev or "HEAD")
    old_file = read_at(plan, left)
    old = load_text(old_file.data, old_file.name)
    if right is None:
        return old, load_file(plan)
    new_file = read_at(plan, right)
    return old, load_text(new_file.data, new_file.name)


@dataclass
class ExternalDiff:
    """What git hands an external diff driver, loaded.

    ``old``/``new`` are ``None`` for a side git passes as ``/dev/null`` (the
    file was added or deleted).
    """

    path: str
    new_path: str
    old_file: str
    new_file: str
    old: LoadResult | None
    new: LoadResult | None

    @property
    def header(self) -> str:
        """The path as the diff names it (``old → new`` for a rename)."""
        return self.path if self.new_path == self.path else f"{self.path} → {self.new_path}"

    @property
    def broken(self) -> list[LoadResult]:
        """The sides that are not readable plans."""
        return [r for r in (self.old, self.new) if r is not None and r.plan is None]


def load_external(args: list[str]) -> ExternalDiff:
    """Load git's external-diff arguments.

    ``path old-file old-hex old-mode new-file new-hex new-mode`` (and, for a
    rename, ``new-path`` and a similarity line).
    """
    from pokin.source.load import load_text, read_plan_bytes

    if len(args) not in (7, 9):
        raise UsageError(
            "--git-external menerima 7 argumen dari git (path old-file old-hex old-mode "
            f"new-file new-hex new-mode), bukan {len(args)}"
        )
    path, old_file, old_hex, _old_mode, new_file, new_hex, _new_mode = args[:7]
    new_path = args[7] if len(args) == 9 else path

    def side(file: str, hexsha: str, name: str) -> LoadResult | None:
        if file == "/dev/null":
            return None
        # problems name the file in the repository, never git's temporary copy
        result = load_text(read_plan_bytes(file), name)
        result.file = f"{name}@{hexsha[:7]}" if hexsha.strip("0.") else name
        if result.plan is not None:
            result.plan.file = result.file
        return result

    return ExternalDiff(
        path,
        new_path,
        old_file,
        new_file,
        side(old_file, old_hex, path),
        side(new_file, new_hex, new_path),
    )


def line_diff(external: ExternalDiff) -> str:
    """A plain unified line diff of the two sides (for sides that are no plan)."""
    import difflib

    def lines(file: str) -> list[str]:
        if file == "/dev/null":
            return []
        with open(file, encoding="utf-8", errors="replace", newline="") as fh:
            return fh.readlines()

    return "".join(
        difflib.unified_diff(
            lines(external.old_file),
            lines(external.new_file),
            f"a/{external.path}",
            f"b/{external.new_path}",
        )
    )


# ------------------------------------------------------------ a folder at a revision


def folder_at(folder: str | Path, rev: str, into: Path) -> Path:
    """Write ``folder`` as it was at revision ``rev`` below ``into``; return its copy there.

    Used to compare two revisions of a workspace (a :class:`UsageError` if impossible).
    """
    import io
    import tarfile

    root, rel = repo_path(Path(folder).resolve())
    if rev.startswith("-"):
        raise UsageError(f"revisi '{rev}' tidak valid")
    check = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    if check.returncode != 0:
        raise UsageError(f"revisi '{rev}' tidak ditemukan di repositori {root}")
    proc = _git(["archive", "--format=tar", rev, "--", rel], root)
    if proc.returncode != 0:
        raise UsageError(f"folder {rel} tidak ada pada revisi {rev}")
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / rel
