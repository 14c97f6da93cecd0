"""The floors of bench/page_change.py, a bare app of their own (so the bare two-page
baseline stays two pages): a heading and a link to each part's elements drawn in a bare
page (st.page_link, as the app's Home tiles are)."""
import streamlit as st

st.title("Floor home")
st.page_link("pages/care_elements.py", label="Care elements", width="stretch")
st.page_link("pages/reflex_elements.py", label="Reflex elements", width="stretch")
