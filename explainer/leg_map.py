"""Schematic leg map: where the chosen nerve root sends pain, numbness or tingling.

Three small views of the right leg (front, back, sole of the foot). The chosen
root's area (see ``explainer.nerve_roots``; source ``harrison``) is shown by a
light fill AND diagonal hatch lines AND a dashed outline AND a tag naming the
root, so colour is never the only cue.

Public API (also used by the staff handout to embed the map in a PDF):
``leg_map_svg(level, t) -> str``, a standalone SVG with width/height, drawn with
plain shapes only (path, polygon, line, ellipse, rect, text): no CSS classes,
filters, patterns, clip paths or external references, so fpdf2 can draw it.
Hatching is computed here as line segments for the same reason.
"""
from __future__ import annotations

from math import cos, radians, sin

from explainer import palette, svg
from explainer.content import Strings
from explainer.nerve_roots import root

Point = tuple[float, float]

WIDTH, HEIGHT = 720, 690
AREA_FILL = palette.TEAR_ZONE_FILL
AREA_LINE = palette.DARK_VERMILLION
SKIN_FILL = "#FBF7F2"

#: Left edge of each view (views are 200 units wide, legs drawn from y = 70).
VIEW_X = {"front": 20, "back": 260, "sole": 500}
TOP = 70


def _shift(points, view: str) -> list[Point]:
    dx = VIEW_X[view]
    return [(x + dx, y + TOP) for x, y in points]


# Outline of the right leg seen from the front: viewer's left is the OUTER side.
_FRONT = [(25, 0), (30, 80), (45, 170), (55, 230), (52, 270), (46, 320), (58, 390), (72, 450), (70, 472),
          (55, 498), (50, 524), (152, 526), (152, 500), (130, 472), (128, 450), (140, 390), (152, 320),
          (147, 270), (145, 230), (150, 170), (160, 80), (172, 30), (172, 0)]
# Seen from behind the inner and outer sides swap: mirror the front outline.
_BACK = [(200 - x, y) for x, y in _FRONT]
# Footprint of the right foot (toes up): the big toe and INNER side on the viewer's left.
_SOLE = [(70, 200), (66, 260), (84, 330), (78, 400), (84, 460), (110, 486), (136, 466), (142, 400), (142, 320),
         (139, 250), (134, 200), (128, 186), (74, 186)]
_TOES = [(82, 160, 15, 22), (106, 158, 9, 14), (121, 164, 8, 12), (133, 173, 7, 11), (142, 186, 6, 9)]

#: Shapes each region is drawn with: (view, polygon) pairs.
REGIONS: dict[str, list[tuple[str, list[Point]]]] = {
    "knee": [("front", [(57, 212), (143, 212), (144, 288), (53, 288)])],
    "inner_calf": [("front", [(112, 292), (146, 292), (149, 322), (138, 390), (126, 446), (110, 446), (114, 390), (112, 322)])],
    "outer_calf": [("front", [(52, 292), (88, 292), (90, 322), (92, 390), (90, 446), (74, 446), (61, 390), (50, 322)])],
    "top_of_foot": [("front", [(76, 468), (124, 468), (146, 498), (58, 498)])],
    "big_toe": [("front", [(124, 502), (149, 502), (150, 523), (124, 523)])],
    "back_of_thigh": [("back", [(58, 40), (142, 40), (136, 200), (64, 200)])],
    "back_of_calf": [("back", [(60, 292), (140, 292), (144, 330), (128, 430), (72, 430), (58, 330)])],
    "outer_foot": [("back", [(130, 472), (145, 498), (148, 523), (126, 523), (118, 498)]),
                   ("sole", [(126, 204), (136, 204), (140, 320), (140, 400), (134, 458), (122, 468), (126, 400), (127, 320)])],
    "sole": [("sole", [(74, 204), (122, 204), (124, 320), (122, 400), (118, 470), (104, 478), (88, 456), (82, 400), (88, 330), (71, 260)])],
}


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




def shaded_area(polygon: list[Point], fill: str = AREA_FILL, line: str = AREA_LINE) -> list[str]:
    """Fill + hatch + dashed outline for one highlighted shape (shared with the spine diagram)."""
    parts = [f'<polygon points="{_points(polygon)}" fill="{fill}" stroke="none"/>']
    for (x1, y1), (x2, y2) in hatch_segments(polygon):
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{line}" stroke-width="1.6"/>')
    parts.append(f'<polygon points="{_points(polygon)}" fill="none" stroke="{line}" stroke-width="2.5" stroke-dasharray="6 3"/>')
    return parts


def _centroid(points: list[Point]) -> Point:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _area(points: list[Point]) -> float:
    """Shoelace formula."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def _tag(x: float, y: float, label: str) -> list[str]:
    return [f'<rect x="{x - 24:.1f}" y="{y - 15:.1f}" width="48" height="28" rx="6" fill="{palette.BACKGROUND}" '
            f'stroke="{AREA_LINE}" stroke-width="2"/>', svg.text(x, y + 6, label, size=18, weight="bold", fill=AREA_LINE)]


def region_names(level: str, t: Strings) -> list[str]:
    """The chosen root's areas, in words (same order as drawn)."""
    return [t(f"spasm_or_disc.leg_map.regions.{region}") for region in root(level).regions]


def leg_map_svg(level: str, t: Strings) -> str:
    """Standalone SVG of the three leg views with ``level``'s area highlighted."""
    nerve = root(level)
    level = nerve.level
    k = "spasm_or_disc.leg_map"
    title = t(f"{k}.title", level=level)
    desc = t(f"{k}.desc", level=level, areas=", ".join(region_names(level, t)))
    out = [
        *svg.open_svg(WIDTH, HEIGHT, title, desc),
    ]
    # View captions and legs.
    for view, outline in (("front", _FRONT), ("back", _BACK), ("sole", _SOLE)):
        x0 = VIEW_X[view]
        out.append(svg.text(x0 + 100, 40, t(f"{k}.views.{view}"), size=22, weight="bold"))
        out.append(f'<polygon points="{_points(_shift(outline, view))}" fill="{SKIN_FILL}" stroke="{palette.INK}" stroke-width="2.5" stroke-linejoin="round"/>')
    for cx, cy, rx, ry in _TOES:
        (x, y), = _shift([(cx, cy)], "sole")
        out.append(f'<ellipse cx="{x:.1f}" cy="{y:.1f}" rx="{rx}" ry="{ry}" fill="{SKIN_FILL}" stroke="{palette.INK}" stroke-width="2.5"/>')
    for x in (70, 88, 104, 122):  # toe lines on the front view
        (x1, y1), (x2, y2) = _shift([(x, 508), (x, 525)], "front")
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{palette.INK}" stroke-width="1.5"/>')
    # Knee cap on the front view: a landmark.
    (kx, ky), = _shift([(100, 250)], "front")
    out.append(f'<ellipse cx="{kx}" cy="{ky}" rx="18" ry="22" fill="none" stroke="{palette.MUTED}" stroke-width="2"/>')
    # The chosen root's area: fill, hatch, dashed outline, and a tag naming the root.
    for region in nerve.regions:
        for view, polygon in REGIONS[region]:
            out.extend(shaded_area(_shift(polygon, view)))
    for region in nerve.regions:  # a tag on every shape big enough to hold one
        for view, polygon in REGIONS[region]:
            if _area(polygon) >= 3500:
                out.extend(_tag(*_centroid(_shift(polygon, view)), level))
    # Inner / outer side labels under each view.
    inner, outer = t(f"{k}.inner"), t(f"{k}.outer")
    for view, left, right in (("front", outer, inner), ("back", inner, outer), ("sole", inner, outer)):
        x0 = VIEW_X[view]
        out.append(svg.text(x0 + 30, TOP + 560, left, size=17, fill=palette.MUTED))
        out.append(svg.text(x0 + 170, TOP + 560, right, size=17, fill=palette.MUTED))
    # Legend: a hatched swatch and what it means.
    swatch = [(20, 640), (64, 640), (64, 672), (20, 672)]
    out.extend(shaded_area(swatch))
    out.append(svg.text(78, 664, t(f"{k}.legend", level=level), size=20, anchor="start"))
    out.append("</svg>")
    return "\n".join(out)
