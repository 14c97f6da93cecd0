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
