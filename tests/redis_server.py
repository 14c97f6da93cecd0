"""A real, throwaway redis-server for tests (Debian's package; .ci/run installs it).

One per test module (the ``redis_server`` fixture in tests/conftest.py): on a
free loopback port, in a temporary folder, with no snapshot and no append-only
file, stopped (and waited for) at the end. ``stop()`` and ``start()`` on the
same port let a test take Redis away and bring it back.

Missing redis-server: the tests that need it skip on a developer's machine and
FAIL under CI=true, so a CI image without it can never pass by skipping.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

REDIS_SERVER = os.environ.get("REDIS_SERVER", "redis-server")


def need(program: str, package: str) -> str:
    """The path of ``program``; skip without it, or fail under CI (where .ci/run installs ``package``)."""
    found = shutil.which(program) or (program if os.access(program, os.X_OK) else None)
    if found:
        return found
    message = f"{program} is not installed (Debian: apt-get install {package})"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + "; CI must run these tests", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class RedisServer:
    def __init__(self):
        self.binary = need(REDIS_SERVER, "redis-server")
        self.port = free_port()
        self._dir = tempfile.TemporaryDirectory(prefix="bse-redis-")
        self.proc: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        assert self.proc is None or self.proc.poll() is not None
        log = Path(self._dir.name) / "redis.log"
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self._dir.name, "--logfile", str(log), "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, proc=self.proc)
        import redis

        client = redis.Redis(port=self.port, socket_timeout=2)
        deadline = time.monotonic() + 10
        while True:  # listening is not yet ready (it may still be loading)
            try:
                if client.ping():
                    break
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
        client.close()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def flush(self) -> None:
        import redis

        client = redis.Redis(port=self.port, socket_timeout=2)
        client.flushall()
        client.close()

    def close(self) -> None:
        self.stop()
        self._dir.cleanup()
