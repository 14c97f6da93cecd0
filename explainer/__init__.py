"""Back Spasm Explainer: the models, content, charts, diagrams and the PDF.

This package never imports Streamlit, so everything in it is tested with plain
pytest. The Streamlit view lives in ``ui/`` and ``pages/``.

One subpackage per part, on one shared floor (each ``__init__`` lists its modules):

- ``common``: the shared floor (content, clinic config, parameters, sources, alerts, chart helpers);
- ``reflex``: "Why muscles tighten" (/reflex);
- ``disc``: "Spasm or disc?" (/spasm-or-disc) and the body map (/where);
- ``self_check``: "Should I get checked?" (/self-check);
- ``care``: caring for a spasm (/care);
- ``handout``: the take-home PDF.

A part imports only its own room and ``common`` (the handout also prints ``disc``'s pictures);
``common`` imports no part (tests/unit/test_import_graph.py).
"""
from pathlib import Path

__version__ = "0.1.0"

#: Repository root (the folder holding app.py).
ROOT = Path(__file__).resolve().parent.parent
#: Patient-facing content, one folder per language.
ASSETS = ROOT / "assets"
