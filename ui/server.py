"""Start the Streamlit server the way a kiosk needs it, then run the ordinary
``streamlit`` command line with the given arguments:

    python -m ui.server run app.py --server.port 8501

What it changes, and why:

1. TCP_NODELAY on every accepted connection. Streamlit 1.67 binds its own
   listening socket and hands it to uvicorn; the sockets it accepts report
   ``proto == 0``, and asyncio only switches Nagle's algorithm off for sockets
   whose proto is IPPROTO_TCP. With Nagle on, a small WebSocket frame sent
   right after another waits for the peer's delayed ACK (up to ~40 ms on
   Linux), which stalls back-to-back reruns (measured by bench/serve.py).

2. No outbound network, ever. Streamlit looks up the machine's "external IP"
   by asking checkip.amazonaws.com (``net_util.get_external_ip``), with a
   blocking HTTP request on the server's event loop, and does not cache a
   failed answer. It does so for every WebSocket handshake whose Origin is
   another site (to see whether that site is "this machine"), and twice at
   start when bound to 0.0.0.0. Offline, 200 such handshakes (each rightly
   refused) took 72 s and held /_stcore/health at a 10 s p95 meanwhile.
   The kiosk's own pages never need it: their Origin is the Host they asked
   (Streamlit accepts that before any lookup), on 127.0.0.1 and on a tablet
   that opens http://<kiosk-address>:8501 alike. So the lookup answers "none"
   here, and a guard refuses (and logs, once per host) any DNS lookup of a
   name that is not this machine and any TCP connection to an address that
   is not loopback, so no future code path can reach another host either.
   (Streamlit's ``get_internal_ip`` "connects" a UDP socket to 8.8.8.8 to read
   the local address; a UDP connect sends no packet, so it is left alone.)

3. Response headers and a closed metrics endpoint. Streamlit 1.67 serves
   HTTP with Starlette under uvicorn (``starlette_server.UvicornServer``
   builds the app with ``create_starlette_app``). The launcher wraps that app
   in a small ASGI layer that adds, to every HTTP response,
   ``Content-Security-Policy: frame-ancestors 'self'`` and
   ``X-Frame-Options: SAMEORIGIN`` (no other site may frame the kiosk) and
   ``Referrer-Policy: no-referrer``, and answers 404 to ``/_stcore/metrics``
   (session counts and memory, which nobody here reads; a public endpoint
   tells anyone on the network whether a patient is using the kiosk).
   WebSocket and lifespan messages pass through untouched, so every route
   Streamlit adds later gets the headers too.

4. The app's own error screen for uncaught page exceptions. Streamlit shows
   an error box (in English, with "Ask Google"/"Ask ChatGPT" links unless
   ``client.showErrorLinks`` is off, without the idle watch). Every uncaught
   exception of a script run, whether the page ran through app.py's
   ``st.navigation`` or as a deep link served from ``pages/`` before app.py
   ever ran, and whether in a full run or a fragment, reaches
   ``streamlit.error_util.show_uncaught_app_exception`` after Streamlit has
   logged it; the launcher points that at ``ui.errors.show_page_error``
   (plain screen in both languages, idle watch and restart watchdog, no
   outside link), and logs one line naming the file, line and problem.

5. Module warm-up in the background, so the first patient does not wait
   1-3 s for numpy, pandas, Altair and the page modules.

6. A first paint without layout shifts. Streamlit's HTML page is an empty
   shell: the theme, the wide layout and the app's style sheet (an
   ``st.html`` style, which Streamlit draws with a component it loads on
   demand) arrive after the first elements, and the fonts start loading only
   when text needs them; each moved what was already on screen (measured by
   tests/browser/test_layout_shift.py: a cumulative layout shift of 0.2-0.8
   per page). The launcher adds to that page the app's style sheet
   (``ui/styles.py``), the theme's root font size, and a preload of the
   theme's fonts and of Streamlit's icon font, so the first paint is already
   laid out as the app's own style sheet lays it out; and ``ui/first_paint.js``,
   which keeps what follows a still-loading element hidden in its place.
   On a part's own address (/reflex, a QR code's link) a small script tells
   Streamlit's page where its server is (``server_root_script``): without
   it the page first asks /reflex/_stcore/health, gets a 404, and connects
   about 110 ms later.

7-8. The app's own "not found" screen; limits on connections, developer
   messages and repeated log lines (at their sections below).

9. A finished run's last messages are never dropped: a fragment's rerun
   (the front desk's one-second watch) that reaches a runner which has just
   finished runs the whole page instead, because Streamlit would otherwise
   drop that run's last messages, and with them the watch's own timer (the
   desk would stop showing new alerts). The why is at its section.
"""
from __future__ import annotations

import asyncio.selector_events as selector_events
import importlib
import ipaddress
import logging
import socket
import sys
import threading
from pathlib import Path

log = logging.getLogger("explainer")

# --- 1. TCP_NODELAY --------------------------------------------------------

_original_init = selector_events._SelectorSocketTransport.__init__


def _init_with_nodelay(self, loop, sock, protocol, waiter=None, extra=None, server=None):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass  # not fatal: the connection still works, just with Nagle on
    _original_init(self, loop, sock, protocol, waiter, extra, server)
    if server is not None and _limits_on:  # a connection this server accepted (section 8)
        LIMITS.opened(self, loop, protocol, (extra or {}).get("peername"))


def install() -> None:
    selector_events._SelectorSocketTransport.__init__ = _init_with_nodelay


# --- 2. No outbound network --------------------------------------------------

#: Names that are this machine. Anything else would be a DNS lookup of another host.
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_refused_logged: set[str] = set()
_refused_lock = threading.Lock()


def _log_refused(what: str, host: str) -> None:
    # Once per host: an attacker who found a way to trigger lookups must not flood the log.
    with _refused_lock:
        if host in _refused_logged or len(_refused_logged) > 100:
            return
        _refused_logged.add(host)
    log.warning("refused an outbound %s of %r: this server contacts no other host", what, host)


def _is_local_name(host: object) -> bool:
    """True for what needs no DNS lookup of another host: no host, a local name, an IP literal."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip().rstrip(".").lower()
    if host in ("", "<broadcast>") or host in LOCAL_NAMES:
        return True
    try:
        ipaddress.ip_address(host.split("%", 1)[0].strip("[]"))
        return True  # a literal address is not a lookup; connecting to it is checked below
    except ValueError:
        return False


def _is_loopback_address(address: object) -> bool:
    host = address[0] if isinstance(address, tuple) and address else address
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip().rstrip(".").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0].strip("[]")).is_loopback
    except ValueError:
        return False


_real = {
    "getaddrinfo": socket.getaddrinfo,
    "gethostbyname": socket.gethostbyname,
    "gethostbyname_ex": socket.gethostbyname_ex,
    "connect": socket.socket.connect,
    "connect_ex": socket.socket.connect_ex,
}


def _getaddrinfo(host, *args, **kwargs):
    if not _is_local_name(host):
        _log_refused("DNS lookup", str(host))
        raise socket.gaierror(socket.EAI_NONAME, "outbound lookups are switched off on this kiosk server")
    return _real["getaddrinfo"](host, *args, **kwargs)


def _gethostbyname(host):
    if not _is_local_name(host):
        _log_refused("DNS lookup", str(host))
        raise socket.gaierror(socket.EAI_NONAME, "outbound lookups are switched off on this kiosk server")
    return _real["gethostbyname"](host)


def _gethostbyname_ex(host):
    if not _is_local_name(host):
        _log_refused("DNS lookup", str(host))
        raise socket.gaierror(socket.EAI_NONAME, "outbound lookups are switched off on this kiosk server")
    return _real["gethostbyname_ex"](host)


def _outbound_tcp(sock: socket.socket, address) -> bool:
    return (
        sock.family in (socket.AF_INET, socket.AF_INET6)
        and sock.type == socket.SOCK_STREAM
        and not _is_loopback_address(address)
    )


def _connect(self, address):
    if _outbound_tcp(self, address):
        _log_refused("connection", str(address[0] if isinstance(address, tuple) else address))
        raise ConnectionRefusedError("outbound connections are switched off on this kiosk server")
    return _real["connect"](self, address)


def _connect_ex(self, address):
    if _outbound_tcp(self, address):
        _log_refused("connection", str(address[0] if isinstance(address, tuple) else address))
        import errno

        return errno.ECONNREFUSED
    return _real["connect_ex"](self, address)


def no_external_ip() -> str | None:
    """Replaces ``streamlit.net_util.get_external_ip``: this server never asks another host."""
    return None


def refuse_outbound() -> None:
    """Switch Streamlit's external-IP lookup off and guard DNS and TCP against other hosts."""
    from streamlit import net_util

    net_util.get_external_ip = no_external_ip
    socket.getaddrinfo = _getaddrinfo
    socket.gethostbyname = _gethostbyname
    socket.gethostbyname_ex = _gethostbyname_ex
    socket.socket.connect = _connect
    socket.socket.connect_ex = _connect_ex


# --- 3. Headers and the metrics endpoint ------------------------------------

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", b"frame-ancestors 'self'"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"no-referrer"),
)
#: Paths answered 404 whatever comes before them (Streamlit also serves its
#: routes under a page path, e.g. /sources/_stcore/health, for its base-path probe).
CLOSED_SUFFIXES = ("/_stcore/metrics",)


def _climbs(scope) -> bool:
    """A page request whose path has a ".." segment (also written %2e%2e)."""
    from urllib.parse import unquote

    if scope.get("method") not in ("GET", "HEAD"):
        return False
    raw = scope.get("raw_path") or scope.get("path", "").encode()
    path = unquote(raw.decode("latin-1")) if isinstance(raw, bytes) else unquote(str(raw))
    return ".." in path.split("/") and "/_stcore/" not in path


#: Where a page asked for under more than one path segment is sent (no page has this name).
NOT_FOUND_PATH = "/not-found"
#: First segments of Streamlit's own routes (never pages).
_STREAMLIT_ROUTES = ("_stcore", "static", "media", "component", "app", "~")


def _deep_unknown_page(scope) -> bool:
    """A browser asking for a page at a path of two or more segments (no page has one)."""
    if scope.get("method") not in ("GET", "HEAD"):
        return False
    headers = dict((k.lower(), v) for k, v in scope.get("headers", []))
    if b"text/html" not in headers.get(b"accept", b""):
        return False
    segments = [part for part in scope.get("path", "").split("/") if part]
    return (len(segments) >= 2 and not any(part.startswith(_STREAMLIT_ROUTES) for part in segments)
            and "." not in segments[-1])


class KioskHeaders:
    """ASGI wrapper: security headers on every HTTP response; closed endpoints answer 404."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "").rstrip("/")
        if _climbs(scope):
            # Streamlit answers a path with "../" segments with a bare 400 (a white
            # page): serve the app's page instead, which shows its own not-found screen.
            scope = {**scope, "path": "/", "raw_path": b"/"}
            path = ""
        if _deep_unknown_page(scope):
            # /desk/x: Streamlit serves its page there, whose "./static/..." scripts then
            # resolve under /desk/ and fail (a white page, no watchdog). Send the browser
            # to a one-segment unknown address instead, where the app draws its not-found screen.
            query = scope.get("query_string", b"")
            location = NOT_FOUND_PATH.encode() + (b"?" + query if query else b"")
            await send({"type": "http.response.start", "status": 302,
                        "headers": [(b"location", location), (b"content-length", b"0"), *SECURITY_HEADERS]})
            await send({"type": "http.response.body", "body": b""})
            return
        if any(path.endswith(suffix) for suffix in CLOSED_SUFFIXES):
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS]})
            await send({"type": "http.response.body", "body": b"Not found"})
            return

        async def send_with_headers(message):
            if message.get("type") == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def trust_no_proxy_headers() -> None:
    """The TCP peer is the client: no proxy stands in front of a kiosk server, and
    uvicorn by default believes X-Forwarded-For from 127.0.0.1, which would let a
    local client name any address (the staff PIN's limits count per address)."""
    from streamlit.web.server.starlette import starlette_server

    original = starlette_server._get_uvicorn_config_kwargs
    if getattr(original, "_kiosk", False):
        return

    def kwargs():
        return {**original(), "proxy_headers": False}

    kwargs._kiosk = True
    starlette_server._get_uvicorn_config_kwargs = kwargs


def install_headers() -> None:
    from streamlit.web.server.starlette import starlette_server

    original = starlette_server.create_starlette_app
    if getattr(original, "_kiosk_headers", False):
        return
    parts = first_paint_parts()

    def create_app(runtime):
        return KioskHeaders(FirstPaint(original(runtime), parts))

    create_app._kiosk_headers = True
    starlette_server.create_starlette_app = create_app


# --- 6. First paint ----------------------------------------------------------

def _streamlit_icon_font() -> str | None:
    """Streamlit's Material Symbols font (its file name carries a content hash), from
    the style sheet its index.html links; None if this Streamlit has none."""
    import re
    from pathlib import Path

    import streamlit

    static = Path(streamlit.__file__).parent / "static"
    try:
        index = (static / "index.html").read_text(encoding="utf-8")
        sheet = re.search(r'href="\./(static/css/index\.[^"]+\.css)"', index)
        css = (static / sheet.group(1)).read_text(encoding="utf-8") if sheet else ""
    except OSError:
        return None
    font = re.search(r"url\(\.\./(media/MaterialSymbols-Rounded[^)]*\.woff2)\)", css)
    return f"./static/{font.group(1)}" if font else None


def server_root_script() -> str:
    """A script for the page's <head>: on a page of the app (/reflex, /care, ...), tell
    Streamlit's page where its server is, so that it connects at once.

    Without it, Streamlit 1.67's page guesses its server's address from the path it was
    opened at (``getPossibleBaseUris``): on /reflex it first asks /reflex/_stcore/health,
    gets a 404, and asks /_stcore/health again about 110 ms later (measured: 404 at 451 ms,
    the second health check at 572 ms, on every fresh open of a part's own address, a
    kiosk's deep link or a handout's QR code). ``window.__streamlit.BACKEND_BASE_URL`` is
    Streamlit's own setting for that address; set to the path without the page's name it is
    the one address it would have found. Only a last segment that is one of the app's pages
    is taken off, so the app behind a proxy at /kiosk/ still finds /kiosk/, and / and
    unknown paths keep Streamlit's own guess. The page reads the setting once, as it starts:
    this script runs before it (Streamlit's script is a module, run after the page is read)."""
    import json
    from pathlib import Path

    from explainer.common.sitemap import available_parts

    # Home is served at / and, after st.switch_page (the kiosk's idle reset), at /home.
    names = json.dumps(sorted(part.url_path or Path(part.file).stem for part in available_parts()))
    return ("(()=>{const pages=" + names + ",path=location.pathname.replace(/\\/+$/,''),"
            "name=path.slice(path.lastIndexOf('/')+1);if(pages.includes(name))"
            "window.__streamlit=Object.assign({},window.__streamlit,"
            "{BACKEND_BASE_URL:location.origin+path.slice(0,path.length-name.length)})})()")


def first_paint_parts() -> tuple[bytes, bytes]:
    """What the HTML page gets (section 6): font preloads and the page's server address
    (server_root_script) for its <head>, and the root font size of the theme and the
    app's style sheet for its <body>, just before the element Streamlit draws the app in. There the sheet comes after
    everything in the <head>, where Streamlit adds its own styles as it draws (at
    the same specificity the later sheet wins, as the app's sheet does when
    Streamlit draws it), and before the app's own sheet inside the app, so what a
    page adds there (bigger text, Present mode) still wins over it."""
    import tomllib

    from explainer import ROOT
    from ui import styles

    try:
        theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")).get("theme", {})
    except (OSError, tomllib.TOMLDecodeError):
        theme = {}
    links = []
    for face in theme.get("fontFaces", []):
        url = str(face.get("url", ""))
        if url and "://" not in url:  # a font of this server's own (never another host's)
            kind = "font/woff2" if url.endswith(".woff2") else "font/ttf"
            links.append(f'<link rel="preload" href="./{url}" as="font" type="{kind}" crossorigin>')
    icons = _streamlit_icon_font()
    if icons:
        links.append(f'<link rel="preload" href="{icons}" as="font" type="font/woff2" crossorigin>')
    links.append(f"<script>{server_root_script()}</script>")
    size = theme.get("baseFontSize")
    root = f"html{{font-size:{int(size)}px}}\n" if isinstance(size, int) else ""
    css = styles.joined(styles.CSS_DIR).replace("</", "<\\/")  # nothing in it may close the <style>
    script = (Path(__file__).parent / "first_paint.js").read_text(encoding="utf-8").replace("</", "<\\/")
    body = f'<style id="bse-first-paint">{root}{css}</style><script id="bse-first-paint-js">{script}</script>'
    return "".join(links).encode("utf-8"), body.encode("utf-8")


class FirstPaint:
    """ASGI wrapper: ``parts`` (for the head, for the body) go into every HTML page,
    before its </head> and before the app's root element."""

    def __init__(self, app, parts: tuple[bytes, bytes]):
        self.app = app
        self.head, self.body = parts

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http" or scope.get("method") != "GET" or "/_stcore/" in scope.get("path", ""):
            await self.app(scope, receive, send)
            return
        # The page itself is small: asked for uncompressed, so it can be read here.
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]}
        start: dict = {}
        body: list[bytes] = []

        async def send_patched(message):
            if message["type"] == "http.response.start":
                kind = dict((k.lower(), v) for k, v in message.get("headers", [])).get(b"content-type", b"")
                if kind.startswith(b"text/html") and message.get("status") == 200:
                    start.update(message)
                    return
            elif start and message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                html = b"".join(body)
                if b"</head>" in html and b'<div id="root">' in html:
                    html = html.replace(b"</head>", self.head + b"</head>", 1)
                    html = html.replace(b'<div id="root">', self.body + b'<div id="root">', 1)
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(html)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": html})
                return
            await send(message)

        await self.app(scope, receive, send_patched)


# --- 4. The app's own error screen ------------------------------------------

def install_error_screen() -> None:
    """Uncaught page exceptions show ui.errors' plain screen instead of Streamlit's box."""
    from streamlit import error_util

    if getattr(error_util.show_uncaught_app_exception, "_kiosk_screen", False):
        return
    streamlit_show = error_util.show_uncaught_app_exception

    def show(ex: BaseException) -> None:
        try:
            from ui.errors import show_page_error

            show_page_error(ex)
        except Exception:  # the plain screen itself failed: Streamlit's box (no links) is the last resort
            log.exception("could not draw the error screen")
            streamlit_show(ex)

    show._kiosk_screen = True
    error_util.show_uncaught_app_exception = show


# --- 7. Unknown paths: the app's own "not found" screen -----------------------

#: Plain session key set for the run that follows an unknown path (ui.shell draws the screen).
NOT_FOUND_KEY = "_bse_page_not_found"


def install_not_found() -> None:
    """An unknown path (/nonexistent, /Desk) runs the default page (Home) as
    Streamlit does, but without Streamlit's English "Page not found" dialog
    over it: the run is marked, and ``ui.shell.setup`` draws the app's own
    screen in the kiosk's language with a way Home (ui/errors.py)."""
    from streamlit.commands import navigation

    if getattr(navigation.send_page_not_found, "_kiosk", False):
        return

    def mark_not_found(ctx) -> None:
        try:
            ctx.session_state[NOT_FOUND_KEY] = True
        except Exception:  # no session state: Streamlit's own dialog is the last resort
            log.exception("could not mark a page as not found")
            original(ctx)

    original = navigation.send_page_not_found
    mark_not_found._kiosk = True
    navigation.send_page_not_found = mark_not_found


# --- 8. Limits: connections, developer messages, repeated log lines -----------
#
# Measured before (bench/attack.py, loopback): 1,100 idle TCP connections under
# systemd's default open-file limit (1,024) kept /_stcore/health failing for
# 40 s and wrote 148,560 "Too many open files" tracebacks (69 MB); a client
# sending Streamlit's clear_cache in a loop slowed another session's taps
# from 37 ms to 348 ms (median); 200 refused handshakes or 500 refused
# debug messages wrote one log line each. So:
#
# - at most MAX_CONNECTIONS_PER_ADDRESS open connections per client address
#   (a browser needs about 7: six for HTTP and one WebSocket; the tests open
#   50 protocol sessions at once from 127.0.0.1); one more is
#   closed as soon as it is accepted. The count is kept at accept() itself,
#   before the event loop has run the task that makes the connection's
#   transport: asyncio accepts up to `backlog` connections per wake-up and
#   makes one task each, so on a starved CPU a flood of 1,100 connections was
#   all accepted (one file handle each) before any task ran, and accept()
#   failed with "Too many open files" at a 1,024 limit although the limit per
#   address was 128. For the same reason no connection is admitted when the
#   open and pending ones together come within FILE_RESERVE of the process's
#   open-file limit (a flood from many addresses);
# - a connection that has not sent a complete request head (the blank line
#   after the headers) within REQUEST_SECONDS is closed (idle or slow
#   connections that would hold a file descriptor each); uvicorn's own
#   keep-alive timeout closes idle connections after a response;
# - developer messages from browsers (clear_cache, set_run_on_save,
#   load_git_info, and the skills prompts of backend operations) are refused:
#   a kiosk has no developer at it, and clearing the caches makes every
#   session rebuild them;
# - a log line from one place in the code is written at most LOG_BURST times
#   per LOG_INTERVAL seconds; the next one after that says how many were
#   left out (so an attacker cannot set the log's volume).
# (The systemd unit also raises LimitNOFILE: deploy/back-spasm-explainer.service.)

MAX_CONNECTIONS_PER_ADDRESS = 128
# File handles kept free for everything else: the app's files, Redis, the
# listening sockets, and a staff member's connection during a flood.
FILE_RESERVE = 128
REQUEST_SECONDS = 5.0
LOG_INTERVAL = 60.0
LOG_BURST = 10
REFUSED_MESSAGES = frozenset({"clear_cache", "set_run_on_save", "load_git_info"})
REFUSED_OPERATIONS = frozenset({"install_skills", "dismiss_skills_nudge"})


class ConnectionLimits:
    """Open connections per client address, and the deadline for a request head."""

    def __init__(self, per_address: int = MAX_CONNECTIONS_PER_ADDRESS, request_seconds: float = REQUEST_SECONDS,
                 max_total: int | None = None):
        self.per_address = per_address
        self.request_seconds = request_seconds
        self.max_total = max_total if max_total is not None else _open_file_budget()
        self.open: dict[str, int] = {}
        # Accepted, but the event loop has not yet run the task that makes the transport.
        self.pending: dict[str, int] = {}
        # Sum of both maps, kept as they change: admit() runs on every accept and
        # must not add the maps up each time during a flood.
        self._total = 0
        self.refused = 0
        self.timed_out = 0

    def allow(self, host: str | None) -> bool:
        return host is None or self.open.get(host, 0) + self.pending.get(host, 0) < self.per_address

    def total(self) -> int:
        return self._total

    def admit(self, host: str | None) -> str | None:
        """Decide on a socket accept() just returned: None admits it (counted as
        pending until its transport is made), otherwise the reason to close it."""
        if not self.allow(host):
            return f"{self.per_address} already open from that address (the most allowed)"
        if self.total() >= self.max_total:
            return f"{self.total()} connections open, near the open-file limit"
        if host is not None:
            self.pending[host] = self.pending.get(host, 0) + 1
            self._total += 1
        return None

    def started(self, host: str | None) -> None:
        """The task for an admitted connection runs: it is no longer pending."""
        if host is not None and host in self.pending:
            self.pending[host] -= 1
            self._total -= 1
            if self.pending[host] <= 0:
                del self.pending[host]

    def opened(self, transport, loop, protocol, peer) -> None:
        """A transport was made for an accepted connection (runs on the event loop)."""
        host = _host_of(peer)
        transport._bse_host = host
        if host is not None:
            self.open[host] = self.open.get(host, 0) + 1
            self._total += 1
        transport._bse_head = b""
        transport._bse_done = False
        received = getattr(protocol, "data_received", None)
        if received is not None:
            def data_received(data, _transport=transport, _received=received):
                if not _transport._bse_done:
                    head = _transport._bse_head + bytes(data[:8192])
                    if b"\r\n\r\n" in head:
                        _transport._bse_done = True
                        _transport._bse_head = b""
                    else:
                        _transport._bse_head = head[-8192:]
                return _received(data)

            try:
                protocol.data_received = data_received
            except AttributeError:  # a protocol that does not allow it: no deadline for it
                transport._bse_done = True
        loop.call_later(self.request_seconds, self._deadline, transport)

    def _deadline(self, transport) -> None:
        if not transport._bse_done and not transport.is_closing():
            self.timed_out += 1
            log.warning("closed a connection from %s: no complete request in %.0f s",
                        transport._bse_host, self.request_seconds)
            transport.abort()

    def closed(self, transport) -> None:
        host = getattr(transport, "_bse_host", None)
        if host is not None and host in self.open:
            transport._bse_host = None
            self.open[host] -= 1
            self._total -= 1
            if self.open[host] <= 0:
                del self.open[host]


def _open_file_budget() -> int:
    """Connections the process may hold: its soft open-file limit less FILE_RESERVE."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):
        return 1 << 30
    if soft == resource.RLIM_INFINITY or soft <= 0:
        return 1 << 30
    return max(16, soft - FILE_RESERVE)


LIMITS = ConnectionLimits()
_limits_on = False
_original_accept = selector_events.BaseSelectorEventLoop._accept_connection
_original_accept2 = selector_events.BaseSelectorEventLoop._accept_connection2
_original_lost = selector_events._SelectorTransport._call_connection_lost
# Refused connections closed within one accept() call before the loop is given
# back to the rest of the event loop (the kernel's queue is drained over turns).
REFUSE_PER_CALL = 256


def _host_of(addr) -> str | None:
    return addr[0] if isinstance(addr, tuple) and addr else None


class _AdmittingListener:
    """The listening socket as asyncio's accept loop sees it: accept() closes at
    once any connection over the limits and returns the next one admitted."""

    def __init__(self, sock):
        self._bse_raw = sock

    def accept(self):
        for _ in range(REFUSE_PER_CALL):
            conn, addr = self._bse_raw.accept()  # BlockingIOError when the queue is empty
            host = _host_of(addr)
            why = LIMITS.admit(host)
            if why is None:
                return conn, addr
            conn.close()
            LIMITS.refused += 1
            log.warning("refused a connection from %s: %s", host, why)
        raise BlockingIOError  # the rest wait for the loop's next turn

    def __getattr__(self, name):
        return getattr(self._bse_raw, name)


def _accept_admitting(self, protocol_factory, sock, *args, **kwargs):
    sock = getattr(sock, "_bse_raw", sock)  # asyncio may hand back the wrapper after EMFILE
    return _original_accept(self, protocol_factory, _AdmittingListener(sock), *args, **kwargs)


async def _accept_within_limits(self, protocol_factory, conn, extra, *args, **kwargs):
    # Admitted (and counted) by _AdmittingListener.accept; from here the
    # transport's own count (ConnectionLimits.opened) takes over, with no await
    # in between.
    LIMITS.started(_host_of((extra or {}).get("peername")))
    return await _original_accept2(self, protocol_factory, conn, extra, *args, **kwargs)


def _lost_and_counted(self, exc):
    try:
        LIMITS.closed(self)
    finally:
        _original_lost(self, exc)


def install_limits() -> None:
    global _limits_on
    _limits_on = True
    selector_events.BaseSelectorEventLoop._accept_connection = _accept_admitting
    selector_events.BaseSelectorEventLoop._accept_connection2 = _accept_within_limits
    selector_events._SelectorTransport._call_connection_lost = _lost_and_counted


def refuse_developer_messages() -> None:
    """Browsers' developer messages (clear_cache and the like) are dropped, not handled."""
    from streamlit.runtime.app_session import AppSession

    original = AppSession.handle_backmsg
    if getattr(original, "_kiosk", False):
        return

    def handle_backmsg(self, msg) -> None:
        kind = msg.WhichOneof("type")
        operation = msg.backend_operation_request.WhichOneof("payload") if kind == "backend_operation_request" else None
        if kind in REFUSED_MESSAGES or operation in REFUSED_OPERATIONS:
            log.warning("refused a %s message from a browser: this server takes no developer commands",
                        operation or kind)
            return
        original(self, msg)

    handle_backmsg._kiosk = True
    AppSession.handle_backmsg = handle_backmsg


class RepeatLimiter:
    """At most ``burst`` log records per call site (logger, file, line) per ``interval``
    seconds; the first one after that carries how many were left out."""

    def __init__(self, interval: float = LOG_INTERVAL, burst: int = LOG_BURST, clock=None):
        import time

        self.interval = interval
        self.burst = burst
        self.clock = clock or time.monotonic
        self.sites: dict[tuple, list] = {}  # site -> [window start, written, left out]
        self.lock = threading.Lock()

    def allow(self, record: logging.LogRecord) -> bool:
        site = (record.name, record.levelno, record.pathname, record.lineno)
        now = self.clock()
        with self.lock:
            state = self.sites.get(site)
            if state is None or now - state[0] >= self.interval:
                left_out = state[2] if state else 0
                if len(self.sites) > 10_000:
                    self.sites.clear()
                self.sites[site] = [now, 1, 0]
                if left_out:
                    record.msg = f"{record.msg} [{left_out} more like this were not logged in the last {self.interval:.0f} s]"
                return True
            if state[1] < self.burst:
                state[1] += 1
                return True
            state[2] += 1
            return False


REPEATS = RepeatLimiter()
_original_handle = logging.Handler.handle


def _handle_limited(self, record):
    # One decision per record, however many handlers it passes through.
    allowed = getattr(record, "_bse_allowed", None)
    if allowed is None:
        allowed = REPEATS.allow(record)
        record._bse_allowed = allowed
    return _original_handle(self, record) if allowed else False


def limit_repeated_logs() -> None:
    logging.Handler.handle = _handle_limited


# --- 9. A finished run's last messages are never dropped ---------------------
#
# Streamlit 1.67 (AppSession.request_rerun): a request to rerun one fragment
# (a ``run_every`` timer's tick, a tap inside a fragment) goes to the current
# script runner; when that runner has already finished its run, it refuses,
# and the session makes a new runner for the fragment at once. The old
# runner's messages are handed to the event loop one by one, and the session
# drops every one that the loop reaches after the new runner exists. When the
# loop has fallen behind the script thread (a busy machine), those are the
# finished run's last messages: what it drew last, its end, and the timer of
# each ``run_every`` fragment. The browser, which cleared every timer when
# that run began, then has none: the front desk's page stops asking for new
# alerts and does not show what "I'm on it" did (seen under load in the
# browser tests; tests/browser/test_desk_watch_race.py makes it happen every
# time). Streamlit guards only the case where the fragment no longer exists
# (its comment in request_rerun names streamlit/streamlit#9921, the same drop seen as a
# dialog that stayed open).
#
# So such a request runs the whole page instead: a whole run draws every
# element again and sends every timer anew, whatever the old runner's
# messages were. It happens only in that moment (a runner that has finished
# but whose end the loop has not yet reached), so the desk's quiet one-second
# watch stays a fragment run otherwise.


def install_whole_runs() -> None:
    from dataclasses import replace

    from streamlit.runtime.app_session import AppSession

    original = AppSession._create_scriptrunner
    if getattr(original, "_kiosk", False):
        return

    def create_scriptrunner(self, initial_rerun_data) -> None:
        # A runner still set here is one that refused the request: it has finished, and
        # its last messages may still be waiting on the loop. (A whole-page request never
        # gets here with one: with runner.fastReruns on, as .streamlit/config.toml has it,
        # the session stops and forgets the old runner first.)
        if self._scriptrunner is not None and (initial_rerun_data.fragment_id or initial_rerun_data.fragment_id_queue):
            initial_rerun_data = replace(initial_rerun_data, fragment_id=None, fragment_id_queue=[],
                                         is_fragment_scoped_rerun=False)
        original(self, initial_rerun_data)

    create_scriptrunner._kiosk = True
    AppSession._create_scriptrunner = create_scriptrunner


# --- 5. Warm-up ------------------------------------------------------------

#: Heavy modules the pages need: imported in the background while the server
#: starts, so the first patient does not wait 1-3 s for them.
WARM_MODULES = (
    "numpy", "pandas", "altair", "fpdf", "segno",
    "explainer.reflex.model", "explainer.reflex.charts", "explainer.reflex.figure",
    "explainer.disc.timeline", "explainer.disc.charts", "explainer.disc.spine_diagram",
    "explainer.disc.leg_map", "explainer.self_check.triage", "explainer.care.charts", "explainer.handout.pdf",
)


def warm_imports(modules=WARM_MODULES) -> list[str]:
    """Import what the pages will need; return the modules that failed (logged, never fatal)."""
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # a missing optional module must not stop the kiosk
            log.warning("warm-up: could not import %s", name, exc_info=True)
            failed.append(name)
    return failed


def _log_to_stderr() -> None:
    """The app's own log lines (config problems, page errors, refused lookups) with a time."""
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def main() -> None:
    _log_to_stderr()
    limit_repeated_logs()
    install()
    install_limits()
    refuse_outbound()
    install_headers()
    trust_no_proxy_headers()
    install_error_screen()
    install_not_found()
    refuse_developer_messages()
    install_whole_runs()
    threading.Thread(target=warm_imports, name="warm-imports", daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *sys.argv[1:]]
    streamlit_main()


if __name__ == "__main__":
    main()
