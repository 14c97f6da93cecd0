"""Millimetres with inches beside them, for readers in the United States.

1 inch = 25.4 mm (exact, by definition). Rounded the way a person would say
it: whole inches from 3 inches up ("about 12 inches"), tenths below ("about
1.6 inches"), and never "0" for a length that is not zero ("less than 0.1").
The decimal point is a point in both languages (Spanish as written in the
United States and Mexico).
"""
from __future__ import annotations

MM_PER_INCH = 25.4
#: From this many inches up, whole numbers are precise enough.
WHOLE_INCHES_FROM = 3.0
#: Shown for a length that is not zero but rounds to 0.0.
SMALLEST_SHOWN = "0.1"


def inches(mm: float) -> str:
    """``mm`` in inches, rounded for reading: "0.3", "1.6", "4", "12"."""
    value = abs(mm) / MM_PER_INCH
    if value == 0:
        return "0"
    if value >= WHOLE_INCHES_FROM:
        return str(round(value))
    text = f"{value:.1f}"
    if text == "0.0" and value > 0:
        return SMALLEST_SHOWN
    return "1" if text == "1.0" else text


def is_one(text: str) -> bool:
    """Whether a rounded inch figure reads as exactly one ("1 inch", not "1 inches")."""
    return text == "1"
