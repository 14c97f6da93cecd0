"""Every screen the quality gates visit: each part, each walkthrough step, and
the screens that differ in staff mode (Home and the body map show staff links
and nerve levels there)."""
from __future__ import annotations

import importlib

from explainer.common.sitemap import available_parts


def walkthrough_step_count() -> int:
    try:
        walkthrough = importlib.import_module("explainer.disc.walkthrough")
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
        if part.id in STAFF_VARIANTS:
            paths.append(f"{part.url}?mode=staff")
    return paths


#: Parts that draw more in staff mode than in kiosk mode.
STAFF_VARIANTS = ("home", "where")
