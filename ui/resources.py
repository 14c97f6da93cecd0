"""What every page loads once per server and keeps: the content in both languages and
the style sheets. Its own module so that both the shell and the plain error screens
(``ui/errors.py``) use the same cached copies without importing each other."""
from __future__ import annotations

import logging

import streamlit as st

from explainer.common.content import Content
from ui import styles

log = logging.getLogger("explainer")


@st.cache_resource(show_spinner=False)
def content() -> Content:
    loaded = Content.load()
    for problem in loaded.problems:  # a missing translation is reported at start, once
        log.warning("content: %s", problem)
    return loaded


@st.cache_resource(show_spinner=False)
def css() -> str:
    """Kiosk styling (ui/styles.py). The launcher also puts it in the HTML page, so
    the first paint has it; here it is for every other way a page runs (AppTest,
    plain ``streamlit run``) and after the bigger-text and Present rules change it."""
    return styles.joined(styles.CSS_DIR)


#: Rules only for "Bigger text" (root font size, chart text, top bar): applied
#: after every part's own rules, so they win over them.
@st.cache_resource(show_spinner=False)
def big_text_css() -> str:
    return styles.joined(styles.BIG_TEXT_CSS_DIR)
