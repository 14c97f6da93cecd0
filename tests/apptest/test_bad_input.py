"""Every page opened with garbage query parameters draws a normal page: no
exception, a heading, and the safe defaults (English, kiosk mode)."""
import pytest
from streamlit.testing.v1 import AppTest

from explainer import ROOT
from explainer.sitemap import available_parts

GARBAGE = [
    {"utm_source": "poster", "fbclid": "x" * 500},
    {"lang": "<script>alert(1)</script>", "mode": "'; DROP TABLE patients; --"},
    {"lang": "ﬀ\u202e\U0001F600", "step": "٣", "level": "Ｌ５"},
    {"step": "9" * 5000, "level": "L" * 1000},
    {"lang": ["es", "en", "zz"], "mode": ["staff", "kiosk"], "step": ["2", "x"]},
    {"step": "-1", "level": "", "mode": "", "lang": ""},
    {"step": "1e9", "level": "null", "lang": "None"},
]


@pytest.mark.parametrize("garbage", GARBAGE, ids=lambda g: ",".join(g)[:30])
@pytest.mark.parametrize("part", [p for p in available_parts()], ids=lambda p: p.id)
def test_garbage_query_parameters_give_a_normal_page(part, garbage):
    at = AppTest.from_file(str(ROOT / part.file), default_timeout=30)
    for key, value in garbage.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.title) >= 1 or len(at.header) >= 1
    assert at.session_state["lang"] in ("en", "es")
    assert at.session_state["mode"] in ("kiosk", "staff")
    assert "Traceback" not in "".join(str(m.value) for m in at.markdown)
