"""The shared rich console for human output."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def console(stderr: bool = False) -> Console:
    """A console that never wraps lines (so ``file:line:col`` stays clickable)."""
    from rich.console import Console

    out = Console(
        stderr=stderr,
        highlight=False,
        soft_wrap=True,
        no_color="NO_COLOR" in os.environ or None,  # type: ignore[arg-type]
    )
    out.on_broken_pipe = closed_pipe  # type: ignore[method-assign]
    return out


def closed_pipe() -> None:
    """The reader went away (``pokin diff … | head``): stop quietly with exit 0.

    Standard output is pointed at the null device, so the interpreter's last
    flush does not fail again with a message.
    """
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(0)


# ---------------------------------------------------------------- plan text on a terminal

import re  # noqa: E402

#: What never reaches a terminal raw: C0 controls (ESC starts CSI/OSC sequences),
#: DEL, C1 controls, bidirectional overrides and isolates, line/paragraph
#: separators, BOM, and lone surrogates (undecodable bytes of a file name).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
_INVISIBLE_ALL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def _show(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if char == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: object, *, lines: bool = False) -> str:
    """Plan text made safe to print: control characters, ESC/CSI/OSC, C1, bidi
    overrides and undecodable bytes are shown as escapes (``\\x1b``, ``\\u202e``).

    With ``lines`` newlines and tabs are kept; otherwise they are shown as
    ``\\n`` and ``\\t`` too (a file name, a one-line field). The result is
    plain text: print it with ``markup=False`` or as a ``rich.text.Text``.
    """
    value = str(text)
    return (_INVISIBLE if lines else _INVISIBLE_ALL).sub(_show, value)


def safe_markup(text: object) -> str:
    """Plan text to put inside a rich markup string: visible, and markup escaped."""
    from rich.markup import escape

    shown = visible(text)
    # a trailing backslash would escape the closing tag that follows it
    return escape(shown[:-1] + "\\\\" if shown.endswith("\\") else shown)


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
