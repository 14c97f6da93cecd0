"""Server-side script time per interaction, in-process with AppTest.

``python bench/apptest_time.py '<json spec>'`` prints one JSON line. The spec
names the sides (app, baselines, extras), each with its script file, query parameters,
the actions that alternate (one per interaction, found by label) and config options to set
before each of its runs; samples alternate app, baseline, app, baseline...

Each sample is the wall time of one ``at.run()`` after changing the control:
the script, Streamlit's widget bookkeeping and, when ``runner.postScriptGC``
is on, the forced ``gc.collect(2)`` (AppTest's runner inherits it). It leaves
out the network and the browser, which tap-to-redraw measures.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from streamlit import config  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402


CHOICE_KINDS = ("button_group", "radio", "selectbox", "select_slider", "slider")


def _plain(label: str) -> str:
    return str(label).removeprefix("✓").strip()


def apply(side: dict, action: dict, at: AppTest) -> None:
    """Make one choice the way run.py's taps do, found by label (the content's English words):
    set the choice widget labelled ``side["control"]`` to the action's value, or else click
    the button labelled with the option's own words."""
    control = side.get("control")
    if control:
        for kind in CHOICE_KINDS:
            for widget in getattr(at, kind):
                if _plain(widget.label) == control:
                    widget.set_value(action["value"])
                    return
    for button in at.button:
        if _plain(button.label) == action["label"]:
            button.click()
            return
    raise SystemExit(f"{side['name']}: no control labelled {control!r} and no button {action['label']!r} "
                     "(the page changed: update TARGETS in bench/targets.py)")


def reveal(side: dict, at: AppTest) -> None:
    """Switch on the control that shows the charts ("See the numbers"), as the browser does."""
    label = side.get("reveal")
    if not label:
        return
    for kind in ("toggle", "checkbox"):
        for widget in getattr(at, kind):
            if _plain(widget.label) == label:
                widget.set_value(True)
                at.run()
                return
    for button in at.button:
        if _plain(button.label) == label:
            button.click()
            at.run()
            return
    # An expander (or no such control): AppTest runs an expander's contents anyway.


def main() -> None:
    spec = json.loads(sys.argv[1])
    sides = []
    for side in spec["sides"]:
        for k, v in side["config"].items():
            config.set_option(k, v)
        at = AppTest.from_file(str(ROOT / side["file"]), default_timeout=60)
        at.query_params.update(side.get("query", {}))
        at.run()
        reveal(side, at)
        if at.exception:
            raise SystemExit(f"{side['name']}: {[e.value for e in at.exception]}")
        sides.append((side, at, []))
    n, warmup = spec["samples"], spec.get("warmup", 3)
    for i in range(n + warmup):
        for side, at, times in sides:
            for k, v in side["config"].items():
                config.set_option(k, v)
            apply(side, side["actions"][i % len(side["actions"])], at)
            t0 = time.perf_counter()
            at.run()
            dt = (time.perf_counter() - t0) * 1000
            if at.exception:
                raise SystemExit(f"{side['name']}: {[e.value for e in at.exception]}")
            if i >= warmup:
                times.append(dt)
    print(json.dumps({side["name"]: times for side, _, times in sides}))


if __name__ == "__main__":
    main()
