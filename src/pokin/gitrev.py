"""Reading a plan file as it was at a git revision (``git show REV:path``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pokin.problems import UsageError


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
