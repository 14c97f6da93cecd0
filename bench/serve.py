"""Streamlit server wrapper for the benchmark: ``python bench/serve.py <ctl-dir> run app.py ...``.

It is the ordinary ``streamlit run`` (same CLI, same config files, same
process, so /proc/<pid>/status is the server's own RSS) with three probes
that cost microseconds:

* wall time of every script run, measured around ``ScriptRunner._run_script``
  (that covers the script, the widget-state bookkeeping and the forced
  ``gc.collect(2)`` of ``runner.postScriptGC``; the script thread does it all);
* every garbage collection, timed with ``gc.callbacks`` (generation, ms);
* on request, TCP_NODELAY of every connected TCP socket in the process
  (the accepted HTTP/WebSocket connections), read with getsockopt.

``BENCH_LAUNCHER=ui.server`` adds what the production launcher (``make run``,
``python -m ui.server``) adds: TCP_NODELAY on accepted connections and the
background warm-up imports; with ``BENCH_APP=1`` (the app only) also its HTML
page with the app's style sheet and font preloads, and its response headers.
run.py sets both for the app, and only the first for the same-settings baseline.

bench/run.py asks for a dump by creating ``<ctl-dir>/dump.req``; this writes
``<ctl-dir>/dump.json`` and clears the timings.
"""
from __future__ import annotations

import gc
import json
import os
import socket
import sys
import threading
import time
from pathlib import Path

CTL = Path(sys.argv.pop(1))
CTL.mkdir(parents=True, exist_ok=True)
_lock = threading.Lock()
_runs: list[float] = []
_gcs: list[tuple[int, float]] = []
_gc_start: dict[int, float] = {}


def _gc_cb(phase: str, info: dict) -> None:
    tid = threading.get_ident()
    if phase == "start":
        _gc_start[tid] = time.perf_counter()
    elif tid in _gc_start:
        _gcs.append((info.get("generation", -1), (time.perf_counter() - _gc_start.pop(tid)) * 1000))


gc.callbacks.append(_gc_cb)

if os.environ.get("BENCH_LAUNCHER") == "ui.server":
    # The app as `make run` serves it: ui/server.py's TCP_NODELAY and background warm-up imports.
    from ui import server as _launcher

    _launcher.install()
    threading.Thread(target=_launcher.warm_imports, name="warm-imports", daemon=True).start()
    if os.environ.get("BENCH_APP") == "1":
        # The app's own HTML page as ui/server.py serves it (its style sheet and font
        # preloads in the first paint, the security headers); not for the baseline,
        # which would get the app's style sheet.
        _launcher.install_headers()
elif os.environ.get("BENCH_NODELAY") == "1":
    # The candidate fix: asyncio's _set_nodelay skips sockets whose proto is 0, which is what
    # a listening socket made with socket.socket(AF_INET, SOCK_STREAM) hands to accepted ones.
    import asyncio.selector_events as _sel

    _orig_init = _sel._SelectorSocketTransport.__init__

    def _init(self, loop, sock, *args, **kwargs):
        try:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        _orig_init(self, loop, sock, *args, **kwargs)

    _sel._SelectorSocketTransport.__init__ = _init

from streamlit.runtime.scriptrunner import script_runner  # noqa: E402

_orig_run_script = script_runner.ScriptRunner._run_script


def _timed_run_script(self, *args, **kwargs):
    t0 = time.perf_counter()
    try:
        return _orig_run_script(self, *args, **kwargs)
    finally:
        with _lock:
            _runs.append((time.perf_counter() - t0) * 1000)


script_runner.ScriptRunner._run_script = _timed_run_script


def _sockets() -> list[dict]:
    import asyncio.trsock

    found, seen = [], set()
    for obj in gc.get_objects():
        if not isinstance(obj, (socket.socket, asyncio.trsock.TransportSocket)):
            continue
        try:
            if obj.family not in (socket.AF_INET, socket.AF_INET6) or obj.type != socket.SOCK_STREAM:
                continue
            fd = obj.fileno()
            if fd < 0 or fd in seen:
                continue
            seen.add(fd)
            try:
                peer = obj.getpeername()
            except OSError:
                peer = None  # the listening socket
            found.append({
                "fd": fd, "local": list(obj.getsockname())[:2], "peer": list(peer)[:2] if peer else None,
                "nodelay": bool(obj.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)),
                "proto": obj.proto,  # asyncio only sets TCP_NODELAY when proto == IPPROTO_TCP (6)
            })
        except OSError:
            continue
    return found


def _sessions() -> dict:
    """Connected sessions, and disconnected ones the server still holds (read without
    reaping: MemorySessionStorage only drops expired sessions when it is touched)."""
    try:
        from streamlit.runtime import Runtime

        mgr = Runtime.instance()._session_mgr
        data = getattr(getattr(getattr(mgr, "_session_storage", None), "_cache", None), "_data", {})
        return {"connected": mgr.num_active_sessions(), "disconnected_held": len(data)}
    except Exception as exc:  # the probe must never break the server
        return {"error": repr(exc)}


def _control() -> None:
    req, out = CTL / "dump.req", CTL / "dump.json"
    while True:
        time.sleep(0.1)
        if not req.exists():
            continue
        with _lock:
            runs, gcs = list(_runs), list(_gcs)
            _runs.clear()
            _gcs.clear()
        payload = {"script_ms": runs, "gc": gcs, "sockets": _sockets(), "sessions": _sessions()}
        tmp = out.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload))
        tmp.replace(out)
        req.unlink()


threading.Thread(target=_control, name="bench-control", daemon=True).start()

from streamlit.web.cli import main  # noqa: E402

sys.argv[0] = "streamlit"
sys.exit(main())
