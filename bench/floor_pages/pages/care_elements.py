"""The framework's floor for /care (bench/page_change.py): the elements /care draws,
with its English words and its chart, in a bare Streamlit page. No shell (top bar,
language, idle watch, the app's style sheet, its components), no fragment, no first-paint
hold: what is left is what Streamlit itself takes to draw that much. (Plain Markdown for
the citations, as the app shows them, inside the same expanders.)"""
import streamlit as st

from explainer.care.charts import DEFAULT_MOMENT, MOMENTS, first_month_note, moment_sentence, recovery_caption, recovery_chart, recovery_summary
from explainer.common.content import Content
from explainer.common.escape import markdown_text as md
from explainer.common.help_lists import NOW_SOURCES, later_lists, now_lists
from explainer.common.sources import load_sources

t = Content.load().for_language("en")
SOURCES = {s.id: s for s in load_sources()}


def sources(ids) -> None:
    with st.expander(t("care.where_from"), icon=":material/menu_book:"):
        st.markdown("\n".join(f"1. {md(SOURCES[i].citation)}" for i in ids))


def bullets(key: str) -> None:
    st.markdown("\n".join(f"- {md(item)}" for item in t.items(key)))


st.page_link("home.py", label="Home", icon=":material/home:")
st.title(t("care.title"))
st.markdown(f"### {md(t('care.intro'))}")
with st.container(border=True):
    st.header(t("care.helps_heading"))
    bullets("care.helps")
    st.subheader(t("care.heat_heading"))
    bullets("care.heat")
    sources(("nice_ng59", "qaseem2017", "nhs_ibuprofen", "medlineplus_cyclobenzaprine", "ags_beers2023", "kornhaber2020",
             "fda_cpsc_heating_pads", "mayo_sleep"))
with st.container(border=True):
    st.header(t("care.avoid_heading"))
    bullets("care.avoid")
    sources(("nice_ng59",))
st.header(t("care.days_heading"))
st.markdown(md(t("care.days_intro")))
with st.container(horizontal=True):
    for span in ("d1_3", "d4_7", "d8_14"):
        with st.container(border=True):
            st.subheader(t(f"care.days.{span}_title"))
            st.markdown(md(t(f"care.days.{span}")))
sources(("pengel2003", "costa2012", "nhs_back_pain"))
st.header(t("care.chart.heading"))
controls, figure = st.columns([2, 3], gap="large")
with controls:
    moment = st.segmented_control(t("care.chart.moment_label"), MOMENTS, format_func=lambda m: t(f"care.chart.moments.{m}"),
                                  default=DEFAULT_MOMENT, required=True, width="stretch")
    st.markdown(f"**{md(moment_sentence(t, moment))}**")
    st.markdown(md(first_month_note(t)))
with figure:
    st.vega_lite_chart(recovery_chart(t, moment).to_dict(), width="stretch", height=420)
    st.caption(md(recovery_caption(t)))
    st.markdown(md(recovery_summary(t)))
sources(("costa2012", "pengel2003"))
with st.container(border=True):
    st.header(t("care.come_back_heading"))
    for block in later_lists(t):
        st.markdown(f"**{md(block.heading)}**")
        st.markdown("\n".join(f"- {md(item)}" for item in block.items))
    st.page_link("home.py", label=t("care.self_check_link"), icon=":material/checklist:", width="stretch")
    sources(("nice_ng59", "nhs_back_pain"))
st.error("\n\n".join(f"**{md(b.heading)}**\n\n" + "\n".join(f"- {md(i)}" for i in b.items)
                     + (f"\n\n**{md(b.note)}**" if b.note else "") for b in now_lists(t)), icon=":material/emergency:")
sources(NOW_SOURCES)
st.divider()
st.caption(f"{t('common.not_diagnosis')} {t('common.emergency_line')}")
