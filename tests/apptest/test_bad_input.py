"""Every page opened with garbage query parameters draws a normal page: no
exception, a heading, and the safe defaults (English, kiosk mode)."""
import pytest
from streamlit.testing.v1 import AppTest

from explainer import ROOT
from explainer.common.sitemap import available_parts

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


# --- A clinic file that cannot be used: the plain screen on every page ---

import json  # noqa: E402

from explainer.common.content import Content  # noqa: E402
from tests.apptest.helpers import all_text, run_page  # noqa: E402

CONTENT = Content.load()
BROKEN_FILES = {
    "latin1": '[clinic]\nname = "Clínica"\n'.encode("latin-1"),
    "utf16": '[clinic]\nname = "Clínica"\n'.encode("utf-16"),
    "binary": bytes(range(256)),
    "bad-url": b'[clinic]\nname = "X"\nwebsite = "http://[oops"\n',
    "markdown-in-bad-value": b'[clinic]\nname = "X"\n[kiosk]\ndefault_language = "![x](http://evil.example/x.png)"\n',
}


@pytest.mark.parametrize("case", list(BROKEN_FILES))
@pytest.mark.parametrize("part", [p for p in available_parts()], ids=lambda p: p.id)
def test_unusable_clinic_file_gives_the_plain_screen(tmp_path, monkeypatch, part, case):
    config = tmp_path / "clinic.toml"
    config.write_bytes(BROKEN_FILES[case])
    monkeypatch.setenv("EXPLAINER_CLINIC_CONFIG", str(config))
    at = run_page(part.id, lang="es", mode="kiosk")  # asserts no exception
    text = all_text(at)
    for lang in ("en", "es"):
        assert CONTENT.text(lang, "common.not_set_up_title") in text
    assert at.header[0].value == CONTENT.text("es", "common.not_set_up_title")  # the asked language first
    (detail,) = at.text
    assert str(config) in detail.value  # literal text: the file's words are never Markdown
    assert "](http" not in "".join(str(m.value) for m in at.markdown)
    watch = [el for el in at.main if getattr(el, "type", None) == "bidi_component"]
    assert len(watch) == 1  # the idle watch and restart watchdog are on the plain screen


# --- An uncaught exception in a page: the app's own screen (the launcher's hook) ---

@pytest.fixture
def error_screen(monkeypatch):
    """What ui.server installs in the real server, for this test only."""
    from streamlit import error_util

    import ui.shell
    from ui import server

    monkeypatch.setattr(error_util, "show_uncaught_app_exception", error_util.show_uncaught_app_exception)
    server.install_error_screen()

    def footer(ctx, **_):
        raise RuntimeError("planted page fault")

    monkeypatch.setattr(ui.shell, "footer", footer)


@pytest.mark.parametrize("mode", ["kiosk", "staff"])
@pytest.mark.parametrize("part", [p for p in available_parts()], ids=lambda p: p.id)
def test_page_exception_shows_the_plain_screen(error_screen, caplog, part, mode):
    at = AppTest.from_file(str(ROOT / part.file), default_timeout=30)
    at.query_params.update({"lang": "es", "mode": mode})
    with caplog.at_level("ERROR", logger="explainer"):
        at.run()
    assert not at.exception  # no Streamlit error box
    headers = [h.value for h in at.header]
    assert CONTENT.text("es", "errors.error_title") in headers and CONTENT.text("en", "errors.error_title") in headers
    assert "planted page fault" not in all_text(at)  # the problem goes to the log, not the screen
    assert f"(page {part.file}:" in caplog.text and "RuntimeError: planted page fault" in caplog.text
    watches = [el for el in at.main if getattr(el, "type", None) == "bidi_component"
               and el.proto.component_name == "back_spasm_idle_watch"]
    assert len(watches) == (0 if mode == "staff" else 1)  # kiosk: one watch (the page's own), staff: none


def test_page_exception_before_the_watch_still_gets_one(error_screen, monkeypatch):
    """A page that fails before ui.shell.setup drew the watch: the plain screen draws it."""
    import ui.shell

    def setup(part_id):
        raise ValueError("planted set-up fault")

    monkeypatch.setattr(ui.shell, "setup", setup)
    at = AppTest.from_file(str(ROOT / "pages/sources.py"), default_timeout=30)
    at.query_params.update({"lang": "en", "mode": "kiosk"})
    at.run()
    assert not at.exception
    assert at.header[0].value == CONTENT.text("en", "errors.error_title")
    assert len([el for el in at.main if getattr(el, "type", None) == "bidi_component"]) == 1
    data = json.loads([el for el in at.main if getattr(el, "type", None) == "bidi_component"][0].proto.json)
    assert data["home_url"] == "/?lang=en&mode=kiosk"
