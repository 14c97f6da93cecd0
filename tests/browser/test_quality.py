"""Quality gates in a real browser, at kiosk size (1080x1920), on every page and
every walkthrough step, in both languages:

- axe-core (shipped in axe-playwright-python): no serious or critical violation;
- every interactive target in the main area is at least 48x48 CSS px;
- no horizontal scroll at 1080 px;
- the keyboard reaches every control (Tab order covers them all);
- no request leaves the app's own host; no console errors.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.harness import goto, shot
from tests.browser.quality_paths import quality_paths

pytestmark = pytest.mark.browser
AXE = Axe()
MIN_TARGET = 48

# Interactive things a finger can hit, inside the app's main area.
TARGETS_JS = """
() => {
  const main = document.querySelector('[data-testid=stMain]') || document.body;
  const sel = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [role=radio], [role=checkbox], [role=switch], [role=tab], [role=slider], [role=option]';
  const out = [];
  for (const el of main.querySelectorAll(sel)) {
    let box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    // Streamlit hides native inputs and makes the <label> the target.
    if (el.tagName === 'INPUT' && (box.width <= 2 || box.height <= 2 || style.opacity === '0')) {
      const label = el.closest('label');
      if (!label) continue;
      box = label.getBoundingClientRect();
    }
    if (box.width === 0 && box.height === 0) continue;  // not rendered (e.g. collapsed)
    out.push({tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || el.value || '').trim().slice(0, 40),
              w: Math.round(box.width), h: Math.round(box.height)});
  }
  return out;
}
"""

# A button group (segmented control, pills) is one Tab stop; arrow keys move
# inside it (WAI-ARIA radio group / toolbar pattern). So a group counts once
# for Tab, and a second check walks each group with the arrow keys.
CONTROL_KEY_JS = """
el => {
  const group = el.closest('[data-testid=stButtonGroup]');
  const node = group || el;
  if (!node.dataset.kbdId) node.dataset.kbdId = (node.innerText || node.getAttribute('aria-label') || node.tagName).trim().slice(0, 30) + '#' + Math.random().toString(36).slice(2, 7);
  return node.dataset.kbdId;
}
"""

FOCUSABLE_JS = """
() => {
  const main = document.querySelector('[data-testid=stMain]') || document.body;
  const sel = 'button:not([disabled]), a[href], input:not([type=hidden]):not([disabled]), select, textarea, summary, [role=button]:not([aria-disabled=true])';
  const keyOf = %s;
  const keys = new Set();
  for (const el of main.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none' || (r.width === 0 && r.height === 0 && el.tagName !== 'INPUT')) continue;
    keys.add(keyOf(el));
  }
  return [...keys];
}
""" % CONTROL_KEY_JS.strip()

PATHS = quality_paths()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("path", PATHS)
def test_page_meets_quality_gates(kiosk_page, path, lang):
    sep = "&" if "?" in path else "?"
    goto(kiosk_page, f"{path}{sep}lang={lang}")
    page = kiosk_page.page
    name = "quality" + path.replace("/", "-").replace("?", "-").replace("=", "").replace("&", "-") + f"-{lang}"
    shot(page, name)

    results = AXE.run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)

    small = [t for t in page.evaluate(TARGETS_JS) if t["w"] < MIN_TARGET or t["h"] < MIN_TARGET]
    assert small == [], f"targets under {MIN_TARGET}px: {small}"

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"horizontal scroll of {overflow}px"

    assert kiosk_page.real_errors() == []
    assert kiosk_page.foreign_requests() == []


@pytest.mark.parametrize("path", PATHS)
def test_keyboard_reaches_every_control(kiosk_page, path):
    goto(kiosk_page, path)
    page = kiosk_page.page
    expected = set(page.evaluate(FOCUSABLE_JS))
    page.evaluate("document.activeElement && document.activeElement.blur()")
    reached = set()
    for _ in range(len(expected) * 2 + 15):
        page.keyboard.press("Tab")
        key = page.evaluate(
            "() => { const el = document.activeElement; const main = document.querySelector('[data-testid=stMain]');"
            " if (!el || !main || !main.contains(el)) return null; return (%s)(el); }" % CONTROL_KEY_JS.strip()
        )
        if key:
            reached.add(key)
    missing = sorted(expected - reached)
    assert not missing, f"keyboard never reached {missing} on {path}"


def test_arrow_keys_reach_every_option_of_each_button_group(kiosk_page):
    """Inside segmented controls and pills, arrow keys reach every option."""
    checked = 0
    for path in [p for p in PATHS if p.startswith(("/reflex", "/staff"))]:
        goto(kiosk_page, path)
        page = kiosk_page.page
        groups = page.locator("[data-testid=stMain] [data-testid=stButtonGroup]")
        for index in range(groups.count()):
            buttons = groups.nth(index).locator("button")
            total = buttons.count()
            buttons.first.focus()
            seen = set()
            for _ in range(total * 2):
                seen.add(page.evaluate("document.activeElement.innerText"))
                page.keyboard.press("ArrowRight")
            assert len(seen) == total, f"{path}: arrow keys reached {sorted(seen)} of {total} options"
            checked += 1
    assert checked >= 2
