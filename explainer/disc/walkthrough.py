"""The "Spasm or disc?" walkthrough: its steps, and which step and nerve level to show.

The current step and level live in plain session keys (``WALK_STEP``,
``WALK_LEVEL``), changed only by button callbacks, because Streamlit deletes a
widget's key when another page runs (brief, "Streamlit facts"). The URL's
``step`` and ``level`` only *seed* the session when they differ from what the
page last wrote there (``WALK_SEEN_*``), so a staff deep link opens the right
screen and Next/Back still work afterwards; the page writes the current step
and level back to the URL so a reload shows the same screen.

Bad values (missing, "abc", "0", "99", "-1", "2.5", "L9") fall back to step 1
and level L5, never an error (validation: ``explainer.common.params``).
"""
from __future__ import annotations

from typing import Mapping

from explainer.common.params import NERVE_LEVELS, parse_query
from explainer.common.recovery import COSTA_2012_PAIN

#: Step ids in order; content keys are ``spasm_or_disc.steps.<id>.*``.
STEPS: tuple[str, ...] = ("two_ways", "spine", "leg_map", "compare", "timeline", "outlook")
#: Steps that show the nerve-level choice.
LEVEL_STEPS = frozenset({"spine", "leg_map"})

DEFAULT_STEP = 1
DEFAULT_LEVEL = "L5"

#: Plain session keys (other parts, e.g. staff tools, may set WALK_STEP / WALK_LEVEL).
WALK_STEP = "walk_step"
WALK_LEVEL = "walk_level"
WALK_SEEN_STEP = "walk_seen_step"
WALK_SEEN_LEVEL = "walk_seen_level"
WALK_BATH_DAY = "walk_bath_day"
#: Which story the person's pain points to: set behind the scenes by the
#: "Where does it hurt?" body map (pain below the knee in a nerve's area:
#: "disc", with that nerve's level in WALK_LEVEL; otherwise "ordinary"). The
#: walkthrough shows that story first. Absent: no choice made, "ordinary" first.
WALK_STORY = "walk_story"
STORIES = ("ordinary", "disc")
#: The day care for the disc starts on the timeline step (0: not yet).
WALK_CARE_DAY = "walk_care_day"


def story_order(session: Mapping[str, object]) -> tuple[str, str]:
    """The two stories, the one the person's pain points to first (no choice made: ordinary first)."""
    return ("disc", "ordinary") if session.get(WALK_STORY) == "disc" else STORIES


def chosen_story(session: Mapping[str, object]) -> str | None:
    """The story the body map chose, or None when no choice was made."""
    story = session.get(WALK_STORY)
    return story if story in STORIES else None


def step_count() -> int:
    return len(STEPS)


def step_id(step: int) -> str:
    return STEPS[clamp_step(step) - 1]


def clamp_step(step: object) -> int:
    """A valid 1-based step: anything else is step 1."""
    if isinstance(step, int) and not isinstance(step, bool) and 1 <= step <= len(STEPS):
        return step
    return DEFAULT_STEP


def valid_level(level: object) -> str:
    return level if level in NERVE_LEVELS else DEFAULT_LEVEL


def step_from_query(raw: str | None) -> int:
    """``?step=`` as a step number; missing, malformed or out of range -> 1."""
    parsed = parse_query({"step": raw}) if raw is not None else {}
    return clamp_step(parsed.get("step"))


def level_from_query(raw: str | None) -> str:
    """``?level=`` as L4, L5 or S1 (any case); anything else -> L5."""
    parsed = parse_query({"level": raw}) if raw is not None else {}
    return valid_level(parsed.get("level"))


def next_step(step: int) -> int:
    return min(clamp_step(step) + 1, len(STEPS))


def previous_step(step: int) -> int:
    return max(clamp_step(step) - 1, 1)


def resolve(session: Mapping[str, object], raw_step: str | None, raw_level: str | None) -> dict[str, object]:
    """The walkthrough's session values for this run.

    ``raw_step`` / ``raw_level`` are the URL's values as given (None if absent).
    A URL value seeds the session only when it differs from the one the page
    last wrote (a new deep link); an absent one keeps the session's value (so
    the step survives a language switch or a visit to another part). The
    returned ``WALK_SEEN_*`` are the values the page must now write to the URL.
    """
    step = clamp_step(session.get(WALK_STEP))
    level = valid_level(session.get(WALK_LEVEL))
    if raw_step is not None and raw_step != session.get(WALK_SEEN_STEP):
        step = step_from_query(raw_step)
    if raw_level is not None and raw_level != session.get(WALK_SEEN_LEVEL):
        level = level_from_query(raw_level)
    return {WALK_STEP: step, WALK_LEVEL: level, WALK_SEEN_STEP: str(step), WALK_SEEN_LEVEL: level}


#: Sources behind each step's statements (ids in assets/sources.toml), shown
#: under "Where this comes from". Timeline: heat (qaseem2017); what care means
#: (nice_ng59: exercise, manual therapy with exercise, pain relief; qaseem2017:
#: massage, spinal manipulation, medicine); discs settle on their own (koes2007,
#: wang2020, chiu2015).
STEP_SOURCES: dict[str, tuple[str, ...]] = {
    "two_ways": ("nice_ng59",),
    "spine": ("harrison", "chiu2015"),  # chiu2015: herniations and bulges are different things
    "leg_map": ("harrison", "nice_ng59"),
    "compare": ("nice_ng59", "pengel2003", "koes2007", "qaseem2017"),
    "timeline": ("qaseem2017", "nice_ng59", "koes2007", "wang2020", "chiu2015"),
    "outlook": ("pengel2003", "costa2012", "koes2007", "wang2020", "chiu2015"),
}
#: The outlook step's sections and their sources: the three numbers on screen
#: with the sciatica sentence, and the numbers behind "More numbers".
OUTLOOK_SOURCES: dict[str, tuple[str, ...]] = {
    "numbers": ("pengel2003", "wang2020", "koes2007"),
    "more": ("costa2012", "koes2007", "chiu2015"),
}
assert set().union(*OUTLOOK_SOURCES.values()) == set(STEP_SOURCES["outlook"])

#: Average pain on a 0-100 scale after new back pain (Costa 2012, from explainer.common.recovery):
#: content key of the moment -> score.
COSTA_PAIN_SCORES: tuple[tuple[str, int], ...] = tuple(
    (label, round(point.pain)) for label, point in zip(("score_start", "score_6_weeks", "score_6_months"), COSTA_2012_PAIN)
)
