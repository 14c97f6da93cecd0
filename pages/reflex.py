"""Why muscles tighten (/reflex): the stretch reflex as a model the person controls (issue 3)."""
import streamlit as st
from streamlit import dataframe_util

from explainer.chart_specs import stable_spec
from explainer.physiology import DEFAULT_DISTANCE, DEFAULT_SPEED, Distance, Speed
from explainer.reflex_arc import STAGE_COUNT, reflex_arc_svg
from explainer.reflex_charts import (
    CHOICE_HOST,
    CHOICE_EVENT,
    CHOICE_SEPARATOR,
    SLOT_ATTRIBUTE,
    all_choice_texts,
    all_runs,
    chart_views,
    choice_id,
    choices_note,
    latency_note,
    slot,
)
from explainer.sitemap import available_parts
from ui.instant import instant_choice
from ui.nav import page_link
from ui.shell import footer, setup

# Plain session keys (not widget keys): the choice survives a visit to another page.
SPEED_KEY, DISTANCE_KEY, STAGE_KEY = "reflex_speed", "reflex_distance", "reflex_stage"


@st.cache_resource(show_spinner=False, max_entries=4)
def _charts(lang: str, _t) -> list[tuple[str, dict]]:
    """The three chart specs of one language, each carrying all nine choices:
    built once per language. Shared, never copied: Streamlit only makes a
    shallow copy of a spec, and the datasets are Arrow bytes already (which
    it passes on as they are), so a rerun does no data conversion."""
    charts = []
    for view in chart_views(all_runs(), _t):
        spec = stable_spec(view.chart.to_dict(), view.name)
        spec["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(rows) for name, rows in spec["datasets"].items()}
        charts.append((view.name, spec))
    return charts


@st.cache_resource(show_spinner=False, max_entries=4)
def _texts(lang: str, _t) -> dict:
    """The words that change with the choice, for all nine choices of one language."""
    return all_choice_texts(_t)


def _keep(widget_key: str, plain_key: str) -> None:
    """Copy a control's choice to its plain key; a tap on the chosen option changes nothing."""
    value = st.session_state.get(widget_key)
    if value is None:
        st.session_state[widget_key] = st.session_state[plain_key]
    else:
        st.session_state[plain_key] = value


def _set_stage(number: int) -> None:
    st.session_state[STAGE_KEY] = number


def _next_stage() -> None:
    st.session_state[STAGE_KEY] = st.session_state[STAGE_KEY] % STAGE_COUNT + 1


def _choice(label: str, options, plain_key: str, default, names: dict) -> str:
    st.session_state.setdefault(plain_key, default.value)
    st.segmented_control(
        label,
        [o.value for o in options],
        default=st.session_state[plain_key],
        format_func=names.get,
        key=f"{plain_key}_control",
        on_change=_keep,
        args=(f"{plain_key}_control", plain_key),
        required=True,
        width="stretch",
    )
    return st.session_state[plain_key]


ctx = setup("reflex")
t = ctx.t

st.title(t("reflex.title"))
for line in t.items("reflex.intro"):
    st.markdown(line)

@st.fragment
def model_view() -> None:
    """Controls, story, charts and reflex arc. A tap here reruns only this part
    (not the top bar, intro and footer): less server work and fewer updates for
    the browser to draw, which is most of a tap's latency on a kiosk (bench/)."""
    with st.container(key="reflex-controls", border=True):
        st.markdown(f"**{t('reflex.try_it')}**")
        speed = _choice(t("reflex.speed_label"), Speed, SPEED_KEY, DEFAULT_SPEED, {s.value: t(f"reflex.speed.{s.value}") for s in Speed})
        distance = _choice(t("reflex.distance_label"), Distance, DISTANCE_KEY, DEFAULT_DISTANCE, {d.value: t(f"reflex.distance.{d.value}") for d in Distance})
        st.caption(choices_note(t))

    choice = choice_id(speed, distance)
    table = _texts(ctx.lang, t)
    words, kinds = table[choice]["text"], table[choice]["kind"]
    # Taps on the two controls are answered in the browser first (ui/instant.py).
    instant_choice(
        key="reflex_instant",
        groups=[(f"{SPEED_KEY}_control", [s.value for s in Speed]), (f"{DISTANCE_KEY}_control", [d.value for d in Distance])],
        current=choice,
        separator=CHOICE_SEPARATOR,
        host=CHOICE_HOST,
        event=CHOICE_EVENT,
        slot_attribute=SLOT_ATTRIBUTE,
        texts=table,
    )
    with st.container(key="reflex-story", border=True):
        st.subheader(t("reflex.story.heading"))
        st.markdown(f"{slot('pull', words['pull'], tag='strong')} {slot('firing', words['firing'])}", unsafe_allow_html=True)
        st.markdown(
            slot("outcome", words["outcome"], tag="p", kind=kinds["outcome"], css_class="reflex-outcome", live=True), unsafe_allow_html=True
        )

    with st.container(key="reflex-charts"):
        def chart(name: str, spec: dict) -> None:
            summary = words[f"summary-{name}"]
            st.vega_lite_chart(spec, width="stretch", key=f"reflex_chart_{name}", alt=summary)
            st.caption(slot(f"summary-{name}", summary), unsafe_allow_html=True)

        (first, *others) = _charts(ctx.lang, t)
        chart(*first)
        for column, (name, spec) in zip(st.columns(2, gap="medium"), others):
            with column:
                chart(name, spec)
        st.caption(f"{t('reflex.honest.illustration')} {t('reflex.honest.model')}")

    st.header(t("reflex.path.heading"))
    st.session_state.setdefault(STAGE_KEY, STAGE_COUNT)
    stage = st.session_state[STAGE_KEY]
    with st.container(key="reflex-path"):
        st.markdown(t("reflex.path.show_label"))
        with st.container(horizontal=True, vertical_alignment="center", key="reflex-steps"):
            for number, name in enumerate(t.items("reflex.path.stage_names"), start=1):
                st.button(
                    name,
                    key=f"reflex_stage_{number}",
                    type="primary" if number == stage else "secondary",
                    on_click=_set_stage,
                    args=(number,),
                )
            st.button(t("reflex.path.next"), key="reflex_next_stage", icon=":material/arrow_forward:", on_click=_next_stage)
        st.markdown(reflex_arc_svg(t, stage), unsafe_allow_html=True)
        steps = (slot(f"stage-{n}", words[f"stage-{n}"]) for n in range(1, STAGE_COUNT + 1))
        st.markdown(
            "\n".join(f"{n}. **{text}**" if n == stage else f"{n}. {text}" for n, text in enumerate(steps, start=1)),
            unsafe_allow_html=True,
        )
        st.caption(f"{latency_note(t)} {t('reflex.ms_note')}")


model_view()

with st.container(key="reflex-back", border=True):
    st.header(t("reflex.back.heading"))
    for line in t.items("reflex.back.text"):
        st.markdown(line)
    if any(part.id == "spasm_or_disc" for part in available_parts()):
        page_link(ctx, "spasm_or_disc", t("reflex.back.next_link"), icon=":material/arrow_forward:")

st.caption(t("reflex.honest.sources"))
footer(ctx)
