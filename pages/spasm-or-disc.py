"""Spasm or disc? A step-by-step walkthrough with Next and Back (issue 4).

Step and nerve level live in plain session keys set by button callbacks
(explainer.walkthrough explains why); ``?step=`` / ``?level=`` seed them.
"""
import streamlit as st

from explainer import walkthrough as walk
from explainer.chart_specs import stable_spec
from explainer.leg_map import leg_map_svg
from explainer.nerve_roots import root
from explainer.params import NERVE_LEVELS
from explainer.spine_diagram import spine_svg
from explainer.timeline import BATH_DAYS, TREAT_DAYS, recovery_timeline
from explainer.walkthrough_charts import timeline_chart, timeline_summary
from ui.nav import page_link
from ui.shell import footer, setup

ctx = setup("spasm_or_disc")
t = ctx.t
K = "spasm_or_disc"

# Which step and level: session first; a new ?step= / ?level= seeds it. Then keep the URL in step.
st.session_state.update(walk.resolve(st.session_state, st.query_params.get("step"), st.query_params.get("level")))
for param, key in (("step", walk.WALK_SEEN_STEP), ("level", walk.WALK_SEEN_LEVEL)):
    if st.query_params.get(param) != st.session_state[key]:
        st.query_params[param] = st.session_state[key]
step = st.session_state[walk.WALK_STEP]
level = st.session_state[walk.WALK_LEVEL]
step_id = walk.step_id(step)
S = f"{K}.steps.{step_id}"


def _go(to: int) -> None:
    st.session_state[walk.WALK_STEP] = to


def _choose(key: str, value) -> None:
    st.session_state[key] = value


@st.cache_data(show_spinner=False)
def _spine(level: str, lang: str, _t) -> str:
    return spine_svg(level, _t)


@st.cache_data(show_spinner=False)
def _leg_map(level: str, lang: str, _t) -> str:
    return leg_map_svg(level, _t)


@st.cache_data(show_spinner=False)
def _timeline(bath: int, treat: int, lang: str, _t) -> tuple[dict, list[str]]:
    """The chart's Vega-Lite spec (converted once per choice, not on every tap) and its summary.
    Fixed dataset names keep the spec text equal across choices, so the browser swaps data."""
    timeline = recovery_timeline(bath, treat)
    return stable_spec(timeline_chart(timeline, _t).to_dict(), "timeline"), timeline_summary(timeline, _t)


def sources(*ids: str) -> None:
    st.caption(t(f"{K}.sources_label", sources=", ".join(t(f"{K}.source_names.{i}") for i in ids)))


def choice_row(key: str, label: str, options, value, name) -> None:
    """A row of big buttons; the chosen one is filled AND ticked (colour is not the only cue)."""
    st.markdown(f"**{label}**")
    with st.container(key=f"walk-row-{key}", horizontal=True):
        for option in options:
            chosen = option == value
            st.button(("✓ " if chosen else "") + name(option), key=f"{key}_{option}",
                      type="primary" if chosen else "secondary", on_click=_choose, args=(key, option))


def level_choice() -> None:
    with st.container(key="walk-level", border=True):
        choice_row(walk.WALK_LEVEL, t(f"{K}.level.label"), NERVE_LEVELS, level, str)
        st.markdown(t(f"{K}.level.explain"))


def diagram(key: str, svg: str) -> None:
    # st.markdown, not st.html: st.html's sanitiser drops inline SVG (checked on 1.67).
    with st.container(key=f"walk-diagram-{key}"):
        st.markdown(svg.replace("\n", ""), unsafe_allow_html=True)


st.title(t(f"{K}.title"))
st.progress(step / walk.step_count(), text=t(f"{K}.step_of", n=step, total=walk.step_count()))
st.header(t(f"{S}.heading"))

if step_id == "two_ways":
    st.markdown(t(f"{S}.intro"))
    cards = st.columns(2, gap="medium")
    for column, kind, icon in ((cards[0], "strain", ":material/fitness_center:"), (cards[1], "disc", ":material/radio_button_checked:")):
        with column, st.container(border=True, key=f"walk-way-{kind}"):
            st.subheader(f"{icon} {t(f'{S}.{kind}_title')}")
            st.markdown(t(f"{S}.{kind}_text"))
    st.markdown(f"**{t(f'{S}.outro')}**")

elif step_id == "spine":
    level_choice()
    diagram("spine", _spine(level, ctx.lang, t))
    st.markdown(t(f"{S}.points"))

elif step_id == "leg_map":
    st.markdown(t(f"{S}.intro"))
    level_choice()
    diagram("legmap", _leg_map(level, ctx.lang, t))
    nerve = root(level)
    with st.container(border=True, key="walk-root-facts"):
        st.subheader(t(f"{K}.leg_map.title", level=level))
        st.markdown(f"**{t(f'{S}.areas_label')}:** {t(nerve.areas_key)}  \n"
                    f"**{t(f'{S}.weakness_label')}:** {t(nerve.weakness_key)}  \n"
                    f"**{t(f'{S}.reflex_label')}:** {t(nerve.reflex_key)}")
        st.caption(t(f"{S}.reflex_explain"))

elif step_id == "compare":
    st.markdown(t(f"{S}.intro"))
    head = st.columns(2, gap="medium")
    with head[0], st.container(key="walk-cmp-head-ordinary"):
        st.subheader(f":material/fitness_center: {t(f'{S}.ordinary_title')}")
    with head[1], st.container(key="walk-cmp-head-disc"):
        st.subheader(f":material/radio_button_checked: {t(f'{S}.disc_title')}")
    for row in t.keys(f"{S}.rows"):
        name = row.rsplit(".", 1)[1]
        st.markdown(f'<p class="walk-row-label">{t(row)}</p>', unsafe_allow_html=True)
        cells = st.columns(2, gap="medium")
        for column, kind in zip(cells, ("ordinary", "disc")):
            with column, st.container(border=True, key=f"walk-cmp-{kind}-{name}"):
                st.markdown(t(f"{S}.{kind}.{name}"))

elif step_id == "timeline":
    st.markdown(t(f"{S}.intro"))
    st.info(t(f"{K}.illustration"), icon=":material/info:")
    bath = st.session_state.get(walk.WALK_BATH_DAY, 0)
    treat = st.session_state.get(walk.WALK_TREAT_DAY, 0)
    choice_row(walk.WALK_BATH_DAY, t(f"{S}.bath_label"), BATH_DAYS, bath,
               lambda d: t(f"{S}.day", day=d) if d else t(f"{S}.no_bath"))
    choice_row(walk.WALK_TREAT_DAY, t(f"{S}.treat_label"), TREAT_DAYS, treat,
               lambda d: t(f"{S}.day", day=d) if d else t(f"{S}.no_treat"))
    spec, summary = _timeline(bath, treat, ctx.lang, t)
    st.vega_lite_chart(spec, width="stretch")
    st.markdown("\n".join(f"- {line}" for line in summary))
    st.caption(t(f"{S}.heat_source"))

elif step_id == "outlook":
    st.markdown(t(f"{S}.intro"))
    with st.container(border=True, key="walk-outlook-month"):
        st.markdown(t(f"{S}.month"))
        sources("pengel2003")
    with st.container(border=True, key="walk-outlook-scores"):
        st.markdown(t(f"{S}.scores_intro"))
        with st.container(horizontal=True, key="walk-scores"):
            for label, score in walk.COSTA_PAIN_SCORES:
                st.metric(t(f"{S}.{label}"), score)
        sources(walk.COSTA_SOURCE)
    with st.container(border=True, key="walk-outlook-back"):
        st.markdown(t(f"{S}.comes_back"))
        sources("pengel2003")
    with st.container(border=True, key="walk-outlook-sciatica"):
        st.markdown(t(f"{S}.sciatica"))
        sources("koes2007")
    with st.container(border=True, key="walk-outlook-shrink"):
        st.markdown(f"{t(f'{S}.shrink')} {t(f'{S}.shrink_types')}")
        sources("wang2020", "chiu2015")
    st.subheader(t(f"{S}.next_heading"))
    with st.container(key="walk-next-links"):
        links = st.columns(2, gap="medium")
        with links[0]:
            page_link(ctx, "self_check", t(f"{S}.check_link"), icon=":material/checklist:", width="stretch")
        with links[1]:
            page_link(ctx, "care", t(f"{S}.care_link"), icon=":material/spa:", width="stretch")

if step_id != "outlook":
    sources(*walk.STEP_SOURCES[step_id])

with st.container(key="walk-nav", horizontal=True):
    st.button(t(f"{K}.back"), key="walk_back", icon=":material/arrow_back:", disabled=step == 1,
              on_click=_go, args=(walk.previous_step(step),))
    st.space("stretch")
    if step < walk.step_count():
        st.button(t(f"{K}.next"), key="walk_next", icon=":material/arrow_forward:", icon_position="right",
                  type="primary", on_click=_go, args=(walk.next_step(step),))
    else:
        st.button(t(f"{K}.start_again"), key="walk_restart", icon=":material/replay:", type="primary",
                  on_click=_go, args=(1,))

footer(ctx)
