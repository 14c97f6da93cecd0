"""Sources and about: every source, the disclaimer, the clinic, the version.

Clinic details (clinic.toml) and content strings are text, never Markdown:
each goes through ``markdown_text`` (so a website is shown, not linked: the
kiosk offers no way out to another host).
"""
import streamlit as st

from explainer.common.escape import markdown_text
from explainer.common.sources import load_sources
from ui.shell import footer, setup, version

ctx = setup("sources")
t = ctx.t

md = markdown_text

st.title(md(t("sources.title")), anchor=False)

st.header(md(t("sources.disclaimer_heading")), anchor=False)
for line in t.items("sources.disclaimer"):
    st.markdown(f"- {md(line)}")
st.markdown(md(t("sources.privacy")))

st.header(md(t("sources.clinic_heading")), anchor=False)
clinic = ctx.clinic
lines = [f"**{md(clinic.name)}**"]
if clinic.location:
    lines.append(md(clinic.location))
if clinic.address:
    lines.append(f"{md(t('sources.address_label'))}: {md(clinic.address)}")
if clinic.phone:
    lines.append(f"{md(t('sources.phone_label'))}: {md(clinic.phone)}")
if clinic.website:
    lines.append(f"{md(t('sources.website_label'))}: {md(clinic.website)}")
st.markdown("  \n".join(lines))

st.header(md(t("sources.sources_heading")), anchor=False)
st.markdown(md(t("sources.intro")))
for number, source in enumerate(load_sources(), start=1):
    with st.container(border=True, key=f"source_{source.id}"):
        st.markdown(f"**{number}.** {markdown_text(source.citation)}")
        if source.url:
            st.markdown(markdown_text(source.url))
        st.markdown(f"*{md(t('sources.supports_label'))}:* {md(t(f'sources.supports.{source.id}'))}")

st.caption(md(t("sources.version", version=version())))
footer(ctx)
