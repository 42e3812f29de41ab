"""`pokin budget` command(s)."""

from __future__ import annotations
