"""The "Start here" path on screen: its header and its "Next part".

Drawn by the shell, never by a page: ``ui.shell.setup`` calls ``follow`` and
``header``, ``ui.shell.footer`` calls ``next_part``. The rules are in
``explainer.common.journey``.

The header always takes the same height (assets/css/journey.css reserves it),
so drawing it never pushes the page down after the page has drawn.
"""
from __future__ import annotations

import streamlit as st

from explainer.common import journey
from explainer.common.escape import html_text
from explainer.common.sitemap import BY_ID
from ui.context import Context
from ui.nav import page_link


def start() -> None:
    """Put the person on the path, at its first part (a "Start here" tap)."""
    st.session_state[journey.JOURNEY] = journey.first()


def join(part_id: str) -> None:
    """Put the person on the path at ``part_id`` (the body map leads into the walkthrough)."""
    if journey.position(part_id) is not None:
        st.session_state[journey.JOURNEY] = part_id


def follow(part_id: str) -> int | None:
    """Move the path along as ``part_id`` starts to run; its position, or None."""
    at = journey.follow(st.session_state.get(journey.JOURNEY), part_id)
    if at is None:
        st.session_state.pop(journey.JOURNEY, None)
    else:
        st.session_state[journey.JOURNEY] = at
    return journey.current(st.session_state, part_id)


def _title(t, part_id: str) -> str:
    return t(BY_ID[part_id].tile_title_key)


def on_path(part_id: str) -> bool:
    """True while the person is on the "Start here" path at ``part_id`` (its "Next part" is the way on)."""
    return journey.current(st.session_state, part_id) is not None


def header(ctx: Context, n: int) -> None:
    """"Part N of 4: <title>" and one marker per part (done, here, still to come)."""
    t = ctx.t
    total = journey.total()
    text = t("journey.header", n=n, total=total, title=_title(t, ctx.part.id))
    marks = "".join(
        f'<span class="journey-mark journey-{"done" if i < n else "here" if i == n else "todo"}"></span>'
        for i in range(1, total + 1)
    )
    st.markdown(
        f'<div class="journey-header" role="group" aria-label="{html_text(text)}">'
        f'<p class="journey-text">{html_text(text)}</p>'
        f'<div class="journey-marks" aria-hidden="true">{marks}</div></div>',
        unsafe_allow_html=True,
    )


def next_part(ctx: Context) -> None:
    """At the end of a part of the path: the next part, or (after the last) a way back Home."""
    if journey.current(st.session_state, ctx.part.id) is None:
        return
    t = ctx.t
    following = journey.next_part(ctx.part.id)
    with st.container(key="journey-next"):
        if following is None:
            st.markdown(f"**{t('journey.done', total=journey.total())}**")
            page_link(ctx, "home", t("journey.back_home"), icon=":material/home:", width="stretch")
        else:
            st.caption(t("journey.next_part_label"))
            page_link(ctx, following, t("journey.next_part", title=_title(t, following)),
                      icon=":material/arrow_forward:", width="stretch")
