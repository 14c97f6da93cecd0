"""The "Why muscles tighten" part (/reflex), model and views, no Streamlit.

- ``model``: the stretch-reflex model (equations and units at the top);
- ``choices``: the nine on-screen choices and how the browser shares the one it shows;
- ``units``: millimetres with inches beside them;
- ``words``: the sentences that carry the model's numbers, and the words that change with the choice;
- ``charts``: the three Altair charts (all nine choices in each, switched in the browser);
- ``figure``: the picture (muscle, spindle, signal path) as SVG, and its geometry;
- ``replay``: the slow-motion replay's frames, pulse, signals and phases, sampled from the model.
"""
