"""Words the browser swaps when a choice changes (ui/instant.js).

A slot is an element marked with ``SLOT_ATTRIBUTE`` whose value names it; on a
tap the browser sets its text (and ``data-kind``) from the table of every
choice's words the server sent, before the server's rerun renders the same
words. /reflex and the walkthrough's timeline use it.
"""
from __future__ import annotations

import html

#: Attribute that marks a piece of text that changes with the choice.
SLOT_ATTRIBUTE = "data-choice-slot"


def slot(
    name: str, text: str, tag: str = "span", kind: str | None = None, css_class: str | None = None, live: bool = False
) -> str:
    """HTML for one slot: the browser finds it by name and swaps its text (and
    kind) when the choice changes. The text is escaped; it holds no markup.
    ``live``: a screen reader reads the new text out when it changes."""
    attrs = f' class="{css_class}"' if css_class else ""
    if kind is not None:
        attrs += f' data-kind="{html.escape(kind)}"'
    if live:
        attrs += ' aria-live="polite"'
    return f'<{tag} {SLOT_ATTRIBUTE}="{name}"{attrs}>{html.escape(text)}</{tag}>'
