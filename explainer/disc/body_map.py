""""Where does it hurt?": the body map's places, what each one means, and its SVG.

Rules (place -> the walkthrough's story and nerve level, or the self-check):

    place            | story      | level | goes to
    -----------------+------------+-------+---------------------------------
    low_back         | ordinary   | none  | the walkthrough (spasm_or_disc)
    back_buttock     | ordinary   | none  | the walkthrough
    leg_to_knee      | ordinary   | none  | the walkthrough
    outer_shin_foot  | disc       | L5    | the walkthrough
    inner_shin       | disc       | L4    | the walkthrough
    sole_outer_foot  | disc       | S1    | the walkthrough
    back_of_calf     | disc       | S1    | the walkthrough
    both_legs        | (none)     | none  | the self-check's emergency signs

A tap on one leg also says which leg (``side``: the person's "left" or "right"),
so the walkthrough's spine and leg map show that side. Front view: the person's
right leg is on the viewer's left; back view and soles: on the viewer's right.

Clinical basis: the nerve-root pain areas are from Harrison's Principles
(source ``harrison``; see ``explainer.disc.nerve_roots``): L4 knee and inner calf,
L5 outer calf, top of foot and big toe, S1 back of calf and thigh, sole and
outer foot. Pain that stays above the knee is not given a nerve level: it
points to no one nerve root, so the ordinary-spasm story is shown first. Pain, numbness, tingling or weakness in both legs is an
emergency sign (source ``nhs_back_pain``), so "both legs" goes straight to the
self-check's first screen, which asks about the emergency signs.

The picture: a person seen from the front and from the back, plus the soles
of both feet, in viewBox units (``WIDTH`` x ``HEIGHT``). Every place is drawn
as a tinted, dashed, numbered area (colour is never the only cue) and has a
tap area (``HIT_AREAS``: rectangles, larger than the drawn shape and never
narrower than ``MIN_HIT_UNITS``) inside one ``<g role="button">`` labelled
with the place's words. No place's words name a nerve level, so the picture
is the same in kiosk and staff mode. Plain shapes only, no external refs.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from explainer.common import palette
from explainer.common.content import Strings
from explainer.disc import svg

# --- the rules -----------------------------------------------------------------

ORDINARY, DISC = "ordinary", "disc"
WALKTHROUGH, SELF_CHECK = "spasm_or_disc", "self_check"
SOURCE_IDS = ("harrison", "nhs_back_pain")


@dataclass(frozen=True)
class Place:
    id: str
    number: int  # shown on the map and on the place's button
    story: str | None  # "ordinary" or "disc"; None: not a walkthrough story
    level: str | None  # nerve root for a "disc" story, else None
    goes_to: str  # part id the choice leads to


PLACES: tuple[Place, ...] = (
    Place("low_back", 1, ORDINARY, None, WALKTHROUGH),
    Place("back_buttock", 2, ORDINARY, None, WALKTHROUGH),
    Place("leg_to_knee", 3, ORDINARY, None, WALKTHROUGH),
    Place("outer_shin_foot", 4, DISC, "L5", WALKTHROUGH),  # outer calf, top of foot: L5 (harrison)
    Place("inner_shin", 5, DISC, "L4", WALKTHROUGH),  # inner (medial) calf: L4 (harrison)
    Place("sole_outer_foot", 6, DISC, "S1", WALKTHROUGH),  # sole and outer foot: S1 (harrison)
    Place("back_of_calf", 7, DISC, "S1", WALKTHROUGH),  # back of calf: S1 (harrison)
    Place("both_legs", 8, None, None, SELF_CHECK),  # both legs: emergency sign (nhs_back_pain)
)
BY_ID = {place.id: place for place in PLACES}
#: The places drawn on the picture (both legs is a choice of its own, not a spot).
MAP_PLACES: tuple[str, ...] = tuple(p.id for p in PLACES if p.id != "both_legs")


#: Plain session key: the person's side of the leg tapped ("left" or "right"), for the
#: walkthrough's spine and leg map; absent: the pictures' default side.
SIDE_KEY = "walk_side"
SIDES = ("left", "right")


def parse_tap(value: object) -> tuple[str | None, str | None]:
    """What the map reported ("place" or "place:side") -> (place id, side); anything
    else -> (None, None)."""
    if not isinstance(value, str):
        return None, None
    place_id, _, side = value.partition(":")
    if place_id not in MAP_PLACES:
        return None, None
    return place_id, side if side in SIDES else None


def place(place_id: str) -> Place:
    """The place with this id; an unknown id is a programming error."""
    if place_id not in BY_ID:
        raise ValueError(f"unknown body-map place {place_id!r}")
    return BY_ID[place_id]


# --- the picture ---------------------------------------------------------------

WIDTH, HEIGHT = 640, 720
#: Left edge of each panel: the body from the front, from the back, the soles.
PANEL_X = {"front": 0, "back": 260, "soles": 520}
FIGURE_WIDTH = 260  # front and back panels; the figure is symmetric about x = 130
#: Width the map is drawn at on the 1080 px portrait kiosk: the main column is
#: 1080 px less 1.5rem (30 px at the kiosk's 20 px base) on each side
#: (assets/css/00-base.css); the map fills it (assets/css/where.css).
KIOSK_RENDER_WIDTH = 1020
MIN_TARGET_PX = 48
#: Smallest side of a tap area, in viewBox units, so that it is >= 48 px on the kiosk.
MIN_HIT_UNITS = MIN_TARGET_PX * WIDTH / KIOSK_RENDER_WIDTH

SKIN = "#FBF7F2"
TINTS = {1: "#D6ECF8", 2: "#FBE3B5", 3: "#CDEBE0", 4: "#D6ECF8", 5: "#FBE3B5", 6: "#CDEBE0", 7: "#FBE3B5"}
#: Each panel's midline (panel units): which side of the body a spot is on.
MIDLINE = {"front": 130, "back": 130, "soles": 60}
PAIN = palette.VERMILLION

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, width, height (viewBox units)


def _mirror(points: list[Point]) -> list[Point]:
    """The same shape on the other side of the body (figure centre x = 130)."""
    return [(FIGURE_WIDTH - x, y) for x, y in points]


# The body outline, in a panel's own units (centre x = 130).
_TORSO = [(72, 140), (188, 140), (206, 158), (200, 250), (196, 300), (202, 350), (58, 350), (64, 300), (60, 250), (54, 158)]
_ARM = [(54, 158), (36, 176), (28, 262), (22, 338), (26, 366), (42, 366), (46, 338), (54, 266), (62, 206)]
_LEG = [(60, 346), (128, 346), (126, 420), (118, 500), (116, 520), (113, 600), (108, 650), (90, 652), (82, 600),
        (76, 520), (70, 500), (64, 420)]
_FOOT_FRONT = [(90, 650), (108, 650), (114, 668), (124, 690), (122, 704), (68, 704), (70, 690), (82, 668)]
_HEEL_BACK = [(88, 650), (110, 650), (114, 676), (108, 700), (90, 700), (84, 676)]
#: A footprint seen from below, toes up, big toe on the shape's left. Shown twice
#: (``_SOLES``): flipped on the viewer's left, as is on the right, so both big
#: toes are on the inner side, as a person's soles look from behind.
_SOLE = [(12, 516), (8, 560), (18, 610), (15, 650), (20, 684), (32, 696), (44, 684), (48, 650), (48, 600),
         (46, 552), (42, 516), (38, 506), (16, 506)]
_TOES = [(17, 492, 8, 11), (29, 489, 5, 8), (37, 492, 4.5, 7), (44, 497, 4, 6), (49, 505, 3.5, 5)]
_SOLES = ([(56 - x, y) for x, y in _SOLE], [(64 + x, y) for x, y in _SOLE])
_SOLE_TOES = ([(56 - x, y, rx, ry) for x, y, rx, ry in _TOES], [(64 + x, y, rx, ry) for x, y, rx, ry in _TOES])

# Each place as drawn (panel, polygon in panel units): what the person sees tinted.
_THIGH = [(64, 352), (128, 352), (126, 420), (118, 504), (72, 504), (64, 420)]
_INNER_SHIN = [(96, 512), (116, 512), (113, 600), (108, 646), (99, 646), (96, 600)]
_OUTER_SHIN = [(76, 512), (96, 512), (96, 600), (96, 646), (90, 646), (82, 600)]
_CALF = [(76, 512), (116, 512), (113, 600), (108, 646), (90, 646), (82, 600)]
SHAPES: dict[str, list[tuple[str, list[Point]]]] = {
    "low_back": [("back", [(86, 236), (174, 236), (176, 298), (84, 298)])],
    "back_buttock": [("back", [(62, 304), (128, 304), (128, 372), (64, 372)]),
                     ("back", _mirror([(62, 304), (128, 304), (128, 372), (64, 372)]))],
    "leg_to_knee": [("front", _THIGH), ("front", _mirror(_THIGH)),
                    ("back", [(64, 376), (128, 376), (126, 420), (118, 504), (72, 504), (64, 420)]),
                    ("back", _mirror([(64, 376), (128, 376), (126, 420), (118, 504), (72, 504), (64, 420)]))],
    "outer_shin_foot": [("front", _OUTER_SHIN), ("front", _mirror(_OUTER_SHIN)),
                        ("front", _FOOT_FRONT), ("front", _mirror(_FOOT_FRONT))],
    "inner_shin": [("front", _INNER_SHIN), ("front", _mirror(_INNER_SHIN))],
    "sole_outer_foot": [("soles", list(_SOLES[0])), ("soles", list(_SOLES[1]))],
    "back_of_calf": [("back", _CALF), ("back", _mirror(_CALF))],
}

#: Tap areas (panel, x, y, width, height in panel units): generous rectangles
#: around each drawn place, one per leg (so a tap says which leg). Places that sit
#: side by side share the gap between them, and no two places overlap.
HIT_AREAS: dict[str, list[tuple[str, Rect]]] = {
    "low_back": [("back", (70, 226, 120, 76))],
    "back_buttock": [("back", (40, 302, 180, 72))],
    "leg_to_knee": [("front", (40, 346, 180, 164)), ("back", (40, 374, 180, 136))],
    "outer_shin_foot": [("front", (30, 510, 66, 138)), ("front", (164, 510, 66, 138)),
                        ("front", (50, 648, 80, 66)), ("front", (130, 648, 80, 66))],
    "inner_shin": [("front", (96, 510, 34, 138)), ("front", (130, 510, 34, 138))],
    "sole_outer_foot": [("soles", (0, 470, 60, 244)), ("soles", (60, 470, 60, 244))],
    # The calves and heels from behind (S1 also covers the heel: the sole).
    "back_of_calf": [("back", (30, 510, 100, 194)), ("back", (130, 510, 100, 194))],
}
#: Where each place's number sits (panel, x, y), on the drawn area.
TAGS: dict[str, list[tuple[str, Point]]] = {
    "low_back": [("back", (130, 267))],
    "back_buttock": [("back", (96, 340)), ("back", (164, 340))],
    "leg_to_knee": [("front", (96, 430)), ("back", (96, 446))],
    "outer_shin_foot": [("front", (60, 580)), ("front", (200, 580))],
    "inner_shin": [("front", (130, 580))],
    "sole_outer_foot": [("soles", (60, 600))],
    "back_of_calf": [("back", (96, 580)), ("back", (164, 580))],
}


def side_of(panel: str, x_from: float, x_to: float) -> str | None:
    """The person's side of a spot spanning ``x_from``..``x_to`` (panel units), or None
    when it crosses the midline. Front: the person's right is on the viewer's left."""
    mid = MIDLINE[panel]
    if x_from < mid - 0.5 and x_to > mid + 0.5:
        return None
    viewer_left = x_to <= mid + 0.5
    if panel == "front":
        return "right" if viewer_left else "left"
    return "left" if viewer_left else "right"


def _at(panel: str, points: list[Point]) -> list[Point]:
    dx = PANEL_X[panel]
    return [(x + dx, y) for x, y in points]


def hit_rects(place_id: str) -> list[Rect]:
    """The tap areas of one place, in viewBox units."""
    return [(x + PANEL_X[panel], y, w, h) for panel, (x, y, w, h) in HIT_AREAS[place_id]]


def _pts(points: list[Point]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _figure(panel: str, front: bool) -> list[str]:
    """The outline of a person (front or back panel): head, torso, arms, legs, feet."""
    dx = PANEL_X[panel]
    stroke = f'stroke="{palette.INK}" stroke-width="2.5" stroke-linejoin="round"'
    out = [f'<circle cx="{130 + dx}" cy="88" r="34" fill="{SKIN}" {stroke}/>',
           f'<rect x="{116 + dx}" y="118" width="28" height="26" fill="{SKIN}" {stroke}/>']
    for shape in (_ARM, _mirror(_ARM), _LEG, _mirror(_LEG), _TORSO):
        out.append(f'<polygon points="{_pts(_at(panel, shape))}" fill="{SKIN}" {stroke}/>')
    foot = _FOOT_FRONT if front else _HEEL_BACK
    for shape in (foot, _mirror(foot)):
        out.append(f'<polygon points="{_pts(_at(panel, shape))}" fill="{SKIN}" {stroke}/>')
    if not front:  # the spine, so the back view reads as a back at a glance
        out.append(f'<line x1="{130 + dx}" y1="146" x2="{130 + dx}" y2="300" stroke="{palette.MUTED}" '
                   f'stroke-width="3" stroke-dasharray="2 7" stroke-linecap="round"/>')
    return out


def _soles() -> list[str]:
    out = []
    stroke = f'stroke="{palette.INK}" stroke-width="2.5" stroke-linejoin="round"'
    for shape, toes in zip(_SOLES, _SOLE_TOES):
        out.append(f'<polygon points="{_pts(_at("soles", shape))}" fill="{SKIN}" {stroke}/>')
        for cx, cy, rx, ry in toes:
            out.append(f'<ellipse cx="{cx + PANEL_X["soles"]:.1f}" cy="{cy}" rx="{rx}" ry="{ry}" fill="{SKIN}" {stroke}/>')
    return out


def _tag(x: float, y: float, number: int) -> list[str]:
    return [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="{palette.BACKGROUND}" stroke="{palette.INK}" stroke-width="2"/>',
            svg.text(x, y + 7, str(number), size=20, weight="bold")]


def _side_attr(side: str | None) -> str:
    return f' data-side="{side}"' if side else ""


def place_label(place_id: str, t: Strings) -> str:
    """The place in plain words ("the top of your foot"), never a nerve level."""
    return t(f"where.places.{place_id}")


def body_map_svg(t: Strings) -> str:
    """The map: front and back of a person and the soles, each place a labelled button."""
    k = "where.picture"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="group" aria-label="{escape(t(f"{k}.title"))}" class="body-map">',
        f"<title>{escape(t(f'{k}.title'))}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="{palette.BACKGROUND}"/>',
    ]
    for panel in ("front", "back"):
        out.append(svg.text(PANEL_X[panel] + 130, 32, t(f"{k}.{panel}"), size=24, weight="bold"))
        out.extend(_figure(panel, front=panel == "front"))
    out.append(svg.text(PANEL_X["soles"] + 60, 440, t(f"{k}.soles"), size=20, weight="bold"))
    out.extend(_soles())
    for place_id in MAP_PLACES:
        p = BY_ID[place_id]
        label = f"{p.number}. {place_label(place_id, t)}"
        out.append(f'<g role="button" tabindex="0" data-place="{place_id}" aria-label="{escape(label)}" class="body-map-place">')
        out.append(f"<title>{escape(label)}</title>")
        for panel, polygon in SHAPES[place_id]:
            side = side_of(panel, min(x for x, _ in polygon), max(x for x, _ in polygon))
            out.append(f'<polygon points="{_pts(_at(panel, polygon))}" fill="{TINTS[p.number]}" stroke="{palette.INK}" '
                       f'stroke-width="2" stroke-dasharray="6 4" class="body-map-area"{_side_attr(side)}/>')
        for panel, (x, y) in TAGS[place_id]:
            out.extend(_tag(x + PANEL_X[panel], y, p.number))
        for panel, (x, y, w, h) in HIT_AREAS[place_id]:  # drawn last: the whole rectangle takes the tap
            side = side_of(panel, x, x + w)
            out.append(f'<rect x="{x + PANEL_X[panel]:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="#FFFFFF" '
                       f'fill-opacity="0" class="body-map-hit" data-hit="{place_id}"{_side_attr(side)}/>')
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def back_pain_svg(title: str) -> str:
    """Home's picture: a person seen from behind, the low back marked as sore
    (a tinted area, a dashed outline and short "ache" lines), so the screen says
    "back pain" before a word is read. Decorative words come from ``title``."""
    dx = PANEL_X["back"]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{dx} 44 {FIGURE_WIDTH} 672" width="{FIGURE_WIDTH}" height="672" '
        f'role="img" aria-label="{escape(title)}" class="back-pain-picture">',
        f"<title>{escape(title)}</title>",
    ]
    out.extend(_figure("back", front=False))
    sore = _at("back", SHAPES["low_back"][0][1])
    out.append(f'<polygon points="{_pts(sore)}" fill="#F8D3C0" stroke="{PAIN}" stroke-width="3" stroke-dasharray="7 4"/>')
    cx, cy = 130 + dx, 267
    for x1, y1, x2, y2 in ((-62, -22, -80, -32), (-64, 0, -86, 0), (-62, 22, -80, 32),
                           (62, -22, 80, -32), (64, 0, 86, 0), (62, 22, 80, 32)):
        out.append(f'<line x1="{cx + x1}" y1="{cy + y1}" x2="{cx + x2}" y2="{cy + y2}" stroke="{PAIN}" '
                   f'stroke-width="5" stroke-linecap="round"/>')
    # The spine again, over the sore patch, so the picture still reads as a back.
    out.append(f'<line x1="{cx}" y1="146" x2="{cx}" y2="300" stroke="{palette.INK}" stroke-width="3" '
               f'stroke-dasharray="2 7" stroke-linecap="round"/>')
    out.append("</svg>")
    return "".join(out)
