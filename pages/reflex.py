"""Why muscles tighten (/reflex): the stretch reflex as a model the person controls.

Plain layer first: one picture (the muscle, its spindle and the signal path,
with a slow-motion replay), the two choices, the signal path's steps, and two
short paragraphs. The numbers (story with figures, charts, model notes) sit
behind "See the numbers": closed on a kiosk, open in staff mode. The sources
sit behind "Where this comes from".
"""
import streamlit as st
from streamlit import dataframe_util

from explainer.common.captions import ChartKind, chart_caption
from explainer.common.chart_specs import stable_spec
from explainer.common.escape import html_text, markdown_text
from explainer.reflex.charts import chart_views
from explainer.reflex.choices import (
    CHOICE_EVENT,
    CHOICE_HOST,
    CHOICE_SEPARATOR,
    CURSOR_EVENT,
    CURSOR_HOST,
    all_runs,
    choice_id,
)
from explainer.common.sitemap import available_parts
from explainer.common.slots import html_block, slot
from explainer.common.sources import load_sources
from explainer.reflex.figure import STAGE_COUNT, figure_svg, geometry_payload, place
from explainer.reflex.model import DEFAULT_DISTANCE, DEFAULT_SPEED, LATENCY_SOURCES, SPINDLE_SOURCE, Distance, Speed
from explainer.reflex.replay import SLOWDOWN, all_payloads, replay_of
from explainer.reflex.words import all_choice_texts, choices_note, latency_note
from ui import journey
from ui.instant import instant_choice
from ui.layout import teach
from ui.nav import page_link
from ui.replay import reflex_replay, replay_markup
from ui.shell import footer, setup

# Plain session keys (not widget keys): the choice survives a visit to another page.
SPEED_KEY, DISTANCE_KEY, STAGE_KEY = "reflex_speed", "reflex_distance", "reflex_stage"
#: Sources of this page, in the order "Where this comes from" lists them
#: (hodges2011: lasting guarding around a sore back is driven by pain).
PAGE_SOURCES = (SPINDLE_SOURCE, *LATENCY_SOURCES, "hodges2011")


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


@st.cache_resource(show_spinner=False, max_entries=4)
def _replay_words(lang: str, _t) -> dict:
    """The replay's words of one language: button labels, phase captions, description."""
    t = _t
    names = t.items("reflex.path.stage_names")
    return {
        "labels": {
            **{key: t(f"reflex.replay.{key}") for key in ("watch", "again", "next", "sound", "ghost")},
            "slowed": t("reflex.replay.slowed", times=SLOWDOWN),
            "step": t("reflex.replay.step"),  # ui/replay.js fills in {step} and {count}
        },
        "captions": {key: t(f"reflex.replay.phase.{key}") for key in ("stretch", "tighten_strong", "tighten_calm", "end_saved", "end_safe", "end_calm")},
        "desc": t("reflex.figure.desc"),
        "stage_lit": [t("reflex.figure.stage_lit", step=n, stage=names[n - 1]) for n in range(1, STAGE_COUNT + 1)],
        "step_texts": t.items("reflex.path.plain"),
    }


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


def _stage_buttons(stage: int) -> None:
    st.markdown(f"**{t('reflex.path.show_label')}**")
    with st.container(horizontal=True, vertical_alignment="center", key="reflex-steps"):
        for number, name in enumerate(t.items("reflex.path.stage_names"), start=1):
            st.button(
                name,
                key=f"reflex_stage_{number}",
                type="primary" if number == stage else "secondary",
                on_click=_set_stage,
                args=(number,),
            )
        # On the last step the button says where it goes (back to step 1), never a silent wrap.
        last = stage == STAGE_COUNT
        st.button(t("reflex.path.again" if last else "reflex.path.next"), key="reflex_next_stage",
                  icon=":material/replay:" if last else ":material/arrow_forward:", on_click=_next_stage)
    # A slot the replay (ui/replay.js) keeps in step with the stage its picture shows.
    st.markdown(f'<p class="reflex-step-words">{html_text(t.items("reflex.path.plain")[stage - 1])}</p>', unsafe_allow_html=True)


@st.cache_resource(show_spinner=False, max_entries=64)
def _markup(lang: str, choice: str, stage: int, _t) -> str:
    """The replay's HTML: the picture at the last moment of ``choice``, with
    stages 1..``stage`` lit (the browser moves it from there)."""
    words = _replay_words(lang, _t)
    replay = replay_of(choice)
    svg = figure_svg(_t, replay.final_moment, stage, outcome=words["captions"][replay.phases[-1].caption_key])
    return replay_markup(svg, words["labels"], lang, ghost_shown=place(replay.final_moment).ghost_shown)


def _replay(choice: str, stage: int) -> None:
    words = _replay_words(ctx.lang, t)
    reflex_replay(
        key="reflex_replay",
        markup=_markup(ctx.lang, choice, stage, t),
        markup_key=f"{ctx.lang}:{stage}",
        data={
            "replays": all_payloads(),
            "captions": words["captions"],
            "labels": words["labels"],
            "desc": words["desc"],
            "stage_lit": words["stage_lit"],
            "step_texts": words["step_texts"],
            "step_text": ".st-key-reflex-path .reflex-step-words",
            "choice": choice,
            "stage": stage,
            "geometry": geometry_payload(),
            "slowdown": SLOWDOWN,
            "sound": ctx.staff,  # on by default in staff mode, off on a kiosk
            "host": CHOICE_HOST,
            "event": CHOICE_EVENT,
            "cursor_host": CURSOR_HOST,
            "cursor_event": CURSOR_EVENT,
            "charts": ".st-key-reflex-charts",
            "steps_box": ".st-key-reflex-steps",
            "stage_button": ".st-key-reflex_stage_{n} button",
        },
    )


def _numbers(words: dict, kinds: dict, stage: int) -> None:
    """The story in figures, the three charts and the model's honest notes."""
    with st.container(key="reflex-story"):
        # Slots sit in HTML blocks, where Markdown reads nothing (explainer.common.slots.html_block).
        st.markdown(html_block(f"<p>{slot('pull', words['pull'], tag='strong')} {slot('firing', words['firing'])}</p>"),
                    unsafe_allow_html=True)
        st.markdown(
            html_block(slot("outcome", words["outcome"], tag="p", kind=kinds["outcome"], css_class="reflex-outcome", live=True)),
            unsafe_allow_html=True,
        )
        st.caption(choices_note(t))
    with st.container(key="reflex-charts"):
        for name, spec in _charts(ctx.lang, t):
            summary = words[f"summary-{name}"]
            # The alt text is the chart's title, the same for every choice: Streamlit re-embeds
            # a chart whose element changed in any way (Vega then builds every mark again),
            # so a choice's own summary in it made the rerun after an instant answer redraw
            # the charts. That summary is the caption right below (a slot the browser updates).
            st.vega_lite_chart(spec, width="stretch", key=f"reflex_chart_{name}", alt=t(f"reflex.chart.{name}_title"))
            st.caption(html_block(f"<p>{slot(f'summary-{name}', summary)}</p>"), unsafe_allow_html=True)
        st.caption(f"{chart_caption(ChartKind.ILLUSTRATION, t)} {t('reflex.honest.model')}")
    with st.container(key="reflex-path-numbers"):
        st.markdown(f"**{t('reflex.path.heading')}**")
        steps = (slot(f"stage-{n}", words[f"stage-{n}"]) for n in range(1, STAGE_COUNT + 1))
        st.markdown(
            html_block("<ol>" + "".join(f"<li><strong>{text}</strong></li>" if n == stage else f"<li>{text}</li>"
                                        for n, text in enumerate(steps, start=1)) + "</ol>"),
            unsafe_allow_html=True,
        )
        st.caption(f"{latency_note(t)} {t('reflex.ms_note')}")


@st.fragment
def model_view() -> None:
    """Choices, picture, signal path and numbers. A tap here reruns only this
    part (not the top bar, paragraphs and footer): less server work and fewer
    updates for the browser to draw, which is most of a tap's latency."""
    st.session_state.setdefault(STAGE_KEY, STAGE_COUNT)
    stage = st.session_state[STAGE_KEY]
    controls, figure = teach("reflex-model")
    with controls:
        # The explanation sits with the controls (first in portrait; after the
        # controls on a landscape tablet, reflex.css), so the picture starts
        # high enough to fit on screen beside them.
        with st.container(key="reflex-intro"):
            st.markdown(t("reflex.intro"))
        with st.container(key="reflex-controls"):
            st.markdown(f"**{t('reflex.try_it')}**")
            speed = _choice(t("reflex.speed_label"), Speed, SPEED_KEY, DEFAULT_SPEED, {s.value: t(f"reflex.speed.{s.value}") for s in Speed})
            distance = _choice(t("reflex.distance_label"), Distance, DISTANCE_KEY, DEFAULT_DISTANCE, {d.value: t(f"reflex.distance.{d.value}") for d in Distance})
        with st.container(key="reflex-path"):
            _stage_buttons(stage)

    choice = choice_id(speed, distance)
    table = _texts(ctx.lang, t)
    # Taps on the two controls are answered in the browser first (ui/instant.py).
    instant_choice(
        key="reflex_instant",
        groups=[(f"{SPEED_KEY}_control", [s.value for s in Speed]), (f"{DISTANCE_KEY}_control", [d.value for d in Distance])],
        current=choice,
        separator=CHOICE_SEPARATOR,
        host=CHOICE_HOST,
        event=CHOICE_EVENT,
        texts=table,
    )
    with figure:
        with st.container(key="reflex-picture"):
            _replay(choice, stage)
        # Under the picture, always in view: the picture's tearing zone and pull-back are made up.
        with st.container(key="reflex-made-up"):
            st.caption(t("reflex.figure.made_up"))
        with st.container(key="reflex-numbers"):
            with st.expander(t("reflex.numbers.open"), expanded=ctx.staff, icon=":material/bar_chart:"):
                _numbers(table[choice]["text"], table[choice]["kind"], stage)


model_view()

with st.container(key="reflex-back"):
    st.subheader(t("reflex.back.heading"))
    st.markdown(t("reflex.back.text"))
    # One way on: on the "Start here" path the footer's "Next part" is it.
    if not journey.on_path("reflex") and any(part.id == "spasm_or_disc" for part in available_parts()):
        page_link(ctx, "spasm_or_disc", t("reflex.back.next_link"), icon=":material/arrow_forward:")

with st.container(key="reflex-sources"):
    with st.expander(t("reflex.sources.open"), icon=":material/menu_book:"):
        by_id = {source.id: source for source in load_sources()}
        for source_id in PAGE_SOURCES:
            st.markdown(
                f"- {markdown_text(by_id[source_id].citation)}  \n"
                f"  *{t('sources.supports_label')}:* {markdown_text(t(f'sources.supports.{source_id}'))}"
            )
footer(ctx)
