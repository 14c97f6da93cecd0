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
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:/<&])")
#: WORD JOINER: invisible, no line break, ignored by screen readers.
_JOINER = "\u2060"
# Backslash escapes are not enough for two things Streamlit's Markdown does to
# *text* after parsing, so escaped characters are matched all the same
# (checked in Chromium on Streamlit 1.67, tests/browser/test_clinic_payloads.py):
# GitHub's autolinks ("http://x", "www.x", "a@b.c" become links) and
# Streamlit's icons (":material/home:" becomes an icon). A word joiner before
# every ":" and "@", and between "www" and ".", breaks those patterns while the
# text reads and looks exactly the same. "/" is escaped too: Streamlit rewrites
# ":material/" in the Markdown source before parsing, and "\/" is not that.
_AUTOLINK_BREAKS = re.compile(r"(?i)(?<=www)(?=\.)|(?=[:@])")
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


def markdown_text(value: object) -> str:
    """``value`` as literal text inside Markdown (st.markdown, st.caption, labels)."""
    # One paragraph: a newline would start a new block (a list, a heading), and
    # leading spaces an indented code block.
    text = _WHITESPACE.sub(" ", str(value)).strip()
    text = _AUTOLINK_BREAKS.sub(_JOINER, text)
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "<&" else html.escape(m.group(1)), text)


def html_text(value: object) -> str:
    """``value`` as literal text inside HTML (element content or a quoted attribute)."""
    return html.escape(str(value), quote=True)
