import functools

import pytest
from streamlit.components.v2 import manifest_scanner

from explainer.common.alerts import REGISTRY
from tests.apptest.helpers import LANGS, MODES

# Each AppTest's first run makes a component manager that scans the metadata of every
# installed distribution for Streamlit component manifests (AppTest._run, Streamlit 1.67):
# 0.13 s of a page's 0.16 s run, measured with cProfile, so most of the AppTest layer's
# time. The installed packages do not change while the tests run, and a running app scans
# once when its server starts: the scan's answer is kept for the process.
manifest_scanner.scan_component_manifests = functools.lru_cache(maxsize=1)(manifest_scanner.scan_component_manifests)


@pytest.fixture(params=[(lang, mode) for lang in LANGS for mode in MODES], ids=lambda p: f"{p[0]}-{p[1]}")
def lang_mode(request):
    """Every page is tested in both languages and both modes."""
    return request.param


@pytest.fixture
def empty_alert_registry():
    """The server's alert registry is one object for the whole process: a test that
    raises or counts alerts starts and ends with it empty."""
    REGISTRY.clear()
    yield REGISTRY
    REGISTRY.clear()
