"""`pokin report` command(s)."""

from __future__ import annotations
