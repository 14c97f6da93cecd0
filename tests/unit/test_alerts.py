"""The front-desk alert registry: raise, acknowledge, expire (injected clock),
bounded size, newest first, thread safety; and nothing about the person.

Every registry test runs against both implementations: this process's memory
(explainer.common.alerts.AlertRegistry) and a real redis-server started for this
module (explainer.common.shared_store.RedisAlertRegistry)."""
from __future__ import annotations

import dataclasses
import sys
import threading
import time

import pytest

from explainer.common.alerts import CAPACITY, TTL_SECONDS, Alert, AlertRegistry, Level, clock_time


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(params=["memory", "redis"])
def make_registry(request):
    """Build a registry of the implementation under test (same arguments as AlertRegistry)."""
    if request.param == "memory":
        return AlertRegistry
    from explainer.common.shared_store import RedisAlertRegistry, redis_client

    server = request.getfixturevalue("redis_server")
    server.flush()
    client = redis_client(server.url)
    return lambda clinic_id="default", **kwargs: RedisAlertRegistry(client, clinic_id, **kwargs)


@pytest.fixture
def registry(make_registry, clock):
    return make_registry(clock=clock)


def test_raise_lists_newest_first_with_kiosk_level_and_time(registry, clock):
    first = registry.raise_alert("Kiosk 1", Level.URGENT)
    clock.now += 5
    second = registry.raise_alert("Kiosk 2", "emergency")
    alerts = registry.active()
    assert [a.id for a in alerts] == [second, first]
    assert alerts[0] == Alert(second, "Kiosk 2", Level.EMERGENCY, clock.now, None, repeats=1, last_at=clock.now)
    assert alerts[1].level is Level.URGENT and alerts[1].raised_at == clock.now - 5


def test_same_second_alerts_still_newest_first(registry):
    ids = [registry.raise_alert("K", Level.URGENT) for _ in range(5)]
    assert [a.id for a in registry.active()] == ids[::-1]


def test_an_alert_holds_nothing_about_the_person():
    # source is a random server session id and the kiosk's name: which screen, never who.
    assert [f.name for f in dataclasses.fields(Alert)] == ["id", "kiosk", "level", "raised_at", "acknowledged_at",
                                                          "repeats", "last_at", "source"]


def test_unknown_level_is_refused(registry):
    with pytest.raises(ValueError):
        registry.raise_alert("K", "see_soon")


def test_acknowledge_keeps_the_first_time(registry, clock):
    alert_id = registry.raise_alert("K", Level.EMERGENCY)
    clock.now += 30
    assert registry.acknowledge(alert_id) is True
    clock.now += 30
    assert registry.acknowledge(alert_id) is True  # a second desk tapping too
    alert = registry.get(alert_id)
    assert alert.acknowledged and alert.acknowledged_at == clock.now - 30
    assert registry.acknowledge("a999") is False


def test_version_changes_on_raise_acknowledge_and_expiry_only(registry, clock):
    v0 = registry.version
    alert_id = registry.raise_alert("K", Level.URGENT)
    v1 = registry.version
    assert v1 != v0
    assert registry.version == v1 and registry.active() and registry.version == v1  # reading changes nothing
    registry.acknowledge(alert_id)
    v2 = registry.version
    assert v2 != v1
    registry.acknowledge(alert_id)
    assert registry.version == v2  # nothing new
    clock.now += TTL_SECONDS + 1
    assert registry.version != v2  # it expired


def test_alerts_expire_after_one_hour(registry, clock):
    old = registry.raise_alert("K", Level.EMERGENCY)
    clock.now += TTL_SECONDS - 10
    young = registry.raise_alert("K", Level.URGENT)
    assert len(registry.active()) == 2
    clock.now += 10
    assert [a.id for a in registry.active()] == [young]
    assert registry.get(old) is None and registry.acknowledge(old) is False
    clock.now += TTL_SECONDS
    assert registry.active() == [] and len(registry) == 0


def test_expiry_also_happens_on_raise(make_registry, clock):
    registry = make_registry(clock=clock, capacity=3)
    for _ in range(3):
        registry.raise_alert("K", Level.URGENT)
    clock.now += TTL_SECONDS
    registry.raise_alert("K", Level.EMERGENCY)
    assert len(registry) == 1


def test_bounded_dropping_acknowledged_ones_first(make_registry, clock):
    registry = make_registry(clock=clock, capacity=3)
    a = registry.raise_alert("A", Level.URGENT)
    b = registry.raise_alert("B", Level.EMERGENCY)
    c = registry.raise_alert("C", Level.URGENT)
    registry.acknowledge(b)
    d = registry.raise_alert("D", Level.EMERGENCY)
    assert {x.id for x in registry.active()} == {a, c, d}  # b was dealt with: it goes first
    e = registry.raise_alert("E", Level.URGENT)
    assert {x.id for x in registry.active()} == {c, d, e}  # then the oldest
    assert len(registry) == 3


def test_a_day_of_alerts_stays_bounded(make_registry, clock):
    registry = make_registry(clock=clock)
    for _ in range(24 * 60):  # one alert a minute for a day, with a desk reading each time
        registry.raise_alert("K", Level.URGENT)
        registry.active()
        clock.now += 60
    assert len(registry) <= TTL_SECONDS // 60 <= CAPACITY


def test_burst_of_fifty_all_listed(registry):
    ids = {registry.raise_alert(f"Kiosk {n}", Level.EMERGENCY if n % 2 else Level.URGENT) for n in range(50)}
    assert {a.id for a in registry.active()} == ids and len(ids) == 50


def test_concurrent_raises_lose_nothing_and_ids_are_unique(make_registry):
    registry = make_registry(capacity=10_000)
    threads, per_thread, results = 16, 100, []
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def work(n: int) -> None:
        start.wait()
        mine = []
        for i in range(per_thread):
            mine.append(registry.raise_alert(f"K{n}", Level.URGENT))
            if i % 10 == 0:
                registry.acknowledge(mine[-1])
                registry.active()
        with lock:
            results.extend(mine)

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert len(results) == len(set(results)) == threads * per_thread
    assert len(registry.active()) == threads * per_thread
    assert sum(a.acknowledged for a in registry.active()) == threads * per_thread // 10


def test_concurrent_raises_at_capacity_never_overflow_or_crash(make_registry):
    """Many threads raising into a full registry (switching threads as often as
    Python allows, to make a race likely): never more than the bound, no error."""
    registry = make_registry(capacity=20)
    errors: list[BaseException] = []
    start = threading.Barrier(8)
    sizes: list[int] = []

    def work() -> None:
        start.wait()
        try:
            for _ in range(300):
                registry.raise_alert("K", Level.URGENT)
                sizes.append(len(registry.active()))
        except BaseException as exc:  # noqa: BLE001 - any error is the failure we look for
            errors.append(exc)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        pool = [threading.Thread(target=work) for _ in range(8)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors[:3]
    assert max(sizes) <= 20 and len(registry) == 20


def test_bad_bounds_are_refused(make_registry):
    with pytest.raises(ValueError):
        make_registry(capacity=0)
    with pytest.raises(ValueError):
        make_registry(ttl=0)


@pytest.mark.parametrize("hour, minute, expected", [(0, 5, "12:05 AM"), (9, 7, "9:07 AM"), (12, 0, "12:00 PM"), (23, 59, "11:59 PM")])
def test_clock_time_reads_like_a_us_clock(hour, minute, expected):
    seconds = time.mktime((2026, 3, 2, hour, minute, 0, 0, 0, -1))
    assert clock_time(seconds, "AM", "PM") == expected
    assert clock_time(seconds, "a. m.", "p. m.").endswith("a. m." if hour < 12 else "p. m.")


# --- an emergency cannot be pushed away ----------------------------------------

def test_an_open_emergency_is_never_evicted_by_a_flood(make_registry, clock):
    """Before: 210 alerts from a Yes -> Start over loop left 200, and the real emergency was gone."""
    registry = make_registry(clock=clock, capacity=200)
    real = registry.raise_alert("Waiting room 2", Level.EMERGENCY, source="s-real|Waiting room 2")
    for n in range(210):  # 210 sessions, each its own source: nothing to merge
        clock.now += 0.07
        registry.raise_alert("Kiosk", Level.EMERGENCY if n % 2 else Level.URGENT, source=f"s{n}|Kiosk")
    assert registry.get(real) is not None and not registry.get(real).acknowledged
    assert len(registry) == 200
    assert registry.dropped > 0  # said on the desk


def test_eviction_takes_acknowledged_then_oldest_urgent_never_an_open_emergency(make_registry, clock):
    registry = make_registry(clock=clock, capacity=3)
    e1 = registry.raise_alert("A", Level.EMERGENCY)
    u1 = registry.raise_alert("B", Level.URGENT)
    e2 = registry.raise_alert("C", Level.EMERGENCY)
    e3 = registry.raise_alert("D", Level.EMERGENCY)
    assert {a.id for a in registry.active()} == {e1, e2, e3} and registry.get(u1) is None
    assert registry.raise_alert("E", Level.EMERGENCY) is None  # full of open emergencies: counted, not kept
    assert {a.id for a in registry.active()} == {e1, e2, e3} and registry.dropped == 2  # u1 and E
    registry.acknowledge(e2)
    e4 = registry.raise_alert("F", Level.EMERGENCY)
    assert {a.id for a in registry.active()} == {e1, e3, e4}
    clock.now += TTL_SECONDS + 1
    assert registry.dropped == 0  # the count goes with the alerts


def test_a_loop_from_one_kiosk_session_merges_into_one_alert(make_registry, clock):
    registry = make_registry(clock=clock)
    ids = set()
    for _ in range(210):
        clock.now += 0.07
        ids.add(registry.raise_alert("Kiosk", Level.EMERGENCY, source="s1|Kiosk"))
    (alert,) = registry.active()
    assert ids == {alert.id} and alert.repeats == 210 and registry.merged == 209
    # another level is its own alert; another session is its own alert
    registry.raise_alert("Kiosk", Level.URGENT, source="s1|Kiosk")
    registry.raise_alert("Kiosk", Level.EMERGENCY, source="s2|Kiosk")
    assert len(registry) == 3


def test_after_acknowledge_or_the_window_a_repeat_is_a_new_alert(make_registry, clock):
    registry = make_registry(clock=clock, merge_seconds=300)
    first = registry.raise_alert("Kiosk", Level.EMERGENCY, source="s1|Kiosk")
    registry.acknowledge(first)
    second = registry.raise_alert("Kiosk", Level.EMERGENCY, source="s1|Kiosk")  # a new person still reaches the desk
    assert second != first and not registry.get(second).acknowledged
    clock.now += 301
    third = registry.raise_alert("Kiosk", Level.EMERGENCY, source="s1|Kiosk")
    assert third not in (first, second)
    assert registry.raise_alert("Kiosk", Level.EMERGENCY) != registry.raise_alert("Kiosk", Level.EMERGENCY)  # no source: never merged
