"""Writing files atomically: a temporary file in the same folder, then rename.

A reader (or a crash) never sees a half-written plan, report or diagram.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(
    path: str | Path, data: bytes | str, *, mode: int | None = None, keep_mode: bool = False
) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8, newlines untouched).

    The file gets ``mode``; with ``keep_mode`` the permissions of the file it
    replaces; otherwise those a new file gets under the umask.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if keep_mode and mode is None:
        with contextlib.suppress(FileNotFoundError):
            mode = target.stat().st_mode & 0o7777
    if mode is None:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
