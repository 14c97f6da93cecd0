"""Start the Streamlit server with TCP_NODELAY on every accepted connection.

Streamlit 1.67 binds its own listening socket and hands it to uvicorn; the
sockets it accepts report ``proto == 0``, and asyncio only switches Nagle's
algorithm off (TCP_NODELAY) for sockets whose proto is IPPROTO_TCP. With
Nagle on, a small WebSocket frame sent right after another waits for the
peer's delayed ACK (up to ~40 ms on Linux), which stalls back-to-back reruns
(measured by bench/serve.py; see bench/README.md). This wrapper sets
TCP_NODELAY as each connection's transport is created, then runs the
ordinary ``streamlit`` command line with the given arguments:

    python -m ui.server run app.py --server.port 8501
"""
from __future__ import annotations

import asyncio.selector_events as selector_events
import importlib
import logging
import socket
import sys
import threading

_original_init = selector_events._SelectorSocketTransport.__init__


def _init_with_nodelay(self, loop, sock, *args, **kwargs):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass  # not fatal: the connection still works, just with Nagle on
    _original_init(self, loop, sock, *args, **kwargs)


def install() -> None:
    selector_events._SelectorSocketTransport.__init__ = _init_with_nodelay


#: Heavy modules the pages need: imported in the background while the server
#: starts, so the first patient does not wait 1-3 s for them (issue 6/7).
WARM_MODULES = (
    "numpy", "pandas", "altair", "fpdf", "segno",
    "explainer.physiology", "explainer.reflex_charts", "explainer.reflex_arc",
    "explainer.timeline", "explainer.walkthrough_charts", "explainer.spine_diagram",
    "explainer.leg_map", "explainer.triage", "explainer.care_charts", "explainer.handout",
)


def warm_imports(modules=WARM_MODULES) -> list[str]:
    """Import what the pages will need; return the modules that failed (logged, never fatal)."""
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # a missing optional module must not stop the kiosk
            logging.getLogger("explainer").warning("warm-up: could not import %s", name, exc_info=True)
            failed.append(name)
    return failed


def main() -> None:
    install()
    threading.Thread(target=warm_imports, name="warm-imports", daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *sys.argv[1:]]
    streamlit_main()


if __name__ == "__main__":
    main()
