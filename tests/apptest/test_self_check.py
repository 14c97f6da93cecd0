"""/self-check: every way to each of the four outcomes, in both languages and
modes, from the page file alone and via app.py; the 911 signs on every result
but the emergency one; "None of these"; the front-desk alert (once per level
per session, never in staff mode) and the held kiosk screen."""
import json
import logging

import pytest

from explainer.alerts import REGISTRY, Level
from explainer.content import Content
from explainer.sitemap import BY_ID
from explainer.triage import EMERGENCY_QUESTIONS, GROUPS, LEVEL_SOURCES, Outcome
from tests.apptest.helpers import all_text, ok, raw_text, run_page

CONTENT = Content.load()
P = "self_check"
SCREEN_OF = {q: index for index, (_, questions) in enumerate(GROUPS) for q in questions}


pytestmark = pytest.mark.usefixtures("empty_alert_registry")


def tap(at, key):
    return ok(at.button(key=key).click().run())


def answer(at, question, yes):
    return ok(at.button_group(key=f"{P}_q_{question}").set_value("yes" if yes else "no").run())


def screen(at) -> int:
    return at.session_state["triage_screen"] if "triage_screen" in at.session_state else 0


def none_until(at, index):
    """Tap "None of these" until screen ``index`` shows."""
    while screen(at) < index:
        tap(at, f"{P}_none")


def answer_screen(at, yes=()):
    """Answer every question on the current screen (yes to those in ``yes``), then Next."""
    for question in GROUPS[screen(at)][1]:
        answer(at, question, question in yes)
    return tap(at, f"{P}_next")


def idle_data(at) -> dict | None:
    watch = [el for el in at.main if getattr(el, "type", None) == "bidi_component"
             and el.proto.component_name == "back_spasm_idle_watch"]
    return json.loads(watch[0].proto.json) if watch else None


def reach(at, outcome: Outcome):
    """Tap the shortest honest way to ``outcome``."""
    if outcome is Outcome.EMERGENCY:
        return answer(at, "bladder_bowel_change", True)
    if outcome is Outcome.URGENT:
        none_until(at, 2)
        return answer_screen(at, yes={"weight_loss"})
    if outcome is Outcome.SEE_SOON:
        none_until(at, 5)
        return answer_screen(at, yes={"over_70_new_pain"})
    none_until(at, len(GROUPS) - 1)
    return tap(at, f"{P}_none")


def assert_911_signs(at, t, present: bool):
    text = all_text(at)
    signs = t.items("emergency.signs")
    assert len(signs) == 6
    if present:
        assert t("emergency.heading") in text
        assert all(sign in text for sign in signs)
    else:
        assert t("emergency.heading") not in text


def assert_sources(at, t, outcome: Outcome):
    captions = [c.value for c in at.caption]
    expected = "; ".join(t(f"{P}.sources.{outcome.value}.{s}") for s in LEVEL_SOURCES[outcome])
    assert f"{t(f'{P}.where_from')} {expected}." in captions


# -- questions ----------------------------------------------------------------
@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_opens_on_the_first_warning_signs_with_progress(via_app, lang_mode):
    lang, mode = lang_mode
    at = run_page(P, lang, mode, via_app=via_app)
    t = CONTENT.for_language(lang)
    assert at.title[0].value == t(f"{P}.title")
    assert at.get("progress")[0].proto.text == t(f"{P}.progress", part=1, total=len(GROUPS))
    text = all_text(at)
    for question in GROUPS[0][1]:
        assert question in EMERGENCY_QUESTIONS
        assert t(f"{P}.questions.{question}.text") in text
        assert t(f"{P}.questions.{question}.help") in text
        control = at.button_group(key=f"{P}_q_{question}")
        assert control.options == [t(f"{P}.yes"), t(f"{P}.no")] and control.value is None
    assert at.button(key=f"{P}_next").disabled
    assert t(f"{P}.answer_all") in text  # the reason Next cannot be used yet
    assert at.button(key=f"{P}_none").label == t(f"{P}.none_of_these")
    assert f"{P}_back" not in [b.key for b in at.button]


def test_none_of_these_answers_no_to_the_screen_and_moves_on():
    at = run_page(P)
    answer(at, "both_legs", False)
    tap(at, f"{P}_none")
    assert screen(at) == 1
    assert at.session_state["triage_answers"] == {q: False for q in GROUPS[0][1]}
    assert at.get("progress")[0].proto.text == "Part 2 of 6"
    # Every answer can still be changed: Back shows them as No, and a Yes on this screen hides "None of these".
    tap(at, f"{P}_back")
    assert all(at.button_group(key=f"{P}_q_{q}").value == "no" for q in GROUPS[0][1])
    tap(at, f"{P}_next")
    answer(at, "worsening_weakness", False)
    assert f"{P}_none" in [b.key for b in at.button]
    tap(at, f"{P}_none")
    answer(at, "weight_loss", True)
    assert f"{P}_none" not in [b.key for b in at.button]  # it would erase a Yes


def test_next_works_only_once_every_question_has_an_answer():
    at = run_page(P)
    for question in GROUPS[0][1][:-1]:
        answer(at, question, False)
        assert at.button(key=f"{P}_next").disabled
    answer(at, GROUPS[0][1][-1], False)
    assert not at.button(key=f"{P}_next").disabled
    assert CONTENT.text("en", f"{P}.answer_all") not in all_text(at)


@pytest.mark.parametrize("question", EMERGENCY_QUESTIONS)
def test_any_emergency_yes_shows_the_emergency_result_at_once(question, lang_mode):
    lang, mode = lang_mode
    t = CONTENT.for_language(lang)
    at = run_page(P, lang, mode)
    none_until(at, SCREEN_OF[question])
    answer(at, question, True)
    assert at.header[0].value.endswith(t(f"{P}.outcomes.emergency.heading"))
    assert at.header[0].value.startswith(":material/warning:")  # a real warning icon
    errors = [e.value for e in at.error]
    assert f"**{t(f'{P}.outcomes.emergency.call')}**" in errors
    assert f"**{t(f'{P}.outcomes.emergency.front_desk')}**" in errors  # the same weight as 911
    text = all_text(at)
    assert t(f"{P}.questions.{question}.reason") in text
    assert t(f"{P}.not_diagnosis") in text
    assert_sources(at, t, Outcome.EMERGENCY)
    assert_911_signs(at, t, present=False)  # the result itself is "call 911"
    assert f"{P}_next" not in [b.key for b in at.button]


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_urgent_says_a_medical_doctor_today_and_why(via_app, lang_mode):
    lang, mode = lang_mode
    t = CONTENT.for_language(lang)
    at = run_page(P, lang, mode, via_app=via_app)
    none_until(at, 2)
    for question in GROUPS[2][1]:
        answer(at, question, question == "cancer_history")
    assert at.button(key=f"{P}_next").label == t(f"{P}.see_result")  # nothing later can change it
    tap(at, f"{P}_next")
    assert at.header[-1].value.endswith(t(f"{P}.outcomes.urgent.heading"))
    assert t(f"{P}.outcomes.urgent.body") in at.warning[-1].value
    assert t(f"{P}.outcomes.urgent.closed") in at.warning[-1].value  # office closed: urgent care
    text = all_text(at)
    assert t(f"{P}.outcomes.urgent.why") in text  # possible infection, cancer or fracture: a medical doctor today
    assert t(f"{P}.questions.cancer_history.reason") in text
    assert t(f"{P}.questions.weight_loss.reason") not in text
    assert t(f"{P}.not_diagnosis") in text
    assert_sources(at, t, Outcome.URGENT)
    assert_911_signs(at, t, present=True)
    assert not at.error


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_see_soon_gives_a_timeframe_and_the_reasons(via_app, lang_mode):
    lang, mode = lang_mode
    t = CONTENT.for_language(lang)
    at = run_page(P, lang, mode, via_app=via_app)
    none_until(at, 4)
    answer_screen(at, yes={"numbness_tingling"})  # nothing later can raise it: straight to the result
    assert at.header[-1].value.endswith(t(f"{P}.outcomes.see_soon.heading"))
    assert t(f"{P}.outcomes.see_soon.body") in at.info[0].value
    text = all_text(at)
    assert t(f"{P}.questions.numbness_tingling.reason") in text
    assert t(f"{P}.questions.leg_weakness.reason") not in text
    assert t(f"{P}.not_diagnosis") in text
    assert_sources(at, t, Outcome.SEE_SOON)
    assert_911_signs(at, t, present=True)
    assert not REGISTRY.active()  # the desk is only called for emergency and urgent


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_self_care_links_to_care_says_when_to_come_back_and_lists_911_signs(via_app, lang_mode):
    lang, mode = lang_mode
    t = CONTENT.for_language(lang)
    at = run_page(P, lang, mode, via_app=via_app)
    reach(at, Outcome.SELF_CARE)
    assert at.header[-1].value.endswith(t(f"{P}.outcomes.self_care.heading"))
    assert at.success[0].value == t(f"{P}.outcomes.self_care.body")
    text = all_text(at)
    # When to come back: the next-few-days signs and the see-a-doctor-today signs (fever among them).
    for key in ("emergency.soon_heading", "emergency.today_heading"):
        assert t(key) in text
    for item in t.items("emergency.soon_signs") + t.items("emergency.today_signs"):
        assert item in text
    assert t(f"{P}.not_diagnosis") in text
    assert_sources(at, t, Outcome.SELF_CARE)
    assert_911_signs(at, t, present=True)
    label = t(f"{P}.outcomes.self_care.care_link")
    links = [f"{el.proto.label} {el.proto.page}" for el in at.get("page_link")]
    links += [str(el.value) for el in at.markdown if "fallback-link" in str(el.value)]
    assert any(label in link and ("/care?" in link or link.endswith("care")) for link in links), links


@pytest.mark.parametrize("outcome", [Outcome.URGENT, Outcome.SEE_SOON, Outcome.SELF_CARE])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_911_signs_end_every_other_result(outcome, lang):
    t = CONTENT.for_language(lang)
    at = reach(run_page(P, lang), outcome)
    markdown = [str(m.value) for m in at.markdown]
    heading_at = next(i for i, m in enumerate(markdown) if t("emergency.heading") in m)
    assert all(sign in markdown[heading_at + 1] for sign in t.items("emergency.signs"))
    # Nothing but the source line follows it, before Back and Start over.
    assert not any(t(f"{P}.outcomes.{outcome.value}.heading") in m for m in markdown[heading_at:])


def test_progress_moves_and_back_keeps_answers():
    at = run_page(P)
    answer_screen(at)
    assert screen(at) == 1
    assert at.get("progress")[0].proto.text == "Part 2 of 6"
    tap(at, f"{P}_back")
    assert screen(at) == 0
    assert at.button_group(key=f"{P}_q_saddle_numbness").value == "no"
    assert not at.button(key=f"{P}_next").disabled


def test_back_from_a_result_returns_to_its_screen_and_a_red_flag_still_wins():
    at = reach(run_page(P), Outcome.SEE_SOON)
    tap(at, f"{P}_back")
    assert screen(at) == len(GROUPS) - 1 and "triage_done" in at.session_state and not at.session_state["triage_done"]
    for _ in range(len(GROUPS) - 1):
        tap(at, f"{P}_back")
    answer(at, "saddle_numbness", True)
    assert at.header[0].value.endswith(CONTENT.text("en", f"{P}.outcomes.emergency.heading"))


def test_start_over_clears_every_answer():
    at = run_page(P, "es")
    answer_screen(at)
    answer_screen(at)
    answer(at, "cancer_history", True)
    tap(at, f"{P}_start_over")
    assert "triage_answers" not in at.session_state and screen(at) == 0
    assert all(at.button_group(key=f"{P}_q_{q}").value is None for q in GROUPS[0][1])
    answer(at, "both_legs", True)  # from a result too
    tap(at, f"{P}_start_over")
    assert "triage_answers" not in at.session_state and not at.error


def test_answers_survive_visiting_another_page_via_app():
    at = run_page(P, via_app=True)
    answer_screen(at, yes=())
    answer(at, "chest_pain", False)
    at.switch_page("pages/home.py").run()
    at.switch_page(BY_ID["self_check"].file).run()
    assert screen(at) == 1 and not at.exception
    assert at.button_group(key=f"{P}_q_chest_pain").value == "no"


def test_answers_are_never_logged(caplog):
    caplog.set_level(logging.DEBUG)
    at = run_page(P)
    reach(at, Outcome.URGENT)
    assert "weight_loss" not in caplog.text and "triage" not in caplog.text


# -- the front desk -------------------------------------------------------------
def test_an_alert_is_raised_once_per_level_per_session():
    at = run_page(P, kiosk="Waiting room 2")
    reach(at, Outcome.URGENT)
    alerts = REGISTRY.active()
    assert [(a.kiosk, a.level) for a in alerts] == [("Waiting room 2", Level.URGENT)]
    ok(at.run())
    ok(at.run())
    tap(at, f"{P}_back")
    tap(at, f"{P}_next")
    assert len(REGISTRY.active()) == 1  # not on every rerun, not again for urgent
    # The same person then reports a red flag: the emergency is raised too, once.
    tap(at, f"{P}_back")
    tap(at, f"{P}_back")  # the result, then screen 3 of 6, back to screen 2: chest pain
    answer(at, "chest_pain", True)
    assert [a.level for a in REGISTRY.active()] == [Level.EMERGENCY, Level.URGENT]
    tap(at, f"{P}_back")
    answer(at, "chest_pain", False)
    answer(at, "chest_pain", True)
    assert len(REGISTRY.active()) == 2
    # Start over begins a fresh check (maybe the next person): a red flag alerts the desk again,
    # and an old "I'm on it" is not shown to them.
    REGISTRY.acknowledge(REGISTRY.active()[0].id)
    tap(at, f"{P}_start_over")
    answer(at, "saddle_numbness", True)
    assert [a.acknowledged for a in REGISTRY.active()] == [False, True, False]
    assert CONTENT.text("en", f"{P}.held.desk_knows") not in all_text(at)


@pytest.mark.parametrize("outcome", [Outcome.EMERGENCY, Outcome.URGENT])
def test_staff_mode_raises_no_alert_and_holds_nothing(outcome):
    at = reach(run_page(P, "es", "staff"), outcome)
    assert REGISTRY.active() == []
    assert idle_data(at) is None
    assert CONTENT.text("es", f"{P}.held.show_desk") not in all_text(at)


def test_see_soon_and_self_care_raise_nothing():
    reach(run_page(P), Outcome.SEE_SOON)
    reach(run_page(P), Outcome.SELF_CARE)
    assert REGISTRY.active() == []


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("outcome", [Outcome.EMERGENCY, Outcome.URGENT])
def test_held_kiosk_result_shows_the_desk_then_that_someone_is_coming(outcome, lang):
    t = CONTENT.for_language(lang)
    at = reach(run_page(P, lang), outcome)
    show = t(f"{P}.outcomes.emergency.front_desk") if outcome is Outcome.EMERGENCY else t(f"{P}.held.show_desk")
    text = all_text(at)
    assert show in text and t(f"{P}.held.desk_knows") not in text
    (alert,) = REGISTRY.active()
    REGISTRY.acknowledge(alert.id)  # a desk taps "I'm on it"
    ok(at.run())  # in a browser the held screen's fragment reruns the page within 2 s
    text = all_text(at)
    assert t(f"{P}.held.desk_knows") in text and show not in text
    assert len(REGISTRY.active()) == 1


def test_held_result_uses_the_alert_hold_instead_of_the_idle_time():
    at = run_page(P)
    assert idle_data(at)["idle_ms"] == 90_000
    reach(at, Outcome.URGENT)
    assert idle_data(at)["idle_ms"] == 300_000 and idle_data(at)["warn_ms"] == 20_000  # clinic.toml: 300 s
    tap(at, f"{P}_back")
    assert idle_data(at)["idle_ms"] == 90_000
    answer(at, "fever_or_unwell", True)
    tap(at, f"{P}_next")
    assert idle_data(at)["idle_ms"] == 300_000
    tap(at, f"{P}_start_over")
    assert idle_data(at)["idle_ms"] == 90_000
    answer(at, "saddle_numbness", True)
    assert idle_data(at)["idle_ms"] == 300_000  # an emergency yes holds at once


def test_the_hold_applies_only_on_the_self_check_page():
    at = run_page(P, via_app=True)
    answer(at, "saddle_numbness", True)
    assert idle_data(at)["idle_ms"] == 300_000
    at.switch_page("pages/sources.py").run()
    assert idle_data(at)["idle_ms"] == 90_000  # another page: the usual idle time
    at.switch_page(BY_ID["self_check"].file).run()
    assert idle_data(at)["idle_ms"] == 300_000  # back on the held result


def test_a_bad_kiosk_name_falls_back_and_never_reaches_the_page():
    at = run_page(P, kiosk="<img src=x onerror=alert(1)>")
    reach(at, Outcome.EMERGENCY)
    assert [a.kiosk for a in REGISTRY.active()] == ["Kiosk"]
    assert "onerror" not in raw_text(at)  # not even as escaped text: the name never reaches the page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_privacy_line_says_what_reaches_the_desk_only_where_the_desk_is_told(lang):
    """On a kiosk an emergency or urgent result alerts the front desk, so the kiosk's
    privacy line says so (and that the desk never sees the answers); in staff mode no
    alert is raised and the plain line shows."""
    kiosk = all_text(run_page(P, lang, "kiosk"))
    staff = all_text(run_page(P, lang, "staff"))
    assert CONTENT.text(lang, f"{P}.privacy_kiosk") in kiosk
    assert CONTENT.text(lang, f"{P}.privacy_kiosk") not in staff
    assert CONTENT.text(lang, f"{P}.privacy") in staff
