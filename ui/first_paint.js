// Put into Streamlit's HTML page by the launcher (ui/server.py, section 6), before
// the app's root element: it runs before anything is drawn.
//
// While an element's code loads, Streamlit draws a 50 px placeholder (stSkeleton)
// in its place, then the real element, often taller or wider: whatever came after
// it would move down. So what follows a placeholder (its later siblings in a
// vertical or horizontal block, at every level up to the page) is marked
// `data-bse-wait` and kept hidden in its place (assets/css/00-base.css) until the
// placeholder has become the real element; then it appears where it stays. The
// top bar waits as a whole while one of its controls is a placeholder; its height
// is reserved, so the page below it does not wait for it.
// Components that draw nothing (height 0) never push anything: nothing waits for them.
// A component that draws its own content once its script runs (the /reflex replay's
// picture, several hundred px tall) counts as a placeholder until that content is there.
//
// Nothing waits longer than MAX_WAIT_MS for one placeholder: an element whose code
// never loads, or a picture that never draws, must not hide the rest of the page.
//
// A MutationObserver callback runs after the DOM change and before the next
// frame is drawn, so a marked element is never drawn in the wrong place first.
// This is done here and not with a CSS :has() rule: such a rule made the browser
// re-check the page's blocks on every DOM change, which cost a tap on /reflex
// about 75 ms of style work (measured with make bench).
// The document's language: Streamlit's page says lang="en" whatever the app draws;
// the shell keeps ?lang= in every address, so take it from there before anything is
// drawn (ui/page_lang.py keeps it right after a language switch).
(() => {
  const lang = new URLSearchParams(location.search).get("lang");
  if (lang && /^[a-z]{2}$/.test(lang)) document.documentElement.lang = lang;
})();
(() => {
  const DRAWS_NOTHING = ':is(.st-key-idle_watch, .st-key-staff_watch, [class*="st-key-start_at_top"], .st-key-page_lang, .st-key-reflex_instant, .st-key-walk_timeline_instant, .st-key-walk_level_instant, .st-key-desk_chime) *';
  const LATE = ".st-key-reflex-picture:not(:has(.bse-replay-figure svg))";
  const BLOCKS = new Set(["stVerticalBlock", "stHorizontalBlock"]);
  const MAX_WAIT_MS = 3000;
  const marked = new Set();
  const since = new WeakMap(); // placeholder -> when it was first seen
  const update = () => {
    const waiting = new Set();
    const now = performance.now();
    for (const placeholder of document.querySelectorAll(`[data-testid="stSkeleton"], ${LATE}`)) {
      if (placeholder.matches(DRAWS_NOTHING)) continue;
      if (!since.has(placeholder)) {
        since.set(placeholder, now);
        setTimeout(update, MAX_WAIT_MS + 50); // look again once it has waited long enough
      }
      if (now - since.get(placeholder) > MAX_WAIT_MS) continue;
      for (let node = placeholder; node.parentElement && node !== document.body; node = node.parentElement) {
        const parent = node.parentElement;
        if (BLOCKS.has(parent.dataset.testid)) {
          for (let next = node.nextElementSibling; next; next = next.nextElementSibling) waiting.add(next);
        }
        if (parent.classList.contains("st-key-topbar")) {
          // The bar's height is reserved (00-base.css): the page below it never moves.
          waiting.add(parent);
          break;
        }
      }
    }
    for (const node of marked) {
      if (!waiting.has(node)) {
        node.removeAttribute("data-bse-wait");
        marked.delete(node);
      }
    }
    for (const node of waiting) {
      if (!marked.has(node)) {
        node.setAttribute("data-bse-wait", "");
        marked.add(node);
      }
    }
  };
  new MutationObserver(update).observe(document.documentElement, { childList: true, subtree: true });
})();
// The walkthrough's Back, Next and Start again change the whole step. Streamlit draws the
// new step element by element over the old one, so for a few frames the footer and the
// step's lower parts sit where the half-drawn step ends, then slide down (0.02-0.26 of the
// screen moved per tap, measured with the browser's layout-shift entries). From the tap
// until the new step's run has ended, the step's body and the footer stay unseen (but in
// place); they appear in one frame, where they stay. The step's heading and the progress
// bar stay in view and change in place. Nothing stays unseen longer than MAX_HIDE_MS
// (a tap that starts no run, a lost connection).
(() => {
  const TRIGGER = ".st-key-walk_next button, .st-key-walk_back button, .st-key-walk_restart button";
  const MAX_HIDE_MS = 4000;
  const STILL_FRAMES = 3; // the body's height unchanged this many frames in a row: drawn whole
  const root = document.documentElement;
  const heading = () => { const h = document.querySelector(".st-key-walk-head h2"); return h ? h.textContent : ""; };
  // How the last wait ended ("drawn" or "timeout"), for the browser tests.
  window.__bseStepChange = { ended: "" };
  let timer = 0, tap = 0;
  const reveal = how => {
    window.__bseStepChange.ended = how;
    clearTimeout(timer);
    tap += 1; // ends the frame loop of this tap
    root.removeAttribute("data-bse-step-change");
  };
  // Drawn whole: the new step's heading is there (a short run can start and end within one
  // frame, so the run's state alone cannot tell), the run has ended, no element is left
  // from the old step or still a placeholder, and the body's height has stayed the same for
  // a few frames (a chart or picture drawn just after the run).
  const drawn = before => {
    const app = document.querySelector('[data-testid="stApp"]');
    return heading() !== before && app && app.dataset.testScriptState !== "running" &&
      !document.querySelector('.st-key-walk-body [data-stale="true"], [data-testid="stMain"] [data-testid="stSkeleton"]');
  };
  document.addEventListener("click", event => {
    if (!(event.target instanceof Element) || !event.target.closest(TRIGGER)) return;
    root.setAttribute("data-bse-step-change", "");
    window.__bseStepChange.ended = "";
    clearTimeout(timer);
    timer = setTimeout(() => reveal("timeout"), MAX_HIDE_MS);
    const mine = ++tap, before = heading();
    let last = -1, still = 0;
    const frame = () => {
      if (mine !== tap) return;
      const body = document.querySelector(".st-key-walk-body");
      const height = body ? body.getBoundingClientRect().height : -1;
      still = drawn(before) && height === last ? still + 1 : 0;
      last = height;
      if (still >= STILL_FRAMES) reveal("drawn");
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, true);
})();
