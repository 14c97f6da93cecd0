"""ui.server switches Nagle's algorithm off on connections accepted from a
listening socket built the way Streamlit builds it (proto 0), which asyncio
alone leaves with Nagle on."""
import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

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


def test_streamlit_style_socket_gets_tcp_nodelay_once_installed(monkeypatch):
    monkeypatch.setattr(server.selector_events._SelectorSocketTransport, "__init__", server._original_init)
    assert _accepted_nodelay() == 0  # the problem: asyncio skips proto-0 sockets
    server.install()
    assert _accepted_nodelay() != 0


def test_warm_up_imports_every_page_module():
    assert server.warm_imports() == []
