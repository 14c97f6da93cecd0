"""Bare baseline for bench/page_change.py: a heading and a link to the second page
(st.page_link, as the app's Home tiles are), nothing else; and a link to the floor page
(pages/care_elements.py: /care's elements in a bare page)."""
import streamlit as st

st.title("Baseline home")
st.page_link("pages/second.py", label="Second page", width="stretch")
st.page_link("pages/care_elements.py", label="Care elements", width="stretch")
st.page_link("pages/reflex_elements.py", label="Reflex elements", width="stretch")
