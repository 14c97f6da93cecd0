"""Schematic lower spine seen from behind: a healthy disc beside a disc bulge
pressing on the chosen nerve root (by default on the viewer's right: the
person's right, the same leg that ``explainer.disc.leg_map`` marks). ``side="left"``
presses the person's left root: the drawing is mirrored, its words are not
(``explainer.disc.leg_map.mirrored``), so the bulge and its callout stay clear of the
healthy spine.

Bones (vertebrae L3, L4, L5 and the top of the sacrum, S1) are stacked blocks;
discs (soft cushions) sit between them; nerve roots (where a nerve leaves the
spine) run down beside each bone and out towards the leg. A bulging
("herniated") disc usually presses on the root that runs past it on its way
down, i.e. the root named after the bone below the disc (L4-L5 disc -> L5
root; source ``harrison``). The pressed root is marked by colour AND a thicker
dashed outline AND "pressure" marks AND a tag naming it; the bulge is hatched.

``codes=False`` (kiosk screens) names no bone or root code (L3, L4, L5, S1)
anywhere, text alternative included: the pressed root is named by the part of
the leg it goes to.
"""
from __future__ import annotations

from math import cos, pi, sin

from explainer.common import palette
from explainer.common.content import Strings
from explainer.disc import svg
from explainer.disc.leg_map import mirrored, shaded_area
from explainer.disc.nerve_roots import root

WIDTH, HEIGHT = 920, 600
PANEL = 440
CX = 170  # spine centre within a panel
BODY_HALF = 60
DISC_HALF = 64
BONE_FILL = "#EDE6D8"
DISC_FILL = "#BFE0F5"
NERVE_FILL = palette.ORANGE

# Top and bottom (y) of each bone; the disc above a bone ends at its top.
BONES = {"L3": (92, 158), "L4": (180, 246), "L5": (268, 334)}
SACRUM_TOP = 356
DISCS = {("L2", "L3"): (70, 92), ("L3", "L4"): (158, 180), ("L4", "L5"): (246, 268), ("L5", "S1"): (334, 356)}
#: Where each root leaves the picture (y where it turns out towards the leg).
ROOT_EXIT = {"L3": 150, "L4": 238, "L5": 326, "S1": 400}
ROOT_DISC = {"L3": ("L2", "L3"), "L4": ("L3", "L4"), "L5": ("L4", "L5"), "S1": ("L5", "S1")}




def _root_path(x0: float, name: str, side: int, pressed: bool) -> str:
    top, bottom = DISCS[ROOT_DISC[name]]
    mid = (top + bottom) / 2
    exit_y = ROOT_EXIT[name]
    edge = x0 + CX + side * (DISC_HALF + 6)
    # A pressed root is pushed outwards around the bulge.
    bend = x0 + CX + side * (DISC_HALF + (48 if pressed else 8))
    return (f"M {x0 + CX + side * 30:.1f} {mid:.1f} L {edge:.1f} {mid + 6:.1f} "
            f"Q {bend:.1f} {mid + 18:.1f} {x0 + CX + side * (BODY_HALF + 10):.1f} {exit_y - 10:.1f} "
            f"Q {x0 + CX + side * (BODY_HALF + 14):.1f} {exit_y + 30:.1f} {x0 + CX + side * (BODY_HALF + 66):.1f} {exit_y + 62:.1f}")


def _ellipse_polygon(cx: float, cy: float, rx: float, ry: float, half: int) -> list[tuple[float, float]]:
    """Outer half of an ellipse (side +1: right half) as a polygon."""
    angles = [-pi / 2 + i * pi / 16 for i in range(17)]
    return [(cx + half * rx * cos(a), cy + ry * sin(a)) for a in angles]


def _panel(x0: float, level: str | None, t: Strings, codes: bool) -> list[str]:
    """One spine; ``level`` names the pressed root, or None for the healthy spine."""
    out = []
    # Roots first, so bones and discs cover where they start.
    for name in ROOT_DISC:
        for side in (-1, 1):
            pressed = level == name and side == 1
            d = _root_path(x0, name, side, pressed)
            out.append(f'<path d="{d}" fill="none" stroke="{palette.INK}" stroke-width="{13 if pressed else 10}" stroke-linecap="round"/>')
            if pressed:
                out.append(f'<path d="{d}" fill="none" stroke="{palette.VERMILLION}" stroke-width="8" stroke-linecap="round"/>')
                out.append(f'<path d="{d}" fill="none" stroke="{palette.BACKGROUND}" stroke-width="2" stroke-dasharray="6 6"/>')
            else:
                out.append(f'<path d="{d}" fill="none" stroke="{NERVE_FILL}" stroke-width="6" stroke-linecap="round"/>')
        # Name each right-hand root where it heads to the leg (staff screens and the handout);
        # beside the bulge only the pressed root: the callout's words sit where the others'
        # names would, and the healthy spine beside it names them all.
        if codes and (level is None or level == name):
            out.append(svg.text(x0 + CX + BODY_HALF + 72, ROOT_EXIT[name] + 72, name, size=20, anchor="start",
                                weight="bold" if level == name else "normal",
                                fill=palette.DARK_VERMILLION if level == name else palette.MUTED))
    for (upper, lower), (top, bottom) in DISCS.items():
        out.append(f'<rect x="{x0 + CX - DISC_HALF}" y="{top}" width="{2 * DISC_HALF}" height="{bottom - top}" rx="10" '
                   f'fill="{DISC_FILL}" stroke="{palette.BLUE}" stroke-width="2"/>')
    for name, (top, bottom) in BONES.items():
        out.append(f'<rect x="{x0 + CX - BODY_HALF}" y="{top}" width="{2 * BODY_HALF}" height="{bottom - top}" rx="12" '
                   f'fill="{BONE_FILL}" stroke="{palette.INK}" stroke-width="2.5"/>')
        if codes:
            out.append(svg.text(x0 + CX, (top + bottom) / 2 + 8, name, size=22, weight="bold"))
    s = SACRUM_TOP
    sacrum = [(CX - 66, s), (CX + 66, s), (CX + 82, s + 50), (CX + 40, s + 120), (CX - 40, s + 120), (CX - 82, s + 50)]
    points = " ".join(f"{x0 + x:.1f},{y:.1f}" for x, y in sacrum)
    out.append(f'<polygon points="{points}" fill="{BONE_FILL}" stroke="{palette.INK}" stroke-width="2.5" stroke-linejoin="round"/>')
    if codes:
        out.append(svg.text(x0 + CX, s + 46, "S1", size=22, weight="bold"))
    if level is not None:
        top, bottom = DISCS[ROOT_DISC[level]]
        mid = (top + bottom) / 2
        bulge = _ellipse_polygon(x0 + CX + DISC_HALF - 4, mid, 34, (bottom - top) / 2 + 10, 1)
        out.extend(shaded_area(bulge, name="disc-bulge"))
        # "Pressure" marks where the bulge meets the root.
        for dy in (-14, 0, 14):
            out.append(f'<line x1="{x0 + CX + DISC_HALF + 50:.1f}" y1="{mid + dy:.1f}" x2="{x0 + CX + DISC_HALF + 64:.1f}" '
                       f'y2="{mid + dy * 1.4:.1f}" stroke="{palette.DARK_VERMILLION}" stroke-width="3" stroke-linecap="round"/>')
        callout = t.items("spasm_or_disc.spine.callout", level=level) if codes else t.items("spasm_or_disc.spine.callout_plain")
        for i, line in enumerate(callout):
            out.append(svg.text(x0 + CX + DISC_HALF + 72, mid - 8 + 24 * i - 12 * (len(callout) - 2), line, size=20,
                             weight="bold", anchor="start", fill=palette.DARK_VERMILLION))
    return out


def spine_svg(level: str, t: Strings, *, codes: bool = True, side: str = "right") -> str:
    """Two spines side by side: healthy, and a disc bulge pressing on ``level``'s root on the
    person's ``side`` ("right" or "left"; anything else: right).

    ``codes=False`` leaves out every level code (kiosk screens)."""
    nerve = root(level)
    level = nerve.level
    k = "spasm_or_disc.spine"
    if codes:
        title, desc = t(f"{k}.title", level=level), t(f"{k}.desc", level=level)
    else:
        place = t(nerve.place_key)
        title, desc = t(f"{k}.title_plain"), t(f"{k}.desc_plain", place=place[:1].lower() + place[1:])
    head = svg.open_svg(WIDTH, HEIGHT, title, desc)
    out = [
        svg.text(CX, 40, t(f"{k}.healthy_title"), size=24, weight="bold"),
        svg.text(PANEL + CX, 40, t(f"{k}.bulge_title"), size=24, weight="bold", fill=palette.DARK_VERMILLION),
        f'<line x1="{PANEL - 10}" y1="20" x2="{PANEL - 10}" y2="490" stroke="{palette.GRID}" stroke-width="2"/>',
    ]
    out.extend(_panel(0, None, t, codes))
    out.extend(_panel(PANEL, level, t, codes))
    out = [*head, *(mirrored(out, WIDTH) if side == "left" else out)]
    # Legend (never mirrored): what each shape is, in words.
    y = 530
    out.append(f'<rect x="20" y="{y - 20}" width="36" height="24" rx="6" fill="{BONE_FILL}" stroke="{palette.INK}" stroke-width="2"/>')
    out.append(svg.text(66, y, t(f"{k}.legend.bone"), size=20, anchor="start"))
    out.append(f'<rect x="{PANEL}" y="{y - 18}" width="36" height="20" rx="6" fill="{DISC_FILL}" stroke="{palette.BLUE}" stroke-width="2"/>')
    out.append(svg.text(PANEL + 46, y, t(f"{k}.legend.disc"), size=20, anchor="start"))
    y = 574
    out.append(f'<line x1="22" y1="{y - 7}" x2="54" y2="{y - 7}" stroke="{palette.INK}" stroke-width="10" stroke-linecap="round"/>')
    out.append(f'<line x1="22" y1="{y - 7}" x2="54" y2="{y - 7}" stroke="{NERVE_FILL}" stroke-width="6" stroke-linecap="round"/>')
    out.append(svg.text(66, y, t(f"{k}.legend.root"), size=20, anchor="start"))
    out.extend(shaded_area([(PANEL, y - 20), (PANEL + 36, y - 20), (PANEL + 36, y + 4), (PANEL, y + 4)]))
    out.append(svg.text(PANEL + 46, y, t(f"{k}.legend.bulge"), size=20, anchor="start"))
    out.append("</svg>")
    return "\n".join(out)
