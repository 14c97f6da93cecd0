"""The self-check rules: four levels as on the NHS back-pain page, red flags
always win, missing means no, typos are loud."""
import tomllib

import pytest
from hypothesis import given, strategies as st

from explainer import ASSETS
from explainer.content import Content
from explainer.triage import (
    EMERGENCY_QUESTIONS,
    GROUPS,
    LEVEL_OF,
    LEVEL_SOURCES,
    QUESTIONS,
    SEE_SOON_QUESTIONS,
    URGENT_QUESTIONS,
    Outcome,
    assess,
    is_final,
    reasons,
)

CONTENT = Content.load()

EXPECTED = {
    Outcome.EMERGENCY: {"saddle_numbness", "bladder_bowel_change", "both_legs", "worsening_weakness", "chest_pain", "major_trauma"},
    Outcome.URGENT: {"fever_or_unwell", "weight_loss", "cancer_history", "steroids_or_weak_immunity", "night_or_rest_pain",
                     "worse_with_cough_sneeze", "back_lump_or_shape_change", "upper_back_pain"},
    Outcome.SEE_SOON: {"over_70_new_pain", "leg_pain_below_knee", "numbness_tingling", "leg_weakness", "keeps_coming_back",
                       "longer_than_2_weeks", "stops_daily_activities"},
}
ALL_AT_LEVEL = [(q, level) for level, questions in EXPECTED.items() for q in sorted(questions)]


def test_outcome_values_are_exactly_the_four_levels_in_order():
    assert [o.value for o in sorted(Outcome, key=lambda o: o.urgency)] == ["self_care", "see_soon", "urgent", "emergency"]


def test_question_ids_are_exactly_the_clinical_lists():
    assert set(EMERGENCY_QUESTIONS) == EXPECTED[Outcome.EMERGENCY]
    assert set(URGENT_QUESTIONS) == EXPECTED[Outcome.URGENT]
    assert set(SEE_SOON_QUESTIONS) == EXPECTED[Outcome.SEE_SOON]
    assert len(QUESTIONS) == len(set(QUESTIONS)) == 21


@pytest.mark.parametrize("question, level", ALL_AT_LEVEL)
def test_each_question_alone_gives_its_level(question, level):
    assert assess({question: True}) is level
    assert LEVEL_OF[question] is level
    assert reasons({question: True}) == [question]


def test_no_answers_or_all_no_is_self_care():
    assert assess({}) is Outcome.SELF_CARE
    assert assess({q: False for q in QUESTIONS}) is Outcome.SELF_CARE
    assert reasons({q: False for q in QUESTIONS}) == []


@pytest.mark.parametrize("question", EMERGENCY_QUESTIONS)
def test_red_flags_win_over_every_other_yes(question):
    answers = {q: True for q in URGENT_QUESTIONS + SEE_SOON_QUESTIONS} | {question: True}
    assert assess(answers) is Outcome.EMERGENCY
    assert reasons(answers) == [question]


@pytest.mark.parametrize("question", URGENT_QUESTIONS)
def test_urgent_wins_over_see_soon(question):
    answers = {q: True for q in SEE_SOON_QUESTIONS} | {question: True}
    assert assess(answers) is Outcome.URGENT
    assert reasons(answers) == [question]


def test_unknown_id_raises_naming_it():
    with pytest.raises(ValueError, match="saddle_numbnes"):
        assess({"saddle_numbnes": True})
    with pytest.raises(ValueError, match="chest_pains"):
        reasons({"chest_pains": False})


@pytest.mark.parametrize("bad", ["yes", 1, 0, None, "False", 1.0])
def test_non_bool_value_raises_naming_the_question(bad):
    with pytest.raises(ValueError, match="both_legs"):
        assess({"both_legs": bad})


def test_reasons_list_the_winning_level_in_question_order():
    answers = {"leg_weakness": True, "upper_back_pain": True, "fever_or_unwell": True, "cancer_history": False}
    assert reasons(answers) == ["fever_or_unwell", "upper_back_pain"]
    assert reasons(answers | {"chest_pain": True, "both_legs": True}) == ["both_legs", "chest_pain"]
    assert reasons({"leg_weakness": True, "over_70_new_pain": True}) == ["over_70_new_pain", "leg_weakness"]


def test_result_is_final_once_nothing_unanswered_could_raise_it():
    assert is_final({"chest_pain": True})  # emergency: at once
    no_red_flags = {q: False for q in EMERGENCY_QUESTIONS}
    assert not is_final({"fever_or_unwell": True})  # a red flag may still come
    assert is_final(no_red_flags | {"fever_or_unwell": True})
    assert not is_final(no_red_flags | {"leg_weakness": True})  # an urgent sign may still come
    assert not is_final({q: False for q in QUESTIONS if q != "stops_daily_activities"})
    assert is_final({q: False for q in QUESTIONS})


def test_screens_put_every_emergency_question_first_in_small_groups():
    assert len(GROUPS) == 6
    first_two = [q for _, questions in GROUPS[:2] for q in questions]
    assert sorted(first_two) == sorted(EMERGENCY_QUESTIONS)
    assert all(3 <= len(questions) <= 4 for _, questions in GROUPS)
    flat = [q for _, questions in GROUPS for q in questions]
    assert sorted(flat) == sorted(QUESTIONS) and len(flat) == len(set(flat))


def test_each_level_names_its_sources_and_they_exist():
    with (ASSETS / "sources.toml").open("rb") as fh:
        known = {s["id"] for s in tomllib.load(fh)["source"]}
    # NICE NG59 does not list the cauda equina signs: the NHS pages are cited for them.
    assert LEVEL_SOURCES[Outcome.EMERGENCY] == ("nhs_back_pain", "nhs_ces")
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
