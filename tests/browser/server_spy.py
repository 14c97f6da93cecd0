"""Run the app's launcher (ui.server) with test instruments, for browser tests:

    python -m tests.browser.server_spy run app.py --server.port N ...

- ``EXPLAINER_TEST_DNS_LOG=<file>``: every name the process asks the system
  resolver for (socket.getaddrinfo / gethostbyname) is appended to the file,
  one a line. The spy sits under the launcher's own outbound guard, so a name
  shows up here only if it got past the guard to the real resolver.
- ``EXPLAINER_TEST_FAULT=footer``: ``ui.shell.footer`` raises, so every page
  ends in an uncaught exception after drawing its content (as a bug would).
- ``EXPLAINER_TEST_HOLD=fragment_reruns``: the server handles a browser's
  request to rerun one fragment (a ``run_every`` timer's tick, a tap inside a
  fragment) only once the script run in progress has finished. That is what
  a busy machine does by chance: the event loop falls behind while the
  script thread finishes its run, so the finished run's last messages are
  still waiting behind the request when the request is handled.
  ``EXPLAINER_TEST_HOLD=fragment_reruns,slow_watch`` also makes every page
  take 0.3 s longer to start its ``ui.alerts.rerun_on_change`` watch, so a
  request sent once the run has begun arrives while it still runs.

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


def _install_fragment_hold() -> None:
    import time

    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequestType

    real = AppSession.handle_backmsg

    def handle_backmsg(self, msg):
        if msg.WhichOneof("type") == "rerun_script" and msg.rerun_script.fragment_id:
            runner, deadline = self._scriptrunner, time.monotonic() + 5
            # Blocks this session's event loop (as a busy machine's slow loop would), so
            # the run's own messages queue up behind this request meanwhile.
            while runner is not None and runner._requests._state != ScriptRequestType.STOP \
                    and time.monotonic() < deadline:
                time.sleep(0.005)
        return real(self, msg)

    AppSession.handle_backmsg = handle_backmsg


def _install_slow_watch() -> None:
    import time

    import ui.alerts

    real = ui.alerts.rerun_on_change

    def rerun_on_change(*args, **kwargs):
        time.sleep(0.3)
        return real(*args, **kwargs)

    ui.alerts.rerun_on_change = rerun_on_change


def main() -> None:
    if os.environ.get("EXPLAINER_TEST_DNS_LOG"):
        _install_dns_spy(os.environ["EXPLAINER_TEST_DNS_LOG"])  # before the launcher's guard wraps it
    if os.environ.get("EXPLAINER_TEST_FAULT"):
        _install_fault(os.environ["EXPLAINER_TEST_FAULT"])
    holds = os.environ.get("EXPLAINER_TEST_HOLD", "").split(",")
    if "fragment_reruns" in holds:
        _install_fragment_hold()
    if "slow_watch" in holds:
        _install_slow_watch()
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
