import pytest

from tests.apptest.helpers import LANGS, MODES


@pytest.fixture(params=[(lang, mode) for lang in LANGS for mode in MODES], ids=lambda p: f"{p[0]}-{p[1]}")
def lang_mode(request):
    """Every page is tested in both languages and both modes."""
    return request.param
