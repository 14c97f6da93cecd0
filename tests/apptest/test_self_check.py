"""/self-check: answering paths to each outcome, in both languages and modes,
from the page file alone and via app.py."""
import logging

import pytest

from explainer.content import Content
from explainer.sitemap import BY_ID
from explainer.triage import EMERGENCY_QUESTIONS, GROUPS
from tests.apptest.helpers import all_text, run_page

CONTENT = Content.load()
P = "self_check"


def tap(at, key):
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]


def screen(at) -> int:
    return at.session_state["triage_screen"] if "triage_screen" in at.session_state else 0


def answer_screen(at, yes=(), then_next=True):
    _, questions = GROUPS[screen(at)]
    for question in questions:
        tap(at, f"{P}_{question}_{'yes' if question in yes else 'no'}")
    if then_next:
        tap(at, f"{P}_next")


def answer_all(at, yes=()):
    for _ in GROUPS:
        answer_screen(at, yes)


def links(at) -> str:
    """Page links (via app.py) and fallback links (page file alone) as text."""
    found = [f"{el.proto.label} {el.proto.page}" for el in at.get("page_link")]
    found += [str(el.value) for el in at.markdown if "fallback-link" in str(el.value)]  # href="/care?lang=..."
    return "\n".join(found)


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_opens_on_emergency_questions_with_progress(via_app, lang_mode):
    lang, mode = lang_mode
    at = run_page(P, lang, mode, via_app=via_app)
    t = CONTENT.for_language(lang)
    assert at.title[0].value == t(f"{P}.title")
    assert at.get("progress")[0].proto.text == t(f"{P}.progress", part=1, total=len(GROUPS))
    text = all_text(at)
    for question in EMERGENCY_QUESTIONS:
        assert t(f"{P}.questions.{question}.text") in text
        assert at.button(key=f"{P}_{question}_yes").label == t(f"{P}.yes")
    assert at.button(key=f"{P}_next").disabled  # every question needs an answer first
    assert "self_check_back" not in [b.key for b in at.button]  # nothing to go back to yet


@pytest.mark.parametrize("question", EMERGENCY_QUESTIONS)
def test_any_emergency_yes_shows_emergency_at_once(question, lang_mode):
    lang, mode = lang_mode
    at = run_page(P, lang, mode)
    t = CONTENT.for_language(lang)
    tap(at, f"{P}_{question}_yes")
    assert at.header[0].value == t(f"{P}.outcomes.emergency.heading")
    assert "911" in at.error[0].value
    text = all_text(at)
    assert t(f"{P}.questions.{question}.reason") in text
    assert t(f"{P}.not_diagnosis") in text
    assert f"{P}_next" not in [b.key for b in at.button]  # no need to finish the rest


def test_emergency_on_a_later_screen_too_after_going_back():
    at = run_page(P)
    answer_screen(at)
    answer_screen(at, yes={"fever_or_unwell"}, then_next=False)
    tap(at, f"{P}_back")
    assert screen(at) == 0
    tap(at, f"{P}_both_legs_yes")
    assert at.header[0].value == CONTENT.text("en", f"{P}.outcomes.emergency.heading")


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_see_soon_lists_the_answers_that_led_there(via_app, lang_mode):
    lang, mode = lang_mode
    t = CONTENT.for_language(lang)
    at = run_page(P, lang, mode, via_app=via_app)
    answer_all(at, yes={"over_70_new_pain", "numbness_tingling"})
    assert at.header[0].value == t(f"{P}.outcomes.see_soon.heading")
    assert t(f"{P}.outcomes.see_soon.body") in at.warning[0].value
    text = all_text(at)
    assert t(f"{P}.questions.over_70_new_pain.reason") in text
    assert t(f"{P}.questions.numbness_tingling.reason") in text
    assert t(f"{P}.questions.fever_or_unwell.reason") not in text
    assert t(f"{P}.not_diagnosis") in text
    assert not at.error


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_self_care_links_to_care_and_says_when_to_come_back(via_app, lang_mode):
    lang, mode = lang_mode
    t = CONTENT.for_language(lang)
    at = run_page(P, lang, mode, via_app=via_app)
    answer_all(at)
    assert at.header[0].value == t(f"{P}.outcomes.self_care.heading")
    assert at.success
    text = all_text(at)
    for item in t.items("care.come_back"):
        assert item in text
    assert t(f"{P}.not_diagnosis") in text
    label = t(f"{P}.outcomes.self_care.care_link")
    assert any(label in link and ("/care?" in link or link.endswith(" care")) for link in links(at).splitlines())


def test_progress_moves_and_back_keeps_answers():
    at = run_page(P)
    answer_screen(at)
    assert screen(at) == 1
    assert at.get("progress")[0].proto.text == "Part 2 of 4"
    tap(at, f"{P}_back")
    assert screen(at) == 0
    assert at.button(key=f"{P}_saddle_numbness_no").label.startswith("✓")
    assert not at.button(key=f"{P}_next").disabled


def test_back_from_outcome_returns_to_the_last_questions():
    at = run_page(P)
    answer_all(at)
    assert at.success
    tap(at, f"{P}_back")
    assert screen(at) == len(GROUPS) - 1 and not at.success
    tap(at, f"{P}_leg_weakness_yes")
    tap(at, f"{P}_next")
    assert at.header[0].value == CONTENT.text("en", f"{P}.outcomes.see_soon.heading")


def test_start_over_clears_every_answer():
    at = run_page(P, "es")
    answer_screen(at)
    answer_screen(at, yes={"cancer_history"})
    tap(at, f"{P}_start_over")
    assert "triage_answers" not in at.session_state
    assert screen(at) == 0
    assert not any(b.label.startswith("✓") for b in at.button if b.key.startswith(f"{P}_") and b.key.endswith(("_yes", "_no")))
    # from an outcome too
    tap(at, f"{P}_both_legs_yes")
    tap(at, f"{P}_start_over")
    assert "triage_answers" not in at.session_state and not at.error


def test_changing_an_answer_shows_the_choice_in_words():
    at = run_page(P)
    tap(at, f"{P}_both_legs_no")
    assert CONTENT.text("en", f"{P}.your_answer_no") in [c.value for c in at.caption]
    assert at.button(key=f"{P}_both_legs_no").label == "✓ No"


def test_answers_survive_visiting_another_page_via_app():
    at = run_page(P, via_app=True)
    answer_screen(at)
    at.switch_page("pages/home.py").run()
    at.switch_page(BY_ID["self_check"].file).run()
    assert screen(at) == 1 and not at.exception


def test_answers_are_never_logged(caplog):
    caplog.set_level(logging.DEBUG)
    at = run_page(P)
    answer_all(at, yes={"cancer_history"})
    logged = caplog.text
    assert "cancer_history" not in logged and "triage" not in logged
