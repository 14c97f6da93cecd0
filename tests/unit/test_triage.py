"""The self-check rules: four levels as on the NHS back-pain page, red flags
always win, missing means no, typos are loud."""
import tomllib

import pytest
from hypothesis import given, strategies as st

from explainer import ASSETS
from explainer.common.content import Content
from explainer.self_check.triage import (
    EMERGENCY_QUESTIONS,
    GROUPS,
    LEVEL_OF,
    LEVEL_SOURCES,
    QUESTIONS,
    SEE_SOON_QUESTIONS,
    UNSURE,
    URGENT_QUESTIONS,
    Action,
    Outcome,
    assess,
    combination,
    emergency_action,
    is_final,
    reasons,
    unsure,
)

CONTENT = Content.load()

# The reviewed clinical table, written out here and never read from the module
# under test: id -> the level it gives alone (NHS back pain, NHS cauda equina,
# NICE CKS, NICE NG59, Henschke 2009). A demoted red flag fails here.
LITERAL_LEVELS = {
    # Emergency: the emergency room now (nerve signs) ...
    "saddle_numbness": "emergency", "bladder_bowel_change": "emergency", "both_legs": "emergency",
    "worsening_weakness": "emergency",
    # ... or call 911 now.
    "chest_pain": "emergency", "sudden_severe_pain": "emergency", "major_trauma": "emergency",
    # A medical doctor today.
    "fever_or_unwell": "urgent", "weight_loss": "urgent", "cancer_history": "urgent",
    "steroids_or_weak_immunity": "urgent", "infection_risk": "urgent", "fracture_risk": "urgent",
    "night_or_rest_pain": "urgent", "worse_with_cough_sneeze": "urgent", "back_lump_or_shape_change": "urgent",
    "upper_back_pain": "urgent",
    # Seen in the next few days.
    "over_70_new_pain": "see_soon", "leg_pain_below_knee": "see_soon", "numbness_tingling": "see_soon",
    "leg_weakness": "see_soon", "longer_than_2_weeks": "see_soon", "stops_daily_activities": "see_soon",
    "very_bad_or_worsening": "see_soon",
}
#: A risk of infection or cancer (NICE CKS, NICE NG234) ...
LITERAL_RISKS = ("fever_or_unwell", "infection_risk", "cancer_history", "steroids_or_weak_immunity", "weight_loss")
#: ... with new numbness or weakness in a leg: an emergency.
LITERAL_NEW_LEG_SIGNS = ("numbness_tingling", "leg_weakness")
#: Emergencies whose first action is "Call 911" (the rest: the emergency room, do not drive yourself).
LITERAL_CALL_911 = ("chest_pain", "sudden_severe_pain", "major_trauma")
EXPECTED = {
    Outcome(level): {q for q, at in LITERAL_LEVELS.items() if at == level} for level in ("emergency", "urgent", "see_soon")
}
ALL_AT_LEVEL = sorted(LITERAL_LEVELS.items())
ALL = sorted(LITERAL_LEVELS)
NON_COMBINING = [q for q in ALL if q not in LITERAL_RISKS + LITERAL_NEW_LEG_SIGNS]


def test_outcome_values_are_exactly_the_four_levels_in_order():
    assert [o.value for o in sorted(Outcome, key=lambda o: o.urgency)] == ["self_care", "see_soon", "urgent", "emergency"]


def test_question_ids_are_exactly_the_clinical_lists():
    assert set(EMERGENCY_QUESTIONS) == EXPECTED[Outcome.EMERGENCY]
    assert set(URGENT_QUESTIONS) == EXPECTED[Outcome.URGENT]
    assert set(SEE_SOON_QUESTIONS) == EXPECTED[Outcome.SEE_SOON]
    assert len(QUESTIONS) == len(set(QUESTIONS)) == 24
    assert "keeps_coming_back" not in QUESTIONS  # the source article's marketing, not a guideline item


@pytest.mark.parametrize("question, level", ALL_AT_LEVEL)
def test_each_question_alone_gives_its_level(question, level):
    assert assess({question: True}).value == level
    assert LEVEL_OF[question].value == level
    assert reasons({question: True}) == [question]


@pytest.mark.parametrize("question, level", ALL_AT_LEVEL)
def test_not_sure_alone_gives_the_same_level_as_yes(question, level):
    assert assess({question: UNSURE}).value == level
    assert reasons({question: UNSURE}) == [question]
    assert unsure({question: UNSURE}) == [question]


@pytest.mark.parametrize("risk", LITERAL_RISKS)
@pytest.mark.parametrize("leg", LITERAL_NEW_LEG_SIGNS)
@pytest.mark.parametrize("risk_answer, leg_answer", [(True, True), (UNSURE, True), (True, UNSURE), (UNSURE, UNSURE)])
def test_every_risk_with_a_new_leg_sign_is_an_emergency(risk, leg, risk_answer, leg_answer):
    answers = {risk: risk_answer, leg: leg_answer}
    assert assess(answers) is Outcome.EMERGENCY
    assert combination(answers)
    assert set(reasons(answers)) == {risk, leg}
    assert emergency_action(answers) is Action.EMERGENCY_ROOM  # a nerve emergency: the emergency room


@pytest.mark.parametrize("question", ALL)
def test_only_a_risk_and_a_leg_sign_combine(question):
    """A risk with a non-leg sign, or a leg sign with a non-risk sign, keeps its own level."""
    for partner in NON_COMBINING:
        if partner == question or LITERAL_LEVELS[partner] == "emergency" or LITERAL_LEVELS[question] == "emergency":
            continue
        answers = {question: True, partner: True}
        if question in LITERAL_RISKS and partner in LITERAL_NEW_LEG_SIGNS:
            continue
        assert assess(answers) is not Outcome.EMERGENCY, answers
        assert not combination(answers)


@pytest.mark.parametrize("question", sorted(EXPECTED[Outcome.EMERGENCY]))
def test_each_emergency_names_one_first_action(question):
    expected = Action.CALL_911 if question in LITERAL_CALL_911 else Action.EMERGENCY_ROOM
    assert emergency_action({question: True}) is expected
    assert emergency_action({question: UNSURE}) is expected


def test_call_911_wins_when_both_kinds_of_emergency_are_answered():
    assert emergency_action({"saddle_numbness": True, "chest_pain": True}) is Action.CALL_911
    assert emergency_action({"fever_or_unwell": True}) is None
    assert emergency_action({}) is None


def test_no_answers_or_all_no_is_self_care():
    assert assess({}) is Outcome.SELF_CARE
    assert assess({q: False for q in ALL}) is Outcome.SELF_CARE
    assert reasons({q: False for q in ALL}) == []


@pytest.mark.parametrize("question", sorted(EXPECTED[Outcome.EMERGENCY]))
def test_red_flags_win_over_every_other_yes(question):
    answers = {q: True for q in EXPECTED[Outcome.URGENT] | EXPECTED[Outcome.SEE_SOON] if q not in LITERAL_NEW_LEG_SIGNS}
    answers[question] = True
    assert assess(answers) is Outcome.EMERGENCY
    assert reasons(answers) == [question]


@pytest.mark.parametrize("question", sorted(EXPECTED[Outcome.URGENT]))
def test_urgent_wins_over_see_soon(question):
    answers = {q: True for q in EXPECTED[Outcome.SEE_SOON] if q not in LITERAL_NEW_LEG_SIGNS} | {question: True}
    assert assess(answers) is Outcome.URGENT
    assert reasons(answers) == [question]


def test_unknown_id_raises_naming_it():
    with pytest.raises(ValueError, match="saddle_numbnes"):
        assess({"saddle_numbnes": True})
    with pytest.raises(ValueError, match="chest_pains"):
        reasons({"chest_pains": False})
    with pytest.raises(ValueError, match="keeps_coming_back"):
        assess({"keeps_coming_back": True})


@pytest.mark.parametrize("bad", ["yes", 1, 0, None, "False", 1.0, "Unsure", "not sure"])
def test_any_other_value_raises_naming_the_question(bad):
    with pytest.raises(ValueError, match="both_legs"):
        assess({"both_legs": bad})


def test_reasons_list_the_winning_level_in_question_order():
    answers = {"over_70_new_pain": True, "upper_back_pain": True, "fever_or_unwell": True, "cancer_history": False}
    assert reasons(answers) == ["fever_or_unwell", "upper_back_pain"]
    assert reasons(answers | {"chest_pain": True, "both_legs": True}) == ["both_legs", "chest_pain"]
    assert reasons({"leg_weakness": True, "over_70_new_pain": True}) == ["over_70_new_pain", "leg_weakness"]
    # The combination lists the emergency signs first, then the risk and the leg sign.
    assert reasons({"cancer_history": True, "leg_weakness": UNSURE, "chest_pain": True}) == [
        "chest_pain", "cancer_history", "leg_weakness"]


def test_result_is_final_once_nothing_unanswered_could_raise_it():
    assert is_final({"chest_pain": True})  # emergency: at once
    assert is_final({"chest_pain": UNSURE})
    no_red_flags = {q: False for q in EXPECTED[Outcome.EMERGENCY]}
    assert not is_final({"fever_or_unwell": True})  # a red flag may still come
    # A risk answer is not final while a leg question that would combine with it is open.
    assert not is_final(no_red_flags | {"fever_or_unwell": True})
    assert not is_final(no_red_flags | {"fever_or_unwell": True, "numbness_tingling": False})
    assert is_final(no_red_flags | {"fever_or_unwell": True, "numbness_tingling": False, "leg_weakness": False})
    # A non-risk urgent sign is final once no emergency can still come: the red flags
    # answered, and either every leg sign or every risk answered no.
    assert not is_final(no_red_flags | {"upper_back_pain": True})
    assert is_final(no_red_flags | {"upper_back_pain": True, "numbness_tingling": False, "leg_weakness": False})
    # A leg sign is not final while a risk question that would combine with it is open.
    assert not is_final(no_red_flags | {"leg_weakness": True})
    assert not is_final({q: False for q in ALL if q != "stops_daily_activities"})
    assert is_final({q: False for q in ALL})


def test_screens_put_every_emergency_question_first_in_small_groups():
    assert len(GROUPS) == 7
    first_two = [q for _, questions in GROUPS[:2] for q in questions]
    assert sorted(first_two) == sorted(EXPECTED[Outcome.EMERGENCY])
    assert all(2 <= len(questions) <= 4 for _, questions in GROUPS)
    flat = [q for _, questions in GROUPS for q in questions]
    assert sorted(flat) == ALL and len(flat) == len(set(flat))
    # The legs come before the risks, so a risk answered later meets its leg answers at once.
    assert flat.index("leg_weakness") < min(flat.index(q) for q in LITERAL_RISKS)


def test_each_level_names_its_sources_and_they_exist():
    with (ASSETS / "sources.toml").open("rb") as fh:
        known = {s["id"] for s in tomllib.load(fh)["source"]}
    # NICE NG59 does not list the cauda equina signs: the NHS pages are cited for them.
    assert LEVEL_SOURCES[Outcome.EMERGENCY] == ("nhs_back_pain", "nhs_ces", "nice_cks_back_pain", "nice_ng234")
    assert LEVEL_SOURCES[Outcome.URGENT] == ("nhs_back_pain", "nice_cks_back_pain")
    assert LEVEL_SOURCES[Outcome.SEE_SOON] == ("nhs_back_pain", "henschke2009", "nice_ng59")
    assert all(set(ids) <= known for ids in LEVEL_SOURCES.values())


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_question_screen_and_source_has_wording(lang):
    strings = CONTENT.catalog[lang]
    for question in QUESTIONS:
        for field in ("text", "help", "reason"):
            assert strings.get(f"self_check.questions.{question}.{field}"), (lang, question, field)
    for group_id, _ in GROUPS:
        assert strings.get(f"self_check.groups.{group_id}")
        assert strings.get(f"self_check.groups_intro.{group_id}")
    worded = {k.split(".")[2] for k in strings if k.startswith("self_check.questions.")}
    assert worded == set(QUESTIONS)  # no wording for a question the rules do not know
    named = {tuple(k.split(".")[2:]) for k in strings if k.startswith("self_check.sources.")}
    assert named == {(level.value, source) for level, ids in LEVEL_SOURCES.items() for source in ids}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_one_question_asks_one_thing(lang):
    """No "A? Or B?" pairs: each question is one sentence with one question mark."""
    for question in QUESTIONS:
        text = CONTENT.text(lang, f"self_check.questions.{question}.text")
        assert text.count("?") == 1 and text.endswith("?"), (lang, text)


def test_no_result_says_likely_not_an_emergency():
    for lang in ("en", "es"):
        words = " ".join(str(v) for k, v in CONTENT.catalog[lang].items() if k.startswith("self_check.")).lower()
        assert "not an emergency" not in words and "no sea una" not in words
        if lang == "es":  # Florida Spanish: "sala de emergencias", "síndrome de la cola de caballo"
            assert "urgencias" not in words and "cauda equina" not in words


answer_values = st.sampled_from([True, False, UNSURE])
answer_maps = st.dictionaries(st.sampled_from(ALL), answer_values)


@given(answers=answer_maps, extra=st.sampled_from(ALL), value=st.sampled_from([True, UNSURE]))
def test_one_more_yes_or_not_sure_never_lowers_the_outcome(answers, extra, value):
    before = assess(answers)
    after = assess({**answers, extra: value})
    assert after.urgency >= before.urgency


@given(answers=answer_maps)
def test_not_sure_counts_as_yes_everywhere(answers):
    as_yes = {q: (True if v == UNSURE else v) for q, v in answers.items()}
    assert assess(answers) is assess(as_yes)
    assert reasons(answers) == reasons(as_yes)
    assert emergency_action(answers) is emergency_action(as_yes)
    assert is_final(answers) == is_final(as_yes)


@given(answers=answer_maps)
def test_missing_answers_count_as_no(answers):
    filled = {q: answers.get(q, False) for q in ALL}
    assert assess(answers) is assess(filled)


@given(answers=answer_maps, rest=answer_maps)
def test_a_final_outcome_never_changes_whatever_comes_next(answers, rest):
    """is_final is honest: once it says so, no further answers change the outcome (the combination included)."""
    if is_final(answers):
        assert assess({**rest, **answers}) is assess(answers)


@given(answers=answer_maps)
def test_the_combination_matches_the_literal_rule(answers):
    yes = {q for q, v in answers.items() if v is True or v == UNSURE}
    literal = bool(yes & set(LITERAL_RISKS)) and bool(yes & set(LITERAL_NEW_LEG_SIGNS))
    assert combination(answers) == literal
    if literal:
        assert assess(answers) is Outcome.EMERGENCY
