"""Test helper: the rows a /reflex chart shows for one choice.

Each chart carries all nine choices in wide form: one column per choice
(named by its choice id) and a calculate transform that copies the chosen
column into the field the chart plots (``datum[choice]`` as "stretch", or the
default choice's column while the page has set no choice).
"""
from __future__ import annotations

import json
import re

from explainer.reflex.model import Distance, Speed
from explainer.reflex.choices import choice_id

CHOICES = {choice_id(s, d) for s in Speed for d in Distance}


def plotted_field(spec: dict) -> str:
    found = set(re.findall(r'"calculate": "isValid\(datum\[choice\]\) \? datum\[choice\] : datum\[[^]]+\]", "as": "(\w+)"', json.dumps(spec)))
    assert len(found) == 1, found
    return found.pop()


def shown(spec: dict, choice: str) -> list[dict]:
    """Every row the chart draws for ``choice``: the choice rows with the chosen
    value under the plotted field, and the rows that carry no choice (bands, labels)."""
    field = plotted_field(spec)
    rows = []
    for table in spec["datasets"].values():
        for row in table:
            columns = CHOICES & set(row)
            if not columns:
                rows.append(row)
                continue
            key = choice if choice in columns else next(iter(columns))  # a one-choice chart
            rows.append({**{k: v for k, v in row.items() if k not in CHOICES}, field: row[key]})
    return rows


def choices_in(spec: dict) -> set[str]:
    return {key for table in spec["datasets"].values() for row in table for key in row if key in CHOICES}


# --- the walkthrough's timeline (explainer.disc.charts) --------------------------------------

#: Its parameters, as the browser reads them: the combination the page sets on the <body>
#: ("bath-care" in days, e.g. "3-10"), and the one drawn (that one, or no bath and no care
#: while the page has set none). Literal, so a changed binding or fallback fails here.
TIMELINE_COMBOS = [f"{b}-{c}" for b in (0, 3, 6, 9) for c in (0, 4, 7, 10)]
TIMELINE_PARAMS = [
    {"name": "days_chosen", "bind": {"element": "body", "event": "timelinechoice"}, "value": "0-0"},
    {"name": "days_shown",
     "expr": f"indexof({TIMELINE_COMBOS!r}, days_chosen) >= 0 ? days_chosen : '0-0'"},
]


def _timeline_rows(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][(layer.get("data") or spec["data"])["name"]]


def timeline_points(spec: dict, combo: str, story_name: str) -> list[tuple[float, float]]:
    """(day, pain) of every point the lines draw for one story when the page shows ``combo``."""
    assert spec["params"] == TIMELINE_PARAMS
    lines = spec["layer"][0]
    assert lines["mark"]["type"] == "line"
    assert lines["transform"] == [{"calculate": "datum[days_shown]", "as": "pain"}]
    assert lines["encoding"]["x"]["field"] == "day" and lines["encoding"]["y"]["field"] == "pain"
    return [(row["day"], row[combo]) for row in _timeline_rows(spec, lines) if row["story"] == story_name]


def timeline_marks(spec: dict, combo: str) -> list[dict]:
    """The rows every day-mark layer (rules, then labels) draws when the page shows ``combo``,
    each with the layer's mark type under "mark"."""
    assert spec["params"] == TIMELINE_PARAMS
    drawn = []
    for layer in spec["layer"][1:]:
        rows = _timeline_rows(spec, layer)
        steps = layer.get("transform", [])
        assert steps[0] == {"filter": "datum.combo === days_shown"}, steps
        rows = [row for row in rows if row["combo"] == combo]
        for step in steps[1:]:  # a rule layer keeps its own kind
            kind = re.search(r"^\(datum\.kind === '(\w+)'\)$", step["filter"]).group(1)
            rows = [row for row in rows if row["kind"] == kind]
        drawn.extend({**row, "mark": layer["mark"]["type"]} for row in rows)
    return drawn


def timeline_rule_days(spec: dict, combo: str) -> list[float]:
    """Days of the vertical rules (warm bath, start of care) drawn for ``combo``."""
    return [row["day"] for row in timeline_marks(spec, combo) if row["mark"] == "rule"]
