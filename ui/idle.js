// Kiosk idle watch and restart watchdog. Inlined by ui/idle.py into
// an st.components.v2 component: no file is fetched, no host is contacted but
// this app's own /_stcore/health.
//
// Why it lives in a window-level global: Streamlit calls this function again
// on every rerun and page change of the single-page app. Activity listeners,
// the clock and the overlays are created once per browser page and survive
// those re-renders, so a rerun never restarts the idle clock or redraws an
// overlay (no flicker). Each render only refreshes `cfg` (strings, seconds)
// and the latest `setTriggerValue`.
//
// Timeline: last touch --(idleMs)--> "Are you still there?" overlay with a
// countdown --(warnMs)--> report "expired" to the server, which clears the
// session and switches to Home (the same browser page: no load). If the
// server does not answer in time, navigate to Home ourselves (a new page
// load, marked "fallback").
//
// `armed` false (an untouched Home with nothing to clear, decided by the
// server) means there is nothing to warn about: the clock stands still.
//
// The kiosk never navigates while the server is down: a navigation then ends
// on Chromium's "This site can't be reached" page, whose retry back-off (not
// us) decides when the kiosk comes back (up to minutes). Instead a calm
// "One moment" overlay covers the page until /_stcore/health answers again,
// and only then Home is loaded.
//
// Every navigation this script makes writes its reason to sessionStorage
// ("bse-return": fallback, watchdog or boot); the next page load reads it into
// `__bseIdle.arrivedBy`. A server reset is no navigation: it bumps
// `__bseIdle.serverResets` instead. So tests can tell the paths apart.
// `__bseIdle.warnings` counts how often "Are you still there?" came up.
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  const w = window;
  const RETURN_KEY = "bse-return";
  const g = w.__bseIdle || (w.__bseIdle = {
    last: Date.now(),
    fired: false,
    firedAt: 0,
    parent: null,
    boot: null,
    down: false,
    upAt: Date.now(), // last time the health check answered (or page load)
    checking: false,
    leaving: false,
    overlay: null,
    wait: null,
    cfg: null,
    trigger: null,
    serverResets: 0,
    arrivedBy: readReturn(),
  });
  g.cfg = data;
  g.renders = (g.renders || 0) + 1; // tests read it: one call per new data, not per second
  g.trigger = setTriggerValue;
  g.parent = parentElement;

  function readReturn() {
    try {
      const reason = w.sessionStorage.getItem(RETURN_KEY);
      w.sessionStorage.removeItem(RETURN_KEY);
      return reason;
    } catch (e) {
      return null;
    }
  }

  // Load Home (or, after a restart, the page's return_url: a staff page comes
  // back to itself), but only while the server answers; otherwise wait for it.
  function goHome(reason) {
    if (g.leaving) return;
    if (g.down || Date.now() - g.upAt > 2 * (g.cfg.health_every_ms || 500) + 1500) {
      g.pendingReason = reason; // the watchdog loads Home once health passes
      showWait();
      return;
    }
    g.leaving = true;
    try {
      w.sessionStorage.setItem(RETURN_KEY, reason);
    } catch (e) {
      /* private mode without storage: the reason is only for tests */
    }
    const back = reason === "boot" || reason === "watchdog";
    w.location.replace(back && g.cfg.return_url ? g.cfg.return_url : g.cfg.home_url);
  }

  // A server that restarted has a new boot id: this page belongs to a session
  // that no longer exists, so start again from Home. (A render means it is up.)
  if (g.boot && data.boot && g.boot !== data.boot) {
    g.upAt = Date.now();
    g.down = false;
    goHome("boot");
    return;
  }
  g.boot = data.boot;
  // A render from a new session means the server reset us: arm the watch again,
  // and take the countdown down now, with the render that brings Home, not at
  // the next tick: the next person must not meet "0 seconds" over a fresh Home.
  if (g.fired && data.session !== g.firedSession) {
    g.fired = false;
    g.serverResets += 1;
    g.last = Date.now();
    if (g.overlay) g.overlay.o.hidden = true;
  }

  const doc = document;
  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function ensureStyle() {
    if (!doc.getElementById("bse-idle-style")) {
      const style = el("style", "", g.cfg.css);
      style.id = "bse-idle-style";
      doc.head.append(style);
    }
  }

  function buildOverlay() {
    ensureStyle();
    const o = el("div", "bse-idle-overlay");
    o.setAttribute("role", "alertdialog");
    o.setAttribute("aria-modal", "true");
    o.setAttribute("aria-labelledby", "bse-idle-title");
    o.setAttribute("aria-describedby", "bse-idle-body");
    o.setAttribute("data-testid", "idle-warning");
    o.hidden = true;
    const box = el("div", "bse-idle-box");
    const title = el("h2", "bse-idle-title");
    title.id = "bse-idle-title";
    const body = el("p", "bse-idle-body");
    body.id = "bse-idle-body";
    const count = el("p", "bse-idle-count");
    count.setAttribute("aria-live", "polite");
    const button = el("button", "bse-idle-button");
    button.type = "button";
    button.setAttribute("data-testid", "idle-stay");
    box.append(title, body, count, button);
    o.append(box);
    doc.body.append(o);
    return { o, title, body, count, button };
  }

  function buildWait() {
    ensureStyle();
    const o = el("div", "bse-idle-overlay bse-wait-overlay");
    o.setAttribute("role", "status");
    o.setAttribute("aria-live", "polite");
    o.setAttribute("data-testid", "outage-wait");
    o.hidden = true;
    const box = el("div", "bse-idle-box");
    const title = el("h2", "bse-idle-title");
    const body = el("p", "bse-idle-body");
    box.append(title, body);
    o.append(box);
    doc.body.append(o);
    return { o, title, body };
  }

  function activity() {
    g.last = Date.now();
    if (g.overlay && !g.overlay.o.hidden) hide();
  }

  function hide() {
    g.overlay.o.hidden = true;
  }

  function show(secondsLeft) {
    if (!g.overlay || !g.overlay.o.isConnected) g.overlay = buildOverlay();
    const v = g.overlay;
    const c = g.cfg;
    v.title.textContent = c.title;
    v.body.textContent = c.body;
    v.button.textContent = c.stay;
    // One second is singular in both languages ("1 second", "1 segundo").
    const count = (secondsLeft === 1 && c.countdown_one ? c.countdown_one : c.countdown).replace("{seconds}", String(secondsLeft));
    if (v.count.textContent !== count) v.count.textContent = count;
    if (v.o.hidden) {
      v.o.setAttribute("lang", c.lang);
      v.o.hidden = false;
      v.button.focus({ preventScroll: true });
      g.warnings = (g.warnings || 0) + 1; // tests read it: how often the warning came up
    }
  }

  function showWait() {
    if (!g.wait || !g.wait.o.isConnected) g.wait = buildWait();
    const v = g.wait;
    const c = g.cfg;
    v.title.textContent = c.wait_title;
    v.body.textContent = c.wait_body;
    if (v.o.hidden) {
      v.o.setAttribute("lang", c.lang);
      v.o.hidden = false;
    }
    if (g.overlay) hide(); // one message at a time
  }

  function mountedHere() {
    // Only kiosk pages draw the watch; on a page without it (staff mode) its
    // root is gone from the document and the clock stands still.
    return !!(g.parent && g.parent.isConnected);
  }

  function tick() {
    const c = g.cfg;
    const now = Date.now();
    if (!c || !mountedHere()) {
      g.last = now;
      if (g.overlay) hide();
      return;
    }
    if (g.down) {
      showWait();
      return;
    }
    if (c.armed === false && !g.fired) {
      // Nothing to clear: no warning, no reset; the clock starts at the next touch.
      g.last = now;
      if (g.overlay && !g.overlay.o.hidden) hide();
      return;
    }
    const idle = now - g.last;
    if (idle < c.idle_ms && !g.fired) {
      if (g.overlay && !g.overlay.o.hidden) hide();
      return;
    }
    const left = Math.max(0, Math.ceil((c.idle_ms + c.warn_ms - idle) / 1000));
    show(left);
    if (left <= 0 && !g.fired) {
      g.fired = true;
      g.firedAt = now;
      g.firedSession = c.session;
      try {
        g.trigger("expired", now);
      } catch (e) {
        goHome("fallback");
      }
    } else if (g.fired && now - g.firedAt > c.fallback_ms) {
      // The server did not reset us (its answer was lost, or this page ran outside app.py).
      goHome("fallback");
    }
  }

  async function health() {
    const c = g.cfg;
    // A page without the watch (drawn by neither mode) is not this script's to move.
    if (!c || g.checking || g.leaving || !mountedHere()) return;
    g.checking = true;
    try {
      const r = await fetch(c.health_url, { cache: "no-store" });
      if (r.ok) {
        g.upAt = Date.now();
        if (g.down || g.pendingReason) {
          g.down = false;
          goHome(g.pendingReason || "watchdog");
          return;
        }
      } else {
        g.down = true;
      }
    } catch (e) {
      g.down = true;
    } finally {
      g.checking = false;
    }
    if (g.down) showWait();
  }

  if (!g.started) {
    g.started = true;
    const opts = { capture: true, passive: true };
    for (const type of ["pointerdown", "touchstart", "keydown", "wheel", "scroll"]) {
      doc.addEventListener(type, activity, opts);
    }
    // Any touch counts, on a widget or not; a tap anywhere on the overlay
    // (its big button included) means "still here" and never reaches the server.
    g.clock = w.setInterval(tick, 250);
    g.watchdog = w.setInterval(health, data.health_every_ms);
  }
}
