"""A clinic group's kiosks and desks through a real Redis (started for this module):
a kiosk's alert reaches the desk, each clinic's desk lists only its own kiosks,
and while Redis is stopped the kiosk carries on and the desk says in words that
alerts cannot reach it, then recovers by itself when Redis is back."""
from __future__ import annotations

import pytest

from explainer.common.shared_store import registry_for
from tests.apptest.helpers import all_text, ok, run_page
from tests.apptest.test_self_check import P, reach

# Literal wording, so a change of text is a decision and not an accident.
DOWN_EN = "Alerts from the kiosks cannot reach this page right now."
DOWN_ES = "Ahora los avisos de los quioscos no pueden llegar a esta página."
SHOW_DESK_EN = "Show this screen to the front desk now."


@pytest.fixture
def group(redis_server, tmp_path, monkeypatch):
    """Point this process's clinic at the module's Redis, with a clinic of its own."""
    redis_server.flush()
    monkeypatch.setenv("EXPLAINER_REDIS_URL", redis_server.url)
    return redis_server


def _clinic_file(tmp_path, clinic_id: str):
    path = tmp_path / f"{clinic_id}.toml"
    path.write_text(f'[clinic]\nname = "Clinic {clinic_id}"\nid = "{clinic_id}"\n', encoding="utf-8")
    return str(path)


def _desk_errors(at) -> str:
    return " ".join(str(e.value) for e in at.error).replace("\\", "")  # Markdown escapes


def test_a_kiosks_alert_reaches_its_clinics_desk_only(group, tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLAINER_CLINIC_CONFIG", _clinic_file(tmp_path, "north"))
    kiosk = run_page(P, kiosk="North 1")
    reach(kiosk, "emergency")
    assert [a.kiosk for a in registry_for("north", group.url).active()] == ["North 1"]  # in Redis, not memory
    desk = run_page("desk", "en", "staff")
    assert "North 1" in all_text(desk)
    monkeypatch.setenv("EXPLAINER_CLINIC_CONFIG", _clinic_file(tmp_path, "south"))
    other = run_page("desk", "en", "staff")
    assert "North 1" not in all_text(other)
    assert not other.error


@pytest.mark.parametrize("lang, down", [("en", DOWN_EN), ("es", DOWN_ES)])
def test_redis_down_kiosk_carries_on_desk_says_so_and_recovers(group, lang, down):
    desk = run_page("desk", lang, "staff")
    assert down not in _desk_errors(desk)
    group.stop()
    try:
        kiosk = run_page(P, kiosk="Front 2")
        reach(kiosk, "emergency")  # ok() inside: no exception reached the page
        assert SHOW_DESK_EN in all_text(kiosk)  # the person is still sent to the front desk
        ok(desk.run())
        assert down in _desk_errors(desk)
    finally:
        group.start()
    ok(desk.run())
    assert down not in _desk_errors(desk)
    # Back by itself: the kiosk's next run raises the alert it could not raise before.
    ok(kiosk.run())
    ok(desk.run())
    assert "Front 2" in all_text(desk)
