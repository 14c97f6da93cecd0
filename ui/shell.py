"""The app shell: runs first on every page, whether the page was reached from
Home, by a deep link that is the server's very first request, or by AppTest
running the page file alone. (With a ``pages/`` folder beside app.py, Streamlit
serves a deep link opened before any session ran app.py, and AppTest runs a page
file, without app.py's set-up: so every page does the set-up itself.)

It sets the page config and kiosk styling, resolves language, text size and
mode (query parameter, then session, then clinic default), draws the top bar
(Home, language, bigger text; in staff mode small links to the staff tools and
the desk), moves the "Start here" path along (its header here, its "Next part"
in ``footer``), starts a new part at its top, and returns a ``Context`` the
page draws with.
App-wide settings live in plain session keys, never in widget keys, because
Streamlit deletes a widget's key when a page that does not draw it runs.
"""
from __future__ import annotations

import logging
import streamlit as st

from explainer import ASSETS, ROOT, __version__
from explainer.common.clinic import ClinicConfig, ConfigError, load_clinic
from explainer.common.content import Content, ContentError
from explainer.common.escape import html_text
from explainer.common.params import MODES, parse_query
from explainer.common.sitemap import BY_ID
from ui import journey
from ui.context import Context
from ui.resources import big_text_css as _big_text_css
from ui.resources import content as _content
from ui.resources import css as _css
from ui.forget import BOTH_LEGS_NOTE, forget_self_check
from ui.idle import idle_watch, staff_watch
from ui.nav import page_link
from ui.page_lang import page_language
from ui.present import present_css, present_toggle
from ui.scroll import start_at_top

log = logging.getLogger("explainer")

# Plain session keys for app-wide settings.
LANG, MODE, BIG_TEXT = "lang", "mode", "big_text"


def _clinic() -> ClinicConfig:
    # Re-read each run: a few microseconds, and a fixed file takes effect without a restart.
    return load_clinic()


def _not_set_up(problem: str) -> None:
    """A plain screen in both languages instead of a traceback (ui/errors.py)."""
    from ui.errors import not_set_up

    not_set_up(problem)


def _load_settings() -> tuple[ClinicConfig, Content]:
    """Clinic file and content, or the plain "not set up" screen (and the run stops)."""
    try:
        return _clinic(), _content()
    except (ConfigError, ContentError) as exc:
        log.error("%s", exc)
        _not_set_up(str(exc))
    except Exception as exc:  # anything else reading them: still the plain screen, and the full story in the log
        log.exception("clinic or content files could not be loaded")
        _not_set_up(f"{type(exc).__name__}: {exc}")
    raise AssertionError("unreachable: the not-set-up screen stops the run")


def _resolve(params: dict, key: str, options: tuple[str, ...], default: str) -> str:
    value = params.get(key) or st.session_state.get(key)
    if value not in options:
        value = default
    st.session_state[key] = value
    if st.query_params.get(key) != value:
        st.query_params[key] = value  # keep the URL shareable and in step with the session
    return value


def _staff_gate(requested_mode: str, clinic: ClinicConfig, t, part_id: str = "") -> str:
    """Staff mode only after the clinic's PIN, if it set one (ui/staff_pin.py)."""
    from ui.staff_pin import staff_gate

    mode = staff_gate(requested_mode, clinic, t, part_id)
    if mode != requested_mode:
        st.session_state[MODE] = mode
        st.query_params[MODE] = mode
    return mode


def _set_lang(lang: str) -> None:
    st.session_state[LANG] = lang
    st.query_params[LANG] = lang


def _toggle_big_text() -> None:
    st.session_state[BIG_TEXT] = not st.session_state.get(BIG_TEXT, False)


def setup(part_id: str, journey_header: bool = True) -> Context:
    """Set the page up and return its ``Context``.

    ``journey_header=False``: a screen with its own progress (the self-check's
    question pages) draws no "Part N of 4", so it shows one progress indicator.
    """
    part = BY_ID[part_id]
    st.set_page_config(
        page_title="Back Spasm Explainer",
        page_icon=str(ASSETS / "favicon.png"),
        layout="wide",
        initial_sidebar_state="collapsed",
        menu_items={},
    )
    if part.id != "self_check":
        forget_self_check()  # leaving the self-check forgets it: the next person never meets an answer
    clinic, content = _load_settings()

    params = parse_query(st.query_params.to_dict())
    lang = _resolve(params, LANG, clinic.languages, clinic.default_language)
    mode = _resolve(params, MODE, MODES, "kiosk")
    big_text = bool(st.session_state.get(BIG_TEXT, False))
    t = content.for_language(lang)
    st.set_page_config(page_title=t("common.app_name"))  # the browser tab, in the screen's language

    css = _css()
    if big_text:
        css += "\n" + _big_text_css()
    css += present_css(mode == "staff")
    st.html(f"<style>{css}</style>")
    page_language(lang, t)  # <html lang>: a screen reader reads the page in its own language
    mode = _staff_gate(mode, clinic, t, part.id)

    ctx = Context(part, t, lang, mode, big_text, clinic, params)
    # An unknown path (ui.server marks the run): a screen to leave, so the kiosk watch is armed.
    not_found = st.session_state.pop("_bse_page_not_found", False)
    st.session_state.pop("_bse_not_found_shown", None)
    if not_found:
        st.session_state["_bse_not_found_shown"] = True
    if not ctx.staff:
        idle_watch(ctx)  # kiosk: warn, then clear everything and go Home
    else:
        staff_watch(ctx)  # staff: lock again after staff_idle_seconds; back to this page after a restart
    if not_found:
        from ui.errors import not_found as not_found_screen

        not_found_screen(ctx)  # the app's own screen, with a way Home; stops the run
    _top_bar(ctx)
    start_at_top(part.id, scope="part")  # a new part opens at its heading, not mid-page
    position = journey.follow(part.id)
    if position is not None and journey_header:
        journey.header(ctx, position)
    _both_legs_note(ctx)
    return ctx


def _both_legs_note(ctx: Context) -> None:
    """On the self-check after "In both legs" on the body map: why it was opened
    (any other page forgot the note with the rest of the self-check, above)."""
    if ctx.part.id == "self_check" and st.session_state.get(BOTH_LEGS_NOTE):
        with st.container(key="where-both-legs-note"):
            st.warning(f"**{ctx.t('where.both_legs_note.heading')}** {ctx.t('where.both_legs_note.body')}",
                       icon=":material/warning:")


def desk_available() -> bool:
    """The desk page is another part's work: link to it only once it exists."""
    desk = BY_ID.get("desk")
    return desk is not None and (ROOT / desk.file).exists()


def _top_bar(ctx: Context) -> None:
    t = ctx.t
    with st.container(key="topbar", horizontal=True, vertical_alignment="center"):
        if ctx.part.id != "home":
            page_link(ctx, "home", t("common.home"), icon=":material/home:")
        else:
            st.markdown(f'<p class="topbar-clinic">{html_text(ctx.clinic.name)}</p>', unsafe_allow_html=True)
        st.space("stretch")
        if ctx.staff:
            # A small link back to the staff tools; on the staff page itself the badge
            # says which mode this is. (The desk is linked from the staff tools: with
            # Present and the languages, one more link wrapped the bar with bigger text.)
            with st.container(key="topbar-staff", horizontal=True, vertical_alignment="center", gap="small"):
                if ctx.part.id == "staff":
                    st.badge(t("common.staff_badge"), icon=":material/badge:")
                else:
                    page_link(ctx, "staff", t("common.staff_tools"), icon=":material/badge:")
        present_toggle(ctx)
        for lang in ctx.clinic.languages if len(ctx.clinic.languages) > 1 else ():
            current = lang == ctx.lang
            st.button(
                ("✓ " if current else "") + t(f"common.language_names.{lang}"),
                key=f"lang_{lang}",
                type="primary" if current else "secondary",
                on_click=_set_lang,
                args=(lang,),
            )
        st.button(
            t("common.normal_text") if ctx.big_text else t("common.bigger_text"),
            key="big_text_toggle",
            icon=":material/text_decrease:" if ctx.big_text else ":material/text_increase:",
            on_click=_toggle_big_text,
        )


def footer(ctx: Context, part_done: bool = True) -> None:
    """The end of every screen: on the "Start here" path the next part (or the way
    back Home after the last one), then the line "not a diagnosis" and 911.

    ``part_done=False`` on a screen that is not the part's last (a question still
    to answer, a step still to come, a result that calls for help now): no
    "Next part" there, so nothing outranks the part's own way on.
    """
    if part_done:
        journey.next_part(ctx)
    with st.container(key="footer"):
        st.divider()
        st.caption(f"{ctx.t('common.not_diagnosis')} {ctx.t('common.emergency_line')}")


def version() -> str:
    return __version__
