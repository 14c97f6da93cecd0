"""Front-desk alerts: "a kiosk showed the emergency (or urgent) result".

When a person at a kiosk reaches the emergency or the urgent result of the
self-check, the kiosk raises an alert; every open desk page (/desk) lists it,
and "I'm on it" acknowledges it for every desk and for the kiosk at once.

An alert carries only what the front desk needs to walk over: the kiosk's name,
the level and the times. Never an answer, never anything about the person.

Where alerts live: this process's memory only (``REGISTRY``, shared by every
session of one server process). Never on disk, never in a log; a server
restart forgets them (the kiosks and desks reload by themselves).

Bounds, so a desk open all day cannot grow the server's memory:

    an alert is dropped  TTL_SECONDS (1 hour) after it was raised
    at most CAPACITY alerts are kept; when full, the oldest acknowledged one
    goes first, else the oldest one

Expiry happens on read and on raise (no timer thread). ``version`` changes
whenever what a desk would show changes (raise, acknowledge, expiry), so a
desk page redraws only then.
"""
from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, replace
from enum import Enum
from typing import Callable

#: An alert older than this is gone (seconds).
TTL_SECONDS = 3600
#: Most alerts kept at once (a burst of 50 fits many times over).
CAPACITY = 200


class Level(str, Enum):
    """How urgent an alert is; the values match explainer.triage.Outcome."""

    EMERGENCY = "emergency"
    URGENT = "urgent"


@dataclass(frozen=True)
class Alert:
    id: str
    kiosk: str
    level: Level
    raised_at: float  # seconds since the epoch (wall clock: the desk shows the time of day)
    acknowledged_at: float | None = None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class AlertRegistry:
    """A small thread-safe store of live alerts (every method takes the lock)."""

    def __init__(self, clock: Callable[[], float] = time.time, ttl: float = TTL_SECONDS, capacity: int = CAPACITY):
        if capacity < 1 or ttl <= 0:
            raise ValueError("capacity must be 1 or more and ttl more than 0")
        self._clock = clock
        self._ttl = ttl
        self._capacity = capacity
        self._lock = threading.Lock()
        self._alerts: dict[str, Alert] = {}  # insertion order = oldest first
        self._ids = itertools.count(1)
        self._version = 0

    # -- internal (lock held) --------------------------------------------------
    def _expire(self) -> None:
        cutoff = self._clock() - self._ttl
        stale = [alert_id for alert_id, alert in self._alerts.items() if alert.raised_at <= cutoff]
        for alert_id in stale:
            del self._alerts[alert_id]
        if stale:
            self._version += 1

    def _make_room(self) -> None:
        while len(self._alerts) >= self._capacity:
            oldest_done = next((a for a in self._alerts.values() if a.acknowledged), None)
            victim = oldest_done or next(iter(self._alerts.values()))
            del self._alerts[victim.id]

    # -- public ------------------------------------------------------------------
    def raise_alert(self, kiosk: str, level: Level | str) -> str:
        """Record a new alert; return its id."""
        level = Level(level)
        with self._lock:
            self._expire()
            self._make_room()
            alert = Alert(id=f"a{next(self._ids)}", kiosk=kiosk, level=level, raised_at=self._clock())
            self._alerts[alert.id] = alert
            self._version += 1
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

    def __len__(self) -> int:
        with self._lock:
            return len(self._alerts)

    def clear(self) -> None:
        """Forget every alert (tests; a real server forgets them on restart)."""
        with self._lock:
            if self._alerts:
                self._alerts.clear()
            self._version += 1


def clock_time(seconds: float, am: str, pm: str) -> str:
    """The server's local time of day, as a US desk reads it: "9:05 AM" (am/pm words per language)."""
    moment = time.localtime(seconds)
    hour = moment.tm_hour % 12 or 12
    return f"{hour}:{moment.tm_min:02d} {am if moment.tm_hour < 12 else pm}"


#: The one registry of this server process, shared by all its sessions.
REGISTRY = AlertRegistry()
