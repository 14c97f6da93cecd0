"""Home: the kiosk's start screen.

One obvious start ("Start here": the whole story, part after part), then
"Where does it hurt?", then the parts as smaller choices; Sources and the
staff tools are small links at the bottom. The picture of a back is the app's
own SVG, so the screen says "back pain" before a word is read.
"""
import streamlit as st

from explainer.common import journey as path
from explainer.common.escape import html_text
from explainer.common.sitemap import BY_ID, available_parts
from explainer.disc.body_map import back_pain_svg
from ui import journey
from ui.nav import page_link, switch_to
from ui.shell import desk_available, footer, setup

ctx = setup("home")
t = ctx.t
available = {part.id for part in available_parts()}


@st.cache_data(show_spinner=False, max_entries=4)
def _picture(lang: str, _t) -> str:
    return back_pain_svg(_t("home.picture"))


def tile(part_id: str, title: str, text: str, icon: str) -> None:
    """A big link whose words (title, then what it is) all sit inside the tappable box."""
    page_link(ctx, part_id, f"**{title}** {text}", icon=icon, width="stretch")


with st.container(key="home-hero", horizontal=True, vertical_alignment="top"):
    with st.container(key="home-picture", width="content"):
        st.markdown(_picture(ctx.lang, t), unsafe_allow_html=True)
    with st.container(key="home-lead"):
        st.title(t("home.title"))
        st.markdown(f'<p class="home-promise">{html_text(t("home.promise"))}</p>', unsafe_allow_html=True)
        with st.container(key="home-start"):
            if st.button(f"**{t('home.start_title')}** {t('home.start_text', total=path.total())}", key="home_start",
                         type="primary", icon=":material/arrow_forward:", icon_position="right", width="stretch"):
                journey.start()
                switch_to(ctx, path.first())
        if "where" in available:
            with st.container(key="home-where"):
                where = BY_ID["where"]
                tile("where", t(where.tile_title_key), t(where.tile_text_key), where.icon)

with st.container(key="home-parts"):
    st.markdown(f"**{t('home.parts_heading')}**")
    parts = [part_id for part_id in path.PATH if part_id in available]
    for row in range(0, len(parts), 2):
        columns = st.columns(2, gap="medium")
        for column, part_id in zip(columns, parts[row:row + 2]):
            with column:
                part = BY_ID[part_id]
                tile(part_id, t(part.tile_title_key), t(part.tile_text_key), part.icon)

with st.container(key="home-more", horizontal=True, vertical_alignment="center"):
    for part_id in ("sources", "staff"):
        part = BY_ID[part_id]
        if part_id in available and (ctx.staff or not part.staff_only):
            page_link(ctx, part_id, t(part.tile_title_key), icon=part.icon)
    if ctx.staff and desk_available():
        page_link(ctx, "desk", t("common.desk"), icon=BY_ID["desk"].icon)

footer(ctx)
