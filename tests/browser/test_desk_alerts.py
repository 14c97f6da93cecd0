"""Nobody is left alone with "get help now": a kiosk (1080x1920) and the front
desk's /desk page (a landscape tablet, 1180x820) open at once on one server.

- The desk shows a kiosk's emergency within 2 s, without a reload or a tap,
  and nothing on the desk page changes while no alert changes (its empty
  fragment polls; a MutationObserver sees no DOM change).
- "I'm on it" on the desk changes the kiosk's message within a few seconds.
- The desk's text never holds a question or an answer.
- The held kiosk resets after the alert hold, not after the idle time.
- The chime is off until turned on; then a new alert plays a Web Audio tone.
- 50 alerts in a burst: the desk shows them all and still answers a tap.

One server for the module: idle 4 s (warning 2 s) and alert hold 12 s
(warning 6 s), so the hold is clearly longer than idle + warning.
"""
from __future__ import annotations

import asyncio
import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from bench.ws_client import Session
from explainer.common.content import Content
from explainer.self_check.triage import QUESTIONS
from tests.browser.harness import KIOSK, close_page, goto, make_server, open_page, run_in_own_loop, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()
IDLE, IDLE_WARN = 4, 2
HOLD, HOLD_WARN = 12, 6
DESK = {"width": 1180, "height": 820}
CARD = "[class*='st-key-desk-emergency-'], [class*='st-key-desk-urgent-']"
OPEN_CARD = "[class*='st-key-desk-emergency-open-'], [class*='st-key-desk-urgent-open-']"

# Counts DOM changes inside the page's main area (not Streamlit's own
# "script running" flag on the app root, which is not part of the page's content).
OBSERVE_JS = """() => {
  window.__bseMutations = [];
  const main = document.querySelector('[data-testid=stMain]');
  new MutationObserver((records) => {
    for (const r of records) window.__bseMutations.push(r.type + ':' + (r.attributeName || '') + ':' +
      ((r.target.getAttribute && (r.target.getAttribute('data-testid') || r.target.className)) || r.target.nodeName));
  }).observe(main, { subtree: true, childList: true, attributes: true, characterData: true });
}"""


@pytest.fixture(scope="module")
def server():
    srv = make_server(EXPLAINER_IDLE_SECONDS=str(IDLE), EXPLAINER_ALERT_HOLD_SECONDS=str(HOLD))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def desk(browser, server):
    watched = open_page(browser, server.url, DESK)
    watched.frames_sent = []
    watched.page.on("websocket", lambda ws: ws.on("framesent", lambda payload: watched.frames_sent.append(time.monotonic())))
    yield watched
    close_page(watched)


@pytest.fixture
def kiosk(browser, server):
    watched = open_page(browser, server.url, KIOSK)
    yield watched
    close_page(watched)


def assert_accessible(page) -> None:
    results = Axe().run(page)
    serious = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def kiosk_emergency(kiosk, name: str, lang: str = "en") -> float:
    """Open the self-check on a named kiosk and tap one red flag; return when the result showed."""
    goto(kiosk, f"/self-check?lang={lang}&mode=kiosk&kiosk={name.replace(' ', '%20')}")
    page = kiosk.page
    yes = CONTENT.text(lang, "self_check.yes")
    page.locator(".st-key-self_check_q_saddle_numbness").get_by_role("radio", name=yes, exact=True).click()
    page.get_by_role("heading", name=CONTENT.text(lang, "self_check.outcomes.emergency.heading")).wait_for()
    return time.monotonic()


#: What the desk shows and does, for a failure's message: its cards' keys, the script's
#: state and the run tracker's counts (harness.RUN_TRACKER_JS).
DESK_STATE_JS = """() => ({state: (document.querySelector('[data-testid=stApp]') || {dataset: {}}).dataset.testScriptState,
  runs: window.__bseRuns, cards: [...document.querySelectorAll("[class*='st-key-desk-emergency-'], [class*='st-key-desk-urgent-']")]
    .map(e => [...e.classList].find(c => c.startsWith('st-key-desk-')))})"""


def wait_for_answer(page, predicate: str, arg=None, timeout: float = 5_000) -> None:
    """Wait for the desk to show the answer to "I'm on it" (``predicate``). If it does not, say
    what it shows, and whether its watch still asks the server every second (the run tracker's
    count of runs asked for, 2 s apart). Twice under heavy CPU load (three browsers busy on
    2 cores) a tap on "I'm on it" was not answered, once with the watch no longer asking: a
    tick of the watch had reached the server as the tap's run ended, and Streamlit dropped
    that run's last messages (now run as a whole page: ui/server.py section 9, made to
    happen every time in test_desk_watch_race)."""
    try:
        page.wait_for_function(predicate, arg=arg, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - re-raised with what the desk shows
        before = page.evaluate(DESK_STATE_JS)
        page.wait_for_timeout(2_000)
        after = page.evaluate(DESK_STATE_JS)
        raise AssertionError(f"'I'm on it' not answered within {timeout / 1000:.0f} s; the desk then: {before}; "
                             f"2 s later: {after}") from exc


def words_never_on_the_desk(text: str) -> None:
    for lang in ("en", "es"):
        for question in QUESTIONS:
            for field in ("text", "help", "reason"):
                words = CONTENT.text(lang, f"self_check.questions.{question}.{field}")
                assert words not in text, (lang, question, field)
        for word in (CONTENT.text(lang, "self_check.yes"), CONTENT.text(lang, "self_check.reasons_intro")):
            assert word not in text.split("\n") and word not in text.split(), (lang, word)


def test_kiosk_emergency_shows_on_the_desk_and_the_desk_answers(desk, kiosk):
    goto(desk, "/desk?lang=en&mode=staff")
    dpage = desk.page
    assert dpage.get_by_text(CONTENT.text("en", "desk.none")).is_visible()  # calm, when there is nothing
    shot(dpage, "desk_tablet_en_no_alerts")
    assert_accessible(dpage)

    # Nothing on the desk changes while nothing happens, though it keeps asking the server.
    dpage.evaluate("window.__bseNoReload = 1")
    dpage.evaluate(OBSERVE_JS)
    sent_before = len(desk.frames_sent)
    dpage.wait_for_timeout(4500)
    assert dpage.evaluate("window.__bseMutations") == []
    polls = len(desk.frames_sent) - sent_before
    assert polls >= 3, f"the desk asked the server {polls} times in 4.5 s"

    raised_at = kiosk_emergency(kiosk, "Waiting room 1", "es")
    # Shown means readable: the card with the kiosk's name in it (a card's words
    # can draw a moment after its box, while Streamlit loads its HTML renderer).
    dpage.wait_for_function(
        "([sel, name]) => [...document.querySelectorAll(sel)].some(c => c.innerText.includes(name))",
        arg=[OPEN_CARD, "Waiting room 1"], timeout=3000)
    shown_after = time.monotonic() - raised_at
    print(f"desk showed the alert {shown_after:.2f} s after the kiosk's result")
    assert shown_after <= 2.0
    assert dpage.evaluate("window.__bseNoReload") == 1  # same page: no reload
    assert dpage.evaluate("window.__bseMutations.length") > 0  # the observer does see changes
    card = dpage.locator(OPEN_CARD).first
    assert "Waiting room 1" in card.inner_text()
    assert CONTENT.text("en", "desk.level.emergency") in card.inner_text()
    words_never_on_the_desk(dpage.locator("body").inner_text())
    shot(dpage, "desk_tablet_en_emergency")
    shot(kiosk.page, "self_check_kiosk_es_emergency_waiting")
    assert_accessible(dpage)

    # "I'm on it": the desk shows when, and the kiosk says someone is coming.
    tapped = time.monotonic()
    card.get_by_role("button", name=CONTENT.text("en", "desk.on_it")).click()
    wait_for_app(dpage)
    wait_for_answer(dpage, "words => document.body.innerText.includes(words)",
                    CONTENT.text("en", "desk.acknowledged", time="").strip(), timeout=30_000)
    knows = kiosk.page.get_by_text(CONTENT.text("es", "self_check.held.desk_knows"))
    knows.wait_for(timeout=6000)
    noticed = time.monotonic() - tapped
    print(f"kiosk showed 'the front desk knows' {noticed:.2f} s after 'I'm on it'")
    assert noticed <= 4.0
    assert kiosk.page.get_by_text(CONTENT.text("es", "self_check.outcomes.emergency.front_desk")).count() == 0
    words_never_on_the_desk(dpage.locator("body").inner_text())
    shot(dpage, "desk_tablet_en_acknowledged")
    shot(kiosk.page, "self_check_kiosk_es_emergency_desk_knows")
    assert_accessible(kiosk.page)
    assert desk.real_errors() == [] and kiosk.real_errors() == []
    assert desk.foreign_requests() == [] and kiosk.foreign_requests() == []


def test_desk_in_kiosk_mode_is_for_the_staff_only(desk):
    goto(desk, "/desk?lang=es&mode=kiosk")
    page = desk.page
    assert page.get_by_role("heading", name=CONTENT.text("es", "desk.not_staff_title")).is_visible()
    assert page.locator(CARD).count() == 0
    assert_accessible(page)


#: The page's own clock (performance.now) at the last touch (the idle clock counts from it)
#: and when the idle warning first showed, noted every frame: the hold is measured between
#: the two inside the browser, so neither a slow rerun nor a slow round trip to the test on
#: a busy machine moves either end.
SEEN_AT_JS = """() => {
  window.__bseSeen = {touch: null, warning: null};
  document.addEventListener('pointerdown', () => { window.__bseSeen.touch = performance.now(); }, {capture: true});
  const look = () => {
    const seen = window.__bseSeen, w = document.querySelector('[data-testid=idle-warning]');
    if (seen.touch !== null && seen.warning === null && w && w.checkVisibility()) seen.warning = performance.now();
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""


def test_held_kiosk_resets_after_the_hold_not_before(kiosk):
    page = kiosk.page
    page.add_init_script(f"({SEEN_AT_JS})()")
    touched = kiosk_emergency(kiosk, "Hold test")
    # Well past idle + warning (4 + 2 s): still the result, no warning.
    page.wait_for_timeout((IDLE + IDLE_WARN + 2) * 1000)
    assert page.locator("[data-testid=idle-warning]").is_hidden()
    assert page.get_by_role("heading", name=CONTENT.text("en", "self_check.outcomes.emergency.heading")).is_visible()
    page.wait_for_selector("[data-testid=idle-warning]", state="visible", timeout=(HOLD + 4) * 1000)
    page.wait_for_function("() => window.__bseSeen.warning !== null")
    seen = page.evaluate("window.__bseSeen")
    warned_after = (seen["warning"] - seen["touch"]) / 1000
    deadline = time.monotonic() + HOLD_WARN + 8
    while time.monotonic() < deadline:
        try:
            if page.locator("h1").first.inner_text() == CONTENT.text("en", "home.title"):
                break
        except Exception:  # navigating
            pass
        page.wait_for_timeout(100)
    reset_after = time.monotonic() - touched
    print(f"held result: warning {warned_after:.2f} s after the tap, Home after {reset_after:.1f} s (hold {HOLD} s + {HOLD_WARN} s)")
    assert HOLD - 0.5 <= warned_after <= HOLD + 2
    assert page.locator("h1").first.inner_text() == CONTENT.text("en", "home.title")
    assert reset_after <= HOLD + HOLD_WARN + 4
    assert "kiosk=Hold+test" in page.url or "kiosk=Hold%20test" in page.url  # the kiosk keeps its name


def test_chime_is_off_until_turned_on(desk, browser, server):
    goto(desk, "/desk?lang=en&mode=staff")
    page = desk.page
    first = open_page(browser, server.url, KIOSK)
    try:
        kiosk_emergency(first, "Chime one")
        page.locator(OPEN_CARD, has_text="Chime one").wait_for(timeout=3000)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__bseChime.played") == 0  # off: silent
    finally:
        close_page(first)
    page.get_by_role("button", name=CONTENT.text("en", "desk.chime_on")).click()
    wait_for_app(page)
    assert page.get_by_text(CONTENT.text("en", "desk.chime_is_on")).is_visible()
    assert page.evaluate("window.__bseChime.audio !== null")  # the tap made the audio context
    second = open_page(browser, server.url, KIOSK)
    try:
        kiosk_emergency(second, "Chime two")
        page.locator(OPEN_CARD, has_text="Chime two").wait_for(timeout=3000)
        page.wait_for_function("window.__bseChime.played === 1", timeout=2000)
    finally:
        close_page(second)
    assert desk.foreign_requests() == []
    assert not [u for u in desk.requests if u.endswith((".mp3", ".wav", ".ogg", ".m4a"))]


def raise_emergencies(url: str, kiosks: list[str]) -> list[str]:
    """Each named kiosk's self-check answers Yes to a red flag, all at once, as a browser
    would send it (protocol sessions, bench/ws_client.py); what went wrong, if anything."""
    async def one(name: str) -> None:
        session = Session(url, "self-check", f"lang=en&mode=kiosk&kiosk={name.replace(' ', '%20')}")
        await session.open()
        await session.tap("self_check_q_saddle_numbness", "Yes")
        await session.close()

    async def main() -> list:
        return await asyncio.gather(*(one(name) for name in kiosks), return_exceptions=True)

    return [repr(e) for e in run_in_own_loop(main(), timeout=120) if e]


def test_fifty_alerts_in_a_burst_all_show_and_the_desk_still_answers(desk, server):
    goto(desk, "/desk?lang=es&mode=staff")
    page = desk.page
    before = page.locator(CARD).count()
    open_before = page.locator(OPEN_CARD).count()
    started = time.monotonic()
    errors = raise_emergencies(server.url, [f"Burst {n}" for n in range(50)])
    raised = time.monotonic() - started
    assert errors == []
    page.wait_for_function(
        f"document.querySelectorAll(\"{CARD}\").length >= {before + 50}", timeout=10_000)
    shown = time.monotonic() - started
    burst_cards = page.locator(OPEN_CARD, has_text="Burst")
    assert burst_cards.count() == 50
    names = re.findall(r"Burst \d+", page.locator("[data-testid=stMain]").inner_text())
    assert sorted(names) == sorted(f"Burst {n}" for n in range(50))
    # Still answers a tap quickly.
    tapped = time.monotonic()
    burst_cards.first.get_by_role("button", name=CONTENT.text("es", "desk.on_it")).click()
    wait_for_answer(page, f"document.querySelectorAll(\"{OPEN_CARD}\").length === {open_before + 49}")
    answered = time.monotonic() - tapped
    print(f"50 alerts raised in {raised:.1f} s, all on the desk {shown:.1f} s after the burst began; 'I'm on it' took {answered:.2f} s")
    assert answered < 2.0
    shot(page, "desk_tablet_es_burst")
    assert_accessible(page)
    assert desk.real_errors() == []
