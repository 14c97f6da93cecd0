"""The "Should I get checked?" rules: yes/no answers in, one of three outcomes out.

    outcome = emergency  if any EMERGENCY question is yes
              see_soon   else if any SEE_SOON question is yes
              self_care  otherwise

Red flags always win (brief, section 4). Sources: NICE NG59 and the NHS page
on cauda equina syndrome (``nice_ng59``, ``nhs_ces`` in assets/sources.toml).

``answers`` maps a question id to a bool. A missing id counts as "no"; an
unknown id, or a value that is not a bool, raises ``ValueError`` naming it
(a typo must never silently turn a red flag into "no").

The wording of every question lives in ``assets/content/<lang>/self_check.toml``
under ``[questions.<id>]``; this module only knows ids, groups and rules.
Nothing here stores, prints or logs answers.
"""
from __future__ import annotations

from enum import Enum
from typing import Mapping


class Outcome(str, Enum):
    """What the person should do next, from least to most urgent."""

    SELF_CARE = "self_care"
    SEE_SOON = "see_soon"
    EMERGENCY = "emergency"

    @property
    def urgency(self) -> int:
        """0 (self care) < 1 (see soon) < 2 (emergency)."""
        return _URGENCY[self]


_URGENCY = {Outcome.SELF_CARE: 0, Outcome.SEE_SOON: 1, Outcome.EMERGENCY: 2}

#: Possible cauda equina syndrome: emergency care now (nice_ng59, nhs_ces).
EMERGENCY_QUESTIONS: tuple[str, ...] = (
    "saddle_numbness",
    "bladder_bowel_change",
    "both_legs",
    "worsening_weakness",
)

#: Flags that need a clinician soon (nice_ng59).
SEE_SOON_QUESTIONS: tuple[str, ...] = (
    "fever_or_unwell",
    "cancer_history",
    "major_trauma",
    "steroids_or_weak_immunity",
    "over_70_new_pain",
    "night_or_rest_pain",
    "leg_pain_below_knee",
    "numbness_tingling",
    "leg_weakness",
    "keeps_coming_back",
    "longer_than_2_weeks",
)

QUESTIONS: tuple[str, ...] = EMERGENCY_QUESTIONS + SEE_SOON_QUESTIONS

#: The screens of the self-check, in order: emergency questions first on one
#: short screen, then the rest in small groups (2-4 per screen). Each group id
#: names its heading in content (``self_check.groups.<id>``).
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("warning_signs", EMERGENCY_QUESTIONS),
    ("your_health", ("over_70_new_pain", "cancer_history", "steroids_or_weak_immunity", "fever_or_unwell")),
    ("your_pain", ("major_trauma", "night_or_rest_pain", "longer_than_2_weeks", "keeps_coming_back")),
    ("your_legs", ("leg_pain_below_knee", "numbness_tingling", "leg_weakness")),
)

assert sorted(q for _, group in GROUPS for q in group) == sorted(QUESTIONS), "every question on exactly one screen"


def _validated(answers: Mapping[str, object]) -> dict[str, bool]:
    known = set(QUESTIONS)
    for question, value in answers.items():
        if question not in known:
            raise ValueError(f"unknown self-check question id: {question!r}")
        if not isinstance(value, bool):
            raise ValueError(f"answer to {question!r} must be True or False, got {type(value).__name__}")
    return dict(answers)  # type: ignore[arg-type]


def assess(answers: Mapping[str, bool]) -> Outcome:
    """The outcome for these answers (missing question = no)."""
    yes = {q for q, value in _validated(answers).items() if value}
    if yes & set(EMERGENCY_QUESTIONS):
        return Outcome.EMERGENCY
    if yes & set(SEE_SOON_QUESTIONS):
        return Outcome.SEE_SOON
    return Outcome.SELF_CARE


def reasons(answers: Mapping[str, bool]) -> list[str]:
    """The question ids answered yes that led to the outcome, in question order.

    For emergency: the emergency questions answered yes; for see soon: the
    see-soon questions answered yes; for self care: none.
    """
    checked = _validated(answers)
    outcome = assess(checked)
    pool = {Outcome.EMERGENCY: EMERGENCY_QUESTIONS, Outcome.SEE_SOON: SEE_SOON_QUESTIONS}.get(outcome, ())
    return [q for q in pool if checked.get(q) is True]
