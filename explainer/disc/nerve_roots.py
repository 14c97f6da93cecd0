"""Which part of the leg each lower-back nerve root serves (source id
``harrison``: Engstrom & Deyo, Harrison's Principles, back and neck pain).

A *nerve root* is where a nerve leaves the spine. When a disc presses on one,
pain, numbness or tingling can follow that root's path down the leg, with
weakness of the muscles it drives and a weaker reflex (NICE NG59).

The words live in the content files under ``spasm_or_disc.roots.<level>.*``;
``regions`` names the shapes ``explainer.disc.leg_map`` shades. Each level has one
description of where it sends pain (``areas``), said the same way on every
screen: the walkthrough's facts, its kiosk choice of nerve, the staff tools'
level choice and the handout.
"""
from __future__ import annotations

from dataclasses import dataclass

from explainer.common.params import NERVE_LEVELS

SOURCE_ID = "harrison"


@dataclass(frozen=True)
class NerveRoot:
    level: str
    #: Leg-map shapes this root's area covers (see leg_map.REGIONS).
    regions: tuple[str, ...]
    #: The disc (between two vertebrae) that usually presses on this root, drawn by spine_diagram.
    disc_above: tuple[str, str]

    @property
    def key(self) -> str:
        return f"spasm_or_disc.roots.{self.level}"

    @property
    def areas_key(self) -> str:  # where pain or numbness is felt
        return f"{self.key}.areas"

    @property
    def weakness_key(self) -> str:  # which movement gets weak
        return f"{self.key}.weakness"

    @property
    def reflex_key(self) -> str:  # which reflex gets weaker
        return f"{self.key}.reflex"

    @property
    def place_key(self) -> str:
        """The root named by where it sends pain (screens that never show level codes,
        and the staff tools' choice beside the code): the one description, ``areas``."""
        return self.areas_key


ROOTS: dict[str, NerveRoot] = {
    root.level: root
    for root in (
        # L4: knee, inner (medial) lower leg, seen from the front (shin) and from behind (calf);
        # weak quadriceps (straightening the knee); knee reflex.
        NerveRoot("L4", ("knee", "inner_shin", "inner_calf"), ("L3", "L4")),
        # L5: outer (lateral) lower leg, front and back, top of foot, big toe; weak lifting of foot
        # and big toe; no reliable reflex.
        NerveRoot("L5", ("outer_shin", "outer_calf", "top_of_foot", "big_toe"), ("L4", "L5")),
        # S1: back of calf and thigh, sole and outer foot; weak pushing up on toes; ankle reflex.
        NerveRoot("S1", ("back_of_thigh", "back_of_calf", "sole", "outer_foot"), ("L5", "S1")),
    )
}

assert tuple(ROOTS) == NERVE_LEVELS


def as_sentence(text: str) -> str:
    """The description as a sentence beside the other facts ("...lower leg" -> "...lower leg.");
    in a choice or after a colon it stays as it is."""
    return text if text.endswith((".", "!", "?")) else f"{text}."


def root(level: str) -> NerveRoot:
    return ROOTS[level] if level in ROOTS else ROOTS["L5"]
