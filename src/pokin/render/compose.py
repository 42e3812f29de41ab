"""Large diagrams: Graphviz lays out the head and each branch apart; pokin composes the SVG.

Graphviz's layout time grows much faster than the number of boxes (a
10,000-node plan takes minutes as one graph, a few seconds as ten branches
of 1,000), so above :data:`COMPOSE_ABOVE` shown boxes a top-down diagram is
drawn as parts (:func:`pokin.render.dot.build_dot_parts`): the head (title,
root box, legend) on top, the branches side by side below it, joined by
edges drawn here in Graphviz's edge style. The parts are laid out in
parallel on the machine's cores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pokin.plan import LoadedPlan
from pokin.problems import Problem
from pokin.render.dot import EDGE_COLOUR
from pokin.views.tree import DiagramOptions, tree_view

#: Above this many shown boxes a top-down diagram is laid out in parts.
COMPOSE_ABOVE = 1500
#: Space between branches, and between the head and the branches (points).
GAP = 24.0

_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')
_TRANSFORM = re.compile(
    r'<g id="graph0" class="graph" transform="scale\(([-\d.]+)(?: ([-\d.]+))?\) '
    r'rotate\(0\) translate\(([-\d.]+) ([-\d.]+)\)">'
)
_NUMBER_PAIR = re.compile(r"(-?[\d.]+),(-?[\d.]+)")


@dataclass
class _Part:
    """One laid-out part: its size, its graph group, and its first box's extent."""

    width: float
    height: float
    body: str
    box: tuple[float, float, float, float]  # left, top, right, bottom in part coordinates


def _part(svg: str, prefix: str) -> _Part:
    """Read a Graphviz SVG: size, the ``graph0`` group (ids prefixed), first node's box."""
    view = _VIEWBOX.search(svg)
    transform = _TRANSFORM.search(svg)
    if view is None or transform is None:
        raise ValueError("unexpected SVG from Graphviz")
    width, height = float(view.group(3)), float(view.group(4))
    sx = float(transform.group(1))
    sy = float(transform.group(2) or sx)
    tx, ty = float(transform.group(3)), float(transform.group(4))
    start = transform.start()
    end = svg.rindex("</svg>")
    body = svg[start:end].replace(' id="', f' id="{prefix}')
    node = svg.find('class="node"', start)
    if node < 0:
        raise ValueError("no box in SVG part")
    shape_end = svg.find("</g>", node)
    points = [(float(x), float(y)) for x, y in _NUMBER_PAIR.findall(svg, node, shape_end)]
    xs = [(x + tx) * sx for x, _ in points]
    ys = [(y + ty) * sy for _, y in points]
    return _Part(width, height, body, (min(xs), min(ys), max(xs), max(ys)))


def compose_svg(head: str, branches: list[str]) -> str:
    """One SVG: the head centred on top, the branches in a row below, edges between."""
    top = _part(head, "h_")
    parts = [_part(svg, f"b{i}_") for i, svg in enumerate(branches)]
    row_width = sum(p.width for p in parts) + GAP * max(0, len(parts) - 1)
    width = max(top.width, row_width)
    row_top = top.height + GAP
    height = row_top + max((p.height for p in parts), default=0.0)
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n',
        f'<svg width="{width:.0f}pt" height="{height:.0f}pt" '
        f'viewBox="0.00 0.00 {width:.2f} {height:.2f}" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">\n',
        f'<rect x="0" y="0" width="{width:.2f}" height="{height:.2f}" fill="white"/>\n',
    ]
    # the root box centred over the row, the head kept inside the picture
    head_x = min(max(width / 2 - (top.box[0] + top.box[2]) / 2, 0.0), width - top.width)
    out.append(f'<g transform="translate({head_x:.2f} 0)">\n{top.body}</g>\n')
    root_x = head_x + (top.box[0] + top.box[2]) / 2
    root_y = top.box[3]
    bus_y = (root_y + row_top + min((p.box[1] for p in parts), default=0.0)) / 2
    x = (width - row_width) / 2
    edges = []
    for part in parts:
        out.append(f'<g transform="translate({x:.2f} {row_top:.2f})">\n{part.body}</g>\n')
        child_x = x + (part.box[0] + part.box[2]) / 2
        child_y = row_top + part.box[1]
        bus = min(bus_y, child_y - GAP / 2)
        edges.append(
            f'<path fill="none" stroke="{EDGE_COLOUR}" stroke-width="1.3" '
            f'd="M{root_x:.2f},{root_y:.2f} V{bus:.2f} H{child_x:.2f} V{child_y:.2f}"/>\n'
        )
        x += part.width + GAP
    out.append('<g class="edges">\n' + "".join(edges) + "</g>\n</svg>\n")
    return "".join(out)


def shown_count(plan: LoadedPlan, problems: list[Problem], options: DiagramOptions) -> int:
    """How many boxes the diagram shows."""
    return sum(1 for _ in tree_view(plan, problems, options).walk())


def render_svg_in_parts(
    plan: LoadedPlan,
    problems: list[Problem],
    options: DiagramOptions,
    compose_above: int = COMPOSE_ABOVE,
) -> str | None:
    """The SVG of a large top-down diagram, composed from parts; ``None`` when not worth it."""
    from pokin.render.dot import build_dot_parts
    from pokin.render.graphviz_backend import render_svg
    from pokin.source.parallel import parallel_map

    if options.rankdir.upper() != "TB" or shown_count(plan, problems, options) <= compose_above:
        return None
    head, branches = build_dot_parts(plan, problems, options)
    if len(branches) < 2:
        return None
    sources = [head, *branches]
    rendered = parallel_map(render_svg, sources, [len(s) for s in sources])
    return compose_svg(rendered[0], rendered[1:])
