"""Bare two-page baseline for bench/page_change.py: a heading and a link to the
second page (st.page_link, as the app's Home tiles are), nothing else."""
import streamlit as st

st.title("Baseline home")
st.page_link("pages/second.py", label="Second page", width="stretch")
