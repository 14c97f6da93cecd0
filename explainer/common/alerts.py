"""Front-desk alerts: "a kiosk showed the emergency (or urgent) result".

When a person at a kiosk reaches the emergency or the urgent result of the
self-check, the kiosk raises an alert; every open desk page (/desk) lists it,
and "I'm on it" acknowledges it for every desk and for the kiosk at once.

An alert carries only what the front desk needs to walk over: the kiosk's name,
the level and the times. Never an answer, never anything about the person.

Where alerts live: this process's memory only (``REGISTRY``, shared by every
session of one server process). Never on disk, never in a log; a server
restart forgets them (the kiosks and desks reload by themselves).

Bounds, so a desk open all day cannot grow the server's memory, and so that
nobody can push a real emergency off the desk:

    an alert is dropped  TTL_SECONDS (1 hour) after it was raised
    at most CAPACITY alerts are kept; when full, the oldest acknowledged one
    goes first, then the oldest unacknowledged urgent one; an unacknowledged
    emergency is never evicted. When every kept alert is an unacknowledged
    emergency, a new alert is not kept but counted (``dropped``), and the
    desk says how many.
    a repeat from the same source (one kiosk session: the caller passes the
    server's session id and the kiosk name, something a page cannot clear)
    within MERGE_SECONDS of that source's last alert of the same level is
    merged into it while it is unacknowledged (``repeats`` counts them, the
    desk shows the count); once it is acknowledged, a repeat raises a new
    alert (a new person must still reach the desk).

Expiry happens on read and on raise (no timer thread). ``version`` changes
whenever what a desk would show changes (raise, repeat, acknowledge, expiry,
drop), so a desk page redraws only then.
"""
from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Callable

#: An alert older than this is gone (seconds).
TTL_SECONDS = 3600
#: Most alerts kept at once (a burst of 50 fits many times over).
CAPACITY = 200
#: A repeat from one source within this long of its last alert of that level merges into it (seconds).
MERGE_SECONDS = 300


class Level(str, Enum):
    """How urgent an alert is; the values match explainer.self_check.triage.Outcome."""

    EMERGENCY = "emergency"
    URGENT = "urgent"


@dataclass(frozen=True)
class Alert:
    id: str
    kiosk: str
    level: Level
    raised_at: float  # seconds since the epoch (wall clock: the desk shows the time of day)
    acknowledged_at: float | None = None
    #: How many times its source reached this result (1 = once); repeats merge here.
    repeats: int = 1
    #: When its source last reached it (merging window; never shown).
    last_at: float = 0.0
    #: Who raised it, for merging repeats (a server session id and the kiosk's name); never shown.
    source: str | None = field(default=None, repr=False, compare=False)

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class AlertRegistry:
    """A small thread-safe store of live alerts (every method takes the lock)."""

    def __init__(self, clock: Callable[[], float] = time.time, ttl: float = TTL_SECONDS, capacity: int = CAPACITY,
                 merge_seconds: float = MERGE_SECONDS):
        if capacity < 1 or ttl <= 0:
            raise ValueError("capacity must be 1 or more and ttl more than 0")
        self._clock = clock
        self._ttl = ttl
        self._capacity = capacity
        self._lock = threading.Lock()
        self._alerts: dict[str, Alert] = {}  # insertion order = oldest first
        self._ids = itertools.count(1)
        self._version = 0
        self._merge = merge_seconds
        self._dropped: deque[float] = deque(maxlen=100_000)  # when an alert could not be kept

    # -- internal (lock held) --------------------------------------------------
    def _expire(self) -> None:
        cutoff = self._clock() - self._ttl
        stale = [alert_id for alert_id, alert in self._alerts.items() if alert.raised_at <= cutoff]
        for alert_id in stale:
            del self._alerts[alert_id]
        while self._dropped and self._dropped[0] <= cutoff:
            self._dropped.popleft()
            stale.append("")
        if stale:
            self._version += 1

    def _make_room(self) -> bool:
        """Free a place for one more alert; False if every kept alert is an open emergency."""
        while len(self._alerts) >= self._capacity:
            alerts = self._alerts.values()
            victim = (next((a for a in alerts if a.acknowledged), None)
                      or next((a for a in alerts if a.level is not Level.EMERGENCY), None))
            if victim is None:
                return False
            del self._alerts[victim.id]
            self._dropped.append(self._clock())
        return True

    def _open_from(self, source: str, level: Level) -> Alert | None:
        """The newest alert of ``source`` at ``level`` within the merging window, if any."""
        now = self._clock()
        for alert in reversed(self._alerts.values()):
            if alert.source == source and alert.level is level and now - alert.last_at < self._merge:
                return alert
        return None

    # -- public ------------------------------------------------------------------
    def raise_alert(self, kiosk: str, level: Level | str, source: str | None = None) -> str | None:
        """Record an alert; return its id (a merged repeat returns the open alert's id),
        or None if it could not be kept (counted in ``dropped``)."""
        level = Level(level)
        with self._lock:
            self._expire()
            now = self._clock()
            if source is not None:
                recent = self._open_from(source, level)
                if recent is not None and not recent.acknowledged:
                    self._alerts[recent.id] = replace(recent, repeats=recent.repeats + 1, last_at=now)
                    self._version += 1
                    return recent.id
            self._version += 1
            if not self._make_room():
                self._dropped.append(now)
                return None
            alert = Alert(id=f"a{next(self._ids)}", kiosk=kiosk, level=level, raised_at=now, last_at=now,
                          source=source)
            self._alerts[alert.id] = alert
            return alert.id

    def acknowledge(self, alert_id: str) -> bool:
        """Mark an alert as being dealt with; False if it is gone. A second call keeps the first time."""
        with self._lock:
            self._expire()
            alert = self._alerts.get(alert_id)
            if alert is None:
                return False
            if not alert.acknowledged:
                self._alerts[alert_id] = replace(alert, acknowledged_at=self._clock())
                self._version += 1
            return True

    def get(self, alert_id: str) -> Alert | None:
        with self._lock:
            self._expire()
            return self._alerts.get(alert_id)

    def active(self) -> list[Alert]:
        """Every live alert, newest first."""
        with self._lock:
            self._expire()
            return sorted(self._alerts.values(), key=lambda a: (a.raised_at, int(a.id[1:])), reverse=True)

    @property
    def version(self) -> int:
        """Changes whenever the list a desk shows would change."""
        with self._lock:
            self._expire()
            return self._version

    @property
    def dropped(self) -> int:
        """Alerts that could not be kept (list full) in the last TTL_SECONDS."""
        with self._lock:
            self._expire()
            return len(self._dropped)

    @property
    def merged(self) -> int:
        """Repeats merged into the alerts still listed."""
        with self._lock:
            self._expire()
            return sum(a.repeats - 1 for a in self._alerts.values())

    def __len__(self) -> int:
        with self._lock:
            return len(self._alerts)

    def clear(self) -> None:
        """Forget every alert (tests; a real server forgets them on restart)."""
        with self._lock:
            self._alerts.clear()
            self._dropped.clear()
            self._version += 1


def clock_time(seconds: float, am: str, pm: str) -> str:
    """The server's local time of day, as a US desk reads it: "9:05 AM" (am/pm words per language)."""
    moment = time.localtime(seconds)
    hour = moment.tm_hour % 12 or 12
    return f"{hour}:{moment.tm_min:02d} {am if moment.tm_hour < 12 else pm}"


#: The one registry of this server process, shared by all its sessions.
REGISTRY = AlertRegistry()
