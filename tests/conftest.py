"""Shared test set-up: the repository root is on sys.path (pytest.ini)."""
import os

# Tests never depend on the machine's own clinic override.
os.environ.pop("EXPLAINER_CLINIC_CONFIG", None)
os.environ.pop("EXPLAINER_IDLE_SECONDS", None)
