"""The shared rich console for human output."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def console(stderr: bool = False) -> Console:
    """A console that never wraps lines (so ``file:line:col`` stays clickable)."""
    from rich.console import Console

    return Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=True,
        no_color="NO_COLOR" in os.environ or None,  # type: ignore[arg-type]
    )


def colour_wanted(stderr: bool = False) -> bool:
    """Whether rich would print colour to stdout (or stderr) here.

    The same rules as rich's: ``NO_COLOR`` turns colour off, ``FORCE_COLOR``
    on, ``TERM=dumb`` off; otherwise only a terminal gets colour.
    """
    import sys

    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    stream = sys.stderr if stderr else sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
