"""/desk's alert cards, open and done, without a browser: each card is one keyed
container whose key says its level and state (the desk's style sheet draws an open
card and a done one differently from that key), and what is inside the card
matches its state: an open card has "I'm on it" and no acknowledgement, a done
card the time someone took it and no button. Expected words are literals."""
from __future__ import annotations

import re

import pytest

from explainer.common.alerts import REGISTRY, Level
from tests.apptest.helpers import ok, readable, run_page, walk

pytestmark = pytest.mark.usefixtures("empty_alert_registry")

WORDS = {
    "en": {"emergency": "Emergency", "urgent": "Urgent", "on_it": "I'm on it", "since": "On it since"},
    "es": {"emergency": "Emergencia", "urgent": "Urgente", "on_it": "Yo voy", "since": "Atendido desde las"},
}
CARD_KEY = re.compile(r"^desk-(emergency|urgent)-(open|done)-(.+)$")


def cards(at) -> dict[str, dict]:
    """alert id -> {level, state, text, buttons} for every card container drawn."""
    found = {}
    for node in walk(at):
        match = CARD_KEY.match(getattr(node, "key", None) or "")
        if match:
            level, state, alert_id = match.groups()
            inside = list(walk(node))
            texts = [readable(str(child.value)) for child in inside if type(child).__name__ == "Markdown"]
            buttons = [(child.key, child.label) for child in inside if type(child).__name__ == "Button"]
            found[alert_id] = {"level": level, "state": state, "text": " ".join(texts), "buttons": buttons}
    return found


@pytest.mark.parametrize("lang", ["en", "es"])
def test_new_alerts_are_drawn_as_open_cards_with_im_on_it(lang):
    w = WORDS[lang]
    urgent = REGISTRY.raise_alert("Front room", Level.URGENT)
    emergency = REGISTRY.raise_alert("Back room", Level.EMERGENCY)
    shown = cards(run_page("desk", lang, "staff"))
    assert set(shown) == {urgent, emergency}
    for alert_id, level, kiosk in ((urgent, "urgent", "Front room"), (emergency, "emergency", "Back room")):
        card = shown[alert_id]
        assert (card["level"], card["state"]) == (level, "open")
        assert w[level] in card["text"] and kiosk in card["text"]
        assert card["buttons"] == [(f"desk_on_it_{alert_id}", w["on_it"])]
        assert w["since"] not in card["text"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_acknowledged_alert_is_drawn_as_a_done_card_without_the_button(lang):
    w = WORDS[lang]
    taken = REGISTRY.raise_alert("Kiosk 1", Level.EMERGENCY)
    waiting = REGISTRY.raise_alert("Kiosk 2", Level.EMERGENCY)
    at = run_page("desk", lang, "staff")
    ok(at.button(key=f"desk_on_it_{taken}").click().run())
    shown = cards(at)
    assert (shown[taken]["level"], shown[taken]["state"]) == ("emergency", "done")
    assert shown[taken]["buttons"] == []
    assert w["since"] in shown[taken]["text"] and "Kiosk 1" in shown[taken]["text"]
    # the other one is still open, with its button
    assert shown[waiting]["state"] == "open"
    assert shown[waiting]["buttons"] == [(f"desk_on_it_{waiting}", w["on_it"])]


def test_an_alert_acknowledged_elsewhere_is_done_on_a_desk_opened_later():
    alert_id = REGISTRY.raise_alert("Sala 3", Level.URGENT)
    REGISTRY.acknowledge(alert_id)
    shown = cards(run_page("desk", "es", "staff"))
    assert shown[alert_id]["state"] == "done" and shown[alert_id]["level"] == "urgent"
    assert shown[alert_id]["buttons"] == []
    assert "Atendido desde las" in shown[alert_id]["text"]


def test_the_style_sheet_draws_done_cards_differently_from_open_ones():
    """The look comes from the card's key: the sheet has a rule for done cards."""
    from explainer import ROOT

    css = (ROOT / "assets" / "css" / "desk.css").read_text(encoding="utf-8")
    assert re.search(r'\[class\*="st-key-desk-"\]\[class\*="-done-"\]\s*\{[^}]*background', css)
