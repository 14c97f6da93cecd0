"""Bare baseline for the benchmark: Streamlit with default settings, a title,
one choice control and one 200-point Altair line chart that follows the choice.

Run by bench/run.py from the bench/ directory, so the app's .streamlit/config.toml
does not apply (only --server.headless and --browser.gatherUsageStats are passed:
no browser to open, and the benchmark machine is offline).
"""
import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

st.title("Baseline")
choice = st.radio("Speed", ["slow", "medium", "fast"], horizontal=True, key="choice")
factor = {"slow": 1.0, "medium": 2.0, "fast": 4.0}[choice]
x = np.linspace(0.0, 2.0 * np.pi, 200)
data = pd.DataFrame({"x": x, "y": np.sin(factor * x) * np.exp(-x / (2.0 * factor))})
chart = alt.Chart(data).mark_line().encode(x="x:Q", y="y:Q")
st.altair_chart(chart, width="stretch", key="chart")
