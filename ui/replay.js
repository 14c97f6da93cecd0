// The slow-motion replay of /reflex. Inlined by ui/replay.py into an
// st.components.v2 component (light DOM). No file is fetched and nothing is
// sent to the server while it plays: the frames of every choice arrive with
// the render (explainer/reflex/replay.py), and playback is this script alone.
//
// Streamlit calls this function again on every render (each tap's rerun);
// the state lives in a window-level global so a render never restarts a
// replay, and listeners are added once.
//
// Still picture: the final frame of the choice the page shows (the value of
// `host`, set by ui/instant.js, else the server's choice), with the signal
// path lit as the server drew it (the stage buttons).
// Replay: model time runs `slowdown` times slower than real time; each frame
// interpolates the model's samples, moves the picture (the same sums as
// explainer/reflex/figure.py `place`), moves the pulse along the nerves,
// lights the stages it has passed (picture and stage buttons), changes the
// caption once per phase, moves the charts' time cursor, and (sound on)
// the clicks of the spindle signals are scheduled on the audio clock.
export default function (component) {
  const { data, parentElement } = component;
  const w = window;
  const g = w.__bseReplay || (w.__bseReplay = {
    cfg: null, root: null, parent: null, markupKey: null, sound: null,
    playing: null, stepping: null, ended: false, audio: null, master: null,
    listening: false, chartsVisible: false, frames: 0,
  });
  g.cfg = data;
  if (g.sound === null) g.sound = !!data.sound;
  const fresh = mount(g, parentElement);
  if (!g.listening) {
    g.listening = true;
    const host = document.querySelector(data.host);
    if (host) host.addEventListener(data.event, () => onChoice(g));
  }
  // A render while a replay runs comes from a tap on another control: stop,
  // unless it brings the same choice and stage (nothing to show differently).
  const active = g.playing || g.stepping;
  if (active && (fresh || active.choice !== choiceShown(g) || active.stage !== data.stage)) stopAll(g);
  if (!g.playing && !g.stepping && !g.ended) still(g);
  if (g.ended && (fresh || g.ended.choice !== choiceShown(g) || g.ended.stage !== data.stage)) { g.ended = false; still(g); }
  return () => forgetWhenGone(g, parentElement);
}

// --- Building and wiring -------------------------------------------------------

function mount(g, parent) {
  const cfg = g.cfg;
  if (g.root && g.root.isConnected && g.parent === parent && g.markupKey === cfg.markup_key) {
    labelButtons(g);
    return false;
  }
  stopAll(g);
  g.ended = false;
  // Our own node: Streamlit keeps the component's stylesheet in another child
  // of `parent`, so the parent itself is never rewritten.
  const holder = document.createElement("div");
  holder.innerHTML = cfg.markup;
  const root = holder.firstElementChild;
  if (g.root && g.root.parentNode === parent) parent.replaceChild(root, g.root);
  else {
    parent.querySelectorAll(":scope > .bse-replay").forEach((old) => old.remove());
    parent.appendChild(root);
  }
  g.parent = parent;
  g.root = root;
  g.markupKey = cfg.markup_key;
  const q = (sel) => g.root.querySelector(sel);
  g.el = {
    watch: q("[data-role=watch]"), sound: q("[data-role=sound]"), slowed: q(".bse-replay-slowed"),
    step: q(".bse-replay-step"), caption: q(".bse-replay-caption"), svg: q("svg.reflex-figure"),
    desc: q("#reflex-fig-desc"), muscle: q("#reflex-fig-muscle"), ghost: q("#reflex-fig-ghost"),
    tight: q("#reflex-fig-tight"), glow: q("#reflex-fig-glow"), pull: q("#reflex-fig-pull"),
    spindleTag: q("#reflex-fig-spindle-tag"), plateTag: q("#reflex-fig-plate-tag"),
    sensory: q("#reflex-fig-sensory"), motor: q("#reflex-fig-motor"), pulse: q("#reflex-fig-pulse"),
    legend: q(".bse-replay-legend"),
    stages: [1, 2, 3, 4, 5].map((n) => [...g.root.querySelectorAll(`.stage-${n}`)]),
    badges: [1, 2, 3, 4, 5].map((n) => g.root.querySelector(`.badge[data-stage="${n}"]`)),
  };
  g.el.watch.addEventListener("click", () => onWatch(g));
  g.el.sound.addEventListener("click", () => onSound(g));
  labelButtons(g);
  reserveCaption(g);
  if (!g.resizeWatch) {
    g.resizeWatch = true;
    window.addEventListener("resize", () => reserveCaption(g));
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(() => reserveCaption(g));
  }
  return true;
}

// The caption's height is the tallest of all its texts at this width, measured once per
// build, resize and font load: a phase with a shorter line never pulls the picture up
// (the replay's texts differ in length, and in Spanish or with bigger text more so).
function reserveCaption(g) {
  const caption = g.el && g.el.caption;
  if (!caption || !caption.isConnected) return;
  const width = caption.getBoundingClientRect().width;
  if (!width) return;
  const probe = caption.cloneNode(false);
  probe.removeAttribute("aria-live");
  probe.setAttribute("aria-hidden", "true");
  Object.assign(probe.style, { position: "absolute", visibility: "hidden", left: "-10000px", top: "0",
    width: `${width}px`, minHeight: "0" });
  caption.parentNode.appendChild(probe);
  let tallest = 0;
  for (const text of Object.values(g.cfg.captions || {})) {
    probe.textContent = text;
    tallest = Math.max(tallest, probe.getBoundingClientRect().height);
  }
  probe.remove();
  if (tallest) caption.style.minHeight = `${Math.ceil(tallest)}px`;
}

function labelButtons(g) {
  const L = g.cfg.labels;
  // A toggle keeps its name; aria-pressed (and the tick drawn by CSS) says on or off.
  g.el.sound.setAttribute("aria-pressed", g.sound ? "true" : "false");
  const st = g.stepping;
  if (st) {
    const last = st.index >= st.replay.phases.length - 1;
    g.el.watch.textContent = last ? L.again : L.next;
    g.el.step.hidden = false;
    g.el.step.textContent = L.step.replace("{step}", String(st.index + 1)).replace("{count}", String(st.replay.phases.length));
  } else {
    g.el.watch.textContent = g.playing || g.ended ? L.again : L.watch;
    g.el.step.hidden = true;
  }
}

function choiceShown(g) {
  const host = document.querySelector(g.cfg.host);
  const value = host && host.value;
  return value && g.cfg.replays[value] ? value : g.cfg.choice;
}

function onChoice(g) {
  if (!g.root || !g.root.isConnected) return;
  stopAll(g);
  g.ended = false;
  still(g);
}

function onWatch(g) {
  if (g.stepping) return stepNext(g);
  stopAll(g);
  const reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  if (reduce) return stepStart(g);
  play(g);
}

function onSound(g) {
  g.sound = !g.sound;
  if (g.sound) {
    ensureAudio(g); // created here, in a tap, never before
    if (g.playing) scheduleClicks(g, g.playing, modelTime(g, g.playing, performance.now()));
  } else {
    silence(g);
  }
  labelButtons(g);
}

// --- The picture at one moment (explainer/reflex/figure.py `place`) -------------

const fmt = (v) => v.toFixed(2);

function sample(r, tm) {
  const x = Math.max(0, Math.min((tm - r.start) / r.step, r.stretch.length - 1));
  const i = Math.floor(x);
  const j = Math.min(i + 1, r.stretch.length - 1);
  const f = x - i;
  const lerp = (a) => a[i] + (a[j] - a[i]) * f;
  return { stretch: lerp(r.stretch), free: lerp(r.free), rate: lerp(r.rate), force: lerp(r.force) };
}

function place(m, G) {
  const rest = G.rest_end_x - G.anchor_x;
  const sx = (rest + G.px_per_mm * m.stretch) / rest;
  const freeSx = (rest + G.px_per_mm * m.free) / rest;
  const thick = (ratio, force) => (1 / Math.sqrt(ratio)) * (1 + G.swell * force);
  const sy = thick(sx, m.force);
  const glow = Math.max(0, Math.min(1, m.rate / G.glow_full_rate));
  return {
    endX: G.anchor_x + rest * sx, sx, sy, freeSx, freeSy: thick(freeSx, 0),
    ghostShown: m.free - m.stretch >= G.ghost_min_mm,
    spindleX: G.anchor_x + rest * G.spindle_at * sx, spindleTopY: G.muscle_y - 12 * sy,
    plateX: G.anchor_x + rest * G.end_plate_at * sx, plateY: G.muscle_y - G.belly_ry * 0.85 * sy,
    glowOpacity: 0.15 + 0.85 * glow, glowR: G.glow_min_r + (G.glow_max_r - G.glow_min_r) * glow,
    tight: 0.75 * Math.max(0, Math.min(1, m.force)),
  };
}

function scaleAbout(sx, sy, G) {
  return `matrix(${fmt(sx)},0,0,${fmt(sy)},${fmt(G.anchor_x * (1 - sx))},${fmt(G.muscle_y * (1 - sy))})`;
}

// Set an attribute only when its text changes: most parts stand still for
// most of a replay, and an unchanged attribute still costs a style pass.
function put(node, name, value) {
  const cache = node.__bse || (node.__bse = {});
  if (cache[name] === value) return;
  cache[name] = value;
  node.setAttribute(name, value);
}

function draw(g, m) {
  const G = g.cfg.geometry;
  const e = g.el;
  const p = place(m, G);
  const rest = G.rest_end_x - G.anchor_x;
  put(e.muscle, "transform", scaleAbout(p.sx, p.sy, G));
  put(e.ghost, "transform", scaleAbout(p.freeSx, p.freeSy, G));
  put(e.ghost, "visibility", p.ghostShown ? "visible" : "hidden");
  put(e.legend, "data-shown", p.ghostShown ? "true" : "false"); // its legend only with it
  put(e.tight, "opacity", fmt(p.tight));
  put(e.glow, "r", fmt(p.glowR));
  put(e.glow, "opacity", fmt(p.glowOpacity));
  put(e.pull, "transform", `translate(${fmt(p.endX - G.rest_end_x)},0)`);
  put(e.spindleTag, "transform", `translate(${fmt(p.spindleX - (G.anchor_x + rest * G.spindle_at))},0)`);
  put(e.plateTag, "transform", `translate(${fmt(p.plateX - (G.anchor_x + rest * G.end_plate_at))},0)`);
  put(e.sensory, "d", `M ${fmt(p.spindleX)},${fmt(p.spindleTopY)} ${G.sensory_tail}`);
  put(e.motor, "d", `${G.motor_head} ${fmt(p.plateX)},${fmt(p.plateY - 80)} ${fmt(p.plateX)},${fmt(p.plateY)}`);
  return p;
}

function drawPulse(g, r, tm, p) {
  const e = g.el;
  const progress = (tm - r.pulse) / r.latency;
  if (progress < 0 || progress >= 1) {
    put(e.pulse, "visibility", "hidden");
    return;
  }
  // Half the latency up the sensory nerve, half down the motor nerve. The
  // point comes from the curves' own control points (no layout is read
  // while the replay plays: that would slow every frame).
  const curve = progress < 0.5 ? sensoryCurve(g.cfg.geometry, p) : motorCurve(g.cfg.geometry, p);
  const point = alongCurve(curve, progress < 0.5 ? progress * 2 : progress * 2 - 1);
  put(e.pulse, "cx", fmt(point[0]));
  put(e.pulse, "cy", fmt(point[1]));
  put(e.pulse, "visibility", "visible");
}

const numbersIn = (text) => text.match(/-?\d+(\.\d+)?/g).map(Number);

// The nerves as cubic curves [p0, p1, p2, p3], the same as their `d`.
function sensoryCurve(G, p) {
  const c = numbersIn(G.sensory_tail);
  return [[p.spindleX, p.spindleTopY], [c[0], c[1]], [c[2], c[3]], [c[4], c[5]]];
}

function motorCurve(G, p) {
  const c = numbersIn(G.motor_head);
  return [[c[0], c[1]], [c[2], c[3]], [p.plateX, p.plateY - 80], [p.plateX, p.plateY]];
}

function bezier(c, u) {
  const v = 1 - u;
  const a = v * v * v, b = 3 * v * v * u, d = 3 * v * u * u, f = u * u * u;
  return [a * c[0][0] + b * c[1][0] + d * c[2][0] + f * c[3][0], a * c[0][1] + b * c[1][1] + d * c[2][1] + f * c[3][1]];
}

// The point a `fraction` of the way along the curve's length (so the pulse
// moves at an even speed), from 24 straight pieces.
function alongCurve(c, fraction) {
  const pts = [];
  for (let i = 0; i <= 24; i += 1) pts.push(bezier(c, i / 24));
  const lengths = [0];
  for (let i = 1; i < pts.length; i += 1) lengths.push(lengths[i - 1] + Math.hypot(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]));
  const want = fraction * lengths[lengths.length - 1];
  let i = 1;
  while (i < lengths.length - 1 && lengths[i] < want) i += 1;
  const piece = lengths[i] - lengths[i - 1] || 1;
  const k = (want - lengths[i - 1]) / piece;
  return [pts[i - 1][0] + (pts[i][0] - pts[i - 1][0]) * k, pts[i - 1][1] + (pts[i][1] - pts[i - 1][1]) * k];
}

// Stages 1..lit drawn lit in the picture, `current` ringed; with `buttons`,
// the same on the signal-path stage buttons.
function light(g, lit, current, buttons) {
  g.el.stages.forEach((nodes, i) => nodes.forEach((n) => n.classList.toggle("lit", i < lit)));
  g.el.badges.forEach((b, i) => b && b.classList.toggle("current", i + 1 === current));
  g.el.svg.setAttribute("data-stage", String(lit));
  const box = document.querySelector(g.cfg.steps_box);
  if (box) {
    if (buttons) box.setAttribute("data-replay", "on");
    else box.removeAttribute("data-replay");
  }
  // The words under the step buttons name the step the picture shows.
  const words = g.cfg.step_text && document.querySelector(g.cfg.step_text);
  const text = g.cfg.step_texts && g.cfg.step_texts[Math.max(1, current) - 1];
  if (words && text && words.textContent !== text) words.textContent = text;
  for (let n = 1; n <= 5; n += 1) {
    const button = document.querySelector(g.cfg.stage_button.replace("{n}", String(n)));
    if (!button) continue;
    if (buttons) button.setAttribute("data-replay-lit", n <= lit ? "true" : "false");
    else button.removeAttribute("data-replay-lit");
  }
}

function phaseAt(r, tm) {
  let key = r.phases[0][1];
  for (const [start, k] of r.phases) if (tm >= start) key = k;
  return key;
}

function setCaption(g, key) {
  const text = g.cfg.captions[key] || "";
  if (g.el.caption.textContent !== text) g.el.caption.textContent = text;
}

function setDesc(g, choice, stage) {
  const cfg = g.cfg;
  const r = cfg.replays[choice];
  const outcome = cfg.captions[r.phases[r.phases.length - 1][1]];
  const lit = cfg.stage_lit[stage - 1];
  g.el.desc.textContent = `${cfg.desc} ${lit} ${outcome}`;
}

function still(g) {
  if (!g.root) return;
  clearCursor(g);
  const choice = choiceShown(g);
  const r = g.cfg.replays[choice];
  draw(g, sample(r, r.end));
  put(g.el.pulse, "visibility", "hidden");
  light(g, g.cfg.stage, g.cfg.stage, false);
  setCaption(g, r.phases[r.phases.length - 1][1]);
  setDesc(g, choice, g.cfg.stage);
  g.el.slowed.hidden = true;
  labelButtons(g);
}

// --- Playing -----------------------------------------------------------------------

function modelTime(g, run, now) {
  return run.replay.start + (now - run.t0) / g.cfg.slowdown;
}

function play(g) {
  const choice = choiceShown(g);
  const replay = g.cfg.replays[choice];
  const run = { choice, stage: g.cfg.stage, replay, t0: performance.now(), raf: 0, phase: null, lit: -1 };
  g.playing = run;
  g.ended = false;
  g.frames = 0;
  g.el.slowed.hidden = false;
  labelButtons(g);
  if (g.sound) {
    ensureAudio(g); // in the tap's own task
    scheduleClicks(g, run, replay.start);
  }
  const frame = (now) => {
    if (g.playing !== run) return;
    const tm = Math.min(modelTime(g, run, now), replay.end);
    show(g, run, tm);
    g.frames += 1; // tests and bench/replay_frames.py read it
    if (g.trace) g.trace.push(performance.now()); // bench/replay_frames.py sets it: when each frame was drawn
    if (tm >= replay.end) return finish(g, run);
    run.raf = requestAnimationFrame(frame);
  };
  show(g, run, replay.start);
  run.raf = requestAnimationFrame(frame);
}

function show(g, run, tm) {
  const r = run.replay;
  const placed = draw(g, sample(r, tm));
  drawPulse(g, r, tm, placed);
  let lit = 0;
  r.stages.forEach((at) => { if (tm >= at) lit += 1; });
  if (lit !== run.lit) {
    run.lit = lit;
    light(g, lit, lit, true);
  }
  const phase = phaseAt(r, tm);
  if (phase !== run.phase) {
    run.phase = phase;
    setCaption(g, phase); // the live region changes once per phase
  }
  cursor(g, tm);
}

function finish(g, run) {
  g.playing = null;
  g.ended = { choice: run.choice, stage: run.stage };
  g.el.slowed.hidden = true; // the last frame stays, but nothing moves any more
  put(g.el.pulse, "visibility", "hidden");
  labelButtons(g);
}

function cursor(g, tm) {
  // Move the charts' cursor only while they are on screen (an observer says
  // so; reading layout in every frame would slow the replay).
  watchCharts(g);
  if (!g.chartsVisible && tm >= 0) return;
  const host = document.querySelector(g.cfg.cursor_host);
  if (!host) return;
  host.value = tm;
  host.dispatchEvent(new Event(g.cfg.cursor_event));
}

// Take the charts' cursor away (once: a still picture has none).
function clearCursor(g) {
  const host = document.querySelector(g.cfg.cursor_host);
  if (host && typeof host.value === "number" && host.value >= 0) cursor(g, -1);
}

function watchCharts(g) {
  const charts = document.querySelector(g.cfg.charts);
  if (!charts || g.watchedCharts === charts) return;
  if (g.chartsObserver) g.chartsObserver.disconnect();
  g.watchedCharts = charts;
  g.chartsVisible = false;
  g.chartsObserver = new IntersectionObserver((entries) => {
    g.chartsVisible = entries.some((entry) => entry.isIntersecting);
  });
  g.chartsObserver.observe(charts);
}

function stopAll(g) {
  const run = g.playing;
  if (run) cancelAnimationFrame(run.raf);
  const was = run || g.stepping;
  g.playing = null;
  g.stepping = null;
  silence(g);
  if (was && g.root) {
    g.el.slowed.hidden = true;
    put(g.el.pulse, "visibility", "hidden");
    clearCursor(g);
    light(g, g.cfg.stage, g.cfg.stage, false);
  }
}

// --- Reduced motion: the same phases, one tap each ---------------------------------

function stepStart(g) {
  const choice = choiceShown(g);
  const replay = g.cfg.replays[choice];
  g.stepping = { choice, stage: g.cfg.stage, replay, index: -1 };
  stepNext(g);
}

function stepNext(g) {
  const st = g.stepping;
  const r = st.replay;
  if (st.index >= r.phases.length - 1) {
    stopAll(g);
    return stepStart(g);
  }
  st.index += 1;
  const next = r.phases[st.index + 1];
  // Each step shows the last moment of its phase.
  const tm = next ? Math.max(r.start, next[0] - r.step) : r.end;
  const run = { replay: r, lit: -1, phase: null };
  show(g, run, tm);
  labelButtons(g);
}

// --- Sound: one click per spindle signal, made here (no files) ---------------------

function ensureAudio(g) {
  if (!g.audio) {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    g.audio = new Ctx();
    const click = g.audio.createBuffer(1, Math.round(g.audio.sampleRate * 0.006), g.audio.sampleRate);
    const samples = click.getChannelData(0);
    for (let i = 0; i < samples.length; i += 1) samples[i] = (Math.random() * 2 - 1) * Math.exp(-i / (samples.length / 5));
    g.clickBuffer = click;
  }
  if (g.audio.state === "suspended") g.audio.resume();
  return g.audio;
}

function scheduleClicks(g, run, fromModelTime) {
  const ctx = g.audio;
  if (!ctx) return;
  silence(g);
  const master = ctx.createGain();
  master.gain.value = 0.5;
  master.connect(ctx.destination);
  g.master = master;
  const nowModel = modelTime(g, run, performance.now());
  const base = ctx.currentTime + 0.02;
  for (const s of run.replay.signals) {
    if (s < fromModelTime || s < nowModel) continue;
    const source = ctx.createBufferSource();
    source.buffer = g.clickBuffer;
    source.connect(master);
    source.start(base + ((s - nowModel) * g.cfg.slowdown) / 1000);
  }
}

function silence(g) {
  if (g.master) {
    try { g.master.disconnect(); } catch (e) { /* already gone */ }
    g.master = null;
  }
}

// --- Leaving the page ----------------------------------------------------------------

function forgetWhenGone(g, parent) {
  // Streamlit may run an older render's cleanup after a newer render: only
  // stop if this component's element really left the page.
  setTimeout(() => {
    if (parent && parent.isConnected) return;
    stopAll(g);
    g.ended = false;
    g.root = null;
    g.markupKey = null;
    g.sound = null;
    if (g.audio) {
      g.audio.close();
      g.audio = null;
    }
    const host = g.cfg && document.querySelector(g.cfg.cursor_host);
    if (host) delete host.value;
  }, 0);
}
