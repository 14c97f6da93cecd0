// Instant choices: a tap redraws the charts and swaps the words before the
// server's rerun. Inlined by ui/instant.py into an
// st.components.v2 component that draws nothing.
//
// A tap on one of the page's choice controls (Streamlit segmented controls)
// is answered here, in the same task as the tap, before Streamlit sends the
// rerun to the server:
//   - the charts: their Vega-Lite parameter is bound to a page element that
//     exists before any chart and is never replaced (`host`, the <body>;
//     Vega-Lite "BindDirect"); we set its `value` and fire the event Vega
//     listens for, and Vega redraws the chosen data at once. Other scripts
//     (the replay) read the same value and listen to the same event;
//   - the words: every element marked with the slot attribute gets the text
//     (and data-kind) of the new choice, from the table the server sent.
// The server's rerun then renders the same choice, so nothing changes again.
//
// While a tap's rerun is on its way, an older render (of the choice before)
// must not undo the tap: a render that disagrees with the pending tap is
// ignored for `pending_ms`. Any change this script did not see (arrow keys, a
// staff jump, a language switch) arrives as a render and is shown from it.
//
// The state lives in a window-level global because Streamlit calls this
// function again on every new render; the click listener is added once.
// When the component leaves the page (another page, a kiosk reset) the shown
// choice is forgotten, so the next visit starts from the server's choice and
// never from the previous visitor's. One page holds one instant component at a
// time (/reflex's choices; on the walkthrough, the level's or the timeline's).
export default function (component) {
  const { data, parentElement } = component;
  const w = window;
  const g = w.__bseInstant || (w.__bseInstant = { cfg: null, shown: null, pending: null, pendingAt: 0, taps: 0 });
  g.cfg = data;
  if (!g.listening) {
    g.listening = true;
    // Capture phase: before Streamlit's own handler, in the tap's own task.
    w.document.addEventListener("click", (event) => onTap(g, event), true);
  }
  const cleanup = () => forgetWhenGone(g, parentElement, data);
  if (g.pending && g.pending !== data.current && Date.now() - g.pendingAt < data.pending_ms) return cleanup;
  g.pending = null;
  show(g, data.current);
  return cleanup;
}

function forgetWhenGone(g, parent, data) {
  // Streamlit may run an older render's cleanup after a newer render: only
  // forget if this component's element really left the page, and if no other
  // instant component has rendered since (the walkthrough's next step has its
  // own: its choice on the body must stay).
  setTimeout(() => {
    if (parent && parent.isConnected) return;
    if (g.cfg !== data) return;
    const host = g.cfg && document.querySelector(g.cfg.host);
    if (host) delete host.value;
    g.shown = null;
    g.pending = null;
  }, 0);
}

function onTap(g, event) {
  const cfg = g.cfg;
  if (!cfg || !(event.target instanceof Element)) return;
  const button = event.target.closest("button");
  if (!button) return;
  cfg.groups.forEach((group, index) => {
    const box = document.querySelector(`.st-key-${group.key}`);
    if (!box || !box.contains(button)) return;
    const option = group.options[[...box.querySelectorAll("button")].indexOf(button)];
    if (option === undefined) return;
    const parts = (g.shown || cfg.current).split(cfg.separator);
    parts[index] = option;
    const next = parts.join(cfg.separator);
    if (next === g.shown) return;
    g.pending = next;
    g.pendingAt = Date.now();
    g.taps += 1; // tests read it: the tap was answered here
    show(g, next);
  });
}

function show(g, choice) {
  const cfg = g.cfg;
  const words = cfg.texts[choice];
  if (!words) return;
  g.shown = choice;
  const host = document.querySelector(cfg.host);
  if (host) {
    host.value = choice;
    // Vega ignores an event that brings no new value.
    host.dispatchEvent(new Event(cfg.event));
  }
  for (const node of document.querySelectorAll(`[${cfg.slot_attribute}]`)) {
    const name = node.getAttribute(cfg.slot_attribute);
    const text = words.text[name];
    if (text !== undefined && node.textContent !== text) node.textContent = text;
    const kind = words.kind[name];
    if (kind !== undefined && node.dataset.kind !== kind) node.dataset.kind = kind;
  }
}
