"""The parts of the app: file, URL path, tile text. Pure data, no Streamlit.

A part appears (in navigation and as a Home tile) only once its page file
exists, so the app never shows a placeholder.
"""
from __future__ import annotations

from dataclasses import dataclass

from explainer import ROOT


@dataclass(frozen=True)
class Part:
    id: str
    # Relative to the repository root. The file name matches the URL path on
    # purpose: before any session has run app.py, Streamlit serves a deep link
    # from its file-based discovery of pages/, which knows pages only by file
    # name; "pages/self-check.py" is found there at /self-check, whereas
    # "self_check.py" would show "page not found" first.
    file: str
    url_path: str  # "" is Home, served at "/"
    icon: str  # a Material Symbols name; decorative only, the title says it all
    tile_title_key: str
    tile_text_key: str
    staff_only: bool = False

    @property
    def url(self) -> str:
        return "/" + self.url_path


PARTS: tuple[Part, ...] = (
    Part("home", "pages/home.py", "", ":material/home:", "common.home", "home.promise"),
    Part("where", "pages/where.py", "where", ":material/accessibility_new:", "home.tiles.where_title", "home.tiles.where_text"),
    Part("reflex", "pages/reflex.py", "reflex", ":material/bolt:", "home.tiles.reflex_title", "home.tiles.reflex_text"),
    Part("spasm_or_disc", "pages/spasm-or-disc.py", "spasm-or-disc", ":material/compare_arrows:", "home.tiles.spasm_title", "home.tiles.spasm_text"),
    Part("self_check", "pages/self-check.py", "self-check", ":material/checklist:", "home.tiles.check_title", "home.tiles.check_text"),
    Part("care", "pages/care.py", "care", ":material/spa:", "home.tiles.care_title", "home.tiles.care_text"),
    Part("sources", "pages/sources.py", "sources", ":material/menu_book:", "home.tiles.sources_title", "home.tiles.sources_text"),
    Part("staff", "pages/staff.py", "staff", ":material/badge:", "home.tiles.staff_title", "home.tiles.staff_text", staff_only=True),
    # The front desk's list of kiosk alerts (emergency or urgent self-check results).
    Part("desk", "pages/desk.py", "desk", ":material/notifications_active:", "desk.tile_title", "desk.tile_text", staff_only=True),
)

BY_ID = {part.id: part for part in PARTS}


def available_parts() -> list[Part]:
    """Parts whose page file exists."""
    return [part for part in PARTS if (ROOT / part.file).exists()]
