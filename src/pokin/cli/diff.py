"""`pokin diff` command(s)."""

from __future__ import annotations
