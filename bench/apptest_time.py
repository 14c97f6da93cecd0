"""Server-side script time per interaction, in-process with AppTest.

``python bench/apptest_time.py '<json spec>'`` prints one JSON line. The spec
names two sides (app, baseline), each with its script file, query parameters,
the actions that alternate (one per interaction) and config options to set
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


def apply(action: list, at: AppTest) -> None:
    kind, key, *value = action
    if kind == "button":
        at.button(key=key).click()
    else:  # radio, button_group (segmented control, pills), selectbox, slider, toggle...
        getattr(at, kind)(key=key).set_value(value[0])


def main() -> None:
    spec = json.loads(sys.argv[1])
    sides = []
    for side in spec["sides"]:
        for k, v in side["config"].items():
            config.set_option(k, v)
        at = AppTest.from_file(str(ROOT / side["file"]), default_timeout=60)
        at.query_params.update(side.get("query", {}))
        at.run()
        if at.exception:
            raise SystemExit(f"{side['name']}: {[e.value for e in at.exception]}")
        sides.append((side, at, []))
    n, warmup = spec["samples"], spec.get("warmup", 3)
    for i in range(n + warmup):
        for side, at, times in sides:
            for k, v in side["config"].items():
                config.set_option(k, v)
            apply(side["actions"][i % len(side["actions"])], at)
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
