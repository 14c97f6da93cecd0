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


def test_warm_up_imports_every_page_module():
    assert server.warm_imports() == []
