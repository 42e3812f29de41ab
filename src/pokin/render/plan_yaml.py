"""Plan data as YAML text (`pokin import`): dumped, then written in ``pokin fmt``'s layout."""

from __future__ import annotations

import io
from typing import Any


def plan_yaml(data: dict[str, Any], file: str, header: str = "") -> str:
    """The YAML text of ``data``, in the canonical layout when the plan loads cleanly.

    ``header`` is a comment block written above the first key. A plan that
    does not load (its problems are reported by the caller) is written as
    dumped, so every value read is still there to fix.
    """
    from ruamel.yaml import YAML

    from pokin.render.fmt import format_bytes

    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    buf = io.StringIO()
    yaml.dump(_plain(data), buf)
    text = header + buf.getvalue()
    result = format_bytes(text.encode("utf-8"), file)
    if result.formatted is not None:
        return result.formatted.decode("utf-8")
    return text


def _plain(value: Any) -> Any:
    """Lists with ``[a, b]`` periode kept in flow style; everything else as is."""
    if isinstance(value, dict):
        return {k: (_flow(v) if k == "periode" else _plain(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _flow(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    if not isinstance(value, list):
        return value
    seq = CommentedSeq(value)
    seq.fa.set_flow_style()
    return seq
