"""The self-check rules: red flags always win, missing means no, typos are loud."""
import pytest
from hypothesis import given, strategies as st

from explainer.content import Content
from explainer.triage import (
    EMERGENCY_QUESTIONS,
    GROUPS,
    QUESTIONS,
    SEE_SOON_QUESTIONS,
    Outcome,
    assess,
    reasons,
)

CONTENT = Content.load()


def test_outcome_values_are_the_issue_strings():
    assert {o.value for o in Outcome} == {"emergency", "see_soon", "self_care"}
    assert Outcome.SELF_CARE.urgency < Outcome.SEE_SOON.urgency < Outcome.EMERGENCY.urgency


def test_question_ids_are_exactly_the_issue_lists():
    assert set(EMERGENCY_QUESTIONS) == {"saddle_numbness", "bladder_bowel_change", "both_legs", "worsening_weakness"}
    assert set(SEE_SOON_QUESTIONS) == {
        "fever_or_unwell", "cancer_history", "major_trauma", "steroids_or_weak_immunity", "over_70_new_pain",
        "night_or_rest_pain", "leg_pain_below_knee", "numbness_tingling", "leg_weakness", "keeps_coming_back",
        "longer_than_2_weeks",
    }


def test_no_answers_or_all_no_is_self_care():
    assert assess({}) is Outcome.SELF_CARE
    assert assess({q: False for q in QUESTIONS}) is Outcome.SELF_CARE


@pytest.mark.parametrize("question", EMERGENCY_QUESTIONS)
def test_each_emergency_question_alone_is_emergency(question):
    assert assess({question: True}) is Outcome.EMERGENCY


@pytest.mark.parametrize("question", SEE_SOON_QUESTIONS)
def test_each_see_soon_question_alone_is_see_soon(question):
    assert assess({question: True}) is Outcome.SEE_SOON


@pytest.mark.parametrize("question", EMERGENCY_QUESTIONS)
def test_red_flags_win_over_every_other_yes(question):
    answers = {q: True for q in SEE_SOON_QUESTIONS} | {question: True}
    assert assess(answers) is Outcome.EMERGENCY


def test_unknown_id_raises_naming_it():
    with pytest.raises(ValueError, match="saddle_numbnes"):
        assess({"saddle_numbnes": True})


@pytest.mark.parametrize("bad", ["yes", 1, 0, None, "False"])
def test_non_bool_value_raises_naming_the_question(bad):
    with pytest.raises(ValueError, match="both_legs"):
        assess({"both_legs": bad})


def test_reasons_list_what_led_to_the_outcome_in_question_order():
    answers = {"leg_weakness": True, "fever_or_unwell": True, "cancer_history": False}
    assert reasons(answers) == ["fever_or_unwell", "leg_weakness"]
    assert reasons(answers | {"both_legs": True}) == ["both_legs"]
    assert reasons({"fever_or_unwell": False}) == []


def test_groups_put_emergency_first_and_hold_two_to_four_questions():
    assert GROUPS[0][1] == EMERGENCY_QUESTIONS
    assert all(2 <= len(questions) <= 4 for _, questions in GROUPS)
    flat = [q for _, questions in GROUPS for q in questions]
    assert sorted(flat) == sorted(QUESTIONS) and len(flat) == len(set(flat))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_question_and_group_has_wording(lang):
    strings = CONTENT.catalog[lang]
    for question in QUESTIONS:
        for field in ("text", "help", "reason"):
            assert strings.get(f"self_check.questions.{question}.{field}"), (lang, question, field)
    for group_id, _ in GROUPS:
        assert strings.get(f"self_check.groups.{group_id}")
        assert strings.get(f"self_check.groups_intro.{group_id}")
    worded = {k.split(".")[2] for k in strings if k.startswith("self_check.questions.")}
    assert worded == set(QUESTIONS)  # no wording for a question the rules do not know


answer_maps = st.dictionaries(st.sampled_from(QUESTIONS), st.booleans())


@given(answers=answer_maps, extra=st.sampled_from(QUESTIONS))
def test_one_more_yes_never_lowers_the_outcome(answers, extra):
    before = assess(answers)
    after = assess({**answers, extra: True})
    assert after.urgency >= before.urgency


@given(answers=answer_maps)
def test_missing_answers_count_as_no(answers):
    filled = {q: answers.get(q, False) for q in QUESTIONS}
    assert assess(answers) is assess(filled)
