"""What every figure's driver shares: the servers under test (``Server``), one app under test
with its figures and what went missing (``Side``), percentiles, the phase clock, the browser's
settings, and the app's settings as command-line flags for the baseline served "with the app's
settings"."""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tests.browser.harness import stop_process  # noqa: E402  (the test servers' stop, shared)

BENCH = ROOT / "bench"
RESULTS = BENCH / "results"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
KIOSK = {"width": 1080, "height": 1920}

# ---------------------------------------------------------------------------------------
#: Seconds spent in each phase, in order (printed at the end, kept in the JSON), so the time
#: of a full run can be told from a quick one.
PHASES: dict[str, float] = {}
_phase = {"name": None, "since": 0.0}


def phase(name: str | None) -> None:
    """Start phase ``name`` (None: end the last one), printing it."""
    now = time.monotonic()
    if _phase["name"]:
        PHASES[_phase["name"]] = round(now - _phase["since"], 1)
    _phase.update(name=name, since=now)
    if name:
        print(f"- {name}", flush=True)


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def summary(values: list[float]) -> dict:
    return {"n": len(values), "median": pct(values, 0.5), "p95": pct(values, 0.95),
            "min": min(values) if values else float("nan"), "max": max(values) if values else float("nan")}


def app_server_config() -> list[str]:
    """The app's own server and runner settings (.streamlit/config.toml) as command-line
    flags, for the baseline served "with the app's settings". Address, port and static
    serving stay the bench's (the baseline has no static folder)."""
    import tomllib

    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    flags = []
    for section in ("server", "runner"):
        for key, value in cfg.get(section, {}).items():
            if f"{section}.{key}" in ("server.address", "server.port", "server.enableStaticServing"):
                continue
            flags += [f"--{section}.{key}", str(value).lower() if isinstance(value, bool) else str(value)]
    return flags


def parse_config(items: list[str]) -> tuple[list[str], dict]:
    """KEY=VALUE -> CLI flags for streamlit run, and typed runner.* options for AppTest."""
    flags, runner = [], {}
    for item in items:
        key, _, value = item.partition("=")
        flags += [f"--{key}", value]
        if key.startswith("runner."):
            runner[key] = {"true": True, "false": False}.get(value.lower(), value)
    return flags, runner


@dataclass
class Server:
    name: str
    script: str
    cwd: Path
    args: list[str]
    port: int = 0
    proc: subprocess.Popen | None = None
    ctl: Path = field(default_factory=Path)
    started: float = 0.0
    env: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, run_dir: Path) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.ctl = run_dir / f"ctl-{self.name}"
        log = (run_dir / f"server-{self.name}.log").open("ab")  # one log across the cold restarts
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=str(ROOT), **self.env)
        env.pop("EXPLAINER_CLINIC_CONFIG", None)
        # The kiosk idle watch still runs (its health polling is part of the load), but no
        # reset to Home in the middle of a measurement.
        env["EXPLAINER_IDLE_SECONDS"] = "900"
        cmd = [sys.executable, str(BENCH / "serve.py"), str(self.ctl), "run", self.script,
               "--server.port", str(self.port), "--server.address", "127.0.0.1", *self.args]
        self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        self.started = time.monotonic()
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start; see {log.name}")

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    async def dump(self) -> dict:
        (self.ctl / "dump.req").touch()
        out = self.ctl / "dump.json"
        for _ in range(100):
            await asyncio.sleep(0.05)
            if not (self.ctl / "dump.req").exists() and out.exists():
                data = json.loads(out.read_text())
                out.unlink()
                return data
        return {"script_ms": [], "gc": [], "sockets": [], "sessions": {}}

    def stop(self) -> None:
        stop_process(self.proc)


class Side:
    """One app under test: its server, its target, its figures, and what went missing
    (``lost[phase]``: taps with no redraw within 15 s; ``failed_opens[phase]``: new
    sessions that never drew a chart within 60 s). Either fails that phase's target."""

    def __init__(self, label: str, target: dict, server: Server):
        self.label, self.target, self.server = label, target, server
        self.fig: dict = {}
        self.lost: dict[str, int] = {}
        self.failed_opens: dict[str, int] = {}
        self.incidents: list[dict] = []
        #: Per tap, in order: ms from the tap to the charts' first change, and how many
        #: times the charts' picture changed before it settled (1: drawn once).
        self.first_change: list[float] = []
        self.redraws: list[int] = []

    @property
    def url(self) -> str:
        return self.server.url + self.target["path"]

    def note(self, kind: str, phase: str, state: dict) -> None:
        book = self.lost if kind == "lost tap" else self.failed_opens
        book[phase] = book.get(phase, 0) + 1
        if len(self.incidents) < 10:
            self.incidents.append({"kind": kind, "phase": phase, **state})
        print(f"  ! {self.label}: {kind} ({phase}): {state}")
