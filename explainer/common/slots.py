"""Words the browser swaps when a choice changes (ui/instant.js).

A slot is an element marked with ``SLOT_ATTRIBUTE`` whose value names it; on a
tap the browser sets its text (and ``data-kind``) from the table of every
choice's words the server sent, before the server's rerun renders the same
words. /reflex and the walkthrough's timeline and nerve level use it. Slots are put in
HTML blocks (``html_block``), where Markdown reads nothing.
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
    return f'<{tag} {SLOT_ATTRIBUTE}="{name}"{attrs}>{_text(text)}</{tag}>'


def _text(value: str) -> str:
    """Escaped for HTML, and every "/" as a character reference: Streamlit rewrites
    ":material/name:" into an icon in the Markdown source before parsing, even inside HTML."""
    return html.escape(value).replace("/", "&#47;")


#: Tags an HTML block may start with (CommonMark's HTML blocks of type 6 include these).
BLOCK_TAGS = ("p", "ul", "ol", "h3", "div")


def html_block(markup: str) -> str:
    """``markup`` as one Markdown HTML block, for ``st.markdown(..., unsafe_allow_html=True)``.

    Markdown reads nothing inside an HTML block (one that starts a line with a block tag and
    has no blank line), so the text of a slot in it stays text: no emphasis, no link or image
    made from brackets, no link made from an address, no maths. The same slot inline in
    Markdown text (a list item, a caption) is read as Markdown, and ``![x](http://...)`` in it
    would make the kiosk fetch another host. So slots go in HTML blocks only."""
    one_line = " ".join(markup.split("\n"))
    tag = one_line[1:].split(" ", 1)[0].split(">", 1)[0]
    if not one_line.startswith("<") or tag not in BLOCK_TAGS:
        raise ValueError(f"an HTML block starts with one of {BLOCK_TAGS}: {one_line[:30]!r}")
    return one_line
