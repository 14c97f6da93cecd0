"""A tiny app for tests/browser/test_scroll.py: one long screen whose "Next"
changes the view (a rerun of the same page, as a walkthrough step does) and
whose "Choose" does not. Not part of the product."""
import streamlit as st

from ui.scroll import start_at_top

st.session_state.setdefault("screen", 1)
screen = st.session_state["screen"]


def _next() -> None:
    st.session_state["screen"] = screen + 1


start_at_top(f"demo:{screen}")
start_at_top("demo", scope="part")  # the shell's call: same part, so it never scrolls here
st.title(f"Screen {screen}")
for line in range(80):
    st.write(f"Line {line} of screen {screen}")
st.button("Choose", key="choose")
st.button("Next", key="next", on_click=_next)
