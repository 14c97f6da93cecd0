"""The staff PIN's guessing limit on a fake clock, against both implementations:
this process's memory (ui.staff_pin.PinThrottle) and a real redis-server started
for this module (ui.pin_store.RedisPinThrottle, shared by a group's replicas)."""
from __future__ import annotations

import pytest

from ui.staff_pin import ADDRESS_DELAY_MAX, GATE_DELAY_MAX, PinThrottle, address_delay, gate_delay


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture(params=["memory", "redis"])
def make_throttle(request):
    """Build a throttle of the implementation under test on a given clock."""
    if request.param == "memory":
        return PinThrottle
    from explainer.common.shared_store import redis_client
    from ui.pin_store import RedisPinThrottle

    server = request.getfixturevalue("redis_server")
    server.flush()
    return lambda clock: RedisPinThrottle(redis_client(server.url), "pin-test", clock=clock)


def _flood(throttle: PinThrottle, clock: Clock, addresses: list[str], submits: int, every: float) -> int:
    """Submit ``submits`` wrong PINs, ``every`` seconds apart, round-robin over
    ``addresses``; return how many were compared."""
    compared = 0
    for i in range(submits):
        address = addresses[i % len(addresses)]
        if throttle.try_check(address) == 0:
            throttle.note_wrong(address)
            compared += 1
        clock.now += every
    return compared


def test_delays_grow_and_are_capped():
    assert [address_delay(n) for n in range(6)] == [0, 1, 2, 4, 8, 16]
    assert address_delay(40) == ADDRESS_DELAY_MAX == 900
    assert gate_delay(9) == 0 and gate_delay(10) == 1 and gate_delay(1000) == GATE_DELAY_MAX == 30


def test_a_thousand_submits_in_a_minute_compare_fewer_than_twenty(make_throttle):
    clock = Clock()
    assert _flood(make_throttle(clock), clock, ["10.0.0.9"], 1000, 0.06) < 20


def test_ten_thousand_guesses_from_one_address_take_days(make_throttle):
    clock = Clock()
    throttle = make_throttle(clock)
    start = clock.now
    for _ in range(10_000):
        clock.now += throttle.wait("10.0.0.9")
        assert throttle.try_check("10.0.0.9") == 0
        throttle.note_wrong("10.0.0.9")
    assert clock.now - start > 30 * 86400


@pytest.mark.parametrize("make_throttle", ["memory"], indirect=True)  # 400,000 calls: memory speed only
def test_many_addresses_together_are_still_slow(make_throttle):
    """254 addresses of a clinic network, each guessing as fast as it may: 10,000 guesses take over a day."""
    clock = Clock()
    throttle = make_throttle(clock)
    addresses = [f"10.0.0.{i}" for i in range(1, 255)]
    compared = _flood(throttle, clock, addresses, 200_000, 0.5)  # 100,000 s = 27.7 hours
    assert compared < 10_000


def test_the_right_person_is_held_up_at_most_briefly_by_a_flood_elsewhere(make_throttle):
    clock = Clock()
    throttle = make_throttle(clock)
    _flood(throttle, clock, [f"10.0.0.{i}" for i in range(1, 30)], 5000, 0.01)
    assert throttle.wait("10.0.1.5") <= GATE_DELAY_MAX
    # and flooding addresses that already guessed wrong never hold up a clean one
    throttle2 = make_throttle(clock)
    for _ in range(100):
        clock.now += 60
        throttle2.note_wrong("10.0.0.66")
    assert throttle2.wait("10.0.1.5") == 0


def test_right_pin_and_time_forget_an_address(make_throttle):
    clock = Clock()
    throttle = make_throttle(clock)
    for _ in range(3):
        clock.now += throttle.wait("a")
        throttle.note_wrong("a")
    assert throttle.wait("a") == pytest.approx(4)
    throttle.note_right("a")
    assert throttle.wait("a") == 0
    throttle.note_wrong("b")
    clock.now += 3601
    assert throttle.wait("b") == 0


def test_refused_submits_are_counted_for_the_log(make_throttle):
    clock = Clock()
    throttle = make_throttle(clock)
    throttle.note_wrong("a")
    for _ in range(7):
        assert throttle.try_check("a") > 0
    clock.now += 1
    assert throttle.try_check("a") == 0
    assert throttle.note_wrong("a").refused == 7
