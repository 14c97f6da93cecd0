"""The slow-motion replay's frame intervals: bench/replay_frames.py in a subprocess (its own
server), the app only: once on its own, once with taps and page changes nearby (--nearby)."""
from __future__ import annotations

import re
import subprocess
import sys

from bench.drivers.common import BENCH, ROOT


def frames(quick: bool, nearby: bool = False) -> dict:
    """bench/replay_frames.py (the slow-motion replay's frame intervals), if it exists."""
    script = BENCH / "replay_frames.py"
    if not script.exists():
        return {}
    out = subprocess.run([sys.executable, str(script), "--plays", "2" if quick else "3", *(["--nearby"] if nearby else [])],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    found = re.search(r"p50 ([\d.]+) ms\s+p95 ([\d.]+) ms\s+max ([\d.]+) ms", out.stdout)
    if not found:
        print("  replay_frames.py gave no figures:", out.stdout[-400:], out.stderr[-800:])
        return {"failed": True}
    p50, p95, worst = map(float, found.groups())
    return {"p50": p50, "p95": p95, "max": worst}
