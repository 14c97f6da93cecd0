"""Attack figures for the staff tools and the front desk, on loopback only.

Starts the app's server (ui/server.py) on a free port of 127.0.0.1 with a
test clinic file, runs each attack with a bounded loop, and prints one line
per figure. Run it on this branch and on the code before the hardening to
get the before/after table:

    .venv/bin/python bench/attack.py            # every attack, about 2 minutes
    .venv/bin/python bench/attack.py pin conns  # only some
    .venv/bin/python bench/attack.py --app /tmp/before   # a checkout of the code before

Attacks (the probe scripts drive Streamlit's WebSocket protocol, as
bench/ws_client.py does; nothing leaves 127.0.0.0/8):

- ``pin``: one session on /staff?mode=staff sends PIN submits 5 ms apart for
  ``--seconds`` (default 60) from 127.0.0.2; counted: PINs the server
  compared (its "wrong PIN" log lines) and whether the right PIN (included
  in the stream every 50 submits after the first 20) opened staff mode; then
  whether the right PIN works at once from 127.0.0.1.
- ``alerts``: one real emergency, then a kiosk session loops Yes -> Start
  over for 15 s; counted: alerts raised and whether the real one is still on
  the desk (read through a desk session).
- ``cache``: another session taps /reflex's speed 15 times, then again while a
  client sends Streamlit's clear_cache every 5 ms; counted: the tap medians.
- ``logs``: 500 ``debug_shutdown_runtime`` messages (refused by Streamlit, one
  warning each); counted: the log lines they wrote.
- ``conns``: a server under an open-file limit of 1,024 (systemd's default),
  1,100 idle TCP connections from 127.0.0.3 held for 10 s; counted: health's
  answers and answer time for 127.0.0.1 meanwhile, and the log's size.

The functions are also what the tests use (tests/browser/test_attacks.py).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
PIN = "582017"
WRONG_LINE = re.compile(r"staff PIN: wrong PIN from ")


class Protocol:
    """A bare Streamlit session over the WebSocket protocol (no browser)."""

    def __init__(self, base_url: str, page_name: str, query: str, local_host: str | None = None):
        self.ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.origin = base_url
        self.page_name = page_name
        self.query = query
        self.local_host = local_host
        self.ws = None
        self.page_script_hash = ""
        self.widgets: dict[str, object] = {}  # key suffix / label -> element proto
        self.texts: list[str] = []  # every markdown/alert body of the last run

    async def open(self) -> None:
        extra = {"local_addr": (self.local_host, 0)} if self.local_host else {}
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], origin=self.origin,
                                           max_size=None, compression=None, **extra)
        await self.rerun(page_name=self.page_name)

    def _msg(self, widgets=(), page_name: str = "") -> bytes:
        page_name = page_name or self.page_name  # every run stays on this session's page
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        if page_name:
            state.page_name = page_name
        for widget_id, kind, value in widgets:
            w = state.widget_states.widgets.add()
            w.id = widget_id
            setattr(w, kind, value)
        return msg.SerializeToString()

    async def send(self, widgets=(), page_name: str = "") -> None:
        """Send a rerun without waiting for it (a flood)."""
        await self.ws.send(self._msg(widgets, page_name))

    async def rerun(self, widgets=(), page_name: str = "", timeout: float = 30) -> None:
        """Send a rerun and read until its script finished, noting widgets and texts."""
        await self.send(widgets, page_name)
        await self.read_until_finished(timeout)

    async def read_until_finished(self, timeout: float = 30) -> None:
        self.texts = []
        deadline = time.monotonic() + timeout
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await asyncio.wait_for(self.ws.recv(), max(0.1, deadline - time.monotonic())))
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash or self.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                el = fwd.delta.new_element
                which = el.WhichOneof("type")
                if which in ("button", "text_input", "button_group"):
                    proto = getattr(el, which)
                    self.widgets[proto.id.rsplit("-", 1)[-1]] = proto
                    self.widgets[proto.label] = proto
                elif which == "markdown":
                    self.texts.append(el.markdown.body)
                elif which == "alert":
                    self.texts.append(el.alert.body)
            elif kind == "script_finished" and fwd.script_finished in (0, 2):  # finished ok / fragment
                return

    async def drain(self, seconds: float) -> None:
        """Read (and drop) what the server sends for ``seconds``."""
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                await asyncio.wait_for(self.ws.recv(), end - time.monotonic())
        except (asyncio.TimeoutError, websockets.ConnectionClosed):
            pass

    async def close(self) -> None:
        if self.ws:
            await self.ws.close()


def _submit_widgets(session: Protocol, pin: str):
    entry = session.widgets["staff_pin_entry"]
    submit = next(w for w in session.widgets.values() if getattr(w, "is_form_submitter", False))
    return [(entry.id, "string_value", pin), (submit.id, "trigger_value", True)]


async def pin_flood(base_url: str, seconds: float, gap_ms: float = 5, local_host: str = "127.0.0.2",
                    right_pin: str | None = PIN) -> dict:
    """Submit PINs ``gap_ms`` apart for ``seconds`` from ``local_host``, not waiting for
    answers (as a script would); the right PIN every 50th submit after the first 20
    (None: never). Code that compares every submit finds it at once; with the limits
    a compared PIN has about a 1 in 50 chance of being it, so "unlocked" is a
    chance figure after the fix: count the compared PINs instead."""
    session = Protocol(base_url, "staff", "lang=en&mode=staff", local_host)
    await session.open()
    submits = 0
    reader = asyncio.create_task(session.drain(seconds + 5))
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pin = right_pin if right_pin and submits >= 20 and submits % 50 == 0 else f"{submits % 10000:04d}"
        if pin == right_pin and submits % 50 != 0:
            pin = "9999"
        await session.send(_submit_widgets(session, pin))
        submits += 1
        await asyncio.sleep(gap_ms / 1000)
    reader.cancel()
    try:
        await reader
    except asyncio.CancelledError:
        pass
    # One more run that waits: did the right PIN ever open staff mode in this session?
    await asyncio.sleep(0.5)
    await session.rerun(timeout=60)
    unlocked = any("does not ask for a name" in t for t in session.texts)
    await session.close()
    return {"submits": submits, "unlocked": unlocked}


async def right_pin_now(base_url: str, local_host: str = "127.0.0.1", pin: str = PIN) -> tuple[bool, str]:
    """One staff member types the right PIN once: (staff mode opened, what the prompt said)."""
    session = Protocol(base_url, "staff", "lang=en&mode=staff", local_host)
    await session.open()
    if "staff_pin_entry" not in session.widgets:  # no PIN field at all: locked out
        said = " / ".join(t for t in session.texts if "tries" in t or "PIN" in t)
        await session.close()
        return False, said or "no PIN field"
    await session.rerun(_submit_widgets(session, pin), timeout=60)
    await session.rerun(timeout=60)
    opened = any("does not ask for a name" in t for t in session.texts)
    said = " / ".join(t for t in session.texts if "PIN" in t)
    await session.close()
    return opened, said


def compared_pins(log_path: Path) -> int:
    return len(WRONG_LINE.findall(log_path.read_text(encoding="utf-8", errors="replace")))


# --- the server ---------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    def __init__(self, workdir: Path, open_files: int | None = None, root: Path = ROOT, pin: str = PIN, **env: str):
        self.port = _free_port()
        self.root = Path(root)
        self.open_files = open_files  # a soft limit, as systemd's default 1,024
        self.workdir = workdir
        config = workdir / f"clinic-{self.port}.toml"
        config.write_text(f'[clinic]\nname = "Attack Test Clinic"\n[kiosk]\nstaff_pin = "{pin}"\n', encoding="utf-8")
        self.log = workdir / f"server-{self.port}.log"
        self.env = {**os.environ, "EXPLAINER_CLINIC_CONFIG": str(config), "PYTHONPATH": str(self.root),
                    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1", **env}
        self.proc = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "AppServer":
        command = [sys.executable, "-m", "ui.server", "run", "app.py", "--server.port", str(self.port),
                   "--server.address", "127.0.0.1"]
        if self.open_files:
            command = ["sh", "-c", f'ulimit -n {int(self.open_files)} && exec "$0" "$@"', *command]
        self.proc = subprocess.Popen(
            command,
            cwd=self.root, env=self.env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start; see {self.log}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# --- the figures ------------------------------------------------------------------

def run_pin(server: AppServer, seconds: float) -> list[tuple[str, object]]:
    flood = asyncio.run(pin_flood(server.url, seconds))
    time.sleep(1)
    compared = compared_pins(server.log)
    opened, said = asyncio.run(right_pin_now(server.url))
    return [
        (f"PIN submits sent in {seconds:.0f} s from 127.0.0.2", flood["submits"]),
        ("PINs the server compared (wrong-PIN log lines)", compared),
        ("the flood's right PIN (every 50th submit) opened staff mode", flood["unlocked"]),
        ("right PIN from 127.0.0.1 right after the flood opens staff mode", opened if opened else f"False ({said})"),
    ]


ATTACKS = {"pin": run_pin, "alerts": None, "cache": None, "conns": None, "logs": None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("attacks", nargs="*", help=f"some of {', '.join(ATTACKS)} (default: all)")
    parser.add_argument("--seconds", type=float, default=60, help="length of the PIN flood")
    parser.add_argument("--app", type=Path, default=ROOT,
                        help="serve the app from this checkout (e.g. one of the code before, for the 'before' figures)")
    args = parser.parse_args(argv)
    args.attacks = args.attacks or list(ATTACKS)
    unknown = [name for name in args.attacks if name not in ATTACKS]
    if unknown:
        parser.error(f"unknown attack {', '.join(unknown)}; choose from {', '.join(ATTACKS)}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.attacks:
            server = AppServer(Path(tmp), open_files=1024 if name == "conns" else None, root=args.app,
                               pin=PIN if name == "pin" else "").start()
            try:
                if name == "pin":
                    rows = run_pin(server, args.seconds)
                elif name == "conns":
                    rows = run_conns(server)
                elif name == "alerts":
                    rows = run_alerts(server)
                elif name == "logs":
                    rows = run_logs(server)
                elif name == "cache":
                    rows = run_cache(server)
                else:
                    rows = ATTACKS[name](server)
            finally:
                server.stop()
            for label, value in rows:
                print(f"{name:7} {label}: {value}", flush=True)
    return 0



# --- connections ------------------------------------------------------------------

def health_times(base_url: str, count: int, every: float = 0.2, timeout: float = 2.0) -> list[float | None]:
    """``count`` health checks from 127.0.0.1: milliseconds each, None for a failure."""
    times: list[float | None] = []
    for _ in range(count):
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(base_url + "/_stcore/health", timeout=timeout) as r:
                r.read()
                times.append((time.perf_counter() - started) * 1000 if r.status == 200 else None)
        except OSError:
            times.append(None)
        time.sleep(every)
    return times


def hold_idle_connections(port: int, count: int, seconds: float, local_host: str = "127.0.0.3") -> int:
    """Open ``count`` TCP connections from ``local_host`` that never send a byte, hold
    them ``seconds``, close them; return how many connected."""
    held, connected = [], 0
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind((local_host, 0))
            s.settimeout(2)
            try:
                s.connect(("127.0.0.1", port))
                connected += 1
            except OSError:
                pass
            held.append(s)
        time.sleep(seconds)
    finally:
        for s in held:
            s.close()
    return connected


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def run_conns(server: "AppServer") -> list[tuple[str, object]]:
    import threading

    quiet = [t for t in health_times(server.url, 10) if t is not None]
    flood = threading.Thread(target=hold_idle_connections, args=(server.port, 1100, 10))
    flood.start()
    time.sleep(1.0)
    during = health_times(server.url, 30)
    flood.join()
    ok = [t for t in during if t is not None]
    log = server.log.read_text(encoding="utf-8", errors="replace")
    return [
        ("health p90 without the flood (ms)", round(p(quiet, 0.9), 1)),
        ("health answered during 1,100 idle connections (of 30)", len(ok)),
        ("health p90 during the flood (ms)", round(p(ok, 0.9), 1) if ok else "none answered"),
        ('"Too many open files" in the log', log.count("Too many open files")),
        ("log size after the flood (KB)", round(server.log.stat().st_size / 1024, 1)),
    ]


# --- developer messages ------------------------------------------------------------

async def taps_while(base_url: str, taps: int, attack: bool) -> list[float]:
    """Another session's tap times (ms) on /reflex, with or without a client sending
    clear_cache every 5 ms meanwhile."""
    sys.path.insert(0, str(ROOT))
    from bench.ws_client import Session

    victim = Session(base_url, "reflex", "lang=en&mode=kiosk")
    await victim.open()
    stop = asyncio.Event()

    async def flood():
        attacker = Protocol(base_url, "home", "lang=en&mode=kiosk", "127.0.0.4")
        await attacker.open()
        msg = BackMsg()
        msg.clear_cache = True
        raw = msg.SerializeToString()
        reader = asyncio.create_task(attacker.drain(3600))
        while not stop.is_set():
            await attacker.ws.send(raw)
            await asyncio.sleep(0.005)
        reader.cancel()
        await attacker.close()

    task = asyncio.create_task(flood()) if attack else None
    await asyncio.sleep(1.0 if attack else 0)
    times = []
    for i in range(taps):
        times.append(await victim.tap("reflex_speed_control", ("Slow", "Quick", "Sudden")[i % 3]))
    stop.set()
    if task:
        await task
    await victim.close()
    return times


def run_cache(server: "AppServer") -> list[tuple[str, object]]:
    quiet = asyncio.run(taps_while(server.url, 15, attack=False))
    attacked = asyncio.run(taps_while(server.url, 15, attack=True))
    log = server.log.read_text(encoding="utf-8", errors="replace")
    return [
        ("another session's tap, median without the flood (ms)", round(statistics.median(quiet), 1)),
        ("the same with clear_cache every 5 ms from 127.0.0.4 (ms)", round(statistics.median(attacked), 1)),
        ("refused-message log lines", log.count("refused a clear_cache")),
    ]


# --- alerts ---------------------------------------------------------------------------

async def alert_loop(base_url: str, loops: int) -> dict:
    """One real emergency from "Waiting room 2", then one kiosk session looping
    Yes -> Start over ``loops`` times; what a desk session then lists."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    async def yes(session: Protocol) -> None:
        group = session.widgets["self_check_q_saddle_numbness"]
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = session.query
        state.page_name = session.page_name
        w: WidgetState = state.widget_states.widgets.add()
        w.id = group.id
        w.string_array_value.data.append("Yes")
        await session.ws.send(msg.SerializeToString())
        await session.read_until_finished(60)

    real = Protocol(base_url, "self-check", "lang=en&mode=kiosk&kiosk=Waiting%20room%202")
    await real.open()
    await yes(real)
    loop = Protocol(base_url, "self-check", "lang=en&mode=kiosk&kiosk=Kiosk%203", "127.0.0.5")
    await loop.open()
    started = time.monotonic()
    for _ in range(loops):
        await yes(loop)
        start_over = loop.widgets["self_check_start_over"]
        await loop.rerun([(start_over.id, "trigger_value", True)], timeout=60)
    seconds = time.monotonic() - started
    desk = Protocol(base_url, "desk", "lang=en&mode=staff")
    await desk.open()
    cards = [t for t in desk.texts if "desk-told" in t]
    result = {"seconds": seconds, "cards": len(cards), "real": any("Waiting room 2" in t for t in cards),
              "notes": [t for t in desk.texts if "joined" in t or "did not fit" in t]}
    for session in (real, loop, desk):
        await session.close()
    return result


def run_alerts(server: "AppServer", loops: int = 210) -> list[tuple[str, object]]:
    result = asyncio.run(alert_loop(server.url, loops))
    return [
        (f"Yes -> Start over loops from one kiosk session ({result['seconds']:.0f} s)", loops),
        ("alerts listed on the desk", result["cards"]),
        ("the real emergency (Waiting room 2) is still on the desk", result["real"]),
        ("what the desk says about merged or dropped alerts", " / ".join(result["notes"]) or "nothing"),
    ]


# --- log volume ---------------------------------------------------------------------

async def refused_debug_messages(base_url: str, count: int) -> None:
    session = Protocol(base_url, "home", "lang=en&mode=kiosk", "127.0.0.6")
    await session.open()
    msg = BackMsg()
    msg.debug_shutdown_runtime = True
    for _ in range(count):
        await session.ws.send(msg.SerializeToString())
    await asyncio.sleep(1)
    await session.close()


def run_logs(server: "AppServer") -> list[tuple[str, object]]:
    asyncio.run(refused_debug_messages(server.url, 500))
    time.sleep(1)
    log = server.log.read_text(encoding="utf-8", errors="replace")
    return [
        ("log lines for 500 refused debug_shutdown_runtime messages", log.count("Client tried to shut down runtime")),
        ("log size (KB)", round(server.log.stat().st_size / 1024, 1)),
    ]


if __name__ == "__main__":
    sys.exit(main())
