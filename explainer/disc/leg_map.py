"""Schematic leg map: where the chosen nerve root sends pain, numbness or tingling.

Both legs, seen from the front and from behind, with the chosen root's skin
area drawn on one leg as the bands that textbook dermatome maps show (root
table: ``explainer.disc.nerve_roots``; source ``harrison``). The marked leg is the
person's right leg by default (on the viewer's left from the front, on the
viewer's right from behind), the same side as the pressed root in
``explainer.disc.spine_diagram``. ``side="left"`` marks the person's left leg: the
whole drawing is mirrored (the body is symmetric, so a mirrored front view is a
front view of the other leg) while its words are not, so the front view moves to
the right, the marked leg stays on the outside and the labels keep their room
(``mirrored``). Each marked band is shown by a light fill AND
diagonal hatch lines AND a dashed outline AND a label beside that leg with a
line to the band, so colour is never the only cue.

How the shapes are made: one leg is described by its outline, a table of
(height, outer edge, inner edge) rows (``LEG``), smoothed with a Catmull-Rom
spline. A band is given as rows of (height, from, to), where from/to are
fractions across the leg (0 = outer edge, 1 = inner edge); between rows the
fractions change linearly. So every band follows the leg's own contour and
stays inside it. Below the ankle the front view shows the top of the foot and
the back view the sole (as dermatome charts draw them).

Public API (also used by the staff handout to embed the map in a PDF):
``leg_map_svg(level, t, *, codes=True, side="right") -> str``, a standalone SVG with
width/height, drawn with plain shapes only (path, polygon, line, ellipse,
rect, circle, text, and a group whose transform mirrors it): no CSS classes, filters, patterns, clip paths or external
references, so fpdf2 can draw it. ``codes=False`` (kiosk) names no level code
(L4, L5, S1) anywhere, text alternative included.
"""
from __future__ import annotations

import re
from math import cos, pi, radians, sin

from explainer.common import palette
from explainer.common.content import Strings
from explainer.disc import svg
from explainer.disc.nerve_roots import root

Point = tuple[float, float]

WIDTH, HEIGHT = 1000, 704
AREA_FILL = palette.TEAR_ZONE_FILL
AREA_LINE = palette.DARK_VERMILLION
SKIN_FILL = "#FBF7F2"
#: Figure units -> SVG units, where each view's figure starts (x) and the legs' top (y).
SCALE = 0.97
FIGURE_WIDTH = 300
FIGURE_X = {"front": 500 - 10 - FIGURE_WIDTH * SCALE, "back": 510}
TOP = 52
#: Label columns: left of the front view, right of the back view.
LABEL_X = {"front": FIGURE_X["front"] + 20, "back": FIGURE_X["back"] + (FIGURE_WIDTH - 20) * SCALE}
#: Label text: 22 units is about 16 px where the map is drawn 740 px wide (a landscape tablet).
LABEL_SIZE = 22
LABEL_LINE = 26
LABEL_CHARS = 16
#: No label's last line goes below this (the soles' caption and the legend are under it).
LABELS_BOTTOM = HEIGHT - 74

#: One leg (the person's right leg as seen from the front), in figure units:
#: (height from the waist, outer edge x, inner edge x); the figure's midline is x = 150.
LEG: tuple[tuple[float, float, float], ...] = (
    (0, 44, 150), (45, 35, 150), (100, 37, 149), (112, 39, 146), (170, 45, 140), (230, 53, 133),
    (280, 58, 128), (305, 59, 128), (335, 58, 127), (375, 55, 128), (425, 62, 121), (470, 69, 114),
    (498, 72, 109), (512, 69, 113), (532, 62, 121), (556, 57, 129), (578, 56, 132),
)
#: Height where the two legs part (the crotch) and where the toes start.
CROTCH = 112
TOE_LINE = 578
#: Toes at the toe line, inner (big toe) to outer: (fraction across, x radius, y radius).
TOES = ((0.85, 12, 16), (0.63, 8, 12), (0.45, 7.5, 11), (0.28, 7, 10), (0.11, 6.5, 9))

#: Bands: view -> rows of (height, from, to), fractions across the leg (0 outer, 1 inner).
#: A "toe" band is the big toe itself.
BANDS: dict[str, list[tuple[str, tuple]]] = {
    # L4: over the knee (running down and inwards, as dermatome maps draw it), then the inner lower leg.
    "knee": [("front", ((262, 0.12, 0.72), (300, 0.08, 1.0), (338, 0.45, 1.0)))],
    "inner_shin": [("front", ((338, 0.45, 1.0), (420, 0.5, 1.0), (500, 0.55, 1.0), (522, 0.72, 1.0)))],
    "inner_calf": [("back", ((336, 0.6, 1.0), (420, 0.62, 1.0), (505, 0.65, 1.0)))],
    # L5: the outer lower leg, the top of the foot and the big toe.
    "outer_shin": [("front", ((338, 0.0, 0.45), (420, 0.0, 0.5), (500, 0.0, 0.55), (512, 0.0, 0.6)))],
    "outer_calf": [("back", ((334, 0.0, 0.22), (420, 0.0, 0.22), (480, 0.0, 0.2)))],
    "top_of_foot": [("front", ((512, 0.16, 0.82), (540, 0.16, 0.9), (TOE_LINE, 0.13, 0.96)))],
    "big_toe": [("front", "toe")],
    # S1: the back of the thigh and calf, the sole and the outer edge of the foot.
    "back_of_thigh": [("back", ((135, 0.32, 0.7), (200, 0.34, 0.68), (262, 0.36, 0.64)))],
    "back_of_calf": [("back", ((334, 0.22, 0.6), (420, 0.22, 0.62), (490, 0.2, 0.6)))],
    "sole": [("back", ((508, 0.14, 0.66), (540, 0.14, 0.72), (TOE_LINE, 0.12, 0.75)))],
    "outer_foot": [("front", ((512, 0.0, 0.15), (TOE_LINE, 0.0, 0.12))),
                   ("back", ((500, 0.0, 0.13), (TOE_LINE, 0.0, 0.11)))],
}
#: Older name kept for callers that list the drawable regions.
REGIONS = BANDS
#: Where on a band its label's line ends: fraction of the band's height (default: the middle).
#: The sole's is lower so its line does not cross the outer edge's.
ANCHOR_AT = {"sole": 0.75}


# --- the leg's outline ------------------------------------------------------------------

def _catmull_rom(rows: tuple, column: int, y: float) -> float:
    """Value of ``column`` at height ``y`` on a Catmull-Rom spline through ``rows``."""
    ys = [r[0] for r in rows]
    y = min(max(y, ys[0]), ys[-1])
    i = max(k for k in range(len(ys) - 1) if ys[k] <= y) if y < ys[-1] else len(ys) - 2
    p0, p1, p2, p3 = (rows[max(0, min(len(rows) - 1, j))][column] for j in (i - 1, i, i + 1, i + 2))
    s = (y - ys[i]) / (ys[i + 1] - ys[i])
    return 0.5 * (2 * p1 + (-p0 + p2) * s + (2 * p0 - 5 * p1 + 4 * p2 - p3) * s * s + (-p0 + 3 * p1 - 3 * p2 + p3) * s ** 3)


def edges(y: float) -> tuple[float, float]:
    """(outer, inner) edge of the leg at height ``y``, in figure units (front view, right leg)."""
    return _catmull_rom(LEG, 1, y), _catmull_rom(LEG, 2, y)


def _heights(top: float, bottom: float, step: float = 4.0) -> list[float]:
    n = max(1, round((bottom - top) / step))
    return [top + (bottom - top) * i / n for i in range(n + 1)]


def _to_view(view: str, x: float, y: float, mirror_leg: bool = False) -> Point:
    """Figure units of the marked leg -> SVG units. From behind, left and right swap.
    ``mirror_leg`` gives the other leg (mirrored about the figure's midline)."""
    if mirror_leg:
        x = FIGURE_WIDTH - x
    if view == "back":
        x = FIGURE_WIDTH - x
    return FIGURE_X[view] + x * SCALE, TOP + y * SCALE


def _figure_polygon(view: str) -> list[Point]:
    """Closed outline of both legs from the waist: the marked leg's outer edge down and
    inner edge up to the crotch, then the other leg's inner edge down and outer edge up."""
    full, inner_part = _heights(0, TOE_LINE), _heights(CROTCH, TOE_LINE)
    marked = [_to_view(view, edges(y)[0], y) for y in full] + [_to_view(view, edges(y)[1], y) for y in reversed(inner_part)]
    other = [_to_view(view, edges(y)[1], y, True) for y in inner_part] + [_to_view(view, edges(y)[0], y, True) for y in reversed(full)]
    return marked + other


def _toe_ellipses(view: str, mirror_leg: bool = False) -> list[tuple[float, float, float, float]]:
    outer, inner = edges(TOE_LINE)
    out = []
    for fraction, rx, ry in TOES:
        x, y = _to_view(view, outer + fraction * (inner - outer), TOE_LINE + ry - 8, mirror_leg)
        out.append((x, y, rx * SCALE, ry * SCALE))
    return out


def _ellipse_points(cx: float, cy: float, rx: float, ry: float, n: int = 24) -> list[Point]:
    return [(cx + rx * cos(2 * pi * k / n), cy + ry * sin(2 * pi * k / n)) for k in range(n)]


def band_anchor(view: str, rows, at: float = 0.5) -> Point:
    """The point a label's line ends on: across the middle of the band, ``at`` of the way down it."""
    if rows == "toe":
        x, y, _, _ = _toe_ellipses(view)[0]
        return x, y
    y = rows[0][0] + at * (rows[-1][0] - rows[0][0])
    for (y0, a0, b0), (y1, a1, b1) in zip(rows, rows[1:]):
        if y0 <= y <= y1:
            s = (y - y0) / (y1 - y0)
            outer, inner = edges(y)
            middle = (a0 + (a1 - a0) * s + b0 + (b1 - b0) * s) / 2
            return _to_view(view, outer + middle * (inner - outer), y)
    raise ValueError("anchor outside the band")


def band_polygon(view: str, rows) -> list[Point]:
    """A band across the marked leg as a polygon in SVG units (see the module docstring)."""
    if rows == "toe":
        return _ellipse_points(*_toe_ellipses(view)[0])
    left, right = [], []
    for (y0, a0, b0), (y1, a1, b1) in zip(rows, rows[1:]):
        for y in _heights(y0, y1)[(1 if left else 0):]:
            s = (y - y0) / (y1 - y0)
            outer, inner = edges(y)
            a, b = a0 + (a1 - a0) * s, b0 + (b1 - b0) * s
            left.append(_to_view(view, outer + a * (inner - outer), y))
            right.append(_to_view(view, outer + b * (inner - outer), y))
    return left + right[::-1]


# --- drawing helpers ----------------------------------------------------------------------

def hatch_segments(polygon: list[Point], spacing: float = 8.0, angle_deg: float = 45.0) -> list[tuple[Point, Point]]:
    """Parallel hatch lines clipped to a polygon (even-odd rule), as line segments.

    Rotate the polygon so the hatch is horizontal, cut it with horizontal lines
    every ``spacing`` units, pair the crossings, rotate the pieces back.
    """
    a = radians(angle_deg)
    ca, sa = cos(a), sin(a)
    rotated = [(x * ca + y * sa, -x * sa + y * ca) for x, y in polygon]
    ys = [p[1] for p in rotated]
    segments = []
    y = min(ys) + spacing / 2
    while y < max(ys):
        crossings = []
        for (x1, y1), (x2, y2) in zip(rotated, rotated[1:] + rotated[:1]):
            if (y1 <= y < y2) or (y2 <= y < y1):
                crossings.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        crossings.sort()
        for x_start, x_end in zip(crossings[0::2], crossings[1::2]):
            segments.append(tuple((x * ca - y * sa, x * sa + y * ca) for x in (x_start, x_end)))
        y += spacing
    return segments


def _points(points: list[Point]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


SIDES = ("right", "left")
_TEXT_X = re.compile(r'^(<text x=")([-0-9.]+)(".*?text-anchor=")(start|middle|end)(")')


def mirrored(parts: list[str], width: float) -> list[str]:
    """The same drawing seen in a mirror (x -> ``width`` - x), its words still readable.

    Shapes go into groups whose transform mirrors them; each <text> (as ``svg.text``
    writes it) keeps its letters and gets the mirrored x, its anchor swapped. Drawing
    order is kept, so what covered what still does."""
    out: list[str] = []
    group: list[str] = []

    def close() -> None:
        if group:
            out.append(f'<g transform="matrix(-1 0 0 1 {width:g} 0)">' + "".join(group) + "</g>")
            group.clear()

    for part in parts:
        m = _TEXT_X.match(part)
        if m:
            close()
            anchor = {"start": "end", "end": "start"}.get(m.group(4), "middle")
            out.append(f"{m.group(1)}{width - float(m.group(2)):.1f}{m.group(3)}{anchor}{m.group(5)}" + part[m.end():])
        else:
            group.append(part)
    close()
    return out


def shaded_area(polygon: list[Point], fill: str = AREA_FILL, line: str = AREA_LINE, spacing: float = 8.0,
                name: str = "") -> list[str]:
    """Fill + hatch + dashed outline for one highlighted shape (shared with the spine diagram).

    ``name`` is written on the outline as ``data-region`` (what the shape is, for tests and
    tools; screens and fpdf2 ignore it)."""
    tag = f' data-region="{name}"' if name else ""
    parts = [f'<polygon points="{_points(polygon)}" fill="{fill}" stroke="none"/>']
    for (x1, y1), (x2, y2) in hatch_segments(polygon, spacing):
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{line}" stroke-width="1.6"/>')
    parts.append(f'<polygon points="{_points(polygon)}" fill="none" stroke="{line}" stroke-width="2.5" stroke-dasharray="6 3"{tag}/>')
    return parts


def _centroid(points: list[Point]) -> Point:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def wrap_words(words: str, width: int = LABEL_CHARS) -> list[str]:
    """Split a label into lines of about ``width`` characters (at spaces)."""
    lines: list[str] = []
    for word in words.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def region_names(level: str, t: Strings) -> list[str]:
    """The chosen root's areas, in words (same order as drawn)."""
    return [t(f"spasm_or_disc.leg_map.regions.{region}") for region in root(level).regions]


def _labels(view: str, placed: list[tuple[str, Point]]) -> list[str]:
    """Labels beside the marked leg, each with a line to its band; spaced so they never overlap."""
    if not placed:
        return []
    anchor = "end" if view == "front" else "start"
    x_text = LABEL_X[view]
    items = []
    for words, (cx, cy) in placed:
        lines = wrap_words(words[:1].upper() + words[1:])
        items.append([cy, lines, (cx, cy)])
    items.sort(key=lambda item: item[0])
    # Place each label's first line near its band; then push labels down so none overlaps
    # the one above, and up again if the last would run into the legend.
    bottom = 40.0
    for item in items:
        height = LABEL_LINE * len(item[1])
        item[0] = max(item[0] - height / 2 + LABEL_SIZE * 0.8, bottom + LABEL_SIZE)
        bottom = item[0] + height
    limit = LABELS_BOTTOM
    for item in reversed(items):
        height = LABEL_LINE * (len(item[1]) - 1)
        item[0] = min(item[0], limit - height)
        limit = item[0] - LABEL_LINE - 4
    out = []
    for first_baseline, lines, (cx, cy) in items:
        y_mid = first_baseline - LABEL_SIZE * 0.35 + LABEL_LINE * (len(lines) - 1) / 2
        x_from = x_text + (6 if view == "front" else -6)
        out.append(f'<line x1="{x_from:.1f}" y1="{y_mid:.1f}" x2="{cx:.1f}" y2="{cy:.1f}" stroke="{palette.INK}" stroke-width="2"/>')
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{palette.INK}"/>')
        for i, line in enumerate(lines):
            out.append(svg.text(x_text, first_baseline + LABEL_LINE * i, line, size=LABEL_SIZE, weight="bold",
                                anchor=anchor, fill=AREA_LINE))
    return out


def leg_map_svg(level: str, t: Strings, *, codes: bool = True, side: str = "right") -> str:
    """Standalone SVG of both legs (front and back) with ``level``'s areas marked on one leg,
    the person's ``side`` ("right" or "left"; anything else: right).

    ``codes=False`` leaves out the level's code (L4, L5, S1) everywhere: for kiosk screens.
    """
    nerve = root(level)
    level = nerve.level
    k = "spasm_or_disc.leg_map"
    areas = ", ".join(region_names(level, t))
    if codes:
        title, desc, legend = t(f"{k}.title", level=level), t(f"{k}.desc", level=level, areas=areas), t(f"{k}.legend", level=level)
    else:
        title, desc, legend = t(f"{k}.title_plain"), t(f"{k}.desc_plain", areas=areas), t(f"{k}.legend_plain")
    head = svg.open_svg(WIDTH, HEIGHT, title, desc)
    out: list[str] = []
    for view in ("front", "back"):
        x0 = FIGURE_X[view]
        out.append(svg.text(x0 + FIGURE_WIDTH * SCALE / 2, 34, t(f"{k}.views.{view}"), size=24, weight="bold"))
        out.append(f'<polygon points="{_points(_figure_polygon(view))}" fill="{SKIN_FILL}" '
                   f'stroke="{palette.INK}" stroke-width="2.5" stroke-linejoin="round"/>')
        for mirror in (False, True):
            for cx, cy, rx, ry in _toe_ellipses(view, mirror):
                out.append(f'<ellipse cx="{cx:.1f}" cy="{cy:.1f}" rx="{rx}" ry="{ry}" fill="{SKIN_FILL}" '
                           f'stroke="{palette.INK}" stroke-width="2"/>')
    # The chosen root's bands, then their labels beside the marked leg.
    placed: dict[str, list[tuple[str, Point]]] = {"front": [], "back": []}
    for region in nerve.regions:
        for view, rows in BANDS[region]:
            polygon = band_polygon(view, rows)
            out.extend(shaded_area(polygon, spacing=6.0 if rows == "toe" else 8.0, name=f"{view}:{region}"))
            placed[view].append((t(f"{k}.regions.{region}"), band_anchor(view, rows, ANCHOR_AT.get(region, 0.5))))
    # Landmarks in light lines, drawn over the bands so they show through the hatching:
    # knee caps (front); buttock folds and knee creases (back).
    for mirror in (False, True):
        cx, cy = _to_view("front", sum(edges(300)) / 2, 300, mirror)
        out.append(f'<ellipse cx="{cx:.1f}" cy="{cy:.1f}" rx="17" ry="21" fill="none" stroke="{palette.MUTED}" stroke-width="2"/>')
        outer, inner = edges(128)
        (x1, y1), (x2, _) = _to_view("back", outer + 6, 128, mirror), _to_view("back", inner, 128, mirror)
        out.append(f'<path d="M {x1:.1f} {y1 - 14:.1f} Q {(x1 + x2) / 2:.1f} {y1 + 10:.1f} {x2:.1f} {y1:.1f}" fill="none" '
                   f'stroke="{palette.MUTED}" stroke-width="2"/>')
        outer, inner = edges(318)
        (x1, y1), (x2, _) = _to_view("back", outer + 16, 318, mirror), _to_view("back", inner - 16, 318, mirror)
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y1:.1f}" stroke="{palette.MUTED}" stroke-width="2"/>')
    for view in ("front", "back"):
        out.extend(_labels(view, placed[view]))
    # From behind, the feet show their soles: say so under them.
    out.append(svg.text(FIGURE_X["back"] + FIGURE_WIDTH * SCALE / 2, TOP + (TOE_LINE + 44) * SCALE, t(f"{k}.views.sole"),
                        size=22, fill=palette.MUTED))
    if side == "left":
        out = mirrored(out, WIDTH)
    out = [*head, *out]
    # Legend (never mirrored: it reads from the left): a hatched swatch and what it means.
    y = HEIGHT - 22
    out.extend(shaded_area([(20, y - 24), (64, y - 24), (64, y + 8), (20, y + 8)]))
    out.append(svg.text(78, y, legend, size=22, anchor="start"))
    out.append("</svg>")
    return "\n".join(out)
