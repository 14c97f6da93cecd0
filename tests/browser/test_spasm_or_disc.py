"""Spasm or disc? (and /care's chart) in a real browser.

- Portrait kiosk 1080x1920, English and Spanish: every step by tapping Next, each new step
  opening at its top (heading and progress in view), no level code (L4, L5, S1) anywhere on a
  kiosk screen (text, buttons, diagram labels, alt text), no serious/critical axe violation.
- Landscape tablets 1180x820 and 1366x1024: on the spine, leg-map and timeline steps and on
  /care, tap a control and check from bounding boxes that the control and the figure it
  changed are both fully on screen.
- The look: a tapped option keeps no darker colour once another is chosen, the comparison's
  paired boxes have equal heights, diagram text is in the app's font.
Screenshots: tests/screenshots/spasm-*.png and care-landscape-*.png.
"""
from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from explainer.common.content import Content
from explainer.disc import walkthrough as walk
from tests.browser.harness import ServerMessages, as_a_fresh_page_draws_it, close_page, goto, open_page, shot, wait_for_app

pytestmark = pytest.mark.browser
CONTENT = Content.load()
N = len(walk.STEPS)
AXE = Axe()
LANDSCAPES = [{"width": 1180, "height": 820}, {"width": 1366, "height": 1024}]
CODE = re.compile(r"\b(L[1-5]|S[1-5])\b")

# Every word a kiosk screen shows or reads out in the main area: visible text, accessible
# names, alt text and SVG text alternatives.
WORDS_JS = """
() => {
  const main = document.querySelector('[data-testid=stMain]');
  const out = [main.innerText];
  for (const el of main.querySelectorAll('[aria-label], [alt], [title]'))
    out.push(el.getAttribute('aria-label') || '', el.getAttribute('alt') || '', el.getAttribute('title') || '');
  for (const el of main.querySelectorAll('svg title, svg desc, svg text')) out.push(el.textContent);
  return out.join('\\n');
}
"""
SCROLL_TOP_JS = """
() => Math.max(window.scrollY, document.scrollingElement.scrollTop,
               (document.querySelector('[data-testid=stMain]') || {}).scrollTop || 0)
"""


def t_(lang: str):
    return CONTENT.for_language(lang)


def assert_no_serious_axe_violation(page, where: str) -> None:
    results = AXE.run(page)
    serious = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, (where, serious)


def step_label(lang: str, step: int) -> str:
    return t_(lang)("spasm_or_disc.step_of", n=step, total=N)


def wait_for_step(page, lang: str, step: int) -> None:
    page.get_by_text(step_label(lang, step), exact=True).wait_for()
    wait_for_app(page)


def assert_starts_at_top(page, lang: str, step: int) -> None:
    """The new step opens at its top: nothing scrolled, title, progress and heading in view."""
    page.wait_for_timeout(200)  # the scroll runs in the next animation frame
    assert page.evaluate(SCROLL_TOP_JS) == 0, step
    view = page.viewport_size
    heading = page.get_by_role("heading", name=t_(lang)(f"spasm_or_disc.steps.{walk.STEPS[step - 1]}.heading"))
    for locator in (heading, page.get_by_text(step_label(lang, step), exact=True)):
        box = locator.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= view["height"], step


def fully_inside(box, view) -> bool:
    return (box is not None and box["x"] >= -0.5 and box["y"] >= -0.5
            and box["x"] + box["width"] <= view["width"] + 0.5 and box["y"] + box["height"] <= view["height"] + 0.5)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_step_at_kiosk_size_starts_at_top_and_names_no_level_code(kiosk_page, lang):
    page = kiosk_page.page
    t = t_(lang)
    goto(kiosk_page, f"/spasm-or-disc?lang={lang}&mode=kiosk")
    assert page.locator(".st-key-walk_back").count() == 0  # step 1: no greyed-out Back to misread
    for step in range(1, N + 1):
        wait_for_step(page, lang, step)
        sid = walk.STEPS[step - 1]
        if step > 1:
            assert_starts_at_top(page, lang, step)
            # The Next just tapped keeps the one look of an action (filled green, as on every
            # page), not a hover colour left behind by the finger.
            if step < N:
                colour = page.locator(".st-key-walk-nav [data-testid=stBaseButton-primary]").evaluate(
                    "el => getComputedStyle(el).backgroundColor")
                assert colour == "rgb(0, 107, 79)", (step, colour)
        if sid in ("spine", "leg_map"):
            diagram = page.locator("[data-testid=stMain] svg[role=img]:visible")
            assert diagram.count() == 1 and diagram.get_attribute("aria-label")
        if sid == "timeline":
            page.locator(".vega-embed svg").first.wait_for()
            assert_no_serious_axe_violation(page, f"{lang} timeline before any choice")
            page.locator(".st-key-walk_bath_day_control button").nth(2).tap()  # day 6
            page.get_by_text(t("spasm_or_disc.steps.timeline.summary.bath", day=6)).wait_for()
            wait_for_app(page)
            assert page.get_by_text(t("common.chart_kind.illustration")).is_visible()
        if sid == "outlook":
            assert page.get_by_role("link", name=t("spasm_or_disc.steps.outlook.check_link")).is_visible()
            assert page.get_by_role("link", name=t("spasm_or_disc.steps.outlook.care_link")).is_visible()
        words = page.evaluate(WORDS_JS)
        assert not CODE.search(words), (step, CODE.search(words))
        assert page.evaluate("document.documentElement.scrollWidth") <= 1080
        assert_no_serious_axe_violation(page, f"{lang} step {step}")
        shot(page, f"spasm-kiosk-{lang}-step{step}")
        if step < N:
            # Tap Next from the bottom of the page, where the button is.
            page.get_by_role("button", name=t("spasm_or_disc.next"), exact=True).tap()
    # Back also starts at the top; the last step's main button leads to the self-check.
    page.get_by_role("button", name=t("spasm_or_disc.back")).tap()
    wait_for_step(page, lang, N - 1)
    assert_starts_at_top(page, lang, N - 1)
    page.get_by_role("button", name=t("spasm_or_disc.next"), exact=True).tap()
    wait_for_step(page, lang, N)
    page.locator(".st-key-walk-nav-check a").tap()
    page.get_by_role("heading", name=t("self_check.title")).wait_for()
    assert "/self-check" in page.url and f"lang={lang}" in page.url
    assert kiosk_page.real_errors() == []
    assert kiosk_page.foreign_requests() == []


def test_a_timeline_tap_swaps_the_charts_data_in_place(kiosk_page):
    """A tap on a bath or care day redraws the same chart with the new data: Streamlit
    swaps the data of an unchanged chart element, but replaces the chart (and Vega builds
    it again) when anything of the element differs, its alt text included."""
    page = kiosk_page.page
    goto(kiosk_page, "/spasm-or-disc?lang=en&step=5")
    page.wait_for_selector(".st-key-walk-timeline-plot svg.marks path")
    page.evaluate("window.__timeline = document.querySelector('.st-key-walk-timeline-plot svg.marks')")
    before = page.evaluate("window.__timeline.innerHTML")
    for name in ("Day 3", "Day 7"):
        page.get_by_role("radio", name=name).first.click()
        wait_for_app(page)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__timeline === document.querySelector('.st-key-walk-timeline-plot svg.marks')"), name
    assert page.evaluate("window.__timeline.innerHTML") != before  # the new days are drawn


#: What the timeline shows: the combination on the page, the summary's sentences, the lines'
#: paths, and the day marks' rules and labels (Vega's own groups of marks drawn from data).
TIMELINE_JS = """() => {
  const plot = document.querySelector('.st-key-walk-timeline-plot');
  return {
    combo: document.body.value,
    summary: [...document.querySelectorAll('[data-choice-slot^="timeline-"]')].map(n => n.textContent),
    lines: [...plot.querySelectorAll('g.mark-line.role-mark path')].map(p => p.getAttribute('d')),
    rules: [...plot.querySelectorAll('g.mark-rule.role-mark line')].map(l => l.getAttribute('transform')),
    labels: [...plot.querySelectorAll('g.mark-text.role-mark text')].map(t => t.textContent),
  };
}"""
#: The timeline drawn on a fresh page (no days chosen), and the leg map's picture drawn.
TIMELINE_DRAWN_JS = "document.body.value === '0-0' && !!document.querySelector('.st-key-walk-timeline-plot g.mark-line path')"
LEGMAP_DRAWN_JS = "[...document.querySelectorAll('.st-key-walk-diagram-legmap svg[role=img]')].some(s => s.getClientRects().length)"
#: The timeline's summary with a warm bath on day 3 and care from day 7, as a patient reads it
#: (reviewed literal text: the model's numbers, rounded, in the content's sentences).
SUMMARY_BATH_3_CARE_7 = [
    "Strained muscle (solid line): pain starts at 7 out of 10. It eases a little each day, to about 4 by day 21.",
    "Disc pressing on a nerve (dashed line): it flares up to 9 before care starts on day 7. Then the flare-ups get "
    "smaller and it hurts a bit less, about 4 by day 21. It does not stop at once.",
    "The warm bath on day 3 eases the pain for a while in both stories. Then it comes back.",
]


def _drawn_shape(timeline: dict) -> dict:
    """TIMELINE_JS's reading with every x as a share of the plot's width: a fresh page can lay
    the chart out a pixel or two wider or narrower (933 against 935 px in one full run), with
    the same lines, days, labels and words."""
    points = [[tuple(float(v) for v in point.split(",")) for point in d[1:].split("L")] for d in timeline["lines"]]
    width = max(x for line in points for x, _ in line)
    return {**timeline,
            "lines": [[(round(x / width, 3), y) for x, y in line] for line in points],
            "rules": [round(float(r[r.index("(") + 1:r.index(",")]) / width, 3) for r in timeline["rules"]]}


def test_two_day_taps_within_one_round_trip_end_on_the_days_tapped(kiosk_page, browser, server):
    """Tap a bath day, then a care day, before the server has answered either: the chart and
    the summary show the two days tapped together, at once, built from what is on screen. The
    server's renders of the held taps then change nothing, and the page is what the server
    draws for those days."""
    page = kiosk_page.page
    messages = ServerMessages(page)
    goto(kiosk_page, "/spasm-or-disc?lang=en&step=5")
    page.wait_for_function(TIMELINE_DRAWN_JS, timeout=20_000)
    before = page.evaluate(TIMELINE_JS)
    assert before["rules"] == [] and len(before["lines"]) == 2

    messages.two_quick_taps(page, ("Day 3", "3-0"), "Day 7")
    shown = page.evaluate(TIMELINE_JS)
    assert shown["combo"] == "3-7", f"two quick taps showed {shown['combo']!r}, not the days tapped"
    assert shown["summary"] == SUMMARY_BATH_3_CARE_7
    # Vega redraws a moment after the event: wait for both day marks, then read the chart.
    page.wait_for_function("document.querySelectorAll('.st-key-walk-timeline-plot g.mark-rule.role-mark line').length === 2",
                           timeout=5_000)
    instant = page.evaluate(TIMELINE_JS)
    assert instant["lines"] != before["lines"] and len(instant["labels"]) == 2

    messages.release()
    page.wait_for_function("window.__bseInstant.cfg.current === '3-7'", timeout=20_000)
    wait_for_app(page)
    page.wait_for_timeout(300)
    assert page.evaluate(TIMELINE_JS) == instant  # the server's renders undid nothing
    assert page.get_by_role("radio", name="Day 3").get_attribute("aria-checked") == "true"
    assert page.get_by_role("radio", name="Day 7").get_attribute("aria-checked") == "true"
    fresh = as_a_fresh_page_draws_it(browser, server, "/spasm-or-disc?lang=en&step=5", TIMELINE_DRAWN_JS,
                                     [("Day 3", "3-0"), ("Day 7", "3-7")], TIMELINE_JS)
    assert _drawn_shape(instant) == _drawn_shape(fresh)
    shot(page, "spasm-kiosk-en-timeline-instant")
    # Next, then Back: the step comes back on the days chosen (the browser is told them again).
    page.get_by_role("button", name=t_("en")("spasm_or_disc.next"), exact=True).tap()
    wait_for_step(page, "en", 6)
    page.get_by_role("button", name=t_("en")("spasm_or_disc.back")).tap()
    wait_for_step(page, "en", 5)
    page.wait_for_function("document.querySelectorAll('.st-key-walk-timeline-plot g.mark-rule.role-mark line').length === 2",
                           timeout=5_000)
    assert page.evaluate(TIMELINE_JS) == instant
    assert not kiosk_page.real_errors()


#: The leg map's step as a person sees it: the level on the page, the picture shown (its text
#: alternative and its shaded regions) and the words of the facts box.
LEVEL_JS = """() => {
  const shown = [...document.querySelectorAll('.st-key-walk-diagram-legmap svg[role=img]')].filter(s => s.getClientRects().length);
  return {
    level: document.body.value,
    pictures: shown.map(s => s.getAttribute('aria-label')),
    regions: shown.flatMap(s => [...s.querySelectorAll('[data-region]')].map(r => r.dataset.region)),
    facts: [...document.querySelectorAll('.st-key-walk-root-facts [data-choice-slot]')].map(n => n.textContent),
  };
}"""
#: The facts box for the nerve to the sole (S1) on a kiosk, as a patient reads it (reviewed literal text).
SOLE_FACTS = ["What this nerve does",
              "The back of the thigh and calf, the sole and the outer edge of the foot.",
              "Pushing up on your toes. Walking on your toes may be hard.",
              "The ankle reflex may be weaker."]


def test_two_level_taps_within_one_round_trip_show_the_last_ones_picture_and_facts_at_once(kiosk_page, browser, server):
    """Hold the page's messages to the server and tap two nerves within one round trip, the
    nerve to the sole last: its picture and its facts show at once. Let the messages go: the
    server's renders of the two taps change nothing, and the page is what the server draws for
    that level on a fresh page."""
    page = kiosk_page.page
    messages = ServerMessages(page)
    goto(kiosk_page, "/spasm-or-disc?lang=en&step=3&level=L4")
    page.wait_for_function(f"document.body.value === 'L4' && {LEGMAP_DRAWN_JS}", timeout=20_000)
    before = page.evaluate(LEVEL_JS)
    assert len(before["pictures"]) == 1 and before["facts"] != SOLE_FACTS

    en = t_("en")
    messages.two_quick_taps(page, (en("spasm_or_disc.roots.L5.areas"), "L5"), en("spasm_or_disc.roots.S1.areas"))
    instant = page.evaluate(LEVEL_JS)
    assert instant["level"] == "S1", f"two quick taps showed {instant['level']!r}, not the nerve tapped last"
    assert instant["facts"] == SOLE_FACTS
    assert len(instant["pictures"]) == 1 and instant["pictures"] != before["pictures"]
    assert "back:sole" in instant["regions"] and "back:sole" not in before["regions"]

    messages.release()
    page.wait_for_function("window.__bseInstant.cfg.current === 'S1'", timeout=20_000)
    wait_for_app(page)
    assert page.evaluate(LEVEL_JS) == instant  # the server's renders undid nothing
    assert "level=S1" in page.url
    assert instant == as_a_fresh_page_draws_it(browser, server, "/spasm-or-disc?lang=en&step=3&level=S1",
                                               f"document.body.value === 'S1' && {LEGMAP_DRAWN_JS}", [], LEVEL_JS)
    assert not kiosk_page.real_errors()


def test_spanish_level_choice_at_kiosk_size_by_place(kiosk_page):
    page = kiosk_page.page
    es = t_("es")
    goto(kiosk_page, "/spasm-or-disc?lang=es&step=3&level=L4")
    diagram = page.locator("[data-testid=stMain] svg[role=img]:visible")
    before = diagram.get_attribute("aria-label")
    page.locator(".st-key-walk_level_control button", has_text=es("spasm_or_disc.roots.S1.areas")).tap()
    page.get_by_text(es("spasm_or_disc.roots.S1.reflex")).wait_for()
    wait_for_app(page)
    assert diagram.get_attribute("aria-label") != before
    assert "level=S1" in page.url
    assert page.locator("[data-region='back:sole']:visible").count() == 1
    assert not CODE.search(page.evaluate(WORDS_JS))
    shot(page, "spasm-kiosk-es-step3-sole")
    assert kiosk_page.real_errors() == []


def test_a_tapped_option_keeps_no_darker_colour(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/spasm-or-disc?lang=en&step=5")
    buttons = page.locator(".st-key-walk_care_day_control button")
    colours = "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color, getComputedStyle(el).borderColor]"
    untouched = buttons.nth(3).evaluate(colours)
    buttons.nth(1).tap()
    page.get_by_text("Care starts", exact=True).first.wait_for(state="attached")
    wait_for_app(page)
    buttons.nth(2).tap()
    wait_for_app(page)
    page.wait_for_timeout(300)
    assert buttons.nth(2).get_attribute("data-selected") == "true"
    assert buttons.nth(1).evaluate(colours) == untouched  # the finger has left: plain again
    chosen = buttons.nth(2).evaluate(colours)
    assert chosen != untouched
    tick = buttons.nth(2).locator("p").evaluate("p => getComputedStyle(p, '::before').content")
    assert "✓" in tick  # chosen: a tick as well as colour


def test_comparison_boxes_pair_up_with_equal_heights(kiosk_page):
    page = kiosk_page.page
    for lang in ("en", "es"):
        goto(kiosk_page, f"/spasm-or-disc?lang={lang}&step=4")
        rows = page.evaluate("""() => [...document.querySelectorAll('table.walk-cmp tbody tr')]
            .filter(r => r.querySelectorAll('td').length === 2)
            .map(r => [...r.querySelectorAll('td')].map(td => td.getBoundingClientRect().height))""")
        assert len(rows) == 6
        for ordinary, disc in rows:
            assert abs(ordinary - disc) < 1, rows


def test_diagram_text_is_in_the_apps_font(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/spasm-or-disc?lang=en&step=3")
    fonts = page.evaluate("() => [...document.querySelectorAll('[data-testid=stMain] svg text')].map(e => getComputedStyle(e).fontFamily)")
    assert fonts and all(f.startswith('"Atkinson Hyperlegible"') or f.startswith("Atkinson Hyperlegible") for f in fonts)
    # The font file is fetched when text first asks for it: on a loaded machine it can still be
    # on its way when the step is drawn (a full run once saw it not yet there). Wait for it to
    # load, then check that the text can use it.
    page.wait_for_function("""() => [...document.fonts].some(f => f.family.replace(/"/g, '') === 'Atkinson Hyperlegible'
                                                              && f.status === 'loaded')""", timeout=15_000)
    assert page.evaluate("() => document.fonts.check('20px \"Atkinson Hyperlegible\"')")


# --- landscape tablets: the figure beside its controls ---------------------------------------

FIGURES = {
    # step: (teach block, control, option to tap, figure)
    2: (".st-key-teach-walk-spine", ".st-key-walk_level_control", "L4", ".st-key-walk-diagram-spine svg:visible"),
    3: (".st-key-teach-walk-legmap", ".st-key-walk_level_control", "S1", ".st-key-walk-diagram-legmap svg:visible"),
    5: (".st-key-teach-walk-timeline", ".st-key-walk_care_day_control", "Day 7", ".st-key-walk-timeline-chart [data-testid=stVegaLiteChart]"),
}


def assert_all_options_on_screen(page, control: str, viewport) -> None:
    """Every option of the control is whole and on screen (none cut off by a narrow column)."""
    options = page.locator(f"{control} button")
    assert options.count() >= 3
    for i in range(options.count()):
        box = options.nth(i).bounding_box()
        assert fully_inside(box, viewport), (control, i, box)
        clipped = options.nth(i).evaluate("""el => { const r = el.getBoundingClientRect();
            if (el.scrollWidth > el.clientWidth + 1) return true;  // its words run past its edge
            for (const t of el.querySelectorAll('p')) { const b = t.getBoundingClientRect();
              if (b.left < r.left - 0.5 || b.right > r.right + 0.5 || t.scrollWidth > t.clientWidth + 1) return true; }
            let p = el.parentElement;
            while (p && p !== document.body) { const q = p.getBoundingClientRect(); const s = getComputedStyle(p);
              if (s.overflow !== 'visible' || s.overflowX !== 'visible')
                if (r.left < q.left - 0.5 || r.right > q.right + 0.5) return true;
              p = p.parentElement; }
            return false; }""")
        assert not clipped, (control, i)


def _figure_signature(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("el => el.outerHTML.length + ':' + (el.getAttribute('aria-label') || '') + el.innerHTML.slice(-4000)")


@pytest.mark.parametrize("viewport", LANDSCAPES, ids=lambda v: f"{v['width']}x{v['height']}")
def test_landscape_figure_and_control_both_on_screen(browser, server, viewport):
    watched = open_page(browser, server.url, viewport)
    page = watched.page
    try:
        for step, (block, control, option, figure) in FIGURES.items():
            goto(watched, f"/spasm-or-disc?lang=en&mode=staff&step={step}&level=L5")
            page.locator(figure).first.wait_for()
            wait_for_app(page)
            # Side by side: the figure to the right of its controls.
            assert page.locator(figure).first.bounding_box()["x"] > page.locator(control).bounding_box()["x"] + 200
            before = _figure_signature(page, figure)
            page.locator(f"{control} button", has_text=option).first.tap()
            wait_for_app(page)
            # The figure shown (a selector ending in :visible is Playwright's: the first match with a box).
            page.wait_for_function("([sel, before]) => { const el = [...document.querySelectorAll(sel.replace(/:visible$/, ''))]"
                                   ".find(e => e.getClientRects().length > 0); return el && "
                                   "(el.outerHTML.length + ':' + (el.getAttribute('aria-label') || '') + el.innerHTML.slice(-4000)) !== before; }",
                                   arg=[figure, before])
            page.wait_for_timeout(300)
            for name, selector in (("control", control), ("figure", figure)):
                box = page.locator(selector).first.bounding_box()
                assert fully_inside(box, viewport), (step, name, box, viewport)
            assert_all_options_on_screen(page, control, viewport)
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            assert_no_serious_axe_violation(page, f"landscape step {step}")
            shot(page, f"spasm-landscape-{viewport['width']}-step{step}")
        # Every step looked at in landscape too.
        for step in (1, 4, 6):
            goto(watched, f"/spasm-or-disc?lang=es&mode=staff&step={step}")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            shot(page, f"spasm-landscape-{viewport['width']}-es-step{step}")
        assert watched.real_errors() == []
        assert watched.foreign_requests() == []
    finally:
        close_page(page)


@pytest.mark.parametrize("viewport", LANDSCAPES, ids=lambda v: f"{v['width']}x{v['height']}")
def test_landscape_care_chart_beside_its_control(browser, server, viewport):
    watched = open_page(browser, server.url, viewport)
    page = watched.page
    en = t_("en")
    try:
        goto(watched, "/care?lang=en")
        chart = ".st-key-care-chart [data-testid=stVegaLiteChart]"
        control = ".st-key-care_moment_control"
        page.locator(f"{chart} svg").first.wait_for()
        # The person reaches the chart's section (its top at the top of the screen) and taps.
        page.locator(".st-key-teach-care-chart").evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(200)
        before = _figure_signature(page, chart)
        page.locator(f"{control} button", has_text=en("care.chart.moments.six_weeks")).tap()
        page.get_by_text(en("care.chart.moments.six_weeks_says", pain=23)).wait_for()
        wait_for_app(page)
        page.wait_for_function("([sel, before]) => { const el = document.querySelector(sel); return el && "
                               "(el.outerHTML.length + ':' + (el.getAttribute('aria-label') || '') + el.innerHTML.slice(-4000)) !== before; }",
                               arg=[chart, before])
        page.wait_for_timeout(300)
        for name, selector in (("control", control), ("figure", chart)):
            box = page.locator(selector).first.bounding_box()
            assert fully_inside(box, viewport), (name, box, viewport)
        assert_all_options_on_screen(page, control, viewport)
        assert page.locator(chart).bounding_box()["x"] > page.locator(control).bounding_box()["x"] + 200
        assert_no_serious_axe_violation(page, "care landscape")
        # Source addresses are text, never a link out of the app (a kiosk must stay in it).
        assert page.locator("[data-testid=stMain] a[href^='http']").count() == 0
        assert "nhs.uk/conditions/back-pain" in page.locator("[data-testid=stMain]").text_content()
        page.screenshot(path=str(shot(page, f"care-landscape-{viewport['width']}")).replace(".png", "-viewport.png"))
        assert watched.real_errors() == []
        assert watched.foreign_requests() == []
    finally:
        close_page(page)


def test_next_and_back_start_at_the_top_on_a_landscape_tablet(browser, server):
    """On 1180x820 most steps are longer than the screen: Next and Back are tapped at the bottom."""
    viewport = LANDSCAPES[0]
    watched = open_page(browser, server.url, viewport)
    page = watched.page
    en = t_("en")
    try:
        goto(watched, "/spasm-or-disc?lang=en&mode=staff")
        scrolled = 0
        for step in range(1, N):
            wait_for_step(page, "en", step)
            button = page.get_by_role("button", name=en("spasm_or_disc.next"), exact=True)
            button.scroll_into_view_if_needed()
            scrolled += page.evaluate(SCROLL_TOP_JS) > 0
            button.tap()
            wait_for_step(page, "en", step + 1)
            assert_starts_at_top(page, "en", step + 1)
        back = page.get_by_role("button", name=en("spasm_or_disc.back"))
        back.scroll_into_view_if_needed()
        scrolled += page.evaluate(SCROLL_TOP_JS) > 0
        back.tap()
        wait_for_step(page, "en", N - 1)
        assert_starts_at_top(page, "en", N - 1)
        assert scrolled >= 3  # the test really started from scrolled-down pages
        assert watched.real_errors() == []
    finally:
        close_page(page)


def test_portrait_tablet_keeps_the_stacked_order(tablet_page):
    """1024x1366 held upright: controls first, the figure under them (as on the kiosk)."""
    page = tablet_page.page
    for path, control, figure in (("/spasm-or-disc?lang=en&mode=staff&step=3", ".st-key-walk_level_control",
                                   ".st-key-walk-diagram-legmap svg:visible"),
                                  ("/care?lang=en", ".st-key-care_moment_control", ".st-key-care-chart [data-testid=stVegaLiteChart]")):
        goto(tablet_page, path)
        page.locator(figure).first.wait_for()
        c, f = page.locator(control).bounding_box(), page.locator(figure).first.bounding_box()
        assert f["y"] >= c["y"] + c["height"], (path, c, f)
        assert f["width"] > 800, (path, f)  # the figure uses the whole width
    shot(page, "spasm-tablet-portrait-care")
    assert tablet_page.real_errors() == []
