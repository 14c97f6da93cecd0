"""Kept so older imports work: the model now lives in ``explainer.reflex.model``."""
from explainer.reflex.model import *  # noqa: F401,F403
from explainer.reflex.model import _rate  # noqa: F401
