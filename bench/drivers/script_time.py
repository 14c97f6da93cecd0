"""Server-side script time per interaction in-process with AppTest (--full): bench/apptest_time.py
in a subprocess, the sides alternating. (The same wall time inside the live server is read
during the taps: drivers/taps.py.)"""
from __future__ import annotations

import json
import subprocess
import sys

from bench.drivers.common import BENCH, ROOT


def apptest_times(sides: list[tuple[str, dict, dict]], samples: int) -> dict:
    """Per side name (``(name, target, runner config)``), the ms of each ``at.run()`` after a
    change of its control; {} if AppTest failed (its output is printed)."""
    spec = {"samples": samples, "sides": [
        {"name": name, "file": t["file"], "query": t.get("query", {}), "config": cfg,
         "control": t.get("control_label"), "reveal": t.get("reveal_label"),
         "actions": [{"label": o["label"], "value": o["value"]} for o in t["options"]]}
        for name, t, cfg in sides]}
    out = subprocess.run([sys.executable, str(BENCH / "apptest_time.py"), json.dumps(spec)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        print("  AppTest failed:", out.stdout[-500:], out.stderr[-1500:])
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])
