"""Attack figures for the staff tools and the front desk, on loopback only.

Starts the app's server (ui/server.py) on a free port of 127.0.0.1 with a
test clinic file, runs each attack with a bounded loop, and prints one line
per figure. Run it on this branch and on the code before the hardening to
get the before/after table:

    .venv/bin/python bench/attack.py            # every attack, about 2 minutes
    .venv/bin/python bench/attack.py pin alerts # only some

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
- ``conns``: 1,100 idle TCP connections from 127.0.0.3; counted: health's
  answer time for another client meanwhile.

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
                if which in ("button", "text_input"):
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
                    right_pin: str = PIN) -> dict:
    """Submit PINs ``gap_ms`` apart for ``seconds`` from ``local_host``, not waiting for
    answers (as a script would); the right PIN every 50th submit after the first 20."""
    session = Protocol(base_url, "staff", "lang=en&mode=staff", local_host)
    await session.open()
    submits = 0
    reader = asyncio.create_task(session.drain(seconds + 5))
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pin = right_pin if submits >= 20 and submits % 50 == 0 else f"{submits % 10000:04d}"
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
    def __init__(self, workdir: Path, **env: str):
        self.port = _free_port()
        self.workdir = workdir
        config = workdir / "clinic.toml"
        config.write_text(f'[clinic]\nname = "Attack Test Clinic"\n[kiosk]\nstaff_pin = "{PIN}"\n', encoding="utf-8")
        self.log = workdir / f"server-{self.port}.log"
        self.env = {**os.environ, "EXPLAINER_CLINIC_CONFIG": str(config), "PYTHONPATH": str(ROOT),
                    "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1", **env}
        self.proc = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "AppServer":
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ui.server", "run", "app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1"],
            cwd=ROOT, env=self.env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
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
        ("the flood's right PIN opened staff mode", flood["unlocked"]),
        ("right PIN from 127.0.0.1 right after the flood opens staff mode", opened if opened else f"False ({said})"),
    ]


ATTACKS = {"pin": run_pin}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("attacks", nargs="*", default=list(ATTACKS), choices=list(ATTACKS))
    parser.add_argument("--seconds", type=float, default=60, help="length of the PIN flood")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.attacks:
            server = AppServer(Path(tmp)).start()
            try:
                if name == "pin":
                    rows = run_pin(server, args.seconds)
                else:
                    rows = ATTACKS[name](server)
            finally:
                server.stop()
            for label, value in rows:
                print(f"{name:7} {label}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
