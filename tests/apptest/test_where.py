""""Where does it hurt?": each choice sets the walkthrough's story and level
(plain session keys) and leads into the walkthrough on the "Start here" path;
"both legs" leads to the self-check's emergency signs with a line saying why."""
import re

import pytest

from explainer.common import journey
from explainer.common.content import Content
from explainer.disc import body_map as bm
from explainer.disc import walkthrough as walk
from explainer.self_check import triage
from tests.apptest.helpers import LANGS, all_text, run_page
from ui.forget import BOTH_LEGS_NOTE

CONTENT = Content.load()
LEVEL_CODE = re.compile(r"\b(L4|L5|S1)\b")
# The self-check's first screen: its first warning signs (the emergency questions come first).
EMERGENCY_KEYS = triage.GROUPS[0][1]


@pytest.mark.parametrize("place_id", bm.MAP_PLACES)
def test_each_place_sets_the_story_and_level_and_opens_the_walkthrough(place_id):
    at = run_page("where", via_app=True)
    at.session_state[walk.WALK_LEVEL] = "L4"  # left over from an earlier choice
    at.session_state[walk.WALK_STEP] = 5
    at.button(key=f"where_{place_id}").click().run()
    assert not at.exception
    place = bm.BY_ID[place_id]
    assert at.session_state[walk.WALK_STORY] == place.story
    if place.level:
        assert at.session_state[walk.WALK_LEVEL] == place.level
    else:
        # No nerve level: the key is cleared, so the walkthrough uses its own default.
        assert walk.WALK_LEVEL not in at.session_state or at.session_state[walk.WALK_LEVEL] == walk.DEFAULT_LEVEL
    assert at.session_state[walk.WALK_STEP] == 1
    # Now on the walkthrough, as part 2 of the "Start here" path.
    assert at.title[0].value == CONTENT.text("en", "spasm_or_disc.title")
    assert at.session_state[journey.JOURNEY] == "spasm_or_disc"
    assert CONTENT.text("en", "journey.header", n=2, total=4, title=CONTENT.text("en", "home.tiles.spasm_title")) in all_text(at)


def test_choice_works_when_the_page_runs_on_its_own():
    """A deep link served before app.py ran: the keys are set and a link leads on."""
    at = run_page("where", via_app=False)
    at.button(key="where_sole_outer_foot").click().run()
    assert at.session_state[walk.WALK_STORY] == "disc" and at.session_state[walk.WALK_LEVEL] == "S1"
    assert any('href="/spasm-or-disc?' in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", LANGS)
def test_both_legs_opens_the_self_check_at_the_emergency_signs_with_a_reason(lang):
    at = run_page("where", lang, via_app=True)
    at.session_state["triage_screen"] = 2  # the self-check was left on a later screen
    at.session_state["triage_done"] = True
    at.button(key="where_both_legs").click().run()
    assert not at.exception
    assert at.title[0].value == CONTENT.text(lang, "self_check.title")
    text = all_text(at)
    assert CONTENT.text(lang, "where.both_legs_note.heading") in text
    assert CONTENT.text(lang, "where.both_legs_note.body") in text
    # The first screen: the emergency questions.
    for question in EMERGENCY_KEYS:
        assert CONTENT.text(lang, f"self_check.questions.{question}.text") in text
    assert journey.JOURNEY not in at.session_state
    # The line goes once the person leaves the self-check.
    at.switch_page("pages/care.py")
    at.run()
    assert BOTH_LEGS_NOTE not in at.session_state
    assert CONTENT.text(lang, "where.both_legs_note.heading") not in all_text(at)


def test_a_tap_on_the_picture_acts_like_the_button():
    """The SVG's tap reaches the page as the component's "place" trigger."""
    from ui import body_map as ui_map

    calls = []
    original = ui_map._map
    try:
        ui_map._map = lambda **kwargs: calls.append(kwargs) or type("R", (), {"place": "inner_shin"})()
        at = run_page("where", via_app=True)
    finally:
        ui_map._map = original
    assert calls and calls[0]["data"]["svg"].startswith("<svg")
    assert at.session_state[walk.WALK_STORY] == "disc" and at.session_state[walk.WALK_LEVEL] == "L4"


@pytest.mark.parametrize("lang", LANGS)
def test_kiosk_never_names_a_level_staff_mode_does(lang):
    kiosk = run_page("where", lang, "kiosk", via_app=True)
    assert not LEVEL_CODE.search(all_text(kiosk))
    staff = all_text(run_page("where", lang, "staff", via_app=True))
    for level in ("L4", "L5", "S1"):
        assert level in staff
