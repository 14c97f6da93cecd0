"""The "Should I get checked?" rules: yes/no answers in, one of four outcomes out.

    outcome = emergency  if any EMERGENCY question is yes   (call 911 / emergency room now)
              urgent     else if any URGENT question is yes (a medical doctor today)
              see_soon   else if any SEE_SOON question is yes (seen in the next few days)
              self_care  otherwise

Red flags always win. The three levels and what sits on each follow the NHS
back-pain page (``nhs_back_pain``), adapted to the US (911, emergency room,
urgent care). What each level also rests on, and so what the page cites for it,
is ``LEVEL_SOURCES``: the cauda equina signs (``nhs_ces``); the
signs of infection, cancer or a broken bone (``nice_cks_back_pain``); age over
70 (``henschke2009``) and leg symptoms (``nice_ng59``).

``answers`` maps a question id to a bool. A missing id counts as "no"; an
unknown id, or a value that is not a bool, raises ``ValueError`` naming it
(a typo must never silently turn a red flag into "no").

The wording of every question lives in ``assets/content/<lang>/self_check.toml``
under ``[questions.<id>]``; this module only knows ids, screens and rules.
Nothing here stores, prints or logs answers.
"""
from __future__ import annotations

from enum import Enum
from typing import Mapping


class Outcome(str, Enum):
    """What the person should do next, from least to most urgent."""

    SELF_CARE = "self_care"
    SEE_SOON = "see_soon"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def urgency(self) -> int:
        """0 (self care) < 1 (see soon) < 2 (urgent) < 3 (emergency)."""
        return _URGENCY[self]


_URGENCY = {Outcome.SELF_CARE: 0, Outcome.SEE_SOON: 1, Outcome.URGENT: 2, Outcome.EMERGENCY: 3}

#: Call 911 or go to the emergency room now (nhs_back_pain; the first four are
#: the signs of cauda equina syndrome: nhs_ces, nice_ng59).
EMERGENCY_QUESTIONS: tuple[str, ...] = (
    "saddle_numbness",
    "bladder_bowel_change",
    "both_legs",
    "worsening_weakness",
    "chest_pain",
    "major_trauma",
)

#: See a medical doctor today: signs of a possible infection, cancer or broken
#: bone (NICE CKS), for which the NHS asks for an urgent same-day appointment
#: (nhs_back_pain, nice_cks_back_pain).
URGENT_QUESTIONS: tuple[str, ...] = (
    "fever_or_unwell",
    "weight_loss",
    "cancer_history",
    "steroids_or_weak_immunity",
    "night_or_rest_pain",
    "worse_with_cough_sneeze",
    "back_lump_or_shape_change",
    "upper_back_pain",
)

#: Be seen in the next few days (nhs_back_pain; age over 70: henschke2009;
#: leg pain, numbness or weakness in one leg: nice_ng59).
SEE_SOON_QUESTIONS: tuple[str, ...] = (
    "over_70_new_pain",
    "leg_pain_below_knee",
    "numbness_tingling",
    "leg_weakness",
    "keeps_coming_back",
    "longer_than_2_weeks",
    "stops_daily_activities",
)

QUESTIONS: tuple[str, ...] = EMERGENCY_QUESTIONS + URGENT_QUESTIONS + SEE_SOON_QUESTIONS

#: The questions of each level, most urgent first.
LEVEL_QUESTIONS: dict[Outcome, tuple[str, ...]] = {
    Outcome.EMERGENCY: EMERGENCY_QUESTIONS,
    Outcome.URGENT: URGENT_QUESTIONS,
    Outcome.SEE_SOON: SEE_SOON_QUESTIONS,
}

LEVEL_OF: dict[str, Outcome] = {q: level for level, questions in LEVEL_QUESTIONS.items() for q in questions}

#: What each outcome's advice is taken from (ids in assets/sources.toml), shown
#: on the result as "Where this comes from". Each source is named only for what
#: it says (see the module docstring).
LEVEL_SOURCES: dict[Outcome, tuple[str, ...]] = {
    # NICE NG59 does not list the cauda equina signs (it points to other guidance),
    # so it is not cited for this level; the NHS pages are.
    Outcome.EMERGENCY: ("nhs_back_pain", "nhs_ces"),
    Outcome.URGENT: ("nhs_back_pain", "nice_cks_back_pain"),
    Outcome.SEE_SOON: ("nhs_back_pain", "henschke2009", "nice_ng59"),
    Outcome.SELF_CARE: ("nhs_back_pain",),
}

#: The screens of the self-check, in order: the emergency questions first on
#: two short screens (so a red flag is met at once), then the others in small
#: groups of 3-4. Each screen id names its heading in content
#: (``self_check.groups.<id>``).
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("warning_signs", ("saddle_numbness", "bladder_bowel_change", "both_legs")),
    ("more_warning_signs", ("worsening_weakness", "chest_pain", "major_trauma")),
    ("your_health", ("fever_or_unwell", "weight_loss", "cancer_history", "steroids_or_weak_immunity")),
    ("your_pain", ("night_or_rest_pain", "worse_with_cough_sneeze", "back_lump_or_shape_change", "upper_back_pain")),
    ("your_legs", ("leg_pain_below_knee", "numbness_tingling", "leg_weakness")),
    ("how_long", ("over_70_new_pain", "keeps_coming_back", "longer_than_2_weeks", "stops_daily_activities")),
)

#: Session keys of the self-check page: the answers so far, the screen shown and
#: whether the result is showing. Other pages (the body map sends "both legs"
#: straight to the warning signs) clear the screen keys to open the first screen.
ANSWERS_KEY, SCREEN_KEY, DONE_KEY = "triage_answers", "triage_screen", "triage_done"

assert sorted(q for _, group in GROUPS for q in group) == sorted(QUESTIONS), "every question on exactly one screen"


def _validated(answers: Mapping[str, object]) -> dict[str, bool]:
    for question, value in answers.items():
        if question not in LEVEL_OF:
            raise ValueError(f"unknown self-check question id: {question!r}")
        if not isinstance(value, bool):
            raise ValueError(f"answer to {question!r} must be True or False, got {type(value).__name__}")
    return dict(answers)  # type: ignore[arg-type]


def assess(answers: Mapping[str, bool]) -> Outcome:
    """The outcome for these answers (missing question = no)."""
    yes = {q for q, value in _validated(answers).items() if value}
    for level, questions in LEVEL_QUESTIONS.items():  # most urgent first
        if yes.intersection(questions):
            return level
    return Outcome.SELF_CARE


def reasons(answers: Mapping[str, bool]) -> list[str]:
    """The question ids answered yes at the winning level, in question order.

    Emergency: the emergency questions answered yes; urgent: the urgent ones;
    see soon: the see-soon ones; self care: none.
    """
    checked = _validated(answers)
    pool = LEVEL_QUESTIONS.get(assess(checked), ())
    return [q for q in pool if checked.get(q) is True]


def is_final(answers: Mapping[str, bool]) -> bool:
    """True when no unanswered question could make the outcome more urgent.

    An emergency is final at once; an urgent outcome is final once every
    emergency question has an answer; self care only when everything has one.
    The page uses it to show the result without asking what cannot change it.
    """
    checked = _validated(answers)
    outcome = assess(checked)
    higher = [q for q, level in LEVEL_OF.items() if level.urgency > outcome.urgency]
    return all(q in checked for q in higher)
