"""Entry script: wiring only. Every page runs the shared set-up itself
(``ui.shell.setup``) so it also works as a deep link or under AppTest."""
import streamlit as st

from explainer.common.sitemap import available_parts

pages = [
    st.Page(part.file, title=part.id.replace("_", " ").title(), url_path=part.url_path or None, default=part.id == "home")
    for part in available_parts()
]
st.navigation(pages, position="hidden").run()
