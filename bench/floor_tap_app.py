"""The browser's own floor for a tap answered in the page: the bare baseline's chart
(bench/baseline_app.py: a title and one 200-point Altair line chart) with its choice as a
Vega-Lite parameter bound to radio buttons, so Vega redraws the chart in the browser when
a radio is tapped and Streamlit never reruns. Nothing can answer a tap on a Streamlit
page sooner than this: the tap, Vega's redraw and the next frame. bench/run.py measures it
with the same probe as the app and the baselines, and reports the app's taps against it.

Run from the bench/ directory with the app's [server] and [runner] settings.
"""
import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

st.title("Floor")
FACTORS = {"slow": 1.0, "medium": 2.0, "fast": 4.0}
x = np.linspace(0.0, 2.0 * np.pi, 200)
data = pd.concat([pd.DataFrame({"speed": name, "x": x, "y": np.sin(f * x) * np.exp(-x / (2.0 * f))})
                  for name, f in FACTORS.items()])
speed = alt.param(name="speed", value="slow", bind=alt.binding_radio(options=list(FACTORS), name="Speed "))
chart = (alt.Chart(data).mark_line().encode(x="x:Q", y="y:Q")
         .add_params(speed).transform_filter(alt.datum.speed == speed))
st.altair_chart(chart, width="stretch", key="chart")
