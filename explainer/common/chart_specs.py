"""Make a chart's Vega-Lite spec identical from one choice to the next.

Streamlit's browser side re-embeds a Vega-Lite chart (compile, build, draw)
whenever the spec text changes, but only swaps the data in place
(``view.data(name, rows)``) when the spec is the same and just the named
datasets differ (frontend ``useVegaEmbed``: ``createView`` vs ``updateView``).
Altair names each dataset after a hash of its rows, so every new choice
changes the spec. Renaming the datasets to fixed names, in order, keeps the
spec text equal across choices as long as nothing else in it depends on the
choice (the chart's accessible description is passed separately as
``alt=``), and a tap then costs the browser a data swap, not a new chart.
"""
from __future__ import annotations

import json


def stable_spec(spec: dict, prefix: str) -> dict:
    """``spec`` with its named datasets renamed ``<prefix>-0``, ``<prefix>-1``, ...

    The references to them anywhere in the spec are renamed too. The input is
    left untouched.
    """
    datasets = spec.get("datasets", {})
    body = json.dumps({key: value for key, value in spec.items() if key != "datasets"})
    renamed = {}
    for index, old in enumerate(datasets):
        new = f"{prefix}-{index}"
        body = body.replace(json.dumps(old), json.dumps(new))
        renamed[new] = datasets[old]
    result = json.loads(body)
    if renamed:
        result["datasets"] = renamed
    return result
