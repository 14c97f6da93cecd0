"""The app's style sheets as text, with no Streamlit import: ``ui.shell`` puts
them in every page, and the launcher (``ui.server``) also puts them in the HTML
page itself, so the first paint already has the app's layout."""
from __future__ import annotations

from pathlib import Path

from explainer import ASSETS

#: One file per part (and 00-base.css for what every page shares), joined in
#: file-name order, so each part's rules live beside nothing else.
CSS_DIR = ASSETS / "css"
#: Rules only for "Bigger text": applied after every part's own rules.
BIG_TEXT_CSS_DIR = CSS_DIR / "big-text"


def joined(folder: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.css")))
