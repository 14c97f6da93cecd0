"""The framework's floor for /reflex (bench/page_change.py): the elements /reflex draws
on a kiosk, with its English words, its picture and its three charts (all nine choices'
data, inside the closed "See the numbers" expander, as on a kiosk), in a bare Streamlit
page. No shell, no style sheet, no components (the picture is plain, unstyled HTML: no replay
and no instant answers), no fragment: what Streamlit itself takes to draw that much.
bench/run.py also serves it alone, as its app's only page (BENCH_FLOOR_ALONE=1, no Home
link), opened at / like the baseline: the floor of /reflex's first chart."""
import os

import streamlit as st

from explainer.common.chart_specs import stable_spec
from explainer.common.content import Content
from explainer.common.escape import markdown_text as md
from explainer.common.sources import load_sources
from explainer.reflex.charts import chart_views
from explainer.reflex.choices import all_runs, choice_id
from explainer.reflex.figure import STAGE_COUNT, figure_svg
from explainer.reflex.model import DEFAULT_DISTANCE, DEFAULT_SPEED, LATENCY_SOURCES, SPINDLE_SOURCE, Distance, Speed
from explainer.reflex.replay import replay_of
from explainer.reflex.words import all_choice_texts

t = Content.load().for_language("en")


@st.cache_resource
def charts():
    return [stable_spec(view.chart.to_dict(), view.name) for view in chart_views(all_runs(), t)]


if os.environ.get("BENCH_FLOOR_ALONE") != "1":  # bench/run.py also serves this page alone (first chart)
    st.page_link("home.py", label="Home", icon=":material/home:")
st.title(t("reflex.title"))
controls, figure = st.columns([2, 3], gap="large")
with controls:
    st.markdown(t("reflex.intro"))
    st.markdown(f"**{t('reflex.try_it')}**")
    speed = st.segmented_control(t("reflex.speed_label"), [s.value for s in Speed], default=DEFAULT_SPEED.value,
                                 format_func=lambda v: t(f"reflex.speed.{v}"), required=True, width="stretch")
    distance = st.segmented_control(t("reflex.distance_label"), [d.value for d in Distance], default=DEFAULT_DISTANCE.value,
                                    format_func=lambda v: t(f"reflex.distance.{v}"), required=True, width="stretch")
    st.markdown(f"**{t('reflex.path.show_label')}**")
    with st.container(horizontal=True):
        for number, name in enumerate(t.items("reflex.path.stage_names"), start=1):
            st.button(name, type="primary" if number == STAGE_COUNT else "secondary")
        st.button(t("reflex.path.again"), icon=":material/replay:")
    st.markdown(t.items("reflex.path.plain")[-1])
choice = choice_id(speed, distance)
words = all_choice_texts(t)[choice]["text"]
with figure:
    st.markdown(figure_svg(t, replay_of(choice).final_moment, STAGE_COUNT), unsafe_allow_html=True)
    st.caption(t("reflex.figure.made_up"))
    with st.expander(t("reflex.numbers.open"), icon=":material/bar_chart:"):
        st.markdown(f"**{words['pull']}** {words['firing']}")
        st.markdown(words["outcome"])
        for spec in charts():
            st.vega_lite_chart(spec, width="stretch")
            st.caption(t("reflex.honest.model"))
        st.markdown("\n".join(f"{n}. {words[f'stage-{n}']}" for n in range(1, STAGE_COUNT + 1)))
st.subheader(t("reflex.back.heading"))
st.markdown(t("reflex.back.text"))
with st.expander(t("reflex.sources.open"), icon=":material/menu_book:"):
    by_id = {source.id: source for source in load_sources()}
    for source_id in (SPINDLE_SOURCE, *LATENCY_SOURCES, "hodges2011"):
        st.markdown(f"- {md(by_id[source_id].citation)}")
st.divider()
st.caption(f"{t('common.not_diagnosis')} {t('common.emergency_line')}")
