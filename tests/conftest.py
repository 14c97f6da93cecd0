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
# one. The units go out longest first (LONGEST, measured seconds on one worker), so the run
# does not end waiting for a long module that started last; unit and AppTest tests (one unit
# each) fill the gaps. Without -n, none of this changes what runs or in which order.

#: Browser modules whose tests share nothing but the server and a reused page.
SPREAD = {"test_what_a_person_sees.py"}
#: Seconds each browser module took in one process (`pytest tests/browser --durations`, on the
#: busy 2-core machine): the order in which units start. Others count 10; a SPREAD module's
#: tests share its figure.
LONGEST = {
    "test_what_a_person_sees.py": 255, "test_reflex_fresh_opens.py": 122, "test_kiosk_idle.py": 103,
    "test_self_check_care.py": 102, "test_reflex.py": 98, "test_journey.py": 85, "test_reflex_replay.py": 69,
    "test_spasm_or_disc.py": 61, "test_desk_alerts.py": 59, "test_clinic_payloads.py": 50, "test_quality.py": 50,
    "test_staff_relock_restart.py": 36, "test_attacks.py": 26, "test_group.py": 25, "test_layout_shift.py": 21,
}


def _unit(item) -> str:
    """The unit of work an item belongs to (a browser module, or one test of a SPREAD module)."""
    module = item.path.name
    return f"{module}::{item.name}" if module in SPREAD else module


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    if config.getoption("dist", "no") != "loadgroup":
        return
    browser = [item for item in items if item.path.parent.name == "browser"]
    for item in browser:
        item.add_marker(pytest.mark.xdist_group(_unit(item)))
    others = [item for item in items if item.path.parent.name != "browser"]
    order = {unit: n for n, unit in enumerate(dict.fromkeys(_unit(item) for item in browser))}
    share = {}
    for item in browser:
        share[item.path.name] = share.get(item.path.name, 0) + (1 if item.path.name in SPREAD else 0)
    cost = lambda item: LONGEST.get(item.path.name, 10) / max(1, share[item.path.name])  # noqa: E731
    items[:] = sorted(browser, key=lambda item: (-cost(item), order[_unit(item)])) + others
