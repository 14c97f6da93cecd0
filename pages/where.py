""""Where does it hurt?": tap a place on a body (or its big labelled button).

The place picks the walkthrough's story and nerve level behind the scenes
(rules: ``explainer.disc.body_map``) and leads into the walkthrough, joining the
"Start here" path there; "In both legs" leads to the self-check's emergency
signs, with a line at its top saying why. In kiosk mode no nerve level is
ever named here; staff mode shows the level each place sets.
"""
import streamlit as st

from explainer.disc import body_map as bm
from explainer.disc import walkthrough as walk
from ui import journey
from ui.body_map import body_map
from ui.nav import switch_to
from ui.forget import BOTH_LEGS_NOTE
from ui.shell import footer, setup

ctx = setup("where")
t = ctx.t


@st.cache_data(show_spinner=False, max_entries=4)
def _svg(lang: str, _t) -> str:
    return bm.body_map_svg(_t)


def _go(place_id: str, side: str | None = None) -> None:
    place = bm.place(place_id)
    if place.goes_to == bm.SELF_CHECK:
        # The shell forgot the self-check as this page started, so it opens on a blank
        # first screen (the emergency signs): never an answer this person did not give.
        st.session_state[BOTH_LEGS_NOTE] = True
    else:
        st.session_state[walk.WALK_STORY] = place.story
        if place.level:
            st.session_state[walk.WALK_LEVEL] = place.level
        else:
            st.session_state.pop(walk.WALK_LEVEL, None)
        if side:  # the leg tapped on the picture: the walkthrough's pictures show that side
            st.session_state[bm.SIDE_KEY] = side
        else:
            st.session_state.pop(bm.SIDE_KEY, None)
        st.session_state[walk.WALK_STEP] = 1  # the story from its start
        journey.join(place.goes_to)
    switch_to(ctx, place.goes_to)


def _label(place: bm.Place) -> str:
    words = f"{place.number}. {bm.place_label(place.id, t)}"
    if ctx.staff and place.level:  # staff mode only: patients never meet the codes
        words += f" ({place.level})"
    return words


st.title(t("where.title"))
st.markdown(t("where.intro"))

with st.container(key="teach-where"):
    picture, words = st.columns([3, 2], gap="large", vertical_alignment="top")
with picture, st.container(key="where-map"):
    tappable = "; ".join(f"{bm.BY_ID[p].number}. {bm.place_label(p, t)}" for p in bm.MAP_PLACES)
    tapped, side = bm.parse_tap(body_map(_svg(ctx.lang, t), version=ctx.lang, outside=t("where.picture.outside", places=tappable)))
    if tapped:
        _go(tapped, side)
with words, st.container(key="where-places"):
    both = bm.BY_ID["both_legs"]  # an emergency sign: first, and set apart
    with st.container(key="where-both-legs"):
        if st.button(bm.place_label(both.id, t), key="where_both_legs", icon=":material/warning:", width="stretch"):
            _go(both.id)
    st.markdown(f"**{t('where.buttons_heading')}**")
    for place_id in bm.MAP_PLACES:
        place = bm.BY_ID[place_id]
        if st.button(_label(place), key=f"where_{place_id}", width="stretch"):
            _go(place_id)

if ctx.staff:
    lines = []
    for place in bm.PLACES:
        if place.goes_to == bm.SELF_CHECK:
            note = t("where.staff_both_legs")
        elif place.level:
            note = t("where.staff_levels", story=t(f"where.stories.{place.story}"), level=place.level)
        else:
            note = t("where.staff_no_level", story=t(f"where.stories.{place.story}"))
        lines.append(f"- **{place.number}.** {note}")
    st.markdown("\n".join(lines))
st.caption(t("where.sources"))
footer(ctx)
