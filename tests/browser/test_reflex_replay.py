"""/reflex's picture and slow-motion replay in a real browser, and the teach
layout on landscape tablets.

- "Watch it happen" plays the chosen pull from the model's frames: the
  drawing changes over time, the stage buttons light up as the pulse passes,
  the caption (a polite live region) changes once per phase, and it ends on
  the final frame, the same picture the server draws for that moment.
- While it plays the page sends nothing to the server (WebSocket frames).
- A tap on another choice stops it and shows the new choice at once.
- Reduced motion: the same phases as a step-through, one tap each.
- Sound: the audio context is created only after a tap.
- Kiosk: the page with the numbers closed is at most two screens tall.
- Landscape tablets: a control and the figure it changes are on screen together.
"""
from __future__ import annotations

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.common.content import Content
from explainer.reflex.figure import GEOMETRY, Moment, place
from explainer.reflex.replay import all_payloads, replay_of
from tests.browser.harness import KIOSK, close_page, goto, open_page, shot, wait_for_app

pytestmark = pytest.mark.browser

CONTENT = Content.load()
LANDSCAPES = [{"width": 1180, "height": 820}, {"width": 1366, "height": 1024}]
PORTRAIT_TABLET = {"width": 820, "height": 1180}
TWO_KIOSK_SCREENS = 2 * KIOSK["height"]  # 3,840 px

#: The parts of the picture the replay moves, read as numbers.
PICTURE_JS = """() => {
  const q = s => document.querySelector(s);
  const nums = v => (v || '').match(/-?\\d+(\\.\\d+)?/g).map(Number);
  return {
    muscle: nums(q('#reflex-fig-muscle').getAttribute('transform')),
    ghost: nums(q('#reflex-fig-ghost').getAttribute('transform')),
    ghostShown: q('#reflex-fig-ghost').getAttribute('visibility') === 'visible',
    glow: [Number(q('#reflex-fig-glow').getAttribute('r')), Number(q('#reflex-fig-glow').getAttribute('opacity'))],
    pull: nums(q('#reflex-fig-pull').getAttribute('transform')),
    sensory: nums(q('#reflex-fig-sensory').getAttribute('d')),
    motor: nums(q('#reflex-fig-motor').getAttribute('d')),
  };
}"""
STATE_JS = """() => { const g = window.__bseReplay; return {
  playing: !!(g && g.playing), ended: !!(g && g.ended), frames: g ? g.frames : 0,
  slowed: !document.querySelector('.bse-replay-slowed').hidden,
  caption: document.querySelector('.bse-replay-caption').textContent,
  step: document.querySelector('.bse-replay-step').hidden ? '' : document.querySelector('.bse-replay-step').textContent,
  watch: document.querySelector('.bse-replay-watch').textContent,
  lit: [...document.querySelectorAll('.st-key-reflex-steps button[data-replay-lit=true]')].length,
}; }"""
#: Records every change of the caption and of the lit stage buttons.
RECORD_JS = """() => {
  const log = window.__replayLog = {captions: [], lit: []};
  new MutationObserver(() => log.captions.push(document.querySelector('.bse-replay-caption').textContent))
    .observe(document.querySelector('.bse-replay-caption'), {childList: true, characterData: true, subtree: true});
  new MutationObserver(() => log.lit.push(document.querySelectorAll('.st-key-reflex-steps button[data-replay-lit=true]').length))
    .observe(document.querySelector('.st-key-reflex-steps'), {attributes: true, subtree: true, attributeFilter: ['data-replay-lit']});
}"""


def expected_picture(choice: str) -> dict:
    """What the picture should show at the last moment of ``choice``'s replay,
    from the same sums the server draws with (explainer.reflex.figure)."""
    sent = all_payloads()[choice]
    at = place(Moment(sent["stretch"][-1], sent["free"][-1], sent["rate"][-1], sent["force"][-1]))
    nums = lambda text: [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text)]  # noqa: E731
    return {
        "muscle": nums(at.belly_transform()),
        "ghost": nums(at.ghost_transform()),
        "ghostShown": at.ghost_shown,
        "glow": [round(at.glow_r, 2), round(at.glow_opacity, 2)],
        "pull": [round(at.end_x - GEOMETRY.rest_end_x, 2), 0.0],
        "sensory": nums(at.sensory_d()),
        "motor": nums(at.motor_d()),
    }


def assert_picture(actual: dict, expected: dict) -> None:
    assert actual["ghostShown"] == expected["ghostShown"]
    for key in ("muscle", "ghost", "glow", "pull", "sensory", "motor"):
        assert actual[key] == pytest.approx(expected[key], abs=0.011), key


def _watch(page) -> float:
    page.locator(".bse-replay-watch").click()
    return time.monotonic()


@pytest.fixture
def kiosk(browser, server):
    watched = open_page(browser, server.url, KIOSK)
    yield watched
    close_page(watched)


def test_watch_it_happen_plays_the_model_and_ends_on_the_final_frame(kiosk):
    page = kiosk.page
    sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(time.monotonic())))
    goto(kiosk, "/reflex?lang=en")
    assert_picture(page.evaluate(PICTURE_JS), expected_picture("sudden-large"))  # the still picture: the last moment
    page.evaluate(RECORD_JS)
    page.wait_for_timeout(500)
    start = _watch(page)
    pictures = []
    for _ in range(6):
        page.wait_for_timeout(500)
        pictures.append(page.evaluate(PICTURE_JS))
        state = page.evaluate(STATE_JS)
        if pictures[-1] and len(pictures) == 2:
            assert state["playing"] and state["slowed"]  # "slowed down 20 times" is on screen
            shot(page, "reflex_replay_playing_en")
    assert len({tuple(p["muscle"]) for p in pictures}) >= 4  # the muscle lengthens, tightens and pulls back
    assert len({tuple(p["ghost"]) for p in pictures}) >= 2
    page.wait_for_function("window.__bseReplay.ended && !window.__bseReplay.playing", timeout=10_000)
    took = time.monotonic() - start
    assert 4.0 < took < 10.0  # 252 ms of model time, 20 times slower: about 5 s
    state = page.evaluate(STATE_JS)
    assert state["frames"] > 30  # animated frame by frame (the frame rate is bench/replay_frames.py's to measure)
    assert_picture(page.evaluate(PICTURE_JS), expected_picture("sudden-large"))
    t = CONTENT.for_language("en")
    phases = [t(f"reflex.replay.phase.{p.caption_key}") for p in replay_of("sudden-large").phases]
    log = page.evaluate("window.__replayLog")
    assert log["captions"] == phases  # one line per phase, never per frame
    assert log["lit"] == sorted(log["lit"]) and log["lit"][-1] == 5 and len(set(log["lit"])) >= 4
    assert state["lit"] == 5 and state["caption"] == phases[-1]
    during = [s for s in sent if start + 0.2 < s < start + took]
    assert during == [], f"{len(during)} WebSocket messages sent while the replay played"
    assert not kiosk.real_errors()
    assert not kiosk.foreign_requests()


def test_another_choice_stops_the_replay_and_shows_at_once(kiosk):
    page = kiosk.page
    goto(kiosk, "/reflex?lang=en")
    _watch(page)
    page.wait_for_timeout(1200)
    assert page.evaluate(STATE_JS)["playing"]
    page.get_by_role("radio", name="Slow").click()
    page.wait_for_timeout(50)  # a frame or two, long before the server's rerun matters
    state = page.evaluate(STATE_JS)
    assert not state["playing"] and not state["slowed"] and state["lit"] == 0
    assert_picture(page.evaluate(PICTURE_JS), expected_picture("slow-large"))
    frames = state["frames"]
    wait_for_app(page)
    page.wait_for_timeout(500)
    assert page.evaluate(STATE_JS)["frames"] == frames  # nothing plays on
    assert_picture(page.evaluate(PICTURE_JS), expected_picture("slow-large"))
    t = CONTENT.for_language("en")
    assert page.evaluate(STATE_JS)["caption"] == t(f"reflex.replay.phase.{replay_of('slow-large').phases[-1].caption_key}")


def test_reduced_motion_steps_through_the_same_phases(browser, server):
    context = browser.new_context(viewport=KIOSK, has_touch=True, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(f"{server.url}/reflex?lang=es")
        wait_for_app(page)
        t = CONTENT.for_language("es")
        phases = replay_of("sudden-large").phases
        seen = []
        for number, phase in enumerate(phases, start=1):
            page.locator(".bse-replay-watch").click()
            page.wait_for_timeout(300)
            state = page.evaluate(STATE_JS)
            assert state["frames"] == 0 and not state["playing"]  # no animation at all
            assert state["caption"] == t(f"reflex.replay.phase.{phase.caption_key}")
            assert state["step"] == t("reflex.replay.step").format(step=number, count=len(phases))
            seen.append(page.evaluate(PICTURE_JS)["muscle"])
        assert len({tuple(m) for m in seen}) == len(phases)  # each step shows its own moment
        assert page.evaluate(STATE_JS)["watch"] == t("reflex.replay.again")
        shot(page, "reflex_reduced_motion_es")
    finally:
        context.close()


AUDIO_COUNT_JS = """(() => {
  window.__audioContexts = 0;
  const Original = window.AudioContext;
  window.AudioContext = class extends Original { constructor(...args) { super(...args); window.__audioContexts += 1; } };
})()"""


@pytest.mark.parametrize("mode", ["staff", "kiosk"])
def test_sound_is_made_only_after_a_tap(browser, server, mode):
    context = browser.new_context(viewport=LANDSCAPES[0], has_touch=True)
    context.add_init_script(AUDIO_COUNT_JS)
    page = context.new_page()
    try:
        page.goto(f"{server.url}/reflex?lang=en&mode={mode}")
        wait_for_app(page)
        page.wait_for_timeout(500)
        pressed = page.locator(".bse-replay-sound").get_attribute("aria-pressed")
        assert pressed == ("true" if mode == "staff" else "false")  # on for staff, off on a kiosk
        assert page.evaluate("window.__audioContexts") == 0  # nothing before a tap
        page.locator(".bse-replay-watch").click()
        page.wait_for_timeout(300)
        expected = 1 if mode == "staff" else 0
        assert page.evaluate("window.__audioContexts") == expected
        assert page.evaluate("!!window.__bseReplay.master") is (mode == "staff")  # clicks scheduled
        if mode == "kiosk":
            page.locator(".bse-replay-sound").click()  # turned on: made in this tap
            assert page.evaluate("window.__audioContexts") == 1
            assert page.locator(".bse-replay-sound").get_attribute("aria-pressed") == "true"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_kiosk_page_with_the_numbers_closed_is_at_most_two_screens(kiosk, lang):
    page = kiosk.page
    goto(kiosk, f"/reflex?lang={lang}")
    page.wait_for_timeout(500)
    assert page.locator(".st-key-reflex-numbers details").get_attribute("open") is None  # closed on a kiosk
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    print(f"\n/reflex kiosk {lang}: {height} px tall with the numbers closed")
    assert height <= TWO_KIOSK_SCREENS
    controls = page.locator(".st-key-reflex-controls").bounding_box()
    picture = page.locator("svg.reflex-figure").bounding_box()
    assert picture["y"] >= controls["y"] + controls["height"]  # portrait: stacked, controls first
    assert picture["y"] + picture["height"] <= KIOSK["height"]  # the picture is on the first screen
    shot(page, f"reflex_kiosk_{lang}")
    page.get_by_text(CONTENT.text(lang, "reflex.sources.open")).click()
    page.wait_for_timeout(300)
    assert "Prochazka" in page.locator(".st-key-reflex-sources").inner_text()
    assert not kiosk.real_errors() and not kiosk.foreign_requests()


def _inside(box: dict, viewport: dict) -> bool:
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"]


@pytest.mark.parametrize("viewport", LANDSCAPES, ids=lambda v: f"{v['width']}x{v['height']}")
def test_landscape_tablet_keeps_each_control_and_its_figure_on_screen(browser, server, viewport):
    watched = open_page(browser, server.url, viewport)
    page = watched.page
    try:
        goto(watched, "/reflex?lang=en&mode=staff")  # a tablet in the consultation room: numbers open
        page.wait_for_timeout(500)
        controls = page.locator(".st-key-reflex-controls").bounding_box()
        picture = page.locator("svg.reflex-figure")
        assert picture.bounding_box()["x"] >= controls["x"] + controls["width"]  # side by side
        scroll = "document.querySelector('[data-testid=stMain]').scrollTop"

        # (a) a speed choice changes the picture (and the charts)
        before = page.evaluate(PICTURE_JS)
        at = page.evaluate(scroll)
        page.get_by_role("radio", name="Slow").click()
        page.wait_for_timeout(200)  # a few frames: the browser answers the tap itself
        assert page.evaluate(PICTURE_JS) != before
        assert page.evaluate(scroll) == at  # the tap did not scroll
        assert _inside(page.get_by_role("radio", name="Slow").bounding_box(), viewport)
        assert _inside(picture.bounding_box(), viewport)
        wait_for_app(page)

        # (b) a stage button lights the signal path
        stage = page.locator(".st-key-reflex_stage_4 button")
        assert _inside(stage.bounding_box(), viewport)  # reachable without scrolling
        stage.click()
        wait_for_app(page)
        page.wait_for_function("document.querySelector('svg.reflex-figure').dataset.stage === '4'", timeout=10_000)
        assert _inside(stage.bounding_box(), viewport)
        assert _inside(picture.bounding_box(), viewport)

        # (a, numbers open) scrolled down to the charts, the choices stay beside them
        chart = page.locator(".st-key-reflex-charts [data-testid=stVegaLiteChart]").first
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        line = "document.querySelector('.st-key-reflex-charts g.mark-line path').getAttribute('d')"
        before_line = page.evaluate(line)
        quick = page.get_by_role("radio", name="Quick")
        assert _inside(quick.bounding_box(), viewport)  # no scrolling needed to reach it
        at = page.evaluate(scroll)
        quick.click()
        page.wait_for_function(f"{line} !== {before_line!r}", timeout=3_000)
        assert page.evaluate(scroll) == at
        assert _inside(quick.bounding_box(), viewport)
        assert _inside(chart.bounding_box(), viewport)
        wait_for_app(page)
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        if viewport["width"] == 1180:
            page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
            page.wait_for_timeout(200)
            shot(page, "reflex_landscape_1180x820_en")
        assert not watched.real_errors() and not watched.foreign_requests()
    finally:
        close_page(page)


def test_portrait_tablet_keeps_the_stacked_order(browser, server):
    watched = open_page(browser, server.url, PORTRAIT_TABLET)
    try:
        goto(watched, "/reflex?lang=es&mode=staff")
        controls = watched.page.locator(".st-key-reflex-controls").bounding_box()
        picture = watched.page.locator("svg.reflex-figure").bounding_box()
        assert picture["y"] >= controls["y"] + controls["height"]
    finally:
        close_page(watched)


AXE = Axe()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_serious_accessibility_problem_with_numbers_open_and_after_a_replay(browser, server, lang):
    watched = open_page(browser, server.url, LANDSCAPES[0])
    page = watched.page
    try:
        goto(watched, f"/reflex?lang={lang}&mode=staff")
        page.get_by_text(CONTENT.text(lang, "reflex.sources.open")).click()
        page.locator(".bse-replay-watch").click()
        page.wait_for_function("window.__bseReplay.ended", timeout=10_000)
        results = AXE.run(page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], "\n".join(serious)
        small = page.evaluate(
            "[...document.querySelectorAll('.bse-replay button, .st-key-reflex-numbers summary, .st-key-reflex-sources summary')]"
            ".map(b => b.getBoundingClientRect()).filter(r => r.width < 48 || r.height < 48).length"
        )
        assert small == 0
        assert not watched.real_errors() and not watched.foreign_requests()
    finally:
        close_page(page)


#: The replay's cursor on each chart: its x in pixels (the last layer of each chart), or null when not drawn.
CURSOR_JS = """() => [...document.querySelectorAll('.st-key-reflex-charts [data-testid=stVegaLiteChart]')].map(chart => {
  const layers = [...chart.querySelectorAll('g.mark-rule')].filter(g => /layer_\\d+_marks/.test(g.getAttribute('class')));
  const last = layers.sort((a, b) => Number(b.getAttribute('class').match(/layer_(\\d+)/)[1]) - Number(a.getAttribute('class').match(/layer_(\\d+)/)[1]))[0];
  const line = last && last.querySelector('line');
  return line ? Number((line.getAttribute('transform') || '').match(/translate\\(([-\\d.]+)/)[1]) : null;
})"""


def test_the_charts_time_cursor_moves_with_the_replay(browser, server):
    viewport = LANDSCAPES[1]
    watched = open_page(browser, server.url, viewport)
    page = watched.page
    try:
        goto(watched, "/reflex?lang=en&mode=staff")  # numbers open
        page.wait_for_timeout(500)
        assert page.evaluate(CURSOR_JS) == [None, None, None]  # no replay, no cursor
        page.locator(".bse-replay-watch").click()
        # the person scrolls down to the charts while it plays
        page.locator(".st-key-reflex-charts [data-testid=stVegaLiteChart]").nth(1).scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        early = page.evaluate(CURSOR_JS)
        page.wait_for_timeout(1500)
        later = page.evaluate(CURSOR_JS)
        assert all(x is not None for x in early + later)
        assert all(b > a for a, b in zip(early, later))  # moving right, in step on every chart
        page.wait_for_function("window.__bseReplay.ended", timeout=10_000)
        end = page.evaluate(CURSOR_JS)
        page.get_by_role("radio", name="Quick").click()  # a new choice: the cursor goes away
        page.wait_for_timeout(300)
        assert page.evaluate(CURSOR_JS) == [None, None, None]
        # it stopped where the replay ended: 282 ms, 47% of the 600 ms axis (the same share of each chart)
        assert all(x > 0 for x in end)
        assert end[1] == pytest.approx(end[2], rel=0.02)  # the two small charts are the same width
        assert not watched.real_errors()
    finally:
        close_page(page)
