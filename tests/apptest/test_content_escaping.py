"""Content strings (assets/content/*/*.toml) are text wherever they are put.

Every string gets an HTML payload and a Markdown payload appended, then every
part runs in both modes and both languages:

- HTML: no element Streamlit renders as HTML (st.html, st.markdown with
  unsafe_allow_html) may hold the payload's tag raw (``html_text`` escapes it);
- Markdown: no element rendered as Markdown may hold the payload's link or
  image raw (``markdown_text`` escapes it).

Places that pages other changes are rewriting still get wrong are xfail
(strict: the mark must go once the fix lands), each with the place and the fix.
"""
from __future__ import annotations

import pytest
import streamlit as st

import ui.shell
from explainer.common.alerts import REGISTRY, Level
from explainer.common.content import Content
from explainer.common.sitemap import available_parts
from tests.apptest.helpers import LANGS, MODES, run_page
from tests.apptest.test_clinic_payloads import HTML_BLOCK, LITERAL

EVIL = "evil.example"
HTML_PAYLOAD = f' <img src="http://{EVIL}/c.png">'
MARKDOWN_PAYLOAD = f" ![c](http://{EVIL}/m.png)"
HTML_TELL = f'<img src="http://{EVIL}/c.png">'
MARKDOWN_TELL = f"](http://{EVIL}/m.png)"

#: Content put into HTML raw, and the fix (pages being rewritten by other changes).
HTML_KNOWN: dict[str, str] = {}


def _runs(part_id: str):
    """Every screen of a part: each walkthrough step is a screen of its own."""
    if part_id == "spasm_or_disc":
        from explainer.disc.walkthrough import step_count

        return [{"step": str(n)} for n in range(1, step_count() + 1)]
    return [{}]


def _with_payload(value, payload: str):
    if isinstance(value, list):
        return [item + payload for item in value]
    return value + payload


@pytest.fixture
def payload_content(monkeypatch):
    base = Content.load()

    def install(payload: str) -> None:
        catalog = {lang: {key: _with_payload(value, payload) for key, value in strings.items()}
                   for lang, strings in base.catalog.items()}
        monkeypatch.setattr(ui.shell, "_content", lambda: Content(catalog=catalog))

    yield install
    # Pages cache what they build from content (per language, not per wording):
    # clear it so no later test sees these payloads.
    st.cache_data.clear()
    st.cache_resource.clear()


def _html_leaks(at) -> list[str]:
    found = []
    for el in at.main:
        kind = getattr(el, "type", "")
        if (kind == "html" or (kind == "markdown" and el.proto.allow_html)) and HTML_TELL in el.proto.body:
            found.append(f"{kind}: {el.proto.body[:120]!r}")
    return found


def _markdown_leaks(at) -> list[str]:
    found = []
    for el in at.main:
        kind = getattr(el, "type", "")
        if kind in LITERAL:
            continue
        if kind == "markdown" and el.proto.allow_html and HTML_BLOCK.match(el.proto.body) and "\n\n" not in el.proto.body:
            continue  # a one-line HTML block is raw HTML, not Markdown
        if MARKDOWN_TELL in str(el.proto):
            found.append(f"{kind}: {str(el.proto)[:120]!r}")
    return found


def _parts(known: dict[str, str]):
    for part in available_parts():
        marks = ()
        if part.id in known:
            marks = pytest.mark.xfail(strict=True, reason="content into HTML unescaped: " + known[part.id])
        yield pytest.param(part.id, id=part.id, marks=marks)


@pytest.mark.parametrize("part_id", list(_parts(HTML_KNOWN)))
@pytest.mark.usefixtures("empty_alert_registry")
def test_content_is_escaped_in_html(payload_content, part_id):
    payload_content(HTML_PAYLOAD)
    if part_id == "desk":  # the desk's cards are drawn only for alerts: one open, one acknowledged
        REGISTRY.raise_alert("Kiosk", Level.EMERGENCY)
        REGISTRY.acknowledge(REGISTRY.raise_alert("Kiosk", Level.URGENT))
    leaks = []
    for lang in LANGS:
        for mode in MODES:
            for params in _runs(part_id):
                leaks += _html_leaks(run_page(part_id, lang=lang, mode=mode, **params))
    assert leaks == []


def test_markdown_leaks_per_page(payload_content, monkeypatch, capsys):
    """Reports which pages put content strings into Markdown raw, and fails only
    for /sources, the page this change owns. ``markdown_text`` on every content
    string is the rule; the report is for the pages other changes rewrite.
    The shared top bar, footer and links (ui/shell.py, ui/nav.py) are counted
    apart, under "shell", with the Home page.
    """
    payload_content(MARKDOWN_PAYLOAD)
    report = {"shell (on Home)": len(_markdown_leaks(run_page("home", lang="en", mode="staff")))}
    monkeypatch.setattr(ui.shell, "_top_bar", lambda ctx: None)
    monkeypatch.setattr(ui.shell, "footer", lambda ctx, **_: None)
    for part in available_parts():
        report[part.id] = sum(len(_markdown_leaks(run_page(part.id, lang="en", mode=mode, **params)))
                              for mode in MODES for params in _runs(part.id))
    with capsys.disabled():
        print("\ncontent strings put into Markdown raw (elements, kiosk + staff):", report)
    assert report["sources"] == 0
