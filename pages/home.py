"""Home: the kiosk's start screen. Big tiles to each part that exists."""
import streamlit as st

from explainer.sitemap import available_parts
from ui.nav import page_link
from ui.shell import footer, setup

ctx = setup("home")
t = ctx.t

st.title(t("home.title"))
st.markdown(f"### {t('home.promise')}")
st.caption(ctx.clinic.name + (f" · {ctx.clinic.location}" if ctx.clinic.location else ""))

parts = [p for p in available_parts() if p.id != "home" and (ctx.staff or not p.staff_only)]
with st.container(key="tiles"):
    st.markdown(t("home.tap_to_start"))
    columns = st.columns(2, gap="medium")
    for index, part in enumerate(parts):
        with columns[index % 2]:
            page_link(ctx, part.id, t(part.tile_title_key), icon=part.icon, width="stretch")
            st.markdown(f'<p class="tile-text">{t(part.tile_text_key)}</p>', unsafe_allow_html=True)

footer(ctx)
