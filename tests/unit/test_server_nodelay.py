"""ui.server switches Nagle's algorithm off (TCP_NODELAY) on every connection
accepted from a listening socket built the way Streamlit builds it (proto 0).

What is tested is our hook, whatever asyncio does: asyncio's own attempt
(``base_events._set_nodelay``, which Python 3.11 skips for proto-0 sockets
and a later Python may not) is switched off for these tests, so a connection
has TCP_NODELAY only if ui.server set it.
"""
import asyncio
import asyncio.base_events
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest

from ui import server


def _accepted_nodelay() -> int:
    async def main() -> int:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # proto 0, like Streamlit's
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        accepted = asyncio.get_running_loop().create_future()

        async def on_client(reader, writer):
            accepted.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        srv = await asyncio.start_server(on_client, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname())
        value = await asyncio.wait_for(accepted, 5)
        writer.close()
        srv.close()
        return value

    # In its own thread: Playwright's sync API may own this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(main())).result(timeout=10)


@pytest.fixture
def without_asyncio_nodelay(monkeypatch):
    """Neither asyncio's own TCP_NODELAY nor our hook, until a test installs it."""
    monkeypatch.setattr(asyncio.base_events, "_set_nodelay", lambda sock: None)
    monkeypatch.setattr(server.selector_events._SelectorSocketTransport, "__init__", server._original_init)


def test_accepted_connections_get_tcp_nodelay_from_our_hook(without_asyncio_nodelay):
    server.install()
    assert _accepted_nodelay() != 0


def test_the_check_sees_a_missing_hook(without_asyncio_nodelay):
    """Plant the bug (no hook): the connection keeps Nagle on, and the test above would fail."""
    assert _accepted_nodelay() == 0


#: Run in a fresh interpreter: the server's state when the warm-up has run (Streamlit
#: loaded), then every module app.py and the pages import; print what that loaded.
_AFTER_WARM_UP = """
import ast, importlib, json, pathlib, sys
import streamlit
from ui import server
failed = server.warm_imports()
before = set(sys.modules)
names = set()
for f in [pathlib.Path("app.py"), *sorted(pathlib.Path("pages").glob("*.py"))]:
    for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
for name in sorted(names):
    try:
        importlib.import_module(name)
    except ImportError:
        pass  # "from module import function": not a module
print(json.dumps({"failed": failed, "loaded_by_pages": sorted(set(sys.modules) - before)}))
"""


def test_warm_up_imports_every_page_module():
    """After the warm-up, a page's first run loads nothing heavy: every module the
    pages import outside the app's own small packages (numpy, pandas, Altair, fpdf,
    segno and whatever they pull in) is already loaded, and every warm-up module exists."""
    import json
    import subprocess
    import sys

    from explainer import ROOT

    out = subprocess.run([sys.executable, "-c", _AFTER_WARM_UP], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["failed"] == []
    heavy = [m for m in result["loaded_by_pages"] if m.split(".")[0] not in ("explainer", "ui", "pages")]
    assert heavy == [], f"the pages still load {len(heavy)} modules after the warm-up: {heavy[:10]}"
    for name in ("numpy", "pandas", "altair", "fpdf", "segno"):
        assert name in server.WARM_MODULES
