"""The staff PIN's rules and the one session key other modules read, with no Streamlit:
shared by the in-process throttle (``ui.staff_pin``), the clinic group's Redis throttle
(``ui.pin_store``, which keeps the same rules in Lua) and the idle watch (``ui.idle``), so
none of them imports another to get them.

An address waits 1, 2, 4, ... seconds after each wrong PIN, up to ADDRESS_DELAY_MAX; two
gates (addresses with and without wrong PINs) space checks out after GATE_FREE wrong PINs
in FORGET_SECONDS, up to GATE_DELAY_MAX; at most MAX_ADDRESSES are remembered.
"""
from __future__ import annotations

from dataclasses import dataclass

#: Plain session key: the PIN prompt is open (the idle watch then holds its reset).
PROMPT_OPEN = "_staff_pin_open"

#: Longest wait one address can be given after its wrong PINs (seconds).
ADDRESS_DELAY_MAX = 900
#: An address's wrong PINs are forgotten this long after its last one (seconds).
FORGET_SECONDS = 3600
#: Wrong PINs a gate lets through in FORGET_SECONDS before it spaces checks out.
GATE_FREE = 10
#: Longest spacing a gate imposes (seconds): the most a flood can hold up the right person.
GATE_DELAY_MAX = 30
#: Most addresses remembered (a flood of many addresses cannot grow memory without bound).
MAX_ADDRESSES = 10_000


def address_delay(wrong: int) -> float:
    """Seconds an address waits after its ``wrong``-th wrong PIN."""
    return 0.0 if wrong <= 0 else float(min(2 ** min(wrong - 1, 30), ADDRESS_DELAY_MAX))


def gate_delay(wrong_in_window: int) -> float:
    """Seconds a gate spaces checks after ``wrong_in_window`` wrong PINs in the last hour."""
    return 0.0 if wrong_in_window < GATE_FREE else float(min(wrong_in_window - GATE_FREE + 1, GATE_DELAY_MAX))


@dataclass
class _Address:
    wrong: int = 0
    last_wrong: float = 0.0
    refused: int = 0  # submits refused while waiting, since the last log line


