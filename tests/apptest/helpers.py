"""AppTest helpers: run a page from app.py (through st.navigation) or from its
page file alone (as a deep link that skips the entry script would)."""
from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

from explainer import ROOT
from explainer.common.sitemap import BY_ID

LANGS = ("en", "es")
MODES = ("kiosk", "staff")
TIMEOUT = 30


def run_page(part_id: str, lang: str = "en", mode: str = "kiosk", via_app: bool = False, **params: str) -> AppTest:
    """Run one part with query parameters, either via app.py or its file alone."""
    part = BY_ID[part_id]
    if via_app:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
        at.query_params.update({"lang": lang, "mode": mode, **params})
        at.run()
        if part.id != "home":
            at.switch_page(part.file)
            at.query_params.update({"lang": lang, "mode": mode, **params})
            at.run()
    else:
        at = AppTest.from_file(str(ROOT / part.file), default_timeout=TIMEOUT)
        at.query_params.update({"lang": lang, "mode": mode, **params})
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def ok(at: AppTest) -> AppTest:
    """``at`` after checking its run raised nothing (the exceptions' messages if it did)."""
    assert not at.exception, [e.value for e in at.exception]
    return at


def raw_text(at: AppTest) -> str:
    """Every text element's source as the page sent it (Markdown escapes, inline HTML)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success"):
        parts.extend(str(el.value) for el in getattr(at, kind))
    parts.extend(str(b.label) for b in at.button)
    return "\n".join(parts)


#: What Markdown escaping adds to text that a reader never sees: a backslash
#: before punctuation, and the invisible word joiner explainer.common.escape puts
#: before ":" and "@" (so Streamlit does not turn the text into a link or icon).
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TAG = re.compile(r"<[^>]+>")


def unescaped(source: str) -> str:
    """Markdown source without the escapes explainer.common.escape adds (inline HTML kept)."""
    return _BACKSLASH_ESCAPE.sub(r"\1", source.replace("\u2060", ""))


def readable(source: str) -> str:
    """A text element's source as a person reads it: no escapes, tags or entities."""
    return html.unescape(_TAG.sub("", unescaped(source)))


def walk(node):
    """Every element and container of a run (an AppTest, or one container of it), the node
    itself first, then what it holds, top to bottom as the page shows them."""
    node = getattr(node, "_tree", node)
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for position in sorted(children):
            yield from walk(children[position])


def all_text(at: AppTest) -> str:
    """Every piece of text a person would read on the screen (roughly)."""
    return readable(raw_text(at))

