"""`pokin tree` command(s)."""

from __future__ import annotations
