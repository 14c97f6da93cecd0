"""The bare baseline's second page: a heading and a paragraph."""
import streamlit as st

st.title("Second page")
st.write("A paragraph of text on the second page.")
