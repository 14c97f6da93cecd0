"""A tiny app for tests/browser/test_slots.py: Markdown-looking text in slots, in every kind
of HTML block the pages put slots in (explainer.common.slots.html_block). Not part of the
product. The texts come from the test, as JSON in SLOT_PAYLOADS."""
import json
import os

import streamlit as st

from explainer.common.slots import html_block, slot

for i, text in enumerate(json.loads(os.environ["SLOT_PAYLOADS"])):
    # As the walkthrough's summary and facts, and /reflex's story, caption and steps draw them.
    st.markdown(html_block(f"<ul><li>{slot(f'ul-{i}', text)}</li></ul>"), unsafe_allow_html=True)
    st.markdown(html_block(f"<h3>{slot(f'h3-{i}', text)}</h3>"), unsafe_allow_html=True)
    st.markdown(html_block(f"<p><strong>Label:</strong> {slot(f'p-{i}', text, tag='strong')}</p>"), unsafe_allow_html=True)
    st.markdown(html_block(slot(f"own-{i}", text, tag="p", kind="calm", live=True)), unsafe_allow_html=True)
    st.caption(html_block(f"<p>{slot(f'caption-{i}', text)}</p>"), unsafe_allow_html=True)
    st.markdown(html_block(f"<ol><li><strong>{slot(f'ol-{i}', text)}</strong></li></ol>"), unsafe_allow_html=True)
st.markdown("All drawn.")
