"""Moving between parts with large links, carrying language and mode along.

``st.page_link`` and ``st.switch_page`` only know pages registered by
``st.navigation`` in app.py. When a page file runs on its own (AppTest on
the file, or a deep link that Streamlit's file-based ``pages/`` discovery
served before app.py ever ran), they raise; we then draw a plain link to the product
URL instead, which reloads the app properly. Query parameters are passed
explicitly because Streamlit drops them on a page switch.
"""
from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from explainer.common.sitemap import BY_ID
from ui.context import Context


#: The one piece of Markdown our link labels use (a bold title before its text).
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _label_html(label: str) -> str:
    """A link label as HTML: escaped, with its **bold** part kept bold."""
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(label))


def _query(ctx: Context, params: dict[str, str]) -> dict[str, str]:
    return {"lang": ctx.lang, "mode": ctx.mode, **params}


def page_link(ctx: Context, part_id: str, label: str, icon: str | None = None, width="content", **params: str) -> None:
    part = BY_ID[part_id]
    query = _query(ctx, params)
    try:
        st.page_link(part.file, label=label, icon=icon, width=width, query_params=query)
    except StreamlitAPIException:
        href = html.escape(f"{part.url}?{urlencode(query)}")
        st.markdown(f'<a class="fallback-link" href="{href}" target="_self">{_label_html(label)}</a>', unsafe_allow_html=True)


def switch_to(ctx: Context, part_id: str, **params: str) -> None:
    """Go to another part now (e.g. from a button callback's result)."""
    part = BY_ID[part_id]
    try:
        st.switch_page(part.file, query_params=_query(ctx, params))
    except StreamlitAPIException:
        st.query_params.update(_query(ctx, params))
        page_link(ctx, part_id, part.id, **params)
