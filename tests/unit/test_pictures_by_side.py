"""The walkthrough's leg map and spine, read from the SVG's own coordinates: each nerve
level's shaded bands lie on the anatomical side they should, on the leg the person
tapped, in both views (Harrison's Principles, Engstrom & Deyo, written out here by hand):

    root | where the band must lie
    L4   | inner (medial) shin, front view
    L5   | outer (lateral) shin, front view; top of the foot, front view, below the ankle
    S1   | back of the calf, back view, between knee and ankle; sole, back view, below the
         | ankle; outer (lateral) edge of the foot, below the ankle

The views and the body's middle come from the SVG itself: each view's title sits over the
middle of its figure, the figure's outline gives the leg's edges at any height, the knee
caps (front) give the knee's height.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from explainer.common.content import Content
from explainer.disc.leg_map import leg_map_svg
from explainer.disc.spine_diagram import spine_svg

T = Content.load().for_language("en")
SVG = "{http://www.w3.org/2000/svg}"
SIDES = ("right", "left")
#: (level, region) -> (view, across the leg: "inner", "outer" or None, height: "shin", "calf" or "foot")
EXPECTED = {
    ("L4", "inner_shin"): ("front", "inner", "shin"),
    ("L5", "outer_shin"): ("front", "outer", "shin"),
    ("L5", "top_of_foot"): ("front", None, "foot"),
    ("S1", "back_of_calf"): ("back", None, "shin"),
    ("S1", "sole"): ("back", None, "foot"),
    ("S1", "outer_foot"): (None, "outer", "foot"),
}


def _shapes(svg: str):
    """Every element with its x flipped when inside a mirroring group: (element, flip)."""
    root = ET.fromstring(svg)

    def walk(node, flip):
        for child in node:
            m = re.match(r"matrix\(-1 0 0 1 ([-0-9.]+) 0\)", child.get("transform") or "")
            here = float(m.group(1)) if m else flip
            yield child, here
            yield from walk(child, here)
    return root, list(walk(root, None))


def _points(el, flip):
    pts = [tuple(map(float, p.split(","))) for p in el.get("points").split()]
    return [(flip - x if flip is not None else x, y) for x, y in pts]


def _crossings(polygon, y):
    xs = []
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
        if (y1 <= y < y2) or (y2 <= y < y1):
            xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return sorted(xs)


def _read(level: str, side: str):
    svg = leg_map_svg(level, T, side=side)
    root, shapes = _shapes(svg)
    titles = {el.text: float(el.get("x")) for el in root.iter(f"{SVG}text") if el.text in (
        T("spasm_or_disc.leg_map.views.front"), T("spasm_or_disc.leg_map.views.back"))}
    middle = {"front": titles[T("spasm_or_disc.leg_map.views.front")], "back": titles[T("spasm_or_disc.leg_map.views.back")]}
    outlines = [_points(el, f) for el, f in shapes if el.tag == f"{SVG}polygon" and el.get("fill") == "#FBF7F2"]
    knees = [float(el.get("cy")) for el, _ in shapes if el.tag == f"{SVG}ellipse" and el.get("rx") == "17"]
    bands = {el.get("data-region"): _points(el, f) for el, f in shapes if el.get("data-region")}
    return middle, outlines, max(knees), bands


def _outline_of(view_middle, outlines):
    return min(outlines, key=lambda poly: abs(sum(x for x, _ in poly) / len(poly) - view_middle))


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("level", ["L4", "L5", "S1"])
def test_each_band_lies_where_the_root_sends_pain_on_the_tapped_leg(level, side):
    middle, outlines, knee, bands = _read(level, side)
    checked = 0
    for name, polygon in bands.items():
        view, region = name.split(":")
        want = EXPECTED.get((level, region))
        if want is None:
            continue
        want_view, across, height = want
        assert want_view in (None, view), name
        cx = sum(x for x, _ in polygon) / len(polygon)
        cy = sum(y for _, y in polygon) / len(polygon)
        mid = middle[view]
        # The tapped leg: from the front the person's right leg is on the viewer's left;
        # from behind on the viewer's right.
        viewer_left = cx < mid
        person = ("right" if viewer_left else "left") if view == "front" else ("left" if viewer_left else "right")
        assert person == side, (name, side)
        outline = _outline_of(mid, outlines)
        ys = [y for _, y in outline]
        ankle = max(range(int(knee) + 20, int(max(ys)) - 40), key=lambda y: -_width(outline, mid, y, viewer_left))
        if height == "shin":
            assert knee < cy < ankle, (name, knee, cy, ankle)
        else:
            assert cy > ankle - 10, (name, cy, ankle)
        if across:
            edges = _crossings(outline, cy)
            leg = [x for x in edges if (x < mid) == viewer_left]
            inner, outer = (max(leg), min(leg)) if viewer_left else (min(leg), max(leg))
            fraction = (cx - inner) / (outer - inner)  # 0 at the inner edge, 1 at the outer
            assert (fraction < 0.5) if across == "inner" else (fraction > 0.5), (name, round(fraction, 2))
        checked += 1
    assert checked == sum(1 for lv, _ in EXPECTED if lv == level) + (1 if level == "S1" else 0)  # outer foot: both views


def _width(outline, mid, y, viewer_left):
    leg = [x for x in _crossings(outline, y) if (x < mid) == viewer_left]
    return max(leg) - min(leg) if len(leg) >= 2 else 1e9


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("level", ["L4", "L5", "S1"])
def test_the_spine_presses_the_root_on_the_tapped_side(level, side):
    """Seen from behind: the person's right root is on the viewer's right of the spine."""
    root, shapes = _shapes(spine_svg(level, T, side=side))
    (bulge,) = [_points(el, f) for el, f in shapes if el.get("data-region") == "disc-bulge"]
    bones = []
    for el, flip in shapes:
        if el.tag == f"{SVG}rect" and el.get("width") == "120":
            x = float(el.get("x")) + 60
            bones.append(flip - x if flip is not None else x)
    bx = sum(x for x, _ in bulge) / len(bulge)
    spine = min(bones, key=lambda x: abs(x - bx))
    assert (bx > spine) == (side == "right")
