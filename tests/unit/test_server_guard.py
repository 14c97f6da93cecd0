"""ui.server's guards, in this process: no lookup of or connection to another
host, Streamlit's external-IP check off, headers on every HTTP response,
/_stcore/metrics closed, and the error-screen hook. The same against a real
server: tests/browser/test_server_hardening.py."""
from __future__ import annotations

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest

from ui import server


@pytest.fixture
def guarded(monkeypatch):
    from streamlit import net_util

    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, getattr(socket, name))
    monkeypatch.setattr(socket.socket, "connect", socket.socket.connect)
    monkeypatch.setattr(socket.socket, "connect_ex", socket.socket.connect_ex)
    monkeypatch.setattr(net_util, "get_external_ip", net_util.get_external_ip)
    monkeypatch.setattr(server, "_refused_logged", set())
    server.refuse_outbound()
    return net_util


@pytest.mark.parametrize("host", ["checkip.amazonaws.com", "evil.example", "www.google.com", b"example.org"])
def test_lookups_of_other_hosts_are_refused_and_logged(guarded, caplog, host):
    with caplog.at_level("WARNING", logger="explainer"):
        with pytest.raises(socket.gaierror):
            socket.getaddrinfo(host, 80)
        with pytest.raises(socket.gaierror):
            socket.gethostbyname(host)
    assert "refused an outbound DNS lookup" in caplog.text


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "::1", "0.0.0.0", None])
def test_local_names_still_resolve(guarded, host):
    assert socket.getaddrinfo(host, 80, type=socket.SOCK_STREAM)


def test_tcp_connections_to_another_address_are_refused(guarded):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        with pytest.raises(ConnectionRefusedError):
            sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never a real host
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        assert sock.connect_ex(("192.0.2.1", 80)) != 0


def test_loopback_connections_still_work(guarded):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.socket() as client:
            client.connect(listener.getsockname())


def _udp_probe(connect) -> tuple[str, object]:
    """What a UDP "connect" to 8.8.8.8 gives with ``connect``: ("ok", local address) or ("error", errno)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            connect(sock, ("8.8.8.8", 1))
        except OSError as error:
            return "error", (type(error).__name__, error.errno)
        return "ok", sock.getsockname()[0]


def test_udp_local_address_probe_sends_nothing_and_is_allowed(monkeypatch):
    """Streamlit's get_internal_ip "connects" UDP to 8.8.8.8 to read the local address
    (a UDP connect sends no packet). The guard lets it through untouched: the same
    outcome as without the guard (an address here, or the sandbox's own "no route"),
    never the guard's refusal, and Streamlit's internal-IP lookup answers the same."""
    from streamlit import net_util

    unguarded = _udp_probe(socket.socket.connect)
    monkeypatch.setattr(net_util, "_internal_ip", None)  # Streamlit caches the answer
    internal_ip = net_util.get_internal_ip()
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, getattr(socket, name))
    monkeypatch.setattr(socket.socket, "connect", socket.socket.connect)
    monkeypatch.setattr(socket.socket, "connect_ex", socket.socket.connect_ex)
    monkeypatch.setattr(net_util, "get_external_ip", net_util.get_external_ip)
    monkeypatch.setattr(server, "_refused_logged", set())
    server.refuse_outbound()
    assert socket.socket.connect is not server._real["connect"], "the guard is installed"
    guarded = _udp_probe(socket.socket.connect)
    assert guarded == unguarded
    assert guarded[0] == "ok" or guarded[1][0] != "ConnectionRefusedError"
    assert server._refused_logged == set(), "the UDP probe was logged as a refused connection"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        assert sock.connect_ex(("8.8.8.8", 1)) == (0 if unguarded[0] == "ok" else unguarded[1][1])
    monkeypatch.setattr(net_util, "_internal_ip", None)
    assert net_util.get_internal_ip() == internal_ip


def test_external_ip_lookup_is_switched_off(guarded):
    assert guarded.get_external_ip() is None


def _asgi(app, scope):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    with ThreadPoolExecutor(1) as pool:  # Playwright may own this thread's loop
        pool.submit(lambda: asyncio.run(app(scope, receive, send))).result(timeout=10)
    return sent


async def _page(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
    await send({"type": "http.response.body", "body": b"<html>"})


@pytest.mark.parametrize("path", ["/", "/sources", "/static/js/index.js", "/app/static/fonts/x.ttf", "/_stcore/health"])
def test_every_http_response_gets_the_headers(path):
    sent = _asgi(server.KioskHeaders(_page), {"type": "http", "path": path})
    headers = dict(sent[0]["headers"])
    assert headers[b"content-security-policy"] == b"frame-ancestors 'self'"
    assert headers[b"x-frame-options"] == b"SAMEORIGIN"
    assert headers[b"referrer-policy"] == b"no-referrer"
    assert sent[1]["body"] == b"<html>"


def test_a_header_the_app_already_set_is_kept():
    async def framed(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"x-frame-options", b"DENY")]})
        await send({"type": "http.response.body", "body": b""})

    headers = _asgi(server.KioskHeaders(framed), {"type": "http", "path": "/"})[0]["headers"]
    assert [v for k, v in headers if k == b"x-frame-options"] == [b"DENY"]


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics/", "/sources/_stcore/metrics"])
def test_metrics_answer_404(path):
    sent = _asgi(server.KioskHeaders(_page), {"type": "http", "path": path})
    assert sent[0]["status"] == 404


def test_websockets_pass_through_untouched():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    _asgi(server.KioskHeaders(app), {"type": "websocket", "path": "/_stcore/stream"})
    assert seen == ["websocket"]


def test_error_screen_hook_replaces_streamlits_display(monkeypatch):
    from streamlit import error_util

    original = error_util.show_uncaught_app_exception
    monkeypatch.setattr(error_util, "show_uncaught_app_exception", original)
    server.install_error_screen()
    assert error_util.show_uncaught_app_exception is not original
    assert getattr(error_util.show_uncaught_app_exception, "_kiosk_screen", False)
