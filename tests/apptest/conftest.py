import pytest

from explainer.common.alerts import REGISTRY
from tests.apptest.helpers import LANGS, MODES


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
