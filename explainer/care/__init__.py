"""Caring for a spasm (/care): its chart, no Streamlit.

- ``charts``: the recovery chart (published average pain after new back pain) and its summary.

Its figures are ``explainer.common.recovery`` (the walkthrough's outlook step shows them too).
"""
