"""/self-check: every way to each of the four outcomes, in both languages and
modes, from the page file alone and via app.py; the "get help now" lists on
every result but the emergency one; "None of these" and "Not sure"; the
front-desk alert (once per level per session, never in staff mode) and the
held kiosk screen; nothing of one person's check carried to the next; one way on.

Expected levels and patient wording come from the literal tables below (a
reviewed copy), never from explainer.self_check.triage or the content under test: a
demoted red flag or a reworded emergency action fails here.
"""
import json
import logging

import pytest

from explainer.common.alerts import REGISTRY, Level
from explainer.common.content import Content
from explainer.common.sitemap import BY_ID
from tests.apptest.helpers import all_text, ok, raw_text, readable, run_page

CONTENT = Content.load()
P = "self_check"

# -- the reviewed literal tables ---------------------------------------------------
#: The screens, in order (emergency signs first, the legs before the risks).
LITERAL_SCREENS = (
    ("saddle_numbness", "bladder_bowel_change", "both_legs", "worsening_weakness"),
    ("chest_pain", "sudden_severe_pain", "major_trauma"),
    ("leg_pain_below_knee", "numbness_tingling", "leg_weakness"),
    ("fever_or_unwell", "weight_loss", "cancer_history", "steroids_or_weak_immunity"),
    ("infection_risk", "fracture_risk"),
    ("night_or_rest_pain", "worse_with_cough_sneeze", "back_lump_or_shape_change", "upper_back_pain"),
    ("over_70_new_pain", "longer_than_2_weeks", "stops_daily_activities", "very_bad_or_worsening"),
)
SCREEN_OF = {q: index for index, questions in enumerate(LITERAL_SCREENS) for q in questions}
LAST = len(LITERAL_SCREENS) - 1
CALL_911 = ("chest_pain", "sudden_severe_pain", "major_trauma")
EMERGENCY_ROOM = ("saddle_numbness", "bladder_bowel_change", "both_legs", "worsening_weakness")
URGENT = ("fever_or_unwell", "weight_loss", "cancer_history", "steroids_or_weak_immunity", "infection_risk",
          "fracture_risk", "night_or_rest_pain", "worse_with_cough_sneeze", "back_lump_or_shape_change", "upper_back_pain")
SEE_SOON = ("over_70_new_pain", "leg_pain_below_knee", "numbness_tingling", "leg_weakness", "longer_than_2_weeks",
            "stops_daily_activities", "very_bad_or_worsening")
RISKS = ("fever_or_unwell", "infection_risk", "cancer_history", "steroids_or_weak_immunity", "weight_loss")
NEW_LEG_SIGNS = ("numbness_tingling", "leg_weakness")

LITERAL = {
    "en": {
        "options": ["Yes", "No", "Not sure"],
        "page_1": "Page 1 of 7", "page_2": "Page 2 of 7",
        "emergency": "Get help now", "urgent": "See a medical doctor today",
        "see_soon": "Ask to be seen in the next few days", "self_care": "Care for your back at home",
        "call_911": "Call 911 now.",
        "emergency_room": "Go to the emergency room now.",
        "dont_drive": "Do not drive yourself. Ask someone to take you. If you cannot get there, call 911.",
        "front_desk": "Show this screen to the front desk now.",
        "why_combination": "You have a sign that can raise the risk of an infection or a cancer. "
                           "You also have new numbness or weakness in a leg. Together, these need care right away.",
        "urgent_why": "Most of the time this is not serious. But a medical doctor should check you today.",
        "urgent_route": "If you have no doctor or the office is closed, go to urgent care today.",
        "urgent_very_ill": "If you feel very ill, go to the emergency room.",
        "unsure_help": "You were not sure about some questions. Ask the front desk to help you decide.",
        "call_911_heading": "Call 911 now if you have back pain and:",
        "er_heading": "Go to the emergency room now if you have back pain and:",
        "both_legs_text": "Since this back pain began, are both legs newly numb, weak, tingly or in pain?",
        "bladder_text": "Is it new for you to find it hard to pee, or to leak pee or poop?",
        "trauma_text": "Did this pain start after a bad accident in the last few days?",
        "home": "Go to Home",
    },
    "es": {
        "options": ["Sí", "No", "No sé"],
        "page_1": "Página 1 de 7", "page_2": "Página 2 de 7",
        "emergency": "Busque ayuda ya", "urgent": "Vea a un médico hoy",
        "see_soon": "Pida una cita para los próximos días", "self_care": "Cuide su espalda en casa",
        "call_911": "Llame al 911 ahora.",
        "emergency_room": "Vaya a la sala de emergencias ahora.",
        "dont_drive": "No maneje usted. Pida a otra persona que maneje. Si no puede llegar, llame al 911.",
        "front_desk": "Muestre esta pantalla en la recepción ahora.",
        "why_combination": "Tiene una señal que puede subir el riesgo de una infección o un cáncer. También tiene "
                           "una pierna dormida o débil, y es nuevo. Juntas, estas señales necesitan atención ya.",
        "urgent_why": "Casi siempre no es nada grave. Pero necesita una revisión médica hoy.",
        "urgent_route": "Si no tiene médico, o el consultorio está cerrado, vaya hoy a un centro de atención "
                        "inmediata (urgent care).",
        "urgent_very_ill": "Si se siente muy mal, vaya a la sala de emergencias.",
        "unsure_help": "Hubo preguntas que no supo contestar. Pida ayuda en la recepción para decidir.",
        "call_911_heading": "Llame al 911 ahora si tiene dolor de espalda y:",
        "er_heading": "Vaya a la sala de emergencias ahora si tiene dolor de espalda y:",
        "both_legs_text": "Desde que empezó este dolor de espalda, ¿tiene dolor, hormigueo, debilidad o piel "
                          "dormida nueva en las dos piernas?",
        "bladder_text": "¿Es nuevo que le cueste orinar, o que se le salga la orina o las heces sin querer?",
        "trauma_text": "¿Le empezó este dolor después de un accidente grave en los últimos días?",
        "home": "Ir al inicio",
    },
}
#: Sources named under each result (the short names live in content; the ids are the rule's).
LITERAL_SOURCES = {
    "emergency": ("nhs_back_pain", "nhs_ces", "nice_cks_back_pain", "nice_ng234"),
    "urgent": ("nhs_back_pain", "nice_cks_back_pain"),
    "see_soon": ("nhs_back_pain", "henschke2009", "nice_ng59"),
    "self_care": ("nhs_back_pain",),
}

pytestmark = pytest.mark.usefixtures("empty_alert_registry")


# -- taps ----------------------------------------------------------------------------
def tap(at, key):
    return ok(at.button(key=key).click().run())


WORD = {True: "yes", False: "no", "unsure": "unsure"}


def answer(at, question, value):
    return ok(at.button_group(key=f"{P}_q_{question}").set_value(WORD[value]).run())


def screen(at) -> int:
    return at.session_state["triage_screen"] if "triage_screen" in at.session_state else 0


def none_until(at, index):
    """Tap "None of these" until screen ``index`` shows."""
    while screen(at) < index:
        tap(at, f"{P}_none")


def answer_screen(at, yes=()):
    """Answer every question on the current screen (yes to those in ``yes``), then Next."""
    for question in LITERAL_SCREENS[screen(at)]:
        answer(at, question, question in yes)
    return tap(at, f"{P}_next")


def idle_data(at) -> dict | None:
    watch = [el for el in at.main if getattr(el, "type", None) == "bidi_component"
             and el.proto.component_name == "back_spasm_idle_watch"]
    return json.loads(watch[0].proto.json) if watch else None


def reach(at, outcome: str):
    """Tap the shortest honest way to ``outcome``."""
    if outcome == "emergency":
        return answer(at, "bladder_bowel_change", True)
    if outcome == "urgent":  # the legs answered no, so an urgent sign cannot combine into an emergency
        none_until(at, SCREEN_OF["weight_loss"])
        return answer_screen(at, yes={"weight_loss"})
    if outcome == "see_soon":
        none_until(at, SCREEN_OF["over_70_new_pain"])
        return answer_screen(at, yes={"over_70_new_pain"})
    none_until(at, LAST)
    return tap(at, f"{P}_none")


def heading(at) -> str:
    return at.header[-1].value if at.header else ""


def shown_outcome(at, lang) -> str | None:
    for outcome in ("emergency", "urgent", "see_soon", "self_care"):
        if any(h.value.endswith(LITERAL[lang][outcome]) for h in at.header):
            return outcome
    return None


def links(at) -> list[str]:
    found = [f"{el.proto.label} {el.proto.page}" for el in at.get("page_link")]
    return found + [str(el.value) for el in at.markdown if "fallback-link" in str(el.value)]


def assert_now_lists(at, lang, present: bool):
    text = all_text(at)
    for key in ("call_911_heading", "er_heading"):
        assert (LITERAL[lang][key] in text) is present, key


def assert_sources(at, t, outcome: str):
    captions = [c.value for c in at.caption]
    expected = "; ".join(t(f"{P}.sources.{outcome}.{s}") for s in LITERAL_SOURCES[outcome])
    assert f"{t(f'{P}.where_from')} {expected}." in captions


# -- questions -------------------------------------------------------------------------
@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_opens_blank_on_the_first_warning_signs_with_one_progress(via_app, lang_mode):
    lang, mode = lang_mode
    at = run_page(P, lang, mode, via_app=via_app)
    t = CONTENT.for_language(lang)
    assert at.title[0].value == t(f"{P}.title")
    assert at.get("progress")[0].proto.text == LITERAL[lang]["page_1"]
    text = all_text(at)
    assert LITERAL[lang]["both_legs_text"] in text and LITERAL[lang]["bladder_text"] in text
    for question in LITERAL_SCREENS[0]:
        control = at.button_group(key=f"{P}_q_{question}")
        assert control.options == LITERAL[lang]["options"] and control.value is None  # nothing pre-filled
    assert at.button(key=f"{P}_next").disabled
    assert t(f"{P}.answer_all") in text  # the reason Next cannot be used yet
    assert at.button(key=f"{P}_none").label == t(f"{P}.none_of_these")
    assert f"{P}_back" not in [b.key for b in at.button]


def test_none_of_these_answers_no_to_the_screen_and_moves_on():
    at = run_page(P)
    answer(at, "both_legs", False)
    tap(at, f"{P}_none")
    assert screen(at) == 1
    assert at.session_state["triage_answers"] == {q: False for q in LITERAL_SCREENS[0]}
    assert at.get("progress")[0].proto.text == LITERAL["en"]["page_2"]
    # Every answer can still be changed: Back shows them as No, and a Yes hides "None of these".
    tap(at, f"{P}_back")
    assert all(at.button_group(key=f"{P}_q_{q}").value == "no" for q in LITERAL_SCREENS[0])
    tap(at, f"{P}_next")
    answer(at, "chest_pain", False)
    assert f"{P}_none" in [b.key for b in at.button]
    none_until(at, SCREEN_OF["weight_loss"])
    answer(at, "weight_loss", "unsure")
    assert f"{P}_none" not in [b.key for b in at.button]  # it would erase a "Not sure"


def test_next_works_only_once_every_question_has_an_answer():
    at = run_page(P)
    for question in LITERAL_SCREENS[0][:-1]:
        answer(at, question, False)
        assert at.button(key=f"{P}_next").disabled
    answer(at, LITERAL_SCREENS[0][-1], False)
    assert not at.button(key=f"{P}_next").disabled
    assert CONTENT.text("en", f"{P}.answer_all") not in all_text(at)


@pytest.mark.parametrize("question", CALL_911 + EMERGENCY_ROOM)
@pytest.mark.parametrize("value", [True, "unsure"], ids=["yes", "not-sure"])
def test_any_emergency_yes_or_not_sure_shows_its_action_at_once(question, value, lang_mode):
    lang, mode = lang_mode
    words = LITERAL[lang]
    at = run_page(P, lang, mode)
    none_until(at, SCREEN_OF[question])
    answer(at, question, value)
    assert shown_outcome(at, lang) == "emergency"
    assert at.header[0].value.startswith(":material/warning:")  # a real warning icon
    errors = " ".join(e.value for e in at.error)
    if question in CALL_911:
        assert words["call_911"] in errors and words["emergency_room"] not in errors
    else:  # a nerve emergency: the emergency room, and not at the wheel
        assert words["emergency_room"] in errors and words["dont_drive"] in errors and words["call_911"] not in errors
    if mode == "staff":
        assert words["front_desk"] in errors  # the same weight as the action
    else:
        assert words["front_desk"] in all_text(at)
    text = all_text(at)
    assert CONTENT.text(lang, f"{P}.questions.{question}.reason") in text
    assert (words["unsure_help"] in text) is (value == "unsure")
    assert CONTENT.text(lang, f"{P}.not_diagnosis") in text
    assert_sources(at, CONTENT.for_language(lang), "emergency")
    assert_now_lists(at, lang, present=False)  # the result itself says what to do now
    assert f"{P}_next" not in [b.key for b in at.button]


@pytest.mark.parametrize("risk", RISKS)
@pytest.mark.parametrize("leg", NEW_LEG_SIGNS)
def test_a_risk_with_a_new_leg_sign_is_an_emergency_by_taps(risk, leg):
    """The legs come first; a risk answered later meets the leg answer at once."""
    at = run_page(P)
    none_until(at, SCREEN_OF[leg])
    answer_screen(at, yes={leg})
    assert shown_outcome(at, "en") is None  # a leg sign alone cannot be final yet: a risk may come
    none_until(at, SCREEN_OF[risk])
    answer(at, risk, True)
    assert shown_outcome(at, "en") == "emergency"
    text = all_text(at)
    assert LITERAL["en"]["why_combination"] in text
    assert LITERAL["en"]["emergency_room"] in text and LITERAL["en"]["dont_drive"] in text
    for question in (risk, leg):
        assert CONTENT.text("en", f"{P}.questions.{question}.reason") in text
    assert [a.level for a in REGISTRY.active()] == [Level.EMERGENCY]


def test_the_combination_in_spanish_with_not_sure():
    at = run_page(P, "es")
    none_until(at, SCREEN_OF["leg_weakness"])
    answer_screen(at, yes=())
    tap(at, f"{P}_back")
    answer(at, "leg_weakness", "unsure")
    tap(at, f"{P}_next")
    answer(at, "cancer_history", True)
    assert shown_outcome(at, "es") == "emergency"
    text = all_text(at)
    assert LITERAL["es"]["why_combination"] in text and LITERAL["es"]["unsure_help"] in text


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_urgent_is_calm_and_gives_routes(via_app, lang_mode):
    lang, mode = lang_mode
    words = LITERAL[lang]
    at = run_page(P, lang, mode, via_app=via_app)
    none_until(at, SCREEN_OF["cancer_history"])
    for question in LITERAL_SCREENS[SCREEN_OF["cancer_history"]]:
        answer(at, question, question == "worse_with_cough_sneeze")
    none_until(at, SCREEN_OF["worse_with_cough_sneeze"])
    for question in LITERAL_SCREENS[SCREEN_OF["worse_with_cough_sneeze"]]:
        answer(at, question, question == "worse_with_cough_sneeze")
    assert at.button(key=f"{P}_next").label == CONTENT.text(lang, f"{P}.see_result")  # nothing later can change it
    tap(at, f"{P}_next")
    assert shown_outcome(at, lang) == "urgent"
    text = all_text(at)
    assert words["urgent_why"] in text
    assert words["urgent_route"] in text and words["urgent_very_ill"] in text
    # Only pain on coughing: no talk of cancer, infection or a broken bone on the result.
    assert "cancer" not in at.header[-1].value.lower()
    assert CONTENT.text(lang, f"{P}.questions.worse_with_cough_sneeze.reason") in text
    assert CONTENT.text(lang, f"{P}.questions.weight_loss.reason") not in text
    assert_sources(at, CONTENT.for_language(lang), "urgent")
    assert_now_lists(at, lang, present=True)
    assert not at.error


@pytest.mark.parametrize("question", URGENT)
def test_each_urgent_sign_alone_gives_urgent_by_taps(question):
    at = run_page(P)
    none_until(at, SCREEN_OF[question])
    answer_screen(at, yes={question})
    while shown_outcome(at, "en") is None:
        tap(at, f"{P}_none")
    assert shown_outcome(at, "en") == "urgent"


@pytest.mark.parametrize("question", SEE_SOON)
def test_each_see_soon_sign_alone_gives_see_soon_by_taps(question):
    at = run_page(P)
    none_until(at, SCREEN_OF[question])
    answer_screen(at, yes={question})
    while shown_outcome(at, "en") is None:
        tap(at, f"{P}_none")
    assert shown_outcome(at, "en") == "see_soon"
    assert not REGISTRY.active()  # the desk is only called for emergency and urgent


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_self_care_links_to_care_says_when_to_come_back_and_lists_the_now_signs(via_app, lang_mode):
    lang, mode = lang_mode
    t = CONTENT.for_language(lang)
    at = run_page(P, lang, mode, via_app=via_app)
    reach(at, "self_care")
    assert shown_outcome(at, lang) == "self_care"
    assert at.success[0].value == t(f"{P}.outcomes.self_care.body")
    text = all_text(at)
    for key in ("emergency.soon_heading", "emergency.today_heading"):
        assert t(key) in text
    for item in t.items("emergency.soon_signs") + t.items("emergency.today_signs"):
        assert item in text
    assert_sources(at, t, "self_care")
    assert_now_lists(at, lang, present=True)
    label = t(f"{P}.outcomes.self_care.care_link")
    assert any(label in link and ("/care?" in link or link.endswith("care")) for link in links(at)), links(at)


@pytest.mark.parametrize("outcome", ["urgent", "see_soon", "self_care"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_now_lists_end_every_other_result(outcome, lang):
    t = CONTENT.for_language(lang)
    at = reach(run_page(P, lang), outcome)
    markdown = [readable(str(m.value)) for m in at.markdown]
    at_911 = next(i for i, m in enumerate(markdown) if LITERAL[lang]["call_911_heading"] in m)
    at_er = next(i for i, m in enumerate(markdown) if LITERAL[lang]["er_heading"] in m)
    assert at_911 < at_er
    assert not any(LITERAL[lang][outcome] in m for m in markdown[at_911:])
    assert len(t.items("emergency.signs")) == 3 and len(t.items("emergency.er_signs")) == 5


def test_progress_moves_and_back_keeps_answers():
    at = run_page(P)
    answer_screen(at)
    assert screen(at) == 1
    assert at.get("progress")[0].proto.text == LITERAL["en"]["page_2"]
    tap(at, f"{P}_back")
    assert screen(at) == 0
    assert at.button_group(key=f"{P}_q_saddle_numbness").value == "no"
    assert not at.button(key=f"{P}_next").disabled


def test_back_from_a_result_returns_to_its_screen_and_a_red_flag_still_wins():
    at = reach(run_page(P), "see_soon")
    tap(at, f"{P}_back")
    assert screen(at) == LAST and "triage_done" in at.session_state and not at.session_state["triage_done"]
    for _ in range(LAST):
        tap(at, f"{P}_back")
    answer(at, "saddle_numbness", True)
    assert shown_outcome(at, "en") == "emergency"


# -- one person's check never reaches the next --------------------------------------
def test_start_over_clears_every_answer_and_the_body_map_choice():
    at = run_page(P, "es")
    at.session_state["walk_story"] = "disc"
    at.session_state["walk_level"] = "S1"
    answer_screen(at)
    answer_screen(at)
    answer(at, "leg_weakness", True)
    tap(at, f"{P}_start_over")
    assert "triage_answers" not in at.session_state and screen(at) == 0
    assert all(at.button_group(key=f"{P}_q_{q}").value is None for q in LITERAL_SCREENS[0])
    assert "walk_story" not in at.session_state and "walk_level" not in at.session_state
    answer(at, "both_legs", True)  # from a result too
    tap(at, f"{P}_start_over")
    assert "triage_answers" not in at.session_state and not at.error


@pytest.mark.parametrize("away", ["home", "care", "where", "spasm_or_disc"])
def test_leaving_forgets_the_check(away):
    at = run_page(P, via_app=True)
    answer_screen(at)
    answer(at, "chest_pain", False)
    at.switch_page(BY_ID[away].file).run()
    at.switch_page(BY_ID["self_check"].file).run()
    ok(at)
    assert screen(at) == 0 and "triage_answers" not in at.session_state
    assert all(at.button_group(key=f"{P}_q_{q}").value is None for q in LITERAL_SCREENS[0])


def test_the_last_persons_result_is_gone_after_home():
    at = run_page(P, via_app=True)
    reach(at, "urgent")
    assert shown_outcome(at, "en") == "urgent"
    at.switch_page(BY_ID["home"].file).run()
    at.switch_page(BY_ID["self_check"].file).run()
    assert shown_outcome(at, "en") is None and screen(at) == 0
    assert at.button(key=f"{P}_next").disabled


def test_a_language_change_is_not_leaving():
    at = run_page(P, via_app=True)
    answer_screen(at)
    answer(at, "chest_pain", False)
    tap(at, "lang_es")
    assert screen(at) == 1 and at.button_group(key=f"{P}_q_chest_pain").value == "no"


def test_both_legs_after_a_finished_check_opens_blank():
    """The body map's "both legs" never opens on a No the person did not tap."""
    at = run_page(P, via_app=True)
    reach(at, "self_care")
    at.switch_page(BY_ID["where"].file).run()
    tap(at, "where_both_legs")
    assert at.title[0].value == CONTENT.text("en", f"{P}.title")
    assert screen(at) == 0 and "triage_answers" not in at.session_state
    assert all(at.button_group(key=f"{P}_q_{q}").value is None for q in LITERAL_SCREENS[0])
    assert at.button(key=f"{P}_next").disabled
    assert CONTENT.text("en", "where.both_legs_note.heading") in all_text(at)


def test_answers_are_never_logged(caplog):
    caplog.set_level(logging.DEBUG)
    at = run_page(P)
    reach(at, "urgent")
    assert "weight_loss" not in caplog.text and "triage" not in caplog.text


# -- one way on ---------------------------------------------------------------------
def _on_start_here(lang="en") -> object:
    at = run_page(P, lang, via_app=True)
    at.session_state["journey_part"] = "self_check"
    return ok(at.run())


def test_on_start_here_a_question_screen_offers_only_its_own_next():
    at = _on_start_here()
    text = all_text(at)
    assert "Part 3 of 4" not in text  # one progress indicator: the check's own pages
    assert at.get("progress")[0].proto.text == LITERAL["en"]["page_1"]
    assert not any("Next part" in link for link in links(at)) and "journey-next" not in raw_text(at)
    answer(at, "both_legs", False)
    assert not any("Next part" in link for link in links(at))


@pytest.mark.parametrize("outcome", ["emergency", "urgent"])
def test_after_a_result_that_calls_for_help_there_is_no_next_part(outcome):
    at = reach(_on_start_here(), outcome)
    assert not any("Next part" in link for link in links(at))
    assert any(LITERAL["en"]["home"] in link for link in links(at))  # a way Home, under the result
    show = LITERAL["en"]["front_desk"] if outcome == "emergency" else CONTENT.text("en", f"{P}.held.show_desk")
    assert show in all_text(at)


@pytest.mark.parametrize("outcome", ["see_soon", "self_care"])
def test_after_a_calm_result_the_next_part_shows(outcome):
    at = reach(_on_start_here(), outcome)
    assert any("Caring for a spasm" in link for link in links(at)), links(at)
    assert "Part 3 of 4" in all_text(at)


# -- the front desk -------------------------------------------------------------------
def test_an_alert_is_raised_once_per_level_per_session():
    at = run_page(P, kiosk="Waiting room 2")
    reach(at, "urgent")
    alerts = REGISTRY.active()
    assert [(a.kiosk, a.level) for a in alerts] == [("Waiting room 2", Level.URGENT)]
    ok(at.run())
    ok(at.run())
    tap(at, f"{P}_back")
    tap(at, f"{P}_next")
    assert len(REGISTRY.active()) == 1  # not on every rerun, not again for urgent
    # The same person then reports a red flag: the emergency is raised too, once.
    while screen(at) > SCREEN_OF["chest_pain"] or at.session_state["triage_done"]:
        tap(at, f"{P}_back")
    answer(at, "chest_pain", True)
    assert [a.level for a in REGISTRY.active()] == [Level.EMERGENCY, Level.URGENT]
    tap(at, f"{P}_back")
    answer(at, "chest_pain", False)
    answer(at, "chest_pain", True)
    assert len(REGISTRY.active()) == 2


@pytest.mark.parametrize("outcome", ["emergency", "urgent"])
def test_staff_mode_raises_no_alert_and_holds_nothing(outcome):
    at = reach(run_page(P, "es", "staff"), outcome)
    assert REGISTRY.active() == []
    assert idle_data(at) is None
    assert CONTENT.text("es", f"{P}.held.show_desk") not in all_text(at)


def test_see_soon_and_self_care_raise_nothing():
    reach(run_page(P), "see_soon")
    reach(run_page(P), "self_care")
    assert REGISTRY.active() == []


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("outcome", ["emergency", "urgent"])
def test_held_kiosk_result_shows_the_desk_then_that_someone_is_coming(outcome, lang):
    t = CONTENT.for_language(lang)
    at = reach(run_page(P, lang), outcome)
    show = LITERAL[lang]["front_desk"] if outcome == "emergency" else t(f"{P}.held.show_desk")
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
    reach(at, "urgent")
    assert idle_data(at)["idle_ms"] == 300_000 and idle_data(at)["warn_ms"] == 20_000  # clinic.toml: 300 s
    tap(at, f"{P}_back")
    assert idle_data(at)["idle_ms"] == 90_000
    tap(at, f"{P}_next")
    assert idle_data(at)["idle_ms"] == 300_000
    tap(at, f"{P}_start_over")
    assert idle_data(at)["idle_ms"] == 90_000
    answer(at, "saddle_numbness", True)
    assert idle_data(at)["idle_ms"] == 300_000  # an emergency yes holds at once


def test_leaving_a_held_result_releases_the_hold():
    at = run_page(P, via_app=True)
    answer(at, "saddle_numbness", True)
    assert idle_data(at)["idle_ms"] == 300_000
    at.switch_page("pages/sources.py").run()
    assert idle_data(at)["idle_ms"] == 90_000  # another page: the usual idle time
    at.switch_page(BY_ID["self_check"].file).run()
    assert idle_data(at)["idle_ms"] == 90_000  # the check was forgotten: a blank first page
    assert shown_outcome(at, "en") is None


def test_a_bad_kiosk_name_falls_back_and_never_reaches_the_page():
    at = run_page(P, kiosk="<img src=x onerror=alert(1)>")
    reach(at, "emergency")
    # A refused ?kiosk= name still alerts, under "Kiosk (name not set)" on the desk (the
    # registry holds a marker no valid name can equal), never under the clinic's own name.
    from explainer.common.params import KIOSK_NAME_REFUSED

    assert [a.kiosk for a in REGISTRY.active()] == [KIOSK_NAME_REFUSED]
    assert "onerror" not in raw_text(at)  # not even as escaped text: the name never reaches the page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_privacy_line_says_what_reaches_the_desk_only_where_the_desk_is_told(lang):
    kiosk = all_text(run_page(P, lang, "kiosk"))
    staff = all_text(run_page(P, lang, "staff"))
    assert CONTENT.text(lang, f"{P}.privacy_kiosk") in kiosk
    assert CONTENT.text(lang, f"{P}.privacy_kiosk") not in staff
    assert CONTENT.text(lang, f"{P}.privacy") in staff
