"""`pokin rules` command(s)."""

from __future__ import annotations
