"""The one writer: it looks at the target first, then writes without losing anything.

* A new file, or a plain file with one name: a temporary file in the same
  folder, then rename. A reader (or a crash) never sees a half-written plan,
  report or diagram, and a failed write (full disk, read-only folder) leaves
  the original untouched. A replaced file keeps its mode, owner and group.
* A symbolic link: written *through*, to the file it points at; the link stays.
* A file with several hard links: a safe copy of the original first, then the
  file is rewritten in place, so every name sees the new text (as editors
  do); the copy restores it when the write fails.
* A character device or a FIFO (``/dev/null``, ``/dev/stdout``, a pipe): written
  as a stream, never replaced. A folder, a block device or a socket: refused.
* A plan: refused unless the caller writes plans (``pokin fmt``). A plan is a
  file given to the command as input, or one whose text has a top-level
  ``pokin:`` or ``pokin_realisasi:`` key.

Refusals are :class:`~pokin.problems.UsageError` (exit 2); failed writes are
:class:`OSError` for the caller to report.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pokin.problems import UsageError

#: A top-level key that marks a pokin plan (or a realisasi file).
_PLAN_KEY = re.compile(rb"^(?:pokin|pokin_realisasi)[ \t]*:", re.MULTILINE)
#: How much of a file is read to tell whether it is a plan.
_SNIFF_BYTES = 1 << 20


def write_atomic(
    path: str | Path,
    data: bytes | str,
    *,
    mode: int | None = None,
    keep_mode: bool = True,
    plans: Iterable[str | Path] = (),
    plan_ok: bool = False,
) -> None:
    """Write ``data`` to ``path`` (text as UTF-8, newlines untouched), safely.

    ``mode`` sets the permissions of the file; otherwise a replaced file keeps
    its own (``keep_mode``) and a new one gets those the umask allows.
    ``plans`` are the input files of the command: never overwritten, nor any
    file that looks like a plan, unless ``plan_ok``.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(path)
    shown = os.fsdecode(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        # write through the link (following a chain of links), keeping it
        target = Path(os.path.realpath(target))
        try:
            info = os.stat(target)
        except FileNotFoundError:
            info = None
    if info is not None:
        kind = info.st_mode
        if stat.S_ISDIR(kind):
            raise UsageError(f"{shown} adalah folder; beri nama berkas")
        if stat.S_ISCHR(kind) or stat.S_ISFIFO(kind):
            _stream(target, payload)
            return
        if not stat.S_ISREG(kind):
            raise UsageError(
                f"{shown} bukan berkas biasa (perangkat blok atau soket); tidak ditulis"
            )
        if not plan_ok:
            refuse_plan(target, plans, shown)
        if info.st_nlink > 1:
            _rewrite_in_place(target, payload, info)
            return
    _replace(target, payload, info, mode if mode is not None or not keep_mode else None)


def refuse_plan(target: str | Path, plans: Iterable[str | Path] = (), shown: str = "") -> None:
    """Raise a UsageError when ``target`` is an input plan or looks like a plan."""
    path = Path(target)
    name = shown or os.fsdecode(target)
    for plan in plans:
        with contextlib.suppress(OSError):
            if path.exists() and path.samefile(plan):
                raise UsageError(f"{name} adalah berkas rencana masukan; pilih nama keluaran lain")
    if is_plan_file(path):
        raise UsageError(
            f"{name} berisi sebuah rencana pokin; pokin tidak menimpanya, pilih nama lain"
        )


def is_plan_file(path: str | Path) -> bool:
    """Whether a regular file's text has a top-level ``pokin:`` or ``pokin_realisasi:`` key."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError:
        return False
    return _PLAN_KEY.search(head.removeprefix(b"\xef\xbb\xbf")) is not None


def _stream(target: Path, payload: bytes) -> None:
    """Write into a device or FIFO as a stream (it is never replaced)."""
    with open(target, "wb", buffering=0) as out:
        view = memoryview(payload)
        while view:
            written = out.write(view)
            view = view[written or len(view) :]


def _new_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _replace(target: Path, payload: bytes, info: os.stat_result | None, mode: int | None) -> None:
    """Temporary file in the same folder, then rename; mode, owner and group kept."""
    folder = target.parent if str(target.parent) else Path(".")
    if mode is None:
        mode = stat.S_IMODE(info.st_mode) if info is not None else _new_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        if info is not None:
            _keep_owner(tmp, info)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _keep_owner(path: str, info: os.stat_result) -> None:
    """Give ``path`` the owner and group of the replaced file, as far as allowed."""
    if not hasattr(os, "chown"):  # pragma: no cover - Windows
        return
    try:
        os.chown(path, info.st_uid, info.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.chown(path, -1, info.st_gid)


def _rewrite_in_place(target: Path, payload: bytes, info: os.stat_result) -> None:
    """A hard-linked file: copy it aside, rewrite it in place, restore on failure."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, backup = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".orig", dir=folder)
    try:
        with os.fdopen(fd, "wb") as copy, open(target, "rb") as original:
            shutil.copyfileobj(original, copy)
            copy.flush()
            os.fsync(copy.fileno())
        try:
            with open(target, "r+b") as out:
                out.write(payload)
                out.truncate()
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            with open(backup, "rb") as copy, open(target, "r+b") as out:
                shutil.copyfileobj(copy, out)
                out.truncate()
            raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(backup)
