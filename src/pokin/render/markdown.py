"""Plan text as literal Markdown: the one escaper of every Markdown pokin writes.

Budget tables, diffs, the workspace pages and the Jinja Markdown documents all
pass plan text through :func:`md_text`, so a ``kinerja`` or ``nama`` is shown
as the words it holds: never as raw HTML (``<img onerror=…>``), a link, an
image, emphasis, a table cell break, a heading or a list item.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_MD_LINE_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^([-+=#>])")


def md_text(value: object) -> str:
    """``value`` as one line of literal Markdown text.

    Control and bidi characters become visible escapes, whitespace runs one
    space, ``& < >`` HTML entities, Markdown specials backslash-escaped, and a
    start that would open a list, heading or quote is escaped too.
    """
    from pokin.render.console import visible

    text = visible(" ".join(str(value).split()))
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text
    )
