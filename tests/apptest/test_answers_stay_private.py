"""No self-check answer ever reaches stdout, stderr or any logger (Streamlit's included).

One test, independent of the order tests run in: it sets up its own capture instead of
relying on logging set-up left by earlier tests. It answers the self-check with every
question Yes and with every question No (question ids read from explainer.self_check.triage, their
wording from the content files, so a rewrite of either keeps the test honest), and
collects everything written to file descriptors 1 and 2 (capfd) and every log record at
DEBUG from the root logger and every "streamlit.*" logger, whatever their own handlers
or propagation. None of it may contain a question's wording or id, or an answer.
"""
from __future__ import annotations

import logging
import re

import pytest
import streamlit.logger as st_logger

from explainer.common.content import Content
from explainer.self_check import triage
from tests.apptest.helpers import run_page

P = "self_check"
CONTENT = Content.load()


def _question_ids() -> tuple[str, ...]:
    ids = getattr(triage, "QUESTIONS", None)
    if not ids:  # no single list: every module-level tuple of ids whose name ends in QUESTIONS
        ids = tuple(dict.fromkeys(q for name, value in vars(triage).items() if name.endswith("QUESTIONS")
                                  and isinstance(value, tuple) for q in value if isinstance(q, str)))
    assert ids, "no question ids found in explainer.self_check.triage"
    return tuple(ids)


QUESTION_IDS = _question_ids()
EMERGENCY_IDS = set(getattr(triage, "EMERGENCY_QUESTIONS", ()))


def _wording() -> set[str]:
    """Every text shown for a question (question, help, reason...) in every language."""
    texts = set()
    for strings in CONTENT.catalog.values():
        for key, value in strings.items():
            if key.startswith(f"{P}.questions."):
                texts.update([value] if isinstance(value, str) else value)
    assert len(texts) >= 2 * len(QUESTION_IDS), "the self-check's question wording was not found in the content files"
    return texts


WORDING = _wording()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is still evidence: keep its parts
            message = f"{record.msg!r} {record.args!r}"
        self.lines.append(f"{record.name} {record.levelname} {message} {record.exc_text or ''}")


@pytest.fixture
def every_log_record(monkeypatch):
    """A handler of this test's own that sees every record of the root logger and of every
    streamlit logger at DEBUG, including loggers created during the test (Streamlit's do not
    propagate and carry their own console handler)."""
    collected = _Records()
    watched = lambda name: name == "root" or name == "streamlit" or name.startswith("streamlit.")  # noqa: E731
    original_handle = logging.Logger.handle

    def handle(self, record):
        if watched(self.name):
            collected.handle(record)
        return original_handle(self, record)

    saved_levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    saved_levels["root"] = logging.root.level
    saved_global = st_logger._global_log_level
    saved_disable = logging.root.manager.disable
    logging.disable(logging.NOTSET)
    st_logger.set_log_level(logging.DEBUG)  # Streamlit's loggers, and any it creates from now on
    logging.root.setLevel(logging.DEBUG)
    for name in logging.root.manager.loggerDict:
        if watched(name):
            logging.getLogger(name).setLevel(logging.DEBUG)
    monkeypatch.setattr(logging.Logger, "handle", handle)
    try:
        yield collected
    finally:
        monkeypatch.undo()
        st_logger._global_log_level = saved_global
        for name in logging.root.manager.loggerDict:
            logging.getLogger(name).setLevel(saved_levels.get(name, saved_global if watched(name) else logging.NOTSET))
        logging.root.setLevel(saved_levels["root"])
        logging.disable(saved_disable)


def _click(at, widget) -> None:
    widget.click().run()
    assert not at.exception, [e.value for e in at.exception]


def _answer_visible(at, lang, answer_for) -> bool:
    """Answer the first question on the screen that is not answered as wanted; True if one was."""
    t = CONTENT.for_language(lang)
    words = {True: t(f"{P}.yes"), False: t(f"{P}.no")}
    for question in QUESTION_IDS:
        wanted = answer_for(question)
        # Yes/No buttons: keys that name the question and the answer.
        buttons = [b for b in at.button if question in (b.key or "")
                   and (b.key or "").endswith("_yes" if wanted else "_no")]
        if buttons:
            if not buttons[0].label.startswith("✓"):
                _click(at, buttons[0])
                return True
            continue
        # Or a choice widget (segmented control, pills, radio) keyed by the question, whose
        # values are "yes" / "no" (what a person sees is the translated word).
        for kind in ("button_group", "radio"):
            for widget in [w for w in at.get(kind) if question in (getattr(w, "key", "") or "")]:
                value = "yes" if wanted else "no"
                if widget.value != value:
                    widget.set_value(value).run()
                    assert not at.exception, [e.value for e in at.exception]
                    return True
    return False


def _go_on(at) -> bool:
    for button in at.button:
        key = button.key or ""
        if key.startswith(P) and ("next" in key or "result" in key) and not button.disabled:
            _click(at, button)
            return True
    return False


def _answer_everything(lang: str, answer_for) -> int:
    at = run_page(P, lang, "kiosk")
    answered = 0
    for _ in range(10 * len(QUESTION_IDS)):
        if _answer_visible(at, lang, answer_for):
            answered += 1
        elif not _go_on(at):
            break
    # The driver must have reached the questions: it found their controls and answered them.
    assert answered >= 1, f"no self-check question was answered in {lang}: the test drove nothing"
    return answered


def _leaks(text: str) -> list[str]:
    found = [f"wording {w!r}" for w in WORDING if len(w) >= 12 and w in text]
    found += [f"question id {q!r}" for q in QUESTION_IDS if re.search(rf"(?<![\w-]){re.escape(q)}(?![\w-])", text)]
    found += [f"answer {m.group(0)!r}" for m in re.finditer(r"['\"]\w+['\"]\s*:\s*(True|False)\b", text)]
    return found


def test_no_answer_reaches_stdout_stderr_or_any_log(capfd, every_log_record):
    policies = {
        "every question No": lambda q: False,
        "every question Yes": lambda q: True,
        # Red flags end the self-check at the first Yes: Yes to all the others, so every
        # question is answered Yes on some run.
        "Yes except the red flags": lambda q: q not in EMERGENCY_IDS,
    }
    answered = {}
    for lang in ("en", "es"):
        for name, answer_for in policies.items():
            answered[lang, name] = _answer_everything(lang, answer_for)
    # All No walks every screen: every question was answered.
    assert answered["en", "every question No"] == len(QUESTION_IDS), answered
    out, err = capfd.readouterr()
    leaks = {"stdout": _leaks(out), "stderr": _leaks(err), "log records": _leaks("\n".join(every_log_record.lines))}
    assert every_log_record.lines, "no log record was collected at DEBUG: the capture is not working"
    assert not any(leaks.values()), {where: found[:5] for where, found in leaks.items() if found}
