"""Should I get checked? Yes/No questions a few at a time, then one of three outcomes.

Rules, question ids and screens: explainer.triage. Answers live only in plain
session keys (they survive a rerun, vanish with the session or on Start
over) and are never printed, logged or written anywhere.
"""
import streamlit as st

from explainer.triage import EMERGENCY_QUESTIONS, GROUPS, Outcome, assess, reasons
from ui.nav import page_link
from ui.shell import footer, setup

# Plain session keys (widget keys would vanish when another page runs).
ANSWERS, SCREEN, DONE = "triage_answers", "triage_screen", "triage_done"
LAST_SCREEN = len(GROUPS) - 1

ctx = setup("self_check")
t = ctx.t
prefix = "self_check"


def _answers() -> dict[str, bool]:
    return dict(st.session_state.get(ANSWERS, {}))


def _answer(question: str, value: bool) -> None:
    answers = _answers()
    answers[question] = value
    st.session_state[ANSWERS] = answers
    if value and question in EMERGENCY_QUESTIONS:
        st.session_state[DONE] = True  # red flags win at once, without finishing


def _next() -> None:
    screen = st.session_state.get(SCREEN, 0)
    if screen >= LAST_SCREEN or assess(_answers()) is Outcome.EMERGENCY:
        st.session_state[DONE] = True
    else:
        st.session_state[SCREEN] = screen + 1


def _back() -> None:
    if st.session_state.get(DONE):
        st.session_state[DONE] = False  # back to the screen the outcome came from
    else:
        st.session_state[SCREEN] = max(0, st.session_state.get(SCREEN, 0) - 1)


def _start_over() -> None:
    for key in (ANSWERS, SCREEN, DONE):
        st.session_state.pop(key, None)


def _controls(show_back: bool, show_next: bool = False, can_go_on: bool = False, finishing: bool = False) -> None:
    with st.container(key=f"{prefix}-controls", horizontal=True, vertical_alignment="center"):
        if show_back:
            st.button(t(f"{prefix}.back"), key=f"{prefix}_back", icon=":material/arrow_back:", on_click=_back)
        st.button(t(f"{prefix}.start_over"), key=f"{prefix}_start_over", icon=":material/restart_alt:", on_click=_start_over)
        if show_next:
            st.space("stretch")
            st.button(
                t(f"{prefix}.see_result") if finishing else t(f"{prefix}.next"),
                key=f"{prefix}_next",
                type="primary",
                icon=":material/arrow_forward:",
                disabled=not can_go_on,
                on_click=_next,
            )


def _reason_list(answers: dict[str, bool], intro_key: str) -> None:
    ids = reasons(answers)
    if ids:
        st.markdown(f"**{t(intro_key)}**")
        st.markdown("\n".join(f"- {t(f'{prefix}.questions.{q}.reason')}" for q in ids))


def _not_diagnosis() -> None:
    st.info(t(f"{prefix}.not_diagnosis"), icon=":material/info:")


st.title(t(f"{prefix}.title"))
answers = _answers()
screen = min(max(int(st.session_state.get(SCREEN, 0)), 0), LAST_SCREEN)
outcome = assess(answers) if st.session_state.get(DONE) else None

if outcome is Outcome.EMERGENCY:
    with st.container(key=f"{prefix}-emergency"):
        st.header(t(f"{prefix}.outcomes.emergency.heading"))
        st.error(f"**{t(f'{prefix}.outcomes.emergency.call')}**", icon=":material/emergency:")
        st.markdown(f"**{t(f'{prefix}.outcomes.emergency.front_desk')}**")
    st.markdown(t(f"{prefix}.outcomes.emergency.why"))
    _reason_list(answers, f"{prefix}.outcomes.emergency.reasons_intro")
    _not_diagnosis()
    st.caption(t(f"{prefix}.source"))
    _controls(show_back=True)

elif outcome is Outcome.SEE_SOON:
    with st.container(key=f"{prefix}-see-soon"):
        st.header(t(f"{prefix}.outcomes.see_soon.heading"))
        st.warning(f"**{t(f'{prefix}.outcomes.see_soon.body')}**", icon=":material/front_hand:")
    st.markdown(t(f"{prefix}.outcomes.see_soon.why"))
    _reason_list(answers, f"{prefix}.outcomes.see_soon.reasons_intro")
    st.markdown(t(f"{prefix}.outcomes.see_soon.emergency_note"))
    _not_diagnosis()
    st.caption(t(f"{prefix}.source"))
    _controls(show_back=True)

elif outcome is Outcome.SELF_CARE:
    with st.container(key=f"{prefix}-self-care"):
        st.header(t(f"{prefix}.outcomes.self_care.heading"))
        st.success(t(f"{prefix}.outcomes.self_care.body"), icon=":material/check_circle:")
    page_link(ctx, "care", t(f"{prefix}.outcomes.self_care.care_link"), icon=":material/spa:", width="stretch")
    st.subheader(t(f"{prefix}.outcomes.self_care.come_back_heading"))
    st.markdown("\n".join(f"- {item}" for item in t.items("care.come_back")))
    _not_diagnosis()
    st.caption(t(f"{prefix}.source"))
    _controls(show_back=True)

else:
    group_id, questions = GROUPS[screen]
    if screen == 0:
        st.markdown(t(f"{prefix}.intro"))
    st.progress((screen + 1) / len(GROUPS), text=t(f"{prefix}.progress", part=screen + 1, total=len(GROUPS)))
    st.header(t(f"{prefix}.groups.{group_id}"))
    st.markdown(t(f"{prefix}.groups_intro.{group_id}"))
    for question in questions:
        given = answers.get(question)
        with st.container(key=f"{prefix}-q-{question}", border=True):
            st.markdown(f'<p class="question">{t(f"{prefix}.questions.{question}.text")}</p>', unsafe_allow_html=True)
            st.caption(t(f"{prefix}.questions.{question}.help"))
            with st.container(horizontal=True, key=f"{prefix}-yesno-{question}"):
                for value, word in ((True, "yes"), (False, "no")):
                    chosen = given is value
                    st.button(
                        ("✓ " if chosen else "") + t(f"{prefix}.{word}"),
                        key=f"{prefix}_{question}_{word}",
                        type="primary" if chosen else "secondary",
                        on_click=_answer,
                        args=(question, value),
                        width="stretch",
                    )
            if given is not None:  # the choice in words too, not only by colour
                st.caption(t(f"{prefix}.your_answer_yes") if given else t(f"{prefix}.your_answer_no"))
    all_answered = all(q in answers for q in questions)
    if not all_answered:
        st.caption(t(f"{prefix}.answer_all"))
    _controls(show_back=screen > 0, show_next=True, can_go_on=all_answered, finishing=screen == LAST_SCREEN)
    st.caption(t(f"{prefix}.privacy"))

footer(ctx)
