"""Every screen the quality gates visit: each part, and each walkthrough step."""
from __future__ import annotations

import importlib

from explainer.sitemap import available_parts


def walkthrough_step_count() -> int:
    try:
        walkthrough = importlib.import_module("explainer.walkthrough")
    except ImportError:
        return 0
    return len(getattr(walkthrough, "STEPS", ()))


def quality_paths() -> list[str]:
    paths = []
    for part in available_parts():
        if part.id == "spasm_or_disc" and walkthrough_step_count():
            paths += [f"{part.url}?step={n}" for n in range(1, walkthrough_step_count() + 1)]
        elif part.staff_only:
            paths.append(f"{part.url}?mode=staff")
        else:
            paths.append(part.url)
    return paths
