"""deploy/group/: HAProxy's own check accepts the shipped config (and the test copy with
its ports changed), and the replicas' systemd template runs the launcher on its instance port."""
from __future__ import annotations

import re
import subprocess

from tests.browser.harness import ROOT
from tests.group_servers import CONFIG, render_config
from tests.redis_server import need

UNIT = ROOT / "deploy" / "group" / "back-spasm-explainer@.service"


def test_haproxy_accepts_the_shipped_config_and_the_test_copy(tmp_path):
    haproxy = need("haproxy", "haproxy")
    copy = tmp_path / "haproxy.cfg"
    copy.write_text(render_config(18500, [18601, 18602, 18603]), encoding="utf-8")
    for path in (CONFIG, copy):
        checked = subprocess.run([haproxy, "-c", "-f", str(path)], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0 and "WARNING" not in checked.stdout + checked.stderr, checked.stderr


def test_the_config_keeps_sessions_sticky_checked_and_websockets_open():
    text = CONFIG.read_text(encoding="utf-8")
    assert re.search(r"(?m)^\s*cookie BSE_REPLICA insert indirect nocache", text)
    assert re.search(r"(?m)^\s*option httpchk GET /_stcore/health$", text)
    assert re.search(r"(?m)^\s*timeout tunnel 1h$", text)  # an idle kiosk's WebSocket is not cut every minute
    assert re.search(r"(?m)^\s*option redispatch$", text)  # a stopped replica's browsers go elsewhere
    servers = re.findall(r"(?m)^\s*server (app\d+) \S+ check cookie (app\d+)$", text)
    assert len(servers) >= 2 and all(name == cookie for name, cookie in servers)


def test_the_replica_template_runs_the_launcher_on_its_instance_port():
    text = UNIT.read_text(encoding="utf-8")
    assert "-m ui.server run app.py --server.address 127.0.0.1 --server.port %i" in text
    assert re.search(r"(?m)^Restart=always$", text) and re.search(r"(?m)^Wants=redis-server.service$", text)
    assert not re.search(r"(?m)^Requires=", text)  # Redis down must never stop a replica
