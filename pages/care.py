"""Caring for a spasm: what helps, what to avoid, what to expect, when to come back.

The care plan text (care.helps, care.avoid, care.days.*, care.come_back,
care.call_now) is shared with the take-home handout. The recovery chart is
built from the published figures in explainer.recovery.
"""
import streamlit as st

from explainer.care_charts import recovery_chart, recovery_source, recovery_summary
from ui.nav import page_link
from ui.shell import footer, setup

ctx = setup("care")
t = ctx.t
DAY_SPANS = ("d1_3", "d4_7", "d8_14")


@st.cache_resource(show_spinner=False, max_entries=4)
def _chart(lang: str, _t):  # one chart per language; it does not depend on anything else
    return recovery_chart(_t)


def _bullets(key: str) -> None:
    st.markdown("\n".join(f"- {item}" for item in t.items(key)))


st.title(t("care.title"))
st.markdown(f"### {t('care.intro')}")

with st.container(key="care-helps", border=True):
    st.header(t("care.helps_heading"))
    _bullets("care.helps")
    st.caption(t("care.helps_source"))

with st.container(key="care-avoid", border=True):
    st.header(t("care.avoid_heading"))
    _bullets("care.avoid")
    st.caption(t("care.avoid_source"))

st.header(t("care.days_heading"))
st.markdown(t("care.days_intro"))
with st.container(key="care-days", horizontal=True):
    for span in DAY_SPANS:
        with st.container(key=f"care-day-{span}", border=True):
            st.subheader(t(f"care.days.{span}_title"))
            st.markdown(t(f"care.days.{span}"))
st.caption(t("care.days_source"))

st.header(t("care.chart.heading"))
with st.container(key="care-chart"):
    st.altair_chart(_chart(ctx.lang, t), width="stretch")
st.markdown(recovery_summary(t))
st.caption(f"{t('care.chart.line_note')} {recovery_source(t)}")

with st.container(key="care-come-back", border=True):
    st.header(t("care.come_back_heading"))
    _bullets("care.come_back")
    page_link(ctx, "self_check", t("care.self_check_link"), icon=":material/checklist:", width="stretch")
with st.container(key="care-call-now"):
    st.error(f"**{t('care.call_now_heading')}**\n\n" + "\n".join(f"- {item}" for item in t.items("care.call_now")), icon=":material/emergency:")
st.caption(t("care.come_back_source"))

footer(ctx)
