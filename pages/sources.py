"""Sources and about: every source, the disclaimer, the clinic, the version."""
import streamlit as st

from explainer.escape import markdown_text
from explainer.sources import load_sources
from ui.shell import footer, setup, version

ctx = setup("sources")
t = ctx.t

st.title(t("sources.title"))

st.header(t("sources.disclaimer_heading"))
for line in t.items("sources.disclaimer"):
    st.markdown(f"- {line}")
st.markdown(t("sources.privacy"))

st.header(t("sources.clinic_heading"))
clinic = ctx.clinic
lines = [f"**{clinic.name}**"]
if clinic.location:
    lines.append(clinic.location)
if clinic.address:
    lines.append(f"{t('sources.address_label')}: {clinic.address}")
if clinic.phone:
    lines.append(f"{t('sources.phone_label')}: {clinic.phone}")
if clinic.website:
    lines.append(f"{t('sources.website_label')}: {clinic.website}")
st.markdown("  \n".join(lines))

st.header(t("sources.sources_heading"))
st.markdown(t("sources.intro"))
for number, source in enumerate(load_sources(), start=1):
    with st.container(border=True, key=f"source_{source.id}"):
        st.markdown(f"**{number}.** {markdown_text(source.citation)}")
        if source.url:
            st.markdown(markdown_text(source.url))
        st.markdown(f"*{t('sources.supports_label')}:* {t(f'sources.supports.{source.id}')}")

st.caption(t("sources.version", version=version()))
footer(ctx)
