"""Should I get checked? Yes / No / Not sure questions a few at a time, then one of four outcomes.

Rules, question ids and screens: explainer.self_check.triage. Answers live only in plain
session keys: they survive a rerun of this page (a tap, a language change) and
are forgotten as soon as another page runs (ui.forget, called by the shell),
on Start over, and by the idle reset. They are never printed, logged or
written anywhere. Nothing is ever pre-filled: a question shows an answer only
after the person in front of it tapped one. The answer controls are segmented
controls: the chosen answer shows in the browser at once, marked by a tick and
a border (assets/css). "Not sure" counts as yes (explainer.self_check.triage.UNSURE).

One way on: a question screen offers its own Next (or "See what to do") and
nothing bigger; "Next part" of the "Start here" path shows only under a
see-soon or self-care result. An emergency or urgent result shows what to do
and "Show this screen to the front desk" first, then Back, Start over and Home.

On a kiosk, an emergency or urgent result tells the front desk (ui.alerts:
one alert per level per session, never the answers), stays on screen for the
clinic's ``alert_hold_seconds`` instead of the idle time, and says so once a
desk has answered "I'm on it".
"""
import streamlit as st

from explainer.common.alerts import Level
from explainer.common.escape import html_text, markdown_text
from explainer.common.help_lists import later_lists, now_lists
from explainer.self_check.triage import (ANSWERS_KEY, DONE_KEY, GROUPS, LEVEL_SOURCES, SCREEN_KEY, UNSURE, WIDGET_KEY_PREFIX, Action,
                              Outcome, assess, combination, emergency_action, is_final, reasons, unsure)
from ui import idle, journey
from ui.alerts import acknowledged, raise_once, rerun_on_change
from ui.forget import forget_body_map_choice, forget_self_check
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
#: The answer controls' options, and what each means for the rules.
OPTIONS = ("yes", "no", "unsure")
VALUE_OF = {"yes": True, "no": False, "unsure": UNSURE}
WORDS = {True: "yes", False: "no", UNSURE: "unsure"}

# A question page shows its own progress ("Page 1 of 7"), so the "Start here"
# header ("Part 3 of 4") shows only over a result: one progress indicator a screen.
ctx = setup(P, journey_header=bool(st.session_state.get(DONE)))
t = ctx.t


def _answers() -> dict[str, bool]:
    return dict(st.session_state.get(ANSWERS, {}))


def _screen() -> int:
    return min(max(int(st.session_state.get(SCREEN, 0)), 0), LAST_SCREEN)


def _shown_outcome() -> Outcome | None:
    return assess(_answers()) if st.session_state.get(DONE) else None


def _widget_key(question: str) -> str:
    return f"{WIDGET_KEY_PREFIX}{question}"


def _sync_hold() -> None:
    """The kiosk's idle time follows what the next screen shows (callbacks run before it is drawn)."""
    if _shown_outcome() in HELD and not ctx.staff:
        idle.hold_screen(P, ctx.clinic.alert_hold_seconds)
    else:
        idle.release_screen()


def _answered(question: str) -> None:
    value = VALUE_OF.get(st.session_state.get(_widget_key(question)))
    answers = _answers()
    if value is None:
        answers.pop(question, None)
    else:
        answers[question] = value
    st.session_state[ANSWERS] = answers
    if assess(answers) is Outcome.EMERGENCY:
        st.session_state[DONE] = True  # red flags (and a risk with new leg signs) win at once, without finishing
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
    # A fresh check, perhaps by the next person: no answer, result or body-map
    # choice of the last person stays, and a red flag now alerts the desk again
    # rather than showing an old "someone is coming".
    forget_self_check()
    if not ctx.staff:  # in staff mode the nerve level is the clinician's choice
        forget_body_map_choice()
    _sync_hold()


# -- pieces -------------------------------------------------------------------
def _controls(show_back: bool, next_label: str | None = None, can_go_on: bool = False, home: bool = False) -> None:
    """Back, Start over and (on a question screen) Next, in one row; ``home``: a way Home after a result that calls for help."""
    with st.container(key=f"{P}-controls", horizontal=True, vertical_alignment="center"):
        if show_back:
            st.button(t(f"{P}.back"), key=f"{P}_back", icon=":material/arrow_back:", on_click=_back)
        st.button(t(f"{P}.start_over"), key=f"{P}_start_over", icon=":material/restart_alt:", on_click=_start_over)
        if home:
            page_link(ctx, "home", t(f"{P}.home"), icon=":material/home:")
        if next_label:
            st.space("stretch")
            st.button(next_label, key=f"{P}_next", type="primary", icon=":material/arrow_forward:",
                      disabled=not can_go_on, on_click=_move_on)


def _reasons(answers: dict) -> None:
    ids = reasons(answers)
    not_sure = set(unsure(answers))
    if ids:
        with st.container(key=f"{P}-reasons"):
            st.markdown(f"**{t(f'{P}.reasons_intro')}**")
            st.markdown("\n".join(
                f"- {markdown_text(t(f'{P}.questions.{q}.reason'))}"
                + (f" {markdown_text(t(f'{P}.unsure_mark'))}" if q in not_sure else "")
                for q in ids))
    if not_sure:  # "Not sure" counts as yes; a person can still ask for help to decide
        with st.container(key=f"{P}-unsure"):
            st.warning(f"**{t(f'{P}.unsure_help')}**", icon=":material/help:")


def _where_from(level: Outcome) -> None:
    names = "; ".join(t(f"{P}.sources.{level.value}.{source}") for source in LEVEL_SOURCES[level])
    st.caption(f"{t(f'{P}.where_from')} {names}.")


def _education_only() -> None:
    st.info(t(f"{P}.not_diagnosis"), icon=":material/school:")


def _call_911_signs() -> None:
    """How every result but the emergency one ends: the signs to call 911 for, and
    the signs to go to the emergency room for (the app's one set of lists)."""
    with st.container(key=f"{P}-911", border=True):
        for block in now_lists(t):
            st.markdown(f"**:material/warning: {markdown_text(block.heading)}**")
            st.markdown("\n".join(f"- {markdown_text(sign)}" for sign in block.items))
            if block.note:
                st.markdown(f"**{markdown_text(block.note)}**")
        _where_from(Outcome.EMERGENCY)


def _desk_status(outcome: Outcome) -> None:
    """Kiosk only: tell the desk (once), then say whether someone is coming."""
    alert_id = raise_once(ctx, Level(outcome.value))
    known = acknowledged(alert_id, ctx.clinic)
    with st.container(key=f"{P}-desk-{'knows' if known else 'show'}"):
        if known:
            st.success(f"**{t(f'{P}.held.desk_knows')}**", icon=":material/directions_walk:")
        elif outcome is Outcome.EMERGENCY:
            st.error(f"**{t(f'{P}.outcomes.emergency.front_desk')}**", icon=":material/support_agent:")
        else:
            st.warning(f"**{t(f'{P}.held.show_desk')}**", icon=":material/support_agent:")
    if not known:  # notice "I'm on it" within seconds, without a tap
        rerun_on_change(f"{P}_ack_watch", lambda: acknowledged(alert_id, ctx.clinic), known, ACK_CHECK_EVERY)


# -- the screens --------------------------------------------------------------
def emergency(answers: dict) -> None:
    e = f"{P}.outcomes.emergency"
    with st.container(key=f"{P}-emergency"):
        st.header(f":material/warning: {t(f'{e}.heading')}")
        with st.container(key=f"{P}-emergency-actions"):
            if emergency_action(answers) is Action.CALL_911:
                st.error(f"**{t(f'{e}.call_911')}**", icon=":material/call:")
            else:  # the nerve signs: the emergency room, and not at the wheel
                st.error(f"**{t(f'{e}.emergency_room')}** {t(f'{e}.dont_drive')}", icon=":material/local_hospital:")
            if ctx.staff:
                st.error(f"**{t(f'{e}.front_desk')}**", icon=":material/support_agent:")
            else:
                _desk_status(Outcome.EMERGENCY)
    st.markdown(t(f"{e}.why_combination" if combination(answers) else f"{e}.why"))
    _reasons(answers)
    _education_only()
    _where_from(Outcome.EMERGENCY)


def urgent(answers: dict) -> None:
    u = f"{P}.outcomes.urgent"
    if not ctx.staff:
        _desk_status(Outcome.URGENT)
    with st.container(key=f"{P}-urgent"):
        st.header(f":material/medical_services: {t(f'{u}.heading')}")
        st.markdown(f"**{t(f'{u}.why')}**")  # calm first: most of these are not serious
        st.warning(f"**{t(f'{u}.body')}** {t(f'{u}.closed')}\n\n{t(f'{u}.very_ill')}", icon=":material/call:")
    _reasons(answers)
    _education_only()
    _where_from(Outcome.URGENT)
    _call_911_signs()


def see_soon(answers: dict) -> None:
    with st.container(key=f"{P}-see-soon"):
        st.header(f":material/event: {t(f'{P}.outcomes.see_soon.heading')}")
        st.info(f"**{t(f'{P}.outcomes.see_soon.body')}**", icon=":material/front_hand:")
    st.markdown(t(f"{P}.outcomes.see_soon.why"))
    _reasons(answers)
    _education_only()
    _where_from(Outcome.SEE_SOON)
    _call_911_signs()


def self_care(answers: dict) -> None:
    with st.container(key=f"{P}-self-care"):
        st.header(f":material/home_health: {t(f'{P}.outcomes.self_care.heading')}")
        st.success(t(f"{P}.outcomes.self_care.body"), icon=":material/check_circle:")
    if not journey.on_path(P):  # on the "Start here" path, "Next part: Caring for a spasm" is the way on
        page_link(ctx, "care", t(f"{P}.outcomes.self_care.care_link"), icon=":material/spa:", width="stretch")
    with st.container(key=f"{P}-come-back"):
        st.subheader(t(f"{P}.outcomes.self_care.come_back_heading"))
        for block in later_lists(t):  # the two levels below "now" (the "get help now" lists end the page)
            st.markdown(f"**{markdown_text(block.heading)}**")
            st.markdown("\n".join(f"- {markdown_text(item)}" for item in block.items))
    _education_only()
    _where_from(Outcome.SELF_CARE)
    _call_911_signs()


def questions_screen(screen: int, answers: dict) -> None:
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
                OPTIONS,
                format_func=lambda word: t(f"{P}.{word}"),
                key=key,
                on_change=_answered,
                args=(question,),
                label_visibility="collapsed",
                required=True,
                width="stretch",
            )
    if not any(q in answers and answers[q] is not False for q in questions):
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
    _controls(show_back=True, home=outcome in HELD)

# "Next part" only once the part is done, and never under a result that calls for help.
footer(ctx, part_done=outcome is not None and outcome not in HELD)
