"""Staff tools (staff mode only), laid out for a consultation tablet held
landscape (1180x820): the nerve root to show, the handout download and the
jump links to every part and walkthrough step all fit above the fold; the
handout's section choices and the QR code sit below.

Nothing identifying the patient is asked for or kept; the choices live in
plain session keys (a widget's key would vanish on another page).
"""
from datetime import date
from functools import partial

import streamlit as st

from explainer.common.escape import markdown_text
from explainer.common.params import NERVE_LEVELS
from explainer.common.sitemap import available_parts
from explainer.disc import walkthrough as walk
from explainer.disc.nerve_roots import root
from explainer.handout.pdf import SECTIONS, build_handout
from explainer.handout.qr import website_qr_svg
from ui.nav import page_link
from ui.shell import footer, setup

#: Plain session key for the handout's sections (the level is walk.WALK_LEVEL, shared with the walkthrough).
HANDOUT_SECTIONS = "staff_sections"
#: The front desk's screen, linked from here once its part exists.
DESK = "desk"

ctx = setup("staff")
t = ctx.t

if not ctx.staff:
    st.title(t("staff.title"))
    st.header(t("staff.not_staff_title"))
    st.write(t("staff.not_staff_body"))
    page_link(ctx, "home", t("common.home"), icon=":material/home:")
    footer(ctx)
    st.stop()

parts = {part.id: part for part in available_parts()}
level = st.session_state[walk.WALK_LEVEL] = walk.valid_level(st.session_state.get(walk.WALK_LEVEL))


def _set_level() -> None:
    chosen = st.session_state.get("staff_level_choice")
    if chosen in NERVE_LEVELS:
        st.session_state[walk.WALK_LEVEL] = chosen


def _set_sections() -> None:
    st.session_state[HANDOUT_SECTIONS] = list(st.session_state.get("staff_sections_choice") or [])


def _level_option(level: str) -> str:
    # The same description of the level as the walkthrough and the handout (explainer.disc.nerve_roots).
    return t("staff.level_option", level=level, place=t(root(level).place_key))


with st.container(key="staff_head", horizontal=True, vertical_alignment="center"):
    st.title(t("staff.title"))
    st.space("stretch")
    if DESK in parts:
        page_link(ctx, DESK, t(parts[DESK].tile_title_key), icon=parts[DESK].icon)
st.caption(f":material/lock: {t('staff.privacy')}")

jump, tools = st.columns(2, gap="large")

# Jump to a part, or a walkthrough step ------------------------------------------
with jump:
    st.subheader(t("staff.parts_heading"))
    with st.container(key="staff_parts"):
        for part in parts.values():
            if part.id not in ("home", "staff", DESK):  # Home is in the top bar
                page_link(ctx, part.id, t(part.tile_title_key), icon=part.icon, width="stretch")
    if "spasm_or_disc" in parts:
        st.subheader(t("staff.steps_heading"))
        with st.container(key="staff_steps"):
            for number, step_id in enumerate(walk.STEPS, start=1):
                heading = t(f"spasm_or_disc.steps.{step_id}.heading")
                page_link(ctx, "spasm_or_disc", t("staff.step_link", n=number, heading=heading),
                          width="stretch", step=str(number), level=level)

# The nerve root to show, and the handout ----------------------------------------
with tools:
    st.subheader(t("staff.level_heading"))
    st.segmented_control(t("staff.level_label"), NERVE_LEVELS, default=level, key="staff_level_choice",
                         format_func=_level_option, on_change=_set_level, required=True,
                         label_visibility="collapsed", width="stretch")
    level = walk.valid_level(st.session_state.get(walk.WALK_LEVEL))
    st.caption(t("staff.level_explain"))

    st.subheader(t("staff.handout_heading"))
    sections = [s for s in SECTIONS if s in st.session_state.setdefault(HANDOUT_SECTIONS, list(SECTIONS))]
    download = st.empty()  # above the choices it depends on, filled once they are read
    st.pills(t("staff.sections_label"), SECTIONS, selection_mode="multi", default=sections,
             format_func=lambda s: t(f"staff.sections.{s}"), key="staff_sections_choice", on_change=_set_sections)
    sections = [s for s in SECTIONS if s in st.session_state[HANDOUT_SECTIONS]]
    if sections:
        # Built when Download is tapped (a deferred download: Streamlit calls this then),
        # so a tap on a level or a section stays a quick rerun. Nothing about the
        # patient goes in: language, level, sections, date and the clinic's details.
        pdf = partial(build_handout, t, ctx.clinic, tuple(sections), level, date.today())
        with download.container(key="staff_download_box"):
            st.download_button(t("staff.download"), data=pdf, file_name=f"handout-{ctx.lang}-{level}.pdf",
                               mime="application/pdf", icon=":material/download:", key="staff_download",
                               on_click="ignore", type="primary", width="stretch")
    else:
        download.warning(t("staff.none_chosen"))

    # QR code to the clinic's web page
    st.subheader(t("staff.qr_heading"))
    svg = website_qr_svg(ctx.clinic.website, t("staff.qr_alt", website=ctx.clinic.website))
    if svg:
        st.markdown(f'<div class="staff-qr">{svg}</div>', unsafe_allow_html=True)
        st.markdown(t("staff.qr_explain", website=markdown_text(ctx.clinic.website)))
    else:
        st.caption(t("staff.no_website"))

footer(ctx)
