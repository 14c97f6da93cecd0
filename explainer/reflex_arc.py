"""A schematic reflex-arc diagram as inline SVG: muscle, spindle, sensory nerve,
spinal cord, motor nerve, with the signal path lit up stage by stage.

Stages (1-based, the same order as ``reflex.path.stages`` in the content):
1 the pull stretches the muscle, 2 the spindle senses it, 3 the sensory nerve
carries the signal to the spinal cord, 4 the cord passes it to the motor nerve,
5 the muscle tightens. Stages up to the chosen one are drawn lit (thick,
solid, coloured, with arrowheads); later ones stay grey and dashed, so the
difference does not rest on colour alone. Every stage carries its number.
Schematic on purpose: lay viewers understand a plain drawing better than a
realistic one (brief, "Who uses it").
"""
from __future__ import annotations

from html import escape

from explainer import palette
from explainer.content import Strings

STAGE_COUNT = 5
UNLIT = "#9AA4AE"  # grey for parts of the path not reached yet (3:1 on white)
LIT = palette.BLUE
PULL = palette.DARK_ORANGE
TIGHT = palette.VERMILLION


def _stroke(lit: bool, colour: str = LIT) -> str:
    if lit:
        return f'stroke="{colour}" stroke-width="9" fill="none" marker-end="url(#reflex-arrow-{colour[1:]})"'
    return f'stroke="{UNLIT}" stroke-width="4" fill="none" stroke-dasharray="10 8"'


def _badge(number: int, x: float, y: float, lit: bool, current: bool) -> str:
    fill = palette.INK if current else ("#FFFFFF" if not lit else LIT)
    text = "#FFFFFF" if (current or lit) else palette.INK
    ring = f'<circle cx="{x}" cy="{y}" r="27" fill="none" stroke="{palette.ORANGE}" stroke-width="5"/>' if current else ""
    return (
        f'<g class="stage-badge{" current" if current else ""}" data-stage="{number}">{ring}'
        f'<circle cx="{x}" cy="{y}" r="21" fill="{fill}" stroke="{palette.INK}" stroke-width="2"/>'
        f'<text x="{x}" y="{y + 8}" text-anchor="middle" font-size="24" font-weight="700" fill="{text}">{number}</text></g>'
    )


def _label(x: float, y: float, text: str, anchor: str = "middle", colour: str = palette.INK) -> str:
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="25" font-weight="700" fill="{colour}">{escape(text)}</text>'


def reflex_arc_svg(t: Strings, stage: int = STAGE_COUNT) -> str:
    """The diagram with stages 1..``stage`` lit and ``stage`` marked as current."""
    stage = max(1, min(STAGE_COUNT, int(stage)))
    lit = {n: n <= stage for n in range(1, STAGE_COUNT + 1)}
    names = t.items("reflex.path.stage_names")
    title = t("reflex.diagram.title")
    desc = t("reflex.diagram.desc", step=stage, stage=names[stage - 1])

    markers = "".join(
        f'<marker id="reflex-arrow-{c[1:]}" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="3.2" markerHeight="3.2" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>'
        for c in (LIT, PULL)
    )
    tight = lit[5]
    muscle_fill = "#F6C9B3" if tight else "#F3DCCF"
    muscle_stroke = TIGHT if tight else palette.INK
    # Muscle: a spindle-shaped belly with fibre lines; squeezed a little when tight.
    ry = 50 if tight else 62
    muscle = (
        f'<g class="muscle{" lit" if tight else ""}">'
        f'<ellipse cx="250" cy="380" rx="190" ry="{ry}" fill="{muscle_fill}" stroke="{muscle_stroke}" stroke-width="{6 if tight else 3}"/>'
        + "".join(
            f'<path d="M80,{380 + k} Q250,{380 + k * 1.6} 420,{380 + k}" stroke="#C98F76" stroke-width="2" fill="none"/>'
            for k in (-30, -15, 15, 30)
        )
        + "</g>"
    )
    spindle_colour = LIT if lit[2] else palette.INK
    spindle = (
        f'<g class="spindle{" lit" if lit[2] else ""}">'
        f'<path d="M185,380 Q250,350 315,380 Q250,410 185,380 z" fill="{"#CFE6F5" if lit[2] else "#FFFFFF"}" '
        f'stroke="{spindle_colour}" stroke-width="{6 if lit[2] else 3}"/>'
        + "".join(f'<line x1="{x}" y1="372" x2="{x}" y2="388" stroke="{spindle_colour}" stroke-width="3"/>' for x in (230, 250, 270))
        + "</g>"
    )
    pull = (
        f'<g class="pull{" lit" if lit[1] else ""}"><path d="M58,380 L-2,380" {_stroke(lit[1], PULL)} transform="translate(40,0)"/>'
        + _label(65, 463, t("reflex.diagram.pull"), anchor="start", colour=PULL if lit[1] else palette.INK)
        + "</g>"
    )
    # Spinal cord cross-section with its butterfly of grey matter.
    cord = (
        f'<g class="cord{" lit" if lit[4] else ""}">'
        f'<ellipse cx="650" cy="170" rx="120" ry="95" fill="#EEF1F5" stroke="{LIT if lit[4] else palette.INK}" stroke-width="{6 if lit[4] else 3}"/>'
        '<path d="M600,105 Q635,150 630,170 Q635,195 590,240 L620,240 Q650,200 650,170 Q650,200 680,240 L710,240 '
        'Q665,195 670,170 Q665,150 700,105 L680,105 Q655,140 650,165 Q645,140 620,105 z" fill="#D5DBE3"/>'
        f'<circle cx="650" cy="175" r="13" fill="{LIT if lit[4] else "#FFFFFF"}" stroke="{palette.INK}" stroke-width="3"/>'
        + _label(650, 62, t("reflex.diagram.cord"))
        + "</g>"
    )
    sensory = (
        f'<g class="sensory{" lit" if lit[3] else ""}">'
        f'<path d="M300,370 C360,250 430,95 570,110 C610,114 630,140 640,160" {_stroke(lit[3])}/>'
        + _label(290, 125, t("reflex.diagram.sensory"), anchor="middle", colour=LIT if lit[3] else palette.INK)
        + "</g>"
    )
    motor = (
        f'<g class="motor{" lit" if lit[4] else ""}">'
        f'<path d="M655,190 C660,290 560,400 435,392" {_stroke(lit[4])}/>'
        + _label(640, 420, t("reflex.diagram.motor"), anchor="middle", colour=LIT if lit[4] else palette.INK)
        + "</g>"
    )
    labels = _label(300, 485, t("reflex.diagram.muscle")) + _label(158, 308, t("reflex.diagram.spindle"), anchor="start", colour=spindle_colour)
    badges = "".join(
        _badge(n, x, y, lit[n], n == stage)
        for n, (x, y) in {1: (35, 455), 2: (130, 300), 3: (455, 205), 4: (735, 265), 5: (455, 440)}.items()
    )
    return (
        '<svg class="reflex-arc" xmlns="http://www.w3.org/2000/svg" viewBox="0 30 800 470" role="img" '
        'aria-labelledby="reflex-arc-title reflex-arc-desc" '
        f'font-family="Atkinson Hyperlegible, sans-serif" data-stage="{stage}" style="width:100%;height:auto;max-height:28rem">'
        f'<title id="reflex-arc-title">{escape(title)}</title><desc id="reflex-arc-desc">{escape(desc)}</desc>'
        f"<defs>{markers}</defs>"
        f"{muscle}{spindle}{pull}{cord}{sensory}{motor}{labels}{badges}</svg>"
    )
