"""Where a clinic's front-desk alerts live: this process's memory, or Redis.

One interface, two implementations:

- ``AlertRegistry`` (explainer.common.alerts): this server process's memory. The
  default for one clinic on one machine: nothing to install.
- ``RedisAlertRegistry`` (here): a Redis (or Valkey) server shared by every
  replica of a clinic group, chosen by ``[shared] redis_url`` in clinic.toml
  or ``EXPLAINER_REDIS_URL``.

Both keep the same rules (explainer.common.alerts): TTL_SECONDS expiry, CAPACITY with
the same eviction order (acknowledged first, then the oldest open urgent one,
never an open emergency), repeats from one source merged within
MERGE_SECONDS, acknowledge keeps the first time, and ``version`` changes
whenever what a desk shows would change. In Redis every change is one Lua
script, so it is atomic across replicas, and the version is a counter the
desks poll (one small read a second each): a desk on any replica sees a new
alert within about a second.

Clinics apart: in Redis every registry belongs to one clinic id, which is in
every key name (``bse:{<clinic>}:...``), so one clinic's desk can only read its
own clinic's alerts. In memory, clinics are apart by process: a process reads
one clinic.toml (its EXPLAINER_CLINIC_CONFIG) and holds one registry,
``explainer.common.alerts.REGISTRY``. A second clinic id in one process can only come
from someone editing that file while it runs, and its open alerts must not
vanish from the desk then, so memory is never split by id.

Redis down: every call raises ``StoreUnavailable`` (after a short timeout, so
a kiosk page never hangs); callers turn it into words (the desk) or carry on
(a kiosk). Nothing is cached across an outage: when Redis is back, the next
call works. Redis keeps alerts in its memory only (the group's Redis is started
with no snapshot and no append-only file): a Redis restart forgets them, as a
server restart does in memory.

Wall-clock times come from the calling replica (``clock``), as in memory;
replicas on one network keep their clocks in step with NTP.
"""
from __future__ import annotations

import threading
import uuid
from typing import Callable

import time

from explainer.common.alerts import CAPACITY, MERGE_SECONDS, REGISTRY, TTL_SECONDS, Alert, AlertRegistry, Level  # noqa: F401

#: Seconds a Redis call may take before it counts as down (connect and each reply).
REDIS_TIMEOUT = 0.5


class StoreUnavailable(Exception):
    """The shared store (Redis) cannot be reached; alerts cannot get through now."""


# Shared by every script: drop alerts older than the TTL (and dropped-counts as old),
# bump the version if anything went. P = key prefix, now/ttl numbers.
_EXPIRE = """
local function expire(P, now, ttl)
  local changed = false
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'raised', '-inf', now - ttl)) do
    redis.call('ZREM', P .. 'order', id)
    redis.call('ZREM', P .. 'raised', id)
    redis.call('DEL', P .. 'a:' .. id)
    changed = true
  end
  if redis.call('ZREMRANGEBYSCORE', P .. 'dropped', '-inf', now - ttl) > 0 then changed = true end
  if changed then redis.call('INCR', P .. 'version') end
end
local function drop(P, now)
  redis.call('ZADD', P .. 'dropped', now, now .. ':' .. redis.call('INCR', P .. 'dseq'))
  redis.call('ZREMRANGEBYRANK', P .. 'dropped', 0, -100001)  -- as many as memory keeps
end
"""

# ARGV: prefix, now (text), ttl, capacity, merge seconds, kiosk, level, source ('' = none), key ttl
# Returns the alert id, or false when it could not be kept (counted as dropped).
_RAISE = _EXPIRE + """
local P, nowtext = ARGV[1], ARGV[2]
local now, ttl, cap, merge = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local kiosk, level, source, keyttl = ARGV[6], ARGV[7], ARGV[8], tonumber(ARGV[9])
expire(P, now, ttl)
local ids = redis.call('ZRANGE', P .. 'order', 0, -1)
if source ~= '' then
  for i = #ids, 1, -1 do
    local a = redis.call('HMGET', P .. 'a:' .. ids[i], 'source', 'level', 'last_at', 'acknowledged_at')
    if a[1] == source and a[2] == level and now - tonumber(a[3]) < merge then
      if a[4] == false or a[4] == '' then
        redis.call('HINCRBY', P .. 'a:' .. ids[i], 'repeats', 1)
        redis.call('HSET', P .. 'a:' .. ids[i], 'last_at', nowtext)
        redis.call('INCR', P .. 'version')
        return ids[i]
      end
      break
    end
  end
end
redis.call('INCR', P .. 'version')
while redis.call('ZCARD', P .. 'order') >= cap do
  local victim = nil
  ids = redis.call('ZRANGE', P .. 'order', 0, -1)
  for _, id in ipairs(ids) do
    local ack = redis.call('HGET', P .. 'a:' .. id, 'acknowledged_at')
    if ack and ack ~= '' then victim = id break end
  end
  if victim == nil then
    for _, id in ipairs(ids) do
      if redis.call('HGET', P .. 'a:' .. id, 'level') ~= 'emergency' then victim = id break end
    end
  end
  if victim == nil then
    drop(P, now)
    return false
  end
  redis.call('ZREM', P .. 'order', victim)
  redis.call('ZREM', P .. 'raised', victim)
  redis.call('DEL', P .. 'a:' .. victim)
  drop(P, now)
end
local seq = redis.call('INCR', P .. 'seq')
local id = 'a' .. seq
redis.call('HSET', P .. 'a:' .. id, 'kiosk', kiosk, 'level', level, 'raised_at', nowtext, 'last_at', nowtext,
           'repeats', 1, 'source', source, 'acknowledged_at', '')
redis.call('EXPIRE', P .. 'a:' .. id, keyttl)
redis.call('ZADD', P .. 'order', seq, id)
redis.call('ZADD', P .. 'raised', now, id)
return id
"""

# ARGV: prefix, now (text), ttl, alert id. Returns 1 if the alert is there, else 0.
_ACK = _EXPIRE + """
local P, nowtext, now, ttl, id = ARGV[1], ARGV[2], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
expire(P, now, ttl)
if redis.call('ZSCORE', P .. 'order', id) == false then return 0 end
local ack = redis.call('HGET', P .. 'a:' .. id, 'acknowledged_at')
if ack == false or ack == '' then
  redis.call('HSET', P .. 'a:' .. id, 'acknowledged_at', nowtext)
  redis.call('INCR', P .. 'version')
end
return 1
"""

# ARGV: prefix, now, ttl, fresh epoch. Returns {epoch, version, dropped, id, fields..., id, fields...}.
_READ = _EXPIRE + """
local P, now, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
expire(P, now, ttl)
redis.call('SET', P .. 'epoch', ARGV[4], 'NX')
local out = {redis.call('GET', P .. 'epoch'), redis.call('GET', P .. 'version') or '0',
             redis.call('ZCARD', P .. 'dropped')}
for _, id in ipairs(redis.call('ZRANGE', P .. 'order', 0, -1)) do
  out[#out + 1] = id
  out[#out + 1] = redis.call('HMGET', P .. 'a:' .. id, 'kiosk', 'level', 'raised_at', 'acknowledged_at',
                             'repeats', 'last_at', 'source')
end
return out
"""

_CLEAR = """
local P = ARGV[1]
for _, id in ipairs(redis.call('ZRANGE', P .. 'order', 0, -1)) do redis.call('DEL', P .. 'a:' .. id) end
redis.call('DEL', P .. 'order', P .. 'raised', P .. 'dropped')
redis.call('INCR', P .. 'version')
return 1
"""


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


class RedisAlertRegistry:
    """The alert registry of one clinic, kept in Redis (same interface as AlertRegistry)."""

    def __init__(self, client, clinic_id: str = "default", clock: Callable[[], float] = time.time,
                 ttl: float = TTL_SECONDS, capacity: int = CAPACITY, merge_seconds: float = MERGE_SECONDS):
        if capacity < 1 or ttl <= 0:
            raise ValueError("capacity must be 1 or more and ttl more than 0")
        self._redis = client
        # The braces keep one clinic's keys in one hash slot (a Redis Cluster runs each script on one node).
        self._prefix = f"bse:{{{clinic_id}}}:"
        self._clock = clock
        self._ttl = ttl
        self._capacity = capacity
        self._merge = merge_seconds
        self._epoch = uuid.uuid4().hex
        self._raise = client.register_script(_RAISE)
        self._ack = client.register_script(_ACK)
        self._read = client.register_script(_READ)
        self._clear = client.register_script(_CLEAR)

    def _call(self, script, *args):
        import redis

        try:
            return script(args=[self._prefix, *args])
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise StoreUnavailable(str(exc) or type(exc).__name__) from None
        except redis.ResponseError as exc:  # e.g. a Redis still loading, or read-only
            raise StoreUnavailable(str(exc)) from None

    def _now(self) -> str:
        return repr(float(self._clock()))

    def _snapshot(self) -> tuple[str, int, list[Alert]]:
        raw = self._call(self._read, self._now(), self._ttl, self._epoch)
        epoch, version, dropped = _text(raw[0]), _text(raw[1]), int(raw[2])
        alerts = []
        for i in range(3, len(raw), 2):
            kiosk, level, raised, acked, repeats, last, source = (_text(v) if v is not None else "" for v in raw[i + 1])
            if not raised:
                continue  # its key expired between two commands of another client: gone
            alerts.append(Alert(id=_text(raw[i]), kiosk=kiosk, level=Level(level), raised_at=float(raised),
                                acknowledged_at=float(acked) if acked else None, repeats=int(repeats or 1),
                                last_at=float(last or raised), source=source or None))
        return f"{epoch}:{version}", int(dropped), alerts

    # -- the interface of explainer.common.alerts.AlertRegistry ------------------------------
    def raise_alert(self, kiosk: str, level: Level | str, source: str | None = None) -> str | None:
        level = Level(level)
        # Each key lives a little past the TTL by itself, so an abandoned clinic leaves nothing behind.
        result = self._call(self._raise, self._now(), self._ttl, self._capacity, self._merge, kiosk, level.value,
                            source or "", int(self._ttl) + 60)
        return _text(result) if result else None

    def acknowledge(self, alert_id: str) -> bool:
        return bool(self._call(self._ack, self._now(), self._ttl, alert_id))

    def get(self, alert_id: str) -> Alert | None:
        return next((a for a in self._snapshot()[2] if a.id == alert_id), None)

    def active(self) -> list[Alert]:
        return sorted(self._snapshot()[2], key=lambda a: (a.raised_at, int(a.id[1:])), reverse=True)

    @property
    def version(self) -> str:
        """Changes whenever the list a desk shows would change (and when Redis restarted)."""
        return self._snapshot()[0]

    @property
    def dropped(self) -> int:
        return self._snapshot()[1]

    @property
    def merged(self) -> int:
        return sum(a.repeats - 1 for a in self._snapshot()[2])

    def __len__(self) -> int:
        return len(self._snapshot()[2])

    def clear(self) -> None:
        self._call(self._clear)


_clients: dict[str, object] = {}
_clients_lock = threading.Lock()


def redis_client(url: str):
    """One Redis client (its own connection pool) per URL for the whole process."""
    with _clients_lock:
        client = _clients.get(url)
        if client is None:
            import redis

            client = redis.Redis.from_url(url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT,
                                          health_check_interval=10)
            _clients[url] = client
        return client


_redis_registries: dict[tuple[str, str], RedisAlertRegistry] = {}


def registry_for(clinic_id: str, redis_url: str = "") -> AlertRegistry | RedisAlertRegistry:
    """The alert registry of ``clinic_id``: in Redis when ``redis_url`` is set, else in memory."""
    if not redis_url:
        return REGISTRY  # this process's one clinic (see the module's docstring)
    with _clients_lock:
        found = _redis_registries.get((redis_url, clinic_id))
    if found is None:
        found = RedisAlertRegistry(redis_client(redis_url), clinic_id)
        with _clients_lock:
            found = _redis_registries.setdefault((redis_url, clinic_id), found)
    return found
