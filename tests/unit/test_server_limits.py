"""The launcher's limits (ui/server.py section 8): connections per address, the
deadline for a request head, refused developer messages, repeated log lines."""
from __future__ import annotations

import logging
from types import SimpleNamespace

from streamlit.proto.BackMsg_pb2 import BackMsg

from ui import server


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def _record(line: int = 10, msg: str = "refused a %s message", name: str = "explainer") -> logging.LogRecord:
    return logging.LogRecord(name, logging.WARNING, "/x/y.py", line, msg, ("clear_cache",), None)


def test_a_repeated_log_line_is_written_at_most_burst_times_then_counted():
    """Before: 500 refused messages wrote 500 lines; 148,560 tracebacks in 40 s."""
    clock = Clock()
    limiter = server.RepeatLimiter(interval=60, burst=10, clock=clock)
    written = [limiter.allow(_record()) for _ in range(500)]
    assert sum(written) == 10
    assert limiter.allow(_record(line=11))  # another place in the code has its own count
    clock.now = 61
    record = _record()
    assert limiter.allow(record)
    assert "490 more like this were not logged in the last 60 s" in record.getMessage()


def test_one_decision_per_record_across_handlers(monkeypatch):
    limiter = server.RepeatLimiter(interval=60, burst=1, clock=Clock())
    monkeypatch.setattr(server, "REPEATS", limiter)
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(record.getMessage())

    a, b = Keep(), Keep()
    for _ in range(3):
        record = _record()
        server._handle_limited(a, record)
        server._handle_limited(b, record)
    assert len(seen) == 2  # the one allowed record, through both handlers


def test_developer_messages_from_browsers_are_refused(monkeypatch):
    """Before: a clear_cache loop slowed another session's taps from 37 ms to 348 ms."""
    from streamlit.runtime.app_session import AppSession

    handled = []
    monkeypatch.setattr(AppSession, "handle_backmsg", lambda self, msg: handled.append(msg.WhichOneof("type")))
    server.refuse_developer_messages()
    for kind in ("clear_cache", "load_git_info", "set_run_on_save"):
        msg = BackMsg()
        setattr(msg, kind, True)
        AppSession.handle_backmsg(SimpleNamespace(), msg)
    msg = BackMsg()
    msg.backend_operation_request.install_skills.SetInParent()
    AppSession.handle_backmsg(SimpleNamespace(), msg)
    assert handled == []
    msg = BackMsg()
    msg.rerun_script.query_string = "lang=en"
    AppSession.handle_backmsg(SimpleNamespace(), msg)
    msg = BackMsg()
    msg.app_heartbeat = True
    AppSession.handle_backmsg(SimpleNamespace(), msg)
    assert handled == ["rerun_script", "app_heartbeat"]  # what a page needs still passes


class FakeTransport:
    def __init__(self):
        self.aborted = False

    def is_closing(self):
        return self.aborted

    def abort(self):
        self.aborted = True


class FakeLoop:
    def __init__(self):
        self.later = []

    def call_later(self, delay, fn, *args):
        self.later.append((delay, fn, args))


def test_connections_per_address_are_capped_and_released():
    limits = server.ConnectionLimits(per_address=3, request_seconds=5)
    loop = FakeLoop()
    transports = []
    for _ in range(3):
        assert limits.allow("10.0.0.9")
        t = FakeTransport()
        limits.opened(t, loop, SimpleNamespace(data_received=lambda d: None), ("10.0.0.9", 5000))
        transports.append(t)
    assert not limits.allow("10.0.0.9") and limits.allow("10.0.0.10")
    limits.closed(transports[0])
    limits.closed(transports[0])  # twice is once
    assert limits.allow("10.0.0.9") and limits.open["10.0.0.9"] == 2


def test_a_connection_without_a_complete_request_head_is_closed():
    limits = server.ConnectionLimits(per_address=3, request_seconds=5)
    loop = FakeLoop()
    got = []
    slow, quick = FakeTransport(), FakeTransport()
    slow_protocol = SimpleNamespace(data_received=got.append)
    quick_protocol = SimpleNamespace(data_received=got.append)
    limits.opened(slow, loop, slow_protocol, ("10.0.0.9", 1))
    limits.opened(quick, loop, quick_protocol, ("10.0.0.9", 2))
    slow_protocol.data_received(b"GET / HTTP/1.1\r\nHost: x\r\n")  # never ends its head
    quick_protocol.data_received(b"GET / HTTP/1.1\r\nHost: x\r\n")
    quick_protocol.data_received(b"\r\n")  # the blank line, in its own packet
    assert got[-1] == b"\r\n"  # the protocol still gets every byte
    for delay, fn, args in loop.later:
        assert delay == 5
        fn(*args)
    assert slow.aborted and not quick.aborted and limits.timed_out == 1


def test_pending_connections_count_toward_both_limits():
    """accept() itself decides: a connection accepted but not yet made into a transport
    (its task not run: the CPU is starved) holds a file handle and counts."""
    limits = server.ConnectionLimits(per_address=3, request_seconds=5, max_total=5)
    assert [limits.admit("10.0.0.9") for _ in range(3)] == [None, None, None]
    assert "already open from that address" in limits.admit("10.0.0.9")
    assert limits.admit("10.0.0.10") is None and limits.admit("10.0.0.11") is None
    assert "near the open-file limit" in limits.admit("10.0.0.12")  # 5 pending in all
    limits.started("10.0.0.9")  # its task ran; the transport's own count takes over
    made = FakeTransport()
    limits.opened(made, FakeLoop(), SimpleNamespace(data_received=lambda d: None), ("10.0.0.9", 1))
    assert not limits.allow("10.0.0.9") and limits.total() == 5
    # Closing gives the handles back: once to the address, once to the whole.
    limits.closed(made)
    limits.closed(made)  # twice is once
    limits.started("10.0.0.10")
    limits.started("10.0.0.10")  # never pending twice: nothing more to give back
    assert limits.total() == 3 and limits.allow("10.0.0.9")
    assert limits.admit("10.0.0.12") is None and limits.admit("10.0.0.13") is None
    assert "near the open-file limit" in limits.admit("10.0.0.14")


_STARVED_SERVER = r'''
import asyncio, sys, time
from ui import server

server.LIMITS.per_address = 32
server.install()
server.install_limits()


async def answer(reader, writer):
    try:
        await reader.readuntil(b"\n")
        writer.write(b"ok\n")
        await writer.drain()
    except Exception:
        pass
    writer.close()


async def main():
    srv = await asyncio.start_server(answer, "127.0.0.1", 0, backlog=2048)
    print(srv.sockets[0].getsockname()[1], flush=True)
    await asyncio.sleep(0.3)
    print("starving", flush=True)
    time.sleep(2.0)  # the event loop gets no turn: connections wait in the kernel's queue
    await asyncio.sleep(30)

asyncio.run(main())
'''


def test_a_flood_during_a_starved_moment_never_exhausts_file_handles(tmp_path):
    """Before: asyncio accepted a whole queued flood in one turn (one file handle each)
    before the per-address check ran in each connection's task; at a 1,024 limit, 1,100
    connections from one address made accept() fail with "Too many open files" and the
    app stopped answering for a second at a time. Here: a 256 limit, 400 connections."""
    import os
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = tmp_path / "starved.py"
    script.write_text(_STARVED_SERVER, encoding="utf-8")
    errors = tmp_path / "stderr.txt"
    proc = subprocess.Popen(
        ["sh", "-c", 'ulimit -n 256 && exec "$0" "$@"', sys.executable, str(script)],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE, stderr=errors.open("wb"), text=True)
    held = []
    try:
        port = int(proc.stdout.readline())
        assert proc.stdout.readline().strip() == "starving"
        for _ in range(400):  # all queued while the server's loop is blocked
            s = socket.socket()
            s.bind(("127.0.0.3", 0))
            s.connect(("127.0.0.1", port))
            held.append(s)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
            started = time.monotonic()
            c.sendall(b"hi\n")
            assert c.recv(16) == b"ok\n"  # answered once the loop runs again
            assert time.monotonic() - started < 5
    finally:
        for s in held:
            s.close()
        proc.kill()
        proc.wait()
    log = errors.read_text(encoding="utf-8", errors="replace")
    assert "Too many open files" not in log and "out of system resource" not in log, log[-2000:]
    assert "refused a connection from 127.0.0.3: 32 already open" in log
