"""A clinic group on loopback, for tests and bench/: N app replicas sharing one
Redis, behind Debian's HAProxy running deploy/group/haproxy.cfg with its ports
changed to free ones (nothing else of the file is changed, so the test runs
the shipped configuration). Missing haproxy: skip, or fail under CI=true.
"""
from __future__ import annotations

import re
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.browser.harness import ROOT, Server, make_server, stop_process
from tests.redis_server import free_port, need, wait_for_port

CONFIG = ROOT / "deploy" / "group" / "haproxy.cfg"
#: The cookie the proxy sets; its value names the replica (app1, app2, ...).
COOKIE = "BSE_REPLICA"


def render_config(proxy_port: int, replica_ports: list[int]) -> str:
    """deploy/group/haproxy.cfg with the proxy's and the replicas' ports replaced."""
    text = CONFIG.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s*bind 127\.0\.0\.1:)8500\b", rf"\g<1>{proxy_port}", text)
    servers = [m for m in re.finditer(r"(?m)^\s*server (app\d+) 127\.0\.0\.1:(\d+) .*$", text)]
    assert servers, "deploy/group/haproxy.cfg lists no server"
    lines = []
    for n, port in enumerate(replica_ports, start=1):
        lines.append(f"    server app{n} 127.0.0.1:{port} check cookie app{n}")
    start, end = servers[0].start(), servers[-1].end()
    return text[:start] + "\n".join(lines) + text[end:]


class Proxy:
    def __init__(self, replica_ports: list[int]):
        self.binary = need("haproxy", "haproxy") if not Path("/usr/sbin/haproxy").exists() else "/usr/sbin/haproxy"
        self.port = free_port()
        self._dir = tempfile.TemporaryDirectory(prefix="bse-haproxy-")
        self.config = Path(self._dir.name) / "haproxy.cfg"
        self.config.write_text(render_config(self.port, replica_ports), encoding="utf-8")
        self.proc: subprocess.Popen | None = None
        self.log = Path(self._dir.name) / "haproxy.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        checked = subprocess.run([self.binary, "-c", "-q", "-f", str(self.config)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        # -db: stay in the foreground, so stopping this process stops the proxy.
        self.proc = subprocess.Popen([self.binary, "-db", "-f", str(self.config)],
                                     stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        wait_for_port(self.port, proc=self.proc)

    def replica_up(self, cookie: str, timeout: float = 20.0) -> None:
        """Wait until the proxy serves /_stcore/health from the replica with this cookie."""
        deadline = time.monotonic() + timeout
        while True:
            request = urllib.request.Request(self.url + "/_stcore/health", headers={"Cookie": f"{COOKIE}={cookie}"})
            try:
                with urllib.request.urlopen(request, timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"replica {cookie} not up behind the proxy")
            time.sleep(0.1)

    def stop(self) -> None:
        stop_process(self.proc)
        if self.proc is not None:
            self.proc.wait()

    def close(self) -> None:
        self.stop()
        self._dir.cleanup()


def clinic_file(folder: Path, name: str, clinic_id: str, kiosk: str) -> Path:
    path = folder / f"{clinic_id}-{kiosk.replace(' ', '-')}.toml"
    path.write_text(f'[clinic]\nname = "{name}"\nid = "{clinic_id}"\n\n[kiosk]\nname = "{kiosk}"\n', encoding="utf-8")
    return path


def start_replicas(redis_url: str, configs: list[Path], **env: str) -> list[Server]:
    replicas = [make_server(EXPLAINER_REDIS_URL=redis_url, EXPLAINER_CLINIC_CONFIG=str(config), **env)
                for config in configs]
    started: list[Server] = []
    try:
        for replica in replicas:
            replica.start()
            started.append(replica)
    except BaseException:
        for replica in started:
            replica.stop()
        raise
    return replicas
