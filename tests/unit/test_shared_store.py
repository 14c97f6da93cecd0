"""Clinics apart, Redis down and back, and how the registry is chosen, on both
implementations (memory, and a real redis-server started for this module)."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from explainer.common.alerts import REGISTRY, AlertRegistry, Level
from explainer.common.clinic import ConfigError, load_clinic, slug
from explainer.common.shared_store import RedisAlertRegistry, StoreUnavailable, registry_for


@pytest.fixture(params=["memory", "redis"])
def for_clinic(request):
    """registry(clinic_id) -> that clinic's registry, in the implementation under test.
    In memory a clinic is a process (one clinic.toml each): each id gets the registry
    its own process would hold."""
    if request.param == "memory":
        processes: dict[str, AlertRegistry] = {}
        return lambda clinic_id: processes.setdefault(clinic_id, AlertRegistry())
    server = request.getfixturevalue("redis_server")
    server.flush()
    return lambda clinic_id: registry_for(clinic_id, server.url)


def test_one_clinics_desk_never_lists_another_clinics_kiosks(for_clinic):
    north, south = for_clinic("north-side"), for_clinic("south-side")
    mine = north.raise_alert("North kiosk", Level.EMERGENCY, source="s1|North kiosk")
    theirs = south.raise_alert("South kiosk", Level.EMERGENCY, source="s1|North kiosk")  # same source text
    assert [a.kiosk for a in north.active()] == ["North kiosk"]
    assert [a.kiosk for a in south.active()] == ["South kiosk"]
    assert south.get(mine) is None or south.get(mine).kiosk == "South kiosk"  # ids may repeat, alerts never cross
    v_south = south.version
    assert north.acknowledge(mine)
    assert not south.get(theirs).acknowledged and south.version == v_south  # another clinic's desk is not woken
    south.clear()
    assert len(north) == 1
    # The same clinic id from anywhere (another replica, another page) is the same list.
    assert [a.id for a in for_clinic("north-side").active()] == [mine]


def test_two_replicas_share_one_clinic_through_redis(redis_server):
    """Two clients (as two replicas would hold) on one Redis: a raise on one is on the other's desk."""
    import redis

    redis_server.flush()
    a = RedisAlertRegistry(redis.Redis.from_url(redis_server.url), "clinic-a")
    b = RedisAlertRegistry(redis.Redis.from_url(redis_server.url), "clinic-a")
    seen = b.version
    alert_id = a.raise_alert("Kiosk 1", Level.URGENT, source="s|Kiosk 1")
    assert b.version != seen and [x.id for x in b.active()] == [alert_id]
    assert a.raise_alert("Kiosk 1", Level.URGENT, source="s|Kiosk 1") == alert_id  # merged across replicas
    assert b.get(alert_id).repeats == 2
    assert b.acknowledge(alert_id) and a.get(alert_id).acknowledged


def test_redis_down_says_so_fast_and_recovers_by_itself(redis_server):
    redis_server.flush()
    registry = registry_for("down-test", redis_server.url)
    kept = registry.raise_alert("Kiosk", Level.EMERGENCY)
    before = registry.version
    redis_server.stop()
    try:
        for call in (lambda: registry.raise_alert("Kiosk", Level.URGENT), lambda: registry.version,
                     registry.active, lambda: registry.acknowledge(kept)):
            started = time.monotonic()
            with pytest.raises(StoreUnavailable):
                call()
            assert time.monotonic() - started < 3  # a kiosk page never hangs on it
    finally:
        redis_server.start()
    # Back by itself; Redis keeps nothing on disk, so a restart forgot the alert, and the
    # version differs from the one a desk saw before (it redraws).
    assert registry.version != before
    assert registry.active() == []
    assert registry.raise_alert("Kiosk", Level.URGENT) is not None


def test_memory_is_the_default_and_one_process_keeps_one_list():
    """Without Redis a process serves the clinic of its one clinic.toml. Someone editing
    that file (a new name, so a new id) while it runs must not hide its open emergencies."""
    clinic = load_clinic(env={})
    assert clinic.redis_url == "" and clinic.clinic_id == "active-medical-chiropractic"
    assert registry_for(clinic.clinic_id, clinic.redis_url) is REGISTRY
    assert registry_for("renamed-clinic", "") is REGISTRY


def _clinic(tmp_path, extra: str, name: str = "North Side Clinic"):
    path = tmp_path / "clinic.toml"
    path.write_text(f'[clinic]\nname = "{name}"\n{extra}\n', encoding="utf-8")
    return path


def test_clinic_id_from_the_file_or_a_slug_of_the_name(tmp_path):
    assert load_clinic(_clinic(tmp_path, ""), env={}).clinic_id == "north-side-clinic"
    assert load_clinic(_clinic(tmp_path, 'id = "north"'), env={}).clinic_id == "north"
    assert load_clinic(_clinic(tmp_path, "", name="Clínica Señor Ñu"), env={}).clinic_id == "clinica-senor-nu"
    assert slug("!!!") == "default"


@pytest.mark.parametrize("bad", ['"North Side"', '"a/b"', '"-x"', "3", '""'])
def test_a_bad_clinic_id_is_named_plainly(tmp_path, bad):
    with pytest.raises(ConfigError, match=r"\[clinic\] id: must be 1 to 64 lower-case letters"):
        load_clinic(_clinic(tmp_path, f"id = {bad}"), env={})


def test_redis_url_from_the_file_or_the_environment(tmp_path):
    path = _clinic(tmp_path, '[shared]\nredis_url = "redis://127.0.0.1:6400/2"')
    assert load_clinic(path, env={}).redis_url == "redis://127.0.0.1:6400/2"
    assert load_clinic(path, env={"EXPLAINER_REDIS_URL": "redis://10.0.0.5:6379/0"}).redis_url == "redis://10.0.0.5:6379/0"
    assert "6400" not in repr(load_clinic(path, env={}))  # a URL may hold a password: never in a log line


@pytest.mark.parametrize("bad", ['"http://x"', '"127.0.0.1:6379"', "6379", '"redis://:secret@h:port/0"'])
def test_a_bad_redis_url_is_named_without_echoing_it(tmp_path, bad):
    with pytest.raises(ConfigError, match=r"\[shared\] redis_url: must") as caught:
        load_clinic(_clinic(tmp_path, f"[shared]\nredis_url = {bad}"), env={})
    assert "secret" not in str(caught.value)


def test_missing_redis_server_fails_under_ci_and_skips_elsewhere(tmp_path):
    """A CI image without redis-server must never pass by skipping the Redis half of the suite."""
    test = tmp_path / "test_needs_redis.py"
    test.write_text("def test_x(redis_server):\n    pass\n", encoding="utf-8")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    (tmp_path / "conftest.py").write_text(f"import sys\nsys.path.insert(0, {root!r})\nfrom tests.conftest import redis_server\n")
    results = {}
    for ci in ("true", ""):
        env = dict(os.environ, CI=ci, REDIS_SERVER="/nonexistent/redis-server", PYTHONPATH=root)
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                               str(test)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        results[ci] = (done.returncode, done.stdout)
    assert results["true"][0] != 0 and "1 error" in results["true"][1] and "redis-server" in results["true"][1]
    assert results[""][0] == 0 and "1 skipped" in results[""][1]


def test_pin_counts_are_shared_by_replicas_and_fall_back_to_local_when_redis_is_down(redis_server, monkeypatch):
    """A guesser cannot multiply their tries by the number of replicas; Redis down never
    locks staff out, and guessing stays limited (per replica) meanwhile."""
    import redis

    from explainer.common.clinic import ClinicConfig
    from ui import staff_pin
    from ui.pin_store import RedisPinThrottle

    redis_server.flush()
    clock = lambda: 5000.0  # noqa: E731
    a = RedisPinThrottle(redis.Redis.from_url(redis_server.url), "pins", clock=clock)
    b = RedisPinThrottle(redis.Redis.from_url(redis_server.url), "pins", clock=clock)
    other = RedisPinThrottle(redis.Redis.from_url(redis_server.url), "another-clinic", clock=clock)
    for _ in range(3):
        a.note_wrong("10.0.0.9")
    assert b.wait("10.0.0.9") == pytest.approx(4)  # the other replica knows
    assert other.wait("10.0.0.9") == 0  # another clinic's counts are its own

    monkeypatch.setattr(staff_pin, "THROTTLE", staff_pin.PinThrottle())
    monkeypatch.setattr(staff_pin, "_shared_throttles", {})
    clinic = ClinicConfig(name="x", city="", region="", phone="", website="", address="", languages=("en",),
                          default_language="en", idle_seconds=90, source=None, clinic_id="pins",
                          redis_url=redis_server.url)
    throttle = staff_pin.throttle_for(clinic)
    throttle.note_wrong("10.0.0.7")
    assert b.wait("10.0.0.7") > 0 and staff_pin.THROTTLE.wait("10.0.0.7") == 0  # counted in Redis
    redis_server.stop()
    try:
        assert throttle.try_check("10.0.0.8") == 0  # a clean address is compared: staff can unlock
        throttle.note_wrong("10.0.0.8")
        assert throttle.try_check("10.0.0.8") > 0  # and a guesser is still held back, here
    finally:
        redis_server.start()


def test_a_single_clinic_needs_no_redis_package():
    """Nothing to install for one clinic: without the setting, the redis client is never imported."""
    code = ("import sys; sys.modules['redis'] = None\n"
            "import explainer.common.shared_store as s, ui.alerts, ui.staff_pin, ui.pin_store\n"
            "from explainer.common.alerts import REGISTRY, Level\n"
            "from explainer.common.clinic import load_clinic\n"
            "c = load_clinic(env={})\n"
            "r = s.registry_for(c.clinic_id, c.redis_url)\n"
            "assert r is REGISTRY and r.raise_alert('K', Level.URGENT)\n"
            "assert ui.staff_pin.throttle_for(c) is ui.staff_pin.THROTTLE\n")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "EXPLAINER_REDIS_URL"})
    assert done.returncode == 0, done.stderr[-2000:]
