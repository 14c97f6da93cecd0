"""Shared test set-up: the repository root is on sys.path (pytest.ini)."""
import os

# Tests never depend on the machine's own clinic override.
os.environ.pop("EXPLAINER_CLINIC_CONFIG", None)
os.environ.pop("EXPLAINER_IDLE_SECONDS", None)
os.environ.pop("EXPLAINER_REDIS_URL", None)

import pytest  # noqa: E402


@pytest.fixture(scope="module")
def redis_server():
    """A real redis-server for this test module (tests/redis_server.py), stopped at its end."""
    from tests.redis_server import RedisServer

    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.close()


# --- Parallel runs (pytest-xdist: `make test` and `make test-fast` pass -n and --dist loadgroup) ---
#
# Browser tests spend most of their time waiting on a browser or a server, so several run at
# once on two cores. Each browser module is one unit of work, kept whole on one worker: its
# module-scoped server starts once, and its tests run in their written order. A module in
# SPREAD opens every screen afresh in each test (no test reads what another left), so each of
# its tests is a unit of its own, and the module's server starts once on each worker that runs
# one. The units go out longest first (LONGEST), so the run does not end waiting for a long
# module that started last; unit and AppTest tests (one unit each) fill the gaps. Without -n, none of this changes what runs or in which order.

#: Browser modules whose tests share nothing but the server and a reused page.
SPREAD = {"test_what_a_person_sees.py", "test_quality.py"}
#: Seconds each browser module's tests took in all (`make test`, two workers, 2 cores, a
#: plugin timing each test): the order in which units start. Others count 10; a SPREAD
#: module's tests share its figure.
LONGEST = {
    "test_quality.py": 200, "test_what_a_person_sees.py": 187, "test_kiosk_idle.py": 99,
    "test_self_check_care.py": 68, "test_spasm_or_disc.py": 67, "test_journey.py": 66, "test_reflex.py": 64,
    "test_reflex_replay.py": 62, "test_shell.py": 61, "test_plain_screens.py": 46, "test_desk_alerts.py": 41,
    "test_layout_shift.py": 40, "test_reflex_fresh_opens.py": 40, "test_attacks.py": 37, "test_clinic_payloads.py": 34,
    "test_staff_relock_restart.py": 29, "test_page_language.py": 23, "test_staff.py": 16, "test_group.py": 15,
    "test_server_hardening.py": 12,
}


#: Browser modules that mostly wait on the clock (idle and relock timers, a replica stopping,
#: a flood's pauses): 0.43-0.55 CPU-seconds per second of their run, where the others take
#: 0.6-1.2 (measured alone on 2 cores, December 2026). With three or more workers the last
#: one is a lane of their own and runs nothing else, so their waits overlap the busy modules'
#: work on the other two instead of holding one of them. The desk's watch race joined them
#: later: 0.38 (6.0 CPU-s in 15.8 s; one desk page, three protocol sessions, a held server).
WAITING = ("test_kiosk_idle.py", "test_desk_alerts.py", "test_staff_relock_restart.py", "test_attacks.py",
           "test_group.py", "test_reflex_idle.py", "test_server_hardening.py", "test_desk_watch_race.py")


def unit_of(nodeid: str) -> str:
    """The unit of work a test belongs to, from its node id: its browser module's path, or
    the test itself (a test of a SPREAD module, a unit or AppTest test)."""
    path = nodeid.split("::", 1)[0]
    folder, _, module = path.rpartition("/")
    return path if folder.endswith("browser") and module not in SPREAD else nodeid


def loadgroup(config) -> bool:
    """True in a run with --dist loadgroup, on the controller (dist "loadgroup") and on a
    worker (xdist rewrites a worker's options: dist "no", loadgroup True; pytest-xdist 3.8,
    xdist/remote.py setup_config)."""
    return config.getoption("dist", "no") == "loadgroup" or bool(getattr(config.option, "loadgroup", False))


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """--dist loadgroup: xdist's scheduling by units (unit_of), in the order the workers
    collected them (pytest_collection_modifyitems, with --no-loadscope-reorder).

    xdist's own loadgroup reads a group from an ``@name`` that its worker appends to the
    node id. pytest 9.2 builds node ids another way and ignores that write, so the groups
    were silently lost (pytest-dev/pytest-xdist#1386): every module's tests were dealt
    out over both workers, each starting the module's server. The unit here comes from
    the node id as it is, whatever xdist's workers do to it."""
    if not loadgroup(config):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid)

        def _assign_work_unit(self, node) -> None:
            """The next unit this node may run, in the queue's order. With three or more
            workers the last one is the waiting modules' lane (WAITING): it runs only
            those, and the others never take one while it is up (if it went down, they
            take its units too). A node with nothing it may run is shut down; it finishes
            what it holds first, as at the end of any xdist run."""
            lane = f"gw{self.numnodes - 1}" if self.numnodes >= 3 else None
            lane_up = any(other.gateway.id == lane for other in self.assigned_work)
            for scope in self.workqueue:
                waiting = scope.rpartition("/")[2] in WAITING
                if not lane_up or (node.gateway.id == lane) == waiting:
                    break
            else:
                if not node.shutting_down:
                    node.shutdown()
                return
            self.workqueue.move_to_end(scope, last=False)  # xdist's own assignment takes the first
            super()._assign_work_unit(node)

    return UnitScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    """On each worker of a --dist loadgroup run: browser units first, longest first
    (LONGEST; a SPREAD module's tests share its figure), each module's tests in their
    written order; then unit and AppTest tests in file order."""
    if not loadgroup(config):
        return
    browser = [item for item in items if item.path.parent.name == "browser"]
    others = [item for item in items if item.path.parent.name != "browser"]
    order = {unit: n for n, unit in enumerate(dict.fromkeys(unit_of(item.nodeid) for item in browser))}
    share = {}
    for item in browser:
        share[item.path.name] = share.get(item.path.name, 0) + (1 if item.path.name in SPREAD else 0)
    cost = lambda item: LONGEST.get(item.path.name, 10) / max(1, share[item.path.name])  # noqa: E731
    items[:] = sorted(browser, key=lambda item: (-cost(item), order[unit_of(item.nodeid)])) + others
