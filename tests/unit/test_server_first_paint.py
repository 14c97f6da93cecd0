"""ui.server's first paint: the HTML page gets the app's style sheet (after
Streamlit's own, before the app's root element) and font preloads (in the <head>);
nothing else is touched. In a browser: tests/browser/test_layout_shift.py."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ui import server
from ui.styles import CSS_DIR, joined

PAGE = b'<html><head><title>x</title></head><body><noscript>x</noscript><div id="root"></div></body></html>'


def _serve(app, path="/reflex", method="GET", headers=()):
    sent, seen = [], []

    async def inner(scope, receive, send):
        seen.append(scope)
        await app(scope, receive, send)

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": list(headers)}
    with ThreadPoolExecutor(1) as pool:  # Playwright may own this thread's loop
        pool.submit(lambda: asyncio.run(server.FirstPaint(inner, (b"<HEAD-PART>", b"<BODY-PART>"))(scope, lambda: receive(), send))).result(timeout=10)
    return sent, seen


def _responder(kind: bytes, chunks: list[bytes]):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", kind), (b"content-length", str(sum(map(len, chunks))).encode())]})
        for i, chunk in enumerate(chunks):
            await send({"type": "http.response.body", "body": chunk, "more_body": i < len(chunks) - 1})
    return app


def test_the_page_gets_both_parts_and_a_right_length_even_in_chunks():
    sent, _ = _serve(_responder(b"text/html; charset=utf-8", [PAGE[:20], PAGE[20:50], PAGE[50:]]))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    # The sheet before the app's root: after Streamlit's own styles, before those the app draws.
    assert body == PAGE.replace(b"</head>", b"<HEAD-PART></head>").replace(b'<div id="root">', b'<BODY-PART><div id="root">')
    assert dict(sent[0]["headers"])[b"content-length"] == str(len(body)).encode()


def test_the_page_is_asked_for_uncompressed():
    _, seen = _serve(_responder(b"text/html", [PAGE]), headers=[(b"accept-encoding", b"gzip"), (b"host", b"k")])
    assert seen[0]["headers"] == [(b"host", b"k")]


def test_other_responses_pass_untouched():
    script = b"console.log('</head></body>')"
    for app, path, method in ((_responder(b"text/javascript", [script]), "/static/js/index.js", "GET"),
                              (_responder(b"text/html", [PAGE]), "/_stcore/health", "GET"),
                              (_responder(b"text/html", [PAGE]), "/", "HEAD")):
        sent, _ = _serve(app, path, method)
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        assert body in (script, PAGE)


def test_the_parts_are_the_apps_style_sheet_fonts_and_root_size():
    head, body = server.first_paint_parts()
    assert b'href="./app/static/fonts/atkinson-hyperlegible-latin-400-normal.ttf" as="font"' in head
    assert b"MaterialSymbols-Rounded" in head  # Streamlit's icon font: icons take their width at once
    text = body.decode()
    assert text.startswith('<style id="bse-first-paint">html{font-size:20px}')
    assert joined(CSS_DIR).replace("</", "<\\/") in text
    assert (Path(server.__file__).parent / "first_paint.js").read_text().replace("</", "<\\/") in text
    assert text.count("</") == 2 and text.endswith("</script>")  # nothing in them closes the <style> or <script> early


def test_the_head_tells_the_page_its_servers_address_on_every_part_and_nowhere_else():
    """The head's script (server_root_script) knows every part's name, Home's too (/home,
    where the kiosk's idle reset leaves it), as a literal list reviewed here: a part it did
    not know would open with a 404 and a retry.
    What it does with a path is tested in a browser (test_shell.py)."""
    head, _ = server.first_paint_parts()
    script = server.server_root_script()
    assert f"<script>{script}</script>".encode() in head
    pages = script.split("const pages=", 1)[1].split("]", 1)[0] + "]"
    assert pages == '["care", "desk", "home", "reflex", "self-check", "sources", "spasm-or-disc", "staff", "where"]'
    assert "BACKEND_BASE_URL" in script and "</" not in script
