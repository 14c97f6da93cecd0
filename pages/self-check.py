"""Should I get checked? Yes/No questions a few at a time, then one of four outcomes.

Rules, question ids and screens: explainer.triage. Answers live only in plain
session keys (they survive a rerun and a visit to another page, vanish with
the session or on Start over) and are never printed, logged or written
anywhere. The Yes/No controls are segmented controls: the chosen answer shows
in the browser at once, marked by a tick and a border (assets/css).

On a kiosk, an emergency or urgent result tells the front desk (ui.alerts:
one alert per level per session, never the answers), stays on screen for the
clinic's ``alert_hold_seconds`` instead of the idle time, and says so once a
desk has answered "I'm on it".
"""
import streamlit as st

from explainer.alerts import Level
from explainer.escape import html_text, markdown_text
from explainer.triage import (ANSWERS_KEY, DONE_KEY, GROUPS, LEVEL_OF, LEVEL_SOURCES, SCREEN_KEY, Outcome, assess,
                              is_final, reasons)
from ui import idle
from ui.alerts import RAISED, acknowledged, raise_once, rerun_on_change
from ui.nav import page_link
from ui.scroll import start_at_top
from ui.shell import footer, setup

# Plain session keys (widget keys would vanish when another page runs).
ANSWERS, SCREEN, DONE = ANSWERS_KEY, SCREEN_KEY, DONE_KEY
LAST_SCREEN = len(GROUPS) - 1
P = "self_check"
#: Results that call someone over: the kiosk alerts the desk and holds the screen.
HELD = (Outcome.EMERGENCY, Outcome.URGENT)
#: How often a held kiosk result asks whether a desk said "I'm on it" (seconds).
ACK_CHECK_EVERY = 2
WORDS = {True: "yes", False: "no"}

ctx = setup(P)
t = ctx.t


def _answers() -> dict[str, bool]:
    return dict(st.session_state.get(ANSWERS, {}))


def _screen() -> int:
    return min(max(int(st.session_state.get(SCREEN, 0)), 0), LAST_SCREEN)


def _shown_outcome() -> Outcome | None:
    return assess(_answers()) if st.session_state.get(DONE) else None


def _widget_key(question: str) -> str:
    return f"{P}_q_{question}"


def _sync_hold() -> None:
    """The kiosk's idle time follows what the next screen shows (callbacks run before it is drawn)."""
    if _shown_outcome() in HELD and not ctx.staff:
        idle.hold_screen(P, ctx.clinic.alert_hold_seconds)
    else:
        idle.release_screen()


def _answered(question: str) -> None:
    value = {"yes": True, "no": False}.get(st.session_state.get(_widget_key(question)))
    answers = _answers()
    if value is None:
        answers.pop(question, None)
    else:
        answers[question] = value
    st.session_state[ANSWERS] = answers
    if value and LEVEL_OF[question] is Outcome.EMERGENCY:
        st.session_state[DONE] = True  # red flags win at once, without finishing
    _sync_hold()


def _move_on() -> None:
    if _screen() >= LAST_SCREEN or is_final(_answers()):
        st.session_state[DONE] = True
    else:
        st.session_state[SCREEN] = _screen() + 1
    _sync_hold()


def _none_of_these(questions: tuple[str, ...]) -> None:
    answers = _answers()
    for question in questions:
        answers[question] = False
        st.session_state[_widget_key(question)] = "no"
    st.session_state[ANSWERS] = answers
    _move_on()


def _back() -> None:
    if st.session_state.get(DONE):
        st.session_state[DONE] = False  # back to the screen the result came from
    else:
        st.session_state[SCREEN] = max(0, _screen() - 1)
    _sync_hold()


def _start_over() -> None:
    # A fresh check, perhaps by the next person: a red flag now alerts the desk
    # again rather than showing an old "someone is coming".
    for key in (ANSWERS, SCREEN, DONE, RAISED, *(_widget_key(q) for q in LEVEL_OF)):
        st.session_state.pop(key, None)
    _sync_hold()


# -- pieces -------------------------------------------------------------------
def _controls(show_back: bool, next_label: str | None = None, can_go_on: bool = False) -> None:
    """Back, Start over and (on a question screen) Next, in one row."""
    with st.container(key=f"{P}-controls", horizontal=True, vertical_alignment="center"):
        if show_back:
            st.button(t(f"{P}.back"), key=f"{P}_back", icon=":material/arrow_back:", on_click=_back)
        st.button(t(f"{P}.start_over"), key=f"{P}_start_over", icon=":material/restart_alt:", on_click=_start_over)
        if next_label:
            st.space("stretch")
            st.button(next_label, key=f"{P}_next", type="primary", icon=":material/arrow_forward:",
                      disabled=not can_go_on, on_click=_move_on)


def _reasons(answers: dict[str, bool]) -> None:
    ids = reasons(answers)
    if ids:
        with st.container(key=f"{P}-reasons"):
            st.markdown(f"**{t(f'{P}.reasons_intro')}**")
            st.markdown("\n".join(f"- {t(f'{P}.questions.{q}.reason')}" for q in ids))


def _where_from(level: Outcome) -> None:
    names = "; ".join(t(f"{P}.sources.{level.value}.{source}") for source in LEVEL_SOURCES[level])
    st.caption(f"{t(f'{P}.where_from')} {names}.")


def _education_only() -> None:
    st.info(t(f"{P}.not_diagnosis"), icon=":material/school:")


def _call_911_signs() -> None:
    """How every result but the emergency one ends: the six signs to call 911 for."""
    with st.container(key=f"{P}-911", border=True):
        st.markdown(f"**:material/warning: {t('emergency.heading')}**")
        st.markdown("\n".join(f"- {sign}" for sign in t.items("emergency.signs")))
        _where_from(Outcome.EMERGENCY)


def _desk_status(outcome: Outcome) -> None:
    """Kiosk only: tell the desk (once), then say whether someone is coming."""
    alert_id = raise_once(ctx, Level(outcome.value))
    known = acknowledged(alert_id)
    with st.container(key=f"{P}-desk-{'knows' if known else 'show'}"):
        if known:
            st.success(f"**{t(f'{P}.held.desk_knows')}**", icon=":material/directions_walk:")
        elif outcome is Outcome.EMERGENCY:
            st.error(f"**{t(f'{P}.outcomes.emergency.front_desk')}**", icon=":material/support_agent:")
        else:
            st.warning(f"**{t(f'{P}.held.show_desk')}**", icon=":material/support_agent:")
    if not known:  # notice "I'm on it" within seconds, without a tap
        rerun_on_change(f"{P}_ack_watch", lambda: acknowledged(alert_id), known, ACK_CHECK_EVERY)


# -- the screens --------------------------------------------------------------
def emergency(answers: dict[str, bool]) -> None:
    with st.container(key=f"{P}-emergency"):
        st.header(f":material/warning: {t(f'{P}.outcomes.emergency.heading')}")
        with st.container(key=f"{P}-emergency-actions"):
            st.error(f"**{t(f'{P}.outcomes.emergency.call')}**", icon=":material/call:")
            if ctx.staff:
                st.error(f"**{t(f'{P}.outcomes.emergency.front_desk')}**", icon=":material/support_agent:")
            else:
                _desk_status(Outcome.EMERGENCY)
    st.markdown(t(f"{P}.outcomes.emergency.why"))
    _reasons(answers)
    _education_only()
    _where_from(Outcome.EMERGENCY)


def urgent(answers: dict[str, bool]) -> None:
    if not ctx.staff:
        _desk_status(Outcome.URGENT)
    with st.container(key=f"{P}-urgent"):
        st.header(f":material/medical_services: {t(f'{P}.outcomes.urgent.heading')}")
        st.warning(f"**{t(f'{P}.outcomes.urgent.body')}** {t(f'{P}.outcomes.urgent.closed')}", icon=":material/call:")
    st.markdown(t(f"{P}.outcomes.urgent.why"))
    _reasons(answers)
    _education_only()
    _where_from(Outcome.URGENT)
    _call_911_signs()


def see_soon(answers: dict[str, bool]) -> None:
    with st.container(key=f"{P}-see-soon"):
        st.header(f":material/event: {t(f'{P}.outcomes.see_soon.heading')}")
        st.info(f"**{t(f'{P}.outcomes.see_soon.body')}**", icon=":material/front_hand:")
    st.markdown(t(f"{P}.outcomes.see_soon.why"))
    _reasons(answers)
    _education_only()
    _where_from(Outcome.SEE_SOON)
    _call_911_signs()


def self_care(answers: dict[str, bool]) -> None:
    with st.container(key=f"{P}-self-care"):
        st.header(f":material/home_health: {t(f'{P}.outcomes.self_care.heading')}")
        st.success(t(f"{P}.outcomes.self_care.body"), icon=":material/check_circle:")
    page_link(ctx, "care", t(f"{P}.outcomes.self_care.care_link"), icon=":material/spa:", width="stretch")
    with st.container(key=f"{P}-come-back"):
        st.subheader(t(f"{P}.outcomes.self_care.come_back_heading"))
        for level in ("soon", "today"):  # the two levels below 911 (the 911 signs end the page)
            st.markdown(f"**{markdown_text(t(f'emergency.{level}_heading'))}**")
            st.markdown("\n".join(f"- {markdown_text(item)}" for item in t.items(f"emergency.{level}_signs")))
    _education_only()
    _where_from(Outcome.SELF_CARE)
    _call_911_signs()


def questions_screen(screen: int, answers: dict[str, bool]) -> None:
    group_id, questions = GROUPS[screen]
    if screen == 0:
        st.markdown(t(f"{P}.intro"))
    st.progress((screen + 1) / len(GROUPS), text=t(f"{P}.progress", part=screen + 1, total=len(GROUPS)))
    st.header(t(f"{P}.groups.{group_id}"))
    st.markdown(t(f"{P}.groups_intro.{group_id}"))
    for question in questions:
        key = _widget_key(question)
        wanted = WORDS.get(answers.get(question))
        if st.session_state.get(key) != wanted:
            st.session_state[key] = wanted  # the plain key is the truth; the control follows it
        with st.container(key=f"{P}-q-{question}", border=True):
            text = t(f"{P}.questions.{question}.text")
            st.markdown(f'<p class="question">{html_text(text)}</p>', unsafe_allow_html=True)
            st.markdown(f'<p class="question-help">{html_text(t(f"{P}.questions.{question}.help"))}</p>', unsafe_allow_html=True)
            st.segmented_control(
                text,
                ("yes", "no"),
                format_func=lambda word: t(f"{P}.{word}"),
                key=key,
                on_change=_answered,
                args=(question,),
                label_visibility="collapsed",
                required=True,
                width="stretch",
            )
    if not any(answers.get(q) for q in questions):
        st.button(t(f"{P}.none_of_these"), key=f"{P}_none", icon=":material/block:", width="stretch",
                  on_click=_none_of_these, args=(questions,))
    all_answered = all(q in answers for q in questions)
    finishing = screen == LAST_SCREEN or (all_answered and is_final(answers))
    if not all_answered:
        st.markdown(f'<p class="next-reason">{html_text(t(f"{P}.answer_all"))}</p>', unsafe_allow_html=True)
    _controls(show_back=screen > 0, next_label=t(f"{P}.see_result") if finishing else t(f"{P}.next"), can_go_on=all_answered)
    # Honest on a kiosk: an emergency or urgent result there alerts the front desk.
    st.caption(t(f"{P}.privacy" if ctx.staff else f"{P}.privacy_kiosk"))


# -- draw ---------------------------------------------------------------------
answers = _answers()
screen = _screen()
outcome = _shown_outcome()
start_at_top(f"{P}:{outcome.value if outcome else screen}")
st.title(t(f"{P}.title"))

if outcome is None:
    questions_screen(screen, answers)
else:
    {
        Outcome.EMERGENCY: emergency,
        Outcome.URGENT: urgent,
        Outcome.SEE_SOON: see_soon,
        Outcome.SELF_CARE: self_care,
    }[outcome](answers)
    _controls(show_back=True)

footer(ctx)
