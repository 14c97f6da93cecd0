"""Checks that see what a person sees, in a real browser, on every page and
walkthrough step, in English and Spanish, on the portrait kiosk (1080x1920) and
the landscape tablet (1180x820):

- every visible button and link has a visible name, and its words a contrast of
  at least 4.5:1 against the colour actually painted behind them, worked out in
  the browser from the element's and its ancestors' computed styles (axe-core
  files a 1:1 ratio, white on white, under "incomplete", not "violations": it
  takes equal colours for text hidden on purpose, so the quality gates never saw
  the invisible "Should I get checked?" link);
- nothing moves after a tap: a ``layout-shift`` observer that keeps the shifts
  Chrome marks ``hadRecentInput`` (Cumulative Layout Shift leaves them out), at
  most 0.01 per tap, on every choice, replay and Next control;
- no ``<text>`` of a diagram (the reflex picture, the spine, the leg map) runs
  into another, in both languages and with Bigger text;
- the body map keeps the leg tapped through the walkthrough's pictures, and a tap
  on no place says which places can be tapped;
- Present mode at 1366x1024 and 1180x820: option rows whole, the step buttons on
  at most three rows, "Stop presenting" never over a diagram's words.

Cheap on purpose: one server for the module, one page per screen size reused
for every screen (the app keeps its session while the URL changes).
"""
from __future__ import annotations

import pytest

from tests.browser.harness import close_page, open_page, shot, to_front, wait_for_app
from tests.browser.quality_paths import quality_paths

pytestmark = pytest.mark.browser

SCREENS = {"kiosk": {"width": 1080, "height": 1920}, "tablet": {"width": 1180, "height": 820}}
LANGS = ("en", "es")
MIN_CONTRAST = 4.5
MAX_SHIFT_PER_TAP = 0.01

#: Every visible button and link: its visible name, and each run of its words with the
#: contrast of their colour against the colour painted behind them. The background is
#: found by compositing the background colours of the element holding the words and of
#: its ancestors (each with its alpha) over the page's white, until one is opaque; an
#: ancestor's opacity fades the words towards that background.
NAMES_AND_CONTRAST_JS = r"""
() => {
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const painted = el => {
    const layers = []; let opacity = 1, unknown = false;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const s = getComputedStyle(n);
      opacity *= Number(s.opacity);
      if (s.backgroundImage && s.backgroundImage !== 'none') unknown = true;
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (const c of layers.reverse()) bg = over(c, bg);
    return {bg, opacity, unknown};
  };
  const shown = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[data-bse-wait]'); };
  const out = [];
  for (const el of document.querySelectorAll('button, a[href], [role=button]')) {
    if (!shown(el)) continue;
    const inSvg = el.closest('svg');
    const item = {name: inSvg ? (el.getAttribute('aria-label') || '').trim() : '', html: el.outerHTML.slice(0, 120), runs: []};
    if (!inSvg) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!t.textContent.trim()) continue;
        const holder = t.parentElement;
        if (!shown(holder) || holder.closest('[data-testid=stIconMaterial]') || holder.closest('[aria-hidden=true]')) continue;
        const fg = parse(getComputedStyle(holder).color);
        const {bg, opacity, unknown} = painted(holder);
        const seen = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
        item.runs.push({text: t.textContent.trim().slice(0, 30), ratio: Math.round(ratio(seen, bg) * 100) / 100, unknown});
      }
      // The visible name: the words shown, not an icon's ligature name ("checklist").
      item.name = item.runs.map(r => r.text).join(' ').slice(0, 50);
    }
    out.push(item);
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def pages(browser, server):
    """One page per screen size, reused for every screen of the module."""
    opened = {name: open_page(browser, server.url, size) for name, size in SCREENS.items()}
    yield opened
    for watched in opened.values():
        close_page(watched)


def visit(watched, path: str, lang: str):
    sep = "&" if "?" in path else "?"
    to_front(watched.page)  # the module's tabs are held across tests that open others
    watched.page.goto(f"{watched.base}{path}{sep}lang={lang}")
    wait_for_app(watched.page)
    return watched.page


def name_and_contrast_problems(page, where: str) -> list[str]:
    problems = []
    for item in page.evaluate(NAMES_AND_CONTRAST_JS):
        if not item["name"]:
            problems.append(f"{where}: a button or link with no visible name: {item['html']}")
        for run in item["runs"]:
            if run["unknown"]:
                problems.append(f"{where}: {run['text']!r} sits on a background image (contrast unknown)")
            elif run["ratio"] < MIN_CONTRAST:
                problems.append(f"{where}: {run['text']!r} in {item['name']!r} has contrast {run['ratio']}:1")
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_button_and_link_has_a_visible_name_and_readable_words(pages, screen, lang):
    problems = []
    for path in quality_paths():
        page = visit(pages[screen], path, lang)
        problems += name_and_contrast_problems(page, f"{path} {screen} {lang}")
    assert problems == [], "\n".join(problems)


# --- Words in the diagrams -------------------------------------------------------------

#: The boxes of every <text> in the diagrams under ``sel`` (and of the reflex picture's
#: numbered badges, circles included), as drawn; the pairs that overlap by more than 1 px
#: both ways. A wrapped label is one <text> whose box covers all its lines.
TEXT_OVERLAP_JS = r"""
sel => {
  const found = [];
  for (const svg of document.querySelectorAll(sel)) {
    const boxes = [];
    for (const el of svg.querySelectorAll('text, g.badge')) {
      if (el.tagName === 'text' && el.closest('g.badge')) continue;  // the badge's box covers its number
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
      boxes.push({text: (el.textContent || '').trim().slice(0, 30), r});
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      // Lines of one label touch by a pixel or two (a line's box is taller than the line
      // spacing): only an overlap over a fifth of the smaller box's height counts.
      if (w > 1 && h > Math.max(1, 0.2 * Math.min(a.height, b.height))) found.push(`${boxes[i].text} / ${boxes[j].text} (${Math.round(w)}x${Math.round(h)} px)`);
    }
  }
  return found;
}
"""
#: The diagrams and where they are drawn (staff mode names the level codes in them).
DIAGRAMS = "svg.reflex-figure, .st-key-walk-diagram-spine svg, .st-key-walk-diagram-legmap svg"
DIAGRAM_SCREENS = ["/reflex", *[f"/spasm-or-disc?step={step}&level={level}" for step in (2, 3) for level in ("L4", "L5", "S1")]]


def bigger_text(page, on: bool) -> None:
    """Switch Bigger text on or off (a session setting: it stays for the next screens)."""
    if page.evaluate("getComputedStyle(document.documentElement).fontSize") != ("26px" if on else "20px"):
        page.locator(".st-key-big_text_toggle button").click()
        page.wait_for_function("px => getComputedStyle(document.documentElement).fontSize === px", arg="26px" if on else "20px")
        wait_for_app(page)


@pytest.mark.parametrize("lang", LANGS)
def test_no_words_run_into_each_other_in_the_diagrams(pages, lang):
    overlaps = []
    for screen, mode, big in (("kiosk", "kiosk", False), ("tablet", "staff", False), ("kiosk", "kiosk", True)):
        for path in DIAGRAM_SCREENS:
            page = visit(pages[screen], f"{path}{'&' if '?' in path else '?'}mode={mode}", lang)
            bigger_text(page, big)
            page.wait_for_selector(f"{DIAGRAMS} >> visible=true")  # each level's picture is on the page; one shows
            overlaps += [f"{path} {mode} big={big}: {o}" for o in page.evaluate(TEXT_OVERLAP_JS, DIAGRAMS)]
        bigger_text(pages[screen].page, False)
    assert overlaps == [], "\n".join(overlaps)


# --- Nothing moves after a tap -----------------------------------------------------------

#: Sums every layout shift from now on, those Chrome marks as following input included
#: (they are exactly the ones a tap causes), and notes what moved.
SHIFT_WATCH_JS = r"""
() => {
  if (window.__tapShift) return;
  window.__tapShift = {sum: 0, last: performance.now(), moved: []};
  const name = n => !n ? '?' : n.nodeType !== 1 ? '#text' :
    n.tagName.toLowerCase() + ([...n.classList].find(c => c.startsWith('st-key-')) || '').replace(/^/, '.') +
    (n.dataset && n.dataset.testid ? `[${n.dataset.testid}]` : '');
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      window.__tapShift.sum += e.value; window.__tapShift.last = performance.now();
      for (const s of e.sources || []) window.__tapShift.moved.push(
        `${name(s.node)} ${Math.round(s.previousRect.x)},${Math.round(s.previousRect.y)} ${Math.round(s.previousRect.width)}x${Math.round(s.previousRect.height)}` +
        ` -> ${Math.round(s.currentRect.x)},${Math.round(s.currentRect.y)} ${Math.round(s.currentRect.width)}x${Math.round(s.currentRect.height)}`);
    }
  }).observe({type: 'layout-shift'});
}
"""
QUIET_JS = "ms => performance.now() - window.__tapShift.last > ms"
CHOSEN_JS = """sel => { const b = document.querySelector(sel);
  return !!b && (b.getAttribute('aria-checked') === 'true' || b.dataset.selected === 'true' ||
                 b.dataset.testid === 'stBaseButton-primary'); }"""
ENDED_JS = "() => !!(window.__bseReplay && window.__bseReplay.ended)"
HEADING_JS = "words => [...document.querySelectorAll('h2')].some(h => h.innerText.includes(words))"


#: What a tap that seemed to do nothing left: address, headings, the app's run state, the
#: step change's state, the run tracker's counts.
TAP_STATE_JS = """() => ({url: location.href, h2: [...document.querySelectorAll('h2')].map(h => h.innerText).slice(0, 4),
  script: (document.querySelector('[data-testid=stApp]') || {dataset: {}}).dataset.testScriptState,
  stepChange: window.__bseStepChange, runs: window.__bseRuns,
  stale: document.querySelectorAll('[data-stale=true]').length})"""


def tap_shift(page, selector: str, done: tuple[str, object]) -> tuple[float, list[str]]:
    """Layout shift caused by one tap on ``selector``: from the tap until the app is idle,
    ``done`` (a JS predicate and its argument) holds and nothing has moved for 0.3 s."""
    page.evaluate(SHIFT_WATCH_JS)
    page.evaluate("() => { window.__tapShift.sum = 0; window.__tapShift.moved = []; window.__tapShift.last = performance.now(); }")
    page.locator(selector).first.tap()
    try:
        page.wait_for_function(done[0], arg=done[1], timeout=20_000)
    except Exception as exc:  # say what the page showed instead
        state = page.evaluate(TAP_STATE_JS)
        raise AssertionError(f"tap on {selector}: {done[1]!r} not shown within 20 s; the page: {state}") from exc
    wait_for_app(page)
    # A walkthrough step change keeps the new step unseen until it is drawn (ui/first_paint.js):
    # what moves when it is shown counts too.
    page.wait_for_function("() => !document.documentElement.hasAttribute('data-bse-step-change')", timeout=20_000)
    page.wait_for_function(QUIET_JS, arg=300, polling=100, timeout=20_000)
    result = page.evaluate("() => window.__tapShift")
    return result["sum"], result["moved"][:4]


def option(key: str, n: int) -> str:
    return f".st-key-{key} [role=radiogroup] button:nth-of-type({n})"


def reflex_taps() -> list[tuple[str, str, tuple[str, object]]]:
    taps = []
    for key in ("reflex_speed_control", "reflex_distance_control"):
        taps += [(f"{key} {n}", option(key, n), (CHOSEN_JS, option(key, n))) for n in (1, 2, 3)]
    for n in (1, 3, 5, 2):
        sel = f".st-key-reflex_stage_{n} button"
        taps.append((f"step {n}", sel, (CHOSEN_JS, sel)))
    taps.append(("next step", ".st-key-reflex_next_stage button", (CHOSEN_JS, ".st-key-reflex_stage_3 button")))
    taps.append(("watch it happen", ".bse-replay-watch", (ENDED_JS, None)))
    taps.append(("sound", ".bse-replay-sound", ("() => document.querySelector('.bse-replay-sound').getAttribute('aria-pressed') === 'true'", None)))
    return taps


def walkthrough_choices() -> list[tuple[int, str, str, tuple[str, object]]]:
    """(step to open, name, selector, done) for every choice of the walkthrough."""
    taps = []
    for step in (2, 3):
        key = "walk_level_control"
        taps += [(step, f"step {step} level {n}", option(key, n), (CHOSEN_JS, option(key, n))) for n in (2, 3, 1)]
    for key in ("walk_bath_day_control", "walk_care_day_control"):
        taps += [(5, f"{key} {n}", option(key, n), (CHOSEN_JS, option(key, n))) for n in (2, 4, 1)]
    return taps


def walkthrough_moves(t) -> list[tuple[int, str, str, tuple[str, object]]]:
    """(step to open, name, selector, done) for Next on every step and Back."""
    steps = ("two_ways", "spine", "leg_map", "compare", "timeline", "outlook")
    heading = lambda step: t(f"spasm_or_disc.steps.{steps[step - 1]}.heading")  # noqa: E731
    taps = [(step, f"next from step {step}", ".st-key-walk_next button", (HEADING_JS, heading(step + 1))) for step in range(1, 6)]
    taps.append((6, "back from step 6", ".st-key-walk_back button", (HEADING_JS, heading(5))))
    return taps


def shifts_of(pages, screen: str, lang: str, path_taps) -> list[str]:
    """Taps each (path, name, selector, done) in turn, opening ``path`` only when the
    screen is not already on it; the taps that moved something more than allowed."""
    moved, on = [], None
    for path, name, selector, done in path_taps:
        page = pages[screen].page
        if on != path:
            page = visit(pages[screen], path, lang)
        shift, what = tap_shift(page, selector, done)
        on = path if "next" not in name and "back" not in name else None
        if shift > MAX_SHIFT_PER_TAP:
            moved.append(f"{path} {name}: {shift:.3f} {what}")
    return moved


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", SCREENS)
def test_nothing_moves_after_a_tap_on_a_choice_or_the_replay(pages, screen, lang):
    taps = [("/reflex", *tap) for tap in reflex_taps()]
    taps += [(f"/spasm-or-disc?step={step}", name, selector, done) for step, name, selector, done in walkthrough_choices()]
    moved = shifts_of(pages, screen, lang, taps)
    shot(pages[screen].page, f"tap-shift-{screen}-{lang}")
    assert moved == [], "\n".join(moved)


# The kiosk (a landscape tablet 820 px high keeps them in the page's flow: a fixed strip
# there covered the third choice of a step; present mode's strip is checked below).
@pytest.mark.parametrize("screen", ["kiosk"])
def test_back_and_next_sit_in_one_place_on_every_step(pages, screen):
    """Back and Next are in a strip fixed along the bottom of the screen, so a second tap on
    Next lands on Next: the same box on every step (in the page's flow they moved with each
    step's height), and the page's last words (the 911 line) scroll clear of the strip."""
    from explainer.common.content import Content

    t = Content.load().for_language("es")
    steps = ("two_ways", "spine", "leg_map", "compare", "timeline", "outlook")
    page = visit(pages[screen], "/spasm-or-disc?step=1", "es")
    boxes = {".st-key-walk_next button": set(), ".st-key-walk_back button": set()}
    for number, step in enumerate(steps, start=1):
        if number > 1:
            page.locator(".st-key-walk_next button").tap()
            page.wait_for_function(HEADING_JS, arg=t(f"spasm_or_disc.steps.{step}.heading"), timeout=20_000)
            wait_for_app(page)
            # The new step, kept unseen while it was drawn, is shown once drawn (not by the time limit).
            page.wait_for_function("() => window.__bseStepChange.ended !== ''", timeout=20_000)
            assert page.evaluate("() => window.__bseStepChange.ended") == "drawn", f"step {number}"
            assert page.evaluate("() => getComputedStyle(document.querySelector('.st-key-walk-body p')).visibility "
                                 "+ getComputedStyle(document.querySelector('.st-key-footer p')).visibility") == "visiblevisible"
        for selector, seen in boxes.items():
            if page.locator(selector).count():
                # A pressed button sits 1 px lower (00-base.css, :active), and Chromium can keep a
                # tapped Next pressed for a frame or two after the new step is drawn.
                page.wait_for_function("sel => !document.querySelector(sel + ':active')", arg=selector, timeout=5_000)
                box = page.locator(selector).bounding_box()
                seen.add((round(box["x"]), round(box["y"]), round(box["width"]), round(box["height"])))
        assert_911_line_clear_of_the_strip(page, f"step {number}")
    # With Bigger text the last step's strip (three controls, the longest words) stays one row.
    page.locator(".st-key-big_text_toggle button").click()
    page.wait_for_function("words => [...document.querySelectorAll('.st-key-big_text_toggle button')].some(b => b.innerText.includes(words))",
                           arg=t("common.normal_text"))
    wait_for_app(page)
    assert_911_line_clear_of_the_strip(page, "step 6, Bigger text")
    shot(page, f"walk-strip-{screen}-es")
    page.locator(".st-key-big_text_toggle button").click()
    wait_for_app(page)
    for selector, seen in boxes.items():
        assert len(seen) == 1, f"{selector} moves from step to step: {sorted(seen)}"


def assert_911_line_clear_of_the_strip(page, where: str) -> None:
    """Scrolled to the end, the footer's last words (911) end above the fixed strip.

    Where the page is scrolled, where the strip is and where the words are are read in one
    go, in the same frame: read one by one, a page that grew between the reads (a full run
    once saw the words 76 px under the strip at step 3, not seen again in four loaded runs)
    measured a page no longer scrolled to its end. A page still growing is scrolled to its
    end again; the words must be clear of the strip once it stands still there."""
    seen = []
    for _ in range(5):
        page.mouse.wheel(0, 8000)
        page.wait_for_function(SCROLLED_TO_END_JS)
        now = page.evaluate(STRIP_AND_911_JS)
        seen.append(now)
        if now["at_end"]:
            break
        page.wait_for_timeout(200)
    assert now["at_end"], f"{where}: the page never stood still at its end: {seen}"
    assert now["words_bottom"] <= now["strip_top"] + 1, f"{where}: the 911 line is under the strip: {seen}"
    page.mouse.wheel(0, -8000)


#: The page's scrolling box is at its end (Streamlit scrolls its main area, not the window).
SCROLL_BOX_JS = """[...document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer], body, html')]
  .find(e => e.scrollHeight > e.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(e).overflowY)) || document.scrollingElement"""
SCROLLED_TO_END_JS = f"""() => {{ const box = {SCROLL_BOX_JS};
  return box.scrollTop + box.clientHeight >= box.scrollHeight - 2; }}"""
#: In one frame: still at the end, the strip's top and the 911 line's bottom (px in the viewport).
STRIP_AND_911_JS = f"""() => {{ const box = {SCROLL_BOX_JS};
  const words = document.querySelector('.st-key-footer [data-testid=stCaptionContainer]').getBoundingClientRect();
  return {{at_end: box.scrollTop + box.clientHeight >= box.scrollHeight - 2, height: box.scrollHeight,
          strip_top: document.querySelector('.st-key-walk-nav').getBoundingClientRect().top, words_bottom: words.bottom}}; }}"""


# Both screens and both languages in two runs (each is six step changes): on the kiosk Back
# and Next are in a fixed strip, on the landscape tablet in the page's flow. Without the wait
# for the whole new step (ui/first_paint.js) the footer and the step's lower parts slid down
# while the step was drawn: 0.016-0.061 at the kiosk, 0.11-0.26 at the tablet.
@pytest.mark.parametrize("screen,lang", [("kiosk", "en"), ("tablet", "es")])
def test_next_and_back_keep_their_place(pages, screen, lang):
    """Nothing on the screen moves after a tap on Next or Back (at most 0.01 layout shift)."""
    from explainer.common.content import Content

    t = Content.load().for_language(lang)
    taps = [(f"/spasm-or-disc?step={step}", name, selector, done) for step, name, selector, done in walkthrough_moves(t)]
    moved = shifts_of(pages, screen, lang, taps)
    assert moved == [], "\n".join(moved)


# --- The body map follows the finger -------------------------------------------------------

def test_the_body_map_keeps_the_tapped_leg_and_says_what_can_be_tapped(pages):
    from explainer.common.content import Content

    t = Content.load().for_language("en")
    page = visit(pages["kiosk"], "/where", "en")
    # The front of the torso is no place: a note over the picture lists the places.
    box = page.locator("svg.body-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 130 / 640, box["y"] + box["height"] * 250 / 720)
    note = page.locator(".body-map-outside")
    note.wait_for(state="visible")
    assert t("where.places.back_of_calf") in note.inner_text() and t("where.places.low_back") in note.inner_text()
    shot(page, "where-outside-tap-en")
    # The person's left leg, outer shin, from the front (on the viewer's right).
    page.locator('rect[data-hit="outer_shin_foot"][data-side="left"]').first.click()
    page.wait_for_url("**/spasm-or-disc**")
    wait_for_app(page)
    for step in ("spine", "leg_map"):  # Next, Next: the same session (a new URL would start a new one)
        page.locator(".st-key-walk_next button").click()
        page.wait_for_function(HEADING_JS, arg=t(f"spasm_or_disc.steps.{step}.heading"))
        wait_for_app(page)
    legmap = page.locator(".st-key-walk-diagram-legmap svg:visible")
    # The level's picture shown (the page holds every level's; walkthrough.css shows one).
    titles = page.evaluate("""() => { const svg = [...document.querySelectorAll('.st-key-walk-diagram-legmap svg')]
        .find(s => s.getBoundingClientRect().width > 0);
      const mid = svg.getBoundingClientRect().left + svg.getBoundingClientRect().width / 2;
      return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect().left + t.getBoundingClientRect().width / 2 > mid]); }""")
    front = dict(titles)[t("spasm_or_disc.leg_map.views.front")]
    assert front, "the left leg's map shows the front view on the right, its marked leg on the outside"
    assert legmap.locator("[data-region]").count() > 0
    shot(page, "where-left-leg-step3-en")


# --- Present mode on the tablets -----------------------------------------------------------

PRESENT_SCREENS = {"1366x1024": {"width": 1366, "height": 1024}, "1180x820": {"width": 1180, "height": 820}}
PRESENTING_JS = "() => getComputedStyle(document.querySelector('.st-key-present_toggle')).position === 'fixed'"
#: /reflex: how many rows each option group and the step buttons take (distinct tops).
ROWS_JS = """() => { const rows = sel => new Set([...document.querySelectorAll(sel)].map(b => Math.round(b.getBoundingClientRect().top))).size;
  return {speed: rows('.st-key-reflex_speed_control [role=radiogroup] button'),
          distance: rows('.st-key-reflex_distance_control [role=radiogroup] button'),
          steps: rows('.st-key-reflex-steps button')}; }"""
#: Words of a diagram under the fixed "Stop presenting" button and shown there: none may be,
#: unless an opaque strip fixed above the page covers the button's whole box (what scrolls
#: up then goes under the strip). The strip is the main area's ::before (ui/present.css).
UNDER_TOGGLE_JS = """() => { const b = document.querySelector('.st-key-present_toggle button').getBoundingClientRect();
  const s = getComputedStyle(document.querySelector('[data-testid=stMain]'), '::before');
  const opaque = /rgb\\(|rgba\\([^)]*,\\s*1\\)/.test(s.backgroundColor) && s.position === 'fixed';
  const stripBottom = opaque ? parseFloat(s.top) + parseFloat(s.height) : 0;
  if (stripBottom >= b.bottom) return [];
  return [...document.querySelectorAll('svg text')].filter(t => { const r = t.getBoundingClientRect();
    return r.width && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > Math.max(b.top, stripBottom); })
    .map(t => t.textContent); }"""


#: Scroll the page's own scrolling box (Streamlit scrolls its main area, not the window).
SCROLL_JS = """y => { const box = [...document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer], body, html')]
  .find(e => e.scrollHeight > e.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(e).overflowY)) || document.scrollingElement;
  box.scrollTop = y; }"""


@pytest.mark.parametrize("size", PRESENT_SCREENS)
def test_present_mode_keeps_rows_whole_and_the_way_out_off_the_pictures(browser, server, size):
    watched = open_page(browser, server.url, PRESENT_SCREENS[size])
    page = watched.page
    try:
        for lang in LANGS:
            visit(watched, "/reflex?mode=staff", lang)
            if not page.evaluate(PRESENTING_JS):
                page.locator(".st-key-present_toggle button").click()
                page.wait_for_function(PRESENTING_JS)
                wait_for_app(page)
            rows = page.evaluate(ROWS_JS)
            assert rows["speed"] == rows["distance"] == 1 and rows["steps"] <= 3, (size, lang, rows)
            for step in (2, 3, 6):
                page.goto(f"{watched.base}/spasm-or-disc?step={step}&mode=staff&lang={lang}")
                wait_for_app(page)
                if not page.evaluate(PRESENTING_JS):  # a new URL is a new session: present again
                    page.locator(".st-key-present_toggle button").click()
                    page.wait_for_function(PRESENTING_JS)
                    wait_for_app(page)
                assert name_and_contrast_problems(page, f"present {size} step {step} {lang}") == []
                for y in range(0, 900, 60):  # scrolled through, the button never sits on a label
                    page.evaluate(SCROLL_JS, y)
                    covered = page.evaluate(UNDER_TOGGLE_JS)
                    assert covered == [], (size, lang, step, y, covered)
        shot(page, f"present-{size}")
    finally:
        close_page(page)
