"""Caring for a spasm: what helps, what to avoid, what to expect, when to come back.

The care plan text (care.helps, care.avoid, care.days.*) and the when-to-get-help
lists (explainer.help_lists: call 911, the emergency room, a doctor today,
seen soon) are shared with the take-home handout and the self-check's results
(emergency.toml). The recovery chart is built from the published figures in
explainer.recovery and sits beside its control on a landscape tablet
(ui.layout.teach).
"""
import streamlit as st

from explainer.care_charts import (
    DEFAULT_MOMENT,
    MOMENTS,
    first_month_note,
    moment_sentence,
    recovery_caption,
    recovery_chart,
    recovery_summary,
)
from explainer.chart_specs import stable_spec
from explainer.escape import markdown_text as md
from explainer.help_lists import NOW_SOURCES, later_lists, now_lists
from ui.layout import teach
from ui.nav import page_link
from ui.shell import footer, setup
from ui.where_from import where_from

ctx = setup("care")
t = ctx.t
DAY_SPANS = ("d1_3", "d4_7", "d8_14")
#: Plain session key for the chart's chosen moment (a widget's own key is deleted
#: when another page runs; this one survives a visit elsewhere).
MOMENT_KEY = "care_moment"
MOMENT_CONTROL = f"{MOMENT_KEY}_control"
#: Sources behind each section (ids in assets/sources.toml).
SECTION_SOURCES = {
    "helps": ("nice_ng59", "qaseem2017", "nhs_ibuprofen", "medlineplus_cyclobenzaprine", "ags_beers2023", "kornhaber2020",
              "fda_cpsc_heating_pads", "mayo_sleep"),
    "avoid": ("nice_ng59",),
    "days": ("pengel2003", "costa2012", "nhs_back_pain"),
    "chart": ("costa2012", "pengel2003"),
    "come_back": ("nice_ng59", "nhs_back_pain"),
    "emergency": NOW_SOURCES,
}


@st.cache_resource(show_spinner=False, max_entries=8)
def _chart(lang: str, moment: str, _t) -> dict:
    """The chart's spec for one language and moment; fixed dataset names keep the spec
    text the same across moments, so a tap swaps data in the browser."""
    return stable_spec(recovery_chart(_t, moment).to_dict(), "care-recovery")


def _bullets(key: str) -> None:
    st.markdown("\n".join(f"- {md(item)}" for item in t.items(key)))


def _sources(section: str) -> None:
    where_from(t("care.where_from"), t("care.where_from_intro"), SECTION_SOURCES[section], key=f"care-{section}")


def _keep_moment() -> None:
    value = st.session_state.get(MOMENT_CONTROL)
    if value is None:  # a tap on the chosen option: keep it
        st.session_state[MOMENT_CONTROL] = st.session_state[MOMENT_KEY]
    else:
        st.session_state[MOMENT_KEY] = value


@st.fragment
def chart_view() -> None:
    """The chart beside its control: a tap reruns only this part of the page."""
    moment = st.session_state.setdefault(MOMENT_KEY, DEFAULT_MOMENT)
    if moment not in MOMENTS:
        moment = st.session_state[MOMENT_KEY] = DEFAULT_MOMENT
    st.session_state[MOMENT_CONTROL] = moment
    controls, figure = teach("care-chart")
    with controls, st.container(key="care-moment"):
        st.segmented_control(
            t("care.chart.moment_label"), MOMENTS, format_func=lambda m: t(f"care.chart.moments.{m}"),
            key=MOMENT_CONTROL, on_change=_keep_moment, required=True, width="stretch",
        )
        st.markdown(f"**{md(moment_sentence(t, moment))}**")
        st.markdown(md(first_month_note(t)))
    with figure, st.container(key="care-chart"):
        summary = recovery_summary(t)
        with st.container(key="care-chart-plot"):
            st.vega_lite_chart(_chart(ctx.lang, moment, t), width="stretch", height="stretch", key="care_chart", alt=summary)
        st.caption(md(recovery_caption(t)))
        st.markdown(md(summary))


st.title(t("care.title"))
st.markdown(f"### {md(t('care.intro'))}")

with st.container(key="care-helps", border=True):
    st.header(t("care.helps_heading"))
    _bullets("care.helps")
    st.subheader(t("care.heat_heading"))
    _bullets("care.heat")
    _sources("helps")

with st.container(key="care-avoid", border=True):
    st.header(t("care.avoid_heading"))
    _bullets("care.avoid")
    _sources("avoid")

st.header(t("care.days_heading"))
st.markdown(md(t("care.days_intro")))
with st.container(key="care-days", horizontal=True):
    for span in DAY_SPANS:
        with st.container(key=f"care-day-{span}", border=True):
            st.subheader(t(f"care.days.{span}_title"))
            st.markdown(md(t(f"care.days.{span}")))
_sources("days")

st.header(t("care.chart.heading"))
chart_view()
_sources("chart")

with st.container(key="care-come-back", border=True):
    st.header(t("care.come_back_heading"))
    for block in later_lists(t):  # the two levels below "now", as the NHS back-pain page sorts them
        st.markdown(f"**{md(block.heading)}**")
        st.markdown("\n".join(f"- {md(item)}" for item in block.items))
    page_link(ctx, "self_check", t("care.self_check_link"), icon=":material/checklist:", width="stretch")
    _sources("come_back")
with st.container(key="care-call-now"):
    st.error("\n\n".join(
        f"**{md(block.heading)}**\n\n" + "\n".join(f"- {md(item)}" for item in block.items)
        + (f"\n\n**{md(block.note)}**" if block.note else "")
        for block in now_lists(t)), icon=":material/emergency:")
_sources("emergency")

footer(ctx)
