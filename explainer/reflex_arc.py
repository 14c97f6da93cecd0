"""Kept so older imports work: the /reflex picture now lives in ``explainer.reflex.figure``."""
from explainer.reflex.figure import *  # noqa: F401,F403
