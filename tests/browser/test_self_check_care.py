"""/self-check and /care in a real browser: kiosk (1080x1920) and tablet (1024x1366).

A patient reaches the self-check from Home's tile, taps through to each of the
four outcomes in both languages, and follows the link to /care. Each move
starts the new screen at its top. Nothing of one person's check reaches the
next (Home, the body map's "both legs"), and a question page offers one way on. Screenshots: tests/screenshots/self_check_*
and care_*. The front desk side (alerts, /desk, the held screen) is in
test_desk_alerts.py.
"""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from explainer.common.content import Content
from explainer.self_check.triage import GROUPS, Outcome
from tests.browser.harness import KIOSK, SCREENSHOTS, close_page, goto, open_page, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()


def tap(page, key: str) -> None:
    page.locator(f".st-key-{key} button").click()
    wait_for_app(page)


def open_self_check_from_home(watched, lang: str) -> None:
    goto(watched, f"/?lang={lang}")
    watched.page.get_by_role("link", name=CONTENT.text(lang, "home.tiles.check_title")).click()
    wait_for_app(watched.page)
    watched.page.get_by_role("heading", name=CONTENT.text(lang, "self_check.title")).wait_for()


#: The answer buttons as a patient reads them (a reviewed copy, not the content under test).
ANSWER_WORDS = {"en": {True: "Yes", False: "No", "unsure": "Not sure"}, "es": {True: "Sí", False: "No", "unsure": "No sé"}}


def answer(page, question: str, yes, lang: str = "en") -> None:
    """Tap Yes, No or Not sure on one question (a segmented control: a radio group)."""
    word = ANSWER_WORDS[lang][yes]
    page.locator(f".st-key-self_check_q_{question}").get_by_role("radio", name=word, exact=True).click()
    wait_for_app(page)


def answer_screen(page, index: int, yes=(), lang: str = "en") -> None:
    for question in GROUPS[index][1]:
        answer(page, question, question in yes, lang)
    tap(page, "self_check_next")


def none_of_these(page, times: int = 1) -> None:
    for _ in range(times):
        tap(page, "self_check_none")


def result_heading(page, lang: str, outcome: Outcome):
    return page.get_by_role("heading", name=CONTENT.text(lang, f"self_check.outcomes.{outcome.value}.heading"))


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation on this screen (outcomes too, not only the first screen)."""
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious


def assert_clean(watched) -> None:
    assert not watched.real_errors(), watched.real_errors()
    assert not watched.foreign_requests(), watched.foreign_requests()


def test_kiosk_self_care_path_then_care_page(kiosk_page):
    page = kiosk_page.page
    open_self_check_from_home(kiosk_page, "en")
    # big Yes/No targets (48 px minimum)
    for button in page.locator(".st-key-self_check_q_saddle_numbness [role=radio]").all():
        box = button.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48
    shot(page, "self_check_kiosk_en_part1")
    for index in range(len(GROUPS)):
        if index == 1:
            assert page.get_by_text("Page 2 of 7").is_visible()
            shot(page, "self_check_kiosk_en_part2")
        answer_screen(page, index)
    result_heading(page, "en", Outcome.SELF_CARE).wait_for()
    assert page.get_by_text(CONTENT.text("en", "self_check.not_diagnosis")).is_visible()
    shot(page, "self_check_kiosk_en_self_care")
    assert_accessible(page)

    page.get_by_role("link", name=CONTENT.text("en", "self_check.outcomes.self_care.care_link")).click()
    wait_for_app(page)
    page.get_by_role("heading", name=CONTENT.text("en", "care.title")).wait_for()
    assert "/care" in page.url and "lang=en" in page.url
    chart = page.locator(".st-key-care-chart [data-testid=stVegaLiteChart]")
    chart.wait_for()
    page.locator(".st-key-care-chart .vega-embed svg, .st-key-care-chart .vega-embed canvas").first.wait_for()
    assert chart.bounding_box()["width"] > 700  # stretches across the kiosk column
    shot(page, "care_kiosk_en")
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "care_kiosk_en_chart.png"))
    assert_clean(kiosk_page)


def test_kiosk_emergency_shows_at_once_in_spanish(kiosk_page):
    page = kiosk_page.page
    open_self_check_from_home(kiosk_page, "es")
    answer(page, "bladder_bowel_change", True, "es")
    result_heading(page, "es", Outcome.EMERGENCY).wait_for()
    alert = page.locator(".st-key-self_check-emergency [data-testid=stAlert]")
    assert "911" in alert.first.inner_text()
    assert page.locator(".st-key-self_check_next").count() == 0  # no need to finish
    shot(page, "self_check_kiosk_es_emergency")
    assert_accessible(page)
    tap(page, "self_check_start_over")
    page.get_by_text("Página 1 de 7").wait_for()
    assert page.locator(".st-key-self_check-emergency").count() == 0
    assert page.locator(".st-key-self_check_q_bladder_bowel_change [role=radio][aria-checked=true]").count() == 0
    assert_clean(kiosk_page)


#: What Streamlit itself keeps in the browser: its XSRF token (a session cookie) and the
#: theme it drew each page with. Nothing of a visitor's answers, results or choices.
STREAMLIT_COOKIES = {"_streamlit_xsrf"}
STREAMLIT_STORAGE_PREFIX = "stActiveTheme-"


def test_a_result_leaves_nothing_of_the_visitor_in_the_browser(browser, server):
    """The next person at the kiosk uses the same browser: after answers that reach the
    emergency result, the browser holds only Streamlit's own token and theme (a browser
    context of its own, so nothing another test left counts)."""
    watched = open_page(browser, server.url, KIOSK, private=True)
    try:
        page = watched.page
        open_self_check_from_home(watched, "en")
        answer(page, "worsening_weakness", False)
        answer(page, "bladder_bowel_change", True)
        result_heading(page, "en", Outcome.EMERGENCY).wait_for()
        goto(watched, "/reflex?lang=en")
        page.get_by_role("radio", name="Slow").click()
        wait_for_app(page)
        cookies = {cookie["name"] for cookie in page.context.cookies()}
        stored = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
        assert cookies <= STREAMLIT_COOKIES, cookies
        assert all(key.startswith(STREAMLIT_STORAGE_PREFIX) for key in stored[0]), stored[0]
        assert stored[1] == [], stored[1]
    finally:
        close_page(watched)


def test_tablet_see_soon_and_care_deep_link(tablet_page):
    page = tablet_page.page
    open_self_check_from_home(tablet_page, "en")
    none_of_these(page, 5)
    answer_screen(page, 5, yes={"upper_back_pain"})
    result_heading(page, "en", Outcome.URGENT).wait_for()
    tap(page, "self_check_back")  # change an answer: the pain is in the low back after all
    page.get_by_text("Page 6 of 7").wait_for()
    answer(page, "upper_back_pain", False)
    tap(page, "self_check_next")
    answer_screen(page, 6, yes={"longer_than_2_weeks"})
    result_heading(page, "en", Outcome.SEE_SOON).wait_for()
    assert page.get_by_text("Pain for 2 weeks or more, not getting better").is_visible()
    shot(page, "self_check_tablet_en_see_soon")
    assert_accessible(page)

    goto(tablet_page, "/care?lang=es")
    page.get_by_role("heading", name=CONTENT.text("es", "care.title")).wait_for()
    page.locator(".st-key-care-chart .vega-embed").first.wait_for()
    shot(page, "care_tablet_es")
    page.locator(".st-key-care-come-back").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "care_tablet_es_come_back.png"))
    assert_clean(tablet_page)


# -- every outcome by taps, in both languages ------------------------------------
#: How a person reaches each outcome: (screen index -> questions answered yes), "None of these" elsewhere.
PATHS_TO = {
    Outcome.EMERGENCY: {1: {"major_trauma"}},
    Outcome.URGENT: {3: {"fever_or_unwell"}},  # the legs answered no: a fever alone cannot combine
    Outcome.SEE_SOON: {6: {"stops_daily_activities"}},
    Outcome.SELF_CARE: {},
}
#: What each result says first, as a patient reads it (a reviewed copy).
FIRST_ACTION = {
    "en": {"call_911": "Call 911 now.", "front_desk": "Show this screen to the front desk now.",
           "911_heading": "Call 911 now if you have back pain and:",
           "er_heading": "Go to the emergency room now if you have back pain and:"},
    "es": {"call_911": "Llame al 911 ahora.", "front_desk": "Muestre esta pantalla en la recepción ahora.",
           "911_heading": "Llame al 911 ahora si tiene dolor de espalda y:",
           "er_heading": "Vaya a la sala de emergencias ahora si tiene dolor de espalda y:"},
}


def tap_to(page, outcome: Outcome, lang: str) -> None:
    yes_on = PATHS_TO[outcome]
    for index, (_, questions) in enumerate(GROUPS):
        if index not in yes_on:
            tap(page, "self_check_none")
            if index == len(GROUPS) - 1:
                return
            continue
        for question in questions:
            answer(page, question, question in yes_on[index], lang)
            if outcome is Outcome.EMERGENCY and question in yes_on[index]:
                return  # a red flag shows the result at once
        tap(page, "self_check_next")
        return


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("outcome", list(Outcome), ids=lambda o: o.value)
def test_each_outcome_by_taps_at_kiosk_size(kiosk_page, outcome, lang):
    page = kiosk_page.page
    goto(kiosk_page, f"/self-check?lang={lang}&mode=kiosk")
    tap_to(page, outcome, lang)
    heading = result_heading(page, lang, outcome)
    heading.wait_for()
    top = heading.bounding_box()["y"]
    assert 0 <= top < 1920 / 2, f"result heading at {top}px: not started at the top"
    text = page.locator("[data-testid=stMain]").inner_text()
    assert CONTENT.text(lang, "self_check.not_diagnosis") in text
    signs = CONTENT.items(lang, "emergency.signs") + CONTENT.items(lang, "emergency.er_signs")
    if outcome is Outcome.EMERGENCY:
        for key in ("call_911", "front_desk"):
            line = page.get_by_text(FIRST_ACTION[lang][key], exact=True)
            assert line.is_visible() and line.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 30
        # A real warning icon in the heading (Material Symbols), not a plain "*".
        assert heading.locator("[role=img]").first.inner_text() == "warning"
    else:
        block = page.locator(".st-key-self_check-911").inner_text().replace("\u2060", "")  # word joiners of the escaping
        assert FIRST_ACTION[lang]["911_heading"] in block
        assert FIRST_ACTION[lang]["er_heading"] in block
        assert all(sign in block for sign in signs)
    shot(page, f"self_check_kiosk_{lang}_{outcome.value}")
    assert_accessible(page)
    assert_clean(kiosk_page)


def test_each_move_starts_the_new_screen_at_its_top(kiosk_page):
    """Scroll down, tap Next (or None of these, Back, or to a result): the heading is in view."""
    page = kiosk_page.page
    goto(kiosk_page, "/self-check?lang=es&mode=kiosk")
    tap(page, "big_text_toggle")
    # Even with bigger text a screen of questions nearly fits 1920 px; room below
    # it (as a longer screen, or a person's larger browser text, would make)
    # lets the test scroll the heading out of view first.
    page.add_style_tag(content="[data-testid=stMainBlockContainer] { padding-bottom: 1600px !important; }")
    none_of_these(page, 2)
    page.get_by_text(CONTENT.text("es", "self_check.progress", part=3, total=len(GROUPS))).wait_for()

    def scrolled_to_bottom() -> float:
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(300)
        return page.evaluate("Math.max(window.scrollY, (document.querySelector('[data-testid=stMain]') || {}).scrollTop || 0)")

    def heading_in_view(name: str) -> None:
        heading = page.get_by_role("heading", name=name)
        heading.wait_for()
        page.wait_for_timeout(300)
        box = heading.bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= 1920, f"{name!r} at {box['y']}px"
        progress = page.locator("[data-testid=stProgress]")
        if progress.count():
            assert progress.bounding_box()["y"] >= 0

    for question in GROUPS[2][1]:
        answer(page, question, False, "es")
    assert scrolled_to_bottom() > 800, "the screen does not scroll; the test would prove nothing"
    assert page.get_by_role("heading", name=CONTENT.text("es", f"self_check.groups.{GROUPS[2][0]}")).bounding_box()["y"] < 0
    shot(page, "self_check_kiosk_es_scrolled_before_next")
    tap(page, "self_check_next")
    heading_in_view(CONTENT.text("es", f"self_check.groups.{GROUPS[3][0]}"))
    shot(page, "self_check_kiosk_es_after_next")

    assert scrolled_to_bottom() > 800
    tap(page, "self_check_back")
    heading_in_view(CONTENT.text("es", f"self_check.groups.{GROUPS[2][0]}"))

    assert scrolled_to_bottom() > 800
    tap(page, "self_check_none")
    heading_in_view(CONTENT.text("es", f"self_check.groups.{GROUPS[3][0]}"))

    for question in GROUPS[3][1]:
        answer(page, question, question == "weight_loss", "es")
    assert scrolled_to_bottom() > 800
    tap(page, "self_check_next")
    heading_in_view(CONTENT.text("es", "self_check.outcomes.urgent.heading"))


def _contrast(fg: str, bg: str) -> float:
    def lum(css: str) -> float:
        r, g, b = [int(x) / 255 for x in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((lum(fg), lum(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_disabled_next_is_readable_and_says_why(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/self-check?lang=en&mode=kiosk")
    button = page.locator(".st-key-self_check_next button")
    assert button.is_disabled()
    colours = button.evaluate("""b => {
        const p = b.querySelector('p') || b;
        return [getComputedStyle(p).color, getComputedStyle(b).backgroundColor, getComputedStyle(b).opacity];
    }""")
    ratio = _contrast(colours[0], colours[1])
    assert ratio >= 4.5 and float(colours[2]) == 1.0, (colours, ratio)
    assert page.get_by_text(CONTENT.text("en", "self_check.answer_all")).is_visible()
    for question in GROUPS[0][1]:
        answer(page, question, False)
    expect(button).to_be_enabled(timeout=5000)  # once the server has seen the last answer
    expect(page.get_by_text(CONTENT.text("en", "self_check.answer_all"))).to_have_count(0)


def test_the_chosen_answer_shows_a_tick_and_a_thick_border_at_once(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/self-check?lang=es&mode=kiosk")
    group = page.locator(".st-key-self_check_q_both_legs")
    no = group.get_by_role("radio", name=CONTENT.text("es", "self_check.no"), exact=True)
    no.click()
    # Marked in the browser before the server answers (no wait for the rerun).
    page.wait_for_function(
        "() => document.querySelector('.st-key-self_check_q_both_legs [role=radio][aria-checked=true]') !== null", timeout=1000)
    wait_for_app(page)
    chosen = group.locator("[role=radio][aria-checked=true]")
    assert chosen.inner_text().strip() == CONTENT.text("es", "self_check.no")
    tick = chosen.locator("p").evaluate("p => getComputedStyle(p, '::before').content")
    border = chosen.evaluate("b => parseFloat(getComputedStyle(b).borderTopWidth)")
    others = group.locator("[role=radio][aria-checked=false]").evaluate_all(
        "bs => bs.map(b => parseFloat(getComputedStyle(b).borderTopWidth))")
    assert "✓" in tick and border >= 4 and len(others) == 2 and max(others) <= 2


# -- nothing of one person's check reaches the next; one way on -----------------------------
def _checked(page) -> int:
    return page.locator("[class*=st-key-self_check_q_] [role=radio][aria-checked=true]").count()


def _start_here_to_the_check(watched, lang: str) -> None:
    """Home's "Start here", then the "Next part" links to the self-check (part 3)."""
    page = watched.page
    goto(watched, f"/?lang={lang}&mode=kiosk")
    page.locator(".st-key-home-start button").click()
    wait_for_app(page)
    page.locator(".st-key-journey-next a").click()  # the reflex's end: on to the walkthrough
    wait_for_app(page)
    for step in range(2, 7):  # the walkthrough's own Next to its last step (6), waiting for each step to show
        assert page.locator(".st-key-journey-next").count() == 0  # no "Next part" before the last step
        tap(page, "walk_next")
        page.wait_for_url(f"**step={step}**")
        page.locator(".st-key-walk_restart button" if step == 6 else ".st-key-walk_next button").wait_for()
    page.locator(".st-key-journey-next a").click()
    wait_for_app(page)
    page.get_by_role("heading", name=CONTENT.text(lang, "self_check.title")).wait_for()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_both_legs_after_a_finished_check_never_reaches_self_care_untapped(kiosk_page, lang):
    """The reported path: a finished check with "None of these", Home, the body map's
    "both legs": a blank first page, and "See what to do" needs the person's own taps."""
    page = kiosk_page.page
    goto(kiosk_page, f"/self-check?lang={lang}&mode=kiosk")
    none_of_these(page, len(GROUPS))
    result_heading(page, lang, Outcome.SELF_CARE).wait_for()
    page.locator(".st-key-topbar a").first.click()  # Home
    wait_for_app(page)
    page.get_by_role("link", name=CONTENT.text(lang, "home.tiles.where_title")).click()
    wait_for_app(page)
    tap(page, "where_both_legs")
    page.get_by_role("heading", name=CONTENT.text(lang, "self_check.title")).wait_for()
    page.locator(".st-key-self_check_q_both_legs").wait_for()
    assert _checked(page) == 0, "an answer the person did not give"
    assert page.locator(".st-key-self_check_next button").is_disabled()
    assert page.locator(".st-key-where-both-legs-note").is_visible()
    shot(page, f"self_check_kiosk_{lang}_both_legs_blank")
    answer(page, "both_legs", True, lang)  # the person's own Yes: the emergency at once
    result_heading(page, lang, Outcome.EMERGENCY).wait_for()
    assert_clean(kiosk_page)


def test_home_then_the_check_opens_blank_after_a_result(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/self-check?lang=en&mode=kiosk")
    tap_to(page, Outcome.URGENT, "en")
    result_heading(page, "en", Outcome.URGENT).wait_for()
    page.locator(".st-key-topbar a").first.click()  # Home
    wait_for_app(page)
    page.get_by_role("link", name=CONTENT.text("en", "home.tiles.check_title")).click()
    wait_for_app(page)
    page.get_by_text("Page 1 of 7").wait_for()
    assert result_heading(page, "en", Outcome.URGENT).count() == 0
    assert _checked(page) == 0
    assert_clean(kiosk_page)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_on_start_here_a_question_page_has_one_way_on(kiosk_page, lang):
    page = kiosk_page.page
    _start_here_to_the_check(kiosk_page, lang)
    assert page.locator(".st-key-journey-next").count() == 0  # no "Next part" on a question page
    assert page.locator(".journey-header").count() == 0  # one progress indicator: the check's own
    assert page.locator("[data-testid=stProgress]").count() == 1
    shot(page, f"self_check_kiosk_{lang}_start_here_first_page")
    answer(page, "saddle_numbness", "unsure", lang)  # "Not sure" counts as yes
    result_heading(page, lang, Outcome.EMERGENCY).wait_for()
    assert page.locator(".st-key-journey-next").count() == 0  # never after an emergency
    assert page.locator(".st-key-self_check-unsure").is_visible()  # ask the front desk to help decide
    shot(page, f"self_check_kiosk_{lang}_start_here_emergency_not_sure")
    tap(page, "self_check_start_over")
    tap_to(page, Outcome.SEE_SOON, lang)
    result_heading(page, lang, Outcome.SEE_SOON).wait_for()
    page.locator(".st-key-journey-next").wait_for()  # a calm result: now on to the next part
    assert_clean(kiosk_page)


def test_a_risk_with_a_new_leg_sign_is_an_emergency_by_taps(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/self-check?lang=en&mode=kiosk")
    none_of_these(page, 2)
    answer_screen(page, 2, yes={"numbness_tingling"})
    answer(page, "cancer_history", True)
    result_heading(page, "en", Outcome.EMERGENCY).wait_for()
    text = page.locator("[data-testid=stMain]").inner_text()
    assert "Go to the emergency room now." in text and "Do not drive yourself." in text
    assert "Together, these need care right away." in text
    shot(page, "self_check_kiosk_en_combination")
    assert_clean(kiosk_page)
