"""The "Should I get checked?" rules: yes / no / not sure answers in, one of four outcomes out.

    outcome = emergency  if any EMERGENCY question is yes,
                         or any RISK question and any NEW_LEG_SIGN question are yes together
              urgent     else if any URGENT question is yes      (a medical doctor today)
              see_soon   else if any SEE_SOON question is yes    (seen in the next few days)
              self_care  otherwise

    "Not sure" (UNSURE) counts as yes, everywhere, the combination included.

Red flags always win. The three levels and what sits on each follow the NHS
back-pain page (``nhs_back_pain``), adapted to the US (911, emergency room,
urgent care):

- emergency: the cauda equina signs (``nhs_ces``: numbness around the genitals
  or bottom, new trouble peeing or leaking pee or poop, new symptoms in both
  legs, a leg very weak or getting weaker), chest pain, and pain after a serious
  accident (``nhs_back_pain``); sudden, very bad pain in the back or belly or
  feeling faint, which can come from the aorta (``nice_cks_back_pain``);
- the combination: a risk of a spinal infection (fever, injected drugs, recent
  spinal surgery, injection or infection, weak immunity) or of cancer in the
  spine (past cancer, weight loss) together with new numbness or weakness in a
  leg. NICE CKS sends suspected spinal infection with new neurological signs
  for immediate assessment, and NICE NG234 asks for people with cancer and
  neurological symptoms of spinal cord compression to be assessed at once
  (``nice_cks_back_pain``, ``nice_ng234``);
- urgent: the signs of a possible infection, cancer or broken bone
  (``nice_cks_back_pain``; fracture risk: osteoporosis, or a fall or lift that
  would not normally hurt) and the NHS's urgent same-day list (``nhs_back_pain``);
- see soon: age over 70 with new pain (``henschke2009``), leg symptoms in one
  leg (``nice_ng59``), and the NHS's "see a GP" list: not better after about
  two weeks, stops daily tasks, very bad or getting worse or hard to cope with
  (``nhs_back_pain``).

``answers`` maps a question id to True, False or ``UNSURE``. A missing id
counts as "not answered" (no, for the outcome); an unknown id, or any other
value, raises ``ValueError`` naming it (a typo must never silently turn a red
flag into "no").

The wording of every question lives in ``assets/content/<lang>/self_check.toml``
under ``[questions.<id>]``; this module only knows ids, screens and rules.
Nothing here stores, prints or logs answers.
"""
from __future__ import annotations

from enum import Enum
from typing import Mapping, Union


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


class Action(str, Enum):
    """What an emergency result tells the person to do first."""

    #: Call 911 now: chest pain, sudden very bad pain or feeling faint, a recent serious accident.
    CALL_911 = "call_911"
    #: Go to the emergency room now, do not drive yourself (911 if you cannot get there):
    #: the nerve signs, and a risk of infection or cancer with new leg signs.
    EMERGENCY_ROOM = "emergency_room"


#: The answer "Not sure" / "No estoy seguro". It counts as yes.
UNSURE = "unsure"

Answer = Union[bool, str]

#: Nerve signs that need the emergency room now (nhs_ces; nhs_back_pain).
NERVE_EMERGENCY_QUESTIONS: tuple[str, ...] = (
    "saddle_numbness",
    "bladder_bowel_change",
    "both_legs",
    "worsening_weakness",
)

#: Signs to call 911 for now: chest pain and a recent serious accident
#: (nhs_back_pain); sudden, very bad pain in the back or belly, or feeling faint
#: (a possible problem with the aorta: nice_cks_back_pain).
CALL_911_QUESTIONS: tuple[str, ...] = (
    "chest_pain",
    "sudden_severe_pain",
    "major_trauma",
)

EMERGENCY_QUESTIONS: tuple[str, ...] = NERVE_EMERGENCY_QUESTIONS + CALL_911_QUESTIONS

#: See a medical doctor today: signs of a possible infection, cancer or broken
#: bone (nice_cks_back_pain), for which the NHS asks for an urgent same-day
#: appointment (nhs_back_pain).
URGENT_QUESTIONS: tuple[str, ...] = (
    "fever_or_unwell",
    "weight_loss",
    "cancer_history",
    "steroids_or_weak_immunity",
    "infection_risk",
    "fracture_risk",
    "night_or_rest_pain",
    "worse_with_cough_sneeze",
    "back_lump_or_shape_change",
    "upper_back_pain",
)

#: Be seen in the next few days (nhs_back_pain; age over 70: henschke2009;
#: pain, numbness or weakness in one leg: nice_ng59).
SEE_SOON_QUESTIONS: tuple[str, ...] = (
    "over_70_new_pain",
    "leg_pain_below_knee",
    "numbness_tingling",
    "leg_weakness",
    "longer_than_2_weeks",
    "stops_daily_activities",
    "very_bad_or_worsening",
)

#: A risk of a spinal infection or of cancer in the spine (nice_cks_back_pain, nice_ng234) ...
RISK_QUESTIONS: tuple[str, ...] = (
    "fever_or_unwell",
    "infection_risk",
    "cancer_history",
    "steroids_or_weak_immunity",
    "weight_loss",
)
#: ... together with new numbness or weakness in a leg: an emergency.
NEW_LEG_SIGN_QUESTIONS: tuple[str, ...] = ("numbness_tingling", "leg_weakness")

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
    # so it is not cited for this level; the NHS pages are. NICE CKS: the aorta
    # and the infection-with-nerve-signs rule; NICE NG234: cancer with nerve signs.
    Outcome.EMERGENCY: ("nhs_back_pain", "nhs_ces", "nice_cks_back_pain", "nice_ng234"),
    Outcome.URGENT: ("nhs_back_pain", "nice_cks_back_pain"),
    Outcome.SEE_SOON: ("nhs_back_pain", "henschke2009", "nice_ng59"),
    Outcome.SELF_CARE: ("nhs_back_pain",),
}

#: The screens of the self-check, in order: the emergency questions first on
#: two short screens (so a red flag is met at once), then the legs (so a risk
#: answered later meets its leg answers at once), then the rest in small groups
#: of 2-4. Each screen id names its heading in content (``self_check.groups.<id>``).
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("warning_signs", ("saddle_numbness", "bladder_bowel_change", "both_legs", "worsening_weakness")),
    ("more_warning_signs", ("chest_pain", "sudden_severe_pain", "major_trauma")),
    ("your_legs", ("leg_pain_below_knee", "numbness_tingling", "leg_weakness")),
    ("your_health", ("fever_or_unwell", "weight_loss", "cancer_history", "steroids_or_weak_immunity")),
    ("your_risks", ("infection_risk", "fracture_risk")),
    ("your_pain", ("night_or_rest_pain", "worse_with_cough_sneeze", "back_lump_or_shape_change", "upper_back_pain")),
    ("how_long", ("over_70_new_pain", "longer_than_2_weeks", "stops_daily_activities", "very_bad_or_worsening")),
)

#: Session keys of the self-check page: the answers so far, the screen shown and
#: whether the result is showing. Plain keys, cleared by the shell whenever
#: another page runs (leaving the self-check forgets it) and by Start over.
ANSWERS_KEY, SCREEN_KEY, DONE_KEY = "triage_answers", "triage_screen", "triage_done"
#: Prefix of the self-check's answer controls' widget keys (``self_check_q_<id>``).
WIDGET_KEY_PREFIX = "self_check_q_"
SESSION_KEYS: tuple[str, ...] = (ANSWERS_KEY, SCREEN_KEY, DONE_KEY)

assert sorted(q for _, group in GROUPS for q in group) == sorted(QUESTIONS), "every question on exactly one screen"
assert set(RISK_QUESTIONS) <= set(URGENT_QUESTIONS) and set(NEW_LEG_SIGN_QUESTIONS) <= set(SEE_SOON_QUESTIONS)


def _validated(answers: Mapping[str, object]) -> dict[str, Answer]:
    for question, value in answers.items():
        if question not in LEVEL_OF:
            raise ValueError(f"unknown self-check question id: {question!r}")
        if not (isinstance(value, bool) or value == UNSURE):
            raise ValueError(f"answer to {question!r} must be True, False or UNSURE, got {value!r}")
    return dict(answers)  # type: ignore[arg-type]


def _yes(answers: Mapping[str, Answer]) -> set[str]:
    """The questions answered yes or not sure ("not sure" counts as yes)."""
    return {q for q, value in answers.items() if value is True or value == UNSURE}


def _combined(yes: set[str]) -> bool:
    return bool(yes.intersection(RISK_QUESTIONS)) and bool(yes.intersection(NEW_LEG_SIGN_QUESTIONS))


def _outcome(yes: set[str]) -> Outcome:
    if yes.intersection(EMERGENCY_QUESTIONS) or _combined(yes):
        return Outcome.EMERGENCY
    for level in (Outcome.URGENT, Outcome.SEE_SOON):
        if yes.intersection(LEVEL_QUESTIONS[level]):
            return level
    return Outcome.SELF_CARE


def assess(answers: Mapping[str, Answer]) -> Outcome:
    """The outcome for these answers (missing question = no; UNSURE = yes)."""
    return _outcome(_yes(_validated(answers)))


def combination(answers: Mapping[str, Answer]) -> bool:
    """True when a risk of infection or cancer meets new numbness or weakness in a leg."""
    return _combined(_yes(_validated(answers)))


def reasons(answers: Mapping[str, Answer]) -> list[str]:
    """The question ids answered yes or not sure that make the outcome, in question order.

    Emergency: the emergency questions answered yes, then (if they combine) the
    risk and new-leg-sign answers; urgent: the urgent ones; see soon: the
    see-soon ones; self care: none.
    """
    yes = _yes(_validated(answers))
    outcome = _outcome(yes)
    if outcome is Outcome.EMERGENCY:
        pool: tuple[str, ...] = EMERGENCY_QUESTIONS
        if _combined(yes):
            pool += RISK_QUESTIONS + NEW_LEG_SIGN_QUESTIONS
    else:
        pool = LEVEL_QUESTIONS.get(outcome, ())
    return [q for q in pool if q in yes]


def unsure(answers: Mapping[str, Answer]) -> list[str]:
    """The questions answered "not sure", in question order (the result asks the front desk to help)."""
    checked = _validated(answers)
    return [q for q in QUESTIONS if checked.get(q) == UNSURE]


def emergency_action(answers: Mapping[str, Answer]) -> Action | None:
    """What an emergency result says first: call 911, or the emergency room; None when not an emergency."""
    yes = _yes(_validated(answers))
    if _outcome(yes) is not Outcome.EMERGENCY:
        return None
    return Action.CALL_911 if yes.intersection(CALL_911_QUESTIONS) else Action.EMERGENCY_ROOM


def is_final(answers: Mapping[str, Answer]) -> bool:
    """True when no unanswered question could make the outcome more urgent.

    Checked directly: the outcome if every unanswered question were yes is
    compared with the outcome now. So an emergency is final at once; an urgent
    risk answer is not final while an emergency question, or a leg question
    that would combine with it, is unanswered; self care only when everything
    has an answer. The page uses it to show the result without asking what
    cannot change it.
    """
    checked = _validated(answers)
    worst = dict.fromkeys((q for q in QUESTIONS if q not in checked), True) | checked
    return assess(worst) is assess(checked)
