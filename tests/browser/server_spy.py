"""Run the app's launcher (ui.server) with test instruments, for browser tests:

    python -m tests.browser.server_spy run app.py --server.port N ...

- ``EXPLAINER_TEST_DNS_LOG=<file>``: every name the process asks the system
  resolver for (socket.getaddrinfo / gethostbyname) is appended to the file,
  one a line. The spy sits under the launcher's own outbound guard, so a name
  shows up here only if it got past the guard to the real resolver.
- ``EXPLAINER_TEST_FAULT=footer``: ``ui.shell.footer`` raises, so every page
  ends in an uncaught exception after drawing its content (as a bug would).

Test-only: never used by the product, which runs ``python -m ui.server``.
"""
from __future__ import annotations

import os
import socket
import threading

_lock = threading.Lock()


def _install_dns_spy(path: str) -> None:
    real_getaddrinfo, real_gethostbyname = socket.getaddrinfo, socket.gethostbyname

    def record(host) -> None:
        with _lock, open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{host}\n")

    def getaddrinfo(host, *args, **kwargs):
        record(host)
        return real_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host):
        record(host)
        return real_gethostbyname(host)

    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname


def _install_fault(kind: str) -> None:
    if kind == "footer":
        import ui.shell

        def footer(ctx):
            raise RuntimeError("planted page fault (tests/browser/server_spy.py)")

        ui.shell.footer = footer


def main() -> None:
    if os.environ.get("EXPLAINER_TEST_DNS_LOG"):
        _install_dns_spy(os.environ["EXPLAINER_TEST_DNS_LOG"])  # before the launcher's guard wraps it
    if os.environ.get("EXPLAINER_TEST_FAULT"):
        _install_fault(os.environ["EXPLAINER_TEST_FAULT"])
    from ui import server

    server.main()


if __name__ == "__main__":
    main()


def make_spy_server(address: str = "127.0.0.1", **env_overrides: str):
    """A tests.browser.harness.Server that runs this module instead of ``ui.server``."""
    import sys

    from tests.browser.harness import Server, make_server

    class SpyServer(Server):
        def command(self) -> list[str]:
            return [sys.executable, "-m", "tests.browser.server_spy", "run", "app.py",
                    "--server.port", str(self.port), "--server.address", address]

        def log_text(self) -> str:
            return self.log.read_text(encoding="utf-8", errors="replace")

    plain = make_server(**env_overrides)
    return SpyServer(plain.port, plain.env)
