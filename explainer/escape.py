"""Text that must stay text, wherever it is put.

Clinic details (clinic.toml) and content strings are written by people, not
code. Put into Streamlit Markdown they would be read as Markdown (a ``#`` makes
a heading, ``![x](http://...)`` makes the kiosk fetch another host,
``[x](http://...)`` is a way out of the app); put into HTML they would be read
as HTML. Every such value goes through one of these first.
"""
from __future__ import annotations

import html
import re

# Every character Markdown (CommonMark + GitHub extensions, as Streamlit renders
# it) gives a meaning to, and "<", ">" and "&" so no HTML or entity gets through.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:<&])")


def markdown_text(value: object) -> str:
    """``value`` as literal text inside Markdown (st.markdown, st.caption, labels)."""
    text = str(value)
    text = _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "<&" else html.escape(m.group(1)), text)
    # A newline would start a new block (a list, a heading); keep it one paragraph.
    return re.sub(r"\s*\n\s*", " ", text)


def html_text(value: object) -> str:
    """``value`` as literal text inside HTML (element content or a quoted attribute)."""
    return html.escape(str(value), quote=True)
