"""ui.server.install_whole_runs: a fragment's rerun that the current script runner refused
(it has finished its run, and that run's last messages may still wait on the event loop,
which Streamlit drops once a new runner exists) becomes a whole run, which draws every
element and sends every ``run_every`` timer again. Any other request is left as it is.
The race itself, on a real server, is tests/browser/test_desk_watch_race.py; that the
launcher installs it, test_server_launcher.py."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

from ui import server


@pytest.fixture
def created(monkeypatch):
    runs: list[RerunData] = []
    monkeypatch.setattr(AppSession, "_create_scriptrunner", lambda self, data: runs.append(data))
    server.install_whole_runs()
    server.install_whole_runs()  # twice, as a second main() in one process would: one wrapper
    return runs


def _create(runner, data: RerunData) -> None:
    AppSession._create_scriptrunner(SimpleNamespace(_scriptrunner=runner), data)


def test_a_refused_fragment_rerun_runs_the_whole_page(created):
    _create(object(), RerunData(query_string="lang=en&mode=staff", fragment_id="watch", is_auto_rerun=True))
    _create(object(), RerunData(fragment_id_queue=["a", "b"], is_fragment_scoped_rerun=True))
    assert [(r.fragment_id, r.fragment_id_queue, r.is_fragment_scoped_rerun) for r in created] == [
        (None, [], False), (None, [], False)]
    assert created[0].query_string == "lang=en&mode=staff"  # the same page, in the same language and mode


def test_other_requests_are_left_as_they_are(created):
    fresh = RerunData(fragment_id="watch", is_auto_rerun=True)  # no runner: none of its messages can be lost
    whole = RerunData(query_string="lang=es")  # already a whole run
    _create(None, fresh)
    _create(object(), whole)
    assert created == [fresh, whole]

