// Kiosk idle watch and restart watchdog (issue 6). Inlined by ui/idle.py into
// an st.components.v2 component: no file is fetched, no host is contacted but
// this app's own /_stcore/health.
//
// Why it lives in a window-level global: Streamlit calls this function again
// on every rerun and page change of the single-page app. Activity listeners,
// the clock and the overlay are created once per browser page and survive
// those re-renders, so a rerun never restarts the idle clock or redraws the
// overlay (no flicker). Each render only refreshes `cfg` (strings, seconds)
// and the latest `setTriggerValue`.
//
// Timeline: last touch --(idleMs)--> "Are you still there?" overlay with a
// countdown --(warnMs)--> report "expired" to the server, which clears the
// session and switches to Home. If the server does not answer in time (it is
// down or the page ran outside app.py), navigate to Home ourselves.
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  const w = window;
  const g = w.__bseIdle || (w.__bseIdle = {
    last: Date.now(),
    fired: false,
    firedAt: 0,
    parent: null,
    boot: null,
    down: false,
    overlay: null,
    cfg: null,
    trigger: null,
  });
  g.cfg = data;
  g.renders = (g.renders || 0) + 1; // tests read it: one call per new data, not per second
  g.trigger = setTriggerValue;
  g.parent = parentElement;

  // A server that restarted has a new boot id: this page belongs to a session
  // that no longer exists, so start again from Home.
  if (g.boot && data.boot && g.boot !== data.boot) {
    w.location.replace(data.home_url);
    return;
  }
  g.boot = data.boot;
  // A render from a new session means the server reset us: arm the watch again.
  if (g.fired && data.session !== g.firedSession) {
    g.fired = false;
    g.last = Date.now();
  }

  const doc = document;
  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function buildOverlay() {
    if (!doc.getElementById("bse-idle-style")) {
      const style = el("style", "", g.cfg.css);
      style.id = "bse-idle-style";
      doc.head.append(style);
    }
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
    const count = c.countdown.replace("{seconds}", String(secondsLeft));
    if (v.count.textContent !== count) v.count.textContent = count;
    if (v.o.hidden) {
      v.o.setAttribute("lang", c.lang);
      v.o.hidden = false;
      v.button.focus({ preventScroll: true });
    }
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
    const idle = now - g.last;
    if (idle < c.idle_ms) {
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
        w.location.replace(c.home_url);
      }
    } else if (g.fired && now - g.firedAt > c.fallback_ms) {
      // The server did not reset us (down, or this page ran outside app.py).
      w.location.replace(c.home_url);
    }
  }

  async function health() {
    const c = g.cfg;
    if (!c) return;
    try {
      const r = await fetch(c.health_url, { cache: "no-store" });
      if (r.ok && g.down) {
        w.location.replace(c.home_url);
        return;
      }
      g.down = !r.ok;
    } catch (e) {
      g.down = true;
    }
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
