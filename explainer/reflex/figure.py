"""The picture of /reflex: a muscle being pulled, its spindle, and the signal
path (spindle -> sensory nerve -> spinal cord -> motor nerve -> muscle), as
inline SVG.

One picture for the still page and the replay. The server draws it for one
moment of a pull (``figure_svg``); the replay (ui/replay.js) moves the same
elements frame by frame with the same geometry (``GEOMETRY``, handed to the
browser): the browser test checks that a replay ends on exactly the picture
the server draws for the final moment.

What moves, and how (x to the right, in SVG units; the muscle's left end is
fixed at ``anchor_x``):

- the muscle's right end: ``rest_end_x + px_per_mm * stretch`` (mm, model);
  the belly is drawn at rest and scaled to that length (``belly_scale``); it
  gets thinner as it stretches (its area stays the same) and thicker as it
  tightens (``swell`` * contraction);
- "without the reflex": a dashed outline of the same muscle at the model's
  stretch without the reflex, shown while it is longer than the real one;
- the spindle (in the middle of the belly) glows: its halo's opacity and size
  follow the firing rate (``glow_full_rate`` imp/s is full glow);
- the tearing zone: a hatched band from ``TEAR_THRESHOLD_MM`` to the end of
  the charts' axis, labelled in words;
- stages 1-5 of the signal path are drawn lit (thick, solid, coloured) or not
  (thin, grey, dashed): the difference never rests on colour alone, and every
  stage carries its number.

Schematic on purpose: lay viewers understand a plain drawing better than a
realistic one, and the stretch is drawn far larger than life (6 px per mm on
a muscle 360 px long) so a few millimetres can be seen.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from html import escape

from explainer.common import palette
from explainer.common.content import Strings
from explainer.reflex.model import TEAR_THRESHOLD_MM

STAGE_COUNT = 5
UNLIT = "#8A949E"  # grey for parts of the path not reached yet (3:1 on white)
LIT = palette.BLUE
PULL = palette.DARK_ORANGE
#: Stretch at the right edge of the tearing zone, mm (the charts' axis top).
ZONE_END_MM = 45.0
#: The numbered badges' radius, SVG units.
BADGE_R = 27


@dataclass(frozen=True)
class Geometry:
    """The picture's fixed numbers, in SVG units (viewBox from (0, top), width x height)."""

    width: int = 800
    top: int = 24  # nothing is drawn above this
    height: int = 456
    anchor_x: float = 60.0  # the muscle's fixed left end
    rest_end_x: float = 420.0  # its right end at rest
    muscle_y: float = 370.0  # the muscle's centre line
    belly_ry: float = 50.0  # half the belly's height at rest
    tendon: float = 18.0  # tendon length at each end
    px_per_mm: float = 6.0
    swell: float = 0.35  # fraction the belly thickens at full contraction
    spindle_at: float = 0.45  # the spindle's place along the muscle (0 left end, 1 right end)
    end_plate_at: float = 0.72  # where the motor nerve reaches the muscle
    glow_full_rate: float = 250.0  # imp/s at which the spindle glows fully
    glow_min_r: float = 14.0
    glow_max_r: float = 44.0
    cord_x: float = 470.0
    cord_y: float = 112.0
    sensory_tail: str = "C 250,180 300,112 372,112"  # from the spindle to the cord (fixed part)
    motor_head: str = "M 470,192 C 470,262"  # from the cord toward the muscle (fixed part)
    pulse_r: float = 12.0
    ghost_min_mm: float = 0.5  # show the dashed outline once it is this much longer


GEOMETRY = Geometry()


@dataclass(frozen=True)
class Moment:
    """The model's state at one moment of a pull."""

    stretch_mm: float  # with the reflex
    free_mm: float  # without the reflex
    rate_imp_s: float  # spindle firing
    force: float  # contraction, 0 to 1


def _n(value: float) -> str:
    """Numbers in the SVG: two decimals, as ui/replay.js writes them."""
    return f"{value:.2f}"


@dataclass(frozen=True)
class Placed:
    """Where things are for one moment (the same sums as ``place`` in ui/replay.js)."""

    end_x: float
    belly_sx: float
    belly_sy: float
    ghost_sx: float
    ghost_sy: float
    ghost_shown: bool
    spindle_x: float
    spindle_top_y: float
    end_plate_x: float
    end_plate_y: float
    glow_opacity: float
    glow_r: float
    tight_opacity: float

    def belly_transform(self, g: Geometry = GEOMETRY) -> str:
        return _scale_about(self.belly_sx, self.belly_sy, g)

    def ghost_transform(self, g: Geometry = GEOMETRY) -> str:
        return _scale_about(self.ghost_sx, self.ghost_sy, g)

    def sensory_d(self, g: Geometry = GEOMETRY) -> str:
        return f"M {_n(self.spindle_x)},{_n(self.spindle_top_y)} {g.sensory_tail}"

    def motor_d(self, g: Geometry = GEOMETRY) -> str:
        return f"{g.motor_head} {_n(self.end_plate_x)},{_n(self.end_plate_y - 80)} {_n(self.end_plate_x)},{_n(self.end_plate_y)}"


def _scale_about(sx: float, sy: float, g: Geometry) -> str:
    """Scale by (sx, sy) about the muscle's fixed end on its centre line."""
    return f"matrix({_n(sx)},0,0,{_n(sy)},{_n(g.anchor_x * (1 - sx))},{_n(g.muscle_y * (1 - sy))})"


def _thickness(length_ratio: float, force: float, g: Geometry) -> float:
    """Belly height scale: thinner when longer (same area), thicker when tight."""
    return (1.0 / math.sqrt(length_ratio)) * (1.0 + g.swell * force)


def place(moment: Moment, g: Geometry = GEOMETRY) -> Placed:
    rest = g.rest_end_x - g.anchor_x
    sx = (rest + g.px_per_mm * moment.stretch_mm) / rest
    free_sx = (rest + g.px_per_mm * moment.free_mm) / rest
    sy = _thickness(sx, moment.force, g)
    glow = max(0.0, min(1.0, moment.rate_imp_s / g.glow_full_rate))
    return Placed(
        end_x=g.anchor_x + rest * sx,
        belly_sx=sx,
        belly_sy=sy,
        ghost_sx=free_sx,
        ghost_sy=_thickness(free_sx, 0.0, g),
        ghost_shown=moment.free_mm - moment.stretch_mm >= g.ghost_min_mm,
        spindle_x=g.anchor_x + rest * g.spindle_at * sx,
        spindle_top_y=g.muscle_y - 12.0 * sy,
        end_plate_x=g.anchor_x + rest * g.end_plate_at * sx,
        end_plate_y=g.muscle_y - g.belly_ry * 0.85 * sy,
        glow_opacity=0.15 + 0.85 * glow,
        glow_r=g.glow_min_r + (g.glow_max_r - g.glow_min_r) * glow,
        tight_opacity=0.75 * max(0.0, min(1.0, moment.force)),
    )


def geometry_payload(g: Geometry = GEOMETRY) -> dict:
    """The picture's fixed numbers for ui/replay.js."""
    return asdict(g)


def _stage_class(number: int, lit: bool) -> str:
    return f'stage stage-{number}{" lit" if lit else ""}'


def _badge(number: int, x: float, y: float, lit: bool, current: bool) -> str:
    return (
        f'<g class="badge {_stage_class(number, lit)}{" current" if current else ""}" data-stage="{number}">'
        f'<circle class="ring" cx="{x}" cy="{y}" r="{BADGE_R}"/>'
        f'<circle class="disc" cx="{x}" cy="{y}" r="21"/>'
        f'<text x="{x}" y="{y + 8}" text-anchor="middle">{number}</text></g>'
    )


def _label(x: float, y: float, text: str, css: str = "", anchor: str = "middle") -> str:
    return f'<text class="label {css}" x="{x}" y="{y}" text-anchor="{anchor}">{escape(text)}</text>'


#: Width of one character of a 25-unit bold label, a generous estimate (Atkinson
#: Hyperlegible Bold averages about 0.56 em over these words), used to wrap a label
#: before it runs into a neighbour.
LABEL_CHAR_WIDTH = 15.0
LABEL_LINE = 30.0


def _wrapped_label(x: float, y: float, text: str, room: float, css: str = "", anchor: str = "end") -> str:
    """A label that stays within ``room`` units of ``x``: on one line when it fits,
    otherwise one word group per line (each line a <tspan>), centred on ``y``."""
    chars = max(1, int(room // LABEL_CHAR_WIDTH))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    first = y - LABEL_LINE * (len(lines) - 1) / 2
    spans = "".join(f'<tspan x="{x}" y="{_n(first + LABEL_LINE * i)}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text class="label {css}" x="{x}" y="{_n(first)}" text-anchor="{anchor}">{spans}</text>'


def _belly(g: Geometry, css: str, dash: bool = False) -> str:
    """The muscle at rest (tendons, belly, fibres); a transform stretches it."""
    rest = g.rest_end_x - g.anchor_x
    cx = g.anchor_x + rest / 2
    rx = rest / 2 - g.tendon
    fibres = "".join(
        f'<path class="fibre" d="M {_n(g.anchor_x + g.tendon + 10)},{_n(g.muscle_y + k)} '
        f'Q {_n(cx)},{_n(g.muscle_y + k * 1.5)} {_n(g.rest_end_x - g.tendon - 10)},{_n(g.muscle_y + k)}" vector-effect="non-scaling-stroke"/>'
        for k in (-28, -14, 14, 28)
    ) if not dash else ""
    return (
        f'<ellipse class="{css}" cx="{_n(cx)}" cy="{_n(g.muscle_y)}" rx="{_n(rx)}" ry="{_n(g.belly_ry)}" vector-effect="non-scaling-stroke"/>'
        + fibres
    )


def figure_svg(t: Strings, moment: Moment, stage: int = STAGE_COUNT, outcome: str = "", g: Geometry = GEOMETRY) -> str:
    """The picture at ``moment`` with stages 1..``stage`` lit (``stage`` marked
    as current) and ``outcome`` (a plain sentence) ending its description."""
    stage = max(1, min(STAGE_COUNT, int(stage)))
    lit = {n: n <= stage for n in range(1, STAGE_COUNT + 1)}
    names = t.items("reflex.path.stage_names")
    at = place(moment, g)
    rest = g.rest_end_x - g.anchor_x
    zone_x0 = g.rest_end_x + g.px_per_mm * TEAR_THRESHOLD_MM
    zone_x1 = g.rest_end_x + g.px_per_mm * ZONE_END_MM
    badge_4 = (g.cord_x + 60, 250)
    # The zone's label is centred between badge 4's right edge plus 14 units and the picture's
    # right edge less 12 (571..788: room for 217 units, the longest label, "Zona de desgarro",
    # 210-217 as Chromium draws it, over the zone at 630..690). Centred on the zone alone, that
    # label touched the badge, and text a few per cent wider (another build's or font's
    # metrics) ran into it.
    zone_label_x = (badge_4[0] + BADGE_R + 14 + g.width - 12) / 2
    top, bottom = g.muscle_y - 78, g.muscle_y + 70
    desc = " ".join(x for x in (t("reflex.figure.desc"), t("reflex.figure.stage_lit", step=stage, stage=names[stage - 1]), outcome) if x)

    arrows = "".join(
        f'<marker id="reflex-fig-arrow-{name}" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="3.2" markerHeight="3.2" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead-{name}"/></marker>'
        for name in ("lit", "pull")
    )
    hatch = (
        '<pattern id="reflex-fig-hatch" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="10" height="10" class="zone-fill"/><line x1="0" y1="0" x2="0" y2="10" class="zone-hatch"/></pattern>'
    )
    zone = (
        f'<g class="zone"><rect x="{_n(zone_x0)}" y="{_n(top)}" width="{_n(zone_x1 - zone_x0)}" height="{_n(bottom - top)}" fill="url(#reflex-fig-hatch)"/>'
        f'<line class="zone-edge" x1="{_n(zone_x0)}" y1="{_n(top)}" x2="{_n(zone_x0)}" y2="{_n(bottom)}"/>'
        + _label(zone_label_x, top - 12, t("reflex.figure.tear_zone"), "zone-label")
        + "</g>"
    )
    bone = f'<rect class="bone" x="{_n(g.anchor_x - 40)}" y="{_n(g.muscle_y - 60)}" width="40" height="120" rx="8"/>'
    ghost = (
        f'<g id="reflex-fig-ghost" class="ghost" transform="{at.ghost_transform(g)}" visibility="{"visible" if at.ghost_shown else "hidden"}">'
        f'<line class="ghost-tendon" x1="{_n(g.rest_end_x - g.tendon)}" y1="{_n(g.muscle_y)}" x2="{_n(g.rest_end_x)}" y2="{_n(g.muscle_y)}" vector-effect="non-scaling-stroke"/>'
        + _belly(g, "ghost-belly", dash=True)
        + f'<line class="ghost-end" x1="{_n(g.rest_end_x)}" y1="{_n(g.muscle_y - 22)}" x2="{_n(g.rest_end_x)}" y2="{_n(g.muscle_y + 22)}" vector-effect="non-scaling-stroke"/>'
        + "</g>"
    )
    spindle_rest_x = g.anchor_x + rest * g.spindle_at
    muscle = (
        f'<g id="reflex-fig-muscle" class="{_stage_class(5, lit[5])} muscle" transform="{at.belly_transform(g)}">'
        f'<line class="tendon" x1="{_n(g.anchor_x)}" y1="{_n(g.muscle_y)}" x2="{_n(g.rest_end_x)}" y2="{_n(g.muscle_y)}" vector-effect="non-scaling-stroke"/>'
        + _belly(g, "belly")
        + f'<ellipse id="reflex-fig-tight" class="tight" cx="{_n(g.anchor_x + rest / 2)}" cy="{_n(g.muscle_y)}" rx="{_n(rest / 2 - g.tendon)}" '
        f'ry="{_n(g.belly_ry)}" opacity="{_n(at.tight_opacity)}"/>'
        f'<g class="{_stage_class(2, lit[2])} spindle">'
        f'<circle id="reflex-fig-glow" class="glow" cx="{_n(spindle_rest_x)}" cy="{_n(g.muscle_y)}" r="{_n(at.glow_r)}" opacity="{_n(at.glow_opacity)}"/>'
        f'<path class="spindle-body" d="M {_n(spindle_rest_x - 50)},{_n(g.muscle_y)} Q {_n(spindle_rest_x)},{_n(g.muscle_y - 26)} '
        f'{_n(spindle_rest_x + 50)},{_n(g.muscle_y)} Q {_n(spindle_rest_x)},{_n(g.muscle_y + 26)} {_n(spindle_rest_x - 50)},{_n(g.muscle_y)} z" '
        'vector-effect="non-scaling-stroke"/>'
        + "".join(
            f'<line class="spindle-coil" x1="{_n(spindle_rest_x + dx)}" y1="{_n(g.muscle_y - 9)}" x2="{_n(spindle_rest_x + dx)}" '
            f'y2="{_n(g.muscle_y + 9)}" vector-effect="non-scaling-stroke"/>'
            for dx in (-14, 0, 14)
        )
        + "</g></g>"
    )
    shift = at.end_x - g.rest_end_x
    pull = (
        f'<g id="reflex-fig-pull" class="{_stage_class(1, lit[1])} pull" transform="translate({_n(shift)},0)">'
        f'<path class="pull-arrow" d="M {_n(g.rest_end_x + 8)},{_n(g.muscle_y)} L {_n(g.rest_end_x + 52)},{_n(g.muscle_y)}"/>'
        + _label(g.rest_end_x + 38, g.muscle_y + 48, t("reflex.figure.pull"), "pull-label")
        + _badge(1, g.rest_end_x + 38, g.muscle_y - 40, lit[1], stage == 1)
        + "</g>"
    )
    cord = (
        f'<g class="{_stage_class(4, lit[4])} cord">'
        f'<ellipse class="cord-outline" cx="{g.cord_x}" cy="{g.cord_y}" rx="104" ry="80"/>'
        f'<path class="cord-grey" d="M {g.cord_x - 50},{g.cord_y - 62} Q {g.cord_x - 15},{g.cord_y - 20} {g.cord_x - 20},{g.cord_y} '
        f'Q {g.cord_x - 15},{g.cord_y + 25} {g.cord_x - 60},{g.cord_y + 66} L {g.cord_x - 30},{g.cord_y + 66} '
        f'Q {g.cord_x},{g.cord_y + 30} {g.cord_x},{g.cord_y} Q {g.cord_x},{g.cord_y + 30} {g.cord_x + 30},{g.cord_y + 66} '
        f'L {g.cord_x + 60},{g.cord_y + 66} Q {g.cord_x + 15},{g.cord_y + 25} {g.cord_x + 20},{g.cord_y} '
        f'Q {g.cord_x + 15},{g.cord_y - 20} {g.cord_x + 50},{g.cord_y - 62} L {g.cord_x + 30},{g.cord_y - 62} '
        f'Q {g.cord_x + 5},{g.cord_y - 27} {g.cord_x},{g.cord_y - 5} Q {g.cord_x - 5},{g.cord_y - 27} {g.cord_x - 30},{g.cord_y - 62} z"/>'
        f'<circle class="cord-centre" cx="{g.cord_x}" cy="{g.cord_y + 3}" r="12"/>'
        + _label(g.cord_x + 118, g.cord_y - 30, t("reflex.figure.cord"), "cord-label", anchor="start")
        + "</g>"
    )
    sensory = (
        f'<g class="{_stage_class(3, lit[3])} sensory"><path id="reflex-fig-sensory" class="nerve" d="{at.sensory_d(g)}"/>'
        # Left of badge 3 (x 262, radius 27), never under it: wrapped when the words are long.
        + _wrapped_label(226, 185, t("reflex.figure.sensory"), room=216, css="nerve-label")
        + "</g>"
    )
    motor = (
        f'<g class="{_stage_class(4, lit[4])} motor"><path id="reflex-fig-motor" class="nerve" d="{at.motor_d(g)}"/>'
        + _label(g.cord_x + 118, g.cord_y + 120, t("reflex.figure.motor"), "nerve-label", anchor="start")
        + "</g>"
    )
    spindle_shift = at.spindle_x - spindle_rest_x
    plate_shift = at.end_plate_x - (g.anchor_x + rest * g.end_plate_at)
    labels = (
        _label(g.anchor_x + 150, g.muscle_y + 95, t("reflex.figure.muscle"), "muscle-label")
        + f'<g id="reflex-fig-spindle-tag" transform="translate({_n(spindle_shift)},0)">'
        + _label(spindle_rest_x, g.muscle_y + 44, t("reflex.figure.spindle"), "spindle-label")
        + _badge(2, spindle_rest_x - 78, g.muscle_y - 62, lit[2], stage == 2)
        + "</g>"
        + _badge(3, 262, 150, lit[3], stage == 3)
        + _badge(4, *badge_4, lit[4], stage == 4)
        + f'<g id="reflex-fig-plate-tag" transform="translate({_n(plate_shift)},0)">'
        + _badge(5, g.anchor_x + rest * g.end_plate_at + 52, g.muscle_y - 80, lit[5], stage == 5)
        + "</g>"
    )
    pulse = f'<circle id="reflex-fig-pulse" class="pulse" cx="0" cy="0" r="{g.pulse_r}" visibility="hidden"/>'
    return (
        f'<svg class="reflex-figure" xmlns="http://www.w3.org/2000/svg" viewBox="0 {g.top} {g.width} {g.height}" role="img" '
        'aria-labelledby="reflex-fig-title reflex-fig-desc" font-family="Atkinson Hyperlegible, sans-serif" '
        f'data-stage="{stage}">'
        f'<title id="reflex-fig-title">{escape(t("reflex.figure.title"))}</title><desc id="reflex-fig-desc">{escape(desc)}</desc>'
        f"<defs>{arrows}{hatch}</defs>"
        f"{zone}{bone}{ghost}{muscle}{pull}{cord}{sensory}{motor}{labels}{pulse}</svg>"
    )
