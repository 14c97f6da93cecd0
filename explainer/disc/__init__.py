"""The "Spasm or disc?" walkthrough (/spasm-or-disc) and the body map (/where) that leads
into it: models and views, no Streamlit.

- ``walkthrough``: the steps, their sources, and which step and nerve level to show;
- ``timeline``: the warm-bath illustration (pain over three weeks in two stories);
- ``charts``: the warm-bath timeline as an Altair chart, and its plain-language summary;
- ``nerve_roots``: which part of the leg each lower-back nerve root (L4, L5, S1) serves;
- ``spine_diagram``: the lower spine from behind, a disc bulge pressing on the chosen root (SVG);
- ``leg_map``: where the chosen root sends pain, numbness or tingling (SVG);
- ``body_map``: "Where does it hurt?": its places, the story and level each one leads to, its SVG;
- ``svg``: small SVG pieces the three diagrams share (plain shapes, printable in the handout).
"""
