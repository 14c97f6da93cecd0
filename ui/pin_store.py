"""The staff PIN's try counters in Redis, for a clinic group's replicas.

Same rules (``ui.pin_rules``) and interface as ``ui.staff_pin.PinThrottle`` (per-address waits
1, 2, 4, ... up to ADDRESS_DELAY_MAX s; a "clean" and a "dirty" gate that
space checks after GATE_FREE wrong PINs in FORGET_SECONDS; at most
MAX_ADDRESSES remembered), kept in Redis so a guesser cannot multiply their
tries by the number of replicas. Each call is one Lua script, atomic across
replicas. Times are wall-clock seconds (``time.time``): a monotonic clock is
per machine, and the replicas share the counts.

Redis down: every call raises ``StoreUnavailable``; ``ui.staff_pin`` then
uses its own process's throttle, so staff can still unlock and guessing is
still limited (per replica) while Redis is away.
"""
from __future__ import annotations

import time
from typing import Callable

from explainer.common.shared_store import StoreUnavailable
from ui.pin_rules import ADDRESS_DELAY_MAX, FORGET_SECONDS, GATE_DELAY_MAX, GATE_FREE, MAX_ADDRESSES, _Address

_COMMON = """
local P, now = ARGV[1], tonumber(ARGV[2])
local FORGET, ADDR_MAX, GATE_FREE, GATE_MAX = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local function address_delay(wrong)
  if wrong <= 0 then return 0 end
  return math.min(2 ^ math.min(wrong - 1, 30), ADDR_MAX)
end
local function gate_delay(m)
  if m < GATE_FREE then return 0 end
  return math.min(m - GATE_FREE + 1, GATE_MAX)
end
local function state(addr)
  local h = redis.call('HMGET', P .. 'addr:' .. addr, 'wrong', 'last_wrong', 'refused')
  if not h[1] then return nil end
  if now - tonumber(h[2]) > FORGET then
    redis.call('DEL', P .. 'addr:' .. addr)
    redis.call('ZREM', P .. 'addrs', addr)
    return nil
  end
  return {wrong = tonumber(h[1]), last = tonumber(h[2]), refused = tonumber(h[3] or '0')}
end
local function gate(name)
  local key = P .. 'gate:' .. name
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. tostring(now - FORGET))
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  return key, redis.call('ZCARD', key), (last[2] and tonumber(last[2]) or nil)
end
local function wait(addr)
  local s = state(addr)
  local own = 0
  if s then own = s.last + address_delay(s.wrong) - now end
  local _, count, last = gate(s and 'dirty' or 'clean')
  local shared = 0
  if last then shared = last + gate_delay(count) - now end
  return math.max(0, own, shared)
end
"""

_WAIT = _COMMON + """
return tostring(wait(ARGV[7]))
"""

_TRY = _COMMON + """
local addr = ARGV[7]
local w = wait(addr)
if w > 0 and redis.call('EXISTS', P .. 'addr:' .. addr) == 1 then
  redis.call('HINCRBY', P .. 'addr:' .. addr, 'refused', 1)
end
return tostring(w)
"""

_WRONG = _COMMON + """
local addr, MAXADDR, nowtext = ARGV[7], tonumber(ARGV[8]), ARGV[2]
local s = state(addr)
local key = gate(s and 'dirty' or 'clean')
redis.call('ZADD', key, now, nowtext .. ':' .. redis.call('INCR', P .. 'gseq'))
redis.call('ZREMRANGEBYRANK', key, 0, -(4 * FORGET) - 1)
if s == nil then
  if redis.call('ZCARD', P .. 'addrs') >= MAXADDR then
    local oldest = redis.call('ZRANGE', P .. 'addrs', 0, 0)[1]
    redis.call('DEL', P .. 'addr:' .. oldest)
    redis.call('ZREM', P .. 'addrs', oldest)
  end
  s = {wrong = 0, refused = 0}
end
local wrong = s.wrong + 1
redis.call('HSET', P .. 'addr:' .. addr, 'wrong', wrong, 'last_wrong', nowtext, 'refused', 0)
redis.call('EXPIRE', P .. 'addr:' .. addr, FORGET + 60)
redis.call('ZADD', P .. 'addrs', now, addr)
return {wrong, s.refused}
"""

_RIGHT = """
local P, addr = ARGV[1], ARGV[2]
redis.call('DEL', P .. 'addr:' .. addr)
redis.call('ZREM', P .. 'addrs', addr)
return 1
"""

_CLEAR = """
local P = ARGV[1]
for _, addr in ipairs(redis.call('ZRANGE', P .. 'addrs', 0, -1)) do redis.call('DEL', P .. 'addr:' .. addr) end
redis.call('DEL', P .. 'addrs', P .. 'gate:clean', P .. 'gate:dirty')
return 1
"""


class RedisPinThrottle:
    """``PinThrottle`` with its counts in Redis, shared by every replica of one clinic."""

    def __init__(self, client, clinic_id: str = "default", clock: Callable[[], float] = time.time):
        self._prefix = f"bse:{{{clinic_id}}}:pin:"
        self._clock = clock
        self._wait = client.register_script(_WAIT)
        self._try = client.register_script(_TRY)
        self._wrong = client.register_script(_WRONG)
        self._right = client.register_script(_RIGHT)
        self._clear = client.register_script(_CLEAR)

    def _call(self, script, *args):
        import redis

        try:
            return script(args=[self._prefix, *args])
        except (redis.RedisError, OSError) as exc:
            raise StoreUnavailable(str(exc) or type(exc).__name__) from None

    def _rules(self, address: str) -> list:
        return [repr(float(self._clock())), FORGET_SECONDS, ADDRESS_DELAY_MAX, GATE_FREE, GATE_DELAY_MAX, address]

    def wait(self, address: str) -> float:
        return float(self._call(self._wait, *self._rules(address)))

    def try_check(self, address: str) -> float:
        return float(self._call(self._try, *self._rules(address)))

    def note_wrong(self, address: str) -> _Address:
        rules = self._rules(address)
        wrong, refused = self._call(self._wrong, *rules, MAX_ADDRESSES)
        return _Address(int(wrong), float(rules[0]), int(refused))

    def note_right(self, address: str) -> None:
        self._call(self._right, address)

    def clear(self) -> None:
        self._call(self._clear)
