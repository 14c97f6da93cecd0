"""Spasm or disc? A step-by-step walkthrough with Next and Back.

Step and nerve level live in plain session keys (explainer.disc.walkthrough explains
why); ``?step=`` / ``?level=`` seed them. The story the person's pain points to
(``walk_story``, set by the body map) is shown first. In kiosk mode no level
code (L4, L5, S1) is shown anywhere: the nerve is named by the part of the leg
it goes to. On a landscape tablet each figure sits beside its controls
(ui.layout.teach).
"""
import streamlit as st
from streamlit import dataframe_util

from explainer.common.chart_specs import stable_spec
from explainer.common.escape import html_text, markdown_text as md
from explainer.common.params import NERVE_LEVELS
from explainer.disc import walkthrough as walk
from explainer.disc.body_map import SIDE_KEY
from explainer.disc.leg_map import leg_map_svg
from explainer.disc.nerve_roots import as_sentence, root
from explainer.common.recovery import (
    PENGEL_2003_FIRST_MONTH_FALL_PERCENT,
    PENGEL_2003_RECURRENCE_PER_100,
    WANG_2020_REGRESSION_PER_100,
)
from explainer.common.slots import SLOT_ATTRIBUTE, html_block, slot
from explainer.disc.charts import (
    COMBO_SEPARATOR,
    TIMELINE_EVENT,
    TIMELINE_HOST,
    all_summary_texts,
    combo_id,
    timeline_caption,
    timeline_chart,
)
from explainer.disc.spine_diagram import spine_svg
from explainer.disc.timeline import BATH_DAYS, CARE_DAYS
from ui import journey
from ui.instant import instant_choice
from ui.layout import teach
from ui.nav import page_link
from ui.scroll import start_at_top
from ui.shell import footer, setup
from ui.where_from import citations, where_from

ctx = setup("spasm_or_disc")
t = ctx.t
K = "spasm_or_disc"
#: Level codes (L4, L5, S1) only for staff; a patient at the kiosk sees places on the leg.
CODES = ctx.staff
#: Controls column : figure column on a landscape tablet. The figure gets two thirds, so
#: the diagrams' labels stay about 16 px (the leg map is drawn about 740 px wide).
FIGURE_RATIO = (1, 2)

# Which step and level: session first; a new ?step= / ?level= seeds it. Then keep the URL in step.
st.session_state.update(walk.resolve(st.session_state, st.query_params.get("step"), st.query_params.get("level")))
for param, key in (("step", walk.WALK_SEEN_STEP), ("level", walk.WALK_SEEN_LEVEL)):
    if st.query_params.get(param) != st.session_state[key]:
        st.query_params[param] = st.session_state[key]
step = st.session_state[walk.WALK_STEP]
level = st.session_state[walk.WALK_LEVEL]
step_id = walk.step_id(step)
S = f"{K}.steps.{step_id}"
ORDER = walk.story_order(st.session_state)
CHOSEN = walk.chosen_story(st.session_state)
start_at_top(f"walk:{step}")  # after Next or Back the new step opens at its heading


def _go(to: int) -> None:
    st.session_state[walk.WALK_STEP] = to


def _keep(widget_key: str, plain_key: str) -> None:
    """Copy a control's choice to its plain key; a tap on the chosen option changes nothing."""
    value = st.session_state.get(widget_key)
    if value is None:
        st.session_state[widget_key] = st.session_state[plain_key]
        return
    st.session_state[plain_key] = value
    if plain_key == walk.WALK_LEVEL:  # a fragment rerun skips the page top, which keeps the URL in step
        st.session_state[walk.WALK_SEEN_LEVEL] = value
        st.query_params["level"] = value


#: The leg the person tapped on the body map (explainer.disc.body_map): both pictures show that side.
SIDE = st.session_state.get(SIDE_KEY, "right")


#: The two level pictures: the spine (step 2) and the leg map (step 3).
DRAW = {"spine": spine_svg, "legmap": leg_map_svg}


@st.cache_resource(show_spinner=False, max_entries=16)
def _pictures(view: str, lang: str, codes: bool, side: str, _t) -> str:
    """Every level's picture of one view, each in its marked box, in the order of NERVE_LEVELS:
    the same markup for every level chosen (one string, shared: a rerun copies nothing)."""
    return "".join(f'<div data-level="{level_mark(code)}">{DRAW[view](code, _t, codes=codes, side=side)}</div>'
                   for code in NERVE_LEVELS).replace("\n", "")


@st.cache_resource(show_spinner=False, max_entries=8)
def _timeline(first: str, lang: str, _t) -> tuple[dict, dict]:
    """The chart's Vega-Lite spec, carrying every bath/care combination (the browser shows the
    one chosen), and every combination's summary: built once per language and story order.
    Shared, never copied: Streamlit only makes a shallow copy of a spec, and the datasets are
    Arrow bytes already (which it passes on as they are), so a rerun does no data conversion."""
    spec = stable_spec(timeline_chart(_t, first=first).to_dict(), "timeline")
    spec["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(rows) for name, rows in spec["datasets"].items()}
    return spec, all_summary_texts(_t, first=first)


#: The nerve's facts beside the leg map, in order (each a label, and the root's text of that name).
FACTS = ("areas", "weakness", "reflex")


@st.cache_resource(show_spinner=False, max_entries=8)
def _root_facts(lang: str, codes: bool, _t) -> dict[str, dict[str, str]]:
    """The facts box's words for every level (slot name -> text): its title, then each fact as
    a sentence. Staff see the level's code in the title; a patient at the kiosk never does."""
    out = {}
    for code in NERVE_LEVELS:
        nerve = root(code)
        words = {"walk-facts-title": _t(f"{K}.leg_map.title", level=code) if codes else _t(f"{K}.steps.leg_map.facts_title")}
        for label in FACTS:
            words[f"walk-facts-{label}"] = as_sentence(_t(getattr(nerve, f"{label}_key")))
        out[code] = words
    return out


def sources(ids, key: str) -> None:
    where_from(t(f"{K}.where_from"), t(f"{K}.where_from_intro"), ids, key=f"walk-{key}")


def choice(label: str, options, plain_key: str, default, name) -> object:
    """One large segmented control (the app-wide look: tick and border on the chosen option).
    Its value lives in a plain session key, so it survives a visit to another page."""
    value = st.session_state.get(plain_key, default)
    if value not in options:
        value = default
    widget_key = f"{plain_key}_control"
    st.session_state[plain_key] = st.session_state[widget_key] = value
    with st.container(key=f"walk-choice-{plain_key}"):
        st.segmented_control(label, options, format_func=name, key=widget_key, on_change=_keep,
                             args=(widget_key, plain_key), required=True, width="stretch")
    return value


def level_name(code: str) -> str:
    place = t(root(code).place_key)
    return t(f"{K}.level.staff_option", level=code, place=place) if CODES else place


#: The nerve level's picture: a slot whose data-kind is the level shown. It holds every level's
#: picture, and walkthrough.css shows only the one whose data-level matches, so a tap on a level
#: shows its picture at once (ui/instant.js sets the kind) before the server's rerun.
LEVEL_FIGURE_SLOT = "walk-level-figure"
#: The body carries the level shown (ui/instant.js); no chart listens to this event.
LEVEL_HOST, LEVEL_EVENT, LEVEL_SEPARATOR = "body", "walklevel", "|"


def level_choice() -> str:
    label = t(f"{K}.level.label") if CODES else t(f"{K}.level.label_plain")
    return choice(label, NERVE_LEVELS, walk.WALK_LEVEL, walk.DEFAULT_LEVEL, level_name)


def level_diagram(key: str, level: str) -> None:
    """Every level's picture of view ``key`` (``_pictures``), the chosen one shown. The pictures
    stay the same for every choice: after a tap, the rerun only changes the wrapper's
    data-kind, which the browser has already set."""
    # st.markdown, not st.html: st.html's sanitiser drops inline SVG (checked on 1.67).
    with st.container(key=f"walk-diagram-{key}"):
        html(f'<div class="walk-level-figure" {SLOT_ATTRIBUTE}="{LEVEL_FIGURE_SLOT}" data-kind="{level_mark(level)}">'
             + _pictures(key, ctx.lang, CODES, SIDE, t) + "</div>")


def level_mark(code: str) -> str:
    """A level's mark in the page's markup: its place in NERVE_LEVELS ("level-1"), never its
    code, so no level code is anywhere in a kiosk page, not even in an attribute."""
    return f"level-{NERVE_LEVELS.index(code) + 1}"


def instant_level(level: str, texts: dict) -> None:
    """Taps on the level control are answered in the browser first (ui/instant.py): the picture
    and the words of ``texts`` (slot name -> text, per level) change before the rerun."""
    instant_choice(
        key="walk_level_instant",
        groups=[(f"{walk.WALK_LEVEL}_control", list(NERVE_LEVELS))],
        current=level,
        separator=LEVEL_SEPARATOR,
        host=LEVEL_HOST,
        event=LEVEL_EVENT,
        texts={code: {"text": texts.get(code, {}), "kind": {LEVEL_FIGURE_SLOT: level_mark(code)}} for code in NERVE_LEVELS},
    )


def your_story_mark(story: str) -> str:
    """The words that set apart the story the person's answers point to ('' when none)."""
    if CHOSEN != story:
        return ""
    return f'<p class="walk-your-story">{html_text(t(f"{K}.your_story"))}</p>'


def html(markup: str) -> None:
    """Raw HTML as one Markdown HTML block (``html_block``): Markdown reads nothing in it."""
    st.markdown(html_block(markup), unsafe_allow_html=True)


def bullets(items) -> str:
    return "\n".join(f"- {md(item)}" for item in items)


# The three teaching views: a tap on their controls reruns only the view (st.fragment),
# not the page's top bar, head and footer: less server work and fewer updates to draw.
@st.fragment
def spine_view() -> None:
    controls, figure = teach("walk-spine", FIGURE_RATIO)
    with controls:
        level = level_choice()
        st.markdown(bullets(t.items(f"{S}.points")))
    instant_level(level, {})
    with figure:
        level_diagram("spine", level)


@st.fragment
def leg_map_view() -> None:
    controls, figure = teach("walk-legmap", FIGURE_RATIO)
    with controls:
        st.markdown(md(t(f"{S}.intro")))
        level = level_choice()
        texts = _root_facts(ctx.lang, CODES, t)
        with st.container(border=True, key="walk-root-facts"):
            words = texts[level]
            html(f"<h3>{slot('walk-facts-title', words['walk-facts-title'])}</h3>")
            html("<p>" + "<br>".join(f"<strong>{html_text(t(f'{S}.{label}_label'))}:</strong> "
                                           f"{slot(f'walk-facts-{label}', words[f'walk-facts-{label}'])}" for label in FACTS) + "</p>")
            st.caption(md(t(f"{S}.reflex_explain")))
    instant_level(level, texts)
    with figure:
        level_diagram("legmap", level)


@st.fragment
def timeline_view() -> None:
    controls, figure = teach("walk-timeline", FIGURE_RATIO)
    with controls:
        def day_name(none_key: str):
            return lambda d: t(f"{S}.day", day=d) if d else t(f"{S}.{none_key}")

        bath = choice(t(f"{S}.bath_label"), BATH_DAYS, walk.WALK_BATH_DAY, 0, day_name("no_bath"))
        care = choice(t(f"{S}.care_label"), CARE_DAYS, walk.WALK_CARE_DAY, 0, day_name("no_care"))
    spec, texts = _timeline(ORDER[0], ctx.lang, t)
    combo = combo_id(bath, care)
    # Taps on the two day controls are answered in the browser first (ui/instant.py): the
    # chart shows the tapped days and the summary's sentences change before the rerun.
    instant_choice(
        key="walk_timeline_instant",
        groups=[(f"{walk.WALK_BATH_DAY}_control", [str(d) for d in BATH_DAYS]),
                (f"{walk.WALK_CARE_DAY}_control", [str(d) for d in CARE_DAYS])],
        current=combo,
        separator=COMBO_SEPARATOR,
        host=TIMELINE_HOST,
        event=TIMELINE_EVENT,
        texts=texts,
    )
    with controls, st.container(key="walk-timeline-summary"):
        st.markdown(md(t(f"{S}.care_means")))
        html("<ul>" + "".join(f"<li>{slot(name, text)}</li>" for name, text in texts[combo]["text"].items()) + "</ul>")
    with figure, st.container(key="walk-timeline-chart"):
        with st.container(key="walk-timeline-plot"):
            # The alt text is the chart's title, the same for every choice: Streamlit re-embeds a
            # chart whose element changed in any way (Vega builds every mark again) instead of
            # swapping its data. The summary is the list beside the chart.
            st.vega_lite_chart(spec, width="stretch", height="stretch", key="walk_timeline_chart",
                               alt=t(f"{S}.chart.title"))
        st.caption(md(timeline_caption(t)))


with st.container(key="walk-head"):
    st.title(t(f"{K}.title"))
    st.progress(step / walk.step_count(), text=t(f"{K}.step_of", n=step, total=walk.step_count()))
    st.header(t(f"{S}.heading"))

# The step itself, in one container: while a tap on Back or Next changes the step, the browser
# keeps it unseen until the new step is drawn whole (ui/first_paint.js), so nothing on the
# screen slides while Streamlit lays out the new step element by element.
with st.container(key="walk-body"):
    if step_id == "two_ways":
        st.markdown(md(t(f"{S}.intro")))
        cards = st.columns(2, gap="medium")
        kinds = {"ordinary": ("strain", ":material/fitness_center:"), "disc": ("disc", ":material/stacks:")}
        for number, (column, story) in enumerate(zip(cards, ORDER), start=1):
            kind, icon = kinds[story]
            with column, st.container(border=True, key=f"walk-way-{kind}"):
                mark = your_story_mark(story)
                if mark:
                    st.markdown(mark, unsafe_allow_html=True)
                st.subheader(f"{icon} {number}. {t(f'{S}.{kind}_title')}")
                st.markdown(bullets(t.items(f"{S}.{kind}_text")))
        st.markdown(f"**{md(t(f'{S}.outro'))}**")
        sources(walk.STEP_SOURCES[step_id], step_id)

    elif step_id == "spine":
        spine_view()
        sources(walk.STEP_SOURCES[step_id], step_id)

    elif step_id == "leg_map":
        leg_map_view()
        sources(walk.STEP_SOURCES[step_id], step_id)

    elif step_id == "compare":
        st.markdown(md(t(f"{S}.intro")))
        # One table: each row's two boxes are cells of one table row, so they always have the
        # same height; the story the person's pain points to comes first and is marked.
        def cell_class(story: str) -> str:
            return f"walk-cmp-{story}" + (" walk-cmp-chosen" if CHOSEN == story else "")

        head = "".join(f'<th scope="col" class="{cell_class(story)}">{your_story_mark(story)}'
                       f'<span>{html_text(t(f"{S}.{story}_title"))}</span></th>' for story in ORDER)
        rows = []
        for row in t.keys(f"{S}.rows"):
            name = row.rsplit(".", 1)[1]
            rows.append(f'<tr class="walk-cmp-label"><th colspan="2" scope="colgroup">{html_text(t(row))}</th></tr>')
            rows.append("<tr>" + "".join(f'<td class="{cell_class(story)}" data-row="{name}">{html_text(t(f"{S}.{story}.{name}"))}</td>'
                                         for story in ORDER) + "</tr>")
        with st.container(key="walk-compare"):
            st.markdown(f'<table class="walk-cmp"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>',
                        unsafe_allow_html=True)
        sources(walk.STEP_SOURCES[step_id], step_id)

    elif step_id == "timeline":
        st.markdown(md(t(f"{S}.intro")))
        timeline_view()
        sources(walk.STEP_SOURCES[step_id], step_id)

    elif step_id == "outlook":
        st.markdown(md(t(f"{S}.intro")))
        # Three numbers on screen, each with what it means; the rest behind "More numbers".
        numbers = {
            "month": t(f"{S}.month_value", percent=PENGEL_2003_FIRST_MONTH_FALL_PERCENT),
            "shrink": t(f"{S}.shrink_value", n=WANG_2020_REGRESSION_PER_100),
            "comes_back": t(f"{S}.comes_back_value", n=PENGEL_2003_RECURRENCE_PER_100),
        }
        shown = ("shrink", "month", "comes_back") if ORDER[0] == "disc" else ("month", "comes_back", "shrink")
        with st.container(key="walk-numbers", horizontal=True):
            for name in shown:
                with st.container(border=True, key=f"walk-number-{name}"):
                    st.markdown(f'<p class="walk-number">{html_text(numbers[name])}</p>', unsafe_allow_html=True)
                    st.markdown(md(t(f"{S}.{name}_meaning")))
        with st.container(border=True, key="walk-outlook-sciatica"):
            st.markdown(md(t(f"{S}.sciatica_short")))
        sources(walk.OUTLOOK_SOURCES["numbers"], "outlook-numbers")
        with st.container(key="walk-more"):
            with st.expander(t(f"{S}.more"), icon=":material/add_circle:"):
                st.markdown(md(t(f"{S}.scores_intro")))
                with st.container(horizontal=True, key="walk-scores"):
                    for label, score in walk.COSTA_PAIN_SCORES:
                        st.metric(t(f"{S}.{label}"), score)
                st.markdown(md(t(f"{S}.sciatica")))
                st.markdown(md(t(f"{S}.shrink_types")))
                with st.container(key="walk-more-sources"):  # expanders do not nest: the citations as text
                    st.markdown(f"**{md(t(f'{K}.where_from'))}**")
                    st.markdown(citations(t(f"{K}.where_from_intro"), walk.OUTLOOK_SOURCES["more"]), unsafe_allow_html=True)
        st.subheader(t(f"{S}.next_heading"))
        with st.container(key="walk-next-links"):
            page_link(ctx, "care", t(f"{S}.care_link"), icon=":material/spa:", width="stretch")


# "Next part" only after the last step: until then the step's own Next is the one way on.
# The footer (with 911) comes before Back and Next: on a tall screen they are a strip kept
# at the bottom edge, last in the page.
footer(ctx, part_done=step == walk.step_count())

with st.container(key="walk-nav", horizontal=True, vertical_alignment="bottom"):
    if step > 1:  # on step 1 there is nowhere back to: no button (a greyed one is hard to read)
        st.button(t(f"{K}.back"), key="walk_back", icon=":material/arrow_back:", on_click=_go,
                  args=(walk.previous_step(step),))
    st.space("stretch")
    if step < walk.step_count():
        st.button(t(f"{K}.next"), key="walk_next", icon=":material/arrow_forward:", icon_position="right",
                  type="primary", on_click=_go, args=(walk.next_step(step),))
    else:  # the last step leads on, to the self-check
        st.button(t(f"{K}.start_again"), key="walk_restart", icon=":material/replay:", on_click=_go, args=(1,))
        if not journey.on_path("spasm_or_disc"):  # on the "Start here" path the footer's "Next part" is the way on
            with st.container(key="walk-nav-check"):
                page_link(ctx, "self_check", t(f"{K}.steps.outlook.check_link"), icon=":material/checklist:")

