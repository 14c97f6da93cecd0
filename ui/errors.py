"""The app's own plain screens, shown instead of a traceback or Streamlit's
error box (whose "Ask Google"/"Ask ChatGPT" links would lead a patient off
the kiosk, and which has no idle watch):

- ``not_set_up``: the clinic file cannot be used. Called by ``ui.shell.setup``;
  the staff line names the file, the key and the problem.
- ``show_page_error``: an uncaught exception in a page. ``ui.server`` installs
  it as Streamlit's display of uncaught script exceptions, so it covers pages
  run through app.py's ``st.navigation``, deep links served from ``pages/``
  before app.py ever ran, and fragment reruns alike. Streamlit has logged the
  traceback just before; this adds one line naming the file and the problem.

Both screens are in every language, carry the idle watch and restart
watchdog (the next person never finds them, and a fixed file or a restarted
server brings Home back by itself) and link to no other host. What the page
drew before it failed stays in the document but is hidden (CSS in
``assets/css/errors.css``), so screen readers and eyes meet only this screen.
"""
from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path

import streamlit as st

from explainer import ROOT
from explainer.common.clinic import IDLE_ENV, IDLE_SECONDS_DEFAULT, IDLE_SECONDS_RANGE, ConfigError, load_clinic
from explainer.common.escape import html_text, markdown_text
from explainer.common.params import LANGUAGES

log = logging.getLogger("explainer")

#: The container every plain screen is drawn in (assets/css/errors.css keys on it).
SCREEN_KEY = "bse_plain_screen"
#: Words for when the content files themselves cannot be read: the one case
#: with nothing to translate from. Kept to the two lines the screen needs.
FALLBACK = {
    "common.not_set_up_title": "This kiosk is not set up yet",
    "common.not_set_up_body": "Please tell the front desk.",
    "common.not_set_up_detail": "For the staff: {problem}",
    "errors.error_title": "Something went wrong",
    "errors.error_body": "Please tell the front desk.",
    # The idle watch and restart watchdog still run on this screen (so the page
    # comes back by itself once the files are fixed and the server restarted).
    "idle.title": "Are you still there?",
    "idle.body": "This screen will go back to the start.",
    "idle.countdown": "{seconds}",
    "idle.stay": "I'm still here",
    "idle.wait_title": "One moment",
    "idle.wait_body": "The screen will be back soon.",
}


def _fallback_strings(key: str, **values: object) -> str:
    return FALLBACK.get(key, "").format(**values)


def _content():
    """Every language's words; if a content file is broken, the languages that
    still load (so a broken Spanish file leaves the English screen), else None."""
    from ui.resources import content as shell_content

    try:
        return shell_content()
    except Exception as exc:  # noqa: BLE001 - any broken file: this screen must still draw
        log.debug("content for the plain screen: %s", exc)  # the shell has logged it
    from explainer.common.content import Content, load_language

    catalog = {}
    for lang in LANGUAGES:
        try:
            catalog[lang] = load_language(lang)
        except Exception:  # noqa: BLE001 - that language's files are the broken ones
            continue
    return Content(catalog) if "en" in catalog else None


def _css() -> str:
    from ui.resources import css as shell_css

    try:
        return shell_css()
    except OSError:
        return ""


def _languages_first(lang: str | None) -> list[str]:
    return [lang] + [other for other in LANGUAGES if other != lang] if lang in LANGUAGES else list(LANGUAGES)


def _watch_settings() -> tuple[int, str]:
    """Idle seconds and default language, from the clinic file if it can be read."""
    try:
        clinic = load_clinic()
        return clinic.idle_seconds, clinic.default_language
    except ConfigError:
        pass
    idle = IDLE_SECONDS_DEFAULT
    raw = os.environ.get(IDLE_ENV, "").strip()
    if raw.isascii() and raw.isdigit() and IDLE_SECONDS_RANGE[0] <= int(raw) <= IDLE_SECONDS_RANGE[1]:
        idle = int(raw)
    return idle, LANGUAGES[0]


def _screen(title_key: str, body_key: str, detail: str | None = None, start_again: bool = False,
            watch: bool = True) -> None:
    content = _content()
    # The session's language, or the URL's when the run stopped before the shell read it.
    lang = st.session_state.get("lang") or st.query_params.get("lang")
    languages = _languages_first(lang)
    if content is None:
        languages = ["en"]  # the fallback words are English only: say them once
    else:
        languages = [language for language in languages if language in content.catalog]
    first = languages[0]

    def words(language: str):
        return content.for_language(language) if content else _fallback_strings

    st.html(f"<style>{_css()}</style>")
    with st.container(key=SCREEN_KEY):
        for language in languages:
            t = words(language)
            st.header(markdown_text(t(title_key)), anchor=False)
            st.markdown(markdown_text(t(body_key)))
        if start_again and content:
            _, default_language = _watch_settings()
            mode = "staff" if st.session_state.get("mode") == "staff" else "kiosk"
            href = html_text(f"/?lang={lang if lang in LANGUAGES else default_language}&mode={mode}")
            label = html_text(words(first)("errors.start_again"))
            st.markdown(f'<a class="fallback-link" href="{href}" target="_self">{label}</a>', unsafe_allow_html=True)
        if detail:
            # Literal text (never Markdown): the file's own words may be anything.
            st.text(words("en")("common.not_set_up_detail", problem=detail))
        if watch and not _fragment_run():
            from ui.idle import plain_screen_watch

            idle, default_language = _watch_settings()
            plain_screen_watch(words(first), first, idle, default_language)


def _fragment_run() -> bool:
    """A fragment's own rerun: the full run's watch is still on the page (a second would clash)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


def not_set_up(problem: str) -> None:
    """The clinic file cannot be used: say so in every language, then stop the run."""
    _screen("common.not_set_up_title", "common.not_set_up_body", detail=problem)
    st.stop()


def not_found(ctx) -> None:
    """An unknown path (ui.server marks it): say so in the kiosk's language, offer
    Home, and stop. The idle watch and restart watchdog are already drawn (ui.shell)."""
    from ui.nav import page_link

    log.info("unknown path asked for: showed the not-found screen")
    with st.container(key="bse_not_found"):
        st.header(ctx.t("errors.not_found.title"), anchor=False)
        st.markdown(ctx.t("errors.not_found.body"))
        page_link(ctx, "home", ctx.t("common.home"), icon=":material/home:")
    st.stop()


def _where(ex: BaseException) -> str:
    """Innermost frame in this app (file:line in function), and the page it ran from."""
    frames = [
        f for f in traceback.extract_tb(ex.__traceback__)
        if "site-packages" not in f.filename and Path(f.filename).resolve().is_relative_to(ROOT)
    ]
    if not frames:
        return "outside the app's code"
    inner = frames[-1]
    where = f"{Path(inner.filename).resolve().relative_to(ROOT)}:{inner.lineno} in {inner.name}"
    pages = [f for f in frames if Path(f.filename).resolve().parent == ROOT / "pages"]
    if pages and pages[0] is not inner:
        where += f" (page {Path(pages[0].filename).resolve().relative_to(ROOT)}:{pages[0].lineno})"
    return where


def show_page_error(ex: BaseException) -> None:
    """Streamlit's uncaught-exception display, replaced (see ui.server)."""
    log.error("page error at %s: %s: %s", _where(ex), type(ex).__name__, ex)
    staff = st.session_state.get("mode") == "staff"
    _screen("errors.error_title", "errors.error_body", start_again=True, watch=not staff)
