"""The browser harness runs each server under test in a favoured CPU group where the
machine allows one, so a test's own server is not starved by three workers' browsers
(a 50-alert burst once reached the desk too late, the server getting 0.2-1.4 of 2 CPU-s).
Where no group can be made, a server still starts as before."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.browser import harness


def _cpu_cgroup(pid: int) -> str:
    """The process's cgroup path for the cpu controller (v1), or its unified path (v2)."""
    lines = Path(f"/proc/{pid}/cgroup").read_text().splitlines()
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if "cpu" in controllers.split(","):
            return path
    return next(line.split(":", 2)[2] for line in lines if line.startswith("0::"))


def test_a_server_under_test_runs_in_the_favoured_group_where_there_is_one():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        harness.favour(proc)
        group = harness.server_cgroup()
        if group is None:  # not root, or no cgroup mount: nothing changes
            assert _cpu_cgroup(proc.pid) == _cpu_cgroup(os.getpid())
        else:
            assert _cpu_cgroup(proc.pid).rstrip("/").endswith("/" + harness.CGROUP_NAME)
            weight = dict((knob, value) for _, knob, value in harness.CGROUP_KNOBS)
            knob = next(k for k in weight if (group / k).exists())
            assert (group / knob).read_text().strip() == weight[knob]
    finally:
        proc.kill()
        proc.wait()


def test_a_process_that_has_ended_is_no_error():
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    harness.favour(proc)  # the group refuses a pid that is gone: ignored, as for a server that failed to start
    group = harness.server_cgroup()
    if group is not None:
        assert str(proc.pid) not in (group / "cgroup.procs").read_text().split()
