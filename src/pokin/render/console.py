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
