"""The launcher as `make run` starts it (``python -m ui.server run app.py ...``), in this
process and without a browser: ``ui.server.main()`` with Streamlit's command line
replaced by a recorder, and every global it changes put back afterwards.

After main(): the app Streamlit's server will build (the very name its
``UvicornServer.start`` calls) is wrapped so that every HTTP response carries the
security headers and /_stcore/metrics answers 404; the network guard lets local UDP
through and refuses TCP to another host; the error-screen hook and the warm-up are
in place; and Streamlit's own command line runs with the arguments given. The
expected headers are literals here, not read from the module.
"""
from __future__ import annotations

import asyncio
import asyncio.selector_events as selector_events
import logging
import socket
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from ui import server

#: Every HTTP response of the kiosk server: no other site may frame it, no page it
#: links to learns where the visitor came from.
HEADERS = {
    b"content-security-policy": b"frame-ancestors 'self'",
    b"x-frame-options": b"SAMEORIGIN",
    b"referrer-policy": b"no-referrer",
}
PATHS = ["/", "/reflex", "/self-check?lang=es", "/static/js/index.js", "/app/static/fonts/x.ttf",
         "/_stcore/health", "/_stcore/host-config", "/component/x.js", "/missing"]
CLOSED = ["/_stcore/metrics", "/_stcore/metrics/", "/reflex/_stcore/metrics"]


def _asgi(app, scope) -> list[dict]:
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    with ThreadPoolExecutor(1) as pool:  # Playwright may own this thread's loop
        pool.submit(lambda: asyncio.run(app(scope, receive, send))).result(timeout=10)
    return sent


class FakeStreamlit:
    """Stands in for the app Streamlit builds: records what reaches it, answers 200."""

    def __init__(self):
        self.seen: list[str] = []

    def create(self, runtime):
        async def app(scope, receive, send):
            self.seen.append(scope.get("path", scope["type"]))
            if scope["type"] != "http":
                return
            kind = b"text/html" if scope["path"] in ("/", "/reflex") else b"text/plain"
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", kind)]})
            await send({"type": "http.response.body", "body": b"<html><head></head><body><div id=\"root\"></div></body></html>"})
        return app


@pytest.fixture
def launched(monkeypatch):
    """ui.server.main() as `make run` calls it; what it changed is undone afterwards."""
    from streamlit import error_util, net_util
    from streamlit.web import cli
    from streamlit.web.server.starlette import starlette_server

    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, getattr(socket, name))
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, getattr(socket.socket, name))
    monkeypatch.setattr(net_util, "get_external_ip", net_util.get_external_ip)
    monkeypatch.setattr(net_util, "_internal_ip", None)
    monkeypatch.setattr(error_util, "show_uncaught_app_exception", error_util.show_uncaught_app_exception)
    monkeypatch.setattr(selector_events._SelectorSocketTransport, "__init__", selector_events._SelectorSocketTransport.__init__)
    monkeypatch.setattr(server, "_refused_logged", set())
    # Section 7, 8 and 9's patches (the not-found screen, limits, refused messages, log volume, whole runs).
    from streamlit.commands import navigation
    from streamlit.runtime.app_session import AppSession

    monkeypatch.setattr(navigation, "send_page_not_found", navigation.send_page_not_found)
    monkeypatch.setattr(AppSession, "handle_backmsg", AppSession.handle_backmsg)
    monkeypatch.setattr(AppSession, "_create_scriptrunner", AppSession._create_scriptrunner)
    monkeypatch.setattr(starlette_server, "_get_uvicorn_config_kwargs", starlette_server._get_uvicorn_config_kwargs)
    monkeypatch.setattr(logging.Handler, "handle", logging.Handler.handle)
    monkeypatch.setattr(selector_events.BaseSelectorEventLoop, "_accept_connection2",
                        selector_events.BaseSelectorEventLoop._accept_connection2)
    monkeypatch.setattr(selector_events._SelectorTransport, "_call_connection_lost",
                        selector_events._SelectorTransport._call_connection_lost)
    monkeypatch.setattr(server, "_limits_on", False)
    log = logging.getLogger("explainer")
    monkeypatch.setattr(log, "handlers", list(log.handlers))
    monkeypatch.setattr(log, "propagate", log.propagate)
    monkeypatch.setattr(log, "level", log.level)
    fake = FakeStreamlit()
    monkeypatch.setattr(starlette_server, "create_starlette_app", fake.create)
    warmed = threading.Event()
    monkeypatch.setattr(server, "warm_imports", lambda *a, **k: warmed.set() or [])
    ran = []
    monkeypatch.setattr(cli, "main", lambda: ran.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["ui/server.py", "run", "app.py", "--server.port", "8599"])

    server.main()
    # What Streamlit's UvicornServer.start will call to build its app:
    build = starlette_server.UvicornServer.start.__globals__["create_starlette_app"]
    return {"app": build(None), "fake": fake, "ran": ran, "warmed": warmed, "error_util": error_util}


def test_streamlits_command_line_runs_with_the_arguments_given(launched):
    assert launched["ran"] == [["streamlit", "run", "app.py", "--server.port", "8599"]]


@pytest.mark.parametrize("path", PATHS)
def test_every_http_response_of_the_launched_server_carries_every_header(launched, path):
    route, _, query = path.partition("?")
    sent = _asgi(launched["app"], {"type": "http", "method": "GET", "path": route, "query_string": query.encode(), "headers": []})
    assert route in launched["fake"].seen, "the request reached Streamlit's app"
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = dict(start["headers"])
    for name, value in HEADERS.items():
        assert headers.get(name) == value, f"{path}: {name.decode()} is {headers.get(name)!r}"
    assert start["status"] == 200


@pytest.mark.parametrize("path", CLOSED)
def test_metrics_stay_closed_on_the_launched_server(launched, path):
    sent = _asgi(launched["app"], {"type": "http", "method": "GET", "path": path, "headers": []})
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert start["status"] == 404, path
    assert launched["fake"].seen == [], "Streamlit's metrics handler was never asked"
    assert b"session" not in body.lower() and b"memory" not in body.lower()
    headers = dict(start["headers"])
    assert all(headers.get(name) == value for name, value in HEADERS.items())


def test_websockets_reach_streamlit_untouched(launched):
    _asgi(launched["app"], {"type": "websocket", "path": "/_stcore/stream", "headers": []})
    assert launched["fake"].seen == ["/_stcore/stream"]


def test_the_launched_guard_refuses_tcp_to_another_host(launched):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        with pytest.raises(ConnectionRefusedError):
            sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never a real host
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
        with pytest.raises(ConnectionRefusedError):
            sock.connect(("2001:db8::1", 80))  # documentation range
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("checkip.amazonaws.com", 443)


def test_the_launched_guard_lets_loopback_tcp_and_local_udp_through(launched):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.socket() as client:
            client.connect(listener.getsockname())
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        receiver.bind(("127.0.0.1", 0))
        receiver.settimeout(5)
        sender.connect(receiver.getsockname())
        sender.send(b"ping")
        assert receiver.recv(16) == b"ping"
    # Streamlit's internal-IP probe: a UDP "connect" to 8.8.8.8 (sends nothing) is not refused.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("8.8.8.8", 1))
        except ConnectionRefusedError:
            pytest.fail("the guard refused a UDP connect")
        except OSError:
            pass  # no route in a sandbox: the system's answer, not the guard's
    assert server._refused_logged == set()


def test_the_launched_server_asks_no_one_its_external_ip(launched):
    from streamlit import net_util

    assert net_util.get_external_ip() is None


def test_the_error_screen_and_the_warm_up_are_in_place(launched):
    assert getattr(launched["error_util"].show_uncaught_app_exception, "_kiosk_screen", False)
    assert launched["warmed"].wait(10), "the warm-up never ran"


def test_the_launcher_switches_on_the_limits_and_trusts_no_proxy_header(launched):
    from streamlit.commands import navigation
    from streamlit.runtime.app_session import AppSession
    from streamlit.web.server.starlette import starlette_server

    assert getattr(navigation.send_page_not_found, "_kiosk", False)
    assert getattr(AppSession.handle_backmsg, "_kiosk", False)
    assert logging.Handler.handle is server._handle_limited
    assert server._limits_on
    assert selector_events.BaseSelectorEventLoop._accept_connection is server._accept_admitting
    assert selector_events.BaseSelectorEventLoop._accept_connection2 is server._accept_within_limits
    kwargs = starlette_server._get_uvicorn_config_kwargs
    assert getattr(kwargs, "_kiosk", False)


def test_the_launcher_turns_a_refused_fragment_rerun_into_a_whole_run(launched):
    """Section 9 (what the wrapper does: test_server_whole_runs.py)."""
    from streamlit.runtime.app_session import AppSession

    assert getattr(AppSession._create_scriptrunner, "_kiosk", False)
