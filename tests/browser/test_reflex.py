"""/reflex in a real browser: kiosk 1080x1920 and tablet 1024x1366, charts drawn
with the model's two different stretch lines, big touch targets, a tap changes
the picture and the story before the server hears of it, no console errors,
no foreign requests."""
import time

import pytest

from tests.browser.harness import ServerMessages, as_a_fresh_page_draws_it, goto, shot, to_front, wait_for_app

pytestmark = pytest.mark.browser

CHART_MARKS = "document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"
#: The stretch chart's lines: the with- and without-reflex muscles (path text of each).
STRETCH_LINES_JS = "[...document.querySelector('.st-key-reflex-charts [data-testid=stVegaLiteChart]').querySelectorAll('g.mark-line path')].map(p => p.getAttribute('d') || '')"


#: The choice the server's last render sent the page (ui/instant.js keeps it): a tap's
#: rerun has reached the page once this is the tapped choice.
SERVER_CHOICE_JS = "window.__bseInstant && window.__bseInstant.cfg && window.__bseInstant.cfg.current"


def wait_for_server_choice(page, choice: str) -> None:
    """Wait until the server has rendered ``choice`` (not merely until the app looks idle:
    a tap's rerun may not have started yet), then until the app is idle."""
    page.wait_for_function(f"({SERVER_CHOICE_JS}) === {choice!r}", timeout=20_000)
    wait_for_app(page)


def _choice_sizes(page):
    return page.evaluate(
        "[...document.querySelectorAll('.st-key-reflex-controls [data-testid=stButtonGroup] button')]"
        ".map(b => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })"
    )


def test_kiosk_renders_charts_diagram_and_answers_a_tap(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/reflex?lang=en")
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    assert page.evaluate(CHART_MARKS) == 3
    assert page.locator("svg.reflex-figure[role=img]").count() == 1
    lines = page.evaluate(STRETCH_LINES_JS)
    assert len(lines) == 2 and lines[0] != lines[1]  # with and without the reflex: two different lines
    sizes = _choice_sizes(page)
    assert len(sizes) == 6 and all(w >= 48 and h >= 48 for w, h in sizes)
    picture = page.locator("#reflex-fig-muscle").get_attribute("transform")

    outcome = page.locator(".reflex-outcome")  # behind "See the numbers" (closed): its text still changes
    before = outcome.text_content()
    page.get_by_role("radio", name="Slow").click()
    page.get_by_role("radio", name="Small").click()
    wait_for_app(page)
    page.wait_for_function("!document.querySelector('.reflex-outcome').textContent.includes('tearing zone. Without')")
    assert outcome.text_content() != before
    assert "out of 100" in outcome.text_content()
    assert page.locator("#reflex-fig-muscle").get_attribute("transform") != picture  # the picture shows the new pull
    page.get_by_role("button", name="2 Sense").click()
    # The tap's rerun may not have started yet when the app looks idle: wait on the
    # state asserted (the picture lit up to stage 2), then for the rerun to finish.
    page.wait_for_function("document.querySelector('svg.reflex-figure')?.getAttribute('data-stage') === '2'", timeout=20_000)
    wait_for_app(page)
    assert page.locator("svg.reflex-figure").get_attribute("data-stage") == "2"
    assert page.evaluate(CHART_MARKS) == 3
    shot(page, "reflex_kiosk_en_slow_small")
    assert not kiosk_page.real_errors()
    assert not kiosk_page.foreign_requests()


def test_tablet_spanish_staff(tablet_page):
    page = tablet_page.page
    goto(tablet_page, "/reflex?lang=es&mode=staff")
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    assert "Por qué se tensan" in page.locator("h1").first.inner_text()
    assert page.locator(".st-key-reflex-numbers details").get_attribute("open") is not None  # staff: numbers open
    lines = page.evaluate(STRETCH_LINES_JS)
    assert len(lines) == 2 and lines[0] != lines[1]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1024  # nothing wider than the tablet
    shot(page, "reflex_tablet_es")
    assert not tablet_page.real_errors()
    assert not tablet_page.foreign_requests()


# --- Instant choices: a tap is answered in the browser before the server's rerun ---

CHARTS = ".st-key-reflex-charts [data-testid=stVegaLiteChart]"
SIG_JS = f"""() => [...document.querySelectorAll('{CHARTS}')].map(c => {{
    const s = c.querySelector('svg.marks'); return s ? s.innerHTML : ''; }}).join('|')"""
#: What the three charts plot, in a form that does not depend on their width: for every line
#: and area, its y values in order (each chart's height is fixed, so a choice's curves give
#: the same y values on any page), and every word drawn (axes, legend, labels). A fresh page
#: can lay a chart out a pixel or two wider or narrower than a page in use (a chart drawn
#: before its font has loaded measures its axis labels with another font), which moves
#: every x; the full SVG (SIG_JS) is for comparing one page with itself.
SHAPE_JS = f"""() => [...document.querySelectorAll('{CHARTS}')].map(c => ({{
    curves: [...c.querySelectorAll('svg.marks g.mark-line path, svg.marks g.mark-area path')].map(p =>
        ((p.getAttribute('d') || '').match(/[ML][^ML]*/g) || []).map(cmd => {{
            const n = cmd.slice(1).split(/[ ,]+/).filter(Boolean).map(Number);
            return Math.round(n[1] * 10) / 10; }})),
    words: [...c.querySelectorAll('svg.marks text')].map(t => t.textContent),
}}))"""
STATE_JS = """() => ({
    choice: document.body.value,
    caption: document.querySelector('.bse-replay-caption').textContent,
    pull: document.querySelector('[data-choice-slot=pull]').textContent,
    outcome: document.querySelector('[data-choice-slot=outcome]').textContent,
    kind: document.querySelector('[data-choice-slot=outcome]').dataset.kind,
    stretch: document.querySelector('[data-choice-slot=summary-stretch]').textContent,
    stage2: document.querySelector('[data-choice-slot=stage-2]').textContent,
})"""


def _expected(lang, speed, distance):
    from explainer.common.content import Content
    from explainer.reflex.words import choice_texts

    words = choice_texts(Content.load().for_language(lang), speed, distance)
    from explainer.reflex.replay import replay_of

    t = Content.load().for_language(lang)
    end = replay_of(f"{speed}-{distance}").phases[-1].caption_key
    return {
        "choice": f"{speed}-{distance}",
        "caption": t(f"reflex.replay.phase.{end}"),
        "pull": words["text"]["pull"],
        "outcome": words["text"]["outcome"],
        "kind": words["kind"]["outcome"],
        "stretch": words["text"]["summary-stretch"],
        "stage2": words["text"]["stage-2"],
    }


def _reference_charts(browser, server, taps):
    """The charts as a fresh page draws them after the server has rendered ``taps`` (radio
    name, choice) one by one."""
    return as_a_fresh_page_draws_it(browser, server, "/reflex?lang=en", f"{CHART_MARKS} >= 3", taps, SHAPE_JS)


def test_a_tap_redraws_charts_and_words_before_the_server_hears_of_it(kiosk_page, browser, server):
    """Hold every message from the page to the server, tap: the charts and the
    story change at once anyway. Let the messages go: the server's rerun
    renders the same choice, and nothing on the page changes again."""
    page = kiosk_page.page
    messages = ServerMessages(page)
    goto(kiosk_page, "/reflex?lang=en")
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    before = page.evaluate(SIG_JS)
    assert page.evaluate(STATE_JS) == _expected("en", "sudden", "large")

    messages.holding = True
    page.get_by_role("radio", name="Slow").click()
    page.wait_for_function(f"({SIG_JS})() !== {before!r}".replace("\n", " "), timeout=5_000)
    page.wait_for_timeout(300)
    instant = page.evaluate(SIG_JS)
    assert messages.held, "the tap's rerun request was held back"
    assert page.locator("[data-testid=stApp]").get_attribute("data-test-script-state") == "notRunning"
    assert page.evaluate(STATE_JS) == _expected("en", "slow", "large")
    shot(page, "reflex_instant_before_server")

    messages.release()
    wait_for_app(page)
    page.wait_for_timeout(300)
    assert page.evaluate(STATE_JS) == _expected("en", "slow", "large")
    assert page.evaluate(SIG_JS) == instant  # the server's render changed nothing
    assert page.evaluate(SHAPE_JS) == _reference_charts(browser, server, [("Slow", "slow-large")])
    assert not kiosk_page.real_errors()


#: Every change inside the three charts (nodes added or removed, attributes, text) from the
#: moment it is armed; and the chart elements themselves, to tell if one was replaced.
WATCH_CHARTS_JS = f"""() => {{
    window.__chartChanges = [];
    window.__chartNodes = [...document.querySelectorAll('{CHARTS}')];
    const where = n => {{ const e = n.nodeType === 1 ? n : n.parentElement;
        return (e.getAttribute('class') || e.nodeName).toString().split(' ')[0]; }};
    const watch = new MutationObserver(records => {{ for (const r of records) window.__chartChanges.push(
        `${{r.type}} ${{where(r.target)}} ${{r.attributeName || ''}}`); }});
    for (const chart of window.__chartNodes)
      watch.observe(chart, {{subtree: true, childList: true, attributes: true, characterData: true}});
}}"""
SAME_CHARTS_JS = f"""() => {{ const now = [...document.querySelectorAll('{CHARTS}')];
    return now.length === window.__chartNodes.length && now.every((c, i) => c === window.__chartNodes[i]); }}"""


def test_the_servers_rerun_leaves_the_charts_alone(kiosk_page):
    """After the browser has answered a tap, the server's rerun of the same choice does
    not touch the charts' DOM at all: the same chart elements, and no node, attribute or
    text inside them changes. (Streamlit re-embeds a chart when anything of the element
    differs, its alt text included: Vega then builds every mark again.)"""
    page = kiosk_page.page
    messages = ServerMessages(page)
    goto(kiosk_page, "/reflex?lang=en")
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    for name, choice in [("Slow", "slow-large"), ("Small", "slow-small")]:
        before = page.evaluate(SIG_JS)
        messages.holding = True
        page.get_by_role("radio", name=name).click()
        page.wait_for_function(f"({SIG_JS})() !== {before!r}".replace("\n", " "), timeout=5_000)
        page.wait_for_timeout(300)  # Vega's own redraw is over
        page.evaluate(WATCH_CHARTS_JS)
        messages.release()
        wait_for_server_choice(page, choice)  # the rerun has reached the page
        page.wait_for_timeout(500)  # a late change to the charts would show up here
        assert page.evaluate(SAME_CHARTS_JS), f"the rerun after {name!r} replaced a chart"
        changes = page.evaluate("window.__chartChanges")
        assert changes == [], f"the rerun after {name!r} changed the charts: {len(changes)} changes, {changes[:5]}"
    assert page.evaluate("window.__bseInstant.taps") == 2


def test_quick_taps_end_on_the_last_choice_everywhere(kiosk_page, browser, server):
    """Five taps without waiting for the server: the page ends on the last
    choice (charts, words, controls), the same as a page that took them slowly."""
    page = kiosk_page.page
    goto(kiosk_page, "/reflex?lang=en")
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    for name in ["Slow", "Small", "Quick", "Large", "Medium"]:
        page.get_by_role("radio", name=name).click()
    wait_for_server_choice(page, "quick-medium")
    page.wait_for_timeout(500)  # an older render arriving late must not undo the last tap
    assert page.evaluate(STATE_JS) == _expected("en", "quick", "medium")
    assert page.get_by_role("radio", name="Quick").get_attribute("aria-checked") == "true"
    assert page.get_by_role("radio", name="Medium").get_attribute("aria-checked") == "true"
    reference = _reference_charts(browser, server, [("Quick", "quick-large"), ("Medium", "quick-medium")])
    to_front(page)
    # The charts as the reference draws them, once drawn: wait on that, then read it.
    deadline = time.monotonic() + 10
    while page.evaluate(SHAPE_JS) != reference and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert page.evaluate(SHAPE_JS) == reference
    assert page.evaluate("window.__bseInstant.taps") == 5


def test_language_switch_after_taps_keeps_the_choice_in_spanish(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/reflex?lang=en")
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    page.get_by_role("radio", name="Slow").click()
    page.get_by_role("radio", name="Small").click()
    wait_for_server_choice(page, "slow-small")
    page.locator(".st-key-lang_es button").click()
    # The Spanish render has reached the page (its words for the choice are Spanish).
    page.wait_for_function(
        f"({SERVER_CHOICE_JS}) === 'slow-small' && window.__bseInstant.cfg.texts['slow-small'].text.pull.includes('lento')",
        timeout=20_000)
    wait_for_app(page)
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    page.wait_for_function("document.querySelector('[data-choice-slot=pull]').textContent.includes('lento')", timeout=5_000)
    assert page.evaluate(STATE_JS) == _expected("es", "slow", "small")
    # and a tap is answered in Spanish too
    page.get_by_role("radio", name="Rápido").click()
    wait_for_server_choice(page, "quick-small")
    assert page.evaluate(STATE_JS) == _expected("es", "quick", "small")
    shot(page, "reflex_kiosk_es_after_switch")
    assert not kiosk_page.real_errors()


def test_two_taps_within_one_round_trip_end_on_the_combination_tapped(kiosk_page, browser, server):
    """Tap the speed, then the pull, before the server has answered either: the page
    shows the two choices tapped together (slow + small), built from what is on screen,
    not from the server's last render (which still says sudden + large)."""
    page = kiosk_page.page
    messages = ServerMessages(page)
    goto(kiosk_page, "/reflex?lang=en")
    page.wait_for_function(f"{CHART_MARKS} >= 3", timeout=20_000)
    assert page.evaluate("document.body.value") == "sudden-large"

    messages.two_quick_taps(page, ("Slow", "slow-large"), "Small")
    state = page.evaluate(STATE_JS)
    assert state["choice"] == "slow-small", f"two quick taps showed {state['choice']!r}, not the combination tapped"
    assert state == _expected("en", "slow", "small")
    assert "slow" in state["pull"].lower() and "small" in state["pull"].lower()  # "A slow, small pull."

    messages.release()
    # The server has run both taps once its render (the choice it sends the page) says so.
    page.wait_for_function("window.__bseInstant.cfg.current === 'slow-small'", timeout=20_000)
    wait_for_app(page)
    # The server's renders of the held taps must not undo them: still slow + small.
    page.wait_for_function("document.body.value === 'slow-small'", timeout=5_000)
    assert page.evaluate(STATE_JS) == _expected("en", "slow", "small")
    assert page.get_by_role("radio", name="Slow").get_attribute("aria-checked") == "true"
    assert page.get_by_role("radio", name="Small").get_attribute("aria-checked") == "true"
    assert page.evaluate(SHAPE_JS) == _reference_charts(browser, server, [("Slow", "slow-large"), ("Small", "slow-small")])
    assert not kiosk_page.real_errors()
