"""Layouts shared by pages.

``teach(key)``: the consultation-room "teach" layout. At landscape widths (at
least 1024 px wide and wider than tall: a tablet on its side, a desktop) the
controls and their explanation sit in a narrow column beside a large figure,
so the figure that a tap changes stays in view. In portrait (the wall kiosk at
1080x1920, a tablet held upright) the two columns stack in the same order as
before: controls first, then the figure. The switch is pure CSS
(``assets/css/00-base.css``, ``st-key-teach-*``): the server never knows the
screen's shape, and a rotation needs no rerun.
"""
from __future__ import annotations

import streamlit as st

#: Width ratio of the controls column to the figure column.
TEACH_RATIO = (2, 3)


def teach(key: str, ratio: tuple[float, float] = TEACH_RATIO):
    """Two columns (controls, figure) inside a container keyed ``teach-<key>``."""
    with st.container(key=f"teach-{key}"):
        controls, figure = st.columns(list(ratio), gap="large", vertical_alignment="top")
    return controls, figure
