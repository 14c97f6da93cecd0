""""Where this comes from": a small control under a page section that opens
the citations behind it.

A source line under every box crowded the screen for patients, yet each
statement must stay traceable to its source on screen. So each section gets
one expander (a native disclosure: keyboard, screen readers and AppTest see
its content) that lists the full citations from ``assets/sources.toml``,
addresses as literal text (a kiosk must not follow a link out of the app). The
list is HTML, escaped: Markdown would turn an address into a link even when
its characters are escaped (GitHub-style autolinks).
"""
from __future__ import annotations

from typing import Iterable

import streamlit as st

from explainer.common.escape import html_text
from explainer.common.sources import load_sources


def citations(intro: str, source_ids: Iterable[str]) -> str:
    """HTML: ``intro`` and the numbered citations of ``source_ids`` (in the given order)."""
    by_id = {source.id: source for source in load_sources()}
    items = []
    for source_id in dict.fromkeys(source_ids):
        source = by_id[source_id]
        address = f' <span class="where-from-address">{html_text(source.url)}</span>' if source.url else ""
        items.append(f"<li>{html_text(source.citation)}{address}</li>")
    return f'<div class="where-from"><p>{html_text(intro)}</p><ol>{"".join(items)}</ol></div>'


def where_from(label: str, intro: str, source_ids: Iterable[str], key: str) -> None:
    """An expander labelled ``label`` listing the citations of ``source_ids``.
    (Inside another expander, which Streamlit cannot nest, show ``citations`` instead.)"""
    with st.container(key=f"where-from-{key}"):
        with st.expander(label, icon=":material/menu_book:"):
            st.markdown(citations(intro, source_ids), unsafe_allow_html=True)
