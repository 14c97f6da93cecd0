"""Kept so older imports work: the /reflex charts and words now live in
``explainer.reflex.charts``, ``explainer.reflex.choices`` and ``explainer.reflex.words``."""
from explainer.reflex.charts import *  # noqa: F401,F403
from explainer.reflex.choices import *  # noqa: F401,F403
from explainer.reflex.words import *  # noqa: F401,F403
