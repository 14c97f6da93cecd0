"""Back Spasm Explainer: the model, content and chart/diagram builders.

This package never imports Streamlit, so everything in it is tested with plain
pytest. The Streamlit view lives in ``ui/`` and ``pages/``.
"""
from pathlib import Path

__version__ = "0.1.0"

#: Repository root (the folder holding app.py).
ROOT = Path(__file__).resolve().parent.parent
#: Patient-facing content, one folder per language.
ASSETS = ROOT / "assets"
