"""What the benchmark taps, and where: the app's pages (``TARGETS``: the first whose file
exists is "the app"; ``EXTRA``: also measured when their files exist) and the bare baseline.
Retarget here when a page changes its controls: a control that cannot be found stops the run
with a message naming it."""
from __future__ import annotations

import re

from bench.drivers.common import ROOT

# ---------------------------------------------------------------------------------------
# What to tap, found the way a person finds it: by role and accessible name, with the
# names read from the content files (English), so the bench survives a page rewrite that
# keeps its words. control: content key of the control's label (scopes the options when
# two controls share option names); options: taps in turn (each must change the charts),
# each a content key (+ fmt) or a literal text, with the raw value AppTest sets on a
# choice widget; reveal: pattern of the page's English text for a control that shows the
# charts ("See the numbers"), tapped when present and the charts are not yet on screen.
# chart: what a tap redraws: every Vega-Lite chart on the page, unless the target names
# another element (a figure of pictures, one shown).
# ---------------------------------------------------------------------------------------
CHART = "[data-testid=stVegaLiteChart]"
TARGETS = [
    {   # the stretch-reflex model: the speed control (pages/reflex.py)
        "name": "reflex speed", "file": "pages/reflex.py", "part": "reflex", "path": "/reflex?lang=en&mode=kiosk",
        "control": {"key": "reflex.speed_label"},
        "options": [{"key": "reflex.speed.slow", "value": "slow"}, {"key": "reflex.speed.sudden", "value": "sudden"}],
        "reveal": r"see the numbers", "query": {"lang": "en", "mode": "kiosk"},
    },
    {   # until /reflex lands: /care's recovery chart follows the language switch
        "name": "care language", "file": "pages/care.py", "part": "care", "path": "/care?lang=en&mode=kiosk",
        "control": None,
        "options": [{"key": "common.language_names.es", "value": "es"}, {"key": "common.language_names.en", "value": "en"}],
        "query": {"lang": "en", "mode": "kiosk"},
    },
]
EXTRA = [
    {   # the "warm bath" timeline step of the walkthrough
        "name": "spasm-or-disc timeline", "file": "pages/spasm-or-disc.py", "part": "spasm_or_disc",
        "path": "/spasm-or-disc?lang=en&mode=kiosk&step=5",
        "control": {"key": "spasm_or_disc.steps.timeline.bath_label"},
        "options": [{"key": "spasm_or_disc.steps.timeline.day", "fmt": {"day": 3}, "value": 3},
                    {"key": "spasm_or_disc.steps.timeline.no_bath", "value": 0}],
        "query": {"lang": "en", "mode": "kiosk", "step": "5"},
    },
    {   # the walkthrough's nerve level on the leg-map step: a picture, not a chart
        "name": "spasm-or-disc nerve level", "file": "pages/spasm-or-disc.py", "part": "spasm_or_disc",
        "path": "/spasm-or-disc?lang=en&mode=kiosk&step=3",
        "control": {"key": "spasm_or_disc.level.label_plain"},
        "options": [{"key": "spasm_or_disc.roots.S1.areas", "value": "S1"},
                    {"key": "spasm_or_disc.roots.L5.areas", "value": "L5"}],
        "chart": ".st-key-walk-diagram-legmap",
        "query": {"lang": "en", "mode": "kiosk", "step": "3"},
    },
]
BASELINE = {
    "name": "baseline", "file": "bench/baseline_app.py", "path": "/",
    "control": {"text": "Speed"},
    "options": [{"text": "fast", "value": "fast"}, {"text": "slow", "value": "slow"}],
    "query": {},
}

#: The browser's own floor for a tap answered in the page (bench/floor_tap_app.py: the
#: baseline's chart, its choice a Vega radio binding, no rerun). Reported, not judged.
FLOOR = {
    "name": "browser floor", "file": "bench/floor_tap_app.py", "path": "/",
    "control": None,
    "options": [{"text": "fast", "value": "fast"}, {"text": "slow", "value": "slow"}],
    "query": {},
}


#: The framework's floor for /reflex's first chart: /reflex's kiosk elements in a bare app
#: (bench/floor_pages/pages/reflex_elements.py served alone, opened at /), its charts behind
#: the same "See the numbers". Reported beside the first chart, not judged.
CHART_FLOOR = {
    "name": "first chart floor", "file": "bench/floor_pages/pages/reflex_elements.py", "part": "reflex", "path": "/",
    "control": None, "options": [], "reveal": r"see the numbers", "query": {},
}


def resolve(target: dict) -> dict:
    """The target with every content key replaced by its English text (``label``)."""
    from explainer.common.content import Content

    content = Content.load()

    def text(item: dict | None) -> str | None:
        if item is None:
            return None
        return item["text"] if "text" in item else content.text("en", item["key"], **item.get("fmt", {}))

    out = dict(target, control_label=text(target.get("control")),
               options=[dict(o, label=text(o)) for o in target["options"]], chart=target.get("chart", CHART), reveal_label=None)
    if target.get("reveal"):
        part = target.get("part", "")
        pattern = re.compile(target["reveal"], re.I)
        for key, value in content.catalog["en"].items():
            if key.startswith(part + ".") and isinstance(value, str) and pattern.search(value):
                out["reveal_label"] = value
                break
    return out


def pick_target(verbose: bool = True) -> dict:
    for t in TARGETS:
        if (ROOT / t["file"]).exists():
            return resolve(t)
        if verbose:
            print(f"  ({t['file']} does not exist yet; next target)")
    raise SystemExit("no target page exists")
