"""The suite's parallel plan (tests/conftest.py), run for real: pytest-xdist with two
workers and --dist loadgroup, as `make test` runs it, on a small suite of its own.

Each browser module is one unit on one worker, its tests in their written order; a SPREAD
module's tests are units of their own; the longest units start first. The plan once did
nothing at all and no test noticed: it read an option that xdist rewrites on its workers,
and then xdist's own groups were lost under pytest 9.2 (pytest-dev/pytest-xdist#1386), so
every module's tests were dealt out over both workers, each starting the module's server.
This test runs the installed pytest and xdist, so a change in either that breaks the plan
fails here.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: A test that records which worker ran it, and when it started.
TEST = '''
import json, os, time
def record(name):
    with open(os.environ["PLAN_LOG"], "a") as fh:
        fh.write(json.dumps({{"worker": os.environ.get("PYTEST_XDIST_WORKER"), "test": name, "at": time.time()}}) + "\\n")
    time.sleep(0.15)
{tests}
'''


def _module(path: Path, names: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "__init__.py").touch()
    tests = "\n".join(f"def {name}():\n    record('{path.stem}::{name}')\n" for name in names)
    path.write_text(TEST.format(tests=tests))


def _project(tmp_path: Path) -> None:
    """A small suite's frame with the project's own plan (tests/conftest.py), unchanged."""
    (tmp_path / "pytest.ini").write_text("[pytest]\npythonpath = .\ntestpaths = tests\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "__init__.py").touch()
    (tmp_path / "tests" / "conftest.py").write_text(
        f"exec(compile(open({str(ROOT / 'tests' / 'conftest.py')!r}).read(), 'tests/conftest.py', 'exec'))\n")


def _run(tmp_path: Path, workers: int) -> list[dict]:
    """Runs the small suite as `make test` does, on ``workers`` workers; what each test recorded, in order."""
    log = tmp_path / "plan.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", str(workers), "--dist", "loadgroup",
         "--no-loadscope-reorder"],
        cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "PLAN_LOG": str(log)}, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return sorted((json.loads(line) for line in log.read_text().splitlines()), key=lambda r: r["at"])


def test_two_workers_keep_each_browser_module_whole_and_start_the_longest_first(tmp_path):
    _project(tmp_path)
    # File order puts the short module first; the plan's figures put it last.
    _module(tmp_path / "tests" / "browser" / "test_group.py", ["test_g1", "test_g2", "test_g3"])  # 15 s
    _module(tmp_path / "tests" / "browser" / "test_kiosk_idle.py", ["test_k1", "test_k2", "test_k3"])  # 99 s
    _module(tmp_path / "tests" / "browser" / "test_reflex.py", ["test_r1", "test_r2", "test_r3"])  # 64 s
    _module(tmp_path / "tests" / "browser" / "test_what_a_person_sees.py", ["test_w1", "test_w2"])  # SPREAD
    _module(tmp_path / "tests" / "unit" / "test_plain.py", ["test_u1", "test_u2", "test_u3", "test_u4"])
    ran = _run(tmp_path, 2)
    assert len(ran) == 15
    workers = {}
    for record in ran:
        workers.setdefault(record["test"].split("::")[0], set()).add(record["worker"])
    for module in ("test_group", "test_kiosk_idle", "test_reflex"):
        assert len(workers[module]) == 1, f"{module}'s tests ran on {sorted(workers[module])}"
        order = [r["test"] for r in ran if r["test"].startswith(module)]
        assert order == sorted(order), f"{module} out of its written order: {order}"
    assert len({r["worker"] for r in ran}) == 2
    # The longest (kiosk idle) starts first on one worker; a SPREAD test (93.5 s each) or
    # the reflex module (64 s) on the other; the short module and the unit tests come after.
    first = {r["worker"]: r["test"] for r in reversed(ran)}
    assert sorted(first.values())[0].startswith("test_kiosk_idle::"), first
    assert any(t.startswith(("test_what_a_person_sees::", "test_reflex::")) for t in first.values()), first
    started = {record["test"]: record["at"] for record in ran}
    assert started["test_group::test_g1"] > started["test_kiosk_idle::test_k1"]
    assert min(t for name, t in started.items() if name.startswith("test_plain")) > started["test_group::test_g1"]


def test_three_workers_give_the_waiting_modules_a_lane_of_their_own(tmp_path):
    """With three workers the last one runs the modules that mostly wait on the clock
    (WAITING) and nothing else; the other two never run one of them."""
    _project(tmp_path)
    waiting = ("test_kiosk_idle", "test_group", "test_attacks")
    busy = ("test_reflex", "test_layout_shift", "test_shell")
    for module in waiting + busy:
        _module(tmp_path / "tests" / "browser" / f"{module}.py", ["test_1", "test_2"])
    _module(tmp_path / "tests" / "unit" / "test_plain.py", [f"test_u{n}" for n in range(8)])
    ran = _run(tmp_path, 3)
    assert len(ran) == 6 * 2 + 8
    lane = {r["worker"] for r in ran if r["test"].split("::")[0] in waiting}
    assert lane == {"gw2"}, lane
    assert {r["test"].split("::")[0] for r in ran if r["worker"] == "gw2"} == set(waiting)
    assert {r["worker"] for r in ran if r["worker"] != "gw2"} == {"gw0", "gw1"}
    for module in busy:  # each still whole on one worker, as with two
        assert len({r["worker"] for r in ran if r["test"].split("::")[0] == module}) == 1, module
