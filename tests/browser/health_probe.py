"""Time GET /_stcore/health against a local server from a process of its own, moved
into the servers' favoured CPU group (tests/browser/harness.py, favour), so that what
a test measures is the server, not how busy its own worker and the browsers beside it
happen to be. Timed from the test's worker, one run in nine on three workers saw a
flood's health p95 at 59.5 ms against a limit of 50 (quiet p95 24.7 ms, one stall of
397 ms): the worker had waited, not the server.

In a test::

    with HealthProbe(port) as probe:
        quiet = probe.ask("quiet 60")

The process (``python -m tests.browser.health_probe <port>``) prints "ready", then
answers each line it reads with one JSON list of milliseconds:
  ``quiet N``  N timings on one open connection, 10 ms apart;
  ``fresh N``  N timings, each on a new connection, 200 ms apart (null: no answer in 2 s);
  ``start``    timings on the open connection every 10 ms, from now until the line ``stop``.
"""
from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading
import time

from tests.browser.harness import ROOT, favour


class HealthProbe:
    def __init__(self, port: int):
        self.port = port

    def __enter__(self) -> "HealthProbe":
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.browser.health_probe", str(self.port)],
                                     cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        favour(self.proc)
        if self.proc.stdout.readline().strip() != "ready":
            raise RuntimeError("the health probe did not start")
        return self

    def send(self, command: str) -> None:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def ask(self, command: str) -> list:
        self.send(command)
        return json.loads(self.proc.stdout.readline())

    def __exit__(self, *exc) -> None:
        self.proc.kill()
        self.proc.wait()


def health_ms(conn: http.client.HTTPConnection) -> float:
    t0 = time.perf_counter()
    conn.request("GET", "/_stcore/health")
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"/_stcore/health answered {response.status}")
    return (time.perf_counter() - t0) * 1000


def timings(conn: http.client.HTTPConnection, more) -> list[float]:
    """Timings on ``conn``, 10 ms apart, while ``more(timings so far)`` is true."""
    samples: list[float] = []
    while more(samples):
        samples.append(health_ms(conn))
        time.sleep(0.01)
    return samples


def main(port: int) -> None:
    from bench.attack import health_times

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    health_ms(conn)  # the connection is open before the first timing that counts
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.split()
        if command[:1] == ["quiet"]:
            samples = timings(conn, lambda so_far, n=int(command[1]): len(so_far) < n)
        elif command[:1] == ["fresh"]:
            samples = health_times(f"http://127.0.0.1:{port}", int(command[1]))
        elif command == ["start"]:
            stop, box = threading.Event(), {}
            worker = threading.Thread(target=lambda: box.update(samples=timings(conn, lambda _: not stop.is_set())))
            worker.start()
            for line in sys.stdin:
                if line.strip() == "stop":
                    break
            stop.set()
            worker.join()
            samples = box["samples"]
        else:
            raise SystemExit(f"unknown command: {line!r}")
        print(json.dumps(samples), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
